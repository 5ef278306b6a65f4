"""Term weights for passage and sentence scoring."""

from __future__ import annotations

from bot.rank import coverage, idf_of


def test_a_one_article_index_still_weighs_the_words_it_has() -> None:
    # Three chunks of one article: "trump" is in all of them, "newspaper" in none. Raw idf
    # over three passages gave "trump" a sixteenth of the absent word's weight, so a sentence
    # holding three of the four words of the question covered a third of it.
    idf = idf_of({"newspap": 0, "report": 1, "trump": 3, "pressur": 1}, n_docs=3)
    share = coverage(["newspap", "report", "trump", "pressur"], idf, {"report", "trump", "pressur"})
    assert share > 0.65
    assert idf["newspap"] / idf["trump"] < 1.5


def test_a_large_index_keeps_its_own_document_frequencies() -> None:
    idf = idf_of({"common": 5000, "rare": 2}, n_docs=6000)
    assert idf["rare"] / idf["common"] > 20
