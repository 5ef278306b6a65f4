"""A fact that several reports of one story state is cited from the report that broke it; a
later report's own news stays cited from the later report. Three real Wikinews reports of the
2008 Russia–Georgia war, the real model and a real index."""

from __future__ import annotations

from collections.abc import Generator

import pytest
from conftest import (
    WIKINEWS,
    BuiltIndex,
    assert_quotes_verbatim,
    copy_articles,
    engine_over,
    index_of,
)

from bot.answer import AnswerEngine
from bot.first_report import figures, held

BLOCKADE_DAY = "200_bdb37e9c296293f5.txt"  # 2008-08-10: "began a naval blockade of ... Poti"
NEXT_DAY = "248_0a1c4548462b292f.txt"  # 2008-08-11
TWO_DAYS_ON = "095_2fa6effa9883a5e2.txt"  # 2008-08-12: repeats the blockade as background


@pytest.fixture(scope="module")
def war(tmp_path_factory: pytest.TempPathFactory, base_index: BuiltIndex) -> BuiltIndex:
    root = tmp_path_factory.mktemp("war")
    reports = [WIKINEWS / name for name in (BLOCKADE_DAY, NEXT_DAY, TWO_DAYS_ON)]
    return index_of(copy_articles(reports, root / "corpus"), root, base_index)


@pytest.fixture(scope="module")
def war_engine(war: BuiltIndex) -> Generator[AnswerEngine, None, None]:
    engine = war.open_engine()
    yield engine
    engine.index.close()


def test_a_fact_repeated_as_background_is_cited_from_its_first_report(
    war: BuiltIndex, war_engine: AnswerEngine
) -> None:
    answer = war_engine.ask("Which Georgian harbour did Russia's Black Sea Fleet blockade?")
    assert not answer.abstained
    assert_quotes_verbatim(war_engine, answer)
    assert "Poti" in answer.answer
    # The report two days on states it too, and ranks first for the question.
    assert answer.passages[0]["article_id"] == war.article_id(TWO_DAYS_ON)
    assert {c.article_id for c in answer.citations} == {war.article_id(BLOCKADE_DAY)}
    assert answer.citations[0].date == "2008-08-10"


def test_a_later_reports_own_news_stays_cited_from_it(
    war: BuiltIndex, war_engine: AnswerEngine
) -> None:
    # The earlier reports quote Medvedev too, on other things: names alone are no same fact.
    answer = war_engine.ask("What did Russia's president announce about the military operations?")
    assert not answer.abstained
    assert "announced the end of Russian military operations" in answer.answer
    assert answer.citations[0].article_id == war.article_id(TWO_DAYS_ON)


def test_a_statement_is_held_by_its_weight_and_prefixes() -> None:
    weights = {"condoleezza": 3.0, "rice": 2.0, "fridai": 1.0}
    assert held(weights, {"condoleezza", "rice", "presenc"}) == pytest.approx(5 / 6)
    assert held(weights, {"fridai"}) == pytest.approx(1 / 6)
    assert held({"georgian": 1.0}, {"georg"}) == 1.0  # "Georgian" meets "Georgia"
    assert held({}, set()) == 1.0  # nothing to hold


STRIKE_BEGINS = (
    " date 2024-03-04 Dockworkers walk out at Port of Calder\n"
    "About 1,800 dockworkers at the Port of Calder went on strike on Monday morning.\n"
    "Union leader Marta Velasquez said members were demanding a 9% pay rise and an end to "
    "12-hour shifts.\n"
    "Calder Harbour Holdings chief executive Johan Brekke said the company had offered 4%.\n"
)
TALKS = (
    " date 2024-03-11 Calder port strike enters second week as talks resume\n"
    "Talks between the Calder Dockers' Union and Calder Harbour Holdings resumed on Monday.\n"
    "Marta Velasquez said the union had lowered its demand to 7%, but would not accept any deal "
    "that kept 12-hour shifts.\n"
    "Johan Brekke said the company could not go above 5.5%.\n"
)


@pytest.fixture(scope="module")
def strike_engine(
    tmp_path_factory: pytest.TempPathFactory, base_index: BuiltIndex
) -> Generator[AnswerEngine, None, None]:
    reports = {"begins.txt": STRIKE_BEGINS, "talks.txt": TALKS}
    engine = engine_over(tmp_path_factory.mktemp("strike"), reports, base_index)
    yield engine
    engine.index.close()


def test_a_report_giving_another_figure_states_another_fact(
    strike_engine: AnswerEngine,
) -> None:
    """A trial's "To what did the union lower its demand?" was answered from the first report
    ("demanding a 9% pay rise … 12-hour shifts"), which shares the names and the shifts."""
    answer = strike_engine.ask("To what did the union lower its demand?")
    assert not answer.abstained and "lowered its demand to 7%" in answer.citations[0].quote
    assert {c.date for c in answer.citations} == {"2024-03-11"}
    assert_quotes_verbatim(strike_engine, answer)


def test_figures_are_the_numbers_but_dates() -> None:
    assert figures("He lowered it to 7%, not for 12-hour shifts, by 1,800 workers.") == {
        "7", "12", "1800"}
    assert figures("On August 10, 2008, in March 2005 and on 5 May the fleet sailed.") == set()
    assert figures("Up to 40 may face charges.") == {"40"}  # the verb "may" is no date
