"""Reading an index: the current generation, hybrid retrieval (dense + BM25, reciprocal rank
fusion), date and source filters, and article diversity in the results."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index.keyword import keyword_search
from index.store import (
    IndexError_,
    IndexMissing,
    IndexPaths,
    manifest_problem,
    open_readonly,
    read_manifest,
)
from index.vectors import FaissStore


@dataclass
class Filters:
    since: str | None = None  # ISO date, inclusive
    until: str | None = None
    source: str | None = None  # substring of the article's URL or file path

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
            conds.append(
                "(instr(lower(coalesce(a.url, '')), ?) > 0 OR instr(lower(a.path), ?) > 0)"
            )
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

    @property
    def text(self) -> str:
        return self.article_text[self.sentences[0][0] : self.sentences[-1][1]]


class Index:
    """The current generation, opened read-only. Cheap to reopen after an update."""

    def __init__(self, index_dir: Path, model: str, nprobe: int = 0, ef_search: int = 0) -> None:
        paths = IndexPaths(index_dir)
        for attempt in range(3):
            gen = paths.current_generation()
            if gen is None:
                raise IndexMissing(f"no index in {index_dir}; run `newsbot index build` first")
            try:
                self._open(gen, model, nprobe, ef_search)
                return
            except (FileNotFoundError, sqlite3.OperationalError, RuntimeError):
                # Pruned between resolving `current` and opening it: a newer one is current.
                if attempt == 2:
                    raise IndexError_(f"cannot open the index in {index_dir}; rebuild it") from None

    def _open(self, gen: Path, model: str, nprobe: int, ef_search: int) -> None:
        self.generation = gen
        self.manifest = read_manifest(gen)
        problem = manifest_problem(self.manifest, model)
        if problem:
            raise IndexError_(problem)
        self._df: dict[str, int] = {}
        self.db = open_readonly(gen)
        try:
            self.vectors = FaissStore.load(
                gen / "vectors.faiss", self.manifest["vector_index"], nprobe, ef_search
            )
        except BaseException:
            self.db.close()
            raise

    def close(self) -> None:
        self.db.close()

    def doc_freq(self, stems: list[str]) -> dict[str, int]:
        """Chunks containing each (Porter-stemmed) term, from FTS5's vocabulary; cached, as
        a generation never changes."""
        for s in stems:
            if s not in self._df:
                row = self.db.execute(
                    "SELECT doc FROM chunks_vocab WHERE term = ?", (s,)
                ).fetchone()
                self._df[s] = row[0] if row else 0
        return {s: self._df[s] for s in stems}

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

    def files(self) -> dict[str, tuple[int, int, str]]:
        """{path: (size, mtime_ns, sha1)} of the files this generation read."""
        return {p: (s, m, h) for p, s, m, h in self.db.execute("SELECT * FROM files")}

    def _allowed(self, filters: Filters) -> np.ndarray | None:
        if not filters.active():
            return None
        where, params = filters.sql()
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
        filter_sql, params = "", ()
        if allowed is not None:
            where, params = filters.sql()
            filter_sql = (
                "AND rowid IN (SELECT c.id FROM chunks c JOIN articles a "
                f"ON a.id = c.article_id WHERE {where})"
            )
        kw = keyword_search(self.db, question, limit, filter_sql, params, self.doc_freq)
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

    def article_passages(self, article_ids: list[str], qvec: np.ndarray) -> list[Passage]:
        """Every chunk of the given articles: the sentence that answers a question is often
        outside the chunks that matched it best."""
        if not article_ids:
            return []
        ids = [
            r[0]
            for r in self.db.execute(
                f"SELECT id FROM chunks WHERE article_id IN ({','.join('?' * len(article_ids))})",
                article_ids,
            )
        ]
        out = self.passages(ids)
        for p in out:
            p.dense = float(p.extra.pop("vector") @ qvec.reshape(-1))
        return out

    def passages(self, chunk_ids: list[int]) -> list[Passage]:
        if not chunk_ids:
            return []
        rows = self.db.execute(
            "SELECT c.id, c.article_id, c.sentences, c.vector, c.sentence_vectors, a.title, a.date,"
            " a.url, a.path, a.item, a.text FROM chunks c JOIN articles a ON a.id = c.article_id"
            f" WHERE c.id IN ({','.join('?' * len(chunk_ids))})",
            chunk_ids,
        )
        out = []
        dim = int(self.manifest["dim"])
        for cid, aid, sents, vec, svecs, title, date, url, path, item, text in rows:
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
                text,
                [tuple(s) for s in json.loads(sents)],
                np.frombuffer(svecs, dtype=np.float16).astype(np.float32).reshape(-1, dim),
            )
            p.extra["vector"] = np.frombuffer(vec, dtype=np.float32)
            out.append(p)
        return out


def diversify(passages: list[Passage], k: int, per_article: int) -> list[Passage]:
    """The best k passages with at most `per_article` from any one article, so one long story
    cannot crowd out the others."""
    out: list[Passage] = []
    counts: dict[str, int] = {}
    for p in passages:
        if counts.get(p.article_id, 0) < per_article:
            counts[p.article_id] = counts.get(p.article_id, 0) + 1
            out.append(p)
            if len(out) == k:
                break
    return out
