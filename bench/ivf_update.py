"""An `index update` at scale: the vector step of a fresh IVF build (training the cells, then
adding every vector) against editing the previous generation's index with only the new
vectors (what an update does), on N random unit vectors.

    .venv/bin/python bench/ivf_update.py [--n 200000] [--runs 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
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
    load = common.LoadMonitor()

    rng = np.random.default_rng(0)
    vecs = rng.standard_normal((args.n + 6 * args.runs, 384)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    ids = np.arange(1, args.n + 1, dtype=np.int64)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "vectors.faiss"
        fresh, _ = common.timed(lambda: FaissStore.build(ids, vecs[: args.n], "ivf").save(path))
        load.sample()
        times = []
        for r in range(args.runs):
            # One changed article: its 6 chunks gone, 6 new ones under new ids.
            gone = ids[100 * r : 100 * r + 6]
            new_ids = np.arange(args.n + 1 + 6 * r, args.n + 7 + 6 * r, dtype=np.int64)
            all_ids = np.concatenate([ids[~np.isin(ids, gone)], new_ids])
            new_vecs = vecs[args.n + 6 * r : args.n + 6 * r + 6]

            def edit(all_ids: np.ndarray = all_ids, new_ids: np.ndarray = new_ids,
                     new_vecs: np.ndarray = new_vecs, r: int = r) -> None:
                edited = FaissStore.updated((path, "ivf"), all_ids, new_ids, new_vecs, "ivf")
                assert edited is not None and len(edited) == args.n
                edited.save(Path(tmp) / f"next-{r}.faiss")

            took, _ = common.timed(edit)
            times.append(took)
            load.sample()
    load.finish()
    upd = common.median(times)
    print(f"\n{args.n:,} vectors, 384 dims, {ivf_cells(args.n)} IVF cells\n")
    print(common.table(
        ["vector step of an update (one article changed)", "seconds"],
        [["fresh IVF build + save (baseline: what every update did before)", f"{fresh:.1f}"],
         [f"edit the previous index in place + save (median of {args.runs})", f"{upd:.2f}"],
         ["speed-up", f"{fresh / upd:.0f}x"]],
    ))
    print("\n".join(load.lines()))


if __name__ == "__main__":
    main()
