""""Who is Priya Anand?" asks what she is, and a sentence holding her whole name answers it:
it abstained, as "who" wanted a name the question did not give, and the model's cosine to a
name it does not know is near 0 (a trial's finding). One report, the real model and index."""

from __future__ import annotations

from collections.abc import Generator

import pytest
from conftest import BuiltIndex, assert_quotes_verbatim, engine_over

from bot.answer import AnswerEngine
from bot.answer_type import answer_type, asks_who_is, holds

TALKS = (
    " date 2024-03-11 Calder port strike enters second week as talks resume\n"
    "Talks between the Calder Dockers' Union and Calder Harbour Holdings resumed on Monday "
    "under a government-appointed mediator, Priya Anand.\n"
    "The strike at the Port of Calder is now in its second week.\n"
)


@pytest.fixture(scope="module")
def talks_engine(
    tmp_path_factory: pytest.TempPathFactory, base_index: BuiltIndex
) -> Generator[AnswerEngine, None, None]:
    engine = engine_over(tmp_path_factory.mktemp("talks"), {"talks.txt": TALKS}, base_index)
    yield engine
    engine.index.close()


def test_who_is_a_named_person_is_answered_by_the_sentence_that_says(
    talks_engine: AnswerEngine,
) -> None:
    answer = talks_engine.ask("Who is Priya Anand?")
    assert not answer.abstained, answer.answer
    assert "government-appointed mediator, Priya Anand" in answer.citations[0].quote
    assert_quotes_verbatim(talks_engine, answer)
    assert talks_engine.ask("Who is Maria Gonzalez?").abstained  # not in the articles


@pytest.mark.parametrize(
    ("question", "who_is"),
    [
        ("Who is Priya Anand?", True),
        ("Who was Nicola Calipari", True),
        ("Who is the mayor of Westbrook?", False),  # asks for a name
        ("Who won the election?", False),
        ("who is she?", False),
        ("WHO IS IN CHARGE?", False),
    ],
)
def test_which_questions_ask_who_a_named_person_is(question: str, who_is: bool) -> None:
    assert asks_who_is(question) is who_is
    assert (answer_type(question) == "role") is who_is


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("Talks resumed under a government-appointed mediator, Priya Anand.", True),
        ("The Calder Dockers' Union, led by Priya Anand, walked out.", True),
        ("Priya Anand, the mediator, said talks would go on.", True),
        ("The union declined the offer, with Priya Anand calling it an insult.", False),
        ("Priya Anand said talks would go on.", False),
    ],
)
def test_a_role_is_said_beside_the_name(sentence: str, role: bool) -> None:
    assert holds("role", sentence, {"priya", "anand"}) is role
