"""`newsbot index update` over a damaged index or cache: damage is one line and the next update
rebuilds from the articles and the embedding cache, the previous index answering meanwhile;
an update that fails for another reason is that error, never called damage."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from conftest import SEED, SEED_QUESTION, BuiltIndex, assert_quotes_verbatim

from index.build import run_build
from index.embed import EmbeddingCache
from index.search import Index
from index.store import IndexError_


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
    (private_index.corpus / "new.txt").write_text(
        " date 2024-01-01 Harbour\nThe harbour reopened on Friday.\n", encoding="utf-8")
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
