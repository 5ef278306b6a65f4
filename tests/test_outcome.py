"""A question about how a story ended is answered only by a report of the ending: the report
of the story's start, with what was expected, is no answer ("the articles don't say")."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

import pytest
from conftest import BuiltIndex, assert_quotes_verbatim, index_of

from bot.outcome import outcome_stems, reports_outcome

PLEA = """ date 2009-03-12 Financier pleads guilty to fraud
Financier Harold Vance pleaded guilty on Thursday to eleven counts of securities fraud in a \
Manhattan federal court.
Vance is facing 150 years behind bars, with no chance of parole.
Judge Denise Chin will announce the sentence in June.
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
    assert outcome_stems(question) == stems


def test_the_outcome_is_found_in_any_form_of_the_word() -> None:
    assert reports_outcome(["sentenc"], ["He was sentenced to 150 years."])
    assert not reports_outcome(["sentenc"], ["Vance is facing 150 years behind bars."])
    said = ["Bush said he accepted the resignation reluctantly."]
    assert reports_outcome(outcome_stems("What did Bush finally say about it?") or [], said)


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
