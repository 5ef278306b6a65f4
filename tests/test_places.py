"""Yes/no questions that end on where something happened ("Was his cancer diagnosed in
Iran?") are answered no by a report of the same act in another country, and only then: a
place that may lie in the one asked (a province, a city) is no other place."""

from __future__ import annotations

import pytest
from conftest import WIKINEWS, assert_quotes_verbatim, files_fixture

from bot.answer import AnswerEngine
from bot.places import countries_of, other_place

reports = files_fixture([WIKINEWS / "011_afda091bae823ba0.txt"])  # al-Hakim treated in Iran


@pytest.mark.parametrize(
    ("question", "said", "other"),
    [
        ("Was Abdul-Aziz al-Hakim's lung cancer diagnosed in Iran?",
         "Hakim was flown to Texas in the United States where he was diagnosed with lung "
         "cancer.", True),
        ("Was the speech given in Britain?",
         "Goldsmith gave the speech in Washington on Monday.", True),  # "gave"
        # the asked place, or its people, named: no other place
        ("Was his cancer diagnosed in Iran?", "He was diagnosed in Tehran, Iran.", False),
        # another place, but not of the act asked about
        ("Was his cancer diagnosed in Iran?",
         "He was diagnosed with cancer last month; his deputy, speaking to reporters in the "
         "holy city of Najaf on Tuesday, said he was recovering.", False),
        # a time, not a place; a place the question gives itself
        ("Did Jindal study at Oxford?", "Jindal studied in May.", False),
        ("Did the Brescia court jail them in Italy?", "A court in Brescia jailed them.", False),
        # the place is not what the question ends on
        ("Did Jindal study at Oxford as a Rhodes scholar?", "He studied in Baton Rouge.", False),
        # no place: a source, a feast, a language
        ("Was the journalist arrested in Iran?",
         "He was arrested last week, according to Reporters Without Borders.", False),
        ("Was the hostage released in Iraq?", "The hostage was released at Christmas.", False),
        ("Was the tape broadcast in Iran?", "The tape was broadcast in Arabic.", False),
    ],
)
def test_a_place_asked_is_read_against_the_place_given(
    question: str, said: str, other: bool
) -> None:
    assert other_place(question, said) is other


@pytest.mark.parametrize(
    ("asked", "said"),
    [
        ("Iran", "Tehran"),  # a province of the country asked
        ("Iraq", "Baghdad"),
        ("the United States", "Los Angeles"),  # a city pycountry does not list
        ("the United States", "the US"),  # the same country, another name
        ("Iran", "Arabic"),  # no place
    ],
)
def test_a_place_that_may_lie_in_the_one_asked_is_no_other_place(asked: str, said: str) -> None:
    assert not other_place(f"Was he diagnosed in {asked}?", f"He was diagnosed in {said}.")


def test_countries_come_from_the_iso_lists() -> None:
    assert countries_of("Texas") == {"US"}
    assert countries_of("Tehran") == {"IR"}
    assert countries_of("Iran") == {"IR"}
    assert countries_of("Britain") == {"GB"}
    assert not countries_of("London")  # a city: not listed, so never "another" place
    assert not countries_of("North")  # a region's name that is an English word




def test_the_bot_says_no_to_the_wrong_place(reports: AnswerEngine) -> None:
    """A real report: al-Hakim, treated in Iran, had been diagnosed in Texas."""
    answer = reports.ask("Was Abdul-Aziz al-Hakim's lung cancer diagnosed in Iran?")
    assert answer.verdict == "no", answer.answer
    assert_quotes_verbatim(reports, answer)
    assert "Texas" in answer.citations[0].quote
    where = reports.ask("Was Abdul-Aziz al-Hakim diagnosed with lung cancer in Texas?")
    assert where.verdict == "yes", where.answer

