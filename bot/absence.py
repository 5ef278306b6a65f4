"""Yes/no questions about something being absent: "Was the election free of violations?",
"Did the match go ahead without fans?". The answer is whether the evidence reports the thing
("noted violations", "in front of 30,000 fans": no) or its absence ("no violations were
seen": yes), whatever else it negates."""

from __future__ import annotations

import re

from bot.clauses import TOKEN
from index.terms import stem_all

_ABSENCE = re.compile(r"\b(?:without|free (?:of|from))\s+(?:any\s+|the\s+|a\s+|an\s+)?(\w+)", re.I)
_NEGATED_BEFORE = re.compile(
    r"\b(?:no|without|not any|free (?:of|from)|never any)\s+(?:\w+\s+){0,2}$", re.I
)


def absent_things(question: str) -> set[str]:
    """The stems of what a question asks to be absent: "Was the election free of violations?",
    "Did the match go ahead without fans?" — "violat", "fan"."""
    return set(stem_all([m.group(1).lower() for m in _ABSENCE.finditer(question)]))


def mentions(sentence: str, absent: set[str]) -> bool | None:
    """None when the sentence does not speak of the thing; True when it says it was absent
    ("no violations were seen", "free of any levy"), False when it reports it ("but also
    noted violations", "in front of 30,000 fans")."""
    said = None
    tokens = list(TOKEN.finditer(sentence))
    for m, stem in zip(tokens, stem_all([t.group(0).lower() for t in tokens]), strict=True):
        if stem in absent:
            if _NEGATED_BEFORE.search(sentence, 0, m.start()):
                return True
            said = False
    return said
