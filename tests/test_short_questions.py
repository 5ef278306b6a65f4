"""Short questions over a user's own small folder: a question of two or three words has a low
cosine to every passage, answered or not, so the words the sentence holds must carry it. Four
dated reports of one story (tests/data/port, written for these tests), the real model and a
real index."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

import pytest
from conftest import (
    ABSTAIN_TEXT,
    BuiltIndex,
    assert_quotes_verbatim,
    copy_articles,
    index_of,
)

from bot.answer import AnswerEngine

PORT = Path(__file__).parent / "data" / "port"  # written for these tests


@pytest.fixture(scope="module")
def port(
    tmp_path_factory: pytest.TempPathFactory, base_index: BuiltIndex
) -> Generator[AnswerEngine, None, None]:
    root = tmp_path_factory.mktemp("port")
    index = index_of(copy_articles(sorted(PORT.glob("*.txt")), root / "corpus"), root, base_index)
    engine = index.open_engine()
    yield engine
    engine.index.close()


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Who brokered the agreement?", "Ingrid Solberg"),
        ("Who will step down at the end of April?", "Victor Hale"),
        ("Who is Marta Okafor?", "led by Marta Okafor"),
        # an irregular verb's other form ("began"), a wh-phrase that is no search word ("share")
        ("When did the strike begin?", "began on March 2"),
        ("What share of the vote approved the agreement?", "71% of the vote"),
    ],
)
def test_a_short_question_is_answered_by_the_sentence_holding_its_words(
    port: AnswerEngine, question: str, answer: str
) -> None:
    got = port.ask(question)
    assert not got.abstained, f"{question} abstained at {got.confidence:.2f}"
    assert answer in got.answer
    assert_quotes_verbatim(port, got)


@pytest.mark.parametrize(
    "question", ["Who is the prime minister of Japan?", "How do I bake bread?"]
)
def test_a_short_question_the_reports_do_not_answer_still_abstains(
    port: AnswerEngine, question: str
) -> None:
    assert port.ask(question).answer == ABSTAIN_TEXT


def test_a_follow_up_about_him_leans_on_the_person_the_last_question_named(
    port: AnswerEngine,
) -> None:
    previous = "What did Victor Hale call the walkout?"
    got = port.ask("Who replaced him as chairman?", context=previous)
    assert "Grace Achebe" in got.answer and "irresponsible" not in got.answer, got.answer


def test_the_news_on_one_word_the_article_is_about_is_answered(engine: AnswerEngine) -> None:
    """ "What is the latest on the troops?" abstained on the bundled seed article (0.48): one
    word is no more than a keyword match, unless it is what the article's lead is about."""
    got = engine.ask("what is the latest on the troops?")
    assert not got.abstained, f"abstained at {got.confidence:.2f}"
    assert got.answer.startswith("U.S. President Donald Trump proposed sending American troops")
    assert_quotes_verbatim(engine, got)
    # a word no lead or title is about is still no answer
    for question in ("what is the latest on Bitcoin?", "what's new on sovereignty?"):
        assert engine.ask(question).abstained, question
