"""Chunks: whole sentences, within the model's budget, one sentence of overlap, never across
articles, and the title and date embedded with the body. Counted with the model's own
tokenizer, as the build does."""

from __future__ import annotations

import json
import sqlite3

import numpy as np
import pytest
from conftest import SEED, WIKINEWS, BuiltIndex

from bot.config import DEFAULT_MODEL
from index.article import Article
from index.chunk import (
    MAX_SENTENCE_CHARS,
    Chunk,
    chunk_article,
    header_for,
    max_tokens_of,
    token_counter,
)
from index.embed import text_key
from index.ingest import read_file
from index.keyword import LENGTHS, KeywordIndex
from index.model_path import resolve_model
from index.sentences import paragraph_spans, split_sentences
from index.terms import index_tokens

MODEL_DIR = resolve_model(DEFAULT_MODEL)
COUNT = token_counter(MODEL_DIR)
BUDGET = min(200, max_tokens_of(MODEL_DIR) - 2)  # what `index build` uses by default

LONG_MD = WIKINEWS / "071_5c4cb556d2a746c8.md"  # ~800 words: several chunks


def only(path) -> Article:  # noqa: ANN001 - a Path
    (article,) = read_file(path)
    return article


def article_sentences(a: Article) -> list[tuple[int, int]]:
    return [span for ps, pe in paragraph_spans(a.text) for span in split_sentences(a.text, ps, pe)]


def chunks_of(a: Article, budget: int = BUDGET) -> list[Chunk]:
    chunks = chunk_article(a, budget, COUNT)
    assert chunks
    return chunks


@pytest.fixture(scope="module")
def long_article() -> Article:
    return only(LONG_MD)


def test_model_budget_is_about_two_hundred_word_pieces() -> None:
    assert 180 <= BUDGET <= 254


def test_every_chunk_belongs_to_its_own_article_only() -> None:
    for a in (only(SEED), only(LONG_MD), only(WIKINEWS / "131_dd2f3b5934779dc5.txt")):
        for c in chunks_of(a):
            assert c.article_id == a.id
            assert 0 <= c.start < c.end <= len(a.text)


def test_indexed_chunks_never_cross_articles(base_index: BuiltIndex) -> None:
    """In the built index, every chunk's sentences lie inside its own article and its keyword
    text is exactly that slice of that article (plus the title): the keyword index counted
    the tokens of that and nothing else."""
    with base_index.db() as db:
        texts = {aid: (title, text) for aid, title, text in
                 db.execute("SELECT id, title, text FROM articles")}
        rows = db.execute("SELECT id, article_id, sentences FROM chunks").fetchall()
    generation = (base_index.index_dir / "current").resolve()
    keyword = KeywordIndex(generation)
    lengths = dict(zip(keyword.ids.tolist(), np.load(generation / LENGTHS).tolist(), strict=True))
    assert len(rows) == base_index.stats.chunks == len(lengths)
    per_article: dict[str, int] = {}
    for cid, aid, sentences in rows:
        title, text = texts[aid]
        spans = json.loads(sentences)
        assert all(0 <= s < e <= len(text) for s, e in spans)
        body = text[spans[0][0]:spans[-1][1]]
        assert lengths[cid] == len(index_tokens(title)) + len(index_tokens(body))
        per_article[aid] = per_article.get(aid, 0) + 1
    assert set(per_article) == set(texts)


def test_chunks_fit_the_word_piece_budget(long_article: Article) -> None:
    chunks = chunks_of(long_article)
    assert len(chunks) >= 4
    for c in chunks:
        assert COUNT([c.embed_text(long_article.text)])[0] <= BUDGET


def test_small_budget_is_respected_by_every_chunk(long_article: Article) -> None:
    budget = 60
    chunks = chunks_of(long_article, budget)
    assert len(chunks) > len(chunks_of(long_article))
    for c in chunks:
        size = COUNT([c.embed_text(long_article.text)])[0]
        assert size <= budget, (size, len(c.sentences))


def test_an_over_long_sentence_is_cut_into_pieces_that_fit() -> None:
    long_sentence = "The minister said " + ", ".join(
        f"the region number {i} needed more help" for i in range(60)) + "."
    text = f"Talks began on Monday. {long_sentence} The talks ended on Friday."
    a = Article("Talks", text, "2020-01-01", "talks.txt")
    chunks = chunks_of(a)
    assert all(COUNT([c.embed_text(text)])[0] <= BUDGET for c in chunks)
    pieces = sorted({span for c in chunks for span in c.sentences})[1:-1]
    assert len(pieces) >= 3
    assert " ".join(text[s:e] for s, e in pieces) == long_sentence  # in order, nothing lost
    assert all(text[e - 1] == "," for s, e in pieces[:-1])  # cut after a clause mark
    assert [c.body(text) for c in chunks][0].startswith("Talks began on Monday.")
    assert [c.body(text) for c in chunks][-1].endswith("The talks ended on Friday.")


def test_a_run_without_spaces_is_cut_by_length() -> None:
    token = "x" * 10_000  # one unknown word-piece to the tokenizer, however long
    text = f"Intro sentence.\n\n{token}\n\nThen  the end."
    chunks = chunks_of(Article("Run", text, None, "run.txt"))
    spans = sorted({span for c in chunks for span in c.sentences})
    assert max(e - s for s, e in spans) <= MAX_SENTENCE_CHARS
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)
    assert "".join(text[s:e] for s, e in spans if "x" in text[s:e]) == token


def test_a_page_without_full_stops_is_cut_between_words() -> None:
    words = " ".join(f"word{i}" for i in range(3000))
    a = Article("List", words, None, "list.txt")
    chunks = chunks_of(a)
    assert len(chunks) > 10
    assert all(COUNT([c.embed_text(words)])[0] <= BUDGET for c in chunks)
    spans = sorted({span for c in chunks for span in c.sentences})
    assert " ".join(words[s:e] for s, e in spans) == words


def test_consecutive_chunks_overlap_by_exactly_one_sentence(long_article: Article) -> None:
    for budget in (BUDGET, 60):
        chunks = chunks_of(long_article, budget)
        for prev, nxt in zip(chunks, chunks[1:], strict=False):
            if len(prev.sentences) > 1:
                assert nxt.sentences[0] == prev.sentences[-1]
                assert len(set(prev.sentences) & set(nxt.sentences)) == 1
            else:  # a one-sentence chunk cannot also be the next one's overlap
                assert nxt.sentences[0][0] >= prev.end


def test_chunks_cover_every_sentence_in_order(long_article: Article) -> None:
    chunks = chunks_of(long_article)
    covered = list(dict.fromkeys(span for c in chunks for span in c.sentences))
    assert covered == article_sentences(long_article)


def test_chunk_offsets_slice_the_article_text_exactly(long_article: Article) -> None:
    text = long_article.text
    sentences = set(article_sentences(long_article))
    for c in chunks_of(long_article):
        assert set(c.sentences) <= sentences
        for s, e in c.sentences:
            assert text[s:e] and text[s:e] == text[s:e].strip()
        assert c.body(text) == text[c.start:c.end]
        assert c.body(text).startswith(text[slice(*c.sentences[0])])
        assert c.body(text).endswith(text[slice(*c.sentences[-1])])


def test_title_and_date_are_part_of_the_embedded_text() -> None:
    a = only(SEED)
    for c in chunks_of(a):
        embedded = c.embed_text(a.text)
        assert embedded == (
            "Diplomatic Tensions: Trump's Offer to Combat Mexican Cartels (2025-05-05)\n"
            + c.body(a.text))


def test_undated_article_embeds_its_title_alone() -> None:
    a = Article("Pakistan captures al Qaeda suspect", "Abu Faraj al-Libbi was caught.", None,
                "plain.txt")
    (c,) = chunks_of(a)
    assert c.embed_text(a.text) == (
        "Pakistan captures al Qaeda suspect\nAbu Faraj al-Libbi was caught.")


def test_the_model_received_header_and_body(base_index: BuiltIndex) -> None:
    """The embedding cache holds exactly the header + body texts of the built chunks, so the
    title and date really went through the model (not just into a dataclass)."""
    articles = [a for path in sorted(base_index.corpus.iterdir()) for a in read_file(path)]
    expected = set()
    for a in articles:
        for c in chunk_article(a, BUDGET, COUNT):
            base = c.start - len(c.header)
            expected.add(text_key(c.embed_text(a.text),
                                  [(s - base, e - base) for s, e in c.sentences]))
    db = sqlite3.connect(base_index.index_dir / "embeddings.sqlite")
    try:
        cached = {k for (k,) in db.execute("SELECT key FROM vectors WHERE model = ?",
                                           (DEFAULT_MODEL,))}
    finally:
        db.close()
    assert len(expected) == base_index.stats.chunks
    assert expected <= cached
    assert header_for(articles[0]).endswith("\n")
