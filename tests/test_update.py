"""`newsbot index update`: nothing to do costs nothing; an edit re-embeds only what changed;
deleted files leave the answers; new files join them. Embedding counts come from the stats
`run_build` returns (the texts actually sent to the model)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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

from index.build import BuildStats
from index.scan import scan

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


def test_an_index_read_by_older_readers_reads_every_file_again_and_embeds_nothing_new(
    private_index: BuiltIndex,
) -> None:
    # a newsbot that reads files better (web links as their labels) improves an index built
    # before it at the next update, not only the files that change
    current = (private_index.index_dir / "current").resolve()
    manifest = json.loads((current / "manifest.json").read_text())
    manifest["reader_version"] = 1
    (current / "manifest.json").write_text(json.dumps(manifest))
    gone = private_index.corpus / EDITED
    gone.unlink()
    stats = private_index.build(full=False)
    assert not stats.up_to_date and stats.generation is not None
    assert stats.removed == 1 and stats.embedded == 0  # the deleted one is gone, nothing new
    assert private_index.build(full=False).up_to_date


def test_update_after_an_update_is_a_noop(private_index: BuiltIndex) -> None:
    (private_index.corpus / SEED.name).unlink()
    assert private_index.build(full=False).removed == 1
    again = private_index.build(full=False)
    assert again.up_to_date and again.embedded == 0


def test_full_rebuild_reuses_every_cached_vector(private_index: BuiltIndex) -> None:
    stats = private_index.build(full=True)
    assert stats.embedded == 0
    assert stats.reused == stats.chunks == private_index.stats.chunks


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


def test_a_file_that_could_not_be_read_is_tried_again_by_every_update(tmp_path: Path) -> None:
    # `chmod 644` on a file an update skipped ("Permission denied") moves neither its size
    # nor its mtime: the update must not take it for unchanged, and read it now.
    fixed = tmp_path / "fixed.txt"
    fixed.write_text(" date 2025-05-05 Title\nBody.\n")
    st = fixed.stat()
    changes = scan([fixed], {str(fixed): (st.st_size, st.st_mtime_ns, "")})
    assert [f for f, *_ in changes.changed] == [fixed]
    # still unreadable (a folder cannot be read as a file, even by root): unchanged, not
    # changed, so no new generation is written for it
    bad = tmp_path / "bad.txt"
    bad.mkdir()
    st = bad.stat()
    changes = scan([bad], {str(bad): (st.st_size, st.st_mtime_ns, "")})
    assert not changes.changed and [f for f, *_ in changes.touched] == [bad]
    # a file read before, unchanged: not even hashed
    read = scan([fixed], {str(fixed): (fixed.stat().st_size, fixed.stat().st_mtime_ns, "x")})
    assert not read.changed and not read.touched
