"""Noes that English writes without a "not": an un-word of what was asked ("Have the gunmen
been identified?" — "unidentified motorcycle-riding men"), a "too early to" ("Does the US think
it's time to discuss a timetable?" — "it is too early to discuss a timetable"), and a decision
still being weighed ("Has Yahoo accepted the offer?" — "its executives are examining the
offer"). Each was a "Yes." in a new user's trial: the sentence repeats the question's words
and negates none of them the usual way."""

from __future__ import annotations

import re

from bot.clauses import TOKEN
from bot.stances import content
from index.terms import stem_all

# "un" + a word: "unidentified", "unharmed", "unpaid" (not "under…", "until", "union", "unit")
_UN_WORD = re.compile(r"\b(?:un|non-?)(?!der|til|ion|it|ique|less)([a-z]{4,})\b", re.I)
# ("too early to say" is a hedge, not a no)
_TOO_EARLY = re.compile(
    r"\b(too (early|soon)|premature)\s+(to|for)\s+"
    r"(?!(say|tell|comment|know|judge|speculate|predict|determine|assess)\b)",
    re.I,
)
# A decision asked about as made: "Has Yahoo accepted …?", "Did the council approve …?"
_DECISION_Q = re.compile(
    r"^\s*(has|have|had|did)\b.*\b(accept|approv|reject|agree|decid|sign|ratif|endors|adopt)",
    re.I,
)
_DECIDED = re.compile(
    r"\b(accept|approv|reject|agree|decided|decision|sign|ratif|endors|adopt|refus|declin|"
    r"turn(ed|s)? down|vot(ed|es) (for|against))",
    re.I,
)
_WEIGHED = re.compile(
    r"\b(examin|consider|review|study|studying|weigh|mull|evaluat|assess)\w*\s+"
    r"(the|its|their|his|her|this|that|an?|whether)\b|"
    r"\b(yet to (decide|respond|make)|ha(s|ve) not (yet )?(decided|responded)|"
    r"no decision (has|had|was) (yet )?been)\b",
    re.I,
)


def unsaid_no(question: str, sentence: str) -> bool:
    """Whether the sentence says no to the question in one of these ways."""
    asked = content(question)
    own = set(stem_all(TOKEN.findall(question.lower())))
    for m in _UN_WORD.finditer(sentence):
        word = m.group(0).lower()
        if stem_all([m.group(1).lower()])[0] in asked and stem_all([word])[0] not in own:
            return True
    if _TOO_EARLY.search(sentence) and not _TOO_EARLY.search(question):
        return True
    return bool(
        _DECISION_Q.search(question) and _WEIGHED.search(sentence)
        and not _DECIDED.search(sentence)
    )
