"""Term weights for passage and sentence scoring."""

from __future__ import annotations

import numpy as np

from bot.rank import coverage, idf_of, text_stems
from index.search import Passage, diversify
from index.terms import query_terms


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


def _passage(article_id: str, text: str, score: float) -> Passage:
    p = Passage(0, article_id, "Title", None, "test", None, f"{article_id}.txt", None, text,
                [(0, len(text))], np.zeros((1, 4), dtype=np.float32))
    p.score = score
    return p


def test_one_passage_per_article_and_none_from_a_copy_of_a_better_one() -> None:
    original = _passage("a", "The bridge opened on Thursday.", 0.9)
    again = _passage("a", "The bridge opened on Thursday.", 0.8)
    copy = _passage("a-copy", "The bridge opened on Thursday.", 0.85)
    other = _passage("b", "The ferry stops in April.", 0.5)
    assert diversify([original, copy, again, other], k=5, per_article=1) == [original, other]


def test_an_irregular_verbs_other_form_covers_the_question_word() -> None:
    idf = {"strike": 1.0, "begin": 1.0}
    assert coverage(["strike", "begin"], idf, text_stems("The strike began on March 2.")) == 1.0
    assert coverage(["won"], {"won": 1.0}, text_stems("The party will win.")) == 1.0
    assert coverage(["begin"], {"begin": 1.0}, text_stems("The talks ended.")) == 0.0
    # forms that are as often other words are left apart
    assert coverage(["born"], {"born": 1.0}, text_stems("Residents bore the brunt.")) == 0.0
    assert coverage(["led"], {"led": 1.0}, text_stems("They took the lead.")) == 0.0


def test_a_wh_phrase_names_the_kind_of_answer_not_what_it_is_about() -> None:
    assert query_terms("What share of the vote approved the agreement?") == [
        "vote", "approved", "agreement"]
    assert query_terms("What kind of aircraft was it?") == ["aircraft"]
