"""Which files a build reads: names that are not UTF-8, the index folder inside the corpus,
linked folders and corpus paths that overlap. Each of these once broke or slowed every build
and update of the whole corpus, not just the one file."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from conftest import SEED, BuiltIndex, copy_embedding_cache, run_newsbot

from index.build import run_build
from index.discover import discover, printable

# "café.txt" written in Latin-1, as an old Windows or Mac tool names it: not UTF-8 bytes.
BAD_NAME = os.fsdecode(b"caf\xe9.txt")
CAFE = " date 2024-01-01 Cafe\nThe Orvik cafe sold cake.\n"


def test_printable_shows_bytes_that_are_not_utf8_as_escapes() -> None:
    assert printable(f"/corpus/{BAD_NAME}") == "/corpus/caf\\xe9.txt"
    assert printable("/corpus/café.txt") == "/corpus/café.txt"


def test_a_file_or_folder_name_that_is_not_utf8_is_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(CAFE)
    (tmp_path / BAD_NAME).write_text(CAFE)
    folder = tmp_path / os.fsdecode(b"r\xe9sum\xe9s")
    folder.mkdir()
    (folder / "inside.txt").write_text(CAFE)
    warnings: list[str] = []
    skipped: list[tuple[str, str]] = []
    assert discover([tmp_path], warnings.append, skipped) == [tmp_path / "good.txt"]
    assert sorted(warnings) == [
        f"warning: skipped {tmp_path}/caf\\xe9.txt: the file name is not valid UTF-8; rename it",
        f"warning: skipped {tmp_path}/r\\xe9sum\\xe9s: the folder name is not valid UTF-8; "
        "rename it",
    ]
    assert all(w.encode("utf-8") for w in warnings)  # printable, storable text
    assert sorted(p for p, _ in skipped) == [f"{tmp_path}/caf\\xe9.txt",
                                             f"{tmp_path}/r\\xe9sum\\xe9s"]
    # named as a corpus path itself: skipped the same way (the other paths are indexed)
    warnings.clear()
    assert discover([tmp_path / BAD_NAME, folder, tmp_path / "good.txt"], warnings.append) == [
        tmp_path / "good.txt"]
    assert len(warnings) == 2 and all("not valid UTF-8; rename it" in w for w in warnings)


def test_a_file_name_that_is_not_utf8_does_not_break_builds_and_updates(
    private_index: BuiltIndex,
) -> None:
    """It crashed every build and update with a UnicodeEncodeError from SQLite."""
    (private_index.corpus / BAD_NAME).write_text(CAFE)
    expected = (f"warning: skipped {private_index.corpus}/caf\\xe9.txt: the file name is not "
                "valid UTF-8; rename it")
    for full in (False, True, False):
        notes: list[str] = []
        stats = run_build(private_index.options(), full=full, warn=notes.append)
        assert notes == [expected]
        assert stats.articles == private_index.stats.articles
        assert len(stats.skipped) == 1
    assert stats.up_to_date
    done = run_newsbot("--config", str(private_index.config), "index", "update",
                       cwd=private_index.root)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [expected]
    # status lists it with what the update skipped
    done = run_newsbot("--config", str(private_index.config), "index", "status",
                       cwd=private_index.root)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "0 new, 0 changed, 0 deleted files" in done.stdout
    assert (f"  {private_index.corpus}/caf\\xe9.txt: the file name is not valid UTF-8; "
            "rename it") in done.stdout.splitlines()


def test_the_index_folder_inside_the_corpus_folder_is_never_read(
    private_index: BuiltIndex,
) -> None:
    """`paths = ["."]` beside `dir = "index"`: every update read the index's own manifest.json
    and bm25.json as articles ("no articles found"), published a new generation and left
    `index status` saying changes were pending, forever."""
    root = private_index.root  # holds corpus/ and index/
    (root / "config.toml").write_text('[corpus]\npaths = ["."]\n[index]\ndir = "index"\n')
    options = dataclasses.replace(private_index.options(), corpus=[root])
    before = (private_index.index_dir / "current").resolve()
    for _ in range(2):
        notes: list[str] = []
        stats = run_build(options, full=False, warn=notes.append)
        assert notes == [] and stats.up_to_date
    assert (private_index.index_dir / "current").resolve() == before
    for command in ("update", "status"):
        done = run_newsbot("index", command, cwd=root)
        assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "0 new, 0 changed, 0 deleted files" in done.stdout
    # a first build in there, before any generation exists, leaves it out too
    copy_embedding_cache(private_index.index_dir, root / "second")
    options = dataclasses.replace(options, index_dir=root / "second")
    notes = []
    stats = run_build(options, full=True, warn=notes.append)
    assert notes == [] and stats.articles == private_index.stats.articles


def test_linked_folders_are_followed_once_and_links_back_up_do_not_loop(tmp_path: Path) -> None:
    """A linked folder was left out without a word (linked files were read)."""
    corpus, elsewhere = tmp_path / "corpus", tmp_path / "elsewhere"
    (corpus / "real").mkdir(parents=True)
    (corpus / "real" / "a.txt").write_text(CAFE)
    (elsewhere / "deep").mkdir(parents=True)
    (elsewhere / "deep" / "b.txt").write_text(CAFE)
    (corpus / "linked").symlink_to(elsewhere)
    (corpus / "0-again").symlink_to(corpus / "real")  # walked before real/ by name
    (corpus / "real" / "up").symlink_to(corpus)  # a loop
    (elsewhere / "back").symlink_to(corpus / "linked")  # another loop, through the link
    (corpus / "real" / "twin.txt").symlink_to(corpus / "real" / "a.txt")
    warnings: list[str] = []
    found = discover([corpus], warnings.append)
    assert warnings == []
    assert [p.relative_to(corpus).as_posix() for p in found] == ["linked/deep/b.txt", "real/a.txt"]


def test_corpus_paths_that_overlap_list_each_file_once(tmp_path: Path) -> None:
    """`/x` and `/x/../x`, or a folder and a folder inside it, indexed every article twice."""
    (tmp_path / "x" / "sub").mkdir(parents=True)
    (tmp_path / "x" / "a.txt").write_text(CAFE)
    (tmp_path / "x" / "sub" / "b.txt").write_text(CAFE)
    x = tmp_path / "x"
    expected = [x / "a.txt", x / "sub" / "b.txt"]
    assert discover([x]) == expected
    assert discover([x, tmp_path / "x" / ".." / "x"]) == expected
    assert discover([x, x]) == expected
    assert discover([x / "sub", x]) == expected
    assert discover([x, x / "sub", x / "a.txt"]) == expected
    (tmp_path / "alias").symlink_to(x)
    assert discover([x, tmp_path / "alias"]) == expected


def test_a_linked_folder_and_a_repeated_corpus_path_are_indexed_once(
    private_index: BuiltIndex, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "copy.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (private_index.corpus / "more").symlink_to(elsewhere)
    again = private_index.corpus / ".." / private_index.corpus.name
    options = dataclasses.replace(private_index.options(),
                                  corpus=[private_index.corpus, again, private_index.corpus])
    stats = run_build(options, full=False, warn=lambda message: pytest.fail(message))
    assert (stats.added, stats.removed, stats.embedded) == (1, 0, 0)  # the copy, from the cache
    assert stats.articles == private_index.stats.articles + 1
    with private_index.db() as db:
        [(path,)] = db.execute("SELECT path FROM articles WHERE path LIKE '%copy.txt'")
    assert path == str(private_index.corpus / "more" / "copy.txt")
    assert run_build(options, full=False, warn=lambda message: pytest.fail(message)).up_to_date
