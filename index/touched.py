"""Files touched without a change since the current generation was written, and their stats.

An update finds a file unchanged by its size and mtime, as the generation recorded them, and
hashes it only when those differ. A generation is never written again once published, so a
file touched without a change (`touch`, a copy, a checkout) kept differing from it: every
no-op update and `index status` hashed every such file again, for ever. A no-op update
records their new stats here instead (`touched.sqlite` beside the generations, written only
under the write lock); the next update takes them for the generation's own when the hash
they were seen with is the one the generation recorded. The next generation written records
them itself, and this file goes.

Only a shortcut: a file here that cannot be read or written is ignored (and removed)."""

from __future__ import annotations

import contextlib
import sqlite3
from contextlib import closing
from pathlib import Path

NAME = "touched.sqlite"


def refreshed(index_dir: Path, known: dict[str, tuple]) -> dict[str, tuple]:
    """`known` ({path: (size, mtime_ns, sha1)}) with the stats each file was last seen
    unchanged with."""
    path = index_dir / NAME
    if not path.exists():
        return known
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            rows = db.execute("SELECT path, size, mtime_ns, sha1 FROM files").fetchall()
    except sqlite3.Error:
        forget(index_dir)
        return known
    out = dict(known)
    for name, size, mtime, sha1 in rows:
        old = out.get(name)
        if old is not None and old[2] == sha1:
            out[name] = (size, mtime, sha1)
    return out


def remember(index_dir: Path, touched: list[tuple[Path, int, int, str]]) -> None:
    """Record files a no-op update found unchanged under new stats."""
    if not touched:
        return
    try:
        with closing(sqlite3.connect(index_dir / NAME)) as db, db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS files"
                " (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha1 TEXT)"
            )
            db.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                [(str(f), size, mtime, sha1) for f, size, mtime, sha1 in touched],
            )
    except sqlite3.Error:  # damaged, a full disk: the next update hashes them again
        forget(index_dir)


def forget(index_dir: Path) -> None:
    """A generation was published with every file's current stats: nothing to remember."""
    with contextlib.suppress(OSError):
        (index_dir / NAME).unlink(missing_ok=True)
