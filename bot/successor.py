"""Successor questions: "Who replaced Linton Brooks?", "Who became prime minister after
Thaksin?". The report of the predecessor leaving is close to such a question in words and
names new people ("Boisclair announced his resignation … the National Assembly of Quebec";
"Samuel Bodman asked for Brooks' resignation"), yet never says who came next; only a sentence
that names someone by full name taking a post does ("to be replaced by current director
Theodore Solso", "giving his post to … Jose Ramos Horta")."""

from __future__ import annotations

import re

from index.stopwords import STOPWORDS

_QUESTION = re.compile(
    r"\b(replac(e|es|ed|ing)|succe(ed|eds|eded|eding|ssor)|in place of|"
    # "took over as leader", "took over from X" ("who took over the embassy?" is a seizure)
    r"(take|takes|took|taken|taking) over (as|from)\b)\b|"
    # a post taken after someone ("… after Thaksin Shinawatra", "… when Dan Akerson stepped
    # down"); not "named after Bill Clinton", nor "became famous after Woodstock"
    r"\b(became|become|becomes|named|appointed|elected|chosen|picked|sworn in|installed)\b"
    r"(?!\s+after)(?=.*\b(after|when)\s+"
    r"((?-i:[A-Z][\w'’-]+\s+[A-Z])|(?-i:[A-Z]).*\b(resign|quit|left|leav|stepp|step|died|"
    r"ousted|retir|dismiss|fired|sacked|removed)))",
    re.I,
)
# Someone taking a post: "to be replaced by Theodore Solso", "was sworn in", "the new premier",
# "interim leader", "his successor" ("new" in lower case: "New York" takes no post).
_TAKING = re.compile(
    r"\b((?i:replac\w*|succe(ed|eds|eded|eding|ssors?|ssion)|in place of|(take|takes|took|"
    r"taken|taking) over|named|appoint\w*|(re-?)?elected|sworn|interim|acting|caretaker|"
    r"became|become|becomes|chosen|picked|nominat\w*|install\w*|inaugurat\w*|designate|heir|"
    r"stepp?(ed|ing)? in|(gave|giving|give|gives|hand|hands|handed|handing|passed|passing) "
    r"(over )?(his|her|their|the) (post|job|office|seat|role|position|title|crown))|new)\b"
)
# A name of two or more capitalised words: "Theodore Solso", "Pope Benedict XVI"; not one
# that ends as an institution's does ("the Quebec National Assembly"), nor a "New …" place.
_FULL_NAME = re.compile(r"(?<![\w'’-])(?!New\s)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]*)+")
_INSTITUTION = re.compile(
    r"\b(assembly|parliament|party|council|committee|commission|ministry|department|court|"
    r"university|agency|bank|company|corporation|corp|inc|ltd|association|union|organi[sz]ation|"
    r"government|administration|house|senate|congress|church|cathedral|province|state|states|"
    r"kingdom|republic|office|service|forces?|army|police|times|post|news|airlines?)\W*$",
    re.I,
)


# Words at most between a word of taking a post and the name taking it: "to be replaced by
# current director Theodore Solso", "giving his post to the former foreign and defence
# minister, Jose Ramos Horta".
NEAR = 10


# Who appoints rather than is appointed: "Pope Benedict XVI, who had appointed Wielgus",
# "…, who last month appointed him" (not "Smith, who was appointed in May", nor a headline's
# "Nycz appointed Archbishop of Warsaw").
_APPOINTER = re.compile(r"\s*,\s*who\s+(?!(?:was|were|is|are|had been|has been|be)\b)(\w+\s+){0,3}")
_APPOINTING = re.compile(r"(?i:appoint(ed|s|ing)|nam(ed|es|ing)|nominat(ed|es|ing)|picked|"
                         r"install(ed|s|ing))")


def _near(taking: re.Match[str], name: re.Match[str], sentence: str) -> bool:
    if taking.end() <= name.start():
        between = sentence[taking.end() : name.start()]
    else:
        between = sentence[name.end() : taking.start()]
        if _APPOINTER.fullmatch(between) and _APPOINTING.fullmatch(taking.group(0)):
            return False
        if between.lstrip().startswith(",") and between.count(",") >= 2:
            # the name's apposition is no distance: "Jane Doe, a 25-year veteran of the
            # company who ran its European arm, was named chief executive"
            between = between[between.rfind(",") + 1 :]
    return ";" not in between and len(re.findall(r"[\w'’-]+", between)) <= NEAR


def asks_for_successor(question: str) -> bool:
    return bool(_QUESTION.search(question))


def successor_names(sentence: str) -> list[list[str]]:
    """The full names (as words) a sentence introduces beside a word of taking a post, in
    the same clause and at most NEAR words from it; none when it has no such word. The
    caller drops the ones the question already gives. ("He later became a cabinet minister
    twice; from 1996 to 2001 under PQ premier Lucien Bouchard": Bouchard took no post there.)
    """
    takings = list(_TAKING.finditer(sentence))
    if not takings:
        return []
    opening = len(sentence) - len(sentence.lstrip(" \"“‘'"))
    names = []
    for m in _FULL_NAME.finditer(sentence):
        if _INSTITUTION.search(m.group(0)) or not any(_near(t, m, sentence) for t in takings):
            continue
        words = m.group(0).split()
        if m.start() == opening and words[0].lower() in STOPWORDS:
            words = words[1:]  # "The Pope …" opening the sentence
        if len(words) >= 2:
            names.append(words)
    return names
