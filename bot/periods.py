"""Yes/no questions that ask about a period said relative to the report ("Is Chavasse Park
reopening this year?") are answered no by a sentence that puts the same act in another one
("Early next year Chavasse Park will reopen"). Without this the sentence repeats the
question's predicate and says yes."""

from __future__ import annotations

import re

from bot.clauses import TOKEN
from index.stopwords import STOPWORDS
from index.terms import stem_all

_UNIT = r"(year|month|week|weekend|season|spring|summer|autumn|fall|winter)"
_PERIOD = re.compile(rf"\b(this|next|last|later this|early next|late next)\s+{_UNIT}\b", re.I)
# (not a day: a report's "today" is its own date, a question's the asker's)


def _periods(text: str) -> dict[str, set[str]]:
    """Each unit's periods named: {"year": {"this"}} for "later this year"."""
    out: dict[str, set[str]] = {}
    for m in _PERIOD.finditer(text):
        out.setdefault(m.group(2).lower(), set()).add(m.group(1).lower().split()[-1])
    return out


def other_period(question: str, sentence: str) -> bool:
    """Whether the sentence names another period of a unit the question asks by ("next
    year" for "this year?"), never the one asked, and shares the question's act: one of its
    lower-case content words ("reopen")."""
    asked = _periods(question)
    if not asked:
        return False
    said = _periods(sentence)
    plain = _PERIOD.sub(" ", question)
    words = {w for w in TOKEN.findall(plain) if w.islower() and w not in STOPWORDS}
    if not set(stem_all(sorted(words))) & set(stem_all(TOKEN.findall(sentence.lower()))):
        return False
    return any(
        unit in said and not (said[unit] & periods) for unit, periods in asked.items()
    )
