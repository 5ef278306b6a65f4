"""Warm answer latency at 10k / 100k / 1M chunks, exact (flat) vs IVF vs HNSW.

How the large indexes are made
  1. The real index: articles/ + extra/ built with `run_build` (embedding cache reused from
     --cache-dir), ~1,860 real chunks with real vectors, sentence vectors and texts.
  2. A generation of N chunks = a copy of that real meta.sqlite (so real answers exist) plus
     N - n_real synthetic chunks. Synthetic chunk j has a parent p and a partner q, two random
     real chunks: vector = normalise((1 - w) v_p + w v_q + s g / sqrt(384)), w ~ U(0, --mix),
     g ~ N(0, I), s = --noise; its text is the parent's first <= 3 sentences, its sentence
     vectors the parent's (same noise, float16). Four synthetic chunks make one synthetic
     article (one paragraph per chunk; the first parent's title and date). Rows go through the
     product schema (index.store.migrate), stored stems included; the keyword index is built
     by the product's `build_keyword_index`, each vector index with
     `FaissStore.build(kind=flat|ivf|hnsw)`, and each kind is published with `IndexPaths`, so
     `Index` and `AnswerEngine.open` open it like any other index (meta.sqlite and the bm25.*
     files are shared by symlink). Indexes kept in --work from before the keyword index
     existed (schema 1, FTS5) are upgraded in place: migrated, stems filled in, bm25 built.
  3. For each kind a FRESH subprocess (OPENBLAS_NUM_THREADS=1, as the CLI) loads the query
     encoder, opens the index (RSS before/after = RAM of the index), and measures
       - vector search alone: `index.vectors.search(q, 40)` (the engine's candidate count)
         for --queries real query vectors (NumpyEncoder of the 89 questions + article titles);
         recall@10 = overlap of its top 10 with the flat index's top 10;
       - keyword search alone (`index.keyword.search`, as `Index.candidates` calls it) for
         the questions;
       - the full `AnswerEngine.ask` for the 89 questions (after 3 warm-up asks), wall time,
         with faiss searching on one OpenMP thread (as shipped: `FaissStore.search_threads`)
         and on OpenMP's default (all cores).
     IVF and HNSW also get a small parameter sweep (nprobe / efSearch), vector search only.

Targets: p50 ask <= 40 ms at 100k; at 1M p50 <= 60 ms with recall@10 >= 0.95 and <= 2.5 GB RAM.

Usage: .venv/bin/python bench/query.py [--sizes 10000,100000[,1000000]] [--kinds flat,ivf,hnsw]
       [--queries 300] [--work DIR] [--cache-dir DIR] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402
from synthetic import (  # noqa: E402
    ensure_facets,
    generate,
    publish_kind,
    relink_kind,
    upgrade_data,
    vectors_of,
)

KINDS = ("flat", "ivf", "hnsw")


# -- the measuring child ------------------------------------------------------------------


def child(spec_path: Path) -> int:
    common.setup(query_side=True)
    spec = json.loads(spec_path.read_text())
    import faiss  # noqa: F401 - imported before the RSS baseline: library, not index, memory
    import numpy as np

    from bot.answer import AnswerEngine
    from index.embed import load_query_encoder
    from index.search import Index

    index_keys = {"hnsw_ef_search": spec["ef_search"]}
    if spec["nprobe"] is not None:
        index_keys["ivf_nprobe"] = spec["nprobe"]
    cfg = common.make_config(Path(spec["index_dir"]), [], index=index_keys)
    encoder = load_query_encoder(cfg.embed.model, cfg.embed.query_encoder)
    encoder.encode(["warm up"])
    forget = getattr(encoder, "forget", lambda: None)  # the NumPy encoder keeps vectors
    rss0 = common.rss_mb()
    t = time.perf_counter()
    index = Index(cfg.index_dir, cfg.embed.model, cfg.index.ivf_nprobe, cfg.index.hnsw_ef_search)
    open_s = time.perf_counter() - t
    rss1 = common.rss_mb()
    engine = AnswerEngine(cfg, index, encoder)
    qv = np.load(spec["qvecs"])
    k = cfg.search.candidates
    default_threads = faiss.omp_get_max_threads()
    runs: dict[str, dict] = {}
    # faiss on OpenMP's default threads, then on one (as shipped: FaissStore.search_threads).
    for label, threads in (("default", 0), ("omp1", 1)):
        index.vectors.search_threads = threads
        for q in qv[:5]:
            index.vectors.search(q, k)
        search_ms, top10 = [], []
        for q in qv:
            t = time.perf_counter()
            _, ids = index.vectors.search(q, k)
            search_ms.append((time.perf_counter() - t) * 1000)
            top10.append(ids[:10].tolist())
        for text in spec["questions"][:3]:
            engine.ask(text)
        ask_ms, retrieve_ms, abstained = [], [], 0
        for text in spec["questions"]:
            forget()  # each question new to the encoder, as in use
            t = time.perf_counter()
            ans = engine.ask(text)
            ask_ms.append((time.perf_counter() - t) * 1000)
            retrieve_ms.append(ans.timings_ms["retrieve"])
            abstained += ans.abstained
        runs[label] = {"search_ms": search_ms, "top10": top10, "ask_ms": ask_ms,
                       "retrieve_ms": retrieve_ms, "abstained": abstained}
    # Parameter sweep with one OpenMP thread (least disturbed by other processes).
    sweep = []
    inner = index.vectors.index
    if index.vectors.kind in ("ivf", "hnsw"):
        sub = (faiss.extract_index_ivf(inner) if index.vectors.kind == "ivf"
               else faiss.downcast_index(inner.index))
        for value in spec["sweep"]:
            if index.vectors.kind == "ivf":
                old, sub.nprobe = sub.nprobe, value
            else:
                old, sub.hnsw.efSearch = sub.hnsw.efSearch, value
            lat, got = [], []
            for q in qv:
                t = time.perf_counter()
                _, ids = index.vectors.search(q, k)
                lat.append((time.perf_counter() - t) * 1000)
                got.append(ids[:10].tolist())
            sweep.append({"value": value, "ms": lat, "top10": got})
            if index.vectors.kind == "ivf":
                sub.nprobe = old
            else:
                sub.hnsw.efSearch = old
    kw_ms = []
    for text in spec["questions"]:
        t = time.perf_counter()
        index.keyword.search(text, k)
        kw_ms.append((time.perf_counter() - t) * 1000)
    enc_ms = []
    for text in spec["questions"]:
        forget()
        t = time.perf_counter()
        encoder.encode([text])
        enc_ms.append((time.perf_counter() - t) * 1000)
    out = {
        "kind": index.vectors.kind, "open_s": open_s, "rss_before_mb": rss0,
        "rss_index_mb": rss1 - rss0, "rss_end_mb": common.rss_mb(),
        "threads": default_threads, "runs": runs, "sweep": sweep, "kw_ms": kw_ms,
        "enc_ms": enc_ms, "ivf_nprobe": getattr(index.vectors, "nprobe", None),
        **runs["omp1"],
    }
    Path(spec["out"]).write_text(json.dumps(out))
    return 0


def run_child(spec: dict, work: Path) -> dict:
    spec_path = work / f"spec-{os.getpid()}-{time.monotonic_ns()}.json"
    spec_path.write_text(json.dumps(spec))
    proc = subprocess.run([common.PYTHON, __file__, "--child", str(spec_path)],
                          env=common.child_env(), capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"child failed:\n{proc.stderr[-3000:]}")
    return json.loads(Path(spec["out"]).read_text())


# -- main ---------------------------------------------------------------------------------


def recall(got: list[list[int]], exact: list[list[int]]) -> float:
    hits = sum(len(set(g) & set(e)) for g, e in zip(got, exact, strict=True))
    total = sum(len(e) for e in exact)
    return hits / total if total else float("nan")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--corpus", type=Path, default=common.DEFAULT_CORPUS,
                   help="the shared corpus root (default: ../shared/corpus)")
    p.add_argument("--sizes", default="10000,100000",
                   help="chunk counts, comma-separated; add 1000000 for the 1M run "
                        "(first time ~25-35 min: 5.5 GB SQLite, IVF and HNSW builds; "
                        "~8 min when --work holds them)")
    p.add_argument("--kinds", default=",".join(KINDS))
    p.add_argument("--queries", type=int, default=300,
                   help="query vectors for recall/search latency (questions, then titles)")
    p.add_argument("--noise", type=float, default=0.5, help="synthetic vector noise s")
    p.add_argument("--mix", type=float, default=0.5, help="max weight w of the partner vector")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--nprobe", type=int, default=None,
                   help="[index] ivf_nprobe (default: the config's default; 0 = as built)")
    p.add_argument("--ef-search", type=int, default=128, help="[index] hnsw_ef_search")
    p.add_argument("--ivf-sweep", default="8,16,32,64", help="nprobe values to sweep")
    p.add_argument("--hnsw-sweep", default="32,64,128,256", help="efSearch values to sweep")
    p.add_argument("--work", type=Path, help="keep generated indexes here and reuse them")
    p.add_argument("--cache-dir", type=Path, default=common.DEFAULT_CACHE,
                   help="embedding cache reused between runs (default %(default)s)")
    p.add_argument("--quick", action="store_true", help="10k chunks only, 200 queries")
    args = p.parse_args(argv)
    if args.child:
        return child(args.child)
    common.setup(query_side=True)
    if args.quick:
        args.sizes, args.queries = "10000", 200
    sizes = [int(s) for s in args.sizes.split(",") if s]
    kinds = [k for k in args.kinds.split(",") if k]

    import numpy as np

    from index.embed import load_query_encoder
    from index.facets import FILES as FACET_FILES
    from index.keyword import FILES as KEYWORD_FILES
    from index.keyword import has_keyword_index
    from index.store import IndexPaths
    from index.vectors import FaissStore

    common.header("bench/query.py: warm answer latency, exact vs approximate vector indexes")
    load = common.LoadMonitor()
    work = args.work or common.temp_dir("query")
    work.mkdir(parents=True, exist_ok=True)
    real_dir = work / "real"
    if IndexPaths(real_dir).current_generation() is None:
        stats, took = common.build_index(common.default_paths(args.corpus), real_dir,
                                         args.cache_dir)
        print(f"real index: {stats.summary()}")
    real_meta = IndexPaths(real_dir).current_generation() / "meta.sqlite"

    qs = [q["question"] for q in common.questions(args.corpus)]
    import sqlite3

    db = sqlite3.connect(real_meta)
    titles = [r[0] for r in db.execute("SELECT title FROM articles ORDER BY id")]
    n_real = db.execute("SELECT count(*) FROM chunks").fetchone()[0]
    db.close()
    query_texts = list(dict.fromkeys(qs + titles))[: args.queries]
    encoder = load_query_encoder(common.MODEL)
    qvecs = np.vstack([encoder.encode([t])[0] for t in query_texts]).astype(np.float32)
    np.save(work / "qvecs.npy", qvecs)
    print(f"{len(query_texts)} query vectors (NumpyEncoder: {len(qs)} questions + titles); "
          f"{len(qs)} questions asked end to end; real chunks: {n_real}")

    results: dict[int, dict[str, dict]] = {}
    for size in sizes:
        tag = f"n{size}-s{args.seed}-noise{args.noise}-mix{args.mix}"
        gen_dir = work / tag
        meta = gen_dir / "data" / "meta.sqlite"
        info_path = gen_dir / "info.json"
        if info_path.is_file():
            info = json.loads(info_path.read_text())
            print(f"size {size:,}: reusing {gen_dir}")
            vectors = None
            if not has_keyword_index(gen_dir / "data"):
                info["keyword_build_s"] = upgrade_data(gen_dir / "data")
                info_path.write_text(json.dumps(info))
            ensure_facets(gen_dir / "data")
        else:
            shutil.rmtree(gen_dir, ignore_errors=True)
            t = time.perf_counter()
            ids, vectors, articles, cos = generate(real_meta, size, gen_dir / "data", args.noise,
                                                   args.mix, args.seed)
            kw_s = json.loads((gen_dir / "data" / "bm25.json").read_text())
            info = {"generate_s": time.perf_counter() - t, "articles": articles,
                    "parent_cos": cos, "builds": {}, "postings": kw_s["postings"],
                    "sqlite_mb": meta.stat().st_size / 2**20}
            np.save(gen_dir / "data" / "ids.npy", ids)
            print(f"size {size:,}: SQLite written in {info['generate_s']:.0f} s "
                  f"({info['sqlite_mb']:.0f} MiB, {articles:,} articles; synthetic vectors' mean "
                  f"cosine to their parent {cos:.2f})")
        results[size] = {}
        for kind in kinds:
            root = gen_dir / kind
            current = IndexPaths(root).current_generation()
            if current is not None and not (has_keyword_index(current)
                                            and (current / FACET_FILES[0]).exists()):
                relink_kind(root, gen_dir / "data")
            if current is None:
                if vectors is None:  # reused SQLite, new kind: read the vectors back
                    ids, vectors = vectors_of(meta)
                else:
                    ids = np.load(gen_dir / "data" / "ids.npy")
                t = time.perf_counter()
                store = FaissStore.build(ids, vectors, kind)
                took = time.perf_counter() - t
                publish_kind(root, meta, store, size, info["articles"])
                del store
                info["builds"][kind] = took
                print(f"  {kind}: built in {took:.1f} s", flush=True)
            info_path.write_text(json.dumps(info))
            sweep = args.ivf_sweep if kind == "ivf" else args.hnsw_sweep if kind == "hnsw" else ""
            spec = {"index_dir": str(root), "nprobe": args.nprobe, "ef_search": args.ef_search,
                    "qvecs": str(work / "qvecs.npy"), "questions": qs,
                    "sweep": [int(x) for x in sweep.split(",") if x],
                    "out": str(gen_dir / f"result-{kind}.json")}
            res = run_child(spec, work)
            res["build_s"] = info["builds"].get(kind)
            res["file_mb"] = (IndexPaths(root).current_generation() / "vectors.faiss"
                              ).stat().st_size / 2**20
            res["kw_mb"] = sum((gen_dir / "data" / name).stat().st_size
                               for name in KEYWORD_FILES) / 2**20
            res["load"] = load.sample()
            results[size][kind] = res
            print(f"  {kind}: search p50 {common.median(res['search_ms']):.2f} ms, ask p50 "
                  f"{common.median(res['ask_ms']):.1f} ms, load {res['load']:.2f}", flush=True)
        vectors = None
        if not args.work:
            shutil.rmtree(gen_dir, ignore_errors=True)
    load.finish()
    _report(results, kinds, sizes, args, load)
    return 0


def _nprobes(results: dict) -> str:
    got = [f"{r['ivf_nprobe']} at {size:,}" for size, kinds in results.items()
           for kind, r in kinds.items() if kind == "ivf" and r.get("ivf_nprobe")]
    return ", ".join(got) or "-"


def _report(results: dict, kinds: list[str], sizes: list[int], args: argparse.Namespace,
            load: common.LoadMonitor) -> None:
    med, pct = common.median, common.percentile

    def pp(xs: list[float], digits: int = 1) -> str:
        return f"{med(xs):.{digits}f} / {pct(xs, 95):.{digits}f}"

    mem_rows, lat_rows, sweep_rows = [], [], []
    for size in sizes:
        exact = results[size].get("flat", {}).get("top10")
        for kind in kinds:
            r = results[size][kind]
            rec = recall(r["top10"], exact) if exact else float("nan")
            multi = r["runs"]["default"]
            mem_rows.append([
                f"{size:,}", kind, "-" if r["build_s"] is None else f"{r['build_s']:.1f} s",
                f"{r['file_mb']:.0f} MiB", f"{r['kw_mb']:.0f} MiB", f"{r['rss_index_mb']:.0f} MiB",
                f"{r['rss_end_mb']:.0f} MiB", f"{rec:.3f}",
            ])
            lat_rows.append([
                f"{size:,}", kind, pp(r["search_ms"], 2), pp(multi["search_ms"], 2),
                pp(r["kw_ms"], 2), f"{med(r['enc_ms']):.1f}", pp(r["ask_ms"]),
                pp(multi["ask_ms"]), f"{r['load']:.2f}",
            ])
            for s in r["sweep"]:
                param = "nprobe" if kind == "ivf" else "efSearch"
                sweep_rows.append([
                    f"{size:,}", kind, f"{param}={s['value']}",
                    f"{recall(s['top10'], exact) if exact else float('nan'):.3f}",
                    pp(s["ms"], 2),
                ])
    print()
    print(common.table(["chunks", "index", "FAISS build", "vectors.faiss", "bm25.* files",
                        "RSS of index",
                        "process RSS at end", "recall@10 vs flat"], mem_rows))
    print()
    threads = next(iter(next(iter(results.values())).values()))["threads"]
    print(common.table(
        ["chunks", "index", "vector search p50/p95 ms (1 OMP thread, as shipped)",
         f"vector search p50/p95 ms ({threads} OMP threads)", "keyword (BM25) p50/p95 ms",
         "question encode p50 ms", "ask p50/p95 ms (1 OMP thread, as shipped)",
         f"ask p50/p95 ms ({threads} OMP threads)", "1-min load"], lat_rows))
    if sweep_rows:
        print()
        print(common.table(["chunks", "index", "setting (1 OMP thread)", "recall@10",
                            "search p50/p95 ms"], sweep_rows))
    print()
    print(f"vector search: k = 40 (search.candidates), {args.queries} query vectors, recall@10 = "
          "overlap with the flat index's top 10; ask: the 89 questions through "
          "AnswerEngine.ask, wall time, after 3 warm-ups; ivf_nprobe="
          f"{_nprobes(results)}, hnsw_ef_search={args.ef_search}, hnsw M=32, "
          "efConstruction=80. RSS of index = RSS after Index() minus before (query encoder "
          "loaded, faiss imported).")

    def verdict(r: dict, rec: float, limit_ms: float, ram: bool) -> str:
        def ok(p50: float) -> str:
            good = p50 <= limit_ms and (not ram or (rec >= 0.95
                                                    and r["rss_end_mb"] <= 2.5 * 1024))
            return "MET" if good else "MISSED"

        p50, p50_n = med(r["ask_ms"]), med(r["runs"]["default"]["ask_ms"])
        return (f"ask p50 {p50:.1f} ms -> {ok(p50)}; with {r['threads']} OMP threads "
                f"{p50_n:.1f} ms -> {ok(p50_n)} (recall {rec:.3f}, process RSS "
                f"{r['rss_end_mb'] / 1024:.2f} GiB)")

    for size, limit, ram in ((100_000, 40, False), (1_000_000, 60, True)):
        if size not in results:
            continue
        exact = results[size].get("flat", {}).get("top10")
        label = ("p50 <= 40 ms" if not ram else "p50 <= 60 ms, recall@10 >= 0.95, <= 2.5 GB")
        for kind, r in results[size].items():
            rec = recall(r["top10"], exact) if exact else float("nan")
            print(f"target at {size:,} ({label}): {kind}: {verdict(r, rec, limit, ram)}")
    for line in load.lines():
        print(line)

if __name__ == "__main__":
    raise SystemExit(main())
