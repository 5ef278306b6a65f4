"""Cold one-shot `newsbot ask` wall time, split into import, model load, retrieval and answer.

Against a small index (seeds/ + the first --articles articles of articles/, built once in a
temp dir; the embedding cache in --cache-dir is reused), each run starts fresh processes:
  - `newsbot ask QUESTION --config cfg.toml` as a subprocess: the wall time a user waits
    (target <= 3 s, median of --runs);
  - a tiny driver in a fresh interpreter that does what `newsbot ask` does, timing each step:
    import of bot.cli and the answer engine, query-encoder load (`load_query_encoder`), index
    open (`Index`, faiss import included), retrieval and answer (`Answer.timings_ms`), render.
    Interpreter start-up = driver wall time minus what the driver timed.
Both run with the default `[embed] query_encoder = "auto"` (the NumPy encoder: no torch) and,
as the same-run baseline, with `query_encoder = "torch"` (sentence-transformers), interleaved.
The NumPy encoder's vectors are then compared with SentenceTransformer.encode on the benchmark
questions (cosine, target >= 0.999), and `python -X importtime` lists the costliest imports.

Usage: .venv/bin/python bench/cold.py [--corpus DIR] [--runs 5] [--articles 20] [--quick]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

DRIVER = r"""
import json, sys, time
t0 = time.perf_counter()
out = {}
import bot.cli  # noqa
out["import_cli"] = time.perf_counter() - t0
t = time.perf_counter()
from bot.answer import AnswerEngine
from bot.render import render_text
from bot.config import load_config
out["import_engine"] = time.perf_counter() - t
cfg = load_config(sys.argv[1])
t = time.perf_counter()
if cfg.embed.query_encoder == "torch":
    import sentence_transformers  # noqa
out["import_st"] = time.perf_counter() - t
t = time.perf_counter()
from index.embed import load_query_encoder
enc = load_query_encoder(cfg.embed.model, cfg.embed.query_encoder)
out["model_load"] = time.perf_counter() - t
t = time.perf_counter()
from index.search import Index
index = Index(cfg.index_dir, cfg.embed.model, cfg.index.ivf_nprobe, cfg.index.hnsw_ef_search)
out["index_open"] = time.perf_counter() - t
t = time.perf_counter()
ans = AnswerEngine(cfg, index, enc).ask(sys.argv[2])
out["ask"] = time.perf_counter() - t
out["retrieve"] = ans.timings_ms["retrieve"] / 1000
out["answer"] = ans.timings_ms["answer"] / 1000
t = time.perf_counter()
text = render_text(ans)
out["render"] = time.perf_counter() - t
out["total"] = time.perf_counter() - t0
out["encoder"] = type(enc).__name__
print(json.dumps(out))
"""


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, default=common.DEFAULT_CORPUS,
                   help="the shared corpus root (default: ../shared/corpus)")
    p.add_argument("--seeds", type=Path, default=common.REPO / "seeds")
    p.add_argument("--articles", type=int, default=20, help="articles added to seeds/")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--cache-dir", type=Path, default=common.DEFAULT_CACHE)
    p.add_argument("--quick", action="store_true", help="3 runs")
    args = p.parse_args(argv)
    common.setup(query_side=True)
    runs = 3 if args.quick else args.runs

    common.header("bench/cold.py: one-shot `newsbot ask` in a fresh process")
    load = common.LoadMonitor()
    work = common.temp_dir("cold")
    n = common.subset_files([args.corpus / "articles"], args.articles, work / "corpus")
    corpus = [args.seeds, work / "corpus"]
    stats, took = common.build_index(corpus, work / "index", args.cache_dir)
    print(f"index: seeds/ + {n} articles: {stats.summary()}")
    cfgs = {
        "auto": common.write_toml(work / "auto.toml", work / "index", corpus),
        "torch": common.write_toml(work / "torch.toml", work / "index", corpus,
                                   embed={"query_encoder": "torch"}),
    }
    qs = [q["question"] for q in common.questions(args.corpus) if q.get("answerable")]
    driver = work / "driver.py"
    driver.write_text(DRIVER)

    walls: dict[str, list[float]] = {"auto": [], "torch": []}
    parts: dict[str, list[dict]] = {"auto": [], "torch": []}
    py_start = []
    for r in range(runs):
        q = qs[r % len(qs)]
        py_start.append(common.timed_run([common.PYTHON, "-c", "pass"])[0])
        for mode in (("auto", "torch") if r % 2 == 0 else ("torch", "auto")):
            walls[mode].append(common.timed_run([str(common.NEWSBOT), "ask", q, "--config",
                                      str(cfgs[mode])])[0])
            w, proc = common.timed_run([common.PYTHON, str(driver), str(cfgs[mode]), q])
            d = json.loads(proc.stdout.strip().splitlines()[-1])
            d["wall"] = w
            parts[mode].append(d)
        print(f"  run {r + 1}: newsbot ask {walls['auto'][-1]:.2f} s (numpy) / "
              f"{walls['torch'][-1]:.2f} s (torch); load {load.sample():.2f}", flush=True)

    def med(mode: str, key: str) -> float:
        return common.median([d[key] for d in parts[mode]])

    def startup(mode: str) -> float:
        return common.median([d["wall"] - d["total"] for d in parts[mode]])

    rows = [
        ["`newsbot ask` wall time (subprocess)", common.secs(common.median(walls["auto"])),
         common.secs(common.median(walls["torch"]))],
        ["driver wall time (same steps, timed)", common.secs(med("auto", "wall")),
         common.secs(med("torch", "wall"))],
        ["  interpreter start-up and exit (wall - timed)", common.secs(startup("auto")),
         common.secs(startup("torch"))],
        ["  import bot.cli", common.ms(med("auto", "import_cli")),
         common.ms(med("torch", "import_cli"))],
        ["  import answer engine (numpy, bot.*, index.*)", common.ms(med("auto", "import_engine")),
         common.ms(med("torch", "import_engine"))],
        ["  import sentence_transformers (torch)", common.ms(med("auto", "import_st")),
         common.ms(med("torch", "import_st"))],
        ["  query-encoder load (load_query_encoder)", common.ms(med("auto", "model_load")),
         common.ms(med("torch", "model_load"))],
        ["  index open (Index: manifest, SQLite, faiss import + read)",
         common.ms(med("auto", "index_open")), common.ms(med("torch", "index_open"))],
        ["  retrieval (encode question, hybrid search, rank)", common.ms(med("auto", "retrieve")),
         common.ms(med("torch", "retrieve"))],
        ["  answer (sentence scoring, citations)", common.ms(med("auto", "answer")),
         common.ms(med("torch", "answer"))],
        ["  render", common.ms(med("auto", "render")), common.ms(med("torch", "render"))],
        ["reference: `python -c pass`", common.secs(common.median(py_start)), ""],
    ]
    encoders = (parts["auto"][0]["encoder"], parts["torch"][0]["encoder"])
    print()
    print(common.table([f"median of {runs} fresh processes",
                        f"query_encoder=auto ({encoders[0]})",
                        f"baseline: query_encoder=torch ({encoders[1]})"], rows))
    best = common.median(walls["auto"])
    print(f"target one-shot <= 3 s: {best:.2f} s -> {'MET' if best <= 3 else 'MISSED'} "
          f"({common.median(walls['torch']) / best:.1f}x faster than the torch path)")

    # The vectors must agree: the index was embedded by sentence-transformers.
    import numpy as np
    from sentence_transformers import SentenceTransformer

    from index.minilm_numpy import NumpyEncoder
    from index.model_path import resolve_model

    texts = [q["question"] for q in common.questions(args.corpus)]
    path = resolve_model(common.MODEL)
    encoder = NumpyEncoder(path)  # one question at a time, as `newsbot ask` encodes
    ours = np.vstack([encoder.encode([t])[0] for t in texts])
    theirs = np.asarray(SentenceTransformer(path, device="cpu").encode(
        texts, normalize_embeddings=True), dtype=np.float32)
    cos = (ours * theirs).sum(axis=1)
    print()
    print(common.table(
        ["NumpyEncoder vs SentenceTransformer", "value"],
        [["questions compared (questions.jsonl)", len(texts)],
         ["min cosine (target >= 0.999)", f"{cos.min():.7f}"],
         ["median cosine", f"{np.median(cos):.7f}"],
         ["questions below 0.999", int((cos < 0.999).sum())]]))

    proc = subprocess.run(
        [common.PYTHON, "-X", "importtime", "-c",
         "import bot.cli; from bot.answer import AnswerEngine; from bot.render import render_text;"
         " import faiss"],
        env=common.child_env(), capture_output=True, text=True, cwd=common.REPO)
    by_package: dict[str, int] = {}
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|\s*(\S+)", line)
        if m:
            root = m.group(3).split(".")[0]
            by_package[root] = max(by_package.get(root, 0), int(m.group(2)))
    top = sorted(by_package.items(), key=lambda kv: -kv[1])[:10]
    print()
    print(common.table(["package (python -X importtime of the ask path, 1 run)",
                        "cumulative import"], [[name, f"{us / 1000:.0f} ms"] for name, us in top]))
    load.finish()
    print()
    for line in load.lines():
        print(line)
    return 0 if best <= 3 and cos.min() >= 0.999 else 1


if __name__ == "__main__":
    raise SystemExit(main())
