"""Questions about how a story ended ("How many years was Madoff eventually sentenced to?",
"Did the commission end up dismissing the complaint?"). A collection often holds only the
story's start, and its report of what was expected ("Madoff is facing 150 years") or of the
case ("the FEC will now give Thompson 15 days to respond") was quoted as if it were the
outcome. Such a question is answered only by a quote that reports the outcome's own verb,
as done: "the commissioners will decide whether to dismiss it" is no dismissal. What an
inquiry concluded ("What did the inquiry conclude?") and who was chosen ("Who was chosen as
president after the election?") are outcomes too, often asked of a collection that holds only
the inquiry's opening or the election's eve."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from bot.clauses import Text
from bot.focus import focus
from bot.rank import held
from index.terms import stem_all

_OUTCOME = re.compile(
    r"\b(?:eventually|ultimately|finally|in the end|end(?:s|ed)? up)\s+(?:being\s+)?([a-z]+)",
    re.I,
)
# What an inquiry or a panel concluded: answered by a finding of any of these words
# (an inquiry's, not a jury's or a court's: "What did the jury decide?" — "convicted him")
_CONCLUSION_Q = re.compile(
    r"^\s*what\s+(?:did|does|has|have|had)\b[^?]*\b(?:inquiry|inquest|investigation|probe|"
    r"panel|commission|review|audit|study|report|committee|investigators|inspectors)\b[^?]*"
    r"\b(?:conclude|find|determine|decide)\s*(?:about|on|regarding|over|\?|$)",
    re.I,
)
# (as words: "broke the rules" is no ruling)
_CONCLUSION = re.compile(
    r"\b(?:conclu(?:ded|des|sions?)|f(?:ou|i)nds?|findings?|ruled|rulings?|determined|decided|"
    r"decisions?|verdicts?|judged)\b",
    re.I,
)
# Who was chosen for a post: answered by a report of the choosing
# (for a post: not "Who was named in the lawsuit?")
_CHOSEN_Q = re.compile(
    r"^\s*who\s+(?:was|were|has been|had been)\s+(?:\w+\s+)?(?:chosen|elected|named|appointed|"
    r"selected|picked)\s+(?:as|to|for|the|a|an|new|interim|acting)\b",
    re.I,
)
# (as words, not stems: "elected" is no "election", "named" no "name")
_CHOSEN = re.compile(
    r"\b(?:chosen|chose|(?:re-?)?elected|named|appointed|selected|picked|sworn in|became|"
    r"succeed(?:s|ed)?|replac(?:es|ed)|nominated|won|wins|winning|defeated|beat|hired|"
    r"identified)\b",
    re.I,
)
# Verbs that say little alone: "What sentence did he eventually receive?" is answered by
# "sentenced to …", the noun it asks about.
_LIGHT = frozenset(stem_all(["receive", "get", "give", "make", "take", "do", "have", "be",
                             "become", "go"]))


class Outcome(NamedTuple):
    """What a quote must say to report the outcome asked about: one of the stems, in any form
    ("sentenced" for "sentence", "said" for "say"), or a match of `words`."""

    stems: list[str]
    words: re.Pattern[str] | None = None

    def reported_by(self, quotes: Sequence[str]) -> bool:
        """Whether a quote reports it as done rather than to come, as `bot/clauses` reads a
        plan or a prospect: "commissioners will decide whether to dismiss it", "the inquiry
        will try to determine" report no dismissal and no finding."""
        for quote in quotes:
            t = Text(quote, future_is_a_plan=True)
            said = [(a, b) for a, b, _ in t.words if held(self.stems, t.s[a:b])]
            if self.words:
                said += [m.span() for m in self.words.finditer(t.s)]
            if any(not t.supposed(a, b) for a, b in said):
                return True
        return False


def asked_outcome(question: str) -> Outcome | None:
    """The outcome a question asks about (the verb after "eventually", or for a light verb
    the noun the question asks by; a conclusion; a choosing); None when it asks about none."""
    if _CONCLUSION_Q.search(question):
        return Outcome([], _CONCLUSION)
    if _CHOSEN_Q.search(question):
        return Outcome([], _CHOSEN)
    m = _OUTCOME.search(question)
    if not m:
        return None
    verb = stem_all([m.group(1).lower()])[0]
    if verb not in _LIGHT:
        return Outcome([verb])
    noun = focus(question)
    return Outcome([noun]) if noun else None
