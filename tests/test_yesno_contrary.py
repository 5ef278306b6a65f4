"""Yes or no when the quote says the contrary in other words: a contrary modifier of the
question's own noun ("a low turnout" for "a big turnout?"), a verdict or target the other way
("acquitted", "fell short", "rescind"), a denial aimed at the question's object while the
asked verb is said of something else, a plan postponed, and neither one nor the other. A
"not" of a contrary word agrees ("not at all afraid" for "safe")."""

from __future__ import annotations

import pytest

from bot.contrary import contrary_modifier
from bot.yesno import verdict


@pytest.mark.parametrize(
    ("question", "evidence", "expected"),
    [
        # a contrary modifier of the noun asked about
        ("Was there a big turnout of protesters at the refineries?",
         "Action started at 6am this morning, with a low turnout of protesters at refineries.",
         "no"),
        ("Does the Agni-III use the same boosters as the earlier Agni missiles?",
         "Boosters for the earlier two missiles had been provided by ISRO, however, the "
         "Agni-III uses an entirely new booster vehicle.", "no"),
        ("Was there a big turnout?", "Turnout was big, though a low turnout had been feared.",
         "yes"),
        ("Was there a big turnout?", "There was a big turnout in the capital.", "yes"),
        # verdicts, targets and deals the other way
        ("Were any of the Granny Peace Brigade members convicted?",
         "18 members of the Granny Peace Brigade were acquitted on charges of disorderly "
         "conduct.", "no"),
        ("Was the driver convicted?", "The driver was convicted of manslaughter.", "yes"),
        ("Did Thompson reach his $5 million fundraising goal?",
         "Recently Thompson raised just over $3 million dollars, but that fell short of the "
         "$5 million committee aim.", "no"),
        ("Did Web.com complete its acquisition of WebSource Media?",
         "The company filed to rescind its acquisition of WebSource media.", "no"),
        ("Did Web.com complete its acquisition of WebSource Media?",
         "Web.com completed its acquisition of WebSource Media in May.", "yes"),
        # the contrary verb aimed at the question's object decides over the asked verb said of
        # something else; the asked verb on the object itself still agrees
        ("Did Chen Shui-bian admit any wrongdoing?",
         "Chen has publicly admitted that his wife wired tens of millions of dollars "
         "overseas, but denies any wrongdoing.", "no"),
        ("Did Chen admit the payments?", "Chen admitted the payments but denies any wrongdoing.",
         "yes"),
        # neither confirmed nor denied is not confirmed
        ("Has Israel confirmed the Syrian reports about its planes?",
         "Israel has neither confirmed or denied the reports.", "no"),
        # a plan put off
        ("Did Tsvangirai return to Zimbabwe on May 17 as planned?",
         "Tsvangirai had originally planned to return on May 17, but this was postponed.", "no"),
        # a "not" of the contrary word agrees
        ("Did Tsvangirai say he felt safe coming back to Zimbabwe?",
         'Mr. Tsvangirai has told reporters that he feels "quite safe" and "not at all '
         'afraid".', "yes"),
        ("Did Tsvangirai say he felt safe?", "Tsvangirai said he did not feel safe.", "no"),
    ],
)
def test_contrary_words_answer(question: str, evidence: str, expected: str) -> None:
    assert verdict(question, evidence) == expected


def test_a_contrary_modifier_must_be_of_the_same_noun() -> None:
    assert not contrary_modifier("Was there a big turnout?", "A small crowd saw low prices.")
    assert contrary_modifier("Was it a peaceful protest?", "It was a violent protest.")
