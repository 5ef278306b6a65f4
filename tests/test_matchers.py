"""A count of what was done to people ("How many were arrested?") is answered by a count said
with a word of that deed, not by any number of the story ("Several hundred thousand protesters
marched"). Real Wikinews reports, the real model and a real index."""

from __future__ import annotations

import pytest
from conftest import WIKINEWS, assert_quotes_verbatim, files_fixture

from bot.answer import AnswerEngine
from bot.matchers import type_matcher
from bot.question import analyse

reports = files_fixture([
    WIKINEWS.parent / "extra" / "043_6fe14f153abdaed4.txt",  # the Ankara march: no arrests
    WIKINEWS / "069_cec2ac3e255b917e.html",  # Romanian hostages: "860 troops"
])


@pytest.mark.parametrize(
    ("question", "said", "holds"),
    [
        ("How many people were arrested at the march?",
         "Several hundred thousand protesters marched on Saturday.", False),
        ("How many people were arrested at the march?",
         "Police said 66 people have been detained.", True),
        ("How many people were killed in the massacre?",
         "The FNL admitted the massacre of 152 Congolese Tutsis.", True),
        ("How many were wounded in the blast?", "Four civilians are reported wounded.", True),
        ("How many were wounded in the blast?", "The blast struck 12 cars.", False),
        # hostages held, people shot, people who perished
        ("How many hostages were held?", "The gunmen took 30 hostages.", True),
        ("How many people were shot?", "The gunman opened fire, wounding 12 passengers.", True),
        ("How many people were killed?", "Twelve people perished in the fire.", True),
        # the deed in the active voice: "did police arrest"
        ("How many people did police arrest in the clashes?",
         "Two rallies ended in fights between anarchists and police.", False),
        ("How many people did police arrest in the clashes?",
         "Police arrested 14 people after the clashes.", True),
        # no deed asked: any count of the story will do
        ("How many soldiers does Romania have in Iraq?", "Romania has 860 troops there.", True),
    ],
)
def test_a_count_of_a_deed_comes_with_its_word(question: str, said: str, holds: bool) -> None:
    assert type_matcher(analyse(question))(said, said) is holds


def test_a_march_with_no_arrests_reported_says_so(reports: AnswerEngine) -> None:
    answer = reports.ask("How many people were arrested at the big pro-secular march in Ankara?")
    assert answer.abstained, answer.answer
    marched = reports.ask("How many people marched in Ankara to defend the secular Republic?")
    assert not marched.abstained, marched.answer
    assert_quotes_verbatim(reports, marched)
    assert "hundred thousand" in marched.answer
