"""Questions that name a time and nothing else ("What happened in August 2007?", "news from 5
May 2025?"). They have no words to search by, so they were abstained on; the answer is the
period's articles, newest first, each by its lead: the sentence a news report opens on says
what happened."""

from __future__ import annotations

import calendar
import datetime as dt

from bot.question import MONTHS, QuestionInfo
from bot.reply import ABSTAIN, Answer, cite
from index.search import Filters, Index, Passage


def wants_digest(info: QuestionInfo) -> bool:
    """A question about a time with no content words and no yes/no."""
    return bool(info.date_from) and not info.stems and not info.yes_no


def period(info: QuestionInfo) -> tuple[str, str, str] | None:
    """(first day, last day, label) of the time the question names, strictly: the search's
    own range reaches past it for reports that come later, a digest lists what it names."""
    years = sorted(w for w in info.date_terms if w.isdigit() and len(w) == 4)
    if not years:
        return None
    months = [w for w in info.date_terms if w in MONTHS]
    if info.span and info.date_from and info.date_to:
        # "between May and June 2008": the search's range, less its reach for later reports
        if months:
            last = str(dt.date.fromisoformat(info.date_to) - dt.timedelta(days=10))
        else:
            last = f"{years[-1]}-12-31"
        label = f"{_month_label(info.date_from, months)} to {_month_label(last, months)}"
        return info.date_from, last, label
    year = int(years[-1])
    month = next((MONTHS[w] for w in info.date_terms if w in MONTHS), None)
    if info.day and info.day[2] == year:  # a valid day: bot/question.py names no other
        day = dt.date(year, info.day[0], info.day[1])
        return str(day), str(day), f"{day.day} {calendar.month_name[day.month]} {year}"
    if month:
        last = calendar.monthrange(year, month)[1]
        return (f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}",
                f"{calendar.month_name[month]} {year}")
    return f"{year:04d}-01-01", f"{year:04d}-12-31", str(year)


def _month_label(day: str, months: list[str]) -> str:
    """"May 2008" for a span of months, "2006" for one of years."""
    if not months:
        return day[:4]
    return f"{calendar.month_name[int(day[5:7])]} {day[:4]}"


def within(first: str, last: str, filters: Filters) -> Filters | None:
    """The period narrowed by the user's own filters (`--since`, `--source`); None when they
    leave nothing of it."""
    since = max(first, filters.since or first)
    until = min(last, filters.until or last)
    return Filters(since, until, filters.source) if since <= until else None


def header(n: int, label: str, shown: int) -> str:
    articles = "1 article" if n == 1 else f"{n:,} articles"
    newest = "" if n <= shown else f", the newest {shown}"
    return f"{articles} from {label}{newest}:"


def digest(
    index: Index, question: str, info: QuestionInfo, filters: Filters, k: int
) -> tuple[Answer, list[Passage]]:
    """The newest `k` articles of the period the question names, each quoted by its lead,
    under how many there are, and the passages quoted; "No article is dated …" when there
    are none."""
    named = period(info)
    if not named:
        return Answer(question, ABSTAIN, True), []
    narrowed = within(named[0], named[1], filters)
    n, leads = index.leads(narrowed, k) if narrowed else (0, [])
    if not leads:
        where = " within the filters" if filters.active() else ""
        return Answer(question, f"No article is dated {named[2]}{where}.", True), []
    citations, text = cite([(p, *p.sentences[0]) for p in leads])
    label = f"{named[2]} within the filters" if filters.active() else named[2]
    answer = Answer(question, f"{header(n, label, len(leads))} {text}", False, citations)
    return answer, leads
