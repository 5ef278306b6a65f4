"""Which article to cite when several report the same fact: the first report of it.

A story that develops over days repeats its earlier facts as background ("On August 10, the
Russian Black Sea Fleet began a naval blockade of Poti", written again two days later). The
report that broke the fact is the one about it, the one a reader would call the source; a
later article restating it is background. So when an earlier article among the candidates
states what the best sentence states, the answer quotes and cites that earlier article.

"States the same" is measured on three parts of the best sentence, each weighed by rarity
(idf), each of which the earlier sentence must mostly hold: the question's words it says
("signed", not "called for a ceasefire"), the words that make it an answer (the new names,
figures or times: "Condoleezza Rice"), and the rest of its new information. A rewording keeps
all three ("in the presence of Condoleezza Rice" / "after a meeting with US Condoleezza
Rice"); another fact about the same people does not."""

from __future__ import annotations

import re

import numpy as np

from bot.answer_phrase import answer_words
from bot.question import DAY_MONTH_YEAR, YEAR, QuestionInfo
from bot.rank import (
    Candidate,
    has_stem,
    idf_of,
    score_sentences,
    sentence_sims,
    sentence_stems,
)
from index.search import Index, Passage
from index.stopwords import STOPWORDS
from index.terms import stem_all, word_stems

# Share of each part's weight the earlier sentence must hold.
SAME_FACT = 0.5
# How far below the best candidate an earlier article may rank and still be read: a sibling
# report of the same story, not any article that shares a word.
RELEVANCE_MARGIN = 0.5
_WORD = re.compile(r"\w+")


def held(weights: dict[str, float], present: set[str]) -> float:
    """The share of the weight of these stems that a sentence's stems hold (matched as
    bot.rank matches a question's words); 1 when there is nothing to hold."""
    total = sum(weights.values())
    if total <= 0:
        return 1.0
    return sum(w for s, w in weights.items() if has_stem(s, present)) / total


# Dates are said differently by each report ("on Sunday", "on August 10"): not figures.
_DATE = re.compile(f"{DAY_MONTH_YEAR.pattern}|{YEAR.pattern}", re.I)
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def figures(text: str) -> set[str]:
    """The numbers a sentence states, dates aside: two reports that give a demand as 9% and
    as 7% do not state the same fact, however many of their other words they share. ("40
    may face charges" is no date: the verbs "may", "march" are dates only capitalised.)"""
    def undated(m: re.Match[str]) -> str:
        month = m.group(2)
        if month and month.lower() in ("may", "march", "sept") and month[0].islower():
            return m.group(0)
        return " "

    return {m.group(0).replace(",", "") for m in _FIGURE.finditer(_DATE.sub(undated, text))}


def statement(
    text: str, info: QuestionInfo, idf: dict[str, float], index: Index
) -> list[dict[str, float]]:
    """The parts of a sentence another one must hold to state the same: the question's words
    it says, its answer words, and its other new information, each stem with its idf."""
    words = [w for w in dict.fromkeys(_WORD.findall(text)) if w.lower() not in STOPWORDS]
    rarity = idf_of(index.doc_freq(words), len(index.vectors))
    asked = set(info.stems) | {s[:5] for s in info.stems if len(s) > 5}
    new = {st: rarity.get(st, 0.0) for st in stem_all(words) if not has_stem(st, asked)}
    said = set(word_stems(text))
    question = {s: w for s, w in idf.items() if s in info.stems and s in said}
    answer = {s: new.get(s, 1.0) for s in answer_words(info.answer_type, text, set(info.stems))}
    return [question, answer, new]


def first_report(
    index: Index,
    info: QuestionInfo,
    top: list[Passage],
    best: Candidate,
    idf: dict[str, float],
    qvec: np.ndarray,
) -> list[Candidate] | None:
    """The sentences of the earliest candidate article that states the best sentence's fact,
    ranked for the question with that sentence first; None when no earlier article does.
    Left alone: "what is the latest …" and "what happened …" (the newest report's own news), a
    question naming a time (the article of that time was already preferred), and yes/no
    questions (a verdict rests on the exact words, and an earlier report may predate the
    outcome)."""
    date = best.passage.date
    if info.wants_latest or info.development or info.yes_no or info.date_from:
        return None
    if not date or not top:
        return None
    floor = top[0].score - RELEVANCE_MARGIN
    rank_of = {
        p.article_id: p.score
        for p in top
        if p.date and p.date < date and p.article_id != best.passage.article_id
        and p.score >= floor
    }
    if not rank_of:
        return None
    said = best.passage.article_text[best.start : best.end]
    parts = statement(said, info, idf, index)
    if not parts[2]:
        return None  # it only repeats the question: nothing to find again
    numbers = figures(said)
    # Only passages with a sentence stating the same are scored: most candidates have none,
    # and scoring every sentence of four articles cost 8-24 ms.
    pool, states = [], set()
    for p in index.article_passages(list(rank_of), qvec):
        found = {
            i
            for i, stems in enumerate(sentence_stems(p))
            if all(held(part, stems) >= SAME_FACT for part in parts)
            and numbers <= figures(p.article_text[p.sentences[i][0] : p.sentences[i][1]])
        }
        if found:
            p.score = rank_of[p.article_id]
            sentence_sims(p, qvec)
            pool.append(p)
            states |= {(p.article_id, p.sentences[i][0]) for i in found}
    same = [
        c
        for c in score_sentences(pool, info, idf, prior=0.0)
        if (c.passage.article_id, c.start) in states and (c.typed or not best.typed)
    ]
    if not same:
        return None
    pick = min(same, key=lambda c: (c.passage.date, -c.score))
    article = index.article_passages([pick.passage.article_id], qvec)
    for p in article:
        p.score = rank_of[p.article_id]
        sentence_sims(p, qvec)
    return [pick] + [c for c in score_sentences(article, info, idf) if c.start != pick.start]
