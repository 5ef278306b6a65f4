"""Noes that English writes without a "not": an un-word of what was asked ("Have the gunmen
been identified?" — "unidentified motorcycle-riding men"), a "too early to" ("Does the US think
it's time to discuss a timetable?" — "it is too early to discuss a timetable"), and a decision
still being weighed ("Has Yahoo accepted the offer?" — "its executives are examining the
offer"), a first since another ("the first non-white governor of Louisiana since Pinchback").
Each was a "Yes." in a new user's trial: the sentence repeats the question's words
and negates none of them the usual way."""

from __future__ import annotations

import re

from bot.clauses import TOKEN
from bot.stances import content
from index.terms import stem_all

# "un" + a word: "unidentified", "unharmed", "unpaid"; "il"/"ir" + one: "illegal",
# "irregular" (not "under…", "until", "unions", "unit", nor an un- that is no negation:
# "uncovered", "unveiled", "unleashed")
UN_WORD = re.compile(
    r"\b(?:un(?!der|til|ion|it|ique|less|cover|veil|leash|ravel|fold|earth|dergo|dertak)|"
    r"il(?=l)|ir(?=r))([a-z]{4,})\b",
    re.I,
)
_NOT_BEFORE = re.compile(r"\b(not|never|n't)\s+(\w+\s+)?$", re.I)
# ("too early to say" is a hedge, not a no)
_TOO_EARLY = re.compile(
    r"\b(too (early|soon)|premature)\s+(to|for)\s+"
    r"(?!(say|tell|comment|know|judge|speculate|predict|determine|assess)\b)((\w+\s+){0,2}\w+)",
    re.I,
)
# A decision asked about as made: "Has Yahoo accepted …?", "Did the council approve …?"
_DECISION_Q = re.compile(
    r"^\s*(has|have|had|did)\b.*\b(accept(s|ed)?|approv(e|es|ed)|reject(s|ed)?|agree[sd]?|"
    r"decided?|sign(s|ed)?|ratif(y|ied)|endorse[sd]?|adopt(s|ed)?)\b",
    re.I,
)
_DECIDED = re.compile(
    r"\b(accept|approv|reject|agree|decided|decision|signed|ratif|endors|adopt|refus|declin|"
    r"turn(ed|s)? down|threw out|thrown out|vot(ed|es) (for|against))",
    re.I,
)
# Still being weighed, said as such: "its executives are examining the offer" (not "is
# considered a …", "reviewed the case in March").
_WEIGHED = re.compile(
    r"\b(is|are|was|were|been|still)\s+(still\s+)?(examining|considering|reviewing|studying|"
    r"weighing|mulling|evaluating|assessing)\b|"
    r"\b(yet to (decide|respond|make)|ha(s|ve) not (yet )?(decided|responded)|"
    r"no decision (has|had|was) (yet )?been|"
    # ... or left open: "many of the facts are not yet known: what the company will be called"
    r"not yet (known|decided|determined|been (decided|determined|named|chosen)))\b",
    re.I,
)


# A first since someone before: "the first non-white governor of Louisiana since Pinchback"
# is no first ever.
_FIRST = re.compile(
    r"\bthe first\b(?!\s+(quarter|half|round|time|day|week|month|year|stage|phase|leg|part|"
    r"game|match|term|place|step|reading|instance)s?\b)",
    re.I,
)
_FIRST_SINCE = re.compile(r"\bfirst\b[^.;,]{0,80}\bsince\b", re.I)


def unsaid_no(question: str, sentence: str) -> bool:
    """Whether the sentence says no to the question in one of these ways, and not yes the
    plain way too ("Police have identified two of the gunmen; a third, unidentified man
    escaped" identified some)."""
    asked = content(question)
    own = set(stem_all(TOKEN.findall(question.lower())))
    said = set(stem_all(TOKEN.findall(sentence.lower())))
    for m in UN_WORD.finditer(sentence):
        root = stem_all([m.group(1).lower()])[0]
        if root in asked and root not in said and stem_all([m.group(0).lower()])[0] not in own:
            return True
    # ... too early for what was asked: "too early to discuss a timetable", not "too early to
    # celebrate" a profit asked about
    early = _TOO_EARLY.search(sentence)
    if (
        early
        and not _TOO_EARLY.search(question)
        and not _NOT_BEFORE.search(sentence[: early.start()])
        and set(stem_all(TOKEN.findall(early.group(5).lower()))) & asked
    ):
        return True
    if _FIRST.search(question) and _FIRST_SINCE.search(sentence) and not re.search(
        r"\bsince\b", question, re.I
    ):
        return True
    return bool(
        _DECISION_Q.search(question) and _WEIGHED.search(sentence)
        and not _DECIDED.search(sentence)
    )
