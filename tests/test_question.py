"""What a question says about time: the latest or the first development of a story, and a
named date that articles published soon after it still fit."""

from __future__ import annotations

import numpy as np
import pytest

from bot.question import analyse, main_clause, names_day, names_month
from bot.rank import coverage, prefer_dated, time_fit
from index.search import Passage
from index.terms import stem_all


@pytest.mark.parametrize(
    ("question", "latest", "earliest"),
    [
        ("What is the latest on the kidnapped reporters?", True, False),
        ("How many had been killed when the first clashes were reported?", False, True),
        ("What high did the index reach when it first went past 13,000?", False, True),
        ("What did the government initially say about the ransom?", False, True),
        ("Which of the hostages did they ask to let go first?", False, False),
        ("Which magazine revealed the source?", False, False),
        ("When did the First Minister resign?", False, False),
        ("When did protesters first gather outside parliament?", False, True),
        # the first or the final figure of a story that changes as it goes on
        ("How much was Brightwater's first offer?", False, True),
        ("What was the initial death toll?", False, True),
        ("How much was Brightwater's final offer?", True, False),
        ("Who eventually won the recount?", True, False),
        ("What was the score in the World Cup final?", False, False),  # a final is a match
    ],
)
def test_story_time_the_question_asks_about(question: str, latest: bool, earliest: bool) -> None:
    info = analyse(question)
    assert (info.wants_latest, info.wants_earliest) == (latest, earliest)


def test_a_long_question_is_analysed_in_linear_time() -> None:
    import time

    t = time.perf_counter()
    analyse("when " * 2000 + "first")
    assert time.perf_counter() - t < 0.5


def test_a_named_day_fits_articles_of_that_time_and_less_and_less_those_after_it() -> None:
    info = analyse("How many people were killed in the riots on April 28, 2006?")
    fits = [time_fit(info, d) for d in ("2006-04-29", "2006-05-10", "2006-05-30", "2006-07-30")]
    assert fits[0] == 1.0
    assert 1.0 > fits[1] > fits[2] > fits[3] > 0.0
    assert time_fit(info, "2006-04-01") == 0.0  # before the event: it cannot report it
    assert time_fit(info, None) == 0.0
    assert time_fit(analyse("Who won?"), "2006-04-29") == 0.0


def _passage(article: str, date: str, score: float) -> Passage:
    p = Passage(0, article, article, date, article, None, article, None, "x", [(0, 1)],
                np.zeros((1, 4), dtype=np.float32))
    p.score = score
    return p


def test_latest_and_earliest_pick_among_nearly_equal_passages_only() -> None:
    ranked = [_passage("mid", "2008-01-15", 1.6), _passage("old", "2008-01-01", 1.55),
              _passage("new", "2008-03-01", 1.4), _passage("weak", "2009-01-01", 0.5)]
    assert prefer_dated(ranked, latest=True)[0].article_id == "new"
    assert prefer_dated(ranked, latest=False)[0].article_id == "old"
    assert [p.article_id for p in prefer_dated(ranked, latest=False)] == [
        "old", "mid", "new", "weak"]
    assert prefer_dated([], latest=True) == []


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("How many people were killed in the riots in Dili on April 28, 2006?", (4, 28, 2006)),
        ("Which town did Georgian forces attack on 7 August?", (8, 7, None)),  # still a day
        ("What happened to the hostages in May 2005?", None),  # a month is not a day
        ("Who may march on Sunday?", None),
        ("How many of the 30 may be freed?", None),  # the verb, not the month
    ],
)
def test_the_day_a_question_names(question: str, day: tuple[int, int, int | None] | None
                                  ) -> None:
    assert analyse(question).day == day


def test_a_sentence_names_the_day_in_either_order() -> None:
    assert names_day("Riots killed five people on April 28 after a march.", (4, 28, 2006))
    assert names_day("On 28 April 2006, riots broke out.", (4, 28, 2006))
    assert names_day("On 28 April 2006, riots broke out.", (4, 28, None))
    assert not names_day("On April 28, 2010, riots broke out.", (4, 28, 2006))  # another year
    assert not names_day("Riots killed five people on April 29.", (4, 28, 2006))
    assert not names_day("In April, 28 people were hurt.", (4, 28, None))
    assert not names_day("Some 28 may have died.", (5, 28, None))


def test_after_or_since_a_year_is_any_time_from_then_on() -> None:
    # "Did the government raise gasoline taxes after 2003?" is answered by a report of 2005
    # ("hadn't increased gasoline taxes since 2003"), not only by one of 2003
    info = analyse("Did the government raise gasoline taxes after 2003?")
    assert (info.date_from, info.date_to) == ("2003-01-01", None)
    assert time_fit(info, "2005-09-05") == 1.0 and time_fit(info, "2002-12-30") == 0.0
    assert analyse("Did prices rise in 2008?").date_to == "2009-03-31"


def test_a_report_names_the_month_asked_in_its_own_year() -> None:
    # "What was Zimbabwe's inflation rate in March 2008?" abstained on "inflation, estimated
    # in March at 355,000%", in a report of June 2008 (a trial's)
    info = analyse("What was Zimbabwe's inflation rate in March 2008?")
    said = "Inflation, estimated in March at 355,000%, is the highest in the world."
    assert names_month(said, info, "2008-06-20")
    assert not names_month(said, info, "2009-06-20")  # another year's March
    assert not names_month(said, info, "2008-02-20")  # a report before the month
    assert names_month("Inflation was 355,000% in March 2008.", info, "2009-01-05")
    assert not names_month("Prices may rise by 30 percent.", analyse("What happened in May "
                                                                      "2005?"), "2005-06-01")
    assert not names_month(said, analyse("What happened on March 3, 2008?"), "2008-06-20")
    # (a review's) every mention is read; a name, another year, a month ahead are none
    assert names_month("It was 50,000% in March 2007 and 355,000% in March 2008.", info,
                       "2009-01-01")
    assert names_month("On 3 March 2008 inflation hit a record.", info, "2009-06-20")
    assert not names_month("Prices rose on March 3, 2007, analysts said.", info, "2008-06-20")
    assert not names_month("Elections are due next March.", info, "2008-11-01")
    may = analyse("What did the government do in May 2017?")
    assert not names_month("Prime Minister Theresa May said so.", may, "2017-09-10")
    assert names_month("In May the government cut taxes.", may, "2017-09-10")
    jan = analyse("What happened in Jan 2008?")
    assert not names_month("Jan Egeland, the UN aid chief, said it was grim.", jan, "2008-02-10")


@pytest.mark.parametrize(
    ("question", "yes_no", "main"),
    [
        ("Did Mexico accept troops?", True, "Did Mexico accept troops?"),
        ("When reports said North Korean officials might meet US officials in New York about the "
         "sanctions, did the White House confirm such a meeting was planned?", True,
         "did the White House confirm such a meeting was planned?"),
        ("When did the talks start?", False, "When did the talks start?"),
    ],
)
def test_a_yes_no_question_may_open_with_a_long_clause(question: str, yes_no: bool,
                                                       main: str) -> None:
    assert analyse(question).yes_no is yes_no
    assert main_clause(question) == main


@pytest.mark.parametrize(
    ("question", "surnames"),
    [
        ("How much was Sarah Jessica Parker's Gap deal worth?",
         {"sarah": "parker", "jessica": "parker"}),
        ("Did Mwai Kibaki meet Raila Odinga?", {"mwai": "kibaki", "raila": "odinga"}),
        ("What were the gangs outside Hotel Timor armed with?", {}),  # "Timor" is no hotel
        ("What did Prime Minister Tăriceanu say?", {}),
        ("Did Northern Ireland vote?", {}),
        ("How Many People Died In The Haiti Earthquake?", {}),  # Title Case says nothing
    ],
)
def test_a_persons_last_name_stands_for_the_whole_name(question: str, surnames: dict) -> None:
    assert analyse(question).surnames == surnames


def test_a_sentence_naming_the_surname_covers_the_full_name() -> None:
    info = analyse("How much was Sarah Jessica Parker's Gap deal worth?")
    idf = dict.fromkeys(info.stems, 1.0)
    present = {"parker", "gap", "deal"}
    assert coverage(info.stems, idf, present) < coverage(info.stems, idf, present, info.surnames)
    assert coverage(info.stems, idf, present, info.surnames) == 5 / 6  # all but "worth"


@pytest.mark.parametrize(
    ("question", "development"),
    [
        ("What is the latest on the kidnapped reporters?", True),
        ("What happened to the reporters held hostage in May 2005?", True),
        ("What's new on the strike?", True),
        ("What’s happened to the strike?", True),  # a phone keyboard's apostrophe
        ("Where do the negotiations between Kibaki and Odinga stand now?", True),
        ("What is the most recent word on when the troops will leave?", False),  # a time
        ("What new all-time high did the price reach?", False),  # a figure
        ("Is he still in office?", False),  # yes/no
        ("Where is the summit now being held?", False),  # a place
    ],
)
def test_a_question_about_a_storys_development(question: str, development: bool) -> None:
    assert analyse(question).development is development


@pytest.mark.parametrize(
    ("question", "date_from", "date_to"),
    [
        ("Who won Kenya's presidential election in 2013?", "2013-01-01", "2014-03-31"),
        # a year naming an event: its run-up is reported on the year before
        ("What did Thompson's committee do before a 2008 White House run?", "2007-01-01",
         "2009-03-31"),
        ("What share did Kabila win in Congo's 2006 presidential election?", "2005-01-01",
         "2007-03-31"),
        ("How many died in the 2004 tsunami?", "2004-01-01", "2005-03-31"),  # not planned
    ],
)
def test_a_year_that_names_an_event_reaches_back_a_year(
    question: str, date_from: str, date_to: str
) -> None:
    info = analyse(question)
    assert (info.date_from, info.date_to) == (date_from, date_to)


def test_the_words_a_news_question_is_wrapped_in_are_no_search_terms() -> None:
    info = analyse("What is the newest development concerning Fred Thompson's committee?")
    assert info.terms == ["development", "fred", "thompson", "committee"]


@pytest.mark.parametrize(
    ("question", "kind", "yes_no"),
    [
        ("and when?", "time", False),  # a chat follow-up: it repeated the last answer
        ("And who?", "person", False),
        ("so did he resign?", None, True),
        ("Then how many died?", "count", False),
        ("Andrew resigned?", None, False),  # a name, not "and"
    ],
)
def test_an_opening_conjunction_leaves_the_question_its_form(
    question: str, kind: str | None, yes_no: bool
) -> None:
    info = analyse(question)
    assert (info.answer_type, info.yes_no) == (kind, yes_no)


def test_a_verb_is_held_by_its_irregular_forms_and_its_doer() -> None:
    # (a trial's) "who won the georgia election?" abstained beside "declared Mikheil
    # Saakashvili the winner", "Who owns Mondo Video?" beside "Michael Faust, the owner"
    from bot.rank import held

    assert held(stem_all(["won"]), "Officials declared him the winner of the election.")
    assert held(stem_all(["owns"]), "Michael Faust, the owner of Mondo Video, said so.")
    assert held(stem_all(["began"]), "The talks begin on Monday.")
    assert not held(stem_all(["won"]), "The wind was strong.")
