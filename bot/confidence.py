"""How sure the engine is that its best sentence answers the question: one number, against
`answer.min_confidence`."""

from __future__ import annotations

import numpy as np

from bot.answer_type import STRICT
from bot.question import QuestionInfo
from bot.rank import Candidate, time_fit
from index.search import Passage

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
# ("who call themselves the Muadh ibn Jabal Brigades"): too specific to hold by chance.
NAMING_BONUS = 0.1
# Confidence gained when a question with a full name ("Who is Priya Anand?") meets a sentence
# holding all of its words, the name whole.
FULL_NAME_BONUS = 0.15


def confidence(best: Candidate, top: Passage, info: QuestionInfo) -> float:
    """How sure the engine is that the best sentence answers the question: its cosine,
    its share of the question's terms and the passage's strength, on one scale; less when
    the question names a time the answering article is not from (the corpus likely has
    nothing on that time), or asks for a sum, count, duration, time or given name the sentence
    lacks; more when a naming question meets a naming phrase."""
    score = 0.5 * best.sim + 0.5 * best.coverage + 0.5 * top.dense - 0.25
    # A short question's cosine to any passage is low, answered or not ("Who brokered the
    # agreement?" — "Ingrid Solberg … brokered the agreement": 0.27): there, holding the
    # question's few words says more. One word is no more than a keyword match ("did she
    # accept them?" asked out of the blue).
    words = len([s for s in info.stems if s]) + len(info.date_terms)
    if words >= 2:
        score += SHORT_BONUS * max(0, SHORT_TERMS + 1 - words) * best.coverage
    p = best.passage
    if info.date_from and time_fit(info, p.date) < 0.5 and not best.on_day:
        score -= 0.15
    if info.answer_type in STRICT and not best.typed:
        score -= TYPE_PENALTY
    if info.answer_type == "called" and best.typed:
        score += NAMING_BONUS
    if best.coverage >= 1.0 and info.surnames:
        # "Who is Priya Anand?", "What did Johan Brekke say?": the model knows no name
        # (cosines near 0); a sentence holding all of a full name and every other word
        # asked is about her.
        score += FULL_NAME_BONUS
    return float(np.clip(score, 0, 1))
