"""`newsbot index update`: nothing to do costs nothing; an edit re-embeds only what changed;
deleted files leave the answers; new files join them. Embedding counts come from the stats
`run_build` returns (the texts actually sent to the model)."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import (
    REPO,
    SEED,
    SEED_QUESTION,
    WIKINEWS,
    BuiltIndex,
    assert_quotes_verbatim,
    newsbot_env,
)

from index.build import BuildStats, run_build
from index.embed import EmbeddingCache
from index.search import Index
from index.store import IndexError_

EDITED = "071_5c4cb556d2a746c8.md"  # long: eight chunks
NEW_LAST_PARAGRAPH = (
    "Prima TV later opened a solidarity fund, the Flowerland Appeal, to support the families of "
    "the three journalists while they were held."
)


def chunk_rows(index: BuiltIndex) -> dict[tuple[str, int], tuple[str, bytes]]:
    with index.db() as db:
        return {(aid, n): (sents, vec) for aid, n, sents, vec in
                db.execute("SELECT article_id, ordinal, sentences, vector FROM chunks")}


def replace_last_paragraph(path: Path, new: str) -> None:
    text = path.read_text(encoding="utf-8").rstrip("\n")
    head, _, _last = text.rpartition("\n\n")
    path.write_text(f"{head}\n\n{new}\n", encoding="utf-8")


def test_noop_update_embeds_nothing(private_index: BuiltIndex) -> None:
    before = (private_index.index_dir / "current").resolve()
    stats = private_index.build(full=False)
    assert stats.up_to_date
    assert stats.embedded == 0
    assert (stats.added, stats.changed, stats.removed) == (0, 0, 0)
    assert stats.generation is None  # nothing was written
    assert (private_index.index_dir / "current").resolve() == before
    assert stats.articles == 11 and stats.chunks == private_index.stats.chunks


def test_noop_update_does_not_load_the_model(private_index: BuiltIndex) -> None:
    """Run as a fresh process: the pytest process has long imported sentence-transformers."""
    script = (
        "import json, sys\n"
        "from bot.cli import main\n"
        f"code = main(['index', 'update', '--quiet', '--config', {str(private_index.config)!r}])\n"
        "print(json.dumps({'code': code, 'sentence_transformers': 'sentence_transformers' in "
        "sys.modules, 'torch': 'torch' in sys.modules}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                          text=True, timeout=120, env=newsbot_env())
    assert done.returncode == 0, done.stderr
    summary, result = done.stdout.strip().splitlines()
    assert summary.startswith("index is up to date: 11 articles")
    assert json.loads(result) == {"code": 0, "sentence_transformers": False, "torch": False}


def test_changed_article_reembeds_only_its_changed_chunks(private_index: BuiltIndex) -> None:
    edited_id = private_index.article_id(EDITED)
    before = chunk_rows(private_index)
    n_chunks = sum(1 for aid, _ in before if aid == edited_id)
    assert n_chunks >= 4

    replace_last_paragraph(private_index.corpus / EDITED, NEW_LAST_PARAGRAPH)
    stats = private_index.build(full=False)

    assert (stats.added, stats.changed, stats.removed) == (0, 1, 0)
    assert 1 <= stats.embedded < n_chunks, stats
    assert stats.embedded + stats.reused == sum(
        1 for aid, _ in chunk_rows(private_index) if aid == edited_id)
    after = chunk_rows(private_index)
    others_before = {k: v for k, v in before.items() if k[0] != edited_id}
    others_after = {k: v for k, v in after.items() if k[0] != edited_id}
    assert others_after == others_before  # other articles: not re-chunked, not re-embedded


def test_changed_article_answers_from_its_new_text(private_index: BuiltIndex) -> None:
    replace_last_paragraph(private_index.corpus / EDITED, NEW_LAST_PARAGRAPH)
    private_index.build(full=False)
    engine = private_index.open_engine()
    answer = engine.ask("What fund did Prima TV open for the journalists' families?")
    assert_quotes_verbatim(engine, answer)
    assert not answer.abstained
    assert answer.citations[0].article_id == private_index.article_id(EDITED)
    assert "Flowerland Appeal" in answer.answer


def test_deleted_file_disappears_from_answers(private_index: BuiltIndex) -> None:
    seed_id = private_index.article_id(SEED.name)
    engine = private_index.open_engine()
    answer = engine.ask(SEED_QUESTION)
    assert_quotes_verbatim(engine, answer)
    assert answer.citations[0].article_id == seed_id

    (private_index.corpus / SEED.name).unlink()
    stats = private_index.build(full=False)

    assert (stats.added, stats.changed, stats.removed) == (0, 0, 1)
    assert stats.embedded == 0
    assert engine.reload()
    answer = engine.ask(SEED_QUESTION, k=10)
    assert_quotes_verbatim(engine, answer)
    assert seed_id not in {c.article_id for c in answer.citations}
    assert seed_id not in {p["article_id"] for p in answer.passages}
    assert "Sheinbaum" not in answer.answer
    with private_index.db() as db:
        assert db.execute("SELECT count(*) FROM chunks WHERE article_id = ?",
                          (seed_id,)).fetchone()[0] == 0
    assert engine.index.keyword.search("Sheinbaum", 40) == []


def test_an_engine_opened_before_an_update_answers_from_it(private_index: BuiltIndex) -> None:
    # a chat or the bot running while `newsbot index update` runs beside it
    seed_id = private_index.article_id(SEED.name)
    engine = private_index.open_engine()
    assert engine.ask(SEED_QUESTION).citations[0].article_id == seed_id
    (private_index.corpus / SEED.name).unlink()
    private_index.build(full=False)
    answer = engine.ask(SEED_QUESTION, k=10)
    assert seed_id not in {p["article_id"] for p in answer.passages}
    # a newer generation that cannot be opened leaves the open one answering
    opened = engine.index.generation
    broken = private_index.index_dir / "generations" / "gen-999999"
    broken.mkdir()
    current = private_index.index_dir / "current"
    current.unlink()
    current.symlink_to(broken)
    assert not engine.follow()
    assert engine.index.generation == opened
    # ... and so does one whose manifest is not what this newsbot writes
    (broken / "manifest.json").write_text('{"model": "all-MiniLM-L6-v2", "sizes": [1]}')
    engine._unreadable = None  # (tried once per generation: try this one again)
    assert not engine.follow()
    assert engine.index.generation == opened
    answer = engine.ask("Which magazine first revealed who Deep Throat was?")
    assert answer.passages and engine.index.generation == opened  # searched, from the open one


def test_record_removed_from_a_jsonl_file_is_removed(private_index: BuiltIndex) -> None:
    jsonl = private_index.corpus / "imports.jsonl"
    first, second = jsonl.read_text(encoding="utf-8").splitlines()
    jsonl.write_text(first + "\n", encoding="utf-8")

    stats = private_index.build(full=False)

    assert (stats.added, stats.changed, stats.removed, stats.embedded) == (0, 0, 1, 0)
    with private_index.db() as db:
        items = [r[0] for r in db.execute("SELECT item FROM articles WHERE path = ?",
                                          (str(jsonl),))]
    assert items == [json.loads(first)["id"]]


def test_new_file_is_added(private_index: BuiltIndex) -> None:
    new = private_index.corpus / "081_1d25897a7501b836.txt"
    new.write_bytes((WIKINEWS / new.name).read_bytes())

    stats = private_index.build(full=False)

    assert (stats.added, stats.changed, stats.removed) == (1, 0, 0)
    assert stats.embedded >= 1
    assert stats.articles == 12
    engine = private_index.open_engine()
    answer = engine.ask("Which magazine first revealed who Deep Throat was?")
    assert_quotes_verbatim(engine, answer)
    assert not answer.abstained
    assert answer.citations[0].article_id == private_index.article_id(new.name)
    assert "Vanity Fair" in answer.answer


def test_update_after_an_update_is_a_noop(private_index: BuiltIndex) -> None:
    (private_index.corpus / SEED.name).unlink()
    assert private_index.build(full=False).removed == 1
    again = private_index.build(full=False)
    assert again.up_to_date and again.embedded == 0


def test_full_rebuild_reuses_every_cached_vector(private_index: BuiltIndex) -> None:
    stats = private_index.build(full=True)
    assert stats.embedded == 0
    assert stats.reused == stats.chunks == private_index.stats.chunks


def test_a_damaged_index_is_one_error_line_and_the_next_update_rebuilds_it(
    private_index: BuiltIndex,
) -> None:
    current = private_index.index_dir / "current"
    meta = current / "meta.sqlite"
    meta.write_text("")  # cut short: no tables at all
    with pytest.raises(IndexError_, match=r"\(no such table: articles\); rebuild it"):
        Index(private_index.index_dir, private_index.cfg().embed.model)
    meta.write_text("garbage")
    with pytest.raises(IndexError_, match=r"\(file is not a database\); rebuild it"):
        Index(private_index.index_dir, private_index.cfg().embed.model)
    notes: list[str] = []
    stats = run_build(private_index.options(), full=False, warn=notes.append)
    assert any("is damaged" in n and "rebuilding from scratch" in n for n in notes), notes
    assert stats.embedded == 0  # every vector comes from the cache
    assert Index(private_index.index_dir, private_index.cfg().embed.model).stats()["chunks"]


@pytest.mark.parametrize("name", ["vectors.faiss", "bm25.scores.npy"])
def test_a_file_of_the_index_cut_short_is_one_error_line_and_the_next_update_rebuilds_it(
    private_index: BuiltIndex, name: str
) -> None:
    """A cut-short vectors.faiss was read by nobody until a question: `index update` said
    "up to date" and, after a change, crashed in faiss (found in a new-user trial)."""
    damaged = (private_index.index_dir / "current" / name).resolve()
    with damaged.open("r+b") as f:
        f.truncate(100)
    with pytest.raises(IndexError_) as caught:
        Index(private_index.index_dir, private_index.cfg().embed.model)
    message = str(caught.value)
    assert f"{name} has 100 bytes" in message and "rebuild it" in message, message
    assert "faiss::" not in message
    notes: list[str] = []
    stats = run_build(private_index.options(), full=False, warn=notes.append)
    assert not stats.up_to_date and stats.embedded == 0
    assert any(f"{name} has 100 bytes" in n and "rebuilding" in n for n in notes), notes
    answer = Index(private_index.index_dir, private_index.cfg().embed.model)
    assert answer.stats()["chunks"] == private_index.stats.chunks


def test_an_unreadable_vector_index_of_an_older_build_is_built_afresh_on_update(
    private_index: BuiltIndex,
) -> None:
    """A generation written before sizes were recorded: faiss finds the damage itself."""
    current = (private_index.index_dir / "current").resolve()
    manifest = json.loads((current / "manifest.json").read_text())
    del manifest["sizes"]
    (current / "manifest.json").write_text(json.dumps(manifest))
    with (current / "vectors.faiss").open("r+b") as f:
        f.truncate(100)
    (private_index.corpus / SEED.name).unlink()
    notes: list[str] = []
    stats = run_build(private_index.options(), full=False, warn=notes.append)
    assert stats.removed == 1
    assert any("cannot be read; building it afresh" in n for n in notes), notes
    assert Index(private_index.index_dir, private_index.cfg().embed.model).stats()["chunks"]


def test_a_damaged_embedding_cache_is_moved_aside_not_fatal(
    private_index: BuiltIndex, capsys
) -> None:
    cache = private_index.index_dir / "embeddings.sqlite"
    for extra in ("-wal", "-shm"):
        cache.with_name(cache.name + extra).unlink(missing_ok=True)
    cache.write_text("garbage")
    EmbeddingCache(cache, "some-model").close()
    assert "embedding cache" in capsys.readouterr().err
    [aside] = cache.parent.glob("embeddings.sqlite.damaged-*")
    assert aside.read_text() == "garbage"


def test_a_locked_embedding_cache_is_left_alone(private_index: BuiltIndex) -> None:
    """"database is locked" says nothing wrong with the file: it must not be moved aside."""
    cache = private_index.index_dir / "embeddings.sqlite"
    holder = sqlite3.connect(cache, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            EmbeddingCache(cache, "some-model", timeout=0.2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not list(cache.parent.glob("embeddings.sqlite.damaged*"))
    again = EmbeddingCache(cache, "some-model")
    assert again.db.execute("SELECT count(*) FROM vectors").fetchone()[0] > 0
    again.close()


def overwrite_middle(path: Path, size: int = 4096) -> None:
    """Junk over `size` bytes in the middle of a file (less for a small one), keeping its
    size: the damage a size check cannot see. A NumPy file's header stays readable."""
    data = bytearray(path.read_bytes())
    n = min(size, (len(data) - 128) // 2)
    start = max(128, len(data) // 2 - n // 2)
    data[start : start + n] = np.random.default_rng(4).integers(0, 256, n, np.uint8).tobytes()
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("name", ["bm25.vocab", "bm25.indptr.npy", "bm25.rows.npy",
                                  "bm25.ids.npy", "bm25.lengths.npy", "bm25.tf.npy",
                                  "meta.sqlite", "vectors.faiss"])
def test_damage_that_keeps_the_size_makes_the_next_update_rebuild_from_the_cache(
    private_index: BuiltIndex, name: str
) -> None:
    """Bytes overwritten in a file the update reuses: the update crashed with a traceback
    (UnicodeDecodeError, "repeats may not contain negative values", IndexError, "database
    disk image is malformed") while `ask` told the user to run exactly that update."""
    overwrite_middle((private_index.index_dir / "current" / name).resolve())
    (private_index.corpus / "plain_al_libbi.txt").unlink()
    notes: list[str] = []
    stats = run_build(private_index.options(), full=False, warn=notes.append)
    assert len(notes) == 1, notes
    assert re.fullmatch(r"warning: the current index gen-\d+ is damaged \(.+\); rebuilding from "
                        r"the articles and the embedding cache", notes[0]), notes
    assert stats.embedded == 0 and stats.articles == private_index.stats.articles - 1
    assert not stats.up_to_date and stats.generation is not None
    engine = private_index.open_engine()
    try:
        answer = engine.ask(SEED_QUESTION)
        assert_quotes_verbatim(engine, answer)
        assert answer.answer.startswith("No")
    finally:
        engine.index.close()
    assert private_index.build(full=False).up_to_date


def test_files_touched_without_a_change_are_hashed_once_not_on_every_update(
    private_index: BuiltIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After `touch *` every no-op update hashed every file again, forever: the times a
    generation records are refreshed only when one is written."""
    import index.scan

    hashed: list[Path] = []
    real_sha1 = index.scan._sha1
    monkeypatch.setattr(index.scan, "_sha1", lambda path: hashed.append(path) or real_sha1(path))
    files = sorted(private_index.corpus.iterdir())
    later = 2_000_000_000 * 10**9
    for f in files:
        os.utime(f, ns=(later, later))
    first = private_index.build(full=False)
    assert first.up_to_date and first.generation is None
    assert sorted(hashed) == files
    for _ in range(2):
        hashed.clear()
        assert private_index.build(full=False).up_to_date
        assert hashed == []
    # a real change after the touch is still seen, and the next generation has the new times
    (private_index.corpus / "kigali.json").unlink()
    for f in files[:3]:
        os.utime(f, ns=(later + 1, later + 1))
    hashed.clear()
    assert private_index.build(full=False).removed == 1
    assert len(hashed) == 3
    hashed.clear()
    assert private_index.build(full=False).up_to_date and hashed == []
    with private_index.db() as db:
        assert {m for (m,) in db.execute("SELECT mtime_ns FROM files")} <= {later, later + 1}
    # the record of touched files is only a shortcut: damaged, it is dropped, not fatal
    for f in files[3:5]:
        os.utime(f, ns=(later + 2, later + 2))
    assert private_index.build(full=False).up_to_date
    (private_index.index_dir / "touched.sqlite").write_bytes(b"junk" * 100)
    hashed.clear()
    assert private_index.build(full=False).up_to_date and len(hashed) == 2


def test_the_summary_counts_one_article_and_one_file_in_the_singular() -> None:
    stats = BuildStats(files=1, articles=1, chunks=1, up_to_date=True)
    assert stats.summary().startswith("index is up to date: 1 article, 1 chunk (1 file checked")
    stats = BuildStats(files=2, articles=1, chunks=3, skipped=[("x.txt", "empty file")])
    assert stats.summary().startswith("indexed 1 article, 3 chunks (+0 ~0 -0 articles)")
    assert "skipped 1 file;" in stats.summary()


@pytest.mark.parametrize("error", [RuntimeError("CUDA out of memory"),
                                   sqlite3.OperationalError("database is locked")])
def test_an_update_failing_for_another_reason_is_not_called_damage(
    private_index: BuiltIndex, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    """The model running out of memory or a locked embedding cache is no damaged index: no
    rebuild, no warning that blames the index; the error itself, and the index unchanged."""
    import index.build

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(index.build, "add_chunks", fail)
    replace_last_paragraph(private_index.corpus / EDITED, NEW_LAST_PARAGRAPH)
    before = (private_index.index_dir / "current").resolve()
    warnings: list[str] = []
    with pytest.raises(type(error)):
        run_build(private_index.options(), full=False, warn=warnings.append)
    assert not any("damaged" in w for w in warnings), warnings
    assert (private_index.index_dir / "current").resolve() == before


def test_an_update_that_rebuilds_after_damage_says_each_warning_once(
    private_index: BuiltIndex,
) -> None:
    (private_index.corpus / "bad.json").write_text("{not json", encoding="utf-8")
    first: list[str] = []
    run_build(private_index.options(), full=False, warn=first.append)
    assert len(first) == 1 and "bad.json" in first[0]
    overwrite_middle((private_index.index_dir / "current" / "bm25.vocab").resolve())
    (private_index.corpus / "plain_al_libbi.txt").unlink()
    notes: list[str] = []
    run_build(private_index.options(), full=False, warn=notes.append)
    assert len(notes) == len(set(notes)), notes  # the rebuild read bad.json a second time
    assert any("damaged" in n for n in notes) and any("bad.json" in n for n in notes)
