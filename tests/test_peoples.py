"""A question naming a people ("which Greek cities …") already names its place: "Greece" in a
sentence is no new name, so no answer to it."""

from __future__ import annotations

import pytest

from bot.answer_phrase import holds
from bot.peoples import named_in
from index.terms import stem_all


def _stem(word: str) -> str:
    return stem_all([word.lower()])[0]


@pytest.mark.parametrize(
    ("place", "people"),
    [
        ("Egypt", "Egyptian"), ("Iraq", "Iraqi"), ("China", "Chinese"), ("Sudan", "Sudanese"),
        ("Afghanistan", "Afghan"), ("Uzbekistan", "Uzbek"),  # the place's "-stan" dropped
        ("Greece", "Greek"), ("France", "French"), ("Netherlands", "Dutch"),  # irregular
        ("Israel", "Israeli"), ("Lebanon", "Lebanese"), ("Serbia", "Serb"), ("Wales", "Welsh"),
    ],
)
def test_a_people_names_its_place_and_the_place_its_people(place: str, people: str) -> None:
    assert named_in(_stem(place), {_stem(people)})
    assert named_in(_stem(people), {_stem(place)})


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Austria", "Australian"), ("Interpol", "international"), ("Niger", "Nigeria"),
        ("Romania", "Roman"), ("Georgia", "George"), ("Iran", "Iraq"), ("India", "Indiana"),
        # (a review's) a listed people is decided by the list: no "Nigerian" of Niger
        ("Niger", "Nigerian"), ("Roman", "Romanian"), ("George", "Georgian"),
        ("Ban", "banish"), ("Pol", "polish"), ("Dan", "Danish"),
    ],
)
def test_names_that_merely_share_letters_are_different(one: str, other: str) -> None:
    assert not named_in(_stem(one), {_stem(other)})
    assert not named_in(_stem(other), {_stem(one)})


def test_greece_is_no_answer_to_a_question_about_greek_cities() -> None:
    asked = set(stem_all(["killing", "police", "riots", "Athens", "Greek", "cities"]))
    assert not holds("person", "Cities throughout Greece have been hit, not just Athens.", asked)
    assert holds("person", "The riots began when Grigoropoulos was shot by police.", asked)
