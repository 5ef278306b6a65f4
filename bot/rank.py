"""Scoring passages and sentences against a question. Separate from the engine so the weights
live in one place and `newsbot eval` measures exactly what every front end runs."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

import numpy as np

from bot.described import noun_kin
from bot.focus import focus, names_focus
from bot.matchers import type_matcher
from bot.question import MONTH_NAMES, YEAR, QuestionInfo, names_day, names_month
from bot.yesno import predicate_stems
from index.search import Passage
from index.terms import unaccented, verb_forms, word_stems


@dataclass(frozen=True)
class Weights:
    sentence: float = 0.5  # best sentence cosine, added to the chunk cosine
    lexical: float = 0.35  # idf-weighted share of the question's terms found in the passage
    date: float = 0.3  # the article falls in the time the question names
    fused: float = 8.0  # reciprocal-rank-fusion score (≈ 0.03 at the top)
    # a full name the question gives, written whole ("Jim Press": the model knows no names)
    full_name: float = 0.2


def text_stems(text: str) -> set[str]:
    """Stems, plus 5-letter prefixes of the longer ones, so that "Mexico" meets "Mexican" and
    "Georgia" meets "Georgian" where Porter stemming keeps them apart."""
    return _with_prefixes(word_stems(text))


def _with_prefixes(stems: list[str]) -> set[str]:
    return set(stems) | {s[:5] for s in stems if len(s) > 5}


def title_stems(p: Passage) -> set[str]:
    """`text_stems` of the title, from the stems stored at build time when there are any."""
    stored = p.title_stems
    return _with_prefixes(stored) if stored is not None else text_stems(p.title)


def sentence_stems(p: Passage) -> list[set[str]]:
    """`text_stems` of each sentence of the passage, stored ones when there are any (stemming
    every candidate sentence again cost ~10 ms a question)."""
    stored = p.sentence_stems
    if stored is not None and len(stored) == len(p.sentences):
        return [_with_prefixes(st) for st in stored]
    return [text_stems(p.article_text[s:e]) for s, e in p.sentences]


def has_stem(stem: str, present: set[str]) -> bool:
    """The stem, its 5-letter prefix, or another form of an irregular verb ("begin" is in
    "the walkout began")."""
    if stem in present or (len(stem) > 5 and stem[:5] in present):
        return True
    forms = verb_forms().get(stem)
    return bool(forms) and not forms.isdisjoint(present)


def held(stems: list[str], text: str) -> list[str]:
    """The stems, of those given, that the text holds in some form (`has_stem`)."""
    present = text_stems(text)
    return [s for s in stems if has_stem(s, present)]


def coverage(
    stems: list[str],
    idf: dict[str, float],
    present: set[str],
    surnames: dict[str, str] | None = None,
) -> float:
    """Share of the question's information (idf mass) that the text contains; with
    `surnames`, a name's last word stands for all of it ("Parker" for "Sarah Jessica Parker")."""
    total = sum(idf.get(s, 0.0) for s in stems)
    if total <= 0:
        return 0.0
    alias = surnames or {}
    return (
        sum(
            idf.get(s, 0.0)
            for s in stems
            if has_stem(s, present) or (s in alias and has_stem(alias[s], present))
        )
        / total
    )


def named_surnames(surnames: dict[str, str], text: str) -> dict[str, str]:
    """The surnames that stand for their full names in an article: those whose full name it
    writes, capitalised ("Jim Press", "Sarah Jessica Parker", "Tony Blair" for the stems
    "toni blair", "Chávez"). "Who is Jim Press?" ranked every report of a "press conference",
    or of the "American Forces Press Service", as high as the one quoting him."""
    if not surnames:
        return {}
    plain = unaccented(text)

    def word(stem: str) -> str:  # a stem as the start of a capitalised word ("toni": "Tony")
        root = stem[:-1] if len(stem) > 3 and stem[-1] in "ie" else stem
        return rf"(?=[A-Z])(?i:{re.escape(root)})[\w'’.-]*"

    return {
        first: last
        for first, last in surnames.items()
        if re.search(rf"\b{word(first)}(?:\s+[A-Z][\w'’.-]*){{0,2}}?\s+{word(last)}", plain)
    }


# Fewer passages than this say little about how telling a word is: in a one-article index
# every word of the article is in most of its three chunks, so a word the article lacks would
# outweigh all the ones it has ("Which newspaper reported on Trump's pressure?" found a third
# of its weight in the sentence that says exactly that).
MIN_IDF_DOCS = 1000


def idf_of(doc_freq: dict[str, int], n_docs: int) -> dict[str, float]:
    n = max(n_docs, MIN_IDF_DOCS)
    return {s: math.log(1 + (n - df + 0.5) / (df + 0.5)) for s, df in doc_freq.items()}


def _article_surnames(p: Passage, info: QuestionInfo) -> dict[str, str]:
    """`named_surnames` of the passage's article, once per passage and names asked."""
    key = tuple(sorted(info.surnames.items()))
    kept = p.extra.get("surnames")
    if kept is None or kept[0] != key:
        text = f"{p.title}\n{p.article_text}"
        kept = p.extra["surnames"] = (key, named_surnames(info.surnames, text))
    return kept[1]


def score_passages(
    passages: list[Passage],
    info: QuestionInfo,
    qvec: np.ndarray,
    idf: dict[str, float],
    w: Weights,
) -> None:
    """Sets passage.score, and the sentence cosines the answer step reuses."""
    for p in passages:
        sims = sentence_sims(p, qvec)
        present = title_stems(p).union(*sentence_stems(p))
        surnames = _article_surnames(p, info)
        full = bool(surnames) and bool(named_surnames(surnames, f"{p.title}\n{p.text}"))
        p.score = (
            w.full_name * full
            + p.dense
            + w.sentence * float(sims.max(initial=0.0))
            + w.lexical * coverage(info.stems, idf, present, surnames)
            + w.date * time_fit(info, p.date)
            + w.fused * p.fused
        )


def sentence_sims(p: Passage, qvec: np.ndarray) -> np.ndarray:
    """Each sentence's cosine to the question, kept on the passage for the answer step."""
    p.extra["sentence_sims"] = sims = p.sentence_vectors @ qvec
    return sims


DAY_BONUS = 0.3  # a sentence naming the day the question names ("on April 28")
# ... its month, in a report of that month or after in its year ("estimated in March at
# 355,000%" for "… in March 2008?"): a share of the day's bonus, a month being less telling.
MONTH_SHARE = 0.5
# Share of it lost by a sentence that names years, none of them the one the question names.
YEAR_PENALTY_SHARE = 1.0
# A year the question asks about as its time ("at the end of 2024", "in 2008"), not one that
# names a thing ("the 2007 survey": its sentences may date other things by other years) nor
# one end of a range ("since 2005": "in 2007, 300 more died" is within it).
_TIME_YEAR = re.compile(r"\b(?:in|of|during|for)\s+((?:19|20)\d{2})\b(?!\s*(?:-|–|to|and)\b)",
                        re.I)
# A year a sentence dates something by: after a preposition, a month or a day ("in 2023",
# "March 2023", "5 May, 2023"), not a count ("sent 2000 troops").
_SAID_YEAR = re.compile(
    r"(?:\b(?i:in|of|since|by|until|during|for|from|to|and|early|late|mid|year)\s+|"
    rf"\b(?i:{MONTH_NAMES})\.?\s+|\b\d{{1,2}}(?:st|nd|rd|th)?,\s+){YEAR.pattern}"
)


def _other_year(sentence: str, years: set[str]) -> bool:
    """Whether the sentence dates what it says by a year, and not by the one asked about."""
    said = set(_SAID_YEAR.findall(sentence))
    return bool(said) and not said & years
# Share of the answer-type bonus added when the question's focus noun stands beside a new name
# ("actor Bill Nighy"); 0.3 to 1.0 score the same on the development set.
FOCUS_BONUS = 0.5
DECAY_DAYS = 15.0  # how fast later reports lose their fit to a named time


def time_fit(info: QuestionInfo, date: str | None) -> float:
    """1 when the article falls in the time the question names; a little less for one
    published in the weeks after it (news reports, and reports back on, events after they
    happen); 0 otherwise."""
    if not (info.date_from and date):
        return 0.0
    if info.date_from <= date <= (info.date_to or date):
        return 1.0
    if info.date_to and date > info.date_to:
        try:
            late = (dt.date.fromisoformat(date[:10]) - dt.date.fromisoformat(info.date_to)).days
        except ValueError:
            return 0.0
        return math.exp(-late / DECAY_DAYS)
    return 0.0


def prefer_dated(
    passages: list[Passage], latest: bool = True, margin: float = 0.3
) -> list[Passage]:
    """For "what is the latest ..." questions: among the passages nearly as relevant as the
    best one, the newest article goes first; for "when ... first ..." ones, the oldest."""
    if not passages:
        return passages
    top = passages[0].score
    close = [p for p in passages if p.score >= top - margin and p.date]
    if not close:
        return passages
    if latest:
        pick = max(close, key=lambda p: (p.date, p.score))
    else:
        pick = min(close, key=lambda p: (p.date, -p.score))
    return [pick] + [p for p in passages if p is not pick]


@dataclass
class Candidate:
    passage: Passage
    index: int  # sentence position within the passage
    start: int
    end: int
    score: float
    sim: float
    coverage: float
    typed: bool = False  # holds the kind of phrase asked for (yes/no: takes a stance)
    on_day: bool = False  # names the day the question names
    words: float = 0.0  # `coverage` by the question's own words only, without the yes/no
    # lexicon's stand-ins: what the yes/no verdict picks its judge by
    focused: bool = False  # sets the question's noun beside a new name ("actor Bill Nighy")


def score_sentences(
    passages: list[Passage],
    info: QuestionInfo,
    idf: dict[str, float],
    lexical: float = 0.6,
    typed: float = 0.3,
    prior: float = 1.0,
    dated: float = DAY_BONUS,
) -> list[Candidate]:
    """Every sentence of the given passages, scored by its own cosine to the question, the
    share of the question's terms in it and its neighbours (an answer often leaves the
    subject to the sentence before), whether it holds the kind of answer asked for, and how
    good its passage is."""
    out: dict[tuple[str, int], Candidate] = {}
    top = passages[0].score if passages else 0.0
    matches = type_matcher(info)
    # Yes/no: a sentence answering the predicate through the lexicon covers the question's
    # word for it ("Did Sheinbaum accept the troops?" — "Sheinbaum declined").
    answered = predicate_stems(info.text) if info.yes_no else None
    # "Which actor …?" — "a voiceover by actor Bill Nighy": the noun the question names its
    # answer by, beside a new name, marks the answer more surely than any new name does.
    named = info.answer_type in (None, "name", "person", "successor") and not info.yes_no
    focused, asked = (focus(info.text), set(info.stems)) if named else (None, set())
    kin = noun_kin(focused)
    years = set() if info.span else set(_TIME_YEAR.findall(info.text))  # spans: bot/timeline
    for p in passages:
        sims = p.extra["sentence_sims"]
        stems = sentence_stems(p)
        title = title_stems(p)
        surnames = _article_surnames(p, info)
        for i, (s, e) in enumerate(p.sentences):
            alone = coverage(info.stems, idf, stems[i], surnames)
            near = stems[i] | title | (stems[i - 1] if i else set())
            plain = 0.5 * alone + 0.5 * coverage(info.stems, idf, near, surnames)
            cov = plain
            extra = answered(p.article_text[s:e]) if answered else set()
            if extra:
                own = coverage(info.stems, idf, stems[i] | extra, surnames)
                cov = 0.5 * own + 0.5 * coverage(info.stems, idf, near | extra, surnames)
            kind = float(matches(p.article_text[s:e], p.article_text))
            if not kin.isdisjoint(stems[i]) and names_focus(p.article_text[s:e], focused, asked):
                kind = 1.0 + FOCUS_BONUS
            on_day = bool(info.day) and names_day(p.article_text[s:e], info.day)
            in_month = not on_day and names_month(p.article_text[s:e], info, p.date)
            if in_month:  # "in March 2008?" — "estimated in March at 355,000%", in June
                on_day = MONTH_SHARE
            elif years and not on_day and _other_year(p.article_text[s:e], years):
                on_day = -YEAR_PENALTY_SHARE  # "at the end of 2023" for "… of 2024?"
            # A sentence that follows a close match often carries the answer ("He resigned
            # by means of an SMS text message."): it inherits most of its predecessor's cosine.
            sim = max(float(sims[i]), 0.9 * float(sims[i - 1]) if i else 0.0)
            score = sim + lexical * cov + typed * kind + dated * on_day + prior * (p.score - top)
            key = (p.article_id, s)
            if key not in out or out[key].score < score:
                out[key] = Candidate(
                    p, i, s, e, score, sim, cov, bool(kind), on_day > 0, plain, kind > 1.0
                )
    return sorted(out.values(), key=lambda c: c.score, reverse=True)


def pick_quotes(
    ranked: list[Candidate], n: int, window: float = 0.3, lead: bool = False
) -> list[Candidate]:
    """The best sentence and up to n - 1 close runners-up of its article (an answer often
    needs the sentence beside the best match, and quoting one article more fully never cites a
    wrong one), in the order written. Each runner-up is taken for what it adds: one repeating
    the words of the quotes already taken counts for less (maximal marginal relevance), so
    three restatements of the question do not crowd out the sentence that answers it. With
    `lead`, the article's first sentence is one of them, however it scores: a question about a
    story's development is answered by the lead, which shares few of its words with the
    question ("What is the latest on the kidnapped reporters?" — "The three journalists arrived
    in Bucharest"), while the background restating the story shares many. Otherwise, when the
    best sentence opens on "He", "She" or "They", the sentence before it is quoted too, as an
    n + 1st: "He said that he strongly supports a postponement" alone reads as if about
    whoever the question names, and who "he" is takes no runner-up's place."""
    best = ranked[0]
    mine = [c for c in ranked[1:] if c.passage.article_id == best.passage.article_id]
    chosen = [best]
    first = min(mine, key=lambda c: c.start, default=None)
    if lead and first is not None and first.start < best.start and n > 1:
        chosen.append(first)
    elif n > 1:
        # "He said that he strongly supports …": the sentence before says who "he" is.
        before = max((c for c in mine if c.start < best.start), key=lambda c: c.start, default=None)
        if before is not None and _names_for(before, best):
            chosen.append(before)
            n += 1  # who "he" is, besides the evidence: it takes no runner-up's place
    close = [c for c in mine if c.score >= best.score - window and all(c is not o for o in chosen)]
    stems: dict[int, list[set[str]]] = {}

    def words(c: Candidate) -> set[str]:
        if id(c.passage) not in stems:
            stems[id(c.passage)] = sentence_stems(c.passage)
        return stems[id(c.passage)][c.index]

    def overlap(a: set[str], b: set[str]) -> float:
        return len(a & b) / max(1, len(a | b))

    while close and len(chosen) < n:
        pick = max(
            close,
            key=lambda c: c.score - REDUNDANCY * max(overlap(words(c), words(o)) for o in chosen),
        )
        chosen.append(pick)
        close.remove(pick)
    return sorted(chosen, key=lambda c: c.start)


def lead_with(chosen: list[Candidate], first: Candidate) -> list[Candidate]:
    """The answering quote first ("[1]" is what a reader takes for the answer), the rest as
    written; the sentence naming whom its "He" means stays before it."""
    rest = [c for c in chosen if c is not first]
    before = [c for c in rest if _names_for(c, first)]
    return before + [first] + [c for c in rest if all(c is not b for b in before)]


def _names_for(before: Candidate, quote: Candidate) -> bool:
    """Whether `before` is the sentence right before a quote that opens on "He", "She" or
    "They": the one that says who that is."""
    text = quote.passage.article_text
    return (
        before.passage.article_id == quote.passage.article_id
        and before.end <= quote.start
        and not text[before.end : quote.start].strip()
        and bool(_PRONOUN_START.match(text, quote.start))
    )


REDUNDANCY = 0.5  # score lost by a runner-up that repeats a chosen quote word for word
# A quote that opens on a person's pronoun needs the sentence that names the person.
_PRONOUN_START = re.compile(r"[\"“‘']?(He|She|They|His|Her|Their)\b")
