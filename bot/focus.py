"""The noun a which/what question names its answer by ("Which actor …?" — "actor"), and whether
a sentence sets it beside a new name ("a voiceover by actor Bill Nighy"): a surer mark of the
answer than any new name."""

from __future__ import annotations

import re

from bot.answer_phrase import DEMONYM, NOT_NAMES
from bot.described import described_noun, noun_kin
from bot.peoples import named_in
from index.terms import stem_all

_WH_WORD = re.compile(
    r"\b(?:which|what)\s+(?:(?:kind|type|sort|one)s?\s+of\s+(?:the\s+)?)?", re.I
)
_AUX_WORD = re.compile(
    r"(?:is|was|are|were|did|does|do|has|have|had|will|would|could|can|might|should|may)$"
)


_AFTER_VERB = frozenset(
    {"the", "a", "an", "to", "his", "her", "its", "their", "this", "that", "these", "those",
     "in", "on", "at", "of", "for", "with", "by", "from", "up", "out", "him", "them", "it"}
)


def focus(question: str) -> str | None:
    """The stem of the noun a which/what question names its answer by ("Which actor provides
    the voice …?" — "actor", "Under which Texas law …" — "law"): the word before the first
    auxiliary within four words, else the first lower-case word; None when an auxiliary comes
    first ("What did they say?")."""
    if question.lstrip()[:3].lower() == "who" and (role := described_noun(question)):
        return role  # "Who was the judge in the case?": the role the answer is named by
    m = _WH_WORD.search(question)
    if not m:
        return None
    words = re.findall(r"[\w'’-]+", question[m.end() :])[:5]
    if not words or _AUX_WORD.match(words[0].lower()) or words[0].lower() == "of":
        return None  # "What did they say?"; "which of the hostages": one of a set, no kind
    for i, w in enumerate(words[1:], 1):
        if _AUX_WORD.match(w.lower()):
            return stem_all([words[i - 1].lower()])[0] if words[i - 1].islower() else None
    # No auxiliary: "Which actor provides the voice …", but not a verb right after the wh-word
    # ("What happened to the hostages?", "What caused the fire?"): one a preposition or an
    # article follows.
    i, lower = next(((i, w) for i, w in enumerate(words) if w.islower()), (0, None))
    if lower is None or (i + 1 < len(words) and words[i + 1].lower() in _AFTER_VERB):
        return None
    return stem_all([lower])[0]


def names_focus(sentence: str, noun: str, asked: set[str], reach: int = 3) -> bool:
    """Whether the question's focus noun (or its kin) stands within `reach` words of a name
    the question does not give: "a voiceover by actor Bill Nighy", "under the 1999 Futile Care
    Law", "in the border region of Doumeira" for "which border area"."""
    kin = noun_kin(noun)
    tokens = list(re.finditer(r"[\w'’-]+", sentence))
    stems = stem_all([t.group(0).lower() for t in tokens])
    new = {
        i
        for i, t in enumerate(tokens)
        if t.group(0)[:1].isupper() and i > 0 and stems[i] not in NOT_NAMES
        and not named_in(stems[i], asked) and not DEMONYM.match(sentence, t.start())
    }  # ("an Australian judge" names no judge)
    words = [t.group(0).lower() for t in tokens]

    def beside(i: int, j: int) -> bool:
        # no verb between ("airliners approaching Britain": Britain is what they approach)
        between = words[min(i, j) + 1 : max(i, j)]
        return abs(i - j) <= reach and not any(_VERBISH.search(w) for w in between)

    return any(st in kin and any(beside(i, j) for j in new) for i, st in enumerate(stems))


# A word that is likely a verb, which a name beside a noun is the object of, not its name
# (not the namings: "a jet called …", "the region known as …").
_VERBISH = re.compile(r"^(?!(?:called|named|dubbed|nicknamed|titled|entitled)$)\w{3,}(?:ing|ed)$")
