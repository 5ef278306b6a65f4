"""A question asking what penalty someone was given wants a sentence that states one."""

import pytest

from bot.answer_phrase import holds
from bot.answer_type import HARD, answer_type
from bot.penalty import asks_penalty, states_penalty


def test_penalty_questions_are_typed() -> None:
    assert answer_type("What sentence did the court hand down to Alexander Ponosov?") == "penalty"
    assert answer_type("What jail term was Milinkievič given after the march?") == "penalty"
    assert answer_type("Before he appealed, what punishment had the physician been given?") == (
        "penalty"
    )
    assert answer_type("What penalty did the EU impose on Google?") == "penalty"
    assert "penalty" in HARD  # no quote stating one, no answer


@pytest.mark.parametrize(
    "question",
    [
        "Which sentence structure did the linguists study?",
        "Which sentence in the statement did critics object to?",
        "What sentence did Obama add to the speech?",
        "What penalty did the referee award in the 89th minute?",  # football is news too
        "Was Taha Yassin Ramadan also given the death penalty?",  # yes/no
    ],
)
def test_other_senses_of_the_words_are_not(question: str) -> None:
    assert not asks_penalty(question)


@pytest.mark.parametrize(
    "sentence",
    [
        "Milinkievič has been jailed for 15 days in Belarus.",
        "Initially sentenced to 7 years and 700 lashes, he appealed.",
        "He was given a five-year prison sentence.",
        "The judge handed down a 10-year term.",
        "The court ordered him to pay a fine of 500 euros.",
        "The European Commission imposed a record €2.42 billion penalty on Google.",
        "He faces three years in prison if convicted.",  # what he faces is a penalty too
        "The court gave him a suspended sentence.",
    ],
)
def test_a_stated_penalty_holds(sentence: str) -> None:
    assert holds("penalty", sentence, set())


@pytest.mark.parametrize(
    "sentence",
    [
        "The teacher pleaded not guilty and said he did not know.",
        "Prosecutors have charged a school headmaster with piracy.",
        "Ponosov is to be sentenced on Friday.",
        "The jailed opposition leader pleaded not guilty.",
        "Police executed a search warrant at his home.",
        "Prosecutors are seeking the death penalty.",
    ],
)
def test_the_case_alone_does_not(sentence: str) -> None:
    assert not states_penalty(sentence)


def test_a_long_run_of_figures_is_read_once() -> None:
    # "1,1,1,…" read from every digit took 80 s here; a number starts once, so this returns
    # at once (a regression would stall the suite, not fail a timer)
    assert not states_penalty("1," * 20000)
    assert not states_penalty("0" * 20000)
