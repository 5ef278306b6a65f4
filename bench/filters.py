"""Cost of date and source filters (`--since`, `--until`, `--source`): the filter step alone and
a whole warm `ask`, with the facet arrays (index/facets.py) against the same run's baseline, the
SQL join of chunks to articles that newsbot used before them.

Filters, chosen from the index's own dates so that they keep about 100 %, 50 % and 5 % of the
chunks, plus a source filter matching one article path. Each filter step is timed --runs times
(median); asks go through `AnswerEngine.ask` with the benchmark questions.

Usage: .venv/bin/python bench/filters.py [--index DIR] [--corpus DIR] [--runs 5] [--asks 20]
  --index: an index directory (default: one built from the corpus in a temp dir). The large
  synthetic ones are kept by `bench/query.py --work DIR`, e.g.
  DIR/n1000000-s1-noise0.5-mix0.5/ivf.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402


def _quantile_dates(index, fractions: list[float]) -> list[str]:
    """Dates such that `--since DATE` keeps about each fraction of the chunks."""
    import numpy as np

    dates = np.sort(np.asarray(index.facets.dates))
    dates = dates[dates > 0]
    out = []
    for f in fractions:
        d = int(dates[min(len(dates) - 1, int(len(dates) * (1 - f)))])
        out.append(f"{d // 10000:04d}-{d // 100 % 100:02d}-{d % 100:02d}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--index", type=Path)
    ap.add_argument("--corpus", type=Path, default=common.DEFAULT_CORPUS)
    ap.add_argument("--cache-dir", type=Path, default=common.DEFAULT_CACHE)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--asks", type=int, default=20)
    args = ap.parse_args(argv)
    common.setup(query_side=True)

    from bot.answer import AnswerEngine
    from index.search import Filters

    common.header("bench/filters.py: date and source filters, facet arrays vs SQL join")
    load = common.LoadMonitor()
    index_dir = args.index
    if index_dir is None:
        index_dir = common.temp_dir("filters") / "index"
        stats, _ = common.build_index(common.default_paths(args.corpus), index_dir, args.cache_dir)
        print(f"index: {stats.summary()}")
    engine = AnswerEngine.open(common.make_config(index_dir, []))
    index = engine.index
    if index.facets is None:
        print(f"{index_dir}: no facet arrays (built before them); run `newsbot index update`")
        return 1
    n = len(index.keyword.ids)
    path = index.db.execute("SELECT path FROM articles LIMIT 1 OFFSET 7").fetchone()[0]
    keep_all, half, few = _quantile_dates(index, [1.0, 0.5, 0.05])
    cases = [
        (f"--since {keep_all}", Filters(since=keep_all)),
        (f"--since {half}", Filters(since=half)),
        (f"--since {few}", Filters(since=few)),
        (f"--since {half} --until {few}", Filters(since=half, until=few)),
        ("--source <one file>", Filters(source=path)),
    ]
    questions = [q["question"] for q in common.questions(args.corpus)][: args.asks]
    facets = index.facets
    plain = []  # first: it also warms the index's pages for every filtered run after it
    for q in questions:
        t = time.perf_counter()
        engine.ask(q)
        plain.append(time.perf_counter() - t)
    rows = []
    for label, f in cases:
        fast, slow = [], []
        for _ in range(args.runs):
            t = time.perf_counter()
            got = index._allowed(f)
            fast.append(time.perf_counter() - t)
            index.__dict__["facets"] = None  # the SQL join, as before the facet arrays
            t = time.perf_counter()
            want = index._allowed(f)
            slow.append(time.perf_counter() - t)
            index.__dict__["facets"] = facets
        kept = n if got is None else len(got)
        same = (got is None and len(want) == n) or (
            got is not None and sorted(got.tolist()) == sorted(want.tolist())
        )
        asks = []
        for q in questions:
            t = time.perf_counter()
            engine.ask(q, since=f.since, until=f.until, source=f.source)
            asks.append(time.perf_counter() - t)
        rows.append([
            label, f"{kept:,} ({kept / n:.0%})", "yes" if same else "NO",
            common.ms(common.median(fast)), common.ms(common.median(slow)),
            f"{common.median(slow) / max(common.median(fast), 1e-9):.0f}x",
            common.ms(common.median(asks)),
        ])
    print(f"index: {index_dir} ({n:,} chunks, {index.manifest['vector_index']}); "
          f"{args.runs} runs per filter, {len(questions)} asks per filter")
    print(common.table(
        ["filter", "chunks kept", "same ids", "facets p50", "SQL join p50", "ratio",
         "ask p50 (facets)"], rows))
    print(f"unfiltered ask p50: {common.ms(common.median(plain))}")
    load.finish()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
