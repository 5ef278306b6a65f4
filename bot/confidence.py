"""How sure the engine is that its best sentence answers the question: one number, against
`answer.min_confidence`."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.answer_type import STRICT
from bot.described import counted, describes, timed
from bot.question import QuestionInfo
from bot.rank import Candidate, has_stem, text_stems, time_fit, title_stems
from index.search import Passage
from index.sentences import split_sentences

# Confidence lost when the best sentence lacks the strict kind of phrase the question asks
# for (a sum, a count, a duration, a time, a name given): on-topic but not an answer. 0.2
# and 0.3 score the same on the development set; 0.2 let "How much did Amazon pay for Ring?"
# through on a sentence about the deal that names no sum (0.57).
TYPE_PENALTY = 0.3
# Questions of two to SHORT_TERMS content words gain this much confidence per word fewer,
# times the share of them the best sentence holds.
SHORT_TERMS = 4
SHORT_BONUS = 0.05
# Confidence gained when a "what did they call themselves?" question meets a naming phrase
# ("who call themselves the Muadh ibn Jabal Brigades"), a "Who is …?" one the person's role
# beside their name, or a "Which actor …?" one its noun beside a new name ("actor Bill
# Nighy"): too specific to hold by chance.
NAMING_BONUS = 0.1
# Confidence gained when a question with a full name ("Who is Priya Anand?") meets a sentence
# holding all of its words, the name whole.
FULL_NAME_BONUS = 0.15
# Confidence lost when a "How many employees …?" question's best sentence, and the next ones
# of its article, count nothing of that word or its kin (bot/described.counted), or a "When
# was the funeral?" one's date no funeral (bot/described.timed): less than a
# missing count's TYPE_PENALTY, since news counts things by other words too ("How many UK
# nationals …?" — "6,000 British citizens").
COUNTED_PENALTY = 0.1


def confidence(
    best: Candidate, top: Passage, info: QuestionInfo, runners: Sequence[Candidate] = ()
) -> float:
    """How sure the engine is that the best sentence answers the question: its cosine,
    its share of the question's terms and the passage's strength, on one scale; less when
    the question names a time the answering article is not from (the corpus likely has
    nothing on that time), or asks for a sum, count, duration, time or given name the sentence
    lacks, or counts (or dates) something else than the question asks about (`runners`, the
    next-ranked sentences of its article, may hold it); more when a naming question meets a
    naming phrase."""
    score = 0.5 * best.sim + 0.5 * best.coverage + 0.5 * top.dense - 0.25
    # A short question's cosine to any passage is low, answered or not ("Who brokered the
    # agreement?" — "Ingrid Solberg … brokered the agreement": 0.27): there, holding the
    # question's few words says more. One word is no more than a keyword match ("did she
    # accept them?" asked out of the blue).
    words = len([s for s in info.stems if s]) + len(info.date_terms)
    if words >= 2:
        score += SHORT_BONUS * max(0, SHORT_TERMS + 1 - words) * best.coverage
    elif words == 1 and info.development and [s for s in info.stems if s] and _headline(
        best.passage, info.stems
    ):
        # "What's the latest on the troops?": one word, but one the article's title or lead
        # is about, which is all a question about a story's news asks (it abstained on the
        # bundled seed article at 0.48)
        score += SHORT_BONUS * (SHORT_TERMS - 1)
    p = best.passage
    if info.date_from and time_fit(info, p.date) < 0.5 and not best.on_day:
        score -= 0.15
    lacks_kind = info.answer_type in STRICT and not best.typed
    if lacks_kind:
        score -= TYPE_PENALTY
    what = frozenset()
    if best.typed and info.answer_type in ("count", "time") and not info.yes_no:
        what = counted(info.text) if info.answer_type == "count" else timed(info.text)
    if what and not any(
        c.typed and describes(c.passage.article_text[c.start : c.end], what)
        for c in [best, *runners]
        if c.passage.article_id == best.passage.article_id
    ):
        # "How many library employees will be laid off?" — "The library system consists of
        # 15 branches": a count, of something else; "When was her funeral?" — "She died on
        # Friday": a time, of another event
        score -= COUNTED_PENALTY
    if (info.answer_type in ("called", "role") and best.typed) or best.focused:
        # a naming phrase, or the person's role beside their name ("Christopher Coonen,
        # General Manager of PayPal …"), is too specific to hold by chance
        score += NAMING_BONUS
    if best.coverage >= 1.0 and info.surnames and not lacks_kind:
        # "Who is Priya Anand?", "What did Johan Brekke say?": the model knows no name
        # (cosines near 0); a sentence holding all of a full name and every other word
        # asked is about her. About her, yet without the name, sum or time asked for, it
        # does not answer ("What is the name of the officer who shot Alexandros
        # Grigoropoulos?" — "Two police officers have been charged in the shooting death of
        # Grigoropoulos").
        score += FULL_NAME_BONUS
    return float(np.clip(score, 0, 1))


def _headline(p: Passage, stems: list[str]) -> bool:
    """Whether the article's title or first sentence holds every one of the stems."""
    first = split_sentences(p.article_text, 0, min(len(p.article_text), 2000))[:1]
    present = title_stems(p).union(*(text_stems(p.article_text[a:b]) for a, b in first))
    return all(has_stem(s, present) for s in stems)
