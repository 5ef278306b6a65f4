"""A yes/no question is not settled by a quote that only names its people: "Was Dmitry
Medvedev elected?" is not answered by a report of a meeting Medvedev held."""

from __future__ import annotations

from collections.abc import Generator

import pytest
from conftest import BuiltIndex, assert_quotes_verbatim, index_of

import bot.judge
from bot.answer import AnswerEngine

MEETING = """ date 2008-08-30 South Ossetia to be annexed, says official
Znaur Gassiyev, a speaker of the parliament of South Ossetia, said today in Tskhinvali that \
the region will be annexed by Russia within several years.
He said this was the position of Russian President Dmitry Medvedev and South Ossetian leader \
Eduard Kokoity, who met earlier this week to discuss the future of South Ossetia.
"""


@pytest.fixture(scope="module")
def meeting(
    tmp_path_factory: pytest.TempPathFactory, base_index: BuiltIndex
) -> Generator[AnswerEngine, None, None]:
    root = tmp_path_factory.mktemp("meeting")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "ossetia.txt").write_text(MEETING, encoding="utf-8")
    engine = index_of(corpus, root, base_index).open_engine()
    yield engine
    engine.index.close()


def test_a_quote_naming_only_the_person_does_not_settle_it(
    meeting: AnswerEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = "Was Dmitry Medvedev elected?"
    answer = meeting.ask(question)
    assert answer.verdict is None, answer.answer
    assert answer.abstained or answer.answer.startswith("The articles don't say outright.")
    assert_quotes_verbatim(meeting, answer)
    # Without the check, the same quotes made a "Yes.":
    monkeypatch.setattr(bot.judge, "_holds_a_word_asked", lambda question, said: True)
    assert meeting.ask(question).verdict == "yes"


def test_a_quote_with_the_words_asked_still_settles_it(meeting: AnswerEngine) -> None:
    answer = meeting.ask("Will South Ossetia be annexed by Russia?")
    assert answer.verdict == "yes", answer.answer
