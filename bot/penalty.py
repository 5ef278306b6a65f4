"""What a court or a state did to someone, asked as such: "What sentence did the court hand
down to Ponosov?", "What jail term was Milinkievič given?". Only a sentence that states a
penalty answers ("has been jailed for 15 days", "sentenced to 7 years and 700 lashes"); one
on the case ("Ponosov pleaded not guilty") is on topic and says nothing of the outcome."""

from __future__ import annotations

import re

_NOUN = r"sentences?|(jail|prison) (terms?|sentences?)|punishments?|penalt(y|ies)"
# What may follow the noun asked for ("what sentence did he get?", "the penalty for …"):
# anything else makes it an adjective or another sense ("which sentence structure …").
_AFTER = r"did|does|do|was|were|is|are|has|have|had|will|would|could|can|might|for|in|on"
_ASKED = re.compile(
    rf"\b(what|which)\s+((is|was|are|were)\s+(the\s+)?)?([\w'’-]+\s+){{0,2}}({_NOUN})\b"
    rf"(?=\s*(\?|$|({_AFTER})\b))",
    re.I,
)
_TERM = r"(day|week|month|year|decade)s?"
_STATED = re.compile(
    r"\b(sentenced|jailed|imprisoned|fined|condemned)\b|"
    r"\b(life|death) (sentence|penalty|imprisonment|in (prison|jail))\b|"
    rf"\b{_TERM}\s+(in|of)\s+(prison|jail|detention|custody|imprisonment|hard labou?r)\b|"
    rf"\b(prison|jail) (term|sentence) of\b|\bto (death|hang|prison|jail)\b|"
    r"\b(suspended sentence|probation|community service|lashes|house arrest)\b|"
    r"\b(executed|hanged|acquitted|cleared of all)\b",
    re.I,
)


def asks_penalty(question: str) -> bool:
    """Whether the question asks what penalty someone was given."""
    return bool(_ASKED.search(question))


def states_penalty(sentence: str) -> bool:
    """Whether the sentence says what penalty someone was given (or that they got none)."""
    return bool(_STATED.search(sentence))
