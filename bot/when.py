"""The calendar day a "when" answer means, when its quote says it only as the report saw it.

"When was Chen Shui-bian detained?" was answered by "… has been detained on charges of money
laundering" and "When did the strike end?" by "… ended on Tuesday": true, and no answer to
"when" unless the reader looks up the report's date and counts back to its Tuesday. News
dates events relative to the report ("on Tuesday", "yesterday", "earlier today"), so the
report's date turns them into a day: the one before it for the past, the one after it for
what "will" happen. A quote that names no time at all is answered by the report's date, as
the earliest the articles put it."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from bot.question import MONTH_NAMES, YEAR, named_day, spoken_day

_WEEKDAYS = [d.lower() for d in calendar.day_name]
_RELATIVE = re.compile(
    rf"\b(?:(on|last|this|early|late|next)\s+)?({'|'.join(_WEEKDAYS)})\b|"
    r"\b(yesterday|today|tonight|last night|this morning|this afternoon|this evening)\b",
    re.I,
)
# A weekday that names a paper or its edition: "the Sunday Telegraph", "its Monday edition"
# (not "On Tuesday President Bush signed", "Police said Sunday Smith had been arrested").
_PAPER = re.compile(r"(?:\b(?:the|its|their|his|her)|['’]s)\s+$", re.I)
_PAPER_AFTER = re.compile(r"\s+(?:(?-i:[A-Z])|edition|paper|newspaper|magazine)", re.I)
# A date the quote gives itself: a month, a year ("on March 28", "in 2006", "5/3/2006"); "may"
# and "march" only capitalised (the verbs), and "24/7" is no date.
_EXPLICIT = re.compile(
    rf"\b(?:(?!may\b|march\b)(?i:{MONTH_NAMES})|May|March)\b|{YEAR.pattern}|"
    r"\b(?!24/7\b)\d{1,2}/\d{1,2}\b"
)
# What is still to come, said in the day's own clause: "will meet on Friday", "is due to sign
# on Monday" (not "the minister, who would not comment, was arrested on Friday").
_AHEAD = re.compile(
    r"\b(?:will|would|shall|is to|are to|is due|are due|scheduled|set to|expected to|plans? to|"
    r"planned|going to)\b[^,;:]*$",
    re.I,
)


def meant_days(quote: str, report_date: str) -> list[tuple[str, str]]:
    """(the day, the quote's words for it) for each relative day the quote names, read from
    the report's date."""
    try:
        report = dt.date.fromisoformat(report_date[:10])
    except ValueError:
        return []
    out: list[tuple[str, str]] = []
    for m in _RELATIVE.finditer(quote):
        if m.group(2) and not m.group(1) and _PAPER.search(quote, 0, m.start()) and (
            _PAPER_AFTER.match(quote, m.end())
        ):
            continue
        ahead = bool(m.group(1) and m.group(1).lower() == "next") or bool(
            _AHEAD.search(quote, max(0, m.start() - 60), m.start())
        )
        if m.group(2):
            target = _WEEKDAYS.index(m.group(2).lower())
            if ahead:
                day = report + dt.timedelta(days=(target - report.weekday()) % 7 or 7)
            else:
                back = (report.weekday() - target) % 7
                if back == 0 and (m.group(1) or "").lower() == "last":
                    back = 7  # "last Tuesday" in a Tuesday's report: the week before
                day = report - dt.timedelta(days=back)
        else:
            back = 1 if m.group(3).lower() in ("yesterday", "last night") else 0
            day = report - dt.timedelta(days=back)
        if all(day.isoformat() != d for d, _ in out):
            out.append((day.isoformat(), m.group(0)))
    return out


def dated(quotes: list[tuple[str, str | None]]) -> str | None:
    """What a "when" answer says before its quotes, from (quote, report date) pairs best
    first: the days the first quote with relative days means ("Sunday 17 August 2008 ("on
    Sunday") and Monday 18 August 2008 ("on Monday"), by a report of 17 August 2008."), each
    said, not one picked, whatever other dates the quotes give (they are another event's as
    often as not: "Formed in 2003, the airline hit trouble on Monday"); else nothing when the
    best quote gives a date itself; else its report's date ("Reported on 11 November
    2008.")."""
    if not quotes:
        return None
    # (a lower quote's day only when the best names no day of its own: "signed on March 28,
    # 2006" is not outdone by another quote's "protested on Tuesday")
    own = named_day(quotes[0][0]) is not None
    for quote, report in quotes[:1] if own else quotes:
        days = meant_days(quote, report) if report else []
        if report and days:
            said = " and ".join(
                f'{calendar.day_name[dt.date.fromisoformat(day).weekday()]} {spoken_day(day)}'
                f' ("{words}")'
                for day, words in days
            )
            return f"{said}, by a report of {spoken_day(report)}."
    if _EXPLICIT.search(quotes[0][0]):
        return None
    report = quotes[0][1]
    return f"Reported on {spoken_day(report)}." if report else None
