"""Yes or no, from the sentence that answers a yes/no question. News questions are often
"did X accept/agree/stay ...?" and the report says X refused, resigned or marched in: the
answer is "no" when the evidence negates, refuses or contradicts what the question asks."""

from __future__ import annotations

import re

# Words that turn a report into a "no" for a yes/no question ("Did Mexico accept troops?" —
# "Sheinbaum rejected the offer").
_NEGATIVE = re.compile(
    r"\b(no|not|never|none|nobody|nothing|without|neither|nor|cannot|can't|won't|didn't|"
    r"doesn't|don't|wasn't|weren't|isn't|aren't|hasn't|haven't|refus\w*|reject\w*|declin\w*|"
    r"den(?:y|ied|ies)|dismiss\w*|fail\w*|rul(?:ed|es) out|turned down)\b",
    re.I,
)
# Common news predicates and what contradicts them: "Did the prime minister remain in
# office?" — "he resigned". Matched as word prefixes in the question and the evidence.
_CONTRADICTS = [
    (
        ("remain", "stay", "keep", "kept", "retain"),
        (
            "resign",
            "quit",
            "left",
            "leave",
            "ousted",
            "withdr",
            "pull",
            "step down",
            "stepped down",
        ),
    ),
    (
        ("withdr", "pull out", "pulled out", "leave", "left", "stay out", "stayed out"),
        ("remain", "stay in", "keep", "will not withdraw", "marched into", "entered", "advanced"),
    ),
    (("accept", "agree", "approv", "sign"), ("reject", "refus", "declin", "dismiss", "oppos")),
    (
        ("death penalty", "death sentence", "sentenced to death", "executed"),
        ("life in prison", "life imprisonment", "acquitted", "years in prison"),
    ),
    (("win", "won", "elected"), ("lost", "defeated", "conceded")),
    (("arrest", "captur"), ("escaped", "released", "freed")),
]


def takes_stance(question: str, sentence: str) -> bool:
    """Whether a sentence speaks to the question's predicate: repeats it, negates it, or says
    something that contradicts it. Such sentences answer yes/no questions."""
    q, s = question.lower(), sentence.lower()
    if _NEGATIVE.search(s):
        return True
    for claims, contradictions in _CONTRADICTS:
        if any(re.search(rf"\b{c}", q) for c in claims) and any(
            re.search(rf"\b{c}", s) for c in claims + contradictions
        ):
            return True
    return False


def verdict(question: str, sentence: str) -> str:
    """Yes unless the evidence negates, refuses or contradicts what the question asks."""
    asked = set(m.group(0).lower() for m in _NEGATIVE.finditer(question))
    found = set(m.group(0).lower() for m in _NEGATIVE.finditer(sentence))
    if found - asked:
        return "no"
    q, s = question.lower(), sentence.lower()
    for claims, contradictions in _CONTRADICTS:
        if any(re.search(rf"\b{c}", q) for c in claims) and any(
            re.search(rf"\b{c}", s) and not re.search(rf"\b{c}", q) for c in contradictions
        ):
            return "no"
    return "yes"
