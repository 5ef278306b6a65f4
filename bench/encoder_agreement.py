"""Does the NumPy question encoder still match sentence-transformers, and is it still fast?

Questions are embedded by index.minilm_numpy, passages by sentence-transformers; retrieval is
only sound while the two agree (cosine >= 0.999). The point of the NumPy path is the 3 s budget
of a one-shot ``newsbot ask``, so the same run also times both paths.

Usage: .venv/bin/python bench/encoder_agreement.py [--corpus DIR] [--model NAME] [--limit N]

``--corpus`` is a folder of seed-format ``.txt`` articles (or a corpus root holding
``articles/``); its titles, first paragraphs and any ``questions.jsonl`` questions are used
besides the sentences of ``seeds/*.txt``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "articles"
QUESTION = "What did Sheinbaum say about sending U.S. troops to Mexico?"
_DATE_PREFIX = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“])")


def _seed_sentences(folder: Path) -> list[str]:
    """Sentences rather than whole paragraphs: questions are sentence-sized."""
    texts: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = _DATE_PREFIX.sub("", line).strip()
            if line and line != "ALSO READ":
                texts.extend(s for s in _SENTENCE_END.split(line) if s.strip())
    return texts


def _corpus_texts(corpus: Path) -> list[str]:
    """Questions, titles, first paragraphs and a few whole bodies (past the token limit)."""
    articles = corpus / "articles" if (corpus / "articles").is_dir() else corpus
    texts: list[str] = []
    for questions in (articles / "questions.jsonl", articles.parent / "questions.jsonl"):
        if questions.is_file():
            with questions.open(encoding="utf-8") as f:
                texts.extend(json.loads(line)["question"] for line in f if line.strip())
            break
    for n, path in enumerate(sorted(articles.glob("*.txt"))):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        if lines:
            texts.append(_DATE_PREFIX.sub("", lines[0]))
        if len(lines) > 1:
            texts.append(lines[1])
        if n % 10 == 0 and len(lines) > 2:
            texts.append(" ".join(lines[1:]))  # a whole body, to exercise truncation
    return texts


def _subprocess_seconds(code: str, runs: int) -> list[float]:
    """Import cost must be measured in a fresh interpreter; this one has imported everything."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    timer = f"import time\nt = time.perf_counter()\n{code}\nprint(time.perf_counter() - t)\n"
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", timer], cwd=REPO, env=env, capture_output=True, text=True
        )
        out.check_returncode()
        results.append(float(out.stdout.strip().splitlines()[-1]))
    return results


def _median_seconds(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--model", default="all-MiniLM-L6-v2")
    parser.add_argument("--limit", type=int, default=400, help="at most this many texts")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    sys.path.insert(0, str(REPO))

    from index.model_path import resolve_model

    model_dir = resolve_model(args.model)
    texts = _seed_sentences(REPO / "seeds")
    if args.corpus.is_dir():
        texts += _corpus_texts(args.corpus)
    texts = list(dict.fromkeys(texts))[: args.limit]

    load_before = _load_average()
    rows: list[tuple[str, str]] = []
    runs = 5
    numpy_import = _subprocess_seconds("import index.minilm_numpy", runs)
    rows.append((f"import index.minilm_numpy (median of {runs})", _s(numpy_import)))
    cold = _subprocess_seconds(
        "from index.model_path import resolve_model\n"
        "from index.minilm_numpy import NumpyEncoder\n"
        f"NumpyEncoder(resolve_model({args.model!r})).encode([{QUESTION!r}])",
        3,
    )
    rows.append(("cold import + load + encode 1 question (median of 3)", _s(cold)))
    st_import = _subprocess_seconds("import sentence_transformers", 1)
    rows.append(("import sentence_transformers (1 run)", _s(st_import)))

    from index.minilm_numpy import NumpyEncoder

    load_numpy = _median_seconds(lambda: NumpyEncoder(model_dir), runs)
    encoder = NumpyEncoder(model_dir)
    rows.append((f"NumpyEncoder load (median of {runs})", _s([load_numpy])))

    from sentence_transformers import SentenceTransformer

    start = time.perf_counter()
    st_model = SentenceTransformer(model_dir, device="cpu")
    rows.append(
        ("SentenceTransformer load (1 run, after import)", _s([time.perf_counter() - start]))
    )

    encoder.encode([QUESTION])  # first call pays one-off allocation and thread start-up
    st_model.encode([QUESTION], normalize_embeddings=True)
    # Interleaved, so a burst of load from other processes hits both encoders alike.
    numpy_q: list[float] = []
    st_q: list[float] = []
    for _ in range(20):
        numpy_q.append(_median_seconds(lambda: encoder.encode([QUESTION]), 1))
        st_q.append(
            _median_seconds(lambda: st_model.encode([QUESTION], normalize_embeddings=True), 1)
        )
    rows.append(("NumpyEncoder encode 1 question (median of 20)", _s(numpy_q)))
    rows.append(("SentenceTransformer encode 1 question (median of 20)", _s(st_q)))

    import numpy as np

    ours = encoder.encode(texts)
    theirs = np.asarray(st_model.encode(texts, normalize_embeddings=True), dtype=np.float32)
    cosines = (ours * theirs).sum(axis=1)
    truncated = sum(len(encoder._tokenizer.encode(t).ids) >= encoder.max_seq_length for t in texts)
    worst = int(cosines.argmin())
    rows[:0] = [
        (
            f"texts compared ({truncated} truncated at {encoder.max_seq_length} tokens)",
            str(len(texts)),
        ),
        ("min cosine", f"{cosines.min():.7f}"),
        ("median cosine", f"{np.median(cosines):.7f}"),
        ("texts with cosine < 0.999", str(int((cosines < 0.999).sum()))),
        ("worst text", repr(texts[worst][:50])),
    ]

    width = max(len(name) for name, _ in rows)
    print(f"model: {model_dir}")
    # Timings on a shared 2-core machine swing tenfold with other load; show it beside them.
    print(f"load average before/after: {load_before} / {_load_average()}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0 if cosines.min() >= 0.999 else 1


def _load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def _s(seconds: list[float]) -> str:
    return f"{statistics.median(seconds) * 1000:8.1f} ms"


if __name__ == "__main__":
    raise SystemExit(main())
