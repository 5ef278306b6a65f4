"""The calendar day a "when" answer means, when its quote says it only as the report saw it.

"When was Chen Shui-bian detained?" was answered by "… has been detained on charges of money
laundering" and "When did the strike end?" by "… ended on Tuesday": true, and no answer to
"when" unless the reader looks up the report's date and counts back to its Tuesday. News
dates events relative to the report ("on Tuesday", "yesterday", "earlier today", "last
week"), so the report's date turns them into a day (or a week, a month, a year): the one
before it for the past, the one after it for what "will" happen. A quote that names no time
at all is answered by the report's date, as the earliest the articles put it."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import NamedTuple

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
# A weekday followed by its date: ", January 22", " 22 January".
_DATED = re.compile(
    rf",?\s+(?:(?i:{MONTH_NAMES})\.?\s+\d{{1,2}}\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?i:{MONTH_NAMES})\b)"
)
# What is still to come, said in the day's own clause: "will meet on Friday", "is due to sign
# on Monday" (not "the minister, who would not comment, was arrested on Friday").
_AHEAD = re.compile(
    r"\b(?:will|would|shall|is to|are to|is due|are due|scheduled|set to|expected to|plans? to|"
    r"planned|going to)\b[^,;:]*$",
    re.I,
)


# ... or after the day, in its clause: "On Tuesday she will attend", "On Tuesday she is
# attending a meeting" (an arrangement)
# (before any past verb: "On Tuesday police said they are investigating" is Tuesday past)
_AHEAD_AFTER = re.compile(
    r"(?:(?!\b(?:said|says|was|were|had|did|told|\w+ed)\b)[^,;:.]){0,40}?"
    r"\b(?:will|shall|is to|are to|is due|are due|is set to|are set to|"
    r"(?:is|are|am) (?!being\b)\w+ing)\b",
    re.I,
)


_PAST_WORDS = frozenset({"yesterday", "last night"})
# A past verb right before the day is the day's: "announced today that they will acquire" is
# today's announcement, not a plan for today.
# (not a participle after "be": "will be signed on Friday" is Friday to come)
_PAST_BEFORE = re.compile(
    r"\b(?:said|told|was|were|had|did|(?<!\bbe )(?<!\bbeen )(?<!\bbeing )\w+ed)\s+$", re.I
)
# A question about what is to come, by its own verb: "When will …", "When is the deal
# expected to close?" (not "When did Blair announce he will step down?").
_ASKS_AHEAD = re.compile(
    r"^\W*(?:(?:and|so|but|then)\s+)?when\s+(?:will|shall|(?:is|are|does|do)\b.*\b(?:expected|"
    r"scheduled|due|set to|going to|planned|likely|hop(?:e|es|ing) to|plan(?:s|ning)? to|"
    r"intend(?:s|ing)? to|aim(?:s|ing)? to|want(?:s|ing)? to))\b|"
    # "What is the latest word on when Russian troops will leave?"
    r"\b(?:on|about|as to|of)\s+when\b[^?]*\b(?:will|shall)\b",
    re.I,
)


def meant_days(quote: str, report_date: str, ahead_only: bool = False) -> list[tuple[str, str]]:
    """(the day, the quote's words for it) for each relative day the quote names, read from
    the report's date; with `ahead_only`, only the days it says something will happen on."""
    report = _report_day(report_date)
    if report is None:
        return []
    out: list[tuple[str, str]] = []
    for m in _RELATIVE.finditer(quote):
        if m.group(2) and _DATED.match(quote, m.end()):
            continue  # "Monday, January 22, 2007": a date given, not counted from the report
        if m.group(2) and not m.group(1) and _PAPER.search(quote, 0, m.start()) and (
            _PAPER_AFTER.match(quote, m.end())
        ):
            continue
        ahead = bool(m.group(1) and m.group(1).lower() == "next") or (
            not _PAST_BEFORE.search(quote, max(0, m.start() - 30), m.start())
            and bool(
                _AHEAD.search(quote, max(0, m.start() - 60), m.start())
                or _AHEAD_AFTER.match(quote, m.end())
            )
        )
        if ahead_only and not (ahead and (m.group(3) or "").lower() not in _PAST_WORDS):
            continue
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
            back = 1 if m.group(3).lower() in _PAST_WORDS else 0
            day = report - dt.timedelta(days=back)
        _add(out, day.isoformat(), m.group(0))
    return out


# A stretch of time said from the report's day: "resigned last week", "earlier this month".
# (not "in the last week of April", "over the last year": a stretch, not the one before)
_SPAN = re.compile(
    r"(?<!\bthe )\b(?:(last|next|this|earlier this|later this)\s+(week|month|year))\b"
    r"(?!\s+of\b)",
    re.I,
)


# "last August", "next March" (the month capitalised: "next may" is no month)
_MONTH_SPAN = re.compile(
    r"\b((?i:last|next|this))\s+(" + "|".join(m for m in calendar.month_name if m) + r")\b"
)


def _month_meant(m: re.Match[str], report: dt.date) -> tuple[int, int]:
    """(year, month): "last August" in a report of March 2007 is August 2006; "next March" in
    one of October 2006 is March 2007; "this August" is the report's year's."""
    month = list(calendar.month_name).index(m.group(2))
    word = m.group(1).lower()
    year = report.year
    if word == "last" and month >= report.month:
        year -= 1
    elif word == "next" and month <= report.month:
        year += 1
    return year, month


class Stretch(NamedTuple):
    said: str  # "the week of Monday 10 March 2008", "August 2006", "2007"
    words: str  # the quote's words for it: "last week"
    first: dt.date
    last: dt.date


def _month(year: int, month: int, words: str) -> Stretch:
    days = calendar.monthrange(year, month)[1]
    return Stretch(f"{calendar.month_name[month]} {year}", words, dt.date(year, month, 1),
                   dt.date(year, month, days))


def meant_spans(quote: str, report_date: str, ahead_only: bool = False) -> list[Stretch]:
    """Each week, month or year the quote names from the report's day, with its first and last
    day: "last week" in a report of Tuesday 18 March 2008 is the week of Monday 10 March 2008.
    With `ahead_only`, none that is over ("last", "earlier this")."""
    report = _report_day(report_date)
    if report is None:
        return []
    out: list[Stretch] = []
    for m in _SPAN.finditer(quote):
        if ahead_only and m.group(1).lower() in ("last", "earlier this"):
            continue
        step = {"last": -1, "next": 1}.get(m.group(1).lower(), 0)
        unit = m.group(2).lower()
        if unit == "week":
            monday = report - dt.timedelta(days=report.weekday()) + dt.timedelta(weeks=step)
            found = Stretch(f"the week of Monday {spoken_day(monday.isoformat())}", m.group(0),
                            monday, monday + dt.timedelta(days=6))
        elif unit == "month":
            month = report.month - 1 + step
            found = _month(report.year + month // 12, month % 12 + 1, m.group(0))
        else:
            year = report.year + step
            found = Stretch(str(year), m.group(0), dt.date(year, 1, 1), dt.date(year, 12, 31))
        if all(found.said != s.said for s in out):  # each said once, by its first words
            out.append(found)
    for m in _MONTH_SPAN.finditer(quote):
        if ahead_only and m.group(1).lower() == "last":
            continue
        found = _month(*_month_meant(m, report), m.group(0))
        if all(found.said != s.said for s in out):
            out.append(found)
    return out


def _report_day(report_date: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(report_date[:10])
    except ValueError:
        return None


def _add(out: list[tuple[str, str]], meant: str, words: str) -> None:
    """Each day or stretch said once, by the first words that meant it."""
    if all(meant != d for d, _ in out):
        out.append((meant, words))


def dated(quotes: list[tuple[str, str | None]], question: str = "") -> str | None:
    """What a "when" answer says before its quotes, from (quote, report date) pairs best
    first: the days the first quote with relative days means ("Sunday 17 August 2008 ("on
    Sunday") and Monday 18 August 2008 ("on Monday"), by a report of 17 August 2008."), each
    said, not one picked, whatever other dates the quotes give (they are another event's as
    often as not: "Formed in 2003, the airline hit trouble on Monday"); else nothing when the
    best quote gives a date itself; else its report's date ("Reported on 11 November
    2008."). For a question about the future ("When will the rules be finalized?"), only the
    days and stretches the quotes say something will happen in, and never the report's date:
    "issued Friday and expected to be finalized in 2012" was answered "Friday 1 April 2011"."""
    if not quotes:
        return None
    future = bool(_ASKS_AHEAD.search(question))
    # (a lower quote's day only when the best names no day of its own: "signed on March 28,
    # 2006" is not outdone by another quote's "protested on Tuesday")
    own = named_day(quotes[0][0]) is not None
    read = [
        (
            q,
            r,
            meant_days(q, r, future) if r else [],
            meant_spans(q, r, future) if r and not own else [],
        )
        for q, r in (quotes[:1] if own else quotes)
    ]
    # a day before a stretch: "later this week" is "He will arrive in Iran on Wednesday"; a
    # stretch is no answer beside a quote's own date ("handed over the border on September
    # 1" was answered "the week of Monday 5 September 2005"), nor, to a question about what
    # is to come, beside a quote's own month or year ("a Spring 2008 opening date")
    # (another quote's day only inside the stretch the best quote names: "later this week" is
    # "on Wednesday", but "Today, with the grace of God, …" is not when sanctions were
    # "imposed … last year")
    stretches = read[0][3] if not read[0][2] else []
    with_days = [
        x for i, x in enumerate(read)
        if x[2] and (i == 0 or not stretches or any(
            s.first <= dt.date.fromisoformat(day) <= s.last for day, _ in x[2] for s in stretches
        ))
    ]
    dated_elsewhere = any(named_day(q) for q, _ in quotes) or (
        future and any(_EXPLICIT.search(q) for q, _ in quotes)
    )
    if not with_days and dated_elsewhere and any(spans for *_, spans in read):
        return None
    for _, report, days, spans in with_days or read:
        if report and (days or spans):
            said = " and ".join(
                [f'{calendar.day_name[dt.date.fromisoformat(day).weekday()]} {spoken_day(day)}'
                 f' ("{words}")' for day, words in days]
                + [f'{span.said} ("{span.words}")' for span in spans]
            )
            return f"{said}, by a report of {spoken_day(report)}."
    if future or _EXPLICIT.search(quotes[0][0]):
        return None
    report = quotes[0][1]
    return f"Reported on {spoken_day(report)}." if report else None

