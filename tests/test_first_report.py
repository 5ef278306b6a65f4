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
    index_of,
)

from bot.answer import AnswerEngine
from bot.first_report import held

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
