"""A "when" answer names the day its quote means: "ended on Tuesday" in a report of Thursday
21 March 2024 is Tuesday 19 March 2024 (a trial's "When was Chen Shui-bian detained?" got
no date). The real model and a real index for the last test."""

from __future__ import annotations

from collections.abc import Generator

import pytest
from conftest import BuiltIndex, assert_quotes_verbatim, engine_over

from bot.answer import AnswerEngine
from bot.when import dated


@pytest.mark.parametrize(
    ("quotes", "said"),
    [
        ([("The strike ended on Tuesday.", "2024-03-21")],
         'Tuesday 19 March 2024 ("on Tuesday"), by a report of 21 March 2024.'),
        ([("The journalists arrived yesterday afternoon.", "2005-05-24")],
         'Monday 23 May 2005 ("yesterday"), by a report of 24 May 2005.'),
        # each day the quote names, the planned one after the report
        ([("On Sunday, Medvedev said the troops would start their pullout on Monday.",
           "2008-08-17")],
         'Sunday 17 August 2008 ("On Sunday") and Monday 18 August 2008 ("on Monday"), by a '
         "report of 17 August 2008."),
        ([("The ministers will meet on Friday.", "2024-03-22")],
         'Friday 29 March 2024 ("on Friday"), by a report of 22 March 2024.'),
        # a date the quote gives itself is left as it is; beside a relative day it is as
        # often another event's ("Formed in 2003, …"), so the day is said too
        ([("The talks ended on March 19.", "2024-03-21")], None),
        ([("They were kidnapped on March 28 and arrived yesterday.", "2005-05-24")],
         'Monday 23 May 2005 ("yesterday"), by a report of 24 May 2005.'),
        ([("Formed in 2003, the airline hit trouble on Monday.", "2008-03-19")],
         'Monday 17 March 2008 ("on Monday"), by a report of 19 March 2008.'),
        # (a trial's cases) "last Tuesday" in a Tuesday's report is the week before; a paper
        # is no day; a "would" of another clause is no plan; "may", "march", "24/7" no dates
        ([("The press release went out last Tuesday.", "2008-02-05")],
         'Tuesday 29 January 2008 ("last Tuesday"), by a report of 5 February 2008.'),
        ([("The Sunday Telegraph reports that he quit.", "2007-07-30")],
         "Reported on 30 July 2007."),
        ([("The minister, who would not comment, was arrested on Friday.", "2024-03-20")],
         'Friday 15 March 2024 ("on Friday"), by a report of 20 March 2024.'),
        ([("Protesters will march on Tuesday.", "2024-03-20")],
         'Tuesday 26 March 2024 ("on Tuesday"), by a report of 20 March 2024.'),
        ([("Open 24/7, the shop was robbed on Sunday.", "2024-03-20")],
         'Sunday 17 March 2024 ("on Sunday"), by a report of 20 March 2024.'),
        # (a review's cases) a weekday before a name is a day; "next" is ahead; a plan's
        # clause may be long; a lower quote's weekday does not outdo the best's own date
        ([("On Tuesday President Bush signed the bill.", "2008-08-19")],
         'Tuesday 19 August 2008 ("On Tuesday"), by a report of 19 August 2008.'),
        ([("Police said Sunday Smith had been arrested.", "2008-08-19")],
         'Sunday 17 August 2008 ("Sunday"), by a report of 19 August 2008.'),
        ([("The summit takes place next Thursday.", "2008-08-19")],
         'Thursday 21 August 2008 ("next Thursday"), by a report of 19 August 2008.'),
        ([("The leaders will meet the foreign ministers of France and Germany on Friday.",
           "2008-08-19")],
         'Friday 22 August 2008 ("on Friday"), by a report of 19 August 2008.'),
        ([("The treaty was signed on March 28, 2006.", "2006-04-05"),
          ("Opposition leaders protested on Tuesday.", "2006-04-05")], None),
        # a lower quote's day counts when the best gives none of its own kind
        ([("She was expected to live into 2008.", "2008-08-25"),
          ("Gladys Powers died on Friday.", "2008-08-25")],
         'Friday 22 August 2008 ("on Friday"), by a report of 25 August 2008.'),
        # a week, a month or a year said from the report's day ("last week" was "Reported
        # on" the report's own day, a week after the event)
        ([("The minister resigned last week.", "2008-03-18")],
         'the week of Monday 10 March 2008 ("last week"), by a report of 18 March 2008.'),
        ([("Talks collapsed earlier this month and resume next month.", "2008-12-18")],
         'December 2008 ("earlier this month") and January 2009 ("next month"), by a report '
         "of 18 December 2008."),
        ([("The firm lost money last year; its chief quit on Monday.", "2008-03-18")],
         'Monday 17 March 2008 ("on Monday") and 2007 ("last year"), by a report of 18 March '
         "2008."),
        ([("The treaty was signed on March 28 last year.", "2008-03-18")], None),
        # (a review's cases) a stretch of the past, not the one before the report
        ([("The talks were held in the last week of April.", "2008-06-18")], None),
        ([("Prices have risen 5% over the last year.", "2008-06-18")],
         "Reported on 18 June 2008."),
        # (a trial's) a plan said after the day: "On Tuesday she is attending" is the next
        # Tuesday, "… police said they are investigating" a past one; a day outdoes a stretch
        ([("On Tuesday she is attending a meeting in Kuwait.", "2008-04-20")],
         'Tuesday 22 April 2008 ("On Tuesday"), by a report of 20 April 2008.'),
        ([("On Tuesday she will attend the meeting.", "2008-04-20")],
         'Tuesday 22 April 2008 ("On Tuesday"), by a report of 20 April 2008.'),
        ([("On Tuesday police said they are investigating.", "2008-04-20")],
         'Tuesday 15 April 2008 ("On Tuesday"), by a report of 20 April 2008.'),
        ([("Putin plans to visit Iran later this week.", "2007-10-15"),
          ("He will arrive in Iran on Wednesday.", "2007-10-15")],
         'Wednesday 17 October 2007 ("on Wednesday"), by a report of 15 October 2007.'),
        # (a trial's) ... but not a day outside it: another event's "Today"
        ([("The UN imposed limited sanctions on the nation last year.", "2007-01-18"),
          ("\"Today, we are ready for anything in this path,\" he said.", "2007-01-18")],
         '2006 ("last year"), by a report of 18 January 2007.'),
        # a month said from the report's day (a trial's "last August" was left without its
        # year): the one before it, after it, or of its year
        ([("Reinado escaped from jail last August.", "2007-03-04")],
         'August 2006 ("last August"), by a report of 4 March 2007.'),
        ([("The vote is due next March.", "2006-10-02")],
         'March 2007 ("next March"), by a report of 2 October 2006.'),
        ([("She will next may visit.", "2006-10-02")], "Reported on 2 October 2006."),
        # a weekday with its date is that date (a trial's "Monday, January 22, 2007" was
        # counted back from the report's day to the Monday after)
        ([("The campaign starts on Monday, January 22, 2007 in the US.", "2007-01-22")], None),
        ([("Talks resume on Friday 26 January.", "2007-01-22")], None),
        # no day named: the report's date
        ([("Chen Shui-bian has been detained.", "2008-11-11"),
          ("He served as president from May 20, 2000.", "2008-11-11")],
         "Reported on 11 November 2008."),
        ([("Chen Shui-bian has been detained.", None)], None),
    ],
)
def test_the_day_a_when_answer_means(quotes: list, said: str | None) -> None:
    assert dated(quotes) == said


@pytest.mark.parametrize(
    ("question", "quotes", "said"),
    [
        # (a trial's cases) the day of the announcement is not the day it will happen, and the
        # report's date is no answer to "when will"
        ("When will the rules be finalized?",
         [("The rules, issued Friday and expected to be finalized in 2012, apply to cafes.",
           "2011-04-03")], None),
        ("When is the acquisition expected to close?",
         [("Adobe announced today that they will acquire Macromedia.", "2005-04-18"),
          ("The acquisition is expected to close in the fall.", "2005-04-18")], None),
        ("When will the ferry terminal open?",
         [("The council voted on Wednesday to approve a new ferry terminal.", "2024-03-14")],
         None),
        ("and when will the deal be completed?",
         [("Microsoft said last week the deal would be completed by early 2008.", "2007-05-18")],
         None),
        # (a review's) a participle after "be" is no past verb; a "will" of the question's
        # other clause asks nothing ahead
        ("When will the deal be signed?", [("The deal will be signed on Friday.", "2024-03-20")],
         'Friday 22 March 2024 ("on Friday"), by a report of 20 March 2024.'),
        ("When did Blair announce he will step down?",
         [("Blair announced today that he will step down.", "2006-09-07")],
         'Thursday 7 September 2006 ("today"), by a report of 7 September 2006.'),
        # (a trial's) a stretch is no answer beside a quote's own date, nor, to what is to
        # come, beside a quote's own month or year
        ("When did Russia hand over the border?",
         [("Officers met this week to assist in the turnover.", "2005-09-05"),
          ("Russia handed the border over on September 1.", "2005-09-05")], None),
        ("When is it expected to open?",
         [("Work is set to begin this year, with a Spring 2008 opening date.", "2006-04-30")],
         None),
        ("When does the Trump Organisation hope to open the golf course?",
         [("Work is set to begin in September this year, with the Trump Organisation hopeful "
           "for a Spring 2008 opening date.", "2006-04-01")], None),
        # what will happen on a day, or in a stretch ahead, is still said
        ("When will the ministers meet?",
         [("The ministers said on Monday they will meet on Friday.", "2024-03-20")],
         'Friday 22 March 2024 ("on Friday"), by a report of 20 March 2024.'),
        ("When will the vote be held?", [("The vote will be held next month.", "2024-03-20")],
         'April 2024 ("next month"), by a report of 20 March 2024.'),
    ],
)
def test_a_when_will_answer_names_only_what_is_ahead(
    question: str, quotes: list, said: str | None
) -> None:
    assert dated(quotes, question) == said


@pytest.fixture(scope="module")
def strike_engine(
    tmp_path_factory: pytest.TempPathFactory, base_index: BuiltIndex
) -> Generator[AnswerEngine, None, None]:
    reports = {"strike.txt": (
        " date 2024-03-21 Calder port strike ends\n"
        "The 16-day strike at the Port of Calder ended on Tuesday after dockworkers accepted a "
        "new pay offer.\n"
        "Ships that had waited at anchor began to unload on Wednesday morning.\n"
    )}
    engine = engine_over(tmp_path_factory.mktemp("strike"), reports, base_index)
    yield engine
    engine.index.close()


def test_when_did_it_end_is_answered_with_the_day(strike_engine: AnswerEngine) -> None:
    answer = strike_engine.ask("When did the strike at the Port of Calder end?")
    assert answer.answer.startswith('Tuesday 19 March 2024 ("on Tuesday"), by a report of 21 '
                                    "March 2024. The 16-day strike"), answer.answer
    assert_quotes_verbatim(strike_engine, answer)
