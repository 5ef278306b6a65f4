"""`newsbot index status`: what a user reads of the index and of the corpus since its last
build, as a subprocess per command (the status of a no-op update's touched files in-process)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SEED, WIKINEWS, BuiltIndex, run_newsbot


def status(index: BuiltIndex) -> str:
    done = run_newsbot("index", "status", "--config", str(index.config), cwd=index.root)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_index_status_hashes_no_file_a_no_op_update_found_touched(
    private_index: BuiltIndex, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    import os

    import index.scan
    from bot.cli import _status
    from bot.config import load_config

    for f in private_index.corpus.iterdir():
        os.utime(f, ns=(2_000_000_000 * 10**9,) * 2)  # touched, not changed
    assert private_index.build(full=False).up_to_date
    hashed: list[Path] = []
    real_sha1 = index.scan._sha1
    monkeypatch.setattr(index.scan, "_sha1", lambda path: hashed.append(path) or real_sha1(path))
    assert _status(load_config(private_index.config)) == 0
    assert "0 new, 0 changed, 0 deleted" in capsys.readouterr().out
    assert hashed == []


def test_index_status_reports_counts_model_and_no_changes(private_index: BuiltIndex) -> None:
    out = status(private_index)
    assert re.search(r"^articles:\s+11\b", out, re.M), out
    assert re.search(rf"^chunks:\s+{private_index.stats.chunks}\b", out, re.M), out
    assert re.search(r"^model:\s+all-MiniLM-L6-v2$", out, re.M), out
    assert re.search(r"^last build:\s+\d{4}-\d{2}-\d{2}T", out, re.M), out
    assert "0 new, 0 changed, 0 deleted" in out


def test_index_status_counts_a_new_file(private_index: BuiltIndex) -> None:
    new = private_index.corpus / "081_1d25897a7501b836.txt"
    new.write_bytes((WIKINEWS / new.name).read_bytes())
    out = status(private_index)
    assert "1 new, 0 changed, 0 deleted" in out
    assert "newsbot index update" in out


def test_index_status_counts_changed_and_deleted_files(private_index: BuiltIndex) -> None:
    (private_index.corpus / SEED.name).unlink()
    with open(private_index.corpus / "kigali.json", "a", encoding="utf-8") as fh:
        fh.write("\n")
    assert "0 new, 1 changed, 1 deleted" in status(private_index)


def test_index_status_lists_a_link_to_nothing_with_what_the_update_skipped(
    private_index: BuiltIndex,
) -> None:
    """The update said "skipped 1 file" and status "skipped" nothing, with the link's warning
    printed on stderr after its report."""
    (private_index.corpus / "gone.txt").symlink_to(private_index.root / "nowhere.txt")
    done = run_newsbot("index", "status", "--config", str(private_index.config),
                       cwd=private_index.root)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "skipped:    1 file the last update could not read:" in done.stdout
    assert "gone.txt: not a regular file" in done.stdout
