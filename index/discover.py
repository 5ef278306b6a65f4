"""Which files of the corpus paths are articles to read.

Folders are walked so a corpus can be organised freely; what is not a regular file is named
and skipped here, before any reader sees it."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from index.article import IngestError, Warn
from index.skipped import warning as skip_warning
from index.store import looks_like_index

SUPPORTED_SUFFIXES = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom"}
)
NOT_UTF8 = "the {} name is not valid UTF-8; rename it"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(path: str | Path) -> str:
    """The path as text that a terminal and SQLite accept, on one line. Python carries the
    bytes of a name that is not UTF-8 as lone surrogates, which SQLite refuses and a terminal
    garbles, and a name may hold a line break or an escape: both are shown as backslash
    escapes ("caf\\xe9.txt", "a\\nb.txt") instead."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: repr(m.group(0))[1:-1], text)


def _is_utf8(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _Walk:
    """One discovery: the folders entered and the files found, each by its resolved path, so
    that nothing is read twice however it is reached (a linked folder, a folder named twice or
    inside another corpus path, `/x` and `/x/../x`) and a link back up cannot loop."""

    def __init__(self, warn: Warn | None, skipped: list[tuple[str, str]] | None,
                 exclude: Iterable[Path]) -> None:
        self.warn, self.skipped = warn, skipped
        self.excluded = {os.path.realpath(p) for p in exclude}
        self.entered: set[str] = set()
        self.found: dict[str, tuple[bool, Path]] = {}  # resolved → (through a link?, path)

    def skip(self, path: Path, reason: str) -> None:
        if self.skipped is not None:
            self.skipped.append((printable(path), reason))
        if self.warn:
            self.warn(skip_warning(printable(path), reason, kept=False))

    def add(self, path: Path, resolved: str, linked: bool) -> None:
        """The same file reached twice keeps the path that is not a link, else the first."""
        if not _is_utf8(str(path)):
            self.skip(path, NOT_UTF8.format("file"))
            return
        old = self.found.get(resolved)
        if old is None or (old[0] and not linked):
            self.found[resolved] = (linked, path)

    def walk(self, roots: list[Path]) -> None:
        """Depth first through the folders; a linked folder is entered only after every
        folder reached without one, so a file in the corpus keeps its own path when a link
        elsewhere points to its folder."""
        stack, links = roots[::-1], []
        while stack or links:
            folder = stack.pop() if stack else links.pop(0)
            resolved = os.path.realpath(folder)
            if resolved in self.entered or resolved in self.excluded or looks_like_index(folder):
                continue
            self.entered.add(resolved)
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError as exc:
                self.skip(folder, f"the folder cannot be read ({exc.strerror or exc})")
                continue
            subfolders = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue  # editor and VCS litter
                path = folder / entry.name
                if _is_dir(entry):
                    if not _is_utf8(entry.name):
                        self.skip(path, NOT_UTF8.format("folder"))
                    else:
                        (links if entry.is_symlink() else subfolders).append(path)
                elif Path(entry.name).suffix.lower() not in SUPPORTED_SUFFIXES:
                    continue
                elif not _is_utf8(entry.name):
                    self.skip(path, NOT_UTF8.format("file"))
                elif entry.is_file():  # follows a link
                    linked = entry.is_symlink()
                    real = os.path.realpath(path) if linked else os.path.join(resolved, entry.name)
                    self.add(path, real, linked)
                else:
                    self.skip(path, "not a regular file (a link to nothing, a pipe or a device)")
            stack.extend(reversed(subfolders))


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # follows a link
    except OSError:
        return False


def discover(
    paths: list[Path],
    warn: Warn | None = None,
    skipped: list[tuple[str, str]] | None = None,
    exclude: Iterable[Path] = (),
) -> list[Path]:
    """Folders are walked so a corpus can be organised freely, linked folders too; hidden
    entries are editor/VCS litter. A file named explicitly is kept even with an unknown
    suffix, so that read_file reports it instead of it vanishing from the index unnoticed.
    What is not a regular file — a link to nothing, a named pipe (reading one waits forever),
    a device — is skipped, with a warning through `warn` naming it, and listed in `skipped`
    with the reason. So is a file or folder whose name is not UTF-8: no path of the index
    could hold it. The folders in `exclude` (the index being written) and every folder that is
    a newsbot index are never entered: an index kept inside its corpus folder would be read
    as articles by every update (its manifest.json), which then never found the index up to
    date. A file reached twice (see _Walk) is listed once."""
    if not paths:  # an index can be queried without them, not built
        raise IngestError("no corpus paths to index ([corpus] paths is empty)")
    walk = _Walk(warn, skipped, exclude)
    folders = []
    for p in map(Path, paths):
        if not p.exists():
            raise IngestError(f"corpus path not found: {printable(p)}")
        if p.is_dir():
            if _is_utf8(str(p)):
                folders.append(p)
            else:
                walk.skip(p, NOT_UTF8.format("folder"))
        elif p.is_file():
            walk.add(p, os.path.realpath(p), False)
        else:
            raise IngestError(f"corpus path is neither a file nor a folder: {printable(p)}")
    walk.walk(folders)
    return sorted(path for _, path in walk.found.values())
