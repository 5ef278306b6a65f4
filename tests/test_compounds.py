"""Hyphenated words meet their joined-up spelling: "Did Tsvangirai withdraw from the runoff?"
was a "No." where "… from the run-off?" was a cited "Yes." (a trial's finding: the corpus
writes "run-off" 27 times and "runoff" twice, "re-elected" 17 times and "reelected" never).
The index holds each hyphenated word once more joined up; the real model and a real index."""

from __future__ import annotations

from conftest import assert_quotes_verbatim, engine_fixture

from bot.answer import AnswerEngine
from index.terms import index_tokens, joined_compounds, query_terms, word_stems

REPORTS = {
    "runoff.txt": (
        " date 2024-06-23 Valdorian opposition leader quits presidential run-off\n"
        "Opposition leader Tomas Ebbe has withdrawn from Friday's presidential run-off, citing "
        "attacks on his supporters.\n"
        "Election officials said his name would stay on the ballot papers, which were printed "
        "weeks ago.\n"
    ),
    "mayor.txt": (
        " date 2024-11-06 Harbour City keeps its mayor\n"
        "Mayor Ines Caldera was re-elected on Tuesday with 61% of the vote.\n"
        "Her challenger, councillor Piet Moreau, conceded before midnight.\n"
    ),
    "campaign.txt": (
        " date 2024-05-24 Lena Ostrova returns to Merovia\n"
        "Opposition leader Lena Ostrova returned to Merovia on Saturday after two months abroad.\n"
        'Ostrova told reporters that she feels "quite safe" and "not at all afraid".\n'
    ),
}


compound_engine = engine_fixture(REPORTS)


def test_hyphenated_words_are_also_indexed_joined_up() -> None:
    text = "The run-off, re-elected in 2008-09; Kenya - the e-mail from İstanbul-based staff"
    assert joined_compounds(text)[:3] == ["runoff", "reelected", "email"]
    tokens = index_tokens(text)  # folded as the index folds: "istanbulbased"
    assert {"run", "off", "runoff", "reelected", "istanbulbased", "2008", "09"} <= set(tokens)
    assert "200809" not in tokens and "kenyathe" not in tokens  # figures, a dash: no words
    assert {"run", "runoff", "reelect"} <= set(word_stems(text))
    # a question's hyphenated word is searched by its parts only: joined up, "post-election"
    # weighed as a rare word of its own
    assert query_terms("What happened after the post-election run-off?") == [
        "post", "election", "run"]


def test_a_joined_up_question_word_finds_the_hyphenated_article(
    compound_engine: AnswerEngine,
) -> None:
    assert compound_engine.index.doc_freq(["runoff"])["runoff"] > 0
    for question in ("Did Tomas Ebbe withdraw from the runoff?",
                     "Did Tomas Ebbe withdraw from the run-off?"):
        answer = compound_engine.ask(question)
        assert answer.verdict == "yes", (question, answer.answer)
        assert "presidential run-off" in answer.citations[0].quote
        assert_quotes_verbatim(compound_engine, answer)
    answer = compound_engine.ask("Was Ines Caldera reelected?")
    assert answer.verdict == "yes", answer.answer
    assert "re-elected" in answer.citations[0].quote


def test_a_negation_of_something_else_is_no_answer(compound_engine: AnswerEngine) -> None:
    # "Did Tsvangirai withdraw from the runoff?" was a "No." from "he feels 'quite safe' and
    # 'not at all afraid'" (a trial's finding): a quote holding none of the question's words
    # says no only through the lexicon ("declined") or as a "no …" to an "any" question
    answer = compound_engine.ask("Did Lena Ostrova withdraw from the election?")
    assert answer.verdict != "no", answer.answer
