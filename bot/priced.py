"""What a sum of money asked for is a sum of: "What annual salary did GM agree to pay Barra?"
wants a salary, and "losing around $9 billion on its bailout" holds a sum but no pay. A
question that names the kind of sum (salary, budget, fee, fine, ransom …) is answered only by
a sentence that speaks of that kind of sum, in its own word or the verbs news uses for it
("Toyota paying $500,000" for "what fee did Aerosmith get?")."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.answer_phrase import holds

# The noun the question names its sum by, and the words a sentence stating that sum uses.
_FAMILIES: list[tuple[str, str]] = [
    (r"salar(y|ies)|wages?|pay ?(packet|package)|compensation|bonus(es)?",
     r"salar|wage|pay|paid|earn|compensat|bonus|package|income|contract|receiv"),
    (r"fees?", r"fees?\b|pay|paid|charg|earn|cost|receiv|got\b|get\b"),
    (r"budget", r"budget|cost|spend|spent|fund|financ|invest"),
    (r"fines?", r"fine[ds]?\b|fining|penalt|pay|paid|ordered to"),
    (r"ransom", r"ransom|pay|paid|demand"),
    (r"bail", r"bail|bond|posted|posting"),
    (r"damages", r"damage|compensat|sue|suing|award|pay|paid"),
    (r"net income|earnings|revenues?|profits?",
     r"revenue|profit|earn|income|sales|made|make|turnover|loss"),
    (r"bounty|reward", r"bount|reward|offer"),
]
# What may follow the noun asked for ("what fee did they get?", "the fine for …"): anything
# else makes it an adjective ("which budget airline").
_AFTER = "did|does|do|was|were|is|are|has|have|had|will|would|could|can|might|of|for|in|per"
_ASKED = [
    (
        re.compile(rf"\b(what|which|how (much|large|big))\s+((is|was|are|were)\s+)?((the|a|an)\s+)?"
                   rf"([\w'’.-]+\s+){{0,2}}({noun})\b(?!\s+(?!(?:{_AFTER})\b)[a-z])", re.I),
        re.compile(rf"\b({said})", re.I),
        # a bare sum beside the noun: "a 45,000 fine" (the currency sign lost), "a fee of 300"
        # (three figures at least: "3 fines" is a count)
        re.compile(rf"(?<![\d,.])\d{{1,3}}(,\d{{3}})+\s+(million\s+|billion\s+)?({noun})\b|"
                   rf"(?<![\d,.])\d{{3,}}\s+({noun})\b|\b({noun})\s+of\s+\d{{3}}", re.I),
    )
    for noun, said in _FAMILIES
]


# A sum per unit: "How much per share did Microsoft offer?" is not "bought DoubleClick for $3.1
# billion"; the sentence that answers names the unit ("$31 a share", "per barrel").
_PER = re.compile(r"\bper\s+(share|barrel|ton|tonne|gallon|litre|liter|ticket|hour|seat|head|"
                  r"person|passenger|vote|unit|copy|month|year|week|day|night)\b", re.I)


def sum_matcher(question: str) -> Callable[[str], bool] | None:
    """Whether a sentence states the kind of sum the question names, or None when it names
    none ("How much did Sicko earn?": any sum in an answer about it will do)."""
    per = _PER.search(question)
    if per:
        # ("$31 a share", "per barrel", "each ticket", "500p per Cadbury share"; not "whose
        # shares had fallen")
        unit = re.compile(
            rf"\b(a|an|per|each)\s+([\w'’-]+\s+){{0,2}}?{per.group(1)}\b|/{per.group(1)}\b", re.I
        )
        return lambda s: holds("money", s, set()) and bool(unit.search(s))
    for asked, said, bare in _ASKED:
        if asked.search(question):
            return lambda s: bool(said.search(s)) and (
                holds("money", s, set()) or bool(bare.search(s))
            )
    return None
