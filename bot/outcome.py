"""Questions about how a story ended ("How many years was Madoff eventually sentenced to?",
"Did the commission end up dismissing the complaint?"). A collection often holds only the
story's start, and its report of what was expected ("Madoff is facing 150 years") or of the
case ("the FEC will now give Thompson 15 days to respond") was quoted as if it were the
outcome. Such a question is answered only by a quote that reports the outcome's own verb."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.focus import focus
from bot.rank import held
from index.terms import stem_all

_OUTCOME = re.compile(
    r"\b(?:eventually|ultimately|finally|in the end|end(?:s|ed)? up)\s+(?:being\s+)?([a-z]+)",
    re.I,
)
# Verbs that say little alone: "What sentence did he eventually receive?" is answered by
# "sentenced to …", the noun it asks about.
_LIGHT = frozenset(stem_all(["receive", "get", "give", "make", "take", "do", "have", "be",
                             "become", "go"]))


def outcome_stems(question: str) -> list[str] | None:
    """The stems one of which a quote must hold to report the outcome asked about (the verb
    after "eventually", or for a light verb the noun the question asks by); None when the
    question asks about no outcome."""
    m = _OUTCOME.search(question)
    if not m:
        return None
    verb = stem_all([m.group(1).lower()])[0]
    if verb not in _LIGHT:
        return [verb]
    noun = focus(question)
    return [noun] if noun else None


def reports_outcome(stems: list[str], quotes: Sequence[str]) -> bool:
    """Whether a quote holds one of the outcome's stems, as itself or another form of it
    ("sentenced" for "sentence", "said" for "say")."""
    return any(held(stems, quote) for quote in quotes)
