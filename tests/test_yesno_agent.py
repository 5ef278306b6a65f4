"""Who a yes/no quote says did it: "what about Mugabe?" after "Did Tsvangirai withdraw from
the runoff?" was a "Yes." from "Tsvangirai had been the only candidate facing Mugabe in the
run-off election, before he announced … that he was withdrawing", and then from another
report's "a 'sweeping victory' in the unopposed presidential run-off" (a trial's finding).
The real model and a real index."""

from __future__ import annotations

import pytest
from conftest import assert_quotes_verbatim, engine_fixture

from bot.answer import AnswerEngine
from bot.subject import done_by_other, named_doer, question_verb

REPORTS = {
    "quits.txt": (
        " date 2024-06-23 Valdorian opposition leader quits presidential run-off\n"
        "Tomas Ebbe had been the only candidate facing President Aldo Ferrante in the "
        "presidential run-off, before he announced on Sunday that he was withdrawing because "
        "of attacks on his supporters.\n"
        "Election officials said his name would stay on the ballot papers.\n"
    ),
    "result.txt": (
        " date 2024-06-30 Ferrante claims victory in Valdoria\n"
        "President Aldo Ferrante has claimed a sweeping victory in the unopposed presidential "
        "run-off, with turnout said to be low.\n"
        "Observers from neighbouring states did not attend the count.\n"
    ),
}


runoff_engine = engine_fixture(REPORTS)


@pytest.mark.parametrize(
    ("question", "said", "other"),
    [
        # "he" is the person the sentence opens with, not the one it names as the object
        ("Did Mugabe withdraw from the runoff?",
         "Tsvangirai had been the only candidate facing Mugabe in the run-off election, "
         "before he announced on Sunday that he was withdrawing.", True),
        ("Did Tsvangirai withdraw from the runoff?",
         "Tsvangirai had been the only candidate facing Mugabe in the run-off election, "
         "before he announced on Sunday that he was withdrawing.", False),
        ("Did Mugabe withdraw from the runoff?",
         "Tsvangirai said Mugabe had withdrawn from the runoff.", False),
        # a sentence's first word is no name ("Earlier"); a hyphenated surname is its last part
        ("Was Abdul-Aziz al-Hakim's lung cancer diagnosed in Iran?",
         "Earlier this month, Hakim was flown to Texas where he was diagnosed with lung cancer.",
         False),
        ("Did the union withdraw?", "Tsvangirai said he was withdrawing.", False),
        # (a review's cases) the subject's own spokesman; no name opening the sentence; a
        # "they" that stands for a government, not the person named first
        ("Did Tsvangirai withdraw from the runoff?",
         "Tsvangirai's spokesman said he was withdrawing from the run-off.", False),
        ("Did Tsvangirai withdraw from the runoff?",
         "On Sunday, he announced that he was withdrawing from the run-off.", False),
        ("Did Uruguay withdraw from the river treaty?",
         "Nin said that they would withdraw from the river treaty.", False),
    ],
)
def test_whom_a_quote_says_did_it(question: str, said: str, other: bool) -> None:
    assert done_by_other(question, said, ["withdraw", "runoff", "diagnos"]) is other


def test_what_about_the_other_candidate_is_not_his_rivals_withdrawal(
    runoff_engine: AnswerEngine,
) -> None:
    first = runoff_engine.ask("Did Tomas Ebbe withdraw from the runoff?")
    assert first.verdict == "yes", first.answer
    assert_quotes_verbatim(runoff_engine, first)
    follow = runoff_engine.ask("what about Ferrante?", context=first.resolved)
    assert follow.verdict != "yes", follow.answer
    assert runoff_engine.ask("Did Aldo Ferrante withdraw from the runoff?").verdict != "yes"


def test_a_quotations_first_word_is_no_name() -> None:
    # (a review's case) "did the workers strike?" lost its verb to 'said: "Strikes are over."'
    from bot.judge import _names

    strikes = ['A union official said: "Strikes are over."']
    assert _names("did the workers strike?", strikes) == set()
    called = ["Crowds called for David Cameron's resignation."]
    assert _names("did cameron resign?", called) == {"david", "cameron"}
    assert _names("Did Cameron resign?", called) == set()


@pytest.mark.parametrize(
    ("question", "said", "other"),
    [
        # (a trial's) another name right before the question's verb is who did it
        ("Did Hillary Clinton win Nebraska?",
         "Obama won nearly 30% more over opponent Hillary Clinton in the Nebraska caucuses.",
         True),
        ("Did Hillary Clinton win Nebraska?", "Clinton won Nebraska easily.", False),
        ("Did Hillary Clinton win Nebraska?", "Nebraska was won by Clinton.", False),
        ("Did Hillary Clinton win Nebraska?", "Senator Clinton won the Nebraska vote.", False),
        ("Did the union win?", "Obama won the vote.", False),  # no one named: not this check
        # (a review's cases) a pronoun is no other doer; the subject among the doers
        ("Did Hillary Clinton win Nebraska?", "She won Nebraska easily, her aides said.", False),
        ("Did Hillary Clinton win Nebraska?", '"I won Nebraska," Clinton told supporters.',
         False),
        ("Did Hillary Clinton win Nebraska?", "Clinton and Obama won delegates.", False),
    ],
)
def test_a_name_before_the_verb_is_its_doer(question: str, said: str, other: bool) -> None:
    assert named_doer(question, said) is other


def test_the_verb_of_a_question_about_someone_named() -> None:
    assert question_verb("Did Hillary Clinton win Nebraska?") == "win"
    assert question_verb("Has Margaret Beckett already publicly broken with Blair?") == "broken"
    assert question_verb("Did Venezuela's economy grow?") is None  # the name owns the subject
    assert question_verb("Was Clinton the winner?") is None
    assert question_verb("Did Obama rally supporters in Ohio?") == "ralli"  # no adverb
