"""Index build throughput (chunks/s) vs. the raw `SentenceTransformer.encode` of the same texts.

Each run does, interleaved so that load from other processes hits both alike:
  - raw:   `SentenceTransformer.encode(texts, batch_size=B)` of exactly the chunk texts a build
           embeds (collected with the builder's own reader and chunker, deduplicated as
           `embed_with_cache` does), on a model loaded once before the runs;
  - build: `run_build(..., full=True)` (what `newsbot index build` calls) into a FRESH index dir,
           so the embedding cache starts empty and every chunk goes through the model. The
           build's own model load (SentenceTransformer from disk; torch is already imported in
           this process) is part of its time and shown separately.
Target: build throughput >= 90 % of raw.

By default a subset of articles/ + extra/ (the first files, in the order `index build` walks
them, up to --articles articles) is used so that 3 runs fit in a few minutes; `--full` indexes
all of articles/ + extra/ (~1,860 chunks, one run unless --runs); `--scale N` takes the first N
articles of scale/wikinews.jsonl instead.

Usage: .venv/bin/python bench/ingest.py [--corpus DIR] [--articles N | --full | --scale N]
       [--runs R] [--batch-size B] [--quick]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, default=common.DEFAULT_CORPUS,
                   help="the shared corpus root (default: ../shared/corpus)")
    p.add_argument("--articles", type=int, default=150,
                   help="subset size from articles/ + extra/ (default 150)")
    p.add_argument("--full", action="store_true", help="all of articles/ + extra/")
    p.add_argument("--scale", type=int, default=0, metavar="N",
                   help="the first N articles of scale/wikinews.jsonl instead")
    p.add_argument("--runs", type=int, default=None, help="default 3 (1 with --full)")
    p.add_argument("--batch-size", type=int, default=32, help="as [embed] batch_size (32)")
    p.add_argument("--model", default=common.MODEL)
    p.add_argument("--quick", action="store_true", help="40 articles, 3 runs")
    args = p.parse_args(argv)
    common.setup()
    if args.quick:
        args.articles = 40
    runs = args.runs or (1 if args.full else 3)

    import index.new_chunks as embedding_step
    from index.build import BuildOptions, run_build
    from index.embed import TorchEmbedder

    common.header("bench/ingest.py: index build throughput vs raw model.encode")
    load = common.LoadMonitor()
    work = common.temp_dir("ingest")
    if args.scale:
        corpus = [work / "corpus" / "wikinews.jsonl"]
        common.write_jsonl(common.scale_records(args.corpus, args.scale), corpus[0])
        what = f"first {args.scale} articles of scale/wikinews.jsonl (one JSONL file)"
    elif args.full:
        corpus = common.default_paths(args.corpus)
        what = "all of articles/ + extra/ (--full)"
    else:
        n = common.subset_files(common.default_paths(args.corpus), args.articles, work / "corpus")
        corpus = [work / "corpus"]
        what = (f"subset: first files of articles/ + extra/ holding {n} articles "
                "(--full for the whole corpus)")
    articles = common.read_articles(corpus)
    texts, unique, unique_spans = common.chunk_inputs(articles, args.model)
    print(f"corpus: {what}: {len(articles)} articles, {len(texts)} chunks, "
          f"{len(unique)} distinct chunk texts sent to the model")
    print(f"batch size {args.batch_size}; {runs} run(s); torch threads: ", end="")

    import torch
    from sentence_transformers import SentenceTransformer

    from index.model_path import resolve_model

    print(torch.get_num_threads())
    t = time.perf_counter()
    model = SentenceTransformer(resolve_model(args.model), device="cpu")
    raw_load = time.perf_counter() - t
    model.encode(unique[: args.batch_size], batch_size=args.batch_size)  # warm-up

    # Time the build's own stages without touching product code: the embedding step
    # (index/new_chunks.py) looks up TorchEmbedder in its module at call time, so a timing
    # subclass slots in.
    stage: dict[str, float] = {}

    class TimedEmbedder(TorchEmbedder):
        def __init__(self, *a: object, **k: object) -> None:
            t0 = time.perf_counter()
            super().__init__(*a, **k)  # type: ignore[arg-type]
            stage["model_load"] = stage.get("model_load", 0.0) + time.perf_counter() - t0
            inner = self.model.encode

            def encode(*ea: object, **ek: object) -> object:
                t1 = time.perf_counter()
                try:
                    return inner(*ea, **ek)
                finally:
                    stage["st_encode"] = stage.get("st_encode", 0.0) + time.perf_counter() - t1

            self.model.encode = encode  # type: ignore[method-assign]

        def encode_chunks(self, texts, spans):  # noqa: ANN001, ANN201
            t0 = time.perf_counter()
            try:
                return super().encode_chunks(texts, spans)
            finally:
                stage["encode_chunks"] = stage.get("encode_chunks", 0.0) + time.perf_counter() - t0

    embedding_step.TorchEmbedder = TimedEmbedder  # type: ignore[misc]

    per_run: list[dict] = []
    for r in range(runs):
        row: dict = {}

        def raw(row: dict = row) -> None:
            row["raw"], _ = common.timed(lambda: model.encode(unique, batch_size=args.batch_size))

        def build(row: dict = row, r: int = r) -> None:
            index_dir = work / f"index-{r}"
            stage.clear()
            opts = BuildOptions(corpus=corpus, index_dir=index_dir, model=args.model,
                                batch_size=args.batch_size, progress=False)
            row["build"], stats = common.timed(lambda: run_build(opts, full=True))
            # "reused" also counts duplicate texts within this build (duplicate articles).
            if stats.embedded != len(unique) or stats.reused != len(texts) - len(unique):
                raise SystemExit(f"build reused {stats.reused} cached vectors / embedded "
                                 f"{stats.embedded} of {len(unique)}: cache was not empty")
            row["chunks"] = stats.chunks
            row.update(stage)
            shutil.rmtree(index_dir, ignore_errors=True)

        for step in ((raw, build) if r % 2 == 0 else (build, raw)):
            step()
        row["load"] = load.sample()
        per_run.append(row)
        print(f"  run {r + 1}: raw {row['raw']:.1f} s, build {row['build']:.1f} s, "
              f"load {row['load']:.2f}", flush=True)
    load.finish()

    n = len(unique)
    chunks = per_run[0]["chunks"]

    def med(key: str) -> float:
        return common.median([r.get(key, 0.0) for r in per_run])

    raw_s, build_s = med("raw"), med("build")
    rest = common.median([r["build"] - r.get("encode_chunks", 0) - r.get("model_load", 0)
                          for r in per_run])
    ratio = (n / build_s) / (n / raw_s)
    ratio_noload = raw_s / (build_s - med("model_load"))
    print()
    print(common.table(
        ["run", "raw encode", "index build", "build model load", "build encode_chunks",
         "build / raw", "1-min load"],
        [[i + 1, common.secs(r["raw"]), common.secs(r["build"]),
          common.secs(r.get("model_load", 0)),
          common.secs(r.get("encode_chunks", 0)), f"{r['raw'] / r['build']:.0%}",
          f"{r['load']:.2f}"] for i, r in enumerate(per_run)],
    ))
    print()
    print(common.table(
        [f"measure (median of {runs})", "time", "chunks/s"],
        [
            [f"raw SentenceTransformer.encode, {n} texts, batch {args.batch_size}",
             common.secs(raw_s), f"{n / raw_s:.1f}"],
            ["`index build` (run_build, fresh dir, empty cache)", common.secs(build_s),
             f"{n / build_s:.1f}"],
            ["  of which model load (SentenceTransformer from disk)",
             common.secs(med("model_load")), ""],
            ["  of which encode_chunks (model + offsets + sentence pooling)",
             common.secs(med("encode_chunks")), f"{n / med('encode_chunks'):.1f}"],
            ["    of which SentenceTransformer.encode(output_value=None)",
             common.secs(med("st_encode")), f"{n / med('st_encode'):.1f}"],
            ["  of which the rest (read, chunk, cache, SQLite, FAISS, fsync)",
             common.secs(rest), ""],
            ["build throughput / raw (target >= 90%)", f"{ratio:.0%}",
             "MET" if ratio >= 0.9 else "MISSED"],
            ["build without its model load / raw", f"{ratio_noload:.0%}", ""],
        ],
    ))
    print()
    print(f"{chunks} chunks in the index ({n} distinct texts embedded); raw model load "
          f"(import done) {raw_load:.1f} s, not counted in raw.")
    for line in load.lines():
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
