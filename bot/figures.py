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
