"""`newsbot index update` on 1,000+ articles: a no-op update, and one changed article.

The first --n articles of scale/wikinews.jsonl are laid out two ways, since the per-file cost
(stat, hash, parse) differs:
  - jsonl: one `wikinews.jsonl` file holding all of them;
  - txt:   one seed-format `.txt` file per article (same titles, dates and paragraphs).
For each layout the index is built once in a temp dir (the embedding cache is seeded from and
saved to --cache-dir, so only the first run ever embeds the ~4 chunks per article), then:
  - no-op update: `newsbot index update --quiet` as a subprocess (wall time, interpreter start
    included; target <= 3 s) and `run_build(full=False)` in-process, median of --runs; the
    same-run baselines are the interpreter alone (`python -c pass`), the interpreter plus
    `import bot.cli`, the discover+stat walk alone, and a full rebuild with a warm cache (what
    an update saves);
  - one changed article, --change-runs times (a different article each time, one with >= 4
    chunks): a sentence is added to its middle paragraph, `newsbot index update` runs as a
    subprocess, and the chunks it re-embedded are compared with that article's chunk count and
    with the number of its chunk texts that really changed.

Usage: .venv/bin/python bench/update.py [--corpus DIR] [--n 1200] [--runs 5] [--change-runs 3]
       [--layouts jsonl,txt] [--cache-dir DIR] [--quick]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

SUMMARY = re.compile(r"embedded (\d+) chunks now, reused (\d+)")


def _run(cmd: list[str]) -> tuple[float, str]:
    took, proc = common.timed_run(cmd)
    return took, proc.stdout + proc.stderr


def _edit(text: str, run: int) -> str:
    """Add one sentence at the end of the middle paragraph."""
    paras = text.split("\n\n")
    mid = len(paras) // 2
    paras[mid] = paras[mid].rstrip() + f" Officials confirmed the report on day {run + 2}."
    return "\n\n".join(paras)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, default=common.DEFAULT_CORPUS,
                   help="the shared corpus root (default: ../shared/corpus)")
    p.add_argument("--n", type=int, default=1200, help="articles from scale/wikinews.jsonl")
    p.add_argument("--runs", type=int, default=5, help="no-op update runs")
    p.add_argument("--change-runs", type=int, default=3, help="changed-article runs")
    p.add_argument("--layouts", default="jsonl,txt")
    p.add_argument("--cache-dir", type=Path, default=common.DEFAULT_CACHE,
                   help="embedding cache kept between runs (default %(default)s); "
                        "'none' to embed everything")
    p.add_argument("--quick", action="store_true", help="300 articles, 3 runs, 2 changes")
    args = p.parse_args(argv)
    common.setup()
    if args.quick:
        args.n, args.runs, args.change_runs = 300, 3, 2
    cache_dir = None if str(args.cache_dir) == "none" else args.cache_dir
    layouts = [x for x in args.layouts.split(",") if x]

    common.header(f"bench/update.py: index update on {args.n} articles")
    load = common.LoadMonitor()
    work = common.temp_dir("update")
    results: dict[str, dict] = {}
    changes: list[list[object]] = []
    for layout in layouts:
        results[layout] = _layout(layout, args, work, cache_dir, load, changes)
    load.finish()

    med = common.median
    cols = [f"{lay} ({'1 file' if lay == 'jsonl' else f'{args.n} files'})" for lay in layouts]

    def row(name: str, fn) -> list[str]:  # noqa: ANN001
        return [name] + [fn(results[lay]) for lay in layouts]

    rows = [
        row("initial build (fresh dir, cache from --cache-dir)",
            lambda r: f"{r['build']:.1f} s ({r['stats'].chunks} chunks, "
                      f"{r['stats'].embedded} embedded)"),
        row(f"baseline: `python -c pass` (median of {args.runs})",
            lambda r: common.secs(med(r["pass"]))),
        row(f"baseline: `python -c 'import bot.cli'` (median of {args.runs})",
            lambda r: common.secs(med(r["import"]))),
        row(f"baseline: discover + stat every file, in-process (median of {args.runs})",
            lambda r: common.ms(med(r["walk"]))),
        row("baseline: full rebuild, warm cache (1 run)",
            lambda r: f"{r['rebuild']:.1f} s ({r['rebuild_embedded']} embedded)"),
        row(f"no-op `newsbot index update` subprocess (median of {args.runs})",
            lambda r: common.secs(med(r["cli"]))),
        row("  p95 / max", lambda r: f"{common.percentile(r['cli'], 95):.2f} / "
                                    f"{max(r['cli']):.2f} s"),
        row(f"no-op update in-process, run_build(full=False) (median of {args.runs})",
            lambda r: common.ms(med(r["inproc"]))),
        row("target no-op <= 3 s", lambda r: "MET" if med(r["cli"]) <= 3 else "MISSED"),
    ]
    print()
    print(common.table(["measure", *cols], rows))
    if changes:
        print()
        print(common.table(
            ["layout", "run", "changed article", "its chunks before -> after",
             "chunk texts that changed", "re-embedded", "reused", "`index update` wall",
             "1-min load"], changes))
        print("(a sentence added to the middle paragraph; the update runs as a subprocess, so its "
              "time includes the interpreter, the torch import and the model load)")
    print()
    for line in load.lines():
        print(line)
    return 0


def _layout(layout: str, args: argparse.Namespace, work: Path, cache_dir: Path | None,
            load: common.LoadMonitor, changes: list[list[object]]) -> dict:
    import sqlite3

    from index.build import BuildOptions, run_build
    from index.discover import discover
    from index.ingest import read_file
    from index.store import IndexPaths

    records = common.scale_records(args.corpus, args.n)
    res: dict = {}
    folder = work / layout
    if layout == "jsonl":
        common.write_jsonl(records, folder / "wikinews.jsonl")
        files = [folder / "wikinews.jsonl"]
    elif layout == "txt":
        files = common.write_seed_txt(records, folder)
    else:
        raise SystemExit(f"unknown layout {layout!r}")
    index_dir = work / f"index-{layout}"
    stats, res["build"] = common.build_index([folder], index_dir, cache_dir)
    res["stats"] = stats
    print(f"{layout}: {len(files)} files; initial build: {stats.summary()}", flush=True)
    cfg_path = common.write_toml(work / f"{layout}.toml", index_dir, [folder])
    opts = BuildOptions(corpus=[folder], index_dir=index_dir, model=common.MODEL,
                        progress=False)

    res["pass"], res["import"], res["cli"], res["inproc"], res["walk"] = [], [], [], [], []
    for _ in range(args.runs):
        res["pass"].append(_run([common.PYTHON, "-c", "pass"])[0])
        res["import"].append(_run([common.PYTHON, "-c", "import bot.cli"])[0])
        took, out = _run([str(common.NEWSBOT), "index", "update", "--quiet", "--config",
                          str(cfg_path)])
        if "up to date" not in out:
            raise SystemExit(f"no-op update was not a no-op: {out}")
        res["cli"].append(took)
        took, st = common.timed(lambda: run_build(opts, full=False))
        assert st.up_to_date, st.summary()
        res["inproc"].append(took)
        res["walk"].append(common.timed(
            lambda: [f.stat() for f in discover([folder])])[0])
        load.sample()
    t = time.perf_counter()
    rebuilt = run_build(opts, full=True)
    res["rebuild"] = time.perf_counter() - t
    res["rebuild_embedded"] = rebuilt.embedded
    print(f"{layout}: no-op update {common.median(res['cli']):.2f} s (CLI), rebuild with "
          f"warm cache {res['rebuild']:.1f} s; load {load.sample():.2f}", flush=True)

    # One changed article per run: a different article each time, with >= 4 chunks.
    db = sqlite3.connect(IndexPaths(index_dir).current_generation() / "meta.sqlite")
    counts = dict(db.execute("SELECT article_id, count(*) FROM chunks GROUP BY article_id"))
    db.close()
    if layout == "jsonl":
        current = {a.item: a for a in read_file(files[0])}

        def article_of(i: int) -> object:
            # by the record's id: a record the reader skips (no text) shifts every position
            return current.get(str(records[i].get("id")))
    else:
        def article_of(i: int) -> object:
            return read_file(files[i])[0]

    picked = []
    i = len(records) // 2
    while len(picked) < args.change_runs and i < len(records):
        found = article_of(i)
        if found is not None and counts.get(found.id, 0) >= 4:
            picked.append(i)
        i += 17
    for r, i in enumerate(picked):
        old = article_of(i)
        before = counts[old.id]
        _, old_texts, _ = common.chunk_inputs([old])
        records[i] = {**records[i], "text": _edit(records[i]["text"], r)}
        if layout == "jsonl":
            common.write_jsonl(records, files[0])
            current = {a.item: a for a in read_file(files[0])}
        else:
            common.write_seed_txt([records[i]], work / "tmp-one")
            (work / "tmp-one" / f"{0:05d}_{records[i].get('id', 0)}.txt").replace(files[i])
        new = article_of(i)
        _, new_texts, _ = common.chunk_inputs([new])
        changed_texts = len(set(new_texts) - set(old_texts))
        took, out = _run([str(common.NEWSBOT), "index", "update", "--quiet", "--config",
                          str(cfg_path)])
        m = SUMMARY.search(out)
        if not m:
            raise SystemExit(f"unexpected update output: {out}")
        db = sqlite3.connect(IndexPaths(index_dir).current_generation() / "meta.sqlite")
        after = db.execute("SELECT count(*) FROM chunks WHERE article_id = ?",
                           (new.id,)).fetchone()[0]
        db.close()
        counts[new.id] = after
        changes.append([layout, r + 1, f"#{i} {old.title[:40]}", f"{before} -> {after}",
                        changed_texts, m.group(1), m.group(2), common.secs(took),
                        f"{load.sample():.2f}"])
        print(f"{layout}: change {r + 1}: re-embedded {m.group(1)} of {after} chunks in "
              f"{took:.1f} s", flush=True)
    return res


if __name__ == "__main__":
    raise SystemExit(main())
