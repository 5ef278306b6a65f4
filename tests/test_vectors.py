"""An update keeps the previous generation's vector index and edits it: the chunks that are
gone are taken out, the new ones added, and IVF cells (minutes of training at 1M vectors) are
kept until the collection has halved or doubled. Real FAISS on random unit vectors."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np
import pytest

from index.vectors import FaissStore, ivf_cells

DIM = 32


def unit(n: int, seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal((n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def centroids(store: FaissStore) -> np.ndarray:
    ivf = faiss.extract_index_ivf(store.index)
    return ivf.quantizer.reconstruct_n(0, ivf.nlist)


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, np.ndarray, np.ndarray]:
    ids, vecs = np.arange(1, 3001, dtype=np.int64), unit(3000, 1)
    store = FaissStore.build(ids, vecs, "ivf")
    path = tmp_path_factory.mktemp("gen") / "vectors.faiss"
    store.save(path)
    return path, ids, vecs


def test_an_update_edits_the_previous_ivf_index_without_retraining(
    previous: tuple[Path, np.ndarray, np.ndarray],
) -> None:
    path, ids, vecs = previous
    kept = ids > 200  # chunks 1..200 are gone
    new_ids, new_vecs = np.arange(3001, 3101, dtype=np.int64), unit(100, 2)
    all_ids = np.concatenate([ids[kept], new_ids])

    store = FaissStore.updated((path, "ivf"), all_ids, new_ids, new_vecs, "ivf")

    assert store is not None
    assert store.kind == "ivf" and len(store) == 2900
    assert np.array_equal(centroids(store), centroids(FaissStore.load(path, "ivf")))
    for i in (0, 50, 99):
        _, found = store.search(new_vecs[i], 1)
        assert found[0] == new_ids[i]
    for i in (0, 100, 199):
        _, found = store.search(vecs[i], 10)
        assert not set(found.tolist()) & set(range(1, 201))


def test_a_collection_that_doubled_gets_new_cells(
    previous: tuple[Path, np.ndarray, np.ndarray],
) -> None:
    path, ids, vecs = previous
    more_ids = np.arange(1, 9001, dtype=np.int64)
    more = np.vstack([vecs, unit(6000, 3)])
    assert FaissStore.updated((path, "ivf"), more_ids, more_ids[3000:], more[3000:], "ivf") is None
    store = FaissStore.build(more_ids, more, "ivf")  # what the build does then
    assert faiss.extract_index_ivf(store.index).nlist == ivf_cells(9000) != ivf_cells(3000)


def test_a_change_of_index_kind_builds_afresh(
    previous: tuple[Path, np.ndarray, np.ndarray],
) -> None:
    path, ids, vecs = previous
    none = np.zeros((0, DIM), dtype=np.float32)
    assert FaissStore.updated((path, "ivf"), ids, ids[:0], none, "hnsw") is None
    assert FaissStore.updated((path, "ivf"), ids[:500], ids[:0], none, "auto") is None  # flat
    assert FaissStore.updated((path, "ivf"), ids, ids[:0], none, "ivf") is not None


def test_a_flat_index_is_edited_too(tmp_path: Path) -> None:
    ids, vecs = np.arange(10, 60, dtype=np.int64), unit(50, 4)
    path = tmp_path / "vectors.faiss"
    FaissStore.build(ids, vecs, "flat").save(path)
    store = FaissStore.updated((path, "flat"), ids[5:], ids[:0], vecs[:0], "flat")
    assert store is not None and len(store) == 45
    scores, found = store.search(vecs[7], 1)
    assert found[0] == ids[7] and scores[0] == pytest.approx(1.0, abs=1e-5)
    _, found = store.search(vecs[0], 45)
    assert ids[0] not in found


@pytest.mark.parametrize("kind", ["flat", "ivf", "hnsw"])
def test_search_keeps_to_the_allowed_ids(kind: str) -> None:
    ids, vecs = np.arange(10, 3010, dtype=np.int64), unit(3000, 2)
    store = FaissStore.build(ids, vecs, kind, nprobe=64, ef_search=256)
    allowed = np.array([-1, 12, 500, 1500, 2999, 3009, 10**9], dtype=np.int64)  # some unknown
    _, got = store.search(vecs[490], 10, allowed)
    assert set(got.tolist()) <= {12, 500, 1500, 2999, 3009}
    assert got[0] == 500  # the query's own vector, id 500, is allowed
    if kind == "flat":
        assert sorted(got.tolist()) == [12, 500, 1500, 2999, 3009]
