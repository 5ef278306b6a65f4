"""The index on disk: immutable generations, an atomic `current` pointer, one writer at a time.

    <index dir>/
      current -> generations/gen-000007      (a symlink, swapped with an atomic rename)
      generations/gen-000007/{meta.sqlite, vectors.faiss, bm25.*, manifest.json}
      embeddings.sqlite                       (the embedding cache, shared by all generations)
      touched.sqlite                          (files touched without a change: index/touched.py)
      write.lock                              (flock: one build or update at a time)

A build writes a new generation beside the old one and only then swaps `current`, so a build
killed at any moment leaves the previous index answering. Published generations are never
written again, so readers open them read-only and never block or get blocked.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from index.chunk import CHUNKER_VERSION

# The schema a new index gets.
SCHEMA = """
    CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha1 TEXT);
    CREATE TABLE articles (id TEXT PRIMARY KEY, path TEXT, item TEXT, title TEXT, date TEXT,
                           url TEXT, text TEXT, content_hash TEXT);
    CREATE INDEX articles_path ON articles(path);
    CREATE INDEX articles_date ON articles(date);
    CREATE INDEX articles_source ON articles(path, url);
    CREATE TABLE chunks (id INTEGER PRIMARY KEY, article_id TEXT, ordinal INTEGER,
                         sentences TEXT, vector BLOB, sentence_vectors BLOB, stems TEXT);
    CREATE INDEX chunks_article ON chunks(article_id);
    CREATE TABLE skipped (path TEXT PRIMARY KEY, reason TEXT);
"""

# How an index written by an older newsbot reaches SCHEMA: UPGRADES[i] takes schema i + 1 to
# i + 2. An update applies them while it copies the database into its new generation.
UPGRADES = [
    # 1 → 2: keyword search moved from SQLite FTS5 to the bm25.* files (index/keyword.py);
    # each chunk's stems are stored for the answer engine.
    """
    DROP TABLE chunks_vocab;
    DROP TABLE chunks_fts;
    ALTER TABLE chunks ADD COLUMN stems TEXT;
    """,
    # 2 → 3: the never-used chunk key column and meta table go; a source filter scans an
    # index of paths and URLs instead of the articles with their texts (4x faster).
    """
    ALTER TABLE chunks DROP COLUMN key;
    DROP TABLE meta;
    CREATE INDEX articles_source ON articles(path, url);
    """,
    # 3 → 4: files an update could not read are remembered with why (index/skipped.py).
    """
    CREATE TABLE skipped (path TEXT PRIMARY KEY, reason TEXT);
    """,
    # 4 → 5: the stored stems also hold hyphenated words joined up ("run-off" → "runoff",
    # index/terms.joined_compounds) and drop diacritics (index/terms.stem_all); the update
    # computes them again.
    """
    UPDATE chunks SET stems = NULL;
    """,
]
VERSION = len(UPGRADES) + 1


class IndexError_(Exception):
    """A missing, locked or incompatible index; the message is one line for the user."""


class IndexDamaged(Exception):
    """A generation's file whose bytes do not hold what they should (overwritten in place,
    so its size is unchanged); the message names the file. An update that meets one builds
    afresh (index/previous.py)."""


class IndexMissing(IndexError_):
    pass


class IndexLocked(IndexError_):
    pass


def migrate(db: sqlite3.Connection) -> int:
    """Creates the schema in a new database or upgrades an older one; returns the version the
    database had (0: new). A new one never needs SQLite's FTS5, which old schemas used."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > VERSION:
        raise IndexError_(
            f"index schema {version} is newer than this newsbot ({VERSION}); upgrade newsbot"
        )
    if version == 0:
        db.executescript(SCHEMA)
    else:
        for script in UPGRADES[version - 1 :]:
            db.executescript(script)
    db.execute(f"PRAGMA user_version = {VERSION}")
    db.commit()
    return version


@dataclass(frozen=True)
class IndexPaths:
    root: Path

    @property
    def current(self) -> Path:
        return self.root / "current"

    @property
    def generations(self) -> Path:
        return self.root / "generations"

    @property
    def cache(self) -> Path:
        return self.root / "embeddings.sqlite"

    @property
    def lock(self) -> Path:
        return self.root / "write.lock"

    def current_generation(self) -> Path | None:
        if not self.current.exists():
            return None
        return self.current.resolve()

    def new_generation(self) -> Path:
        """A fresh, unpublished generation folder (".tmp" until published)."""
        self.generations.mkdir(parents=True, exist_ok=True)
        numbers = [
            int(p.name.split("-")[1].split(".")[0])
            for p in self.generations.iterdir()
            if p.name.startswith("gen-")
        ]
        path = self.generations / f"gen-{max(numbers, default=0) + 1:06d}.tmp"
        path.mkdir()
        return path

    def publish(self, tmp: Path, keep: int = 2) -> Path:
        """Make a finished generation current: fsync, rename, swap the symlink atomically."""
        for f in tmp.iterdir():
            with open(f, "rb") as fh:
                os.fsync(fh.fileno())
        final = tmp.with_suffix("")
        os.rename(tmp, final)
        link_tmp = self.root / f".current.{os.getpid()}"
        if link_tmp.is_symlink() or link_tmp.exists():
            link_tmp.unlink()
        os.symlink(os.path.relpath(final, self.root), link_tmp)
        os.replace(link_tmp, self.current)
        for folder in (self.generations, self.root):  # both renames must survive a power loss
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        self.prune(keep)
        return final

    def prune(self, keep: int) -> None:
        """Drop unpublished leftovers of killed builds and all but the newest `keep` generations.
        A reader still holding an older one keeps its open files (POSIX unlink semantics)."""
        if not self.generations.is_dir():
            return
        current = self.current_generation()
        name = current.name if current else ""
        gens = sorted(p for p in self.generations.iterdir() if p.name.startswith("gen-"))
        # Finished generations newer than `current` were orphaned by a kill between the rename
        # and the symlink swap: leftovers, like unfinished ".tmp" ones.
        done = [p for p in gens if not p.name.endswith(".tmp") and p.name <= name]
        keep_names = {p.name for p in done[-max(keep, 1) :]} | {name}
        for p in gens:
            if p.name not in keep_names:
                shutil.rmtree(p, ignore_errors=True)


def looks_like_index(folder: Path) -> bool:
    """Whether a folder is a newsbot index (its generations beside a `current` link or a write
    lock): corpus discovery never reads one as articles, even one inside a corpus folder that
    is not this config's index."""
    paths = IndexPaths(folder)
    return paths.generations.is_dir() and (paths.current.is_symlink() or paths.lock.is_file())


def build_running(paths: IndexPaths) -> str | None:
    """Who holds the write lock ("pid 123, started 10:02:03"), or None when no build or update
    runs: "no index yet" reads differently while the first build is still under way. (Only
    asked when there is no index, so the moment's shared lock never delays a real writer.)"""
    try:
        fh = open(paths.lock)  # noqa: SIM115 - closed below
    except OSError:
        return None
    with fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return fh.read().strip() or "another process"
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    return None


class WriteLock:
    """flock on write.lock: held for a whole build or update; released by the kernel even when
    the writer is killed, so a crash never leaves a stale lock."""

    def __init__(self, paths: IndexPaths) -> None:
        self.paths = paths
        self.fh: object | None = None

    def __enter__(self) -> WriteLock:
        try:
            self.paths.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise IndexError_(
                f"cannot create the index folder {self.paths.root} (config key index.dir): "
                f"{exc.strerror or exc}"
            ) from None
        fh = open(self.paths.lock, "a+")  # noqa: SIM115 - held for the lock's lifetime
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            fh.close()
            raise IndexLocked(
                f"another index build or update is running ({holder}); try again when it ends"
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}, started {time.strftime('%H:%M:%S')}")
        fh.flush()
        self.fh = fh
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fh is not None:
            self.fh.truncate(0)  # type: ignore[attr-defined]
            self.fh.close()  # type: ignore[attr-defined]


def read_manifest(generation: Path) -> dict:
    return json.loads((generation / "manifest.json").read_text())


def open_readonly(generation: Path) -> sqlite3.Connection:
    """Published generations never change, so `immutable=1` skips all locking."""
    uri = f"file:{generation / 'meta.sqlite'}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def file_sizes(generation: Path) -> dict[str, int]:
    """The sizes of a generation's array and vector files, recorded in its manifest: a file
    cut short or overwritten later (a full disk, a bad copy) shows as another size, found
    without reading it. meta.sqlite is left out: SQLite reports its own damage."""
    return {
        f.name: f.stat().st_size
        for f in sorted(generation.iterdir())
        if f.is_file() and f.name not in ("manifest.json", "meta.sqlite")
        and not f.name.startswith("meta.sqlite-")
    }


def damaged_file(generation: Path, manifest: dict) -> str | None:
    """The first recorded file whose size changed since the generation was written, said as
    the reason it cannot be used; None when all are as written (or none were recorded)."""
    for name, size in manifest.get("sizes", {}).items():
        try:
            now = (generation / name).stat().st_size
        except OSError:
            return f"{name} is missing"
        if now != size:
            return f"{name} has {now:,} bytes, {size:,} when written"
    return None


def manifest_problem(manifest: dict, model: str) -> str | None:
    """Why an existing index cannot be reused with this configuration, if it cannot."""
    if manifest.get("model") != model:
        return (
            f"the index was built with model {manifest.get('model')!r} but the config says "
            f"{model!r}; run `newsbot index build` to rebuild it"
        )
    if manifest.get("chunker_version") != CHUNKER_VERSION:
        return "the index was built by another newsbot version; run `newsbot index build`"
    return None
