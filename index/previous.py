"""What an update takes from the previous generation, and what it does when that is damaged.

An update copies the current generation's database and reuses its vector and keyword indexes,
so bytes overwritten in any of them (a bad copy, a failing disk) would crash the update or, worse,
carry garbage into every later generation. A size check (index/store.damaged_file) finds a
file cut short without reading it; damage that keeps the size shows only when the file is
read. Then the update does what `newsbot index build` would: a full build, which reads
nothing of the previous generation and costs little, because every text it embeds is in the
embedding cache."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from index import skipped
from index.article import Warn
from index.paragraphs import READER_VERSION
from index.store import (
    IndexDamaged,
    damaged_file,
    manifest_problem,
    open_readonly,
    read_manifest,
)

# What reading a damaged file raises, besides IndexDamaged: NumPy's and the keyword index's
# ValueErrors (a UnicodeDecodeError too), an IndexError from a posting pointing nowhere,
# SQLite's "malformed" and faiss's RuntimeError. Only while the previous generation is read
# (`reading`): the same errors from the model or the embedding cache (a RuntimeError out of
# memory, a locked cache) are no damage. Nor is an OSError (a full disk, a permission): a
# full build would fail the same way, and says so.
DAMAGE = (sqlite3.DatabaseError, ValueError, IndexError, KeyError, RuntimeError)
# SQLite's words for pages that do not fit together, wherever the copy is read.
_CORRUPT = ("malformed", "not a database", "corrupt")


@contextmanager
def reading() -> Iterator[None]:
    """Around code that reads the previous generation: what it raises is damage."""
    try:
        yield
    except IndexDamaged:
        raise
    except DAMAGE as exc:
        raise IndexDamaged(_describe(exc)) from exc


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, sqlite3.DatabaseError) and not text.startswith("meta.sqlite"):
        return f"meta.sqlite: {text}"
    if isinstance(exc, RuntimeError):
        return "its vector index cannot be read"  # faiss's C++ message: not a line for a user
    return text


def reusable(
    prev: Path, model: str, chunk_tokens: int
) -> tuple[str | None, dict[str, tuple], list[tuple[str, str, bool]]]:
    """Why the current generation cannot be updated in place (None if it can), the files it
    recorded ({path: (size, mtime_ns, sha1)}) and those it could not read (index/skipped)."""
    try:
        manifest = read_manifest(prev)
        problem = manifest_problem(manifest, model)
        if not problem and manifest.get("chunk_tokens") != chunk_tokens:
            problem = "the chunk size changed since the last build"
        if problem:
            return problem, {}, []
        damage = damaged_file(prev, manifest)
        if damage:
            return f"the current index {prev.name} is damaged ({damage})", {}, []
        with closing(open_readonly(prev)) as prev_db:
            rows = prev_db.execute("SELECT * FROM files").fetchall()
            left_out = skipped.remembered(prev_db)
    except (OSError, ValueError, sqlite3.DatabaseError) as exc:
        return f"the current index {prev.name} is damaged ({exc})", {}, []
    if manifest.get("reader_version", 1) != READER_VERSION:
        # read by another version of the readers: every file again (a file gone is still
        # deleted: its path stays known)
        return None, {p: (s, m, "") for p, s, m, _ in rows}, left_out
    return None, {p: (s, m, h) for p, s, m, h in rows}, left_out


def check_database(db: sqlite3.Connection) -> None:
    """Raise IndexDamaged when the copied database's pages do not fit together. It costs
    about what copying the file did (0.4 s for 800 MB), and catches the overwritten page that
    would otherwise fail in the middle of the update or, lying in the chunks' vectors, never."""
    problem = db.execute("PRAGMA quick_check(1)").fetchone()[0]
    if problem != "ok":
        problem = problem.replace("*** in database main ***", "")
        raise IndexDamaged(f"meta.sqlite: {' '.join(problem.split())}")


def damage(exc: BaseException) -> str | None:
    """Why an update that reused the previous generation failed, when reading it is why: one
    line for the warning; None for any other failure (a bug, the model, the cache)."""
    if isinstance(exc, IndexDamaged):
        return str(exc)
    if isinstance(exc, sqlite3.DatabaseError) and any(w in str(exc) for w in _CORRUPT):
        return _describe(exc)  # a damaged page of the copy, met after the quick check
    return None


def still_skipped(
    left_out: list[tuple[str, str, bool]],
    reread: set[str],
    skipped_files: list[tuple[str, str]],
    warn: Warn,
) -> None:
    """Say again which unchanged files earlier updates could not read."""
    for path, reason, kept in left_out:
        if path not in reread:
            skipped_files.append((path, reason))
            warn(skipped.warning(path, reason, kept, again=True))
