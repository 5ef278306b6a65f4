"""Noes written without a "not": an un-word of what was asked, a "too early to", a decision
still being weighed. Each was a "Yes." in a new user's trial."""

from bot.unsaid import unsaid_no
from bot.yesno import verdict


def test_an_un_word_of_the_predicate_says_no() -> None:
    question = "Have the gunmen who targeted Flor Acbo been identified?"
    said = "Acbo was the primary target of unidentified motorcycle-riding men who fired shots."
    assert verdict(question, said) == "no"
    # asked with the un-word itself, the un-word agrees
    assert not unsaid_no("Were the gunmen unidentified?", said)
    # un-words of other things say nothing: "understand", "unions", "uncovered"
    assert not unsaid_no("Did the unions stand firm?", "The unions understand the offer.")
    assert not unsaid_no("Did journalists cover the story?", "Journalists uncovered the story.")
    # nor one beside the plain word: some identified, one not
    some = "Police have identified two of the gunmen; a third, unidentified man escaped."
    assert not unsaid_no("Have the gunmen been identified?", some)
    assert verdict("Is it legal for police officers to strike?",
                   "It is illegal for police officers to stage walk outs.") == "no"


def test_too_early_to_do_it_says_no_but_too_early_to_say_is_a_hedge() -> None:
    question = "Does the United States think it's time to discuss a timetable for a pullout?"
    said = "The United States says it is too early to discuss a timetable for a pullout."
    assert verdict(question, said) == "no"
    assert not unsaid_no(
        "Did the minister suggest the arrest would help the hunt?",
        "It's premature to say whether this arrest will help in tracking them.",
    )
    # too early for something else
    assert not unsaid_no("Did the company report a profit?",
                         "It reported a profit, but analysts said it was too early to celebrate.")


def test_a_decision_still_weighed_is_not_made() -> None:
    question = "Has Yahoo accepted Microsoft's takeover offer?"
    said = "Yahoo said its executives are examining the offer, which may take some time."
    assert verdict(question, said) == "no"
    decided = "After examining the offer, Yahoo's board rejected it."
    assert not unsaid_no(question, decided)
    # a decision that is not asked ("significant"), a review that is over
    assert not unsaid_no("Did the quake cause significant damage?", "Engineers are assessing it.")
    assert not unsaid_no("Did the court reject the appeal?",
                         "The court, which reviewed the case in March, threw out the appeal.")
    # (a trial's) a decision left open: "not yet known"
    asked = "At the time of the announcement, had the two radio firms decided what the merged " \
        "company would be called?"
    open_facts = ("While many of the facts concerning the merger are not yet known: what the "
                  "new company will be called, and when customers will need new radios, one "
                  "thing is certain.")
    assert verdict(asked, open_facts) == "no"
