"""Reading an index: the current generation, hybrid retrieval (dense + BM25, reciprocal rank
fusion), date and source filters, and article diversity in the results."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from index import skipped
from index.facets import SOURCE_SQL, Facets
from index.keyword import KeywordIndex, has_keyword_index
from index.store import (
    IndexError_,
    IndexMissing,
    IndexPaths,
    build_running,
    damaged_file,
    manifest_problem,
    open_readonly,
    read_manifest,
)
from index.terms import parse_stems
from index.vectors import FaissStore

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class Filters:
    since: str | None = None  # ISO date, inclusive
    until: str | None = None
    source: str | None = None  # substring of the article's URL or file path

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value and not _ISO_DAY.fullmatch(value):
                raise ValueError(f"{name} must be a date as YYYY-MM-DD, not {value!r}")

    def active(self) -> bool:
        return bool(self.since or self.until or self.source)

    def sql(self) -> tuple[str, tuple]:
        conds, params = [], []
        if self.since:
            conds.append("a.date >= ?")
            params.append(self.since)
        if self.until:
            conds.append("a.date <= ?")
            params.append(self.until)
        if self.source:
            conds.append(f"({SOURCE_SQL})")
            params += [self.source.lower(), self.source.lower()]
        return " AND ".join(conds), tuple(params)


@dataclass
class Passage:
    chunk_id: int
    article_id: str
    title: str
    date: str | None
    source: str
    url: str | None
    path: str
    item: str | None
    article_text: str
    sentences: list[tuple[int, int]]  # offsets into article_text
    sentence_vectors: np.ndarray
    dense: float = 0.0  # cosine of the question and the chunk
    keyword: float = 0.0  # BM25, 0 when not matched
    fused: float = 0.0  # reciprocal rank fusion
    score: float = 0.0  # final ranking score (set by the answer engine)
    extra: dict = field(default_factory=dict)
    stems_json: str | None = None  # as stored; read through title_stems / sentence_stems

    @property
    def text(self) -> str:
        return self.article_text[self.sentences[0][0] : self.sentences[-1][1]]

    @cached_property
    def _stems(self) -> tuple[list[str] | None, list[list[str]] | None]:
        return parse_stems(self.stems_json)

    @property
    def title_stems(self) -> list[str] | None:
        r"""The distinct Porter stems of the title's words: `stem_all` of its `\w+` tokens
        (lower-cased), deduplicated in order of first appearance, computed at build time."""
        return self._stems[0]

    @property
    def sentence_stems(self) -> list[list[str]] | None:
        """The same for each sentence, parallel to `sentences`."""
        return self._stems[1]


class Index:
    """The current generation, opened read-only. Cheap to reopen after an update."""

    def __init__(self, index_dir: Path, model: str, nprobe: int = 0, ef_search: int = 0) -> None:
        paths = IndexPaths(index_dir)
        for attempt in range(3):
            gen = paths.current_generation()
            if gen is None:
                holder = build_running(paths)
                if holder:
                    raise IndexMissing(
                        f"no index in {index_dir} yet: the first build is running ({holder}); "
                        "try again when it ends"
                    )
                raise IndexMissing(f"no index in {index_dir}; run `newsbot index build` first")
            try:
                self._open(gen, model, nprobe, ef_search)
                return
            except (OSError, ValueError, sqlite3.DatabaseError, RuntimeError) as exc:
                # Pruned between resolving `current` and opening it: a newer one is current.
                # Three times in a row: damaged.
                if attempt == 2:
                    # faiss says what failed in C++ ("Error in void faiss::read_xb_vector…"):
                    # not a line for a user.
                    reason = "its vector index cannot be read" if isinstance(
                        exc, RuntimeError
                    ) else str(exc)
                    raise IndexError_(
                        f"cannot open the index in {index_dir} ({reason}); rebuild it with "
                        "`newsbot index update`"
                    ) from None

    def _open(self, gen: Path, model: str, nprobe: int, ef_search: int) -> None:
        self.generation = gen
        self.manifest = read_manifest(gen)
        problem = manifest_problem(self.manifest, model)
        if problem:
            raise IndexError_(problem)
        if not has_keyword_index(gen):
            if not gen.exists():
                raise FileNotFoundError(gen)  # pruned meanwhile: the caller retries
            raise IndexError_(
                f"the index in {gen.parent.parent} was built by an older newsbot; "
                "run `newsbot index update`"
            )
        damage = damaged_file(gen, self.manifest)
        if damage and gen.exists():
            raise ValueError(damage)
        self.db = open_readonly(gen)
        try:
            self.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone()  # damaged or empty
            self.keyword = KeywordIndex(gen)
            self.vectors = FaissStore.load(
                gen / "vectors.faiss", self.manifest["vector_index"], nprobe, ef_search
            )
        except BaseException:
            self.db.close()
            raise

    def close(self) -> None:
        self.db.close()

    def doc_freq(self, words: list[str]) -> dict[str, int]:
        """Chunks containing each (Porter-stemmed) term, from the keyword index."""
        return self.keyword.doc_freq(words)

    def stats(self) -> dict:
        first, last = self.db.execute(
            "SELECT min(date), max(date) FROM articles WHERE date IS NOT NULL"
        ).fetchone()
        return {
            "articles": self.manifest["articles"],
            "chunks": self.manifest["chunks"],
            "model": self.manifest["model"],
            "vector_index": self.manifest["vector_index"],
            "built_at": self.manifest["built_at"],
            "first_date": first,
            "last_date": last,
            "generation": self.generation.name,
        }

    def article_refs(self) -> list[tuple[str, str | None]]:
        """(path, item) of every article the generation holds."""
        return self.db.execute("SELECT path, item FROM articles").fetchall()

    def article(self, article_id: str) -> tuple[str, str | None, str] | None:
        """(path, item, text) of one article: where it came from and what it says, for
        checking a citation against its source."""
        row = self.db.execute(
            "SELECT path, item, text FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def files(self) -> dict[str, tuple[int, int, str]]:
        """{path: (size, mtime_ns, sha1)} of the files this generation read."""
        return {p: (s, m, h) for p, s, m, h in self.db.execute("SELECT * FROM files")}

    def skipped(self) -> list[tuple[str, str, bool]]:
        """(path, reason, earlier version kept) of the files the last update could not read."""
        return skipped.remembered(self.db)

    @cached_property
    def facets(self) -> Facets | None:
        return Facets.open(self.generation, self.keyword.ids)

    def _allowed(self, filters: Filters) -> np.ndarray | None:
        """Ids of the chunks a filter keeps (None: no filter, or one that keeps them all)."""
        if not filters.active():
            return None
        if self.facets is not None:
            return self.facets.allowed(self.db, filters.since, filters.until, filters.source)
        where, params = filters.sql()  # a generation written before the facet arrays
        rows = self.db.execute(
            f"SELECT c.id FROM chunks c JOIN articles a ON a.id = c.article_id WHERE {where}",
            params,
        )
        return np.array([r[0] for r in rows], dtype=np.int64)

    def candidates(
        self,
        qvec: np.ndarray,
        question: str,
        limit: int = 40,
        rrf_k: int = 60,
        weights: tuple[float, float] = (1.0, 1.0),
        filters: Filters | None = None,
    ) -> list[Passage]:
        """Dense and keyword candidates fused by reciprocal rank, best first (not yet
        diversified: the answer engine reranks them and then calls `diversify`)."""
        filters = filters or Filters()
        allowed = self._allowed(filters)
        if allowed is not None and len(allowed) == 0:
            return []
        _, dense_ids = self.vectors.search(qvec, limit, allowed)
        kw = self.keyword.search(question, limit, allowed)
        fused: dict[int, float] = {}
        for rank, cid in enumerate(dense_ids.tolist()):
            fused[cid] = fused.get(cid, 0.0) + weights[0] / (rrf_k + rank + 1)
        kw_score = {}
        for rank, (cid, score) in enumerate(kw):
            fused[cid] = fused.get(cid, 0.0) + weights[1] / (rrf_k + rank + 1)
            kw_score[cid] = score
        passages = self.passages(list(fused))
        for p in passages:
            p.fused = fused[p.chunk_id]
            p.keyword = kw_score.get(p.chunk_id, 0.0)
            p.dense = float(p.extra.pop("vector") @ qvec.reshape(-1))
        passages.sort(key=lambda p: p.fused, reverse=True)
        return passages

    def article_passages(
        self,
        article_ids: list[str],
        qvec: np.ndarray,
        per_article: int = 32,
        keep: frozenset[int] = frozenset(),
    ) -> list[Passage]:
        """The chunks of the given articles: the sentence that answers a question is often
        outside the chunks that matched it best. All of them for a news article; for a very
        long one (a report, a transcript: 1,400 chunks) the `per_article` nearest to the
        question, or every question about it read the whole text (4 s); chunks in `keep` (the
        ones that made the article a candidate, maybe by keywords alone) stay in any case."""
        if not article_ids:
            return []
        rows = self.db.execute(
            "SELECT id, article_id FROM chunks"
            f" WHERE article_id IN ({','.join('?' * len(article_ids))})",
            article_ids,
        ).fetchall()
        by_article: dict[str, list[int]] = {}
        for cid, aid in rows:
            by_article.setdefault(aid, []).append(cid)
        ids: list[int] = []
        q = qvec.reshape(-1)
        for chunks in by_article.values():
            if len(chunks) > per_article:  # only then are its vectors read twice
                marks = ",".join("?" * len(chunks))
                sims = {
                    cid: float(np.frombuffer(vec, dtype=np.float32) @ q)
                    for cid, vec in self.db.execute(
                        f"SELECT id, vector FROM chunks WHERE id IN ({marks})", chunks
                    )
                }
                best = set(sorted(chunks, key=sims.__getitem__, reverse=True)[:per_article])
                chunks = [c for c in chunks if c in best or c in keep]
            ids.extend(chunks)
        out = self.passages(ids)
        for p in out:
            p.dense = float(p.extra.pop("vector") @ q)
        return out

    def leads(self, filters: Filters, limit: int) -> tuple[int, list[Passage]]:
        """How many articles the filters keep, and the first chunk of the newest `limit` of
        them (a question that names only a time is answered by what its articles open on)."""
        where, params = filters.sql()
        where = where or "1"
        # A copy of an article (the same story in another file or format) is counted and
        # listed once: same title, day and length of text, cheaper to compare than the text.
        copy = "a.title, a.date, length(a.text)"
        n = self.db.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM articles a WHERE {where} GROUP BY {copy})",
            params,
        ).fetchone()
        rows = self.db.execute(
            "SELECT (SELECT c.id FROM chunks c WHERE c.article_id = g.id ORDER BY c.ordinal"
            " LIMIT 1) FROM (SELECT min(a.id) AS id, a.date AS date, a.title AS title FROM"
            f" articles a WHERE {where} GROUP BY {copy}) g ORDER BY g.date DESC, g.title LIMIT ?",
            (*params, limit),
        ).fetchall()
        ids = [r[0] for r in rows if r[0] is not None]
        found = {p.chunk_id: p for p in self.passages(ids)}
        return int(n[0]), [found[i] for i in ids if i in found]

    def passages(self, chunk_ids: list[int]) -> list[Passage]:
        if not chunk_ids:
            return []
        rows = self.db.execute(
            "SELECT c.id, c.article_id, c.sentences, c.vector, c.sentence_vectors, c.stems,"
            " a.title, a.date, a.url, a.path, a.item"
            " FROM chunks c JOIN articles a ON a.id = c.article_id"
            f" WHERE c.id IN ({','.join('?' * len(chunk_ids))})",
            chunk_ids,
        ).fetchall()
        # Each article's text is read once and shared by its chunks (it was copied into every
        # row: 1.7 GB of strings for the 1,400 chunks of one 1.2 MB article).
        article_ids = list({r[1] for r in rows})
        texts = dict(
            self.db.execute(
                f"SELECT id, text FROM articles WHERE id IN ({','.join('?' * len(article_ids))})",
                article_ids,
            )
        )
        out = []
        dim = int(self.manifest["dim"])
        for cid, aid, sents, vec, svecs, stems, title, date, url, path, item in rows:
            source = url or (path if item is None else f"{path}#{item}")
            p = Passage(
                cid,
                aid,
                title,
                date,
                source,
                url,
                path,
                item,
                texts[aid],
                [tuple(s) for s in json.loads(sents)],
                np.frombuffer(svecs, dtype=np.float16).astype(np.float32).reshape(-1, dim),
            )
            p.stems_json = stems
            p.extra["vector"] = np.frombuffer(vec, dtype=np.float32)
            out.append(p)
        return out


def diversify(passages: list[Passage], k: int, per_article: int) -> list[Passage]:
    """The best k passages with at most `per_article` from any one article, so one long story
    cannot crowd out the others; an article that is a copy of a better one (the same text in
    another file or format) adds nothing and is left out."""
    out: list[Passage] = []
    counts: dict[str, int] = {}
    texts: dict[str, str] = {}  # article text → the article that has it
    for p in passages:
        if p.article_text and texts.setdefault(p.article_text, p.article_id) != p.article_id:
            continue
        if counts.get(p.article_id, 0) < per_article:
            counts[p.article_id] = counts.get(p.article_id, 0) + 1
            out.append(p)
            if len(out) == k:
                break
    return out
