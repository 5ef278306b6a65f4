"""Follow-up questions in a chat: whether a question leans on the previous one ("how many took
part?", "what did her father do?"), and what of the previous question it leans on."""

from __future__ import annotations

import calendar
import re
from typing import TYPE_CHECKING

from bot.question import MONTH_NAMES, NOT_PEOPLE, YEAR
from bot.rank import held
from index.stopwords import STOPWORDS
from index.terms import query_terms, stem_all

if TYPE_CHECKING:
    from bot.reply import Citation
    from index.search import Index

_WH = re.compile(r"\s*(who|whom|what|when|where|why|which|how)\b", re.I)
_PERSON_PRONOUN = re.compile(r"\b(he|him|his|she|her|hers)\b", re.I)
_FULL_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+")


def _full_names(text: str) -> list[str]:
    """The runs of capitalised words: a question's first word is none of them ("Did Mexico"),
    but the person a follow-up was resolved with opens it ("Mario Draghi how old is he?")."""
    out = []
    for m in _FULL_NAME.finditer(text):
        if m.start() == 0 and _opening(m.group(0)):
            words = m.group(0).split()[1:]
            if len(words) >= 2:
                out.append(" ".join(words))
            continue
        out.append(m.group(0))
    return out
_PRONOUNS = frozenset(
    {"he", "she", "it", "they", "her", "his", "him", "their", "them"}
    | {"that", "this", "those", "these", "there"}
)


# "and when?", "so why?": a conjunction opening a question says it goes on from the last one.
_LEAD = re.compile(r"^\s*(and|but|so|then|also)\b[\s,]*", re.I)
# "What about Georgia?" after "How many were killed in Kenya's violence?": the same question,
# of another place or person.
_ABOUT = re.compile(r"^\s*(?:(?:and|but|so)\s+)?(?:what|how)\s+about\s+(.+?)[\s?.!]*$", re.I)
# The name a "what about" replaces: the first capitalised run after the question's first word,
# with its possessive ("Kenya's" → "Georgia's").
_NAME_RUN = re.compile(r"(?<!^)(?<![\w'’-])[A-Z][\w'’-]*?(?:\s+[A-Z][\w'’-]*?)*(?=['’]s\b|\b)")
# How much of a chain of follow-ups the next one leans on (a chat's whole history would drown
# the question).
_KEEP = 300


# A time "what about" may name: "2023", "January 2024" (a month alone may be a name: "What
# about May?" after a question on Boris Johnson is Theresa May).
_TIME = re.compile(rf"\b(?:(?i:{MONTH_NAMES})\.?\s+)?{YEAR.pattern}")


def is_time(text: str) -> bool:
    """Whether a "what about X?" names a time (a year in it) rather than a place or a
    person."""
    return bool(re.fullmatch(rf"(?:(?:in|on|during)\s+)?(?:{_TIME.pattern})", text.strip(),
                             flags=re.I))


def about_whom(question: str) -> str | None:
    """The X of a "what about X?" question, else None."""
    m = _ABOUT.match(question)
    return m.group(1) if m else None


def about(question: str, previous: str) -> str | None:
    """The question a "what about X?" asks: the previous one, of X ("How many were killed in
    Georgia's violence?"); the previous one with X added when it names nobody. None for any
    other question."""
    m = _ABOUT.match(question)
    if not m:
        return None
    other, previous = m.group(1), previous.split(ANSWERED)[0].strip()
    if is_time(other):
        # "what about 2023?" after "How much did it cost in 2022?": the time, not a name
        other = re.sub(r"^(in|on|during)\s+", "", other, flags=re.I)
        # the year for a year ("on 20 March 2024" keeps its day: "on 20 March 2023"), the
        # month and year for a month and year
        pattern = YEAR if YEAR.fullmatch(other) else _TIME
        times = [t for t in pattern.finditer(previous)
                 if pattern is YEAR or not re.search(r"\d\s*$", previous[: t.start()])]
        if times:
            last = times[-1]
            return previous[: last.start()] + other + previous[last.end() :]
        return f"{previous.rstrip('?. ')} in {other}?"
    # the last question of a chain names whom it is about ("What did Bush say about the
    # test? and what did China call it?" — then "what about Japan?" is Japan calling it)
    last = max(previous.rstrip("?. ").rfind("? ") + 2, 0)
    name = _name_after(previous, last) or _name_after(previous, 0)
    if name is None:
        return f"{previous.rstrip('?. ')} {other}?"
    return previous[: name.start()] + other + previous[name.end() :]


def _name_after(text: str, start: int) -> re.Match[str] | None:
    """The first capitalised run from `start` that is no question's opening word ("What
    did China call it?": "China")."""
    for m in _NAME_RUN.finditer(text, start):
        if m.start() == start and _opening(m.group(0)):
            continue
        return m
    return None


def _opening(words: str) -> bool:
    """Whether a capitalised run opens with a word of grammar ("What", "Who's", "Did")."""
    return re.split(r"['’\s]", words, maxsplit=1)[0].lower() in STOPWORDS


# Between a question and the people its answer named, in what a follow-up leans on: "he" in
# the next question is the one the answer named ("Who replaced Brooks?" — "Coulson …"; "how
# old is he?"), not the one the question did.
ANSWERED = " — answered: "
_CAPITALISED = re.compile(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")
_NOT_PEOPLE = frozenset(w.lower() for w in [*calendar.day_name, *calendar.month_name[1:]])


def resolved(question: str, context: str | None, named: str = "") -> str:
    """What a question was taken as, for the next follow-up to lean on: "why did he resign?"
    after "Who resigned as attorney general?" then "and when?" is still about the one who
    resigned, not about whatever "and when?" alone would name. `named`: the people the
    answer named (see `answer_names`), kept whole at the end."""
    text = f"{context} {question}" if context else question
    text = text.split(ANSWERED)[0] if named else text  # the last answer's people give way
    tail = f"{ANSWERED}{named}"[: _KEEP // 2] if named else ""
    return text[-(_KEEP - len(tail)) :] + tail


def _bare(word: str) -> str:
    """The word lower-cased without its possessive ("Sarkozy's" → "sarkozy"; "Nicolas" stays)."""
    return re.sub(r"['’]s$", "", word).lower()


def answer_names(question: str, quote: str | list[str]) -> str:
    """The full names a "who" question's answering quote gives that the question did not
    ("President Claudia Sheinbaum" from "… to aid President Claudia Sheinbaum …" for "Who
    declined Trump's offer?"); the empty string when it gives none. Of quotes best first, the
    first that gives any."""
    if isinstance(quote, list):
        return next((n for q in quote if (n := answer_names(question, q))), "")
    asked = {_bare(w) for w in re.findall(r"[\w'’-]+", question)}
    names = []
    for run in _CAPITALISED.findall(quote):
        if any(_bare(w) in asked for w in run.split()):
            continue  # the question's own person ("President Donald Trump")
        if stem_all([run.split()[-1].lower()])[0] in NOT_PEOPLE:
            continue  # an office, a body or a place ("Attorney General", "US Senate")
        words = [w for w in run.split() if w.lower() not in STOPWORDS | _NOT_PEOPLE]
        name = " ".join(words)
        # A person has a full name ("Shawn Graham"); "Liberals" or "Tories" is no "he".
        if len(words) >= 2 and name not in names:
            names.append(name)
    return ", ".join(names[:3])


def antecedent(question: str, previous: str) -> str:
    """What of the previous question a follow-up leans on: for "he"/"she", the people it
    named ("Who replaced him as chairman?" after "What did Victor Hale call the walkout?" is
    about Victor Hale, not the walkout); otherwise all of it ("how many took part?")."""
    people, rest = _antecedent(question, previous)
    return " ".join(w for w in (people.replace(",", ""), rest) if w)


def referents(question: str, previous: str) -> str:
    """The people a follow-up's "he" or "she" stands for, of what `antecedent` returns: the
    question's subject as much as its own words are, where the rest of the previous question
    only says what the story was. Comma-separated full names."""
    return _antecedent(question, previous)[0]


def _antecedent(question: str, previous: str) -> tuple[str, str]:
    if ANSWERED in previous:
        previous, named = previous.rsplit(ANSWERED, 1)
        if _PERSON_PRONOUN.search(question):
            # … and the places and people the question named, which say what it was about
            asked = _full_names(previous.strip()) or [previous.strip()]
            return named, " ".join(asked)
    if _PERSON_PRONOUN.search(question):
        # (a person's full name, its titles aside: not "New Jersey" of "Which New Jersey
        # investor was charged?")
        names = [n for n in _full_names(previous.strip()) if _a_person(n)]
        if names:
            return ", ".join(names), ""
    return "", previous


def _a_person(name: str) -> bool:
    """Whether a run of capitalised words may be a person's full name: two words at least
    after the titles and place words that open it ("Prime Minister Gordon Brown", not "New
    Jersey", "United States")."""
    words = name.split()
    while words and stem_all([words[0].lower()])[0] in NOT_PEOPLE:
        words = words[1:]
    return len(words) >= 2


def stands_alone(question: str) -> bool:
    """Whether a question taken for a follow-up only for being short could be asked alone: it
    has no pronoun, no opening "and"/"so", and a noun of its own after an article ("Who
    appointed the mediator?", not "who won?" or "how many took part?")."""
    if _LEAD.match(question) or _PERSON_PRONOUN.search(question):
        return False
    words = [w.strip("?.,!").lower() for w in question.split()]
    if any(w in _PRONOUNS for w in words):
        return False
    # a verb of its own after the wh-word ("Who appointed …"), not a copula or an auxiliary
    # whose subject is the noun ("What was the result?" is the last story's result)
    if len(words) < 2 or words[1] in _AUXILIARY:
        return False
    return any(a in ("the", "a", "an") and i + 1 < len(words) for i, a in enumerate(words))


def names_its_own(question: str, context: str) -> bool:
    """Whether a question taken for a follow-up only for its opening "and"/"so" names two
    things the context does not, and no one by pronoun: it may be a question of its own ("and
    what did mead johnson say?" after an unanswered "what lot number was pulled?" abstained
    three times in a trial's chat). ("when will troops withdraw?" after a question on Romania's
    soldiers is the same story's.)"""
    if not _LEAD.match(question):
        return False
    words = {w.strip("?.,!'’").lower() for w in question.split()}
    if words & (_PRONOUNS | {"its", "hers", "theirs"}):
        return False
    known = set(stem_all(query_terms(context)))
    return len([t for t in stem_all(query_terms(_LEAD.sub("", question))) if t not in known]) >= 2


def a_name_of_its_own(question: str, context: str) -> bool:
    """Whether the question names someone or something the context does not, capitalised
    after its first word ("has Colbert had other things named after him?" after a question
    on Venezuela abstained, read as its follow-up; asked alone it was answered)."""
    known = {_bare(w) for w in re.findall(r"[\w'’-]+", context)}
    return any(
        _bare(w) not in known and _bare(w) not in STOPWORDS
        for m in _NAME_RUN.finditer(question)
        for w in m.group(0).split()
        if not (m.start() == 0 and _opening(m.group(0)))
    )


_AUXILIARY = frozenset({
    "is", "are", "was", "were", "be", "been", "am", "did", "do", "does", "has", "have", "had",
    "will", "would", "can", "could", "should", "may", "might", "must",
})


def needs_context(question: str) -> bool:
    """A follow-up leans on the previous question: short, with a pronoun or "it"/"that", or
    so short that it names nothing ("how many took part?", "who won?"; a year or a day is
    something)."""
    if _LEAD.match(question):
        return True
    words = question.split()
    # (up to six words without an article: "how many people have been killed?" after a
    # question on Kenya; "What did the union decide?" names a union of its own; but "what
    # could the penalty be?", one word of its own, is the story's penalty)
    short = len(words) <= 4 or (
        len(words) <= 6
        and (not {w.lower() for w in words} & {"the", "a", "an"} or len(query_terms(question)) <= 1)
    )
    if (
        short
        and _WH.match(question)
        and not any(w[:1].isupper() for w in words[1:])
        and not YEAR.search(question)  # "What happened on 2025/05/05?" names a time
        and len(query_terms(question)) <= 2
    ):
        return True
    words = question.lower().split()
    return len(words) <= 12 and any(w.strip("?.,!") in _PRONOUNS for w in words)


def mentions(index: Index, citations: list[Citation], name: str) -> bool:
    """Whether every cited article names `name` (any form of each of its words): "What about
    Georgia?" after a question on Kenya's violence is answered only from an article that
    names Georgia."""
    wanted = stem_all(query_terms(name))
    for article_id, title in {(c.article_id, c.title) for c in citations}:
        found = index.article(article_id)
        if len(held(wanted, f"{title} {found[2] if found else ''}")) < len(wanted):
            return False
    return True
