"""Yes/no questions that end on where something happened ("Was his cancer diagnosed in
Iran?") or ask about a period ("Is the park reopening this year?") are answered no by a report
of the same act in another place or period, and only then."""

from __future__ import annotations

import pytest
from conftest import WIKINEWS, assert_quotes_verbatim, files_fixture

from bot.answer import AnswerEngine
from bot.periods import other_period
from bot.places import other_place
from bot.yesno import verdict

reports = files_fixture([WIKINEWS / "011_afda091bae823ba0.txt"])  # al-Hakim treated in Iran


@pytest.mark.parametrize(
    ("question", "said", "other"),
    [
        ("Was Abdul-Aziz al-Hakim's lung cancer diagnosed in Iran?",
         "Hakim was flown to Texas in the United States where he was diagnosed with lung "
         "cancer.", True),
        ("Was Lord Goldsmith's speech given in Washington?",
         "Goldsmith gave the speech at Chatham House in London on Monday.", True),  # "gave"
        # the asked place, or its people, named: no other place
        ("Was his cancer diagnosed in Iran?", "He was diagnosed in Tehran, Iran.", False),
        ("Was the ship built in Korea?", "The Korean yard that built her in Ulsan.", False),
        # another place, but not of the act asked about
        ("Was his cancer diagnosed in Iran?",
         "He was diagnosed with cancer last month; his deputy, speaking to reporters in the "
         "holy city of Najaf on Tuesday, said he was recovering.", False),
        # a time, not a place; a place the question gives itself
        ("Did Jindal study at Oxford?", "Jindal studied in May.", False),
        ("Did the Brescia court jail them in Italy?", "A court in Brescia jailed them.", False),
        # the place is not what the question ends on
        ("Did Jindal study at Oxford as a Rhodes scholar?", "He studied in Baton Rouge.", False),
    ],
)
def test_a_place_asked_is_read_against_the_place_given(
    question: str, said: str, other: bool
) -> None:
    assert other_place(question, said) is other


def test_the_act_reported_elsewhere_says_no() -> None:
    said = "Hakim was flown to Texas in the United States where he was diagnosed with cancer."
    assert verdict("Was al-Hakim's cancer diagnosed in Iran?", said) == "no"
    assert verdict("Was al-Hakim's cancer diagnosed in the United States?", said) == "yes"


def test_the_bot_says_no_to_the_wrong_place(reports: AnswerEngine) -> None:
    """A real report: al-Hakim, treated in Iran, had been diagnosed in Texas."""
    answer = reports.ask("Was Abdul-Aziz al-Hakim's lung cancer diagnosed in Iran?")
    assert answer.verdict == "no", answer.answer
    assert_quotes_verbatim(reports, answer)
    assert "Texas" in answer.citations[0].quote
    where = reports.ask("Was Abdul-Aziz al-Hakim diagnosed with lung cancer in Texas?")
    assert where.verdict == "yes", where.answer


@pytest.mark.parametrize(
    ("question", "said", "other"),
    [
        ("Is Chavasse Park reopening this year along with the Liverpool ONE shops?",
         "Early next year Chavasse Park will reopen as well as the One Park West tower.", True),
        ("Is Chavasse Park reopening this year?", "Chavasse Park will reopen later this year.",
         False),
        # another act's period
        ("Is the park reopening this year?", "The tower will be finished next year.", False),
        # a day is the report's own, not the asker's
        ("Will the strike go ahead tomorrow?", "The union called off today's strike.", False),
    ],
)
def test_a_period_asked_is_read_against_the_period_given(
    question: str, said: str, other: bool
) -> None:
    assert other_period(question, said) is other
    if other:
        assert verdict(question, said) == "no"
