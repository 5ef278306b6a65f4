"""An `index update` at scale: the vector step of a fresh IVF build (training the cells, then
adding every vector) against editing the previous generation's index (what an update does
since the index is kept between generations), on N random unit vectors.

    .venv/bin/python bench/ivf_update.py [--n 200000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

from index.vectors import FaissStore, ivf_cells  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200_000, help="vectors (default 200,000)")
    ap.add_argument("--runs", type=int, default=3, help="updates timed (default 3)")
    args = ap.parse_args()
    common.header("bench/ivf_update.py: vector step of an update, fresh IVF build vs edit in place")

    rng = np.random.default_rng(0)
    vecs = rng.standard_normal((args.n + 50, 384)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    ids = np.arange(1, args.n + 1, dtype=np.int64)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "vectors.faiss"
        t = time.perf_counter()
        FaissStore.build(ids, vecs[: args.n], "ivf").save(path)
        fresh = time.perf_counter() - t
        times = []
        for r in range(args.runs):
            # One changed article: its 6 chunks gone, 6 new ones under new ids.
            gone = ids[100 * r : 100 * r + 6]
            keep = ~np.isin(ids, gone)
            new_ids = np.arange(args.n + 1 + 6 * r, args.n + 7 + 6 * r, dtype=np.int64)
            all_ids = np.concatenate([ids[keep], new_ids])
            all_vecs = np.vstack([vecs[: args.n][keep], vecs[args.n + 6 * r : args.n + 6 * r + 6]])
            t = time.perf_counter()
            store = FaissStore.build(all_ids, all_vecs, "ivf", previous=(path, "ivf"))
            store.save(Path(tmp) / f"next-{r}.faiss")
            times.append(time.perf_counter() - t)
    upd = statistics.median(times)
    print(f"\n{args.n:,} vectors, 384 dims, {ivf_cells(args.n)} IVF cells\n")
    print("| vector step of an update (one article changed) | seconds |")
    print("|---|---|")
    print(f"| fresh IVF build + save (baseline: what every update did before) | {fresh:.1f} |")
    print(f"| edit the previous index in place + save (median of {args.runs}) | {upd:.2f} |")
    print(f"| speed-up | {fresh / upd:.0f}x |")


if __name__ == "__main__":
    main()
