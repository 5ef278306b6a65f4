"""How sure the engine is (bot/confidence.py), on the real model and index: a strict kind of
phrase missing from the best sentence costs confidence, a naming phrase, a role or the
question's noun beside a new name adds some, and calibration picks a threshold from real
answers."""

from __future__ import annotations

import pytest

from bot.answer import AnswerEngine
from bot.evaluate import calibrate
from bot.rank import Candidate
from index.search import Filters


def test_a_strict_kind_missing_from_the_best_sentence_costs_confidence(
    engine: AnswerEngine,
) -> None:
    # The same best sentence, judged for a question asking a sum (strict) and a name (not),
    # both too long for the short-question bonus.
    from bot.confidence import TYPE_PENALTY
    from bot.question import analyse

    money = analyse("How much did Trump offer to pay Mexico for the troops?")
    name = analyse("Which Mexican city did Trump offer to send American troops to?")
    assert money.answer_type == "money" and name.answer_type == "name"
    idx, _, cands, _, _ = engine.retrieve(name.text, 5, Filters())
    best = Candidate(cands[0], 0, *cands[0].sentences[0], 1.0, 0.7, 0.5, typed=False)
    drop = engine.confidence(best, cands[0], name) - engine.confidence(best, cands[0], money)
    assert drop == pytest.approx(TYPE_PENALTY)


def test_a_sentence_about_the_named_person_without_the_kind_asked_gains_nothing_for_the_name(
    engine: AnswerEngine,
) -> None:
    # Every word asked, the full name whole: about her, but no sum, so no answer to "how much"
    from bot.confidence import FULL_NAME_BONUS, TYPE_PENALTY
    from bot.question import analyse

    money = analyse("How much did Claudia Sheinbaum offer the troops?")
    said = analyse("What did Claudia Sheinbaum offer the troops?")
    assert money.surnames and money.answer_type == "money" and said.answer_type is None
    idx, _, cands, _, _ = engine.retrieve(said.text, 5, Filters())
    best = Candidate(cands[0], 0, *cands[0].sentences[0], 1.0, 0.2, 1.0, typed=False)
    drop = engine.confidence(best, cands[0], said) - engine.confidence(best, cands[0], money)
    assert drop == pytest.approx(TYPE_PENALTY + FULL_NAME_BONUS)


def test_a_naming_phrase_for_a_naming_question_adds_confidence(engine: AnswerEngine) -> None:
    from bot.confidence import NAMING_BONUS, TYPE_PENALTY
    from bot.question import analyse

    called = analyse("What did the cartels call themselves?")
    assert called.answer_type == "called"
    _, _, cands, _, _ = engine.retrieve(called.text, 5, Filters())
    plain = Candidate(cands[0], 0, *cands[0].sentences[0], 1.0, 0.5, 0.5, typed=False)
    named = Candidate(cands[0], 0, *cands[0].sentences[0], 1.0, 0.5, 0.5, typed=True)
    gain = engine.confidence(named, cands[0], called) - engine.confidence(plain, cands[0], called)
    assert gain == pytest.approx(NAMING_BONUS + TYPE_PENALTY)  # "called" is strict too


def test_the_questions_noun_beside_a_new_name_adds_confidence(engine: AnswerEngine) -> None:
    # (a trial's) "Which actor voices the Costa advert?" — "a voiceover by actor Bill Nighy"
    # abstained at 0.53
    from bot.confidence import NAMING_BONUS
    from bot.question import analyse

    which = analyse("Which president declined the troops?")
    _, _, cands, _, _ = engine.retrieve(which.text, 5, Filters())
    plain = Candidate(cands[0], 0, *cands[0].sentences[0], 1.0, 0.5, 0.5, typed=True)
    focused = Candidate(cands[0], 0, *cands[0].sentences[0], 1.0, 0.5, 0.5, typed=True,
                        focused=True)
    gain = engine.confidence(focused, cands[0], which) - engine.confidence(plain, cands[0], which)
    assert gain == pytest.approx(NAMING_BONUS)
    # ... and the ranking marks it so: "Mexican President Sheinbaum rejected the offer"
    from bot.rank import score_sentences, sentence_sims

    idx, info, cands, idf, qvec = engine.retrieve(which.text, 5, Filters())
    for p in cands:
        sentence_sims(p, qvec)
    marked = [c for c in score_sentences(cands, info, idf) if c.focused]
    assert any("President Sheinbaum" in c.passage.article_text[c.start : c.end] for c in marked)


def test_calibration_on_real_answers_returns_a_threshold_and_leaves_the_config(
    engine: AnswerEngine,
) -> None:
    before = engine.cfg.answer.min_confidence
    questions = [
        {"id": "q1", "question": "Did Sheinbaum accept Trump's offer of troops?",
         "answerable": True},
        {"id": "q2", "question": "How do I bake sourdough bread?", "answerable": False},
    ]
    threshold = calibrate(engine, questions, max_false=0.0)
    assert engine.cfg.answer.min_confidence == before
    answered = engine.ask(questions[0]["question"]).confidence
    unanswered = engine.ask(questions[1]["question"]).confidence
    assert unanswered < threshold <= answered
