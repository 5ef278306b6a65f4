"""The index on disk: generations published atomically, a build killed with SIGKILL leaves the
previous index answering, one writer at a time, readers never blocked, and an index built with
another model asks for a rebuild."""

from __future__ import annotations

import errno
import shutil
import signal
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import (
    NEWSBOT,
    SEED,
    SEED_QUESTION,
    WIKINEWS,
    BuiltIndex,
    assert_quotes_verbatim,
    clone_index,
    error_lines,
    newsbot_env,
    run_newsbot,
    write_config,
)

from bot.answer import AnswerEngine
from bot.cli import main
from index.search import Index
from index.store import VERSION, IndexError_, IndexPaths, WriteLock, migrate


def assert_answers_seed_question(index: BuiltIndex) -> None:
    engine = index.open_engine()
    try:
        answer = engine.ask(SEED_QUESTION)
        assert_quotes_verbatim(engine, answer)
        assert not answer.abstained
        assert answer.answer.startswith("No")
        assert answer.citations[0].article_id == index.article_id(SEED.name)
    finally:
        engine.index.close()


def generation_dirs(index_dir: Path) -> list[str]:
    return sorted(p.name for p in (index_dir / "generations").iterdir())


# --- SIGKILL in the middle of a build ---------------------------------------------------------


@dataclass
class KilledBuild:
    index: BuiltIndex  # the index that answered before the killed build (its own config)
    generation_before: Path
    leftovers: list[str]  # generation folders right after the kill
    returncode: int
    stderr: str


def _stop_a_build(base_index: BuiltIndex, root: Path, sig: int) -> KilledBuild:
    """A working index, then `newsbot index build` on a much bigger corpus (40 more articles
    the cache has never seen, so it runs for many seconds), stopped with `sig` once it has
    started writing its new generation."""
    index = clone_index(base_index, root)
    before = (index.index_dir / "current").resolve()
    extra = sorted(WIKINEWS.glob("0[1-5]?_*.txt"))[:40]
    assert len(extra) == 40
    bigger = write_config(root / "bigger.toml", [index.corpus, *extra], index.index_dir)

    proc = subprocess.Popen([NEWSBOT, "index", "build", "--quiet", "--config", str(bigger)],
                            cwd=root, env=newsbot_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        tmp = None
        while time.monotonic() < deadline and proc.poll() is None:
            tmp = next((index.index_dir / "generations").glob("*.tmp"), None)
            if tmp is not None:
                break
            time.sleep(0.02)
        assert tmp is not None, "the build never started a new generation"
        time.sleep(1.0)  # well inside the build: reading, chunking, loading the model
        assert proc.poll() is None, "the build finished before it could be stopped"
        proc.send_signal(sig)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
    return KilledBuild(index, before, generation_dirs(index.index_dir), proc.returncode, stderr)


@pytest.fixture(scope="module")
def killed_build(base_index: BuiltIndex, tmp_path_factory: pytest.TempPathFactory
                 ) -> KilledBuild:
    stopped = _stop_a_build(base_index, tmp_path_factory.mktemp("killed"), signal.SIGKILL)
    assert stopped.returncode == -signal.SIGKILL
    return stopped


def test_ctrl_c_during_a_build_says_the_previous_index_still_answers(
    base_index: BuiltIndex, tmp_path: Path
) -> None:
    stopped = _stop_a_build(base_index, tmp_path, signal.SIGINT)
    assert stopped.returncode == 130
    assert error_lines(stopped.stderr) == [
        f"newsbot: interrupted; the index still answers from {stopped.generation_before.name}"]
    assert (stopped.index.index_dir / "current").resolve() == stopped.generation_before
    assert_answers_seed_question(stopped.index)


def test_killed_build_leaves_the_previous_generation_current(killed_build: KilledBuild) -> None:
    current = (killed_build.index.index_dir / "current").resolve()
    assert current == killed_build.generation_before
    assert any(name.endswith(".tmp") for name in killed_build.leftovers)


def test_killed_build_leaves_the_previous_index_answering(killed_build: KilledBuild) -> None:
    assert_answers_seed_question(killed_build.index)


def test_build_after_a_killed_build_succeeds_and_cleans_up(
    killed_build: KilledBuild, tmp_path: Path
) -> None:
    # On a copy, so the tests above see the state the kill left whatever the order.
    copy = tmp_path / "index"
    shutil.copytree(killed_build.index.index_dir, copy, symlinks=True)
    config = write_config(tmp_path / "config.toml", [killed_build.index.corpus], copy)
    index = BuiltIndex(tmp_path, killed_build.index.corpus, copy, config,
                       killed_build.index.stats)

    stats = index.build(full=True)  # the killed build left no lock behind

    assert stats.embedded == 0
    assert not any(name.endswith(".tmp") for name in generation_dirs(copy))
    assert (copy / "current").resolve().name == stats.generation
    assert_answers_seed_question(index)


# --- one writer, many readers -----------------------------------------------------------------


def test_second_writer_gets_a_one_line_lock_error(private_index: BuiltIndex) -> None:
    before = generation_dirs(private_index.index_dir)
    with WriteLock(IndexPaths(private_index.index_dir)):
        done = run_newsbot("index", "update", "--quiet", "--config", str(private_index.config),
                           cwd=private_index.root, timeout=120)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = error_lines(done.stderr)
    assert len(lines) == 1, lines
    assert lines[0].startswith("newsbot: error:")
    assert "another index build or update is running" in lines[0]
    assert generation_dirs(private_index.index_dir) == before


def test_second_writer_in_process_gets_the_lock_error(private_index: BuiltIndex) -> None:
    with WriteLock(IndexPaths(private_index.index_dir)), pytest.raises(
            IndexError_, match="another index build or update is running"):
        private_index.build(full=False)


def test_lock_is_free_again_after_a_build(private_index: BuiltIndex) -> None:
    private_index.build(full=False)
    with WriteLock(IndexPaths(private_index.index_dir)):
        pass


def test_readers_are_not_blocked_by_a_writer(private_index: BuiltIndex) -> None:
    with WriteLock(IndexPaths(private_index.index_dir)):
        assert_answers_seed_question(private_index)


# --- generations ------------------------------------------------------------------------------


def test_a_changing_update_publishes_a_new_generation(private_index: BuiltIndex) -> None:
    before = (private_index.index_dir / "current").resolve()
    (private_index.corpus / "kigali.json").unlink()
    stats = private_index.build(full=False)
    after = (private_index.index_dir / "current").resolve()
    assert after != before and after.name == stats.generation
    assert (private_index.index_dir / "current").is_symlink()
    assert {p.name for p in after.iterdir()} >= {"meta.sqlite", "vectors.faiss", "manifest.json"}


def test_only_the_newest_generations_are_kept(private_index: BuiltIndex) -> None:
    for _ in range(3):
        private_index.build(full=True)
    gens = generation_dirs(private_index.index_dir)
    assert len(gens) == 2
    assert (private_index.index_dir / "current").resolve().name == gens[-1]


def test_open_engine_keeps_answering_through_an_update_and_follows_it(
    private_index: BuiltIndex,
) -> None:
    engine: AnswerEngine = private_index.open_engine()
    stale = engine.index  # what a question being answered during the update holds
    private_index.build(full=True)
    assert stale.keyword.search("Sheinbaum", 5)  # the old generation still reads
    answer = engine.ask(SEED_QUESTION)  # the next question moves to the new one
    assert engine.index.generation != stale.generation
    assert_quotes_verbatim(engine, answer)
    assert not answer.abstained
    assert not engine.reload()  # already on it


# --- an index built with another model --------------------------------------------------------


def test_index_built_with_another_model_asks_for_a_rebuild(base_index: BuiltIndex) -> None:
    with pytest.raises(IndexError_, match=r"other-model.*newsbot index build"):
        Index(base_index.index_dir, "other-model")


def test_manifest_records_model_dimension_and_chunker(base_index: BuiltIndex) -> None:
    index = Index(base_index.index_dir, "all-MiniLM-L6-v2")
    try:
        m = index.manifest
        assert m["model"] == "all-MiniLM-L6-v2" and m["dim"] == 384
        assert {"chunker_version", "built_at", "vector_index"} <= set(m)
        assert m["articles"] == 11 and m["chunks"] == base_index.stats.chunks
    finally:
        index.close()


def test_a_new_index_has_the_newest_schema_without_fts5(base_index: BuiltIndex) -> None:
    index = Index(base_index.index_dir, "all-MiniLM-L6-v2")
    try:
        assert index.db.execute("PRAGMA user_version").fetchone()[0] == VERSION
        tables = {r[0] for r in index.db.execute("SELECT name FROM sqlite_master")}
        assert {"files", "articles", "chunks"} <= tables
        assert not {t for t in tables if "fts" in t} and "meta" not in tables
    finally:
        index.close()


def test_an_index_from_a_newer_newsbot_is_refused(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "meta.sqlite")
    db.execute(f"PRAGMA user_version = {VERSION + 1}")
    with pytest.raises(IndexError_, match="newer than this newsbot.*upgrade newsbot"):
        migrate(db)
    db.close()


# --- a full disk ------------------------------------------------------------------------------


def fill_the_disk_at(monkeypatch: pytest.MonkeyPatch, where: str, error: BaseException) -> None:
    """`where` ("module.name") raises `error`, as a write to a full disk does there."""
    module, name = where.rsplit(".", 1)

    def full(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(f"{module}.{name}", full)


DISK_FULL = [
    ("index.build.write_facets", sqlite3.OperationalError("database or disk is full")),
    ("numpy.save", OSError(errno.ENOSPC, "No space left on device")),
    ("index.store.IndexPaths.publish", OSError(errno.EDQUOT, "Disk quota exceeded")),
]


@pytest.mark.parametrize(("where", "error"), DISK_FULL, ids=[w for w, _ in DISK_FULL])
@pytest.mark.parametrize("full", [True, False], ids=["build", "update"])
def test_a_full_disk_is_one_error_line_and_the_previous_index_answers(
    private_index: BuiltIndex, monkeypatch: pytest.MonkeyPatch, where: str,
    error: BaseException, full: bool, capsys: pytest.CaptureFixture[str],
) -> None:
    """A traceback of sqlite3.OperationalError, though the code promised one line."""
    before = (private_index.index_dir / "current").resolve()
    (private_index.corpus / "kigali.json").unlink()  # so that an update writes a generation
    fill_the_disk_at(monkeypatch, where, error)
    previous_handler = signal.getsignal(signal.SIGINT)  # `index build` sets its own
    try:
        code = main(["index", "build" if full else "update", "--quiet",
                     "--config", str(private_index.config)])
    finally:
        signal.signal(signal.SIGINT, previous_handler)
    err = capsys.readouterr().err
    assert code == 1
    assert error_lines(err) == [
        f"newsbot: error: the disk is full while writing the index in {private_index.index_dir};"
        " the previous index is unchanged (free some space and run it again)"], err
    assert (private_index.index_dir / "current").resolve() == before
    assert generation_dirs(private_index.index_dir) == [before.name]  # nothing left behind
    monkeypatch.undo()
    assert_answers_seed_question(private_index)
