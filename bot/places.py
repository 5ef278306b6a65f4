"""Yes/no questions that end on where something happened: "Was al-Hakim's cancer diagnosed in
Iran?" is answered no by "he was flown to Texas in the United States, where he was diagnosed
with lung cancer", a report of the same act in another place that never names the one
asked. Without this the sentence repeats the question's predicate and says yes."""

from __future__ import annotations

import calendar
import re

from bot.clauses import TOKEN
from bot.peoples import named_in
from index.stopwords import STOPWORDS
from index.terms import stem_all, verb_forms

_NAME = r"[A-Z][\w'’-]+(?:\s+(?:of\s+)?[A-Z][\w'’-]+)*"
# The place a question ends on, after the word it says where of: "diagnosed in Iran?",
# "was the speech given in Washington?", "study at Oxford?"
_ASKED = re.compile(rf"\b([a-z]+)\s+(?:in|at)\s+(?:the\s+)?({_NAME})\s*\?\s*$")
# A place a sentence puts something in, at or to
_SAID = re.compile(rf"\b(?:in|at|to)\s+(?:the\s+)?({_NAME})")
# How far, in characters, the other place may stand from the verb it says where of
_NEAR = 60
_NOT_PLACES = frozenset(w.lower() for w in [*calendar.day_name, *calendar.month_name[1:]])


def _is_act(stem: str, word: str) -> bool:
    """Whether a word is a form of the act's verb ("gave" for "given")."""
    own = stem_all([word.lower()])[0]
    return own == stem or own in verb_forms().get(stem, ())


def _stems(name: str) -> list[str]:
    return stem_all([w.lower() for w in TOKEN.findall(name) if w.lower() not in STOPWORDS])


def other_place(question: str, sentence: str) -> bool:
    """Whether the sentence reports the question's act (the word before its closing "in
    Iran") in another place, near that act's word, and never names the asked place nor its
    people ("Iranian"). A name the question gives elsewhere is no other place."""
    m = _ASKED.search(question.strip())
    if not m:
        return False
    verb = stem_all([m.group(1).lower()])[0]
    acts = [t for t in TOKEN.finditer(sentence) if _is_act(verb, t.group(0))]
    if m.group(1).lower() in STOPWORDS or not acts:
        return False
    place = _stems(m.group(2))
    said = _stems(sentence)
    if any(named_in(s, set(place)) for s in said):
        return False  # the asked place is named: whatever else it says, not another place
    asked = set(_stems(question))
    for other in _SAID.finditer(sentence):
        words = _stems(other.group(1))
        if not words or other.group(1).split()[0].lower() in _NOT_PLACES:
            continue
        if any(named_in(w, asked) for w in words):
            continue
        if any(abs(other.start() - a.start()) <= _NEAR for a in acts):
            return True
    return False
