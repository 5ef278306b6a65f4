"""Which files of the corpus paths are articles to read.

Folders are walked so a corpus can be organised freely; what is not a regular file is named
and skipped here, before any reader sees it."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from index.article import IngestError, Warn
from index.skipped import warning as skip_warning
from index.store import looks_like_index

SUPPORTED_SUFFIXES = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom"}
)
NOT_UTF8 = "the {} name is not valid UTF-8; rename it"


def printable(path: str | Path) -> str:
    """The path as text that a terminal and SQLite accept. Python carries the bytes of a name
    that is not UTF-8 as lone surrogates, which SQLite refuses and a terminal garbles; they
    are shown as backslash escapes ("caf\\xe9.txt") instead."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _is_utf8(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _an_index(folder: Path, excluded: set[str]) -> bool:
    return looks_like_index(folder) or os.path.realpath(folder) in excluded


def discover(
    paths: list[Path],
    warn: Warn | None = None,
    skipped: list[tuple[str, str]] | None = None,
    exclude: Iterable[Path] = (),
) -> list[Path]:
    """Folders are walked so a corpus can be organised freely; hidden entries are editor/VCS
    litter. A file named explicitly is kept even with an unknown suffix, so that read_file
    reports it instead of it vanishing from the index unnoticed. What is not a regular file —
    a link to nothing, a named pipe (reading one waits forever), a device — is skipped, with a
    warning through `warn` naming it, and listed in `skipped` with the reason. So is a file or
    folder whose name is not UTF-8: no path of the index could hold it. The folders in
    `exclude` (the index being written) and every folder that is a newsbot index are never
    entered: an index kept inside its corpus folder would be read as articles by every
    update (its manifest.json), which then never found the index up to date."""
    if not paths:  # an index can be queried without them, not built
        raise IngestError("no corpus paths to index ([corpus] paths is empty)")
    found: set[Path] = set()
    excluded = {os.path.realpath(p) for p in exclude}

    def skip(path: Path, reason: str) -> None:
        if skipped is not None:
            skipped.append((printable(path), reason))
        if warn:
            warn(skip_warning(printable(path), reason, kept=False))

    for p in map(Path, paths):
        if not p.exists():
            raise IngestError(f"corpus path not found: {printable(p)}")
        if not p.is_dir():
            if not p.is_file():
                raise IngestError(f"corpus path is neither a file nor a folder: {printable(p)}")
            if _is_utf8(str(p)):
                found.add(p)
            else:
                skip(p, NOT_UTF8.format("file"))
            continue
        if not _is_utf8(str(p)):
            skip(p, NOT_UTF8.format("folder"))
            continue
        for root, dirs, files in os.walk(p):
            for d in [d for d in dirs if not _is_utf8(d)]:
                dirs.remove(d)
                if not d.startswith("."):
                    skip(Path(root) / d, NOT_UTF8.format("folder"))
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            dirs[:] = [d for d in dirs if not _an_index(Path(root) / d, excluded)]
            for name in files:
                if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                    path = Path(root) / name
                    if not _is_utf8(name):
                        skip(path, NOT_UTF8.format("file"))
                    elif path.is_file():
                        found.add(path)
                    else:
                        skip(path, "not a regular file (a link to nothing, a pipe or a device)")
    return sorted(found)
