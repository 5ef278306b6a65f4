"""Files an update could not read, remembered in the generation's database.

A bad file is recorded with its size, time and hash like any file read, so that an unchanged
one is not read again by every update (and a file that went bad after it was indexed does not
count as changed forever, writing a new generation each time). But a warning printed once is
easily missed: every later update, and `newsbot index status`, say again which files are left
out and why, until the file is fixed or removed. A file that went bad keeps its previously
indexed version (bad input loses nothing), and the warning says so."""

from __future__ import annotations

import sqlite3


def record(
    db: sqlite3.Connection, path: str, stat: tuple[int, int, str], reason: str
) -> bool:
    """Remember a file that could not be read; True when an earlier version of it stays
    indexed."""
    db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", (path, *stat))
    db.execute("INSERT OR REPLACE INTO skipped VALUES (?, ?)", (path, reason))
    kept = db.execute("SELECT 1 FROM articles WHERE path = ? LIMIT 1", (path,)).fetchone()
    return kept is not None


def forget(db: sqlite3.Connection, path: str) -> None:
    """The file was read (or is gone): no longer skipped."""
    db.execute("DELETE FROM skipped WHERE path = ?", (path,))


def remembered(db: sqlite3.Connection) -> list[tuple[str, str, bool]]:
    """(path, reason, whether an earlier version stays indexed) of every skipped file; none
    for an index written before skipped files were remembered."""
    try:
        rows = db.execute(
            "SELECT s.path, s.reason, EXISTS (SELECT 1 FROM articles a WHERE a.path = s.path)"
            " FROM skipped s ORDER BY s.path"
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    return [(p, r, bool(kept)) for p, r, kept in rows]


def warning(path: str, reason: str, kept: bool, again: bool = False) -> str:
    """The one line that names a skipped file."""
    note = "; its previous version stays indexed" if kept else ""
    still = "still " if again else ""
    return f"warning: {still}skipped {path}: {reason}{note}"
