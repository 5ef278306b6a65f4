""""Who is Priya Anand?" asks what she is, and a sentence holding her whole name answers it:
it abstained, as "who" wanted a name the question did not give, and the model's cosine to a
name it does not know is near 0 (a trial's finding). One report, the real model and index."""

from __future__ import annotations

from collections.abc import Generator

import pytest
from conftest import BuiltIndex, assert_quotes_verbatim, engine_over

from bot.answer import AnswerEngine
from bot.answer_phrase import holds
from bot.answer_type import answer_type, asks_who_is

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
        # (a trial's) a role written as a title, capitalised
        ("Priya Anand, General Manager of Calder Harbour Holdings, explained.", True),
        ("Priya Anand, Paris and London were named.", False),
        ("Guests included Priya Anand, President Bush and Tony Blair.", False),  # (a review's)
        ("Earlier today Priya Anand said talks would go on.", False),
    ],
)
def test_a_role_is_said_beside_the_name(sentence: str, role: bool) -> None:
    assert holds("role", sentence, {"priya", "anand"}) is role


ENDS = (
    " date 2024-06-02 Port Ellery strike ends as members approve deal\n"
    "Union members approved the pay agreement, ending the strike at Port Ellery.\n"
    "Marta Quintero called the result a victory for every worker in the harbour.\n"
)
MEDIATION = (
    " date 2024-03-20 Marta Quintero welcomes mediation at Port Ellery\n"
    "Marta Quintero said the union welcomed mediation but would keep its demand for a 9% rise.\n"
)
BEGINS = (
    " date 2024-03-04 Dockworkers at Port Ellery walk out over pay\n"
    "Dockworkers at Port Ellery walked out on Monday over pay, halting the harbour.\n"
    "Ships queued outside the harbour as the walkout began.\n"
    "Union leader Marta Quintero said the workers had waited four years for a fair raise.\n"
)


def test_who_is_reads_every_report_for_what_the_person_is(
    tmp_path_factory: pytest.TempPathFactory, base_index: BuiltIndex
) -> None:
    """A trial's "Who is Marta Quintero?" quoted her words from the best-ranked report; the
    one that says she leads the union ranked lower."""
    engine = engine_over(tmp_path_factory.mktemp("quintero"),
                         {"ends.txt": ENDS, "mediation.txt": MEDIATION, "begins.txt": BEGINS},
                         base_index)
    try:
        answer = engine.ask("Who is Marta Quintero?")
        assert "Union leader Marta Quintero" in answer.citations[0].quote, answer.answer
    finally:
        engine.index.close()


LICENCE = (
    " date 2007-05-15 Payment firm receives banking licence\n"
    "The online payment service Paylane has received a banking licence in Luxembourg.\n"
    '"This will allow us to scout retailers in other countries," Christopher Coonen, General '
    "Manager of Paylane Southern Europe, explained.\n"
    'The change will not affect existing customers dramatically, says Coonen: "We will inform '
    'them of the new status."\n'
)


def test_a_title_beside_an_unknown_name_answers_who_and_his_words_follow(
    tmp_path_factory: pytest.TempPathFactory, base_index: BuiltIndex
) -> None:
    """(a trial's) "Who is Christopher Coonen?" abstained at 0.53: the model knows no name, and
    his capitalised title was no role; "what did he say about customers?" after it abstained
    too, though the report says."""
    engine = engine_over(tmp_path_factory.mktemp("coonen"), {"licence.txt": LICENCE}, base_index)
    try:
        who = engine.ask("Who is Christopher Coonen?")
        assert not who.abstained and "General Manager" in who.citations[0].quote, who.answer
        said = engine.ask("what did he say about customers?", context=who.resolved)
        assert not said.abstained and "customers" in said.citations[0].quote, said.answer
        assert_quotes_verbatim(engine, said)
    finally:
        engine.index.close()
