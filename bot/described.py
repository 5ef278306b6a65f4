"""The thing a name is asked for by: "What was the name of Colin Powell's former chief of
staff who …?" asks for the chief of staff's name, and a quote answers it only where it names
him as such. Another name near the story ("Powell's spokeswoman, Peggy Cifrino, said …") is
not his; a report that never names him ("Powell's former chief of staff has been quoted …")
does not say."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.answer_type import NAMED_Q, PERSON_NOUN
from index.terms import stem_all, word_stems


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Where the noun phrase of the thing asked about ends: a relative word, a preposition, an
# article, a pronoun, or a participle ("the fisherman shot dead", "the two executives the FBI
# arrested", "the protester left in a coma").
_STOP = _words(
    "who whom whose that which when where why how in at from of on for with by as the a an to "
    "he she they it his her their its and or but during after before since under over about "
    "against between into through near outside inside shot hit left held seen "
    "found taken caught slain sent made known named given put set quoted reportedly "
    "allegedly believed thought "
    # (irregular participles: "the cargo ship sunk after a warship fired on it")
    "sunk struck stolen built bought sold hidden driven flown thrown written born beaten "
    "broken chosen drawn frozen spoken sworn torn kept led paid spent told brought fought "
    "sought begun drunk shrunk shut hurt"
)
# Nouns that describe anyone: naming them is no check ("the only woman in the cabinet",
# "the person killed in the strike").
_GENERIC = _words(
    "person people man men woman women one individual someone somebody anyone group name "
    "names figure first last only latest"
)
_DEEDS = {"winner": "won", "author": "wrote", "writer": "wrote", "killer": "killed"}
_NUMBERS = _words("two three four five six seven eight nine ten both")
_VERBS = _words(
    "is was are were has have had did does do will would can could may might must should said says "
    "already also just still died took went rode lost won fled came got gave made left told "
    "back lose win die face"
)
# Verbs whose -ing form follows a noun as a clause ("the director taking part in …").
_DOING = _words(
    "taking making giving having being getting seeking facing holding trying running working "
    "speaking talking leading"
)
_ASKED = re.compile(
    rf"(?:{NAMED_Q.pattern}|^\s*who(?:['’]s| is| was| are| were))\s+(?P<rest>.+)", re.I
)
_POSSESSOR = re.compile(r"^(?:[A-Z][\w.-]*\s+)*(?:[A-Z][\w.-]*|\w+-\w+)(?:['’]s|s['’])\s+")
_OWNER = re.compile(r"^[\w-]+['’]s\s+")
_WORD = re.compile(r"[\w'’.-]+|[,?;:]")


# Nouns news uses for one another, by stem: "In which border area …?" — "in the border region
# of Doumeira"; "which firm" — "the company".
_KIN = [
    {"area", "region", "zone", "district", "territori", "provinc"},
    {"citi", "town", "capit"},
    {"compani", "firm", "corpor"},
    {"newspap", "paper", "daili"},
    {"ship", "vessel", "boat"},
    {"plane", "aircraft", "airlin", "jet"},
    {"parti", "movement"},
    # offices and roles ("the CEO of US Airways" — "chief executive Doug Parker")
    {"ceo", "execut"},
    {"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokespeopl"},
    {"chairman", "chairwoman", "chair", "chairperson"},
    {"teacher", "headmast", "headteach", "princip"},
    {"protest", "demonstr"},
    {"unit", "depart", "branch", "divis"},
    {"pick", "choic", "candid", "nomine"},
    # what counts count ("How many Romanian soldiers …?" — "860 troops")
    {"soldier", "troop"},
    {"shop", "store", "outlet"},
    {"guest", "passeng"},
]


def noun_kin(noun: str | None) -> frozenset[str]:
    """A noun's stem and its kin's (a question's focus noun, the thing a name or a count is
    asked of)."""
    if noun is None:
        return frozenset()
    return frozenset(set().union({noun}, *(k for k in _KIN if noun in k)))


@lru_cache(maxsize=512)
def described(question: str) -> frozenset[str]:
    """The stems of the words for the thing whose name is asked for ("chief"; "ceo" and
    "execut"), none where the question names it ("Who is Priya Anand?") or describes anyone
    ("the man who sent the letter")."""
    head, after = _described(question)
    if not head:
        return frozenset()
    heads = _kin(head)
    if "pick" in heads and after[:1] and after[0].lower() in ("for", "as"):
        # "Merkel's pick for finance minister" — "Merkel's designate Finance minister"
        office, _ = _head(after[1:])
        heads |= _kin(office) if office else frozenset()
    return heads


def described_noun(question: str) -> str:
    """The stem of the noun a who- or name-question asks by ("Who was the judge in the
    case?" — "judg"), "" for none: bot/focus's noun for such questions."""
    head, _ = _described(question)
    return _stem(head) if head else ""


@lru_cache(maxsize=512)
def _described(question: str) -> tuple[str, list[str]]:
    """The last word of the noun phrase a who- or name-question asks by, and the words after
    the phrase."""
    m = _ASKED.match(question)
    if not m:
        return "", []
    rest = m.group("rest")
    if rest.lower().startswith("the "):
        rest = _OWNER.sub("", rest[4:])  # ("the company's new CEO")
    elif possessor := _POSSESSOR.match(rest):
        rest = rest[possessor.end():]
    else:
        return "", []
    words = _WORD.findall(rest) + ["?"]
    head, end = _head(words)
    return ("", []) if not head or head in _GENERIC else (head, words[end:])


_HOW_MANY = re.compile(r"\bhow many\s+(.+)", re.I)
# What any count counts: no word to look for beside its number.
_ANY_COUNT = _words("people persons times more others members")
# ... and the words a count of people of any kind goes by
_ANY_ONES = frozenset(stem_all(["people", "persons", "members", "individuals"]))


@lru_cache(maxsize=512)
def counted(question: str) -> frozenset[str]:
    """The stems of what a "how many" question counts ("How many library employees …?" —
    "employe" and its kin), none for a count of people at large."""
    m = _HOW_MANY.search(question)
    if not m:
        return frozenset()
    words = _WORD.findall(m.group(1)) + ["?"]
    while len(words) > 2 and _participle(words[0].lower(), words[1]):
        words = words[1:]  # ("how many pledged delegates")
    head, end = _head(words)
    people = words[end - 1][0].isupper() and not question.istitle()
    if not head or head in _ANY_COUNT or head in _GENERIC or people:
        return frozenset()  # (nor of a people: "How many Tibetans …", "… Lebanese …")
    if PERSON_NOUN.fullmatch(head):  # "How many Red Crescent staff …?" — "24 members"
        return noun_kin(_stem(head)) | _ANY_ONES
    return noun_kin(_stem(head))


# Events news dates, a time of one of which is no time of another ("When was her funeral?" —
# "She died on Friday"; "On what date did the Council vote?" — "The U.N. is discussing a
# draft resolution today").
_EVENTS = re.compile(
    r"\b(funeral|burial|wedding|trial|vote|election|referendum|summit|hearing|meeting|"
    r"ceremony|inauguration|verdict|sentencing|talks|debate|concert)\b",
    re.I,
)


@lru_cache(maxsize=512)
def timed(question: str) -> frozenset[str]:
    """The stems of the events a when-question asks the time of, none for another."""
    return frozenset(stem_all([m.lower() for m in _EVENTS.findall(question)]))


def _kin(head: str) -> frozenset[str]:
    """The head's stem and its kin's, and for a doer's noun the deed's ("the winner" — "Italy
    won", "the founder" — "founded by Jimmy Wales")."""
    kin = noun_kin(_stem(head))
    doer = re.fullmatch(r"(\w{3,}?)(\w)?\2?(?:er|or)", head)
    deed = _DEEDS.get(head) or (doer.group(1) + (doer.group(2) or "") if doer else "")
    return kin | noun_kin(_stem(deed)) if deed else kin


def _stem(word: str) -> str:
    """A word's stem as bot/rank finds it in a sentence: a hyphenated one joined up
    ("co-ordinator", "attorney-general"), as index.terms.word_stems joins compounds."""
    return stem_all([re.sub(r"[-.]", "", word)])[0]  # ("C.E.O.")


def _head(words: list[str]) -> tuple[str, int]:
    """The last word of the noun phrase the words start with, and where the phrase ends."""
    head, after_lower = "", False
    for i, word in enumerate(words):
        low = word.lower().strip(".")
        if low in _STOP or low in _VERBS or not word[0].isalnum() or _participle(
            low, words[i + 1]
        ):
            return head, i
        if word[0].isupper() and after_lower and _clause(words[i:]):
            return head, i  # "the rocket Iran says it launched": a clause begins
        if not low.isdigit() and low not in _NUMBERS:
            head = re.sub(r"['’]s?$", "", low)  # (its last word: "Police Officer 3" an officer)
            after_lower = word.islower()  # ("the two Iraqi National Guard officers")
    return head, len(words) - 1


def _participle(word: str, following: str) -> bool:
    """"the fisherman shot dead", "the spokesman defending the attacks", not "the trucking
    firm"."""
    if word.endswith("ed") and len(word) > 4:
        return True
    return word.endswith("ing") and len(word) > 5 and (
        following.lower() in _STOP or not following[0].isalnum() or word in _DOING
    )


def _clause(words: list[str]) -> bool:
    """Whether the capitalised words starting `words` are a clause's subject: "Iran says",
    "AWB used", "Sprint is launching", not a noun's modifier ("the last Kremlin leader")."""
    after = next((w for w in words if not w[0].isupper()), "?")
    low = after.lower()
    # (not a word that ends a noun phrase, or the question: "the new CEO of Yahoo", "the
    # current UN Secretary-General?")
    return low in _VERBS or low.endswith(("ed", "ly")) or (
        low.endswith("s") and not low.endswith(("ss", "us")) and low not in _STOP
    )


def describes(sentence: str, heads: frozenset[str]) -> bool:
    """Whether the sentence speaks of the thing asked about, by the question's word for it or
    its kin ("the CEO" — "chief executive Doug Parker")."""
    return not heads or not heads.isdisjoint(word_stems(sentence))
