"""newsbot vs a naive RAG baseline on questions.jsonl, side by side, measured in one run.

Both index articles/ + extra/ (the same Article records, read by newsbot's own readers):
  - newsbot: `run_build` + `AnswerEngine`, scored by `bot.evaluate.evaluate` (what `newsbot
    eval` prints);
  - naive baseline: each article as "title\n\ntext" cut into fixed 1,000-character chunks (no
    overlap, no sentence awareness), embedded with the same model (SentenceTransformer.encode,
    normalised), exact FAISS inner-product search (IndexFlatIP), dense only; the top 5 chunks
    are the retrieved context and the top chunk is the answer and its one citation. It never
    abstains and has no yes/no verdict. Follow-up questions are asked as they are.
Same metrics for both: article recall@1/5/10 and MRR over the top 10 (a hit is a chunk of one
of the question's `articles`), answer hit (every `answer_contains` phrase in the answer text,
case-insensitive), citation precision (cited articles that are listed ones, over all
questions), abstention on unanswerable questions, false abstention, yes/no accuracy, latency.

Embeddings of both are cached in --cache-dir (default under /tmp), so reruns are fast.

Usage: .venv/bin/python bench/baseline.py [--corpus DIR] [--cache-dir DIR] [--chunk-chars 1000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402


def naive_chunks(articles: list, size: int) -> list[tuple[object, str]]:
    out = []
    for a in articles:
        doc = f"{a.title}\n\n{a.text}"
        for i in range(0, len(doc), size):
            out.append((a, doc[i : i + size]))
    return out


def embed_naive(texts: list[str], cache_dir: Path, chunk_chars: int):
    """Vectors for the naive chunks, from the cache where possible (torch only if needed)."""
    import numpy as np

    from index.embed import EmbeddingCache, Encoded, text_key
    from index.model_path import resolve_model

    cache_dir.mkdir(parents=True, exist_ok=True)
    cache = EmbeddingCache(cache_dir / "naive-embeddings.sqlite",
                           f"{common.MODEL}|naive{chunk_chars}")
    keys = [text_key(t, ()) for t in texts]
    found = cache.get(list(dict.fromkeys(keys)))
    todo = list(dict.fromkeys(k for k, t in zip(keys, texts, strict=True) if k not in found))
    if todo:
        from sentence_transformers import SentenceTransformer

        by_key = dict(zip(keys, texts, strict=True))
        model = SentenceTransformer(resolve_model(common.MODEL), device="cpu")
        vecs = model.encode([by_key[k] for k in todo], batch_size=32, normalize_embeddings=True)
        new = {k: Encoded(np.asarray(v, dtype=np.float32), np.zeros((0, len(v)), np.float32))
               for k, v in zip(todo, vecs, strict=True)}
        cache.put(new)
        found.update(new)
    cache.close()
    return np.vstack([found[k].vector for k in keys]).astype(np.float32), len(todo)


def run_baseline(articles: list, qs: list[dict], cache_dir: Path, chunk_chars: int) -> dict:
    import faiss

    from bot.evaluate import refs_of
    from index.embed import load_query_encoder

    chunks = naive_chunks(articles, chunk_chars)
    t = time.perf_counter()
    matrix, embedded = embed_naive([c for _, c in chunks], cache_dir, chunk_chars)
    embed_s = time.perf_counter() - t
    index = faiss.IndexFlatIP(matrix.shape[1])
    index.add(matrix)
    encoder = load_query_encoder(common.MODEL)
    ranks, hits, cited_ok, lat = [], [], 0, []
    for q in qs:
        t = time.perf_counter()
        qv = encoder.encode([q["question"]])[0].reshape(1, -1)
        _, ids = index.search(qv, 10)
        top = [chunks[i] for i in ids[0] if i >= 0]
        answer = top[0][1]  # the top chunk is the answer
        lat.append((time.perf_counter() - t) * 1000)
        wanted = set(q.get("articles", []))
        rank = next((r for r, (a, _) in enumerate(top, 1) if refs_of(a.path, a.item) & wanted),
                    None)
        phrases = [s.lower() for s in q.get("answer_contains", [])]
        hit = bool(phrases) and all(s in answer.lower() for s in phrases)
        cited_ok += bool(refs_of(top[0][0].path, top[0][0].item) & wanted)
        ranks.append(rank)
        hits.append(hit)
    ans = [i for i, q in enumerate(qs) if q.get("answerable", True)]
    unans = [i for i, q in enumerate(qs) if not q.get("answerable", True)]

    def share(xs: list[bool]) -> float | None:
        return round(sum(xs) / len(xs), 3) if xs else None

    return {
        "metrics": {
            "questions": len(qs),
            "recall@1": share([ranks[i] is not None and ranks[i] <= 1 for i in ans]),
            "recall@5": share([ranks[i] is not None and ranks[i] <= 5 for i in ans]),
            "recall@10": share([ranks[i] is not None and ranks[i] <= 10 for i in ans]),
            "mrr": round(sum(1 / ranks[i] for i in ans if ranks[i]) / len(ans), 3),
            "answer_hit": share([hits[i] for i in ans]),
            "citation_precision": round(cited_ok / len(qs), 3),
            "abstention": share([False for _ in unans]),
            "false_abstention": share([False for _ in ans]),
            "yesno_accuracy": None,
            "latency_p50_ms": round(common.median(lat), 1),
            "latency_p95_ms": round(common.percentile(lat, 95), 1),
        },
        "ranks": ranks, "hits": hits, "chunks": len(chunks), "embedded": embedded,
        "embed_s": embed_s,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, default=common.DEFAULT_CORPUS,
                   help="the shared corpus root (default: ../shared/corpus)")
    p.add_argument("--questions", type=Path, help="default: <corpus>/questions.jsonl")
    p.add_argument("--cache-dir", type=Path, default=common.DEFAULT_CACHE,
                   help="embedding caches kept between runs (default %(default)s)")
    p.add_argument("--chunk-chars", type=int, default=1000)
    args = p.parse_args(argv)
    common.setup(query_side=True)

    from bot.answer import AnswerEngine
    from bot.evaluate import evaluate, load_questions

    common.header("bench/baseline.py: newsbot vs naive RAG (1,000-char chunks, dense top-5)")
    load = common.LoadMonitor()
    qs = load_questions(args.questions or args.corpus / "questions.jsonl")
    paths = common.default_paths(args.corpus)
    work = common.temp_dir("baseline")
    stats, took = common.build_index(paths, work / "index", args.cache_dir)
    print(f"newsbot index: {stats.summary()}")
    report = evaluate(AnswerEngine.open(common.make_config(work / "index", paths)), qs)
    ours = report.metrics()
    base = run_baseline(common.read_articles(paths), qs, args.cache_dir, args.chunk_chars)
    print(f"baseline index: {base['chunks']} chunks of {args.chunk_chars} characters "
          f"({base['embedded']} embedded now, the rest cached; {base['embed_s']:.1f} s)")
    load.finish()

    def f(x: object) -> str:
        return "-" if x is None else str(x)

    rows = []
    for key in ("recall@1", "recall@5", "recall@10", "mrr", "answer_hit", "citation_precision",
                "abstention", "false_abstention", "yesno_accuracy", "latency_p50_ms",
                "latency_p95_ms"):
        a, b = ours.get(key), base["metrics"].get(key)
        diff = f"{a - b:+.3f}" if isinstance(a, float) and isinstance(b, float) else ""
        rows.append([key, f(a), f(b), diff])
    print()
    print(common.table([f"{len(qs)} questions", "newsbot", "naive RAG baseline",
                        "newsbot - baseline"], rows))

    kinds = sorted({q.get("kind", "?") for q in qs})
    by_kind = report.by_kind()
    krows = []
    for kind in kinds:
        idx = [i for i, q in enumerate(qs) if q.get("kind") == kind and q.get("answerable", True)]
        if not idx:
            continue
        r5 = sum(1 for i in idx if base["ranks"][i] and base["ranks"][i] <= 5) / len(idx)
        hit = sum(base["hits"][i] for i in idx) / len(idx)
        km = by_kind[kind]
        krows.append([kind, len(idx), f"{km['recall@5']:.2f} / {r5:.2f}",
                      f"{km['answer_hit']:.2f} / {hit:.2f}"])
    print()
    print(common.table(["kind (answerable)", "n", "recall@5 newsbot / baseline",
                        "answer hit newsbot / baseline"], krows))
    print()
    print("latency: newsbot = AnswerEngine.ask (engine timer, k=10); baseline = question encode "
          "(NumpyEncoder) + flat search, in the same process.")
    for line in load.lines():
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
