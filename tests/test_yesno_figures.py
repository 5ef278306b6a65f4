"""Yes/no questions about a figure read against the figure the quote gives: a majority, a
bound ("more than five years?"), a comparison said the other way."""

from __future__ import annotations

import pytest

from bot.yesno import verdict


@pytest.mark.parametrize(
    ("question", "said", "expected"),
    [
        # a majority, from the one share given
        ("Does the Independence Party have a majority of seats in the Althing?",
         "The Independence Party currently has 25 of the 63 seats in the Althing.", "no"),
        ("Did the ANC win a majority?", "The ANC won 264 of the 400 seats.", "yes"),
        ("Did the ANC win a majority?", "The ANC won 45.7% of the vote.", "no"),
        # two shares: which is whose is not read, the rest of the rules decide
        ("Did the ANC win a majority?",
         "The ANC won 264 of the 400 seats and the DA 67 of the 400.", "yes"),
        # a bound, against the one figure of its unit or order
        ("Was Jack Abramoff sentenced to more than five years in prison?",
         "Jack Abramoff was sentenced to four years in federal prison.", "no"),
        ("Could Gary Klein face more than 10 years in prison?",
         "Klein, 45, faces up to 10 years in state prison if convicted.", "no"),
        ("Is Greece's budget deficit under 10% of its economic output?",
         "Greece faces a budget deficit equal to 12.9% of its economic output.", "no"),
        # the level, not the change beside it
        ("Did the FTSE 100 finish above 5,000 points?",
         "The FTSE 100 closed at 5,210.17, up 21 points.", "yes"),
        ("Did over 100 people die?", "The blast killed more than 200 people.", "yes"),
        # a comparison said the other way
        ("Did Kadima do better than the opinion polls had predicted?",
         "His party did worse than expected from opinion polls.", "no"),
        # (not a first quarter: "the worst decline in four decades" is no earlier first)
        ("Did Germany's economy shrink more in the first quarter than economists had forecast?",
         "Germany's economy contracted by 3.8% in the first quarter, the worst decline in four "
         "decades.", "yes"),
    ],
)
def test_a_figure_asked_is_read_against_the_figure_given(
    question: str, said: str, expected: str
) -> None:
    assert verdict(question, said) == expected
