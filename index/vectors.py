"""Vector stores behind one small protocol; FAISS today, a server-backed store later.

Inner product on L2-normalised vectors (cosine). The index type comes from config: exact
("flat") by default, IVF or HNSW for large collections, "auto" choosing by size. What was built
is recorded in the manifest beside the index.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Protocol

import numpy as np

from index.defaults import APPROX_ABOVE, HNSW_EF_SEARCH, HNSW_M, IVF_NPROBE
from index.store import IndexDamaged

KINDS = ("auto", "flat", "ivf", "hnsw")


def resolve_kind(kind: str, n: int, approx_above: int) -> str:
    """The index type a build of n vectors gets."""
    if kind == "auto":
        kind = "ivf" if n > approx_above else "flat"  # HNSW: recall@10 0.85 at 1M
    if kind == "ivf" and n < 39 * 16:
        kind = "flat"  # too few vectors to train cells
    return kind


def ivf_cells(n: int) -> int:
    """txtai's rule: about 4·sqrt(n) cells, at least 39 training vectors per cell."""
    return max(1, min(int(4 * math.sqrt(n)), n // 39))


def _check_vectors(index: object) -> None:
    """Raise IndexDamaged unless every vector a flat or IVF index holds has unit length. An
    update keeps the previous generation's vectors, so bytes overwritten inside the file (its
    size unchanged, faiss none the wiser) would answer from garbage in every generation
    after; a unit vector's bytes overwritten stay a unit vector by no chance worth counting.
    Read in place, in blocks: a few tenths of a second at 1M vectors, no copy."""
    import faiss

    inner = faiss.downcast_index(index.index)  # type: ignore[attr-defined]
    dim = inner.d
    if isinstance(inner, faiss.IndexFlat):
        parts = [faiss.rev_swig_ptr(inner.get_xb(), inner.ntotal * dim)] if inner.ntotal else []
    elif isinstance(inner, faiss.IndexIVFFlat):
        lists = inner.invlists
        sizes = [(i, lists.list_size(i)) for i in range(inner.nlist)]
        parts = [
            faiss.rev_swig_ptr(lists.get_codes(i), n * inner.code_size).view(np.float32)
            for i, n in sizes
            if n
        ]
    else:
        return
    for flat in parts:
        vectors = flat.reshape(-1, dim)
        for start in range(0, len(vectors), 65536):
            block = vectors[start : start + 65536]
            norms = np.einsum("ij,ij->i", block, block)
            if not bool(np.all(np.abs(norms - 1) < 1e-3)):  # NaN fails too
                raise IndexDamaged("vectors.faiss holds vectors that are no unit vectors")


class VectorStore(Protocol):
    kind: str

    def __len__(self) -> int: ...

    def search(
        self, query: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids) of the k nearest, best first; ids of -1 are empty slots."""
        ...

    def save(self, path: Path) -> None: ...


class FaissStore:
    # OpenMP threads for one query; 0 = OpenMP's default (all cores). A single query is
    # faster on one: the flat search at 100k took 14 ms with two threads against 10 ms with
    # one here, as an idle OpenMP thread spin-waits for the other core (bench/README.md). The
    # setting is per calling thread and restored after the search, so a build running
    # elsewhere in the process (Telegram's /reindex) keeps every core.
    search_threads: int = 1

    def __init__(self, index: object, kind: str, nprobe: int = 0, ef_search: int = 0) -> None:
        self.index = index
        self.kind = kind
        self.nprobe = nprobe
        self.ef_search = ef_search

    def __len__(self) -> int:
        return int(self.index.ntotal)  # type: ignore[attr-defined]

    @classmethod
    def build(
        cls,
        ids: np.ndarray,
        vectors: np.ndarray,
        kind: str = "flat",
        approx_above: int = APPROX_ABOVE,
        nprobe: int = 0,
        hnsw_m: int = HNSW_M,
        ef_search: int = HNSW_EF_SEARCH,
    ) -> FaissStore:
        import faiss

        n, dim = vectors.shape if len(vectors) else (0, 384)
        kind = resolve_kind(kind, n, approx_above)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        if kind == "flat":
            index = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        elif kind == "ivf":
            cells = ivf_cells(n)
            inner = faiss.IndexIVFFlat(
                faiss.IndexFlatIP(dim), dim, cells, faiss.METRIC_INNER_PRODUCT
            )
            # k-means on 64 vectors per cell, a sample (faiss's default of 256 used all 1M):
            # training took 218 s instead of 710 s at 1M, recall@10 0.995 vs 0.994.
            inner.cp.max_points_per_centroid = 64
            inner.train(vectors)
            # 32 probes: recall@10 1.000 at 100k vectors, 0.996 at 1M, in 0.6 / 2.3 ms
            # (bench/README.md); cells/16 (250 at 1M) bought 0.999 for three times the time.
            nprobe = min(nprobe or IVF_NPROBE, cells)
            inner.nprobe = nprobe
            index = faiss.IndexIDMap2(inner)
        elif kind == "hnsw":
            inner = faiss.IndexHNSWFlat(dim, hnsw_m, faiss.METRIC_INNER_PRODUCT)
            inner.hnsw.efConstruction = 80
            inner.hnsw.efSearch = ef_search
            index = faiss.IndexIDMap2(inner)
        else:
            raise ValueError(f"index.vector_index must be one of {', '.join(KINDS)}, not {kind!r}")
        if n:
            index.add_with_ids(vectors, ids)
        return cls(index, kind, nprobe, ef_search)

    @classmethod
    def updated(
        cls,
        previous: tuple[Path, str],
        ids: np.ndarray,
        new_ids: np.ndarray,
        new_vectors: np.ndarray,
        kind: str = "flat",
        approx_above: int = APPROX_ABOVE,
        nprobe: int = 0,
    ) -> FaissStore | None:
        """The previous generation's index (`previous`: its path and kind) made to hold `ids`:
        the ones it has that are gone taken out, `new_ids` added; or None when a fresh build is
        due. Training IVF cells takes minutes at 1M vectors, while an update usually changes a
        few chunks, and reading every vector back costs seconds: only the new ones are passed.
        The cells are kept until the collection has halved or doubled since they were trained.
        HNSW cannot drop vectors, so it is always built afresh."""
        import faiss

        path, prev_kind = previous
        kind = resolve_kind(kind, len(ids), approx_above)
        if kind != prev_kind or kind not in ("flat", "ivf") or not path.exists():
            return None
        store = cls.load(path, kind, nprobe)
        index = store.index
        if (
            kind == "ivf"
            and not 0.7 <= faiss.extract_index_ivf(index).nlist / ivf_cells(len(ids)) <= 1.4
        ):
            return None
        _check_vectors(index)
        gone = np.setdiff1d(faiss.vector_to_array(index.id_map), ids)  # type: ignore[attr-defined]
        if len(gone):
            index.remove_ids(faiss.IDSelectorBatch(gone.astype(np.int64)))  # type: ignore[attr-defined]
        if len(new_ids):
            index.add_with_ids(  # type: ignore[attr-defined]
                np.ascontiguousarray(new_vectors, dtype=np.float32),
                np.ascontiguousarray(new_ids, dtype=np.int64),
            )
        held = np.sort(faiss.vector_to_array(index.id_map))  # type: ignore[attr-defined]
        if not np.array_equal(held, np.asarray(ids, dtype=np.int64)):
            raise IndexDamaged("vectors.faiss holds other chunk ids than the database")
        return store

    def search(
        self, query: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        import faiss

        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        k = max(1, min(k, len(self)))
        params = None
        if allowed is not None:
            # A bitmap over the id range, not IDSelectorBatch: that one builds a hash set of
            # the ids for every search, 230 ms for a filter keeping 500k of 1M chunks (2 ms).
            allowed = np.asarray(allowed, dtype=np.int64)
            allowed = allowed[allowed >= 0]
            member = np.zeros(int(allowed.max(initial=-1)) + 1, dtype=bool)
            member[allowed] = True
            bits = np.packbits(member, bitorder="little")  # referenced until the search ends
            sel = faiss.IDSelectorBitmap(len(bits), faiss.swig_ptr(bits))  # n: bytes
            if self.kind == "ivf":
                params = faiss.SearchParametersIVF(sel=sel, nprobe=self.nprobe)
            elif self.kind == "hnsw":
                params = faiss.SearchParametersHNSW(sel=sel, efSearch=self.ef_search)
            else:
                params = faiss.SearchParameters(sel=sel)
        if len(self) == 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        threads = self.search_threads
        before = faiss.omp_get_max_threads()
        if threads:
            faiss.omp_set_num_threads(threads)
        try:
            scores, ids = self.index.search(q, k, params=params)  # type: ignore[attr-defined]
        finally:
            if threads:
                faiss.omp_set_num_threads(before)
        keep = ids[0] >= 0
        return scores[0][keep], ids[0][keep]

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path, kind: str, nprobe: int = 0, ef_search: int = 0) -> FaissStore:
        import faiss

        index = faiss.read_index(str(path))
        # 0 in the config means "as built": read the value the index file carries, so that
        # filtered searches (which pass it explicitly) use it too.
        if kind == "ivf":
            ivf = faiss.extract_index_ivf(index)
            ivf.nprobe = min(nprobe or ivf.nprobe, ivf.nlist)
            nprobe = ivf.nprobe
        if kind == "hnsw":
            hnsw = faiss.downcast_index(index.index).hnsw
            hnsw.efSearch = ef_search or hnsw.efSearch
            ef_search = hnsw.efSearch
        return cls(index, kind, nprobe, ef_search)
