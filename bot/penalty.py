"""What a court or a state did to someone, asked as such: "What sentence did the court hand
down to Ponosov?", "What jail term was Milinkievič given?". Only a sentence that states a
penalty given or faced answers ("has been jailed for 15 days", "sentenced to 7 years and 700
lashes", "faces up to 10 years in prison"); one on the case alone ("Ponosov pleaded not
guilty", "is to be sentenced on Friday") is on topic and says nothing of the outcome."""

from __future__ import annotations

import re

# A jail or prison term is always a court's; a bare "sentence", "penalty" or "punishment" only
# with a word of the courts in the question ("What sentence did Obama add to the speech?",
# "What penalty did the referee award?" ask for none).
_TERM_Q = re.compile(r"\b(what|which)\s+([\w'’-]+\s+){0,2}(jail|prison)\s+(terms?|sentences?)\b",
                     re.I)
_NOUN_Q = re.compile(
    r"\b(what|which)\s+((is|was|are|were)\s+(the\s+)?)?([\w'’-]+\s+){0,2}"
    r"(sentences?|punishments?|penalt(y|ies))\b"
    r"(?=\s*(\?|$|(did|does|do|was|were|is|are|has|have|had|will|would|could|can|might|for)\b))",
    re.I,
)
_COURTS = re.compile(
    r"\b(court|judge|jury|tribunal|convicted|guilty|given|receive[ds]?|got|get|hand(ed)? down|"
    r"impose[ds]?|face[sd]?|serve[ds]?|jail|prison|trial|crime|offen[cs]es?|regulator|"
    r"commission|authorit(y|ies)|fined?)\b",
    re.I,
)
_SPORT = re.compile(r"\b(referee|award(ed)?|concede[sd]?|kick|shoot-?out|spot|scored?|miss(ed)?|"
                    r"save[sd]?|goal|match|minute)\b", re.I)
_TERM = r"(day|week|month|year|decade)s?"
# (a number starts where a run of digits starts: "1,1,1,…" is read once, not from every digit)
_NUM = (r"((?<![\d,.])\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
        r"twelve|fifteen|twenty)")
# A sum's figure: "$8 billion", "€2.42 billion" (also what answer_phrase counts no count).
MONEY_FIGURE = re.compile(
    r"(?:US\$|A\$|C\$|NZ\$|HK\$|\$|£|€|¥|₹)\s?\d[\d,.]*"
    r"(?:\s*(?:million|billion|trillion|m|bn)\b)?"
)
_MONEY = (rf"({MONEY_FIGURE.pattern}|"
          r"(?<![\d,.])\d[\d,.]*\s*(million|billion)?\s*(euros?|dollars|pounds|yuan|rupees))")
_STATED = re.compile(
    # given, not to come: "was sentenced to", "jailed for" (not "is to be sentenced on Friday")
    r"(?<!to be )(?<!will be )(?<!would be )(?<!could be )(?<!may be )(?<!be )"
    r"\b(sentenced|jailed|imprisoned) (to|for)\b|"
    r"\b(was|were|been|is|are) (sentenced|jailed|imprisoned|fined|executed|hanged)\b|"
    rf"\b{_NUM}[\s-]+{_TERM}\s+(in|of)\s+(prison|jail|detention|custody|imprisonment|"
    r"hard labou?r)\b|"
    rf"\b{_NUM}[\s-]+{_TERM}[\s-]+((prison|jail)\s+)?(sentence|term)\b|"
    r"\b(prison|jail) (term|sentence) of\b|\bto (death|hang)\b|"
    r"\b(the )?(life|death) (sentence|penalty|imprisonment|in (prison|jail))\b|"
    r"\b(suspended sentence|probation|community service|lashes|house arrest)\b|"
    rf"\b(fine|penalty) of\b|{_MONEY}\s*(\w+\s+)?(fine|penalty)\b|\bfined\b|"
    r"\b(acquitted|cleared of all)\b",
    re.I,
)


def asks_penalty(question: str) -> bool:
    """Whether the question asks what penalty someone was given."""
    if _TERM_Q.search(question):
        return True
    return bool(
        _NOUN_Q.search(question) and _COURTS.search(question) and not _SPORT.search(question)
    )


def states_penalty(sentence: str) -> bool:
    """Whether the sentence says what penalty someone was given or faces (or that they were
    acquitted)."""
    return any(
        not _SOUGHT.search(sentence, max(0, m.start() - 30), m.start())
        for m in _STATED.finditer(sentence)
    )


# A penalty asked for is none given: "Prosecutors are seeking the death penalty".
_SOUGHT = re.compile(
    r"\b(seek\w*|sought|demand\w*|call\w* for|ask\w* for|push\w* for|want\w*|urg\w*)"
    r"\s+(the\s+|a\s+)?$",
    re.I,
)
