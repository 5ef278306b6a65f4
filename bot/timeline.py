"""Questions about how a story changed ("How did Tsvangirai's plans for the run-off change
between May and June 2008?"): one report cannot say, as each states the story on its own day.
They are answered from two dated reports, each by its sentence that best answers the question:
one from the start of the span the question names and one from its end. A question that
names no span is answered as any other: tried, the first and last third of the time its
reports covered took in other stories ("How has the situation in Kenya changed since the
election?" quoted a report on Zimbabwe)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace

import numpy as np

from bot.question import MONTHS, QuestionInfo
from bot.rank import Candidate, score_sentences, sentence_sims
from index.search import Index, Passage
from index.terms import stem_all

# "How did X change/evolve/develop … between …?": the verb closing the clause, before the span
# or the question mark ("How did the developers react …?", "How did shift workers vote …?"
# ask something else).
_CHANGE = re.compile(
    r"^\s*how (did|has|have|had|do|does|is|are|was|were)\b.*\b(change[sd]?|changing|"
    r"evolv(e|ed|es|ing)|develop(ed|s|ing)?|shift(ed|s|ing)?|progress(ed|es|ing)?|"
    r"unfold(ed|s|ing)?)\b(\s+(over|between|from|since|during|in|after|through)\b|\s*[?.!]*\s*$)",
    re.I,
)
# Reports as far below the best as this still tell the story (sibling reports of it).
ARTICLE_MARGIN = 0.4


def wants_timeline(info: QuestionInfo) -> bool:
    return not info.yes_no and bool(_CHANGE.search(info.text))


# Said by the question of the story, not by any report of it: "change", "develop" would only
# lower every sentence's share of the question's words (and so the answer's confidence).
_CHANGE_STEMS = frozenset(stem_all(["change", "evolve", "develop", "shift", "progress", "unfold"]))


def story_words(info: QuestionInfo) -> QuestionInfo:
    """The question's analysis without its words for "change"."""
    return replace(info, stems=[s for s in info.stems if s not in _CHANGE_STEMS])


def _month_start(day: str) -> str:
    return day[:8] + "01"


def _month_end(day: str) -> str:
    y, m = int(day[:4]), int(day[5:7])
    return f"{day[:8]}{calendar.monthrange(y, m)[1]:02d}"


def _ends(info: QuestionInfo) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """The first and the last month (or year) of the span the question names, the last with
    the search range's reach past it for later reports."""
    if not info.span or not info.date_from or not info.date_to:
        return None
    if not any(w in MONTHS for w in info.date_terms):  # "between 2006 and 2008"
        last = max(w for w in info.date_terms if w.isdigit())
        return (info.date_from, f"{info.date_from[:4]}-12-31"), (f"{last}-01-01", info.date_to)
    end = str(dt.date.fromisoformat(info.date_to) - dt.timedelta(days=10))
    return (info.date_from, _month_end(info.date_from)), (_month_start(end), info.date_to)


def _end_within(last_start: str, info: QuestionInfo) -> str:
    """The last day of the span's last month or year itself: a report from inside it is
    quoted before one from the days after it, which the search reaches for later reports."""
    if not any(w in MONTHS for w in info.date_terms):
        return f"{last_start[:4]}-12-31"
    return _month_end(last_start)


def timeline_quotes(
    index: Index,
    info: QuestionInfo,
    cands: list[Passage],
    idf: dict[str, float],
    qvec: np.ndarray,
) -> list[Candidate] | None:
    """The two quotes, oldest first; None when the question names no span of two months or
    years or more, or no report of one of its ends answers (the usual answer serves then)."""
    ends = _ends(info)
    if not cands or ends is None:
        return None
    floor = cands[0].score - ARTICLE_MARGIN
    best: dict[str, float] = {}
    for p in cands:
        in_span = not info.date_from or (
            p.date is not None and info.date_from <= p.date <= (info.date_to or p.date)
        )
        if p.date and p.score >= floor and in_span:
            best.setdefault(p.article_id, p.score)
    if len(best) < 2:
        return None
    pool = index.article_passages(list(best), qvec)
    for p in pool:
        p.score = best[p.article_id]
        sentence_sims(p, qvec)
    ranked = score_sentences(pool, story_words(info), idf)
    (a, b), (c, d) = ends
    inside = _end_within(c, info)
    first = next((x for x in ranked if a <= (x.passage.date or "") <= b), None)
    last = next((x for x in ranked if c <= (x.passage.date or "") <= inside), None) or next(
        (x for x in ranked if c <= (x.passage.date or "") <= d), None)
    if first is None or last is None or first.passage.date == last.passage.date:
        return None
    return [first, last]
