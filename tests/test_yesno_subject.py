"""Whose words a yes/no verdict reads (bot/subject.py): the subject the evidence must name, the
words a figure's change must follow ("Did the Dow Jones rise?" — "the Dow Jones Industrial
Average yesterday fell"), a refusal aimed at the subject rather than made by it, and lexicon
words inside a name, which take no stance. Split from test_yesno.py, whose rules it shares."""

from __future__ import annotations

import pytest

from bot.subject import named_doer, names_subject, speaks_of_subject
from bot.yesno import UNCLEAR, stance_checker, verdict


@pytest.mark.parametrize(
    ("question", "evidence", "expected"),
    [
        # a figure's direction said of the noun the question's possessive owns (a trial's)
        ("Did Venezuela's economy grow in 2009?",
         "The country's economy contracted by 5.8% in the final quarter.", "no"),
        ("Did the firm's revenue grow?", "The firm contracted Deloitte to audit its revenue.",
         "yes"),  # hired, not shrank
        # (a trial's) the other direction in other words, said of the subject's name run or its
        # people: raised for lower, cut; a fall after a long name; a collapse for survival
        ("Did Russia lower minimum vodka prices?",
         "The Russian government has raised the minimum price for vodka.", "no"),
        ("Did the Federal Reserve cut interest rates?",
         "The US Federal Reserve has just raised the base rate of interest.", "no"),
        ("Did the Dow Jones rise in October 2008?",
         "The Dow Jones Industrial Average yesterday fell to its lowest level in five years.",
         "no"),
        ("Did Iceland's coalition government survive the crisis?",
         "The coalition government in Iceland has collapsed.", "no"),
        ("Did the Federal Reserve raise interest rates?",
         "The US Federal Reserve has just raised the base rate of interest.", "yes"),
    ],
)
def test_a_figure_moves_after_the_subjects_own_words(
    question: str, evidence: str, expected: str
) -> None:
    assert verdict(question, evidence) == expected


def test_a_refusal_aimed_at_the_subject_is_not_the_subject_refusing() -> None:
    plan = "The union plans to hold a vote on May 6 on whether to accept the 5 percent offer."
    rejection = "She rejected the union's demand for a 12 percent rise."
    question = "Did the union accept the 5 percent offer?"
    assert verdict(question, plan, [plan, rejection]) == UNCLEAR
    # ... but the subject after a comma is another clause's: the refusal stands
    assert verdict(question, plan, [plan, "The workers rejected it, union officials said."]) == "no"


@pytest.mark.parametrize(
    ("question", "evidence", "about"),
    [
        ("Did Marta Okafor resign?", ["Transport Minister Daniel Reyes resigned."], False),
        ("Did Marta Okafor resign?", ["Union leader Okafor resigned on Monday."], True),
        ("Did Claudia Sheinbaum accept the troops?", ["Mexico's president declined."], False),
        # a title is no part of the name; one name after a title is a person's
        ("Did Minister Marta Okafor resign?", ["Transport Minister Daniel Reyes resigned."],
         False),
        ("Did President Trump resign?", ["President Reyes resigned."], False),
        # a single name is often a capital standing for its government: left alone
        ("Did Moscow commit to a timetable?", ["Russia agreed to no date."], True),
        ("Did US troops enter Mexico?", ["American troops crossed the border."], True),
        ("Did the talks fail?", ["The negotiations collapsed."], True),  # no name at all
        # (a trial's) a possessive names its owner
        ("Did Ismail Haniyeh's government admit the account?",
         ["A website reported that Ismail Haniyeh's government denies the allegations."], True),
    ],
)
def test_a_verdict_needs_evidence_that_names_the_questions_person(
    question: str, evidence: list[str], about: bool
) -> None:
    assert speaks_of_subject(question, evidence) is about


def test_a_lexicon_word_inside_a_name_takes_no_stance() -> None:
    # the North American Free Trade Agreement agrees to nothing: over Wikinews, "Did Mexico
    # accept US troops?" was a "Yes." decided by it
    takes_stance = stance_checker("Did Mexico accept US troops?")
    assert not takes_stance("Similar to the North American Free Trade Agreement among the "
                            "U.S., Canada, and Mexico, CAFTA would create a free trade zone.")
    assert takes_stance("Agreeing to the deal, Mexico signed it.")
    assert takes_stance("Mexico agreed to accept the troops.")


@pytest.mark.parametrize(
    ("question", "evidence"),
    [  # a review's cases: each was a "no" from words that move another figure, or none
        ("Did the company's profits rise?", "The company cut 500 jobs."),
        ("Did the company's profits fall?", "The company raised prices."),
        ("Did Japan's economy grow?", "Japan cut interest rates to zero."),
        ("Did interest rates rise?", "International oil prices fell sharply."),
        ("Did the economy grow?", "Economists lowered their forecasts."),
        ("Did the miners survive?", "The miners were rescued after the mine collapsed."),
        ("DID THE COMPANY'S PROFITS RISE?", "Profits were flat while the market fell."),
    ],
)
def test_a_figure_word_of_something_else_is_no_answer(question: str, evidence: str) -> None:
    assert verdict(question, evidence) == "yes"


def test_a_headline_in_capitals_is_no_run_of_names() -> None:
    assert verdict("Did Blair remain in office?", "BLAIR RESIGNS AS PRIME MINISTER") == "no"


def test_the_subject_a_lexicon_stance_must_name() -> None:
    assert names_subject("Did President Obama sign the bill?", ["Obama vetoed it on Tuesday."])
    assert names_subject("Did Prime Minister Gordon Brown resign?", ["Brown refused to quit."])
    assert names_subject("Did the U.S. accept the offer?", ["Washington rejected it."])
    assert names_subject("Was anybody hurt?", ["There were no injuries."])
    assert not names_subject("Did Mexico accept US troops?", ["The U.S. Senate passed the treaty."])


def test_the_united_kingdom_is_britain_as_a_doer() -> None:
    question = "Does Britain advise its citizens against travelling to Baghdad?"
    said = "The United Kingdom advises against all travel to Baghdad."
    assert not named_doer(question, said)
    # another kingdom is not Britain
    assert named_doer("Did Britain sign the arms deal?",
                      "The Kingdom of Saudi Arabia signed the arms deal on Tuesday.")
    assert named_doer("Did Hillary Clinton win Nebraska?", "Obama won in the Nebraska caucuses.")


def test_a_short_name_or_an_acronym_is_its_subject_as_a_doer() -> None:
    assert not named_doer("Had the US frozen Ghazi Kanaan's assets?",
                          "The United States froze Kanaan's assets in July.")
    assert not named_doer("Did the CWU ask Royal Mail for a 27% pay rise?",
                          "The Union has never asked for a 27% pay rise.")
    assert named_doer("Did the CWU ask for a pay rise?", "The Bank asked for a pay freeze.")


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # confirmed of another name, not of the one asked
        ("The CIA has confirmed that one of the voices on the tape is Zawahiri, but has not "
         "confirmed if the other voice is Gadahn.", "no"),
        # confirmed of the one asked, whatever else is not
        ("The CIA has not confirmed that one voice is Zawahiri, but has confirmed the other "
         "voice is Gadahn.", "yes"),
        ("The CIA has confirmed that the voice on the tape is Gadahn.", "yes"),
    ],
)
def test_a_predicate_negated_of_the_name_asked_says_no(said: str, expected: str) -> None:
    assert verdict("Has the CIA confirmed it's Gadahn's voice on the tape?", said) == expected


def test_a_negation_of_something_else_after_the_name_is_no_no() -> None:
    """Repeated of nobody else, the predicate stands, whatever the negated clause goes on to
    name."""
    said = ("Iran confirmed it would attend, but has not confirmed who will lead its delegation "
            "to Geneva.")
    assert verdict("Has Iran confirmed it will attend the talks in Geneva?", said) == "yes"
