"""The figure a yes/no question puts a change at, against the one a report gives: "Did the
central bank raise rates to 6 percent?" is answered no by "raised the rate … to 4.75%"."""

from __future__ import annotations

import re

# Numbers written as words, as news writes the small ones ("sentenced to ten years").
_WORD_VALUES = {
    w: float(i)
    for i, w in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen", "twenty"],
        1,
    )
}
_NUMBER = rf"(\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{'|'.join(_WORD_VALUES)})\b"
# A figure a change goes to or by (not "up to": "pledged to buy up to 300 billion pounds").
_FIGURE_AT = re.compile(r"(?<!\bup )\b(to|by)\s+(?:US|A|C)?[$€£]?\s?" + _NUMBER, re.I)


def _value(number: str) -> float:
    return _WORD_VALUES.get(number.lower()) or float(number.replace(",", ""))


def _figures(text: str) -> dict[str, set[float]]:
    out: dict[str, set[float]] = {}
    for m in _FIGURE_AT.finditer(text):
        out.setdefault(m.group(1).lower(), set()).add(_value(m.group(2)))
    return out


def other_figure(question: str, sentence: str) -> bool:
    """Whether the sentence puts a change at another figure than the question asks ("to
    4.75%" for "to 6 percent?"), without the asked one anywhere in it ("ten years" is 10)."""
    asked = _figures(question)
    if not asked:
        return False
    said = _figures(sentence)
    numbers = {_value(m.group(1)) for m in re.finditer(r"\b" + _NUMBER, sentence, re.I)}
    return any(
        said.get(prep) and not (figures & numbers) for prep, figures in asked.items()
    )


_MAJORITY_Q = re.compile(r"\bmajority\b", re.I)
# A share of a whole: "25 of the 63 seats", "won 45% of the vote", "41 per cent of votes".
_SEATS = re.compile(r"\b(\d{1,4}) (?:of|out of) (?:the |its |all )?(\d{1,4})\b(?! per| %|%)", re.I)
_SHARE = re.compile(
    r"\b(\d{1,2}(?:\.\d+)?) ?(?:%|percent\b|per cent\b)(?= of (?:the )?(?:\w+ )?votes?\b)", re.I
)


def majority(question: str, sentence: str) -> str | None:
    """Yes or no to "Does the Independence Party have a majority?" from the one share the
    sentence gives ("25 of the 63 seats": no; "won 54% of the vote": yes); None when the
    question asks no majority or the sentence gives no single share."""
    if not _MAJORITY_Q.search(question):
        return None
    seats = [(int(a), int(b)) for a, b in _SEATS.findall(sentence) if 0 < int(a) <= int(b)]
    shares = [float(s) for s in _SHARE.findall(sentence)]
    if len(seats) + len(shares) != 1:
        return None
    more = seats[0][0] * 2 > seats[0][1] if seats else shares[0] > 50
    return "yes" if more else "no"


_MORE = r"more than|over|above|at least|exceed(?:ed|s|ing)?|greater than|higher than|in excess of"
_LESS = r"less than|under|below|fewer than|lower than|at most"
_ASKED_BOUND = re.compile(
    rf"\b({_MORE}|{_LESS})\s+(?:US|A|C)?[$€£]?\s?{_NUMBER}\s*(%|percent\b|per cent\b)?"
    r"\s*([a-z]+)?",
    re.I,
)
# Units a figure is counted in: the word after the question's number, if it is one of these.
_UNITS = re.compile(
    r"^(years?|months?|weeks?|days?|hours?|points?|seats?|votes?|people|persons|deaths?|"
    r"dead|troops|soldiers|jobs|members|cases|percent|metres|meters|miles|kilometres|km)$",
    re.I,
)
_SAID_FIGURE = re.compile(
    rf"(?:\b(up to|at most|as many as|no more than|more than|over|at least)\s+)?"
    rf"(?:US|A|C)?[$€£]?\s?\b{_NUMBER}\s*(%|percent\b|per cent\b)?\s*([a-z]+)?",
    re.I,
)


def bounded(question: str, sentence: str) -> str | None:
    """Yes or no to "Was Abramoff sentenced to more than five years?" from the one figure of
    the same unit the sentence gives ("four years": no; "faces up to 10 years" for "more than
    10 years?": no); None when the question bounds no figure or the sentence gives no single
    one to read."""
    m = _ASKED_BOUND.search(question)
    if not m:
        return None
    more = not re.match(_LESS, m.group(1), re.I)
    bound = _value(m.group(2))
    percent = bool(m.group(3))
    unit = m.group(4) if m.group(4) and _UNITS.match(m.group(4)) else None
    # Figures in the question's unit, else bare ones of its order ("closed at 5,210.17" for
    # "above 5,000 points?"); a figure far off is another thing ("up 21 points", "Klein, 45,")
    same: list[tuple[float, str]] = []
    bare: list[tuple[float, str]] = []
    for f in _SAID_FIGURE.finditer(sentence):
        if percent != bool(f.group(3)):
            continue
        value, after = _value(f.group(2)), (f.group(4) or "").lower()
        hedge = (f.group(1) or "").lower()
        if unit and after.startswith(unit.lower().rstrip("s")):
            if bound / 20 <= value <= bound * 20:
                same.append((value, hedge))
        elif not _UNITS.match(after) and bound / 5 <= value <= bound * 5 and not (
            1900 <= value <= 2100 and not 1900 <= bound <= 2100  # a year
        ):
            bare.append((value, hedge))
    found = same or bare
    if len(found) != 1:
        return None
    value, hedge = found[0]
    if hedge in ("up to", "at most", "as many as", "no more than"):
        return "no" if more and value <= bound else None
    if hedge in ("more than", "over", "at least"):
        return ("yes" if value >= bound else None) if more else ("no" if value >= bound else None)
    return "yes" if (value > bound if more else value < bound) else "no"
