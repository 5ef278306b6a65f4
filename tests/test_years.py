"""A year the question asks about is the year a sentence must date its fact by: each year's
budget report gives the reserve fund at the end of the year before, and a question about the
end of 2024 was answered from the report of 2024, about the end of 2023 (a trial's finding).
Two reports, the real model and a real index."""

from __future__ import annotations

import pytest
from conftest import assert_quotes_verbatim, engine_fixture

from bot.answer import AnswerEngine
from bot.followup import about, is_time
from bot.rank import _TIME_YEAR, _other_year

REPORTS = {
    "budget_2024.txt": (
        " date 2024-02-14 Calder council debates 2024 budget in marathon session\n"
        "The Calder council debated its 2024 budget for eleven hours on Tuesday.\n"
        "Near midnight, the treasurer, Ingrid Solheim, revealed that the council's reserve fund "
        "stood at 73.4 million euros at the end of 2023.\n"
    ),
    "budget_2025.txt": (
        " date 2025-02-12 Calder council debates 2025 budget in marathon session\n"
        "The Calder council debated its 2025 budget for nine hours on Wednesday.\n"
        "Near midnight, the treasurer, Ingrid Solheim, revealed that the council's reserve fund "
        "stood at 81.2 million euros at the end of 2024.\n"
    ),
}


budget_engine = engine_fixture(REPORTS)


@pytest.mark.parametrize(("year", "figure"), [("2024", "81.2"), ("2023", "73.4")])
def test_the_year_asked_about_is_the_year_the_quote_names(
    budget_engine: AnswerEngine, year: str, figure: str
) -> None:
    answer = budget_engine.ask(f"How much was in the council's reserve fund at the end of {year}?")
    assert not answer.abstained, answer.answer
    assert f"{figure} million euros at the end of {year}" in answer.citations[0].quote
    assert_quotes_verbatim(budget_engine, answer)


def test_only_a_year_asked_as_the_time_counts() -> None:
    assert _TIME_YEAR.findall("How much was there at the end of 2024, in 2025?") == [
        "2024", "2025"]
    assert _TIME_YEAR.findall("How many took part in the 2007 survey?") == []
    assert _TIME_YEAR.findall("How many died since 2005?") == []  # a range, not a year
    assert _TIME_YEAR.findall("What happened in 2006 and 2007?") == []
    assert not _other_year("The army sent 2000 troops.", {"2008"})  # a count, not a year
    assert not _other_year("Its 2023 budget was cut.", {"2024"})  # names a thing
    assert _other_year("On March 5, 2023, it rose.", {"2024"})
    assert _other_year("It stood at 73.4 million at the end of 2023.", {"2024"})
    assert not _other_year("It stood at 73.4 million at the end of 2023.", {"2023"})
    assert not _other_year("It stood at 73.4 million.", {"2024"})  # no year: no contradiction


def test_what_about_another_year_asks_the_same_of_that_year(budget_engine: AnswerEngine) -> None:
    """A trial's "what about 2023?" always abstained: the year was checked for as a name in
    the article's text, and added beside the previous question's year."""
    first = budget_engine.ask("How much was in the council's reserve fund at the end of 2024?")
    assert "81.2" in first.answer, first.answer
    then = budget_engine.ask("what about 2023?", context=first.resolved)
    assert not then.abstained and "73.4 million euros at the end of 2023" in then.answer


def test_a_time_in_what_about_replaces_the_previous_questions() -> None:
    assert about("what about 2023?", "How much did it cost in 2022?") == (
        "How much did it cost in 2023?")
    assert about("what about in January 2024?", "How much did it cost in March 2022?") == (
        "How much did it cost in January 2024?")
    assert about("what about 2023?", "How much did it cost?") == "How much did it cost in 2023?"
    assert is_time("in 2024") and is_time("March 2024") and not is_time("Georgia")
    # a month alone may be a name, and a name's "May" is no time to replace
    assert not is_time("May")
    assert about("what about 2019?", "What did Theresa May say about Brexit?") == (
        "What did Theresa May say about Brexit in 2019?")
    assert about("what about 2023?", "What happened on 20 March 2024?") == (
        "What happened on 20 March 2023?")
