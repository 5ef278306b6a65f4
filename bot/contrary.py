"""Contrary words for the same thing: "Was there a big turnout?" is answered no by "a low
turnout of protesters", "Does it use the same boosters?" by "an entirely new booster", and a
"not" of a contrary word agrees ("Did he say he felt safe?" — "not at all afraid")."""

from __future__ import annotations

import re

from bot.unsaid import UN_WORD
from index.terms import stem_all

# Each pair: words of one sense, words of the other.
_PAIRS = [
    ("big large huge high heavy strong major massive significant",
     "small low little light weak minor modest poor slight"),
    ("same identical", "new different another"),
    ("safe secure", "afraid scared unsafe fearful endangered"),
    ("peaceful calm", "violent"),
]
_SENSE: dict[str, tuple[int, int]] = {}
for _i, (_one, _other) in enumerate(_PAIRS):
    for _w in _one.split():
        _SENSE[_w] = (_i, 0)
    for _w in _other.split():
        _SENSE[_w] = (_i, 1)
_WORD = re.compile(r"[a-z][\w'-]*")
_STOP = re.compile(r"[,;:.!?()\"“”]")
# What may stand between a contrary word and its noun, or a "not" and its word.
_BETWEEN = frozenset({"entirely", "very", "completely", "totally", "rather", "fairly",
                      "relatively", "much", "far", "at", "all", "too", "so", "a", "an", "the"})


def _contrary(a: str, b: str) -> bool:
    sa, sb = _SENSE.get(a), _SENSE.get(b)
    return sa is not None and sb is not None and sa[0] == sb[0] and sa[1] != sb[1]


# Words that make a clause's modifier a fear, a forecast or a concession, not what happened:
# "Organisers had feared a low turnout, but thousands came".
_HEDGE = frozenset({"feared", "fear", "fears", "expected", "predicted", "forecast", "forecasts",
                    "worried", "warned", "hoped", "if", "though", "although", "while",
                    "whereas", "despite", "not", "no", "never"})


def _modified(text: str, hedged: bool = True) -> list[tuple[str, str]]:
    """(modifier, stem of its noun) for each listed word before a noun within its phrase:
    "an entirely new booster vehicle" — ("new", "booster"); without `hedged`, none of a
    clause with a hedge word before it."""
    out = []
    for part in _STOP.split(text.lower()):
        words = _WORD.findall(part)
        for i, w in enumerate(words):
            if w not in _SENSE or (not hedged and _HEDGE.intersection(words[:i])):
                continue
            rest = [x for x in words[i + 1 : i + 4] if x not in _BETWEEN][:1]
            if rest:
                out.append((w, stem_all(rest)[0]))
    return out


def contrary_modifier(question: str, sentence: str) -> bool:
    """Whether the sentence gives the question's noun a contrary modifier ("a low turnout"
    for "a big turnout?"), and never the question's own."""
    asked = _modified(question)
    if not asked:
        return False
    said, words = _modified(sentence, hedged=False), set(_WORD.findall(sentence.lower()))
    for mod, noun in asked:
        if any(_SENSE.get(w) == _SENSE[mod] for w in words):
            continue  # "Turnout was huge in Paris, though a low turnout was reported in Lyon"
        nouns = [m for m, n in said if n == noun]
        if any(_contrary(mod, m) for m in nouns) and not any(
            _SENSE[m] == _SENSE[mod] for m in nouns
        ):
            return True
    return False


def contrary_of_asked(question: str, sentence: str, end: int) -> bool:
    """Whether the negation ending at `end` in the (lower-cased) sentence negates a word
    contrary to one the question asks with: "not at all afraid" says "safe"."""
    asked = set(_WORD.findall(question.lower()))
    following = [w for w in _WORD.findall(sentence[end : end + 40]) if w not in _BETWEEN][:1]
    return bool(following) and any(_contrary(following[0], a) for a in asked)


# Comparisons said the other way: "Did Kadima do better than the polls predicted?" — "His party
# did worse than expected"; "US boys tested better than US girls" for "Do girls outscore boys?"
# is the subject's order, not read here.
_MORE = "better more higher larger greater bigger longer faster earlier stronger"
_LESS = "worse less fewer lower smaller shorter slower later weaker"
_COMPARED = {**{w: 0 for w in _MORE.split()}, **{w: 1 for w in _LESS.split()}}
_THAN = re.compile(rf"\b({'|'.join(_COMPARED)})\s+than\b", re.I)


def contrary_comparative(question: str, sentence: str) -> bool:
    """Whether the sentence compares the other way ("worse than") and never the question's
    way ("better than")."""
    asked = {_COMPARED[m.group(1).lower()] for m in _THAN.finditer(question)}
    said = {_COMPARED[m.group(1).lower()] for m in _THAN.finditer(sentence)}
    return len(asked) == 1 and bool(said) and not said & asked


# A word and its negative form: "Did the court rule the elections valid?" — "declared the
# elections invalid"; "Did they find he had acted unethically?" — "had acted ethically". Only
# prefixes that negate: the "un-"/"il-"/"ir-" words bot/unsaid reads as negations ("unless",
# "until", "uncover" aside), "non-" always, and "in-"/"im-" only before an adjective's ending,
# since "inform", "impose" or "install" negate nothing.
_NON = re.compile(r"^non-?(?=[a-z]{4})")
_IN = re.compile(
    r"^(?:in|im)(?=[a-z]{2,}(?:id|al|ally|ent|ently|ant|ate|ately|able|ably|ible|ibly|"
    r"ive|ively|ular|ous|ic|ect|ete)$)"
)


# Prefixed words that do not negate their stem.
_NOT_NEGATIVE = frozenset({"invaluable", "infamous", "inflammable", "impassive", "immediate",
                           "untold"})
_NEGATIONS = frozenset({"not", "never", "no", "non", "without"})


def _positive(word: str) -> str | None:
    """The word without its negative prefix ("invalid" — "valid"), None when it has none."""
    if m := UN_WORD.fullmatch(word):
        return m.group(1).lower()
    m = _NON.match(word) or _IN.match(word)
    return word[m.end() :] if m else None


def contrary_prefix(question: str, sentence: str) -> bool:
    """Whether the sentence says the negative form of a word the question asks with, or the
    plain form of a negative one it asks with, and never the question's own form (names aside:
    "Was the law unconstitutional?" — "the Constitutional Court ruled" says nothing). A question
    that negates ("Was he the first chief who was not British?") is left to the negations."""
    asked = set(_WORD.findall(question.lower()))
    if asked & _NEGATIONS:
        return False
    said = {w for w in _WORD.findall(sentence) if w.islower()}  # "the Constitutional Court"
    pairs = [(w, _positive(w)) for w in (said - asked) | (asked - said)]
    return any(
        plain and negative not in _NOT_NEGATIVE
        and (negative in said) != (plain in said) and {negative, plain} & asked
        for negative, plain in pairs
    )
