"""What a question asks for, beyond its words: content terms (stemmed like the keyword index),
a named time, whether it wants a story's latest or first development, whether it is a yes/no
question, and the kind of phrase a wh-question's answer holds (bot.answer_type)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from bot.answer_type import answer_type
from index.paragraphs import year_last_date
from index.stopwords import STOPWORDS
from index.terms import query_terms, stem_all

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9

# A yes/no question starts with an auxiliary, possibly after a leading clause ("After signing
# the peace plan, did Moscow ...", "When reports said officials might meet in New York about
# the sanctions, did the White House confirm it?").
AUXILIARIES = r"did|does|do|is|was|were|are|has|have|had|will|would|can|could|should|may|might"
_AUX = re.compile(rf"^([^,?]{{0,160}},\s*)?({AUXILIARIES})\b", re.I)


def main_clause(question: str) -> str:
    """A yes/no question without its leading clause: "After French and Dutch voters rejected
    the constitution, did Ireland still intend to hold a vote?" asks about the intending, not
    the rejecting, which is only the background."""
    m = _AUX.match(question.strip())
    return question.strip()[m.start(2) :] if m and m.group(1) else question


_LATEST = re.compile(
    r"\b(latest|most recent|newest|recently|currently|now|current|so far|still|eventually|"
    r"ultimately|in the end|final(?=\s+[a-z]))\b",
    re.I,
)
# "... when the first clashes were reported", "when it first went past 13,000": the story's
# beginning, so its oldest article.
_EARLIEST = re.compile(
    r"\b(initially|originally|at first|at the (start|outset|beginning)|"
    # the first of a figure that changes as a story goes on: "Brightwater's first offer"
    r"(first|initial|original|opening) (\w+ )?(offer|bid|proposal|estimate|count|tally|"
    r"figure|price|results?|demand|toll))\b",
    re.I,
)
_WHEN = re.compile(r"\bwhen\b", re.I)
# Lower-case "first" inside the "when" clause, not as its last word ("... to let go first?"
# asks which one, not about the story's start); "First Minister" is a title.
_FIRST = re.compile(r"\b(first|initially|originally)\b(?!\s*$)")


# "What happened to …?", "What's the news on …?": the development itself, which news states
# first (the lead), whatever words the question shares with the background.
_HAPPENED = re.compile(
    r"^\s*what(?:(?:['’]s| is| was| has)?\s+happen\w*|(?:['’]s| is)\s+new|"
    r"(?:['’]s| is| was)\s+the\s+"
    r"(?:news|situation|status))\b|"
    r"^\s*where (?:do|does|did)\b.{1,80}\bstand\b",
    re.I,
)


def _wants_earliest(question: str) -> bool:
    if _EARLIEST.search(question):
        return True
    for clause in question.split("?"):
        when = _WHEN.search(clause)
        if when and _FIRST.search(clause, when.end()):
            return True
    return False


DAY_MONTH_YEAR = re.compile(
    r"\b(?:(\d{1,2})(?:(?:st|nd|rd|th)\s+of|(?:st|nd|rd|th)?)\s+)?("
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?)?,?(?:\s+(\d{4}))?\b",
    re.I,
)
YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
# A year naming a planned event: "a 2008 White House run", "Congo's 2006 presidential election".
_NAMES_EVENT = re.compile(
    r"\b(?:a|an|the|its|his|her|their|\w+['’]s)\s+(?:19|20)\d{2}\s+(?:[\w-]+\s+){0,2}?"
    r"(?:elections?|run|race|campaign|games|olympics|cup|summit|budget|referendum|vote|"
    r"primar(?:y|ies)|bid|season|championships?|conference|census|plan|tour)\b",
    re.I,
)


@dataclass
class QuestionInfo:
    text: str
    terms: list[str]
    stems: list[str]
    yes_no: bool = False
    wants_latest: bool = False
    wants_earliest: bool = False
    # Asks for a story's development ("what happened …", "what is the latest …") with no kind of
    # phrase to look for: the lead of the article says it.
    development: bool = False
    date_from: str | None = None  # the time the question names, as an inclusive ISO range
    date_to: str | None = None
    date_terms: set[str] = field(default_factory=set)  # words naming the time (not content)
    answer_type: str | None = None  # what the answer must contain: see bot.answer_type
    day: tuple[int, int, int | None] | None = None  # (month, day, year) the question names
    # A name's first words → its last: a report that says "Parker" mentions the "Sarah Jessica
    # Parker" of the question.
    surnames: dict[str, str] = field(default_factory=dict)
    # The time is a span with two ends ("between May and June 2008", "from 2006 to 2008").
    span: bool = False
    # A follow-up's stems that only its context (the previous question) brought in.
    context_stems: frozenset[str] = frozenset()


def _days(text: str) -> Iterator[tuple[int, int, int | None]]:
    """Every (month, day, year or None) the text names: "April 28, 2006", "7 August". The
    verbs "may" and "march" in lower case are no months ("30 may be freed")."""
    for m in DAY_MONTH_YEAR.finditer(text):
        day, month = m.group(1) or m.group(3), m.group(2)
        if not day or not 1 <= int(day) <= 31:
            continue
        if month.lower() in ("may", "march") and month[0].islower():
            continue
        number, year = MONTHS[month.lower()], int(m.group(4)) if m.group(4) else None
        if int(day) > calendar.monthrange(year or 2000, number)[1]:
            continue  # "30 February": no day (2000 lets "29 February" of no year be one)
        yield number, int(day), year


def named_day(text: str) -> tuple[int, int, int | None] | None:
    """The first day the text names, as (month, day, year or None)."""
    return next(_days(text), None)


def names_day(text: str, day: tuple[int, int, int | None]) -> bool:
    """Whether the text names that day ("killed five people on April 28"); a year given on
    both sides must agree."""
    return any(
        (m, d) == day[:2] and (y is None or day[2] is None or y == day[2])
        for m, d, y in _days(text)
    )


def names_month(text: str, info: QuestionInfo, date: str) -> bool:
    """Whether a report of `date` names the month the question names ("What was the inflation
    rate in March 2008?" — "estimated in March at 355,000%", in a report of June 2008): its
    own year's month, or the year named beside it."""
    if info.day or info.span or not info.date_from:
        return False
    month = next((w for w in info.date_terms if w in MONTHS), None)
    year = info.date_from[:4]
    if month is None or date[:10] < info.date_from:
        return False
    for found in DAY_MONTH_YEAR.finditer(text):  # (the dates' own reader: "3 March 2008")
        name, given = found.group(2), found.group(4)
        if MONTHS[name.lower()] != MONTHS[month] or not name[:1].isupper():
            continue  # another month, or the verb "may"
        before = re.search(r"(\w+)\s+$", text[max(0, found.start() - 30) : found.start()])
        word = before.group(1) if before else ""
        if (not given and re.match(r"\s+[A-Z]", text[found.end() : found.end() + 2])) or (
            word[:1].isupper() and word.lower() not in _STARTS
        ):
            continue  # a name: "Jan Egeland said", "Theresa May said"
        if word.lower() in ("next", "last", "this", "coming"):
            continue  # "due next March" is no report of that March
        if (given or date[:4]) == year:
            return True
    return False


# Words before a month that do not make it a name: "In March …", "By May …".
_STARTS = frozenset({"in", "on", "by", "since", "until", "from", "early", "late", "mid", "and",
                     "or", "of", "during", "before", "after", "through"})


# "between May and June 2008", "from March to May 2005", "between 2006 and 2008": a span, its
# first end's year given or taken from the second's.
# Every month name and abbreviation, longest first, as one alternation (lower case: match it
# case-blind).
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_OF = r"(?:(?P<d{n}>\d{{1,2}})(?:st|nd|rd|th)?\s+)?"
_SPAN = re.compile(
    rf"\b(?:between|from)\s+(?:{_DAY_OF.format(n=1)}(?P<m1>{MONTH_NAMES})\.?(?:\s+(?P<y1>\d{{4}}))?"
    r"|(?P<y3>\d{4}))"
    rf"\s+(?:and|to|until|till|through)\s+(?:{_DAY_OF.format(n=2)}(?P<m2>{MONTH_NAMES})\.?\s+"
    r"(?P<y2>\d{4})|(?P<y4>\d{4}))\b",
    re.I,
)


def _span(text: str) -> tuple[str, str, set[str]] | None:
    """The span "between May and June 2008" names, as `_named_time` returns a time: from the
    first day of its first end to ten days past its last (a span of years: to the March after
    it, as one year's reach). It comes before any one time the question names. Its ends are
    months or years: "from 10 May to 20 June 2008" is May to June."""
    m = _SPAN.search(text)
    if m is None:
        return None
    if m.group("y3") and m.group("y4"):
        y1, y2 = sorted((int(m.group("y3")), int(m.group("y4"))))  # "from 2008 to 2006" too
        if y1 == y2 or not (y1 >= 1000 and y2 <= 9000):
            return None
        return f"{y1:04d}-01-01", f"{y2 + 1:04d}-03-31", {m.group("y3"), m.group("y4")}
    if not (m.group("m1") and m.group("m2")):
        return None
    y2 = int(m.group("y2"))
    m1, m2 = MONTHS[m.group("m1").lower()], MONTHS[m.group("m2").lower()]
    # "between December and January 2009": the December before
    y1 = int(m.group("y1")) if m.group("y1") else (y2 - 1 if m1 > m2 else y2)
    first, last = (y1, m1), (y2, m2)
    if not (1000 <= y1 <= 9000 and 1000 <= y2 <= 9000) or first >= last:
        return None
    end = dt.date(*last, calendar.monthrange(*last)[1]) + dt.timedelta(days=10)
    words = {w.lower() for w in m.groups() if w}
    return f"{y1:04d}-{m1:02d}-01", str(end), words | {str(y1)}


def _named_time(text: str) -> tuple[str | None, str | None, set[str]]:
    """The period a question names. Articles report events a few days after they happen, so
    the range reaches a little past the named time."""
    for m in DAY_MONTH_YEAR.finditer(text):
        day = m.group(1) or m.group(3)
        month = MONTHS[m.group(2).lower()]
        year = m.group(4)
        if m.group(2).lower() in ("may", "march") and not (day or year):
            continue  # the verb "may", "march" without a date around it
        if not year:
            continue  # "on 7 August" with no year: too vague to filter on
        y = int(year)
        if not 1000 <= y <= 9000 or (
            day and not 1 <= int(day) <= calendar.monthrange(y, month)[1]
        ):
            continue  # not a date anyone means ("0 May 2020", "31 February 2008")
        # its words as the question writes them: "20th" is no search word either
        words = {w.lower() for w in re.findall(r"\w+", m.group(0))} - {"of"}
        if day:
            d = dt.date(y, month, min(int(day), calendar.monthrange(y, month)[1]))
            return str(d - dt.timedelta(days=2)), str(d + dt.timedelta(days=10)), words
        last = calendar.monthrange(y, month)[1]
        end = dt.date(y, month, last) + dt.timedelta(days=10)
        return f"{y:04d}-{month:02d}-01", str(end), words
    years = YEAR.findall(text)
    if len(years) == 1:
        y = years[0]
        # A year is often reported on early the next year ("the economy shrank in 2009"); one
        # that names an event ("a 2008 White House run", "Congo's 2006 election") is also
        # reported on in the year before, as the event is prepared.
        first = int(y) - 1 if _NAMES_EVENT.search(text) else int(y)
        if re.search(rf"\b(after|since)\s+{y}\b", text, re.I):
            # "Did they raise taxes after 2003?" — "hadn't increased gasoline taxes since
            # 2003", in a report of 2005: any time from then on
            return f"{y}-01-01", None, {y}
        return f"{first}-01-01", f"{int(y) + 1}-03-31", {y}
    return None, None, set()


# Capitalised words in a row; a possessive ends the run ("Sarah Jessica Parker's Gap deal").
_NAME_RUN = re.compile(r"(?<![.?!]\s)(?<!^)\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*(?:['’]s\b)?")


# Words of a name that a report does not drop for its last word: "Hotel Timor" is not "Timor",
# "Prime Minister Tăriceanu" may not be the prime minister the question means.
_OFFICES_AND_PLACES = (
    "hotel university airport river party bank council ministry minister prime president "
    "house street road square park national united north south east west new general "
    "secretary state states republic city county province island islands lake mount "
    "port church hospital school college court army force forces company group union "
    "association news times post club team cup league festival station northern southern "
    "eastern western central upper lower air red cross equatorial royal saint san los las "
    "ceo chief chairman director mayor governor senator king queen pope assembly parliament "
    "committee commission department agency corporation corp inc ltd organisation "
    "organization government administration congress office service navy police airline "
    "airlines fund alliance movement institute foundation network channel television radio "
    "coalition federation authority bureau centre center registry stadium games olympics "
    "prize treaty accord agreement program programme project"
)
_NOT_FIRST_NAMES = NOT_PEOPLE = frozenset(stem_all(_OFFICES_AND_PLACES.split()))


def _surnames(question: str) -> dict[str, str]:
    """{first-name stem: last-name stem} for runs of capitalised words after the first word
    ("Sarah Jessica Parker", "Mwai Kibaki"), leaving out words that name a kind of place,
    body or office."""
    out: dict[str, str] = {}
    if any(w[:1].isupper() and w.lower() in STOPWORDS for w in question.split()[1:]):
        return out  # Title Case ("How Many People Died In …"): capitals say nothing
    for m in _NAME_RUN.finditer(question):
        _pair_names(m.group(0), out)
    return out


def _pair_names(name: str, out: dict[str, str]) -> None:
    """Each first word of a full name → its last word, into `out`; not for a run of more than
    three words or one with a word of a place, body or office ("Prime Minister Tăriceanu")."""
    words = [w for w in stem_all(query_terms(name)) if w]
    if len(words) <= 3 and not any(w in _NOT_FIRST_NAMES for w in words):
        for w in words[:-1]:
            out.setdefault(w, words[-1])


_ISO_DAY = re.compile(r"\b((?:19|20)\d{2})([-/])(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])\b")


# "20/03/2024", "3.20.2024", "20-03-2024": read as the one day it can mean (index/ingest's
# header rule).
_YEAR_LAST_DAY = re.compile(r"\b\d{1,2}([-/.])\d{1,2}\1(?:19|20)\d{2}\b")


def _year_last(m: re.Match[str]) -> str:
    iso, _ = year_last_date(m.group(0))
    if not iso or not _ISO_DAY.fullmatch(iso):
        return m.group(0)
    return _spelled(_ISO_DAY.fullmatch(iso))  # type: ignore[arg-type]


def spoken_day(date: str) -> str:
    """"27 August 2007" for "2007-08-27": the form every date rule here reads, and answers
    name a report's day by."""
    year, month, day = date[:10].split("-")
    return f"{int(day)} {calendar.month_name[int(month)]} {year}"


def _spelled(m: re.Match[str]) -> str:
    """"2007-08-27", "2007/8/27" spelled."""
    return spoken_day(f"{m.group(1)}-{m.group(3)}-{m.group(4)}")


_OPENING_CONJUNCTION = re.compile(r"^\s*(?:and|but|so|then|also|okay|ok|well)\b[,\s]*", re.I)


def analyse(question: str, context: str | None = None, referents: str = "") -> QuestionInfo:
    """`context` (the previous question of a follow-up) adds terms, never changes the form;
    `referents`, the people of it the follow-up's pronouns stand for: once they are known,
    the question's own words and their last names weigh more than the rest of the context
    (`context_stems`). Without them ("was anybody hurt during it?") the context is the
    subject, and weighs in full.
    An ISO date ("on 2007-08-27", as `--since` takes them) is read as the day it names."""
    question = _ISO_DAY.sub(_spelled, _YEAR_LAST_DAY.sub(_year_last, question))
    terms = query_terms(f"{context} {question}" if context else question)
    span = _span(question)
    date_from, date_to, date_words = span or _named_time(question)
    content = [t for t in terms if t not in date_words]
    # "and when?", "so did he resign?": the form is the rest's (it was no time question, and
    # a follow-up "and when?" repeated the last answer)
    form = _OPENING_CONJUNCTION.sub("", question)
    yes_no = bool(_AUX.match(form.strip()))
    kind = None if yes_no else answer_type(form)
    latest = bool(_LATEST.search(question))
    own = f"{question} {_last_names(referents)}".strip()
    return QuestionInfo(
        text=question,
        terms=content,
        stems=stem_all(content),
        yes_no=yes_no,
        wants_latest=latest,
        wants_earliest=_wants_earliest(question) and not latest,
        development=not yes_no
        and (bool(_HAPPENED.search(question)) or (latest and kind is None)),
        date_from=date_from,
        date_to=date_to,
        date_terms=date_words,
        # "Was the toll higher than 100?" wants a stance, not a count.
        answer_type=kind,
        day=named_day(question),
        # (and those of the people a follow-up's pronouns stand for: "what did he say?" after
        # "Who is Christopher Coonen?")
        surnames={**_referent_surnames(referents), **_surnames(question)},
        span=span is not None,
        # (a person by their last name: "Sheinbaum stressed …" names all of "President
        # Claudia Sheinbaum")
        context_stems=_context_only(own, context) if context and referents else frozenset(),
    )


def _referent_surnames(people: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in people.split(","):
        _pair_names(name, out)
    return out


def _last_names(people: str) -> str:
    return " ".join(name.split()[-1] for name in people.split(",") if name.strip())


def _context_only(own_words: str, context: str) -> frozenset[str]:
    own = set(stem_all(query_terms(own_words)))
    return frozenset(s for s in stem_all(query_terms(context)) if s not in own)
