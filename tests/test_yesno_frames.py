"""Yes or no from a quote that only frames the predicate: demanded, threatened, planned,
attempted, left open by "whether", raised as a possibility or supposed in a condition. As far
as the quote says, it did not happen yet: "The articles don't say outright.". A frame only
covers what follows it ("cut rates in a bid to boost growth" did cut them)."""

from __future__ import annotations

import pytest

from bot.yesno import UNCLEAR, verdict


@pytest.mark.parametrize(
    ("question", "evidence", "expected"),
    [
        # a predicate only demanded, threatened or planned did not happen, as far as it says
        ("Did Romania withdraw its troops?",
         "Counter groups are calling for Romania to withdraw its troops.", UNCLEAR),
        ("Did Mexico accept the troops?", "Trump wants Mexico to accept US troops.", UNCLEAR),
        ("Did the rebels leave the town?", "The rebels threatened to leave the town.", UNCLEAR),
        # ... or attempted: a bid is not its outcome (a trial's "Did Georgia join NATO?")
        ("Did Georgia join NATO?", "Tbilisi's bid to join NATO is fiercely opposed.", UNCLEAR),
        ("Did the prisoner escape?", "The prisoner tried to escape on Monday.", UNCLEAR),
        ("Did Georgia try to join NATO?", "Georgia tried to join NATO.", "yes"),
        # ... or left open, past the commas of its sentence (a trial's "Did the MDC pull out of
        # the runoff?" was a "No." from "… or stay in the race")
        ("Did the MDC pull out of the runoff?",
         "The MDC will announce on Monday whether they will pull out of the election, due to "
         "the violence, or stay in the race.", UNCLEAR),
        ("Did Mexico accept the troops?", "It is unclear whether Mexico accepted the troops.",
         UNCLEAR),
        ("Did Ukraine withdraw its troops?",
         "It cannot be determined whether Ukraine has withdrawn its troops.", UNCLEAR),
        # ... or raised as a possibility (a trial's "did martin ferguson activate the liquid
        # fuel emergency act?" was a "Yes.")
        ("Did Ferguson activate the Liquid Fuel Emergency Act?",
         "Ferguson raised the prospect of activating the Liquid Fuel Emergency Act.", UNCLEAR),
        ("Did the board sack the chief executive?",
         "The board is considering sacking the chief executive.", UNCLEAR),
        # (a review's cases) a possibility named, a "whether" of an opening phrase, and one
        # after "Mr." are no such thing
        ("Did the union accept the offer?",
         "The possibility of a strike ended when the union accepted the offer.", "yes"),
        ("Did the Senate pass the bill?",
         "The bill was considered during a late session and passed by the Senate.", "yes"),
        ("Was Smith convicted?",
         "Asked whether he would appeal, Smith said the court had convicted him.", "yes"),
        ("Did Mr. Smith resign?", "It cannot be determined whether Mr. Smith resigned.",
         UNCLEAR),
        # ... and frames only what follows it: "in a bid to" after the predicate is its aim
        # (a review's cases)
        ("Did the bank cut rates?", "The bank cut rates in a bid to boost growth.", "yes"),
        ("Did the government raise taxes?",
         "The government raised taxes in an attempt to cut the deficit.", "yes"),
        ("Did Obama win the election?", "Obama won the election after a campaign for change.",
         "yes"),
        ("Did the prisoner escape?", "The prisoner was pushed to the ground and escaped.", "yes"),
        # ... or supposed: a condition says nothing of what happened
        ("Did Romania withdraw its troops?",
         "The kidnappers will kill them if Romania does not withdraw its troops.", UNCLEAR),
        ("Did Romania withdraw its troops?",
         "Protesters called for a withdrawal, and Romania withdrew its troops.", "yes"),
        ("Did Romania withdraw its troops?",
         "Counter groups are calling for a withdrawal of Romania's troops.", UNCLEAR),
        ("Did Romania threaten to withdraw its troops?",
         "Romania threatened to withdraw its troops.", "yes"),
        # the subject may stand before the frame; expectations are plans too
        ("Did Ukraine bar Russian warships from Sevastopol?",
         "Ukraine threatened to bar Russian warships from returning to Sevastopol.", UNCLEAR),
        ("Did Kufuor travel to Kenya?", "Kufuor is expected to travel to Kenya this week.",
         UNCLEAR),
        ("Did the movement restart protests?",
         "The movement had threatened to restart protests if an agreement was not made.",
         UNCLEAR),  # the "not" belongs to the condition
    ],
)
def test_a_framed_predicate_is_left_open(question: str, evidence: str, expected: str) -> None:
    assert verdict(question, evidence) == expected


def test_an_intent_asked_is_answered_by_an_intent_said() -> None:
    """"Was it meant to carry nine?" asks about the plan, which "would have carried" states;
    "Did it carry nine?" is not answered by "was meant to carry nine"."""
    said = "The infantry fighting vehicle variant would have carried nine infantry dismounts."
    assert verdict("Was the infantry fighting vehicle meant to carry nine dismounts?", said) == (
        "yes")
    meant = "The vehicle was meant to carry nine infantry dismounts."
    assert verdict("Did the vehicle carry nine infantry dismounts?", meant) == UNCLEAR
