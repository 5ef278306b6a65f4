"""`index build` and `index update`: files → articles → chunks → vectors → a new generation.

Both paths share one pipeline. An update copies the current generation, applies only what
changed (by file stat, then file hash, then per-article content hash) and re-embeds only
chunks whose text the embedding cache has never seen. When nothing changed no generation is
written at all, and the model is never loaded.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import sys
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index import interrupt, skipped, touched
from index.article import Article, IngestError, Warn, counted
from index.chunk import CHUNKER_VERSION, max_tokens_of
from index.defaults import APPROX_ABOVE, BATCH_SIZE, CHUNK_TOKENS, HNSW_M, KEEP_GENERATIONS
from index.discover import discover
from index.diskfull import disk_full, disk_full_error
from index.facets import has_facets, write_facets
from index.feeds import Fetched, archives, fetch_feeds
from index.ingest import read_file
from index.keyword import build_keyword_index, keyword_index_current
from index.model_path import missing_model_folder, resolve_model
from index.new_chunks import add_chunks, chunk_rows  # noqa: F401 - chunk_rows: for bench/
from index.paragraphs import READER_VERSION
from index.previous import check_database, damage, reading, reusable, still_skipped
from index.progress import PROGRESS_EVERY
from index.scan import Changes, scan
from index.store import IndexError_, IndexPaths, WriteLock, file_sizes, migrate, read_manifest
from index.terms import fill_missing_stems
from index.vectors import FaissStore


@dataclass
class BuildOptions:
    corpus: list[Path]
    index_dir: Path
    model: str  # the model's name in the manifest and the embedding cache, as configured
    batch_size: int = BATCH_SIZE
    chunk_tokens: int = CHUNK_TOKENS
    vector_index: str = "auto"
    approx_above: int = APPROX_ABOVE
    hnsw_m: int = HNSW_M
    keep_generations: int = KEEP_GENERATIONS
    progress: bool = True
    progress_every: float = PROGRESS_EVERY  # seconds between progress lines in a log
    model_path: str = ""  # where the model loads from, when not `model` (a resolved folder)
    feeds: list[str] = field(default_factory=list)  # fetched first, see index/feeds.py
    feeds_dir: Path | None = None  # their archive: read as one more corpus folder


@dataclass
class BuildStats:
    files: int = 0
    articles: int = 0
    chunks: int = 0
    embedded: int = 0
    reused: int = 0
    added: int = 0
    changed: int = 0
    removed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    generation: str | None = None
    up_to_date: bool = False
    fetched: Fetched | None = None

    def summary(self) -> str:
        articles, chunks = counted(self.articles, "article"), counted(self.chunks, "chunk")
        feeds = f"{self.fetched.summary()}; " if self.fetched else ""
        if self.up_to_date:
            left_out = f", {len(self.skipped)} skipped" if self.skipped else ""
            return (
                f"{feeds}index is up to date: {articles}, {chunks} "
                f"({counted(self.files, 'file')} checked{left_out}, {self.seconds:.1f} s)"
            )
        return (
            f"{feeds}indexed {articles}, {chunks} "
            f"(+{self.added:,} ~{self.changed:,} -{self.removed:,} articles); embedded "
            f"{self.embedded:,} chunks now, reused {self.reused:,}; skipped "
            f"{counted(len(self.skipped), 'file')}; "
            f"{self.seconds:.1f} s"
        )


def _warn_stderr(msg: str) -> None:
    print(msg, file=sys.stderr)


def _once(warn: Warn) -> Warn:
    """`warn`, saying each message once per build."""
    said: set[str] = set()

    def once(message: str) -> None:
        if message not in said:
            said.add(message)
            warn(message)

    return once


def _content_hash(a: Article) -> str:
    return hashlib.sha1(json.dumps([a.title, a.date, a.url, a.text]).encode()).hexdigest()


def run_build(opts: BuildOptions, full: bool, warn: Warn = _warn_stderr) -> BuildStats:
    """Build (full=True) or update the index; see module docstring. Raises IndexError_ for
    user-facing failures (locked, nothing indexable, missing corpus path, a full disk). An
    update whose previous generation turns out damaged builds afresh (index/previous.py)."""
    t0 = time.perf_counter()
    warn = _once(warn)  # an update that rebuilds after damage reads the files twice
    missing = missing_model_folder(opts.model_path or opts.model)
    if missing:  # before the corpus is read: the build could not embed a thing
        raise IndexError_(missing)
    budget = max_tokens_of(resolve_model(opts.model_path or opts.model)) - 2  # [CLS], [SEP]
    if opts.chunk_tokens > budget:
        warn(
            f"note: index.chunk_tokens is {opts.chunk_tokens}, more than the model reads: "
            f"chunks are capped at {budget} word-pieces"
        )
    paths = IndexPaths(opts.index_dir)
    with WriteLock(paths):
        prev = paths.current_generation()
        known: dict[str, tuple] = {}
        left_out: list[tuple[str, str, bool]] = []
        if prev is not None and not full:
            problem, known, left_out = reusable(prev, opts.model, opts.chunk_tokens)
            if problem:
                warn(f"note: {problem.split(';')[0]}; rebuilding from scratch")
                full = True
        corpus, fetched = opts.corpus, None
        if opts.feeds and opts.feeds_dir is not None:
            fetched = fetch_feeds(opts.feeds, opts.feeds_dir, warn)
            corpus = [*corpus, *archives(opts.feeds, opts.feeds_dir)]
        not_files: list[tuple[str, str]] = []
        try:
            files = discover(corpus, warn, not_files, exclude=[opts.index_dir])
        except IngestError as exc:
            raise IndexError_(str(exc)) from None
        stats = BuildStats(files=len(files), skipped=list(not_files), fetched=fetched)
        seen = touched.refreshed(paths.root, known)
        changes = scan(files, seen)
        # what earlier no-op updates saw is for the next generation to record too (first, so
        # that what this scan saw wins)
        earlier = [(Path(p), *seen[p]) for p in seen if seen[p] != known[p]]
        changes.touched = earlier + changes.touched
        if (
            prev is not None
            and not full
            and not changes.changed
            and not changes.deleted
            and keyword_index_current(prev)  # else: written by an older newsbot, upgraded below
            and has_facets(prev)
        ):
            paths.prune(opts.keep_generations)  # leftovers of a killed build
            touched.remember(paths.root, changes.touched)  # so the next one hashes none
            still_skipped(left_out, set(), stats.skipped, warn)
            m = read_manifest(prev)
            stats.articles, stats.chunks = m["articles"], m["chunks"]
            stats.up_to_date = True
            stats.seconds = time.perf_counter() - t0
            return stats

        paths.prune(opts.keep_generations)  # leftovers of killed builds
        base = None if full else prev
        try:
            stats.generation = _publish_new(opts, paths, base, changes, stats, warn)
        except Exception as exc:
            reason = damage(exc) if base is not None else None
            if base is None or reason is None:
                raise
            warn(
                f"warning: the current index {base.name} is damaged ({reason}); rebuilding "
                "from the articles and the embedding cache"
            )
            embedded = stats.embedded  # before it failed: now in the cache
            stats = BuildStats(files=len(files), skipped=list(not_files), fetched=fetched)
            stats.generation = _publish_new(opts, paths, None, scan(files, {}), stats, warn)
            stats.embedded, stats.reused = stats.embedded + embedded, stats.reused - embedded
        touched.forget(paths.root)  # the new generation records every file's stats
        stats.seconds = time.perf_counter() - t0
        return stats


def _publish_new(
    opts: BuildOptions,
    paths: IndexPaths,
    prev: Path | None,
    changes: Changes,
    stats: BuildStats,
    warn: Warn,
) -> str:
    """Write a generation (from `prev` and the changes, or afresh without it) and make it
    current; its name. An unfinished one is removed whatever stops it, and a full disk is
    one line (index/diskfull.py)."""
    tmp = None
    try:
        tmp = paths.new_generation()
        _write_generation(opts, paths, prev, tmp, changes, stats, warn)
        interrupt.check()  # a stop whose exception was swallowed: never published
        with interrupt.held():  # no signal between the rename and the swap of `current`
            return paths.publish(tmp, opts.keep_generations).name
    except BaseException as exc:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        if disk_full(exc):
            raise disk_full_error(opts.index_dir) from None
        raise


def _write_generation(
    opts: BuildOptions,
    paths: IndexPaths,
    prev: Path | None,
    tmp: Path,
    changes: Changes,
    stats: BuildStats,
    warn: Warn,
) -> None:
    if prev is not None:
        shutil.copyfile(prev / "meta.sqlite", tmp / "meta.sqlite")  # (an OSError: no damage)
    with closing(sqlite3.connect(tmp / "meta.sqlite")) as db:
        _fill_generation(opts, paths, prev, tmp, db, changes, stats, warn)


def _fill_generation(
    opts: BuildOptions,
    paths: IndexPaths,
    prev: Path | None,
    tmp: Path,
    db: sqlite3.Connection,
    changes: Changes,
    stats: BuildStats,
    warn: Warn,
) -> None:
    db.execute("PRAGMA journal_mode=OFF")  # the whole generation is discarded on failure
    db.execute("PRAGMA synchronous=OFF")
    with reading():
        if prev is not None:
            check_database(db)
        schema = migrate(db)
        # New chunks get ids above every id the previous generation holds: the keyword and
        # vector indexes reuse the previous generation's entry for every id they find in it.
        first_new_id = (db.execute("SELECT max(id) FROM chunks").fetchone()[0] or 0) + 1

    changed_files = changes.changed
    db.executemany(  # files touched without a change: recorded as they are now
        "UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?",
        [(size, mtime, str(f)) for f, size, mtime, _ in changes.touched],
    )
    for path in changes.deleted:
        ids = [r[0] for r in db.execute("SELECT id FROM articles WHERE path = ?", (path,))]
        for aid in ids:
            _delete_article(db, aid)
        stats.removed += len(ids)
        db.execute("DELETE FROM files WHERE path = ?", (path,))
        skipped.forget(db, path)
    reread = {str(f) for f, *_ in changed_files}
    still_skipped(skipped.remembered(db), reread, stats.skipped, warn)

    todo: list[Article] = []
    for f, size, mtime, digest in changed_files:
        try:
            articles = read_file(f, warn=lambda problem: warn(f"warning: {problem}"))
        except IngestError as exc:
            # A previously indexed version, if any, stays (bad input loses nothing).
            kept = skipped.record(db, str(f), (size, mtime, digest), str(exc))
            stats.skipped.append((str(f), str(exc)))
            warn(skipped.warning(str(f), str(exc), kept))
            continue
        skipped.forget(db, str(f))
        old = dict(db.execute("SELECT id, content_hash FROM articles WHERE path = ?", (str(f),)))
        seen = set()
        for a in articles:
            if a.id in seen:
                warn(f"warning: {f}: duplicate article id {a.item!r}; keeping the first")
                continue
            seen.add(a.id)
            h = _content_hash(a)
            if old.get(a.id) == h:
                continue
            if a.id in old:
                _delete_article(db, a.id)
                stats.changed += 1
            else:
                stats.added += 1
            db.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (a.id, a.path, a.item, a.title, a.date, a.url, a.text, h),
            )
            todo.append(a)
        for aid in set(old) - seen:
            _delete_article(db, aid)
            stats.removed += 1
        db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", (str(f), size, mtime, digest)
        )

    stats.embedded, stats.reused = add_chunks(
        db, todo, first_new_id, opts.model, opts.chunk_tokens, opts.batch_size, paths.cache,
        opts.progress, opts.progress_every, opts.model_path,
    )
    if 0 < schema < 5:
        fill_missing_stems(db)  # chunks kept from an index that did not store them (or not all)
    stats.articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    if stats.articles == 0:
        raise IndexError_("nothing could be indexed: no readable articles in the corpus paths")

    ids = np.array([r[0] for r in db.execute("SELECT id FROM chunks ORDER BY id")], np.int64)
    store = None
    if prev is not None:  # edit the previous vector index: read only the new vectors
        new_ids, new_vectors = _read_vectors(db, first_new_id)
        with reading():
            previous = (prev / "vectors.faiss", read_manifest(prev)["vector_index"])
            try:
                store = FaissStore.updated(
                    previous, ids, new_ids, new_vectors, opts.vector_index, opts.approx_above
                )
            except RuntimeError:  # faiss cannot read it: built afresh from the stored vectors
                warn(f"note: the vector index of {prev.name} cannot be read; building it afresh")
                store = None
    if store is None:
        store = FaissStore.build(
            ids, _read_vectors(db)[1], opts.vector_index, opts.approx_above, hnsw_m=opts.hnsw_m
        )
    store.save(tmp / "vectors.faiss")
    dim, kind = int(store.index.d), store.kind  # type: ignore[attr-defined]
    del store  # before the keyword index needs the memory
    build_keyword_index(db, ids, tmp, prev)
    stats.chunks = len(ids)
    db.commit()
    if 0 < schema < 3:
        db.execute("VACUUM")  # once: the space of what the upgrades to 2 and 3 dropped
    write_facets(db, ids, tmp)  # after VACUUM: it may renumber the articles' rowids
    manifest = {
        "model": opts.model,
        "dim": dim,
        "chunker_version": CHUNKER_VERSION,
        "reader_version": READER_VERSION,
        "chunk_tokens": opts.chunk_tokens,
        "vector_index": kind,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "articles": stats.articles,
        "chunks": stats.chunks,
        "corpus": [str(p) for p in opts.corpus],
        "sizes": file_sizes(tmp),
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2))


def _delete_article(db: sqlite3.Connection, aid: str) -> None:
    db.execute("DELETE FROM chunks WHERE article_id = ?", (aid,))
    db.execute("DELETE FROM articles WHERE id = ?", (aid,))


def _read_vectors(db: sqlite3.Connection, from_id: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(ids, vectors) of the chunks with an id of at least `from_id`, in id order, read into
    one preallocated array (a list of a million small arrays, stacked, doubled the peak)."""
    n = db.execute("SELECT count(*) FROM chunks WHERE id >= ?", (from_id,)).fetchone()[0]
    dim = 384
    if n:
        dim = len(db.execute("SELECT vector FROM chunks LIMIT 1").fetchone()[0]) // 4
    ids = np.empty(n, dtype=np.int64)
    vectors = np.empty((n, dim), dtype=np.float32)
    rows = db.execute("SELECT id, vector FROM chunks WHERE id >= ? ORDER BY id", (from_id,))
    for i, (cid, blob) in enumerate(rows):
        ids[i] = cid
        vectors[i] = np.frombuffer(blob, dtype=np.float32)
    return ids, vectors
