"""Who a yes/no question is about, and whether a sentence speaks of them: the subject a
verdict's quote must name ("Did Marta Okafor resign?" is not settled by "Daniel Reyes
resigned") and the words a figure's change must follow ("Did the Dow Jones rise?" — "the Dow
Jones Industrial Average yesterday fell"). Apart from bot/yesno so that the verdict's rules
stay one module's reading."""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from bot.answer_phrase import BODIES
from bot.clauses import TOKEN, Text
from bot.peoples import named_in
from bot.question import AUXILIARIES, main_clause
from index.stopwords import STOPWORDS
from index.terms import stem_all, verb_forms

_AUX_WORD = re.compile(rf"^\s*(?:{AUXILIARIES})\s+(?:the\s+|a\s+|an\s+)?([\w'’-]+)", re.I)


def subject_word(question: str) -> str | None:
    """The stem of the first word after the auxiliary: "Did the union accept …?" — "union"."""
    m = _AUX_WORD.match(question)
    return stem_all([m.group(1).lower().removesuffix("'s").removesuffix("’s")])[0] if m else None


TITLES = frozenset(
    {
        "president", "minister", "prime", "premier", "chancellor", "secretary", "general",
        "senator", "governor", "mayor", "king", "queen", "prince", "princess", "pope",
        "chairman", "chief", "director", "judge", "justice", "mr", "mrs", "ms", "dr", "sir",
        "lord", "lady", "sheikh", "ambassador", "commissioner",
    }
)
_NAMED_SUBJECT = re.compile(
    rf"^\s*(?i:{AUXILIARIES})\s+((?:[A-Z][\w'’-]*\s+){{0,3}}[A-Z][\w'’-]*?)(?:['’]s)?\s+[a-z]"
)


def speaks_of_subject(question: str, texts: Sequence[str]) -> bool:
    """Whether the evidence is about the person or body the yes/no question names as its
    subject: "Did Marta Okafor resign?" is not answered by "Transport Minister Daniel Reyes
    resigned": the evidence must name the surname. True when the subject is no full name
    ("Did the talks fail?"): a noun has too many other words for it."""
    m = _NAMED_SUBJECT.match(main_clause(question))
    # A person's full name only: a single name is often a capital standing for its government
    # ("Did Moscow commit to …?" — "Russia agreed …"), and "US" has many other names. A title
    # before it ("Minister", "President") is no part of it.
    if not m or m.group(1).isupper():
        return True
    tokens = TOKEN.findall(m.group(1))
    words = [w for w in tokens if w.lower() not in TITLES]
    if not words or (len(words) < 2 and len(tokens) == len(words)):
        return True  # a single name with no title before it
    surname = stem_all([words[-1].lower()])[0]
    said: set[str] = set()
    for text in texts:
        # (a possessive names its owner: "Ismail Haniyeh's government denies …")
        words = [w.removesuffix("'s").removesuffix("’s") for w in TOKEN.findall(text.lower())]
        said |= set(stem_all(words))
    return surname in said


def aimed_at(subject: str, t: Text, end: int) -> bool:
    """Whether the question's subject stands right after a refusal, in its clause, as its
    object or the object's owner ("rejected the union's demand"; not "rejected it, union
    officials said"). ("The army defeated the rebels" still answers "did the rebels win?":
    there the object is the loser.)"""
    limit = min(end + 40, t.clause(end, end)[1])
    following = TOKEN.findall(t.s, end, limit)[:3]
    return subject in stem_all([w.removesuffix("'s").removesuffix("’s") for w in following])


SUBJECT_RUN = re.compile(
    rf"^\s*(?i:{AUXILIARIES})\s+(?i:the\s+)?((?:[A-Z][\w'’-]*\s+){{0,3}}[A-Z][\w'’-]*)"
)
_POSSESSED = re.compile(rf"^\s*(?:{AUXILIARIES})\s+(?:the\s+)?[\w-]+['’]s\s+([\w-]+)", re.I)


@dataclass(frozen=True)
class Heads:
    """The subject's stems a figure may follow, and the 5-letter prefixes of its name's words
    (a place's people: "Did Russia lower …?" — "the Russian government has raised"; only
    names, since "inter" would make "International oil prices fell" about interest rates)."""

    stems: frozenset[str]
    names: frozenset[str]


def heads_of(question: str) -> Heads:
    """The first word after the auxiliary; after a possessive, the noun it owns ("Did
    Venezuela's economy grow?" — "the country's economy contracted"); and the words of a
    capitalised subject ("Did the Dow Jones rise?" — "Jones … fell"; not in a question typed
    all in capitals)."""
    subject = subject_word(question)
    owned = _POSSESSED.match(question)
    named = None if question.isupper() else SUBJECT_RUN.match(question)
    run = [w for w in TOKEN.findall(named.group(1)) if w.lower() not in STOPWORDS] if named else []
    names = stem_all([w.lower().removesuffix("'s").removesuffix("’s") for w in run])
    words = [*(stem_all([owned.group(1).lower()]) if owned else []), *names]
    return Heads(
        frozenset(s for s in (subject, *words) if s),
        frozenset(n[:5] for n in names if len(n) > 5),
    )


def led_by(heads: Heads, t: Text, start: int) -> bool:
    """Whether one of the question's subject words is among the four words before s[start]."""
    if not heads.stems:
        return False
    i = bisect_left(t.words, (start,))
    return any(
        stem in heads.stems or stem[:5] in heads.names
        for _, _, stem in t.words[max(0, i - 4) : i]
    )


def names_subject(question: str, texts: list[str]) -> bool:
    """Whether the texts name the question's subject in any form ("Mexican" for "Mexico"),
    single names included (unlike `speaks_of_subject`, which a stance in the question's own
    words answers for): what a stance taken only through the lexicon must do ("Did Mexico
    accept US troops?" is not settled by "The U.S. Senate passed the treaty"). True when it
    has none: nobody in particular, an abbreviation ("Did the U.S. …?")."""
    question = main_clause(question)
    named = [w for w in TOKEN.findall(m.group(1)) if w.lower() not in TITLES and not w.isupper()
             ] if (m := SUBJECT_RUN.match(question)) else []
    # A name by its last word ("Did President Obama sign …?" — "Obama vetoed it"); else the
    # subject noun, unless it is nobody in particular or an abbreviation ("Did the U.S. …?")
    subject = stem_all([named[-1].lower()])[0] if named else subject_word(question)
    if m and not named:
        return True
    if subject is None or subject in STOPWORDS or subject in _ANYONE or len(subject) <= 2:
        return True  # "Was anybody hurt?" — "There were no injuries"
    said = {w for text in texts for w in stem_all(TOKEN.findall(text.lower()))}
    return subject in said or (len(subject) > 5 and subject[:5] in {w[:5] for w in said})


_ANYONE = frozenset(stem_all(["anybody", "anyone", "somebody", "someone", "everybody",
                              "everyone", "nobody", "anything", "something", "people"]))


_OPENING_NAME = re.compile(r"^\W*((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)")
# A person's pronoun; not "they", which stands for a country or a party as often as not
# ("Nin said that they will monitor …": Uruguay's government, not Nin)
_PRONOUN = frozenset({"he", "she"})


def done_by_other(question: str, said: str, predicate: Sequence[str]) -> bool:
    """Whether the quote says the predicate of someone else than the named subject: through a
    pronoun for the person its sentence opens with ("Did Mugabe withdraw from the runoff?" —
    "Tsvangirai had been the only candidate facing Mugabe in the run-off, before he announced
    … that he was withdrawing" was a "Yes."). False when the question names nobody, or a
    clause saying the predicate names the subject itself."""
    m = SUBJECT_RUN.match(main_clause(question))
    named = [w for w in TOKEN.findall(m.group(1)) if w.lower() not in TITLES] if m else []
    opening = _OPENING_NAME.match(said)
    if not named or question.isupper() or not opening:
        return False
    subject = _name_stem(named[-1])
    run = opening.group(1).split()
    if run[0].lower() in _NO_NAME or run[0].lower() in STOPWORDS:
        return False  # "Earlier this month, …", "On Sunday, he …": no name opens it
    words = [w.removesuffix("'s").removesuffix("’s") for w in TOKEN.findall(" ".join(run).lower())]
    opener = [w.split("-")[-1] for w in stem_all(words) if w not in STOPWORDS and w not in TITLES]
    if not opener or subject in opener:
        return False  # the sentence opens on the subject, or on no name at all
    t, said_at = _said_at(said, set(predicate))
    if not said_at:
        return False
    for a, b in said_at:
        first = t.clause(a, b)[0]
        lo, hi = bisect_left(t.words, (first,)), bisect_left(t.words, (a,))
        before = {stem.split("-")[-1] for _, _, stem in t.words[lo:hi]}
        if subject in before or not _PRONOUN.intersection(before):
            return False
    return True


# Words that open a sentence and name nobody: times, links ("Earlier this month, he …").
_NO_NAME = frozenset(
    ["earlier", "later", "meanwhile", "last", "next", "yesterday", "today", "tonight",
     "however", "also", "now", "then", "after", "before", "when", "while", "since", "until",
     "although", "though", "despite", "according", "speaking", "asked", "overnight",
     *(d.lower() for d in calendar.day_name), *(m.lower() for m in calendar.month_name if m)]
)


# Adverbs between a subject and its verb ("Has Beckett already broken …", "Obama has also
# won"), named one by one: "rally", "bully", "supply" are verbs.
_ADVERBS = frozenset(
    ["already", "still", "ever", "also", "even", "just", "once", "again", "then", "now",
     "really", "finally", "eventually", "actually", "ultimately", "publicly", "officially",
     "formally", "openly", "secretly", "personally", "quickly", "recently", "previously",
     "initially", "originally", "immediately", "successfully", "unanimously", "later", "not",
     "never", "reportedly"]
)
_ASKS_DOING = re.compile(r"^\s*(?i:did|does|do|has|have|had|will|would|can|could)\b")


def question_verb(question: str) -> str | None:
    """The stem of the verb of a question asking what someone named did: the first lower-case
    word after the name, adverbs aside ("Did Hillary Clinton win Nebraska?" — "win"; "Has
    Beckett already broken with Blair?" — "broken"); None for another shape of question."""
    clause = main_clause(question)
    m = SUBJECT_RUN.match(clause)
    if not m or not _ASKS_DOING.match(clause) or question.isupper():
        return None
    if m.group(1).endswith(("'s", "’s")):
        return None  # "Did Venezuela's economy grow?": the name owns the subject
    for word in re.findall(r"[\w'’-]+", clause[m.end() :]):
        if not word.islower() or word in STOPWORDS:
            return None
        if word not in _ADVERBS:
            return stem_all([word])[0]
    return None


def named_doer(question: str, said: str) -> bool:
    """Whether every place the quote says the question's verb, a name the question does not
    give stands right before it as its doer: "Did Hillary Clinton win Nebraska?" — "Obama won
    nearly 30% more over opponent Hillary Clinton in the Nebraska caucuses" was a "Yes."."""
    verb = question_verb(question)
    if verb is None:
        return False
    # "The United Kingdom advises …" for "Does Britain advise …?", "The United States froze …"
    # for "Had the US frozen …?"
    said = _SHORT.sub(lambda m: _SHORTS[m.group(0)], said)
    forms = {verb, *verb_forms().get(verb, ())}
    own = {_name_stem(w) for w in re.findall(r"\b[A-Z][\w'’-]*", question)}
    acronyms = re.findall(r"\b[A-Z]{2,6}\b", question)
    t, places = _said_at(said, forms)
    if not places:
        return False
    for a, _ in places:
        first = t.clause(a, a)[0]
        words = re.findall(r"[\w'’-]+", said[first:a])
        before = [w for w in words if w.lower() not in _BETWEEN]
        doer = before[-1] if before else ""
        lower = doer.lower()
        if not doer[:1].isupper() or lower in TITLES or lower in _NO_NAME or lower in STOPWORDS:
            return False  # no name right before it ("said on Tuesday it was dropping", "She")
        if lower in _PERSONS or any(named_in(_name_stem(w), own) for w in words[-6:]):
            return False  # the subject among the doers ("Clinton and Obama won")
        if lower in BODIES and any(doer[0] in w for w in acronyms):
            return False  # "the Union has never asked" for "Did the CWU ask …?"
    return True




_PERSONS = frozenset(["i", "we", "you", "he", "she", "they", "it"])
_SHORTS = {"United Kingdom": "UK", "United States": "US", "United Nations": "UN",
           "European Union": "EU"}
_SHORT = re.compile(r"\b(?:United Kingdom|United States|United Nations|European Union)\b")


# Words between a doer and its verb: "Obama has also won".
_BETWEEN = frozenset(AUXILIARIES.split("|")) | _ADVERBS


def _said_at(said: str, stems: set[str]) -> tuple[Text, list[tuple[int, int]]]:
    """The quote read, and where it says one of the stems."""
    t = Text(said)
    return t, [(a, b) for a, b, stem in t.words if stem in stems]


def _name_stem(word: str) -> str:
    return stem_all([word.lower().removesuffix("'s").removesuffix("’s").split("-")[-1]])[0]
