"""A build stopped by Ctrl-C or SIGTERM: one line, 130 or 143, no unfinished `gen-N.tmp`, the
previous generation still answering, and the vectors computed before the signal kept in the
embedding cache. Real `newsbot` processes, real signals, the real model on ~30 articles the
cache has never seen (a few seconds of embedding)."""

from __future__ import annotations

import contextlib
import re
import signal
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import (
    NEWSBOT,
    WIKINEWS,
    BuiltIndex,
    clone_index,
    copy_embedding_cache,
    newsbot_env,
    write_config,
)
from test_store import assert_answers_seed_question

from index import interrupt
from index.embed import EmbeddingCache, text_key
from index.ingest import read_file
from index.interrupt import StopOnSignals, Stopped
from index.new_chunks import chunk_rows

PROGRESS = re.compile(r"embedding: ([\d,]+) of ([\d,]+) chunks \((\d+)%\)")
# ~30 articles no other test embeds (the base corpus holds 009 and 071 only of these)
NEW_ARTICLES = sorted(WIKINEWS.glob("0[2-4]?_*.txt"))[:30]


@dataclass
class StoppedBuild:
    returncode: int
    lines: list[str]  # stderr, progress lines left out
    progress: list[tuple[int, int]]  # (done, total) of every progress line, in order


def _stop_while_embedding(config: Path, cwd: Path, sig: int) -> StoppedBuild:
    """`newsbot index build` with stderr piped (no terminal: plain progress lines, one per
    forward pass with --progress-every 0), stopped with `sig` right after the first forward
    pass of new chunks has finished: those vectors are computed, and not yet committed."""
    proc = subprocess.Popen(
        [NEWSBOT, "index", "build", "--progress-every", "0", "--config", str(config)],
        cwd=cwd, env=newsbot_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    progress: list[tuple[int, int]] = []
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            found = PROGRESS.fullmatch(line.rstrip("\n"))
            if found is None:
                lines.append(line.rstrip("\n"))
                continue
            progress.append((int(found[1].replace(",", "")), int(found[2].replace(",", ""))))
            if len(progress) == 2:  # the first line is the cache's share, before the model
                proc.send_signal(sig)
        proc.wait(60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
    return StoppedBuild(proc.returncode, [line for line in lines if line.strip()], progress)


def _cache_rows(index_dir: Path) -> int:
    with sqlite3.connect(index_dir / "embeddings.sqlite") as db:
        return db.execute("SELECT count(*) FROM vectors").fetchone()[0]


def _not_cached(corpus: list[Path], index_dir: Path) -> int:
    """How many distinct chunk texts of `corpus` the cache lacks: what a rerun embeds."""
    articles = [a for path in corpus for a in read_file(path)]
    _, texts, spans = chunk_rows(articles, "all-MiniLM-L6-v2", 200)
    keys = {text_key(t, s) for t, s in zip(texts, spans, strict=True)}
    cache = EmbeddingCache(index_dir / "embeddings.sqlite", "all-MiniLM-L6-v2")
    try:
        return len(keys - set(cache.get(sorted(keys))))
    finally:
        cache.close()


def _generations(index_dir: Path) -> list[str]:
    folder = index_dir / "generations"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_sigterm_while_embedding_cleans_up_and_keeps_the_vectors(
    base_index: BuiltIndex, tmp_path: Path
) -> None:
    index = clone_index(base_index, tmp_path)
    before = (index.index_dir / "current").resolve()
    corpus = [index.corpus, *NEW_ARTICLES]
    bigger = write_config(tmp_path / "bigger.toml", corpus, index.index_dir)
    rows, missing = _cache_rows(index.index_dir), _not_cached(NEW_ARTICLES, index.index_dir)
    assert missing > 64  # a few forward passes' worth: the signal comes after the first

    stopped = _stop_while_embedding(bigger, tmp_path, signal.SIGTERM)

    assert stopped.returncode == 143
    assert stopped.lines == [f"newsbot: terminated; the index still answers from {before.name}"]
    assert not any(name.endswith(".tmp") for name in _generations(index.index_dir))
    assert (index.index_dir / "current").resolve() == before
    assert_answers_seed_question(index)
    # The forward pass the progress showed finished is in the cache, though the cache commits
    # every 256 vectors only: the signal's way out committed it.
    done = stopped.progress[1][0] - stopped.progress[0][0]
    assert 0 < done < missing
    saved = _cache_rows(index.index_dir) - rows
    assert done <= saved < missing
    assert _not_cached(NEW_ARTICLES, index.index_dir) == missing - saved  # what a rerun embeds


def test_ctrl_c_in_a_first_build_removes_its_generation_and_keeps_the_vectors(
    base_index: BuiltIndex, tmp_path: Path
) -> None:
    copy_embedding_cache(base_index.index_dir, tmp_path / "index")
    config = write_config(tmp_path / "config.toml", NEW_ARTICLES, tmp_path / "index")
    rows, missing = _cache_rows(tmp_path / "index"), _not_cached(NEW_ARTICLES, tmp_path / "index")

    stopped = _stop_while_embedding(config, tmp_path, signal.SIGINT)

    assert stopped.returncode == 130
    assert stopped.lines == ["newsbot: interrupted; no index yet"]
    assert _generations(tmp_path / "index") == []
    assert not (tmp_path / "index" / "current").exists()
    saved = _cache_rows(tmp_path / "index") - rows
    assert stopped.progress[1][0] - stopped.progress[0][0] <= saved < missing


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_finished_build_leaves_the_signal_handlers_as_they_were(
    private_index: BuiltIndex, sig: int
) -> None:
    """In process: `newsbot index update` installs its handlers for the build only."""
    from bot.cli import main

    before = signal.getsignal(sig)
    assert main(["index", "update", "--quiet", "--config", str(private_index.config)]) == 0
    assert signal.getsignal(sig) is before


# --- the handlers themselves, in this process, with real signals ---------------------------


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_raises_stopped_and_the_old_handler_comes_back(sig: int) -> None:
    before = signal.getsignal(sig)
    stop = StopOnSignals()
    with pytest.raises(Stopped) as raised, stop:
        signal.raise_signal(sig)
    assert raised.value.signum == stop.signum == sig
    assert raised.value.exit_code == 128 + sig
    assert signal.getsignal(sig) is before
    interrupt.check()  # outside the block: no stop asked any more


def test_a_swallowed_stop_is_raised_again_at_the_next_check() -> None:
    with pytest.raises(Stopped), StopOnSignals():
        with contextlib.suppress(BaseException):  # as library code catching too much would
            signal.raise_signal(signal.SIGTERM)
        interrupt.check()
        raise AssertionError("check() let a stopped build go on")


def test_a_signal_inside_a_held_section_does_not_cut_it_and_is_kept_for_the_end() -> None:
    """Raised when the section ended, it reported a published generation as a stopped build
    (exit 143, no summary)."""
    finished = False
    with StopOnSignals() as stop, interrupt.held():
        signal.raise_signal(signal.SIGINT)
        finished = True
    assert finished and stop.signum == signal.SIGINT


def test_a_signal_while_publishing_ends_a_finished_update_not_a_failed_one(
    private_index: BuiltIndex, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """SIGTERM between the rename and the swap of `current` was raised once the new
    generation was live: 'terminated; the index still answers from <the new one>', no
    summary, and the touched-files record left behind."""
    from bot.build_command import run_index_build
    from index.store import IndexPaths

    publish = IndexPaths.publish

    def publish_and_get_a_signal(self: IndexPaths, tmp: Path, keep: int) -> Path:
        signal.raise_signal(signal.SIGTERM)  # a real signal, while held
        return publish(self, tmp, keep)

    monkeypatch.setattr(IndexPaths, "publish", publish_and_get_a_signal)
    (private_index.corpus / "new.txt").write_text(
        " date 2025-05-06 Follow-up\nSheinbaum repeated that troops would not be accepted.\n",
        encoding="utf-8")
    before = IndexPaths(private_index.index_dir).current_generation()
    status = run_index_build(private_index.cfg(), private_index.options(), full=False)
    after = IndexPaths(private_index.index_dir).current_generation()
    out, err = capsys.readouterr()
    assert status == 143 and after is not None and after != before
    assert out.startswith("indexed "), out  # the summary of a finished update
    assert err == (f"newsbot: terminated once the update was published; the index answers "
                   f"from {after.name}\n")
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
