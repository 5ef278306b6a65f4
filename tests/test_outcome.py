"""A question about how a story ended is answered only by a report of the ending: the report
of the story's start, with what was expected, is no answer ("the articles don't say")."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

import pytest
from conftest import BuiltIndex, assert_quotes_verbatim, index_of

from bot.outcome import asked_outcome

PLEA = """ date 2009-03-12 Financier pleads guilty to fraud
Financier Harold Vance pleaded guilty on Thursday to eleven counts of securities fraud in a \
Manhattan federal court.
Vance is facing 150 years behind bars, with no chance of parole.
Judge Denise Chin will announce the sentence in June.
"""
INQUIRY = """ date 2005-11-30 Iraq to investigate use of white phosphorus
The Iraqi government will investigate the American use of white phosphorus munitions during \
the battle of Fallujah.
The inquiry will try to determine whether US forces committed war crimes.
"""
ELECTION = """ date 2007-08-18 Nauru to hold parliamentary elections
The tiny island nation of Nauru is to hold parliamentary elections next week, on August 25.
As of August 17, 83 candidates including President Ludwig Scotty have expressed their \
intention to run.
"""
SENTENCE = """ date 2009-06-29 Financier sentenced
Harold Vance was sentenced to 150 years in prison on Monday for running a fraud that cost \
investors billions of dollars.
"""


@pytest.fixture(scope="module")
def story(
    tmp_path_factory: pytest.TempPathFactory, base_index: BuiltIndex
) -> Generator[tuple[Path, BuiltIndex], None, None]:
    root = tmp_path_factory.mktemp("outcome")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "plea.txt").write_text(PLEA, encoding="utf-8")
    (corpus / "inquiry.txt").write_text(INQUIRY, encoding="utf-8")
    (corpus / "election.txt").write_text(ELECTION, encoding="utf-8")
    yield corpus, index_of(corpus, root, base_index)


@pytest.mark.parametrize(
    ("question", "stems"),
    [
        ("How many years in prison was Vance eventually sentenced to?", ["sentenc"]),
        ("What prison sentence did Vance eventually receive?", ["sentenc"]),  # the noun
        ("Did the commission end up dismissing the complaint?", ["dismiss"]),
        ("How many years in prison is Vance facing?", None),
    ],
)
def test_an_outcome_question_names_the_verb_its_answer_must_report(
    question: str, stems: list[str] | None
) -> None:
    outcome = asked_outcome(question)
    assert (outcome.stems if outcome else None) == stems


def test_the_outcome_is_found_in_any_form_of_the_word() -> None:
    sentence = asked_outcome("How many years was he eventually sentenced to?")
    assert sentence and sentence.reported_by(["He was sentenced to 150 years."])
    assert not sentence.reported_by(["Vance is facing 150 years behind bars."])
    said = asked_outcome("What did Bush finally say about it?")
    assert said and said.reported_by(["Bush said he accepted the resignation reluctantly."])


@pytest.mark.parametrize(
    ("question", "done", "to_come"),
    [
        (
            "Did the commission end up dismissing the complaint?",
            "The commission dismissed the complaint on Friday.",
            "Commissioners will decide whether to dismiss the complaint.",
        ),
        (
            "What did the inquiry conclude about the shooting?",
            "The inquiry found that the soldiers had followed their rules of engagement.",
            "The inquiry will try to determine whether the soldiers broke the rules.",
        ),
        (
            "Who was chosen as Nauru's president after the election?",
            "Parliament elected Marcus Stephen president on Wednesday.",
            "Nauru is to hold parliamentary elections next week; 83 candidates will run.",
        ),
        (
            "Who was named as the bomber?",
            "Police identified the bomber as Alaa Zaakik, 25.",
            "Police are expected to name the bomber on Monday.",
        ),
    ],
)
def test_an_outcome_is_reported_as_done_not_as_to_come(
    question: str, done: str, to_come: str
) -> None:
    """A conclusion, a choosing and an "end up" are answered by their report, not by the
    announcement of the inquiry, the election's eve or the decision still ahead."""
    outcome = asked_outcome(question)
    assert outcome is not None
    assert outcome.reported_by([done])
    assert not outcome.reported_by([to_come])


def test_only_an_inquiry_s_conclusion_or_a_post_s_choosing_is_asked_as_an_outcome() -> None:
    """A jury's decision is told by its verdict ("convicted him"), a lawsuit's names by any
    report: neither needs the outcome's own words."""
    assert asked_outcome("What did the jury decide?") is None
    assert asked_outcome("Who was named in the lawsuit?") is None
    chosen = asked_outcome("Who was elected as mayor?")
    assert chosen and chosen.reported_by(["Smith defeated Jones to become mayor."])
    # "in May" is a month, not a modal that puts the deciding ahead
    ended = asked_outcome("Did the court end up deciding to free him?")
    assert ended and ended.reported_by(["The court in May decided to free him."])


@pytest.mark.parametrize(
    ("question", "outcome"),
    [
        ("What did the inquiry conclude?", False),
        ("Who was chosen as Nauru's president after the 2007 parliamentary election?", False),
        ("How many candidates are running in Nauru's parliamentary election?", True),
        ("What will the Iraqi inquiry try to determine?", True),
    ],
)
def test_an_inquiry_opened_or_an_election_ahead_is_no_outcome(
    story: tuple[Path, BuiltIndex], question: str, outcome: bool
) -> None:
    """Asked what an inquiry concluded, or who won an election, over reports of its opening
    or its eve, the engine says the articles don't say; asked what they do say, it answers."""
    engine = story[1].open_engine()
    try:
        answer = engine.ask(question)
        assert answer.abstained != outcome, answer.answer
    finally:
        engine.index.close()


def test_the_start_of_a_story_does_not_answer_how_it_ended(story: tuple[Path, BuiltIndex]) -> None:
    """"Vance is facing 150 years" was quoted as the sentence he eventually received."""
    corpus, index = story
    engine = index.open_engine()
    try:
        asked = engine.ask("How many years in prison was Harold Vance eventually sentenced to?")
        assert asked.abstained, asked.answer
        facing = engine.ask("How many years in prison is Harold Vance facing?")
        assert not facing.abstained and "150 years" in facing.answer
    finally:
        engine.index.close()
    (corpus / "sentence.txt").write_text(SENTENCE, encoding="utf-8")
    index.build(full=False)  # the report of the ending arrives
    engine = index.open_engine()
    try:
        answer = engine.ask("How many years in prison was Harold Vance eventually sentenced to?")
        assert not answer.abstained, answer.answer
        assert_quotes_verbatim(engine, answer)
        assert "sentenced to 150 years" in answer.answer
        assert {c.date for c in answer.citations} == {"2009-06-29"}
    finally:
        engine.index.close()
