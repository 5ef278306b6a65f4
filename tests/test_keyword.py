"""The keyword index (index/keyword.py): BM25 from the bm25.* files of a real build, equal to
SQLite FTS5's bm25() that it replaced; filters; incremental updates that forget deleted and
changed chunks; an interrupted build; an index from before it existed; stored stems."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from conftest import SEED, SEED_QUESTION, BuiltIndex, assert_quotes_verbatim

import index.build
from bot.answer import AnswerEngine
from index.keyword import FILES, FORMAT, KeywordIndex, build_keyword_index
from index.search import Filters, Index
from index.store import VERSION, IndexError_
from index.terms import (
    index_stem,
    index_tokens,
    joined_compounds,
    query_terms,
    stem_all,
    word_stems,
)

ROMANIAN = "071_5c4cb556d2a746c8.md"  # the three Romanian journalists seized in Baghdad
NEW_LAST_PARAGRAPH = (
    "Prima TV later opened a solidarity fund, the Flowerland Appeal, to support the families of "
    "the three journalists while they were held."
)


class Killed(BaseException):
    """Stands for the process dying: not an Exception, so nothing may swallow it."""


def current(index: BuiltIndex) -> Path:
    return (index.index_dir / "current").resolve()


def article_of(engine: AnswerEngine, chunk_id: int) -> str:
    (aid,) = engine.index.db.execute(
        "SELECT article_id FROM chunks WHERE id = ?", (chunk_id,)).fetchone()
    return aid


def postings(generation: Path) -> dict[str, dict[int, float]]:
    """term -> {chunk id: impact}: the index's content, whatever its column order."""
    kw = KeywordIndex(generation)
    out = {}
    for term, col in kw.column.items():
        a, b = kw.indptr[col], kw.indptr[col + 1]
        out[term] = dict(zip(kw.ids[kw.rows[a:b]].tolist(), kw.scores[a:b].tolist(),
                             strict=True))
    return out


def chunk_texts(db: sqlite3.Connection) -> dict[int, tuple[str, str]]:
    """chunk id -> (title, body), the two columns FTS5 indexed."""
    out = {}
    for cid, sents, title, text in db.execute(
            "SELECT c.id, c.sentences, a.title, a.text FROM chunks c "
            "JOIN articles a ON a.id = c.article_id"):
        spans = json.loads(sents)
        out[cid] = (title, text[spans[0][0]:spans[-1][1]])
    return out


# --- search ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "file"), [
    ("Jadriya", ROMANIAN),
    ("Betancourt", "131_dd2f3b5934779dc5.txt"),
    ("Sheinbaum", SEED.name),
    ("Waziristan", "plain_al_libbi.txt"),
])
def test_a_word_only_one_article_has_finds_only_that_article(
    engine: AnswerEngine, base_index: BuiltIndex, word: str, file: str
) -> None:
    hits = engine.index.keyword.search(f"What about {word}?", 40)
    assert hits
    assert {article_of(engine, cid) for cid, _ in hits} == {base_index.article_id(file)}
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)


QUESTIONS = [
    "Which senior al-Qaeda suspect did Pakistan capture after a gunfight?",
    "How big was the IMF loan approved to help Georgia?",
    "did Mexico accept troops?",
    "In which city were the three Romanian journalists seized?",
    "police officers sent to East Timor",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_scores_equal_sqlite_fts5_bm25(engine: AnswerEngine, question: str) -> None:
    """The same chunks, the same order and the same scores as FTS5's bm25(chunks_fts, 0.4,
    1.0) over the same (title, body) columns with the porter unicode61 tokenizer, each column
    with its hyphenated words once more joined up, as the index holds them."""
    fts = sqlite3.connect(":memory:")
    fts.execute("CREATE VIRTUAL TABLE f USING fts5(title, body, tokenize = 'porter unicode61')")

    def joined(text: str) -> str:
        return " ".join([text, *joined_compounds(text)])

    fts.executemany("INSERT INTO f(rowid, title, body) VALUES (?, ?, ?)",
                    [(cid, joined(t), joined(b))
                     for cid, (t, b) in chunk_texts(engine.index.db).items()])
    pieces = [p for t in query_terms(question) for p in index_tokens(t)]
    assert len(pieces) <= 8  # the index searches at most the 8 rarest
    match = " OR ".join(f'"{p}"' for p in pieces)
    want = fts.execute("SELECT rowid, -bm25(f, 0.4, 1.0) FROM f WHERE f MATCH ? "
                       "ORDER BY bm25(f, 0.4, 1.0), rowid LIMIT 20", (match,)).fetchall()
    got = engine.index.keyword.search(question, 20)
    assert len(want) >= 5
    assert [c for c, _ in got] == [c for c, _ in want]
    assert np.allclose([s for _, s in got], [s for _, s in want], rtol=1e-5)


@pytest.mark.parametrize("question", [*QUESTIONS, "the police", "Georgia"])
def test_search_equals_a_brute_force_ranking(engine: AnswerEngine, question: str) -> None:
    """Every chunk scored, sorted by score then id: the same list, with and without a
    filter (the search itself never looks at every chunk)."""
    kw = engine.index.keyword
    total = np.zeros(len(kw.ids), dtype=np.float32)
    for col in kw.columns(question):
        a, b = kw.indptr[col], kw.indptr[col + 1]
        np.add.at(total, kw.rows[a:b], kw.scores[a:b])
    for allowed in (None, kw.ids[::2], kw.ids[1::3]):
        hit = total > 0 if allowed is None else (total > 0) & np.isin(kw.ids, allowed)
        rows = np.flatnonzero(hit)
        rows = rows[np.lexsort((rows, -total[rows]))][:10]
        got = kw.search(question, 10, allowed)
        assert [c for c, _ in got] == kw.ids[rows].tolist()
        assert np.allclose([s for _, s in got], total[rows])


def test_doc_freq_counts_the_chunks_holding_a_stem(engine: AnswerEngine) -> None:
    stems = [{index_stem(t) for t in index_tokens(f"{title} {body}")}
             for title, body in chunk_texts(engine.index.db).values()]
    for word, stem in (("journalists", "journalist"), ("Georgia", "georgia"),
                       ("Mexico", "mexico"), ("new", "new")):  # "new": also "news", a stopword
        holding = sum(stem in s for s in stems)
        assert holding > 0
        assert engine.index.doc_freq([word]) == {stem_all([word])[0]: holding}
    assert engine.index.doc_freq(["zzzunknown"]) == {"zzzunknown": 0}


def test_doc_freq_looks_words_up_as_the_index_stored_them(engine: AnswerEngine) -> None:
    # "U.S." (in the seed) splits into one-letter pieces, which the index keeps unstemmed and
    # counts; Porter alone makes "s" the empty stem, which no index term is, and a 0 would
    # give the word the largest idf of all.
    assert stem_all(["s"]) == [""]
    assert engine.index.doc_freq(["s"])[""] > 0
    assert engine.index.doc_freq(["Wałęsa"])["wałesa"] > 0  # folded as the index folds it


def test_keyword_search_keeps_only_allowed_chunks(
    engine: AnswerEngine, base_index: BuiltIndex
) -> None:
    romanian = base_index.article_id(ROMANIAN)
    own = [r[0] for r in engine.index.db.execute(
        "SELECT id FROM chunks WHERE article_id = ?", (romanian,))]
    others = [r[0] for r in engine.index.db.execute(
        "SELECT id FROM chunks WHERE article_id != ?", (romanian,))]
    question = "Were the journalists held in Jadriya in Baghdad?"
    hits = engine.index.keyword.search(question, 40, np.array(own))
    assert hits and {c for c, _ in hits} <= set(own)
    assert engine.index.keyword.search("Jadriya", 40, np.array(others)) == []
    assert engine.index.keyword.search("Jadriya", 40, np.array([], dtype=np.int64)) == []
    unfiltered = dict(engine.index.keyword.search(question, 200))
    assert all(unfiltered[c] == pytest.approx(s) for c, s in hits)  # same scores, fewer chunks


def test_filtered_candidates_come_from_the_allowed_articles_only(
    engine: AnswerEngine, base_index: BuiltIndex
) -> None:
    qvec = engine.encoder.encode([SEED_QUESTION])[0]
    passages = engine.index.candidates(qvec, SEED_QUESTION, 40,
                                       filters=Filters(source="071_5c4cb556"))
    assert passages
    assert {p.article_id for p in passages} == {base_index.article_id(ROMANIAN)}


# --- stored stems ----------------------------------------------------------------------------


def test_stored_stems_are_each_sentences_stems(engine: AnswerEngine) -> None:
    ids = [r[0] for r in engine.index.db.execute("SELECT id FROM chunks")]
    for p in engine.index.passages(ids):
        assert p.title_stems == word_stems(p.title)
        assert p.sentence_stems == [word_stems(p.article_text[s:e]) for s, e in p.sentences]


# --- updates ---------------------------------------------------------------------------------


def test_update_forgets_deleted_and_changed_chunks(private_index: BuiltIndex) -> None:
    before = current(private_index)
    edited = private_index.corpus / ROMANIAN
    text = edited.read_text(encoding="utf-8").rstrip("\n")
    head, _, _ = text.rpartition("\n\n")
    edited.write_text(f"{head}\n\n{NEW_LAST_PARAGRAPH}\n", encoding="utf-8")
    (private_index.corpus / SEED.name).unlink()

    stats = private_index.build(full=False)

    assert (stats.changed, stats.removed) == (1, 1)
    after = current(private_index)
    index = Index(private_index.index_dir, private_index.cfg().embed.model)
    try:
        chunk_ids = {r[0] for r in index.db.execute("SELECT id FROM chunks")}
        assert set(index.keyword.ids.tolist()) == chunk_ids
        assert index.keyword.search("Sheinbaum", 40) == []
        assert index.doc_freq(["sheinbaum"]) == {"sheinbaum": 0}
        hits = index.keyword.search("Flowerland", 40)
        assert hits
        edited_id = private_index.article_id(ROMANIAN)
        assert {index.db.execute("SELECT article_id FROM chunks WHERE id = ?", (c,)).fetchone()[0]
                for c, _ in hits} == {edited_id}
    finally:
        index.close()

    # The update reused the counts of every chunk it kept and tokenized only the new ones; its
    # index is exactly the one a build from scratch makes from the same database.
    db = sqlite3.connect(f"file:{after / 'meta.sqlite'}?mode=ro", uri=True)
    try:
        ids = np.array([r[0] for r in db.execute("SELECT id FROM chunks ORDER BY id")])
        old_ids = set(np.load(before / "bm25.ids.npy").tolist())
        scratch = private_index.root / "scratch"
        again = private_index.root / "again"
        assert build_keyword_index(db, ids, again, prev=before) == len(set(ids.tolist()) - old_ids)
        assert build_keyword_index(db, ids, scratch) == len(ids)
    finally:
        db.close()
    fresh = postings(scratch)
    for generation in (after, again):
        got = postings(generation)
        assert got.keys() == fresh.keys()
        for term, chunks in fresh.items():
            assert got[term].keys() == chunks.keys(), term
            assert np.allclose(list(got[term].values()), list(chunks.values()), rtol=1e-6), term


def test_failed_keyword_build_leaves_the_previous_index_answering(
    private_index: BuiltIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = current(private_index)
    real = index.build.build_keyword_index

    def half_written(db, ids, out, prev=None):  # noqa: ANN001, ANN202
        real(db, ids, out, prev)
        (out / "bm25.scores.npy").write_bytes(b"")  # the process dies while writing
        raise Killed

    monkeypatch.setattr(index.build, "build_keyword_index", half_written)
    kigali = private_index.article_id("kigali.json")
    (private_index.corpus / "kigali.json").unlink()
    with pytest.raises(Killed):
        private_index.build(full=False)

    assert current(private_index) == before
    assert not any(p.name.endswith(".tmp") for p in (private_index.index_dir / "generations")
                   .iterdir())
    engine = private_index.open_engine()
    try:
        hits = engine.index.keyword.search("Kigali", 40)
        assert hits and article_of(engine, hits[0][0]) == kigali
        answer = engine.ask(SEED_QUESTION)
        assert_quotes_verbatim(engine, answer)
        assert not answer.abstained
    finally:
        engine.index.close()

    monkeypatch.undo()
    stats = private_index.build(full=False)  # and the next update succeeds
    assert stats.removed == 1 and current(private_index) != before


def _make_pre_keyword_generation(generation: Path) -> None:
    """Turns a generation into what newsbot wrote before the keyword index: schema 1 (FTS5
    tables, a chunk key column and a meta table, no stored stems), no bm25.* files, and no
    file sizes in its manifest."""
    for name in FILES:
        (generation / name).unlink()
    manifest = json.loads((generation / "manifest.json").read_text())
    manifest.pop("sizes")
    (generation / "manifest.json").write_text(json.dumps(manifest))
    db = sqlite3.connect(generation / "meta.sqlite")
    try:
        rows = list(chunk_texts(db).items())
        db.executescript("""
            ALTER TABLE chunks DROP COLUMN stems;
            ALTER TABLE chunks ADD COLUMN key TEXT;
            DROP INDEX articles_source;
            DROP TABLE skipped;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE VIRTUAL TABLE chunks_fts USING fts5(title, body, tokenize = 'porter unicode61');
            CREATE VIRTUAL TABLE chunks_vocab USING fts5vocab(chunks_fts, 'row');
            PRAGMA user_version = 1;
        """)
        db.executemany("INSERT INTO chunks_fts(rowid, title, body) VALUES (?, ?, ?)",
                       [(cid, t, b) for cid, (t, b) in rows])
        db.commit()
    finally:
        db.close()


def test_an_index_from_before_the_keyword_index_is_upgraded_by_an_update(
    private_index: BuiltIndex,
) -> None:
    want = postings(current(private_index))
    old = current(private_index)
    _make_pre_keyword_generation(old)
    model = private_index.cfg().embed.model
    with pytest.raises(IndexError_, match=re.escape("run `newsbot index update`")):
        Index(private_index.index_dir, model)

    stats = private_index.build(full=False)  # no file changed, yet not a no-op

    assert not stats.up_to_date and stats.embedded == 0
    new = current(private_index)
    assert new != old
    assert postings(new).keys() == want.keys()
    index = Index(private_index.index_dir, model)
    try:
        assert index.db.execute("PRAGMA user_version").fetchone()[0] == VERSION
        assert index.db.execute(
            "SELECT count(*) FROM sqlite_master WHERE name LIKE 'chunks_fts%' OR name = 'meta'"
        ).fetchone()[0] == 0
        columns = [r[1] for r in index.db.execute("PRAGMA table_info(chunks)")]
        assert "key" not in columns and "stems" in columns
        assert index.db.execute(
            "SELECT count(*) FROM chunks WHERE stems IS NULL").fetchone()[0] == 0
    finally:
        index.close()
    assert private_index.build(full=False).up_to_date
    engine = private_index.open_engine()
    try:
        answer = engine.ask(SEED_QUESTION)
        assert_quotes_verbatim(engine, answer)
        assert not answer.abstained
    finally:
        engine.index.close()


def test_an_index_from_before_joined_compounds_answers_until_an_update_rewrites_it(
    private_index: BuiltIndex,
) -> None:
    """Format 1 lacks the joined-up hyphenated words (index/terms.joined_compounds): read as
    it is, and written anew by the next update even when no article changed."""
    old = current(private_index)
    header = json.loads((old / "bm25.json").read_text())
    (old / "bm25.json").write_text(json.dumps({**header, "format": 1}))  # the same size
    db = sqlite3.connect(old / "meta.sqlite")
    db.execute("PRAGMA user_version = 4")
    db.commit()
    db.close()
    engine = private_index.open_engine()
    try:
        assert not engine.ask(SEED_QUESTION).abstained
    finally:
        engine.index.close()

    stats = private_index.build(full=False)

    assert not stats.up_to_date and stats.embedded == 0
    new = current(private_index)
    assert json.loads((new / "bm25.json").read_text())["format"] == FORMAT
    index = Index(private_index.index_dir, private_index.cfg().embed.model)
    try:
        assert index.db.execute("PRAGMA user_version").fetchone()[0] == VERSION
        assert index.db.execute(
            "SELECT count(*) FROM chunks WHERE stems IS NULL").fetchone()[0] == 0
    finally:
        index.close()
    assert private_index.build(full=False).up_to_date


def test_a_name_typed_without_its_diacritics_is_the_articles(engine: AnswerEngine) -> None:
    """A trial's "dusseldorf" abstained where "düsseldorf" answered: the keyword index folded
    the diacritics away, the stems the answer is chosen by did not."""
    assert stem_all(["Băsescu", "Düsseldorf"]) == stem_all(["basescu", "dusseldorf"])
    typed = engine.ask("What did Traian Basescu say about the kidnapping?")
    written = engine.ask("What did Traian Băsescu say about the kidnapping?")
    assert not typed.abstained and typed.answer == written.answer, typed.answer
