"""A question asking what penalty someone was given wants a sentence that states one."""

from bot.answer_phrase import holds
from bot.answer_type import HARD, answer_type
from bot.penalty import asks_penalty, states_penalty


def test_penalty_questions_are_typed() -> None:
    assert answer_type("What sentence did the court hand down to Alexander Ponosov?") == "penalty"
    assert answer_type("What jail term was Milinkievič given after the march?") == "penalty"
    assert answer_type("Before he appealed, what punishment had the physician been given?") == (
        "penalty"
    )
    assert "penalty" in HARD  # no quote stating one, no answer


def test_other_senses_of_the_words_are_not() -> None:
    assert not asks_penalty("Which sentence structure did the linguists study?")
    assert not asks_penalty("Was Taha Yassin Ramadan also given the death penalty?")  # yes/no
    assert answer_type("How many years in prison was Madoff sentenced to?") == "duration"


def test_a_stated_penalty_holds() -> None:
    assert states_penalty("Milinkievič has been jailed for 15 days in Belarus.")
    assert states_penalty("Initially sentenced to 7 years and 700 lashes, he appealed.")
    assert states_penalty("He faces three years in prison if convicted.")
    assert holds("penalty", "The court gave him a suspended sentence.", set())


def test_the_case_alone_does_not() -> None:
    assert not states_penalty("The teacher pleaded not guilty and said he did not know.")
    assert not states_penalty("Prosecutors have charged a school headmaster with piracy.")
