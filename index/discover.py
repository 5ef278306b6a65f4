"""Which files of the corpus paths are articles to read.

Folders are walked so a corpus can be organised freely; what is not a regular file is named
and skipped here, before any reader sees it."""

from __future__ import annotations

import os
from pathlib import Path

from index.article import IngestError, Warn
from index.skipped import warning as skip_warning

SUPPORTED_SUFFIXES = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom"}
)


def discover(
    paths: list[Path], warn: Warn | None = None, skipped: list[tuple[str, str]] | None = None
) -> list[Path]:
    """Folders are walked so a corpus can be organised freely; hidden entries are editor/VCS
    litter. A file named explicitly is kept even with an unknown suffix, so that read_file
    reports it instead of it vanishing from the index unnoticed. What is not a regular file —
    a link to nothing, a named pipe (reading one waits forever), a device — is skipped, with a
    warning through `warn` naming it, and listed in `skipped` with the reason."""
    if not paths:  # an index can be queried without them, not built
        raise IngestError("no corpus paths to index ([corpus] paths is empty)")
    found: set[Path] = set()
    for p in map(Path, paths):
        if not p.exists():
            raise IngestError(f"corpus path not found: {p}")
        if not p.is_dir():
            if not p.is_file():
                raise IngestError(f"corpus path is neither a file nor a folder: {p}")
            found.add(p)
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                    path = Path(root) / name
                    if path.is_file():
                        found.add(path)
                    else:
                        reason = "not a regular file (a link to nothing, a pipe or a device)"
                        if skipped is not None:
                            skipped.append((str(path), reason))
                        if warn:
                            warn(skip_warning(str(path), reason, kept=False))
    return sorted(found)
