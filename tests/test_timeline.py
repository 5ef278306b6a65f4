"""How a story changed is told by two dated reports, oldest first, each quoted where it
answers: four real Wikinews reports of Zimbabwe's 2008 run-off (Tsvangirai would stand on
10 May, pulled out on 22 June), the real model and a real index."""

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
from bot.digest import period
from bot.question import analyse
from bot.timeline import _end_within, _ends, story_words, wants_timeline

EXTRA = WIKINEWS.parent / "extra"
REPORTS = [
    "035_2565dfe3b0a3fe1f.txt",  # 2008-05-10: "he will be standing for the presidential run-off"
    "080_0ce5587b79e52541.html",  # 2008-05-24: Tsvangirai returns to Zimbabwe
    "106_0a8fab9699fdfd22.txt",  # 2008-06-14: Mugabe "prepared to fight"
    "121_6c5227ef60708f9f.txt",  # 2008-06-22: "he will pull out of the race"
]


@pytest.fixture(scope="module")
def run_off(tmp_path_factory: pytest.TempPathFactory, base_index: BuiltIndex) -> BuiltIndex:
    root = tmp_path_factory.mktemp("run_off")
    return index_of(copy_articles([EXTRA / n for n in REPORTS], root / "corpus"), root, base_index)


@pytest.fixture(scope="module")
def run_off_engine(run_off: BuiltIndex) -> Generator[AnswerEngine, None, None]:
    engine = run_off.open_engine()
    yield engine
    engine.index.close()


def test_a_change_between_two_months_is_told_by_a_report_of_each(
    run_off_engine: AnswerEngine,
) -> None:
    answer = run_off_engine.ask(
        "How did Morgan Tsvangirai's plans for the presidential run-off change between May and "
        "June 2008?")
    assert not answer.abstained, answer.answer
    assert_quotes_verbatim(run_off_engine, answer)
    first, last = answer.citations
    assert first.date == "2008-05-10" and "standing for the presidential run-off" in first.quote
    assert last.date == "2008-06-22" and "pull out" in last.quote
    assert answer.answer.startswith("On 10 May 2008: ") and "On 22 June 2008: " in answer.answer


def test_a_change_with_no_span_named_gets_the_usual_answer(
    run_off_engine: AnswerEngine,
) -> None:
    answer = run_off_engine.ask("How did Tsvangirai's plans for the run-off change?")
    assert not answer.abstained and len({c.article_id for c in answer.citations}) == 1


def test_other_questions_are_answered_from_one_report(run_off_engine: AnswerEngine) -> None:
    answer = run_off_engine.ask("Why did Morgan Tsvangirai pull out of the run-off?")
    assert not answer.abstained and len({c.article_id for c in answer.citations}) == 1
    assert not answer.answer.startswith("On ")


@pytest.mark.parametrize(
    ("question", "timeline"),
    [
        ("How did Tsvangirai's plans change between May and June 2008?", True),
        ("How has the situation in Kenya evolved since the election?", True),
        ("How did the Romanian hostage crisis develop?", True),
        ("How did Kenyan lawmakers finally agree to choose the speaker?", False),
        ("Did the plans change?", False),  # a yes/no question
        ("What changed in the law?", False),
        # the verb is no change of the story's (a review's cases)
        ("How did the developers react between May and June 2008?", False),
        ("How did shift workers vote between May and June 2008?", False),
        ("How were the progress reports received from 2006 to 2008?", False),
    ],
)
def test_which_questions_ask_how_a_story_changed(question: str, timeline: bool) -> None:
    assert wants_timeline(analyse(question)) is timeline


@pytest.mark.parametrize(
    ("question", "since", "until"),
    [
        ("How did it change between May and June 2008?", "2008-05-01", "2008-07-10"),
        ("How did it develop from March to May 2005?", "2005-03-01", "2005-06-10"),
        ("How did it change from May 2008 to January 2009?", "2008-05-01", "2009-02-10"),
        ("How did it change between 2006 and 2008?", "2006-01-01", "2009-03-31"),
        ("How did it change from 2008 to 2006?", "2006-01-01", "2009-03-31"),
        ("How did it change between December and January 2009?", "2008-12-01", "2009-02-10"),
        ("How did it change from 10 May to 20 June 2008?", "2008-05-01", "2008-07-10"),
    ],
)
def test_a_span_of_months_or_years_is_one_time(question: str, since: str, until: str) -> None:
    info = analyse(question)
    assert (info.date_from, info.date_to) == (since, until)


def test_what_happened_in_a_span_lists_the_span() -> None:
    """The listing of a time-only question read one month of the two, whichever came first."""
    assert period(analyse("What happened between May and June 2008?")) == (
        "2008-05-01", "2008-06-30", "May 2008 to June 2008")
    assert period(analyse("What happened from 2006 to 2008?")) == (
        "2006-01-01", "2008-12-31", "2006 to 2008")


def test_the_ends_of_a_span_are_its_first_and_last_month_or_year() -> None:
    assert _ends(analyse("How did it change between May and June 2008?")) == (
        ("2008-05-01", "2008-05-31"), ("2008-06-01", "2008-07-10"))
    assert _ends(analyse("How did it change between 2006 and 2008?")) == (
        ("2006-01-01", "2006-12-31"), ("2008-01-01", "2009-03-31"))
    assert not {"10", "20"} & set(analyse("How did it change from 10 May to 20 June 2008?").terms)
    assert _ends(analyse("How did it change in 2008?")) is None  # one time, no span
    assert _ends(analyse("How did it change in May 2008?")) is None


def test_the_last_end_is_quoted_from_inside_the_span_first() -> None:
    """A trial's "between 2022 and 2023" quoted a report of 19 January 2024 for 2023 (a
    June 2023 one existed): the reach past the span is for when nothing inside it answers."""
    years = analyse("How did the cost change between 2022 and 2023?")
    assert _end_within(_ends(years)[1][0], years) == "2023-12-31"
    months = analyse("How did the demand change between March and May 2024?")
    assert _end_within(_ends(months)[1][0], months) == "2024-05-31"


def test_the_words_for_change_are_not_the_storys() -> None:
    """They lowered every sentence's share of the question's words, and so its confidence:
    a trial's nine month-span questions all abstained."""
    info = analyse("How did the union's pay demand change between March and May 2024?")
    assert "chang" in info.stems and "chang" not in story_words(info).stems
    assert set(story_words(info).stems) == set(info.stems) - {"chang"}


def test_a_report_from_inside_the_span_ends_it_before_one_from_after(
    tmp_path_factory: pytest.TempPathFactory, base_index: BuiltIndex
) -> None:
    """The search reaches ten days past a month for later reports: a trial's timeline quoted
    one of 2 June for "March to May" though a 10 May report answered."""
    articles = {name: (EXTRA / name).read_text(encoding="utf-8")
                for name in ("035_2565dfe3b0a3fe1f.txt", "121_6c5227ef60708f9f.txt")}
    articles["after.txt"] = (
        " date 2008-07-02 Tsvangirai's plans for the presidential run-off\n"
        "Morgan Tsvangirai said on Wednesday that his plans for Zimbabwe's presidential run-off "
        "had changed in June, when he pulled out of the race.\n")
    engine = engine_over(tmp_path_factory.mktemp("after_span"), articles, base_index)
    try:
        answer = engine.ask("How did Morgan Tsvangirai's plans for Zimbabwe's presidential "
                            "run-off change between May and June 2008?")
        assert [c.date for c in answer.citations] == ["2008-05-10", "2008-06-22"], answer.answer
    finally:
        engine.index.close()
