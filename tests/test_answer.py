"""The answer engine on a real index: the README's seed question, an honest abstention, and the
ALSO READ headlines that must never reach the index or an answer."""

from __future__ import annotations

import re

import pytest
from conftest import (
    ABSTAIN_TEXT,
    NZ_ALSO_READ,
    OFF_TOPIC,
    SEED,
    SEED_ALSO_READ,
    SEED_QUESTION,
    BuiltIndex,
    assert_quotes_verbatim,
)

from bot.answer import Answer, AnswerEngine
from index.ingest import read_file

SEED_TITLE = "Diplomatic Tensions: Trump's Offer to Combat Mexican Cartels"
HEADLINES = SEED_ALSO_READ + NZ_ALSO_READ


@pytest.fixture(scope="module")
def seed_answer(engine: AnswerEngine) -> Answer:
    answer = engine.ask(SEED_QUESTION)
    assert_quotes_verbatim(engine, answer)
    return answer


def seed_id(base_index: BuiltIndex) -> str:
    return base_index.article_id(SEED.name)


def test_seed_question_says_mexico_declined(seed_answer: Answer) -> None:
    assert not seed_answer.abstained
    assert re.search(r"declined|rejected", seed_answer.answer, re.I), seed_answer.answer


def test_seed_question_answer_starts_with_no(seed_answer: Answer) -> None:
    assert seed_answer.answer.startswith("No"), seed_answer.answer


def test_the_quote_that_says_no_comes_first(seed_answer: Answer) -> None:
    # [1] is what a reader takes for the reason of the "No.", whatever the order written
    first = seed_answer.citations[0].quote
    assert re.search(r"declined|rejected|never be accepted", first), seed_answer.answer


def test_seed_question_cites_the_seed_article_with_its_date(
    seed_answer: Answer, base_index: BuiltIndex
) -> None:
    assert seed_answer.citations
    first = seed_answer.citations[0]
    assert first.n == 1 and "[1]" in seed_answer.answer
    assert first.article_id == seed_id(base_index)
    assert first.title == SEED_TITLE
    assert first.date == "2025-05-05"
    assert first.source == str(base_index.corpus / SEED.name)


def test_seed_question_quotes_the_refusal_verbatim(seed_answer: Answer) -> None:
    (seed,) = read_file(SEED)
    refusals = [c.quote for c in seed_answer.citations
                if re.search(r"declined|rejected", c.quote, re.I)]
    assert refusals, [c.quote for c in seed_answer.citations]
    assert all(q in seed.text for q in refusals)


def test_seed_question_citations_are_numbered_in_order(seed_answer: Answer) -> None:
    numbers = [c.n for c in seed_answer.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    positions = [seed_answer.answer.index(f"[{n}]") for n in numbers]
    assert positions == sorted(positions)


def test_seed_question_passages_come_first_from_the_seed(
    seed_answer: Answer, base_index: BuiltIndex
) -> None:
    assert seed_answer.passages[0]["article_id"] == seed_id(base_index)
    assert [p["rank"] for p in seed_answer.passages] == list(
        range(1, len(seed_answer.passages) + 1))


def test_off_topic_question_abstains_with_no_citations(engine: AnswerEngine) -> None:
    answer = engine.ask(OFF_TOPIC)
    assert_quotes_verbatim(engine, answer)
    assert answer.abstained is True
    assert answer.answer == ABSTAIN_TEXT
    assert answer.citations == []
    assert "[1]" not in answer.answer


def test_abstention_in_json_form_has_no_citations(engine: AnswerEngine) -> None:
    data = engine.ask(OFF_TOPIC).to_dict()
    assert_quotes_verbatim(engine, data)
    assert (data["answer"], data["abstained"], data["citations"]) == (ABSTAIN_TEXT, True, [])


def test_also_read_headlines_are_not_in_article_texts(base_index: BuiltIndex) -> None:
    with base_index.db() as db:
        for headline in (*HEADLINES, "ALSO READ"):
            rows = db.execute("SELECT path FROM articles WHERE instr(text, ?) OR instr(title, ?)",
                              (headline, headline)).fetchall()
            assert rows == [], (headline, rows)


def test_also_read_headlines_are_not_in_the_keyword_index(engine: AnswerEngine) -> None:
    for word in ("Pegasus", "Ukrainian", "IAEA"):  # words only the headlines contain
        assert engine.index.keyword.search(word, 10) == [], word
        assert list(engine.index.doc_freq([word]).values()) == [0]


def test_also_read_block_ends_the_indexed_seed_text(base_index: BuiltIndex) -> None:
    with base_index.db() as db:
        (text,) = db.execute("SELECT text FROM articles WHERE id = ?",
                             (seed_id(base_index),)).fetchone()
    assert text.endswith("(With inputs from agencies.)")


@pytest.mark.parametrize("question", [
    "What did the Supreme Court say about the Pegasus row?",
    "Ukrainian Resolve: A Stand on Sovereignty",
    "India Stands Firm: No Compromise on Sovereignty",
    "Is Iran continuing enrichment in defiance of the UN according to the IAEA report?",
    SEED_QUESTION,
])
def test_no_answer_or_passage_shows_an_also_read_headline(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask(question, k=10)
    assert_quotes_verbatim(engine, answer)
    shown = [answer.answer, *(c.quote for c in answer.citations),
             *(c.title for c in answer.citations), *(p["text"] for p in answer.passages),
             *(p["title"] for p in answer.passages)]
    for text in shown:
        for headline in (*HEADLINES, "ALSO READ"):
            assert headline not in text, (question, headline)


def test_yes_question_about_the_offer_answers_yes(engine: AnswerEngine) -> None:
    answer = engine.ask("Did Trump offer to send troops to Mexico?")
    assert_quotes_verbatim(engine, answer)
    assert answer.answer.startswith("Yes"), answer.answer


def test_a_plan_the_seed_reports_is_not_a_yes_that_it_happened(engine: AnswerEngine) -> None:
    """The seed says Trump *proposed* sending troops: that they were sent, it doesn't say."""
    answer = engine.ask("Did the US send troops to Mexico?")
    assert_quotes_verbatim(engine, answer)
    assert answer.answer.startswith("The articles don't say outright."), answer.answer
    assert answer.verdict is None and answer.citations


def test_a_question_about_the_wish_is_answered_by_the_wish(engine: AnswerEngine) -> None:
    answer = engine.ask("Did Trump want Mexico to accept US troops?")
    assert_quotes_verbatim(engine, answer)
    assert answer.answer.startswith("Yes"), answer.answer


@pytest.mark.parametrize("question", ["Did Sheinbaum accept the troops?",
                                      "Has Mexico turned down the troop offer?"])
def test_a_refusal_answers_a_question_in_other_words(engine: AnswerEngine, question: str) -> None:
    """"Sheinbaum declined" covers the "accept" it never repeats: these abstained."""
    answer = engine.ask(question)
    assert_quotes_verbatim(engine, answer)
    assert not answer.abstained and answer.citations[0].date == "2025-05-05", answer.answer
    assert answer.answer.startswith("No" if "accept" in question else "Yes"), answer.answer


def test_whether_mexico_wants_the_troops_is_answered_by_its_refusal(engine: AnswerEngine) -> None:
    answer = engine.ask("Does Mexico want US troops?")
    assert_quotes_verbatim(engine, answer)
    assert answer.answer.startswith("No"), answer.answer


@pytest.mark.parametrize("spelling", ["did Mexico accept troops??", "Did Mexico accept troops?!",
                                      "  did  Mexico accept troops?  "])
def test_repeated_marks_and_spaces_do_not_change_the_answer(
    engine: AnswerEngine, seed_answer: Answer, spelling: str
) -> None:
    answer = engine.ask(spelling)
    assert answer.answer == seed_answer.answer
    assert answer.confidence == seed_answer.confidence
