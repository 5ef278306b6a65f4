"""Helpers shared by the bench/ scripts: paths, load average, medians, tables, temp corpora,
the chunk texts a build embeds, and a reusable embedding cache.

Nothing here imports numpy, torch or faiss at module level: a script that measures the query
side must set ``OPENBLAS_NUM_THREADS`` before numpy is first imported (as ``newsbot`` does).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# `../shared/corpus` relative to the repository root.
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "newsbot-bench-cache"
MODEL = "all-MiniLM-L6-v2"
PYTHON = sys.executable
NEWSBOT = Path(sys.executable).with_name("newsbot")


def setup(query_side: bool = False) -> None:
    """Offline model loading, the repository on sys.path, and for query-side measurements one
    BLAS thread (bot/cli.py main does the same for every `newsbot` command)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if query_side:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))


def timed_run(cmd: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    """Wall time of a subprocess (interpreter start included); a failure ends the bench."""
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=child_env(), capture_output=True, text=True, cwd=REPO)
    took = time.perf_counter() - t
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd[:4])} failed:\n{proc.stderr[-2000:]}")
    return took, proc


def child_env(**extra: str) -> dict[str, str]:
    """Environment for subprocesses: offline, one BLAS thread (as the CLI sets it)."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": str(REPO)}
    env.update(extra)
    return env


# -- load average -------------------------------------------------------------------------


def loadavg() -> tuple[float, float, float]:
    try:
        return os.getloadavg()
    except OSError:
        return (float("nan"),) * 3


class LoadMonitor:
    """Load average at start and end, and the highest 1-minute figure seen in between
    (sampled by `sample()` after each timed run)."""

    def __init__(self) -> None:
        self.start = loadavg()
        self.peak = self.start[0]
        self.end: tuple[float, float, float] | None = None

    def sample(self) -> float:
        now = loadavg()[0]
        self.peak = max(self.peak, now)
        return now

    def finish(self) -> None:
        self.end = loadavg()
        self.peak = max(self.peak, self.end[0])

    def busy(self) -> bool:
        return self.peak > 1.0

    def lines(self) -> list[str]:
        def fmt(t: tuple[float, float, float] | None) -> str:
            return "?" if t is None else " / ".join(f"{x:.2f}" for x in t)

        out = [f"load average (1/5/15 min) at start: {fmt(self.start)}; at end: {fmt(self.end)}; "
               f"highest 1-min seen: {self.peak:.2f} on {os.cpu_count()} CPUs"]
        if self.start[0] > 1.0:
            out.append(f"NOTE: load was {self.start[0]:.2f} when this run started: other "
                       "processes were using the CPUs (or had just been: the 1-min average "
                       "lags), so timings are pessimistic; compare the same-run baseline.")
        elif self.busy():
            out.append(f"NOTE: load reached {self.peak:.2f} during the run; part of it is this "
                       "benchmark itself (torch/faiss use both CPUs), any excess is other "
                       "processes.")
        return out


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} CPUs ({model}){mem}, Python {sys.version.split()[0]}"


def header(title: str) -> None:
    print(f"# {title}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M')}; machine: {machine()}")


# -- statistics and tables ----------------------------------------------------------------


def median(xs: Sequence[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def percentile(xs: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    rank = max(1, int(-(-q * len(s) // 100)))  # ceil
    return s[min(len(s), rank) - 1]


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table (pastes straight into bench/README.md)."""
    rows = [[str(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"
    out = [line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in rows]
    return "\n".join(out)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def secs(seconds: float) -> str:
    return f"{seconds:.2f} s"


def rss_mb() -> float:
    """Resident set size of this process, MiB (from /proc; no psutil needed)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# -- corpora ------------------------------------------------------------------------------


def default_paths(corpus: Path) -> list[Path]:
    """articles/ + extra/ of the shared corpus (what `make eval` indexes)."""
    return [corpus / "articles", corpus / "extra"]


def scale_records(corpus: Path, n: int) -> list[dict]:
    """The first n articles of scale/wikinews.jsonl."""
    out = []
    with open(corpus / "scale" / "wikinews.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
                if len(out) >= n:
                    break
    return out


def write_jsonl(records: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def write_seed_txt(records: list[dict], folder: Path) -> list[Path]:
    """One `.txt` per article in seed format: ` date YYYY-MM-DD Title`, one paragraph per line
    (the same title, date and paragraphs as the JSONL record, so the chunk texts agree)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, r in enumerate(records):
        paragraphs = [" ".join(p.split()) for p in r["text"].split("\n\n") if p.strip()]
        p = folder / f"{i:05d}_{r.get('id', i)}.txt"
        p.write_text(f" date {r['date']} {r['title']}\n" + "\n".join(paragraphs) + "\n",
                     encoding="utf-8")
        paths.append(p)
    return paths


def subset_files(paths: list[Path], n_articles: int, dest: Path) -> int:
    """Copy corpus files (sorted, as `index build` discovers them) into dest until they hold at
    least n_articles articles; returns the article count."""
    from index.article import IngestError
    from index.discover import discover
    from index.ingest import read_file

    dest.mkdir(parents=True, exist_ok=True)
    count = 0
    for f in discover(paths):
        try:
            n = len(read_file(f))
        except IngestError:
            continue
        shutil.copy2(f, dest / f"{f.parent.name}__{f.name}")
        count += n
        if count >= n_articles:
            break
    return count


def read_articles(paths: list[Path]) -> list:
    """Articles exactly as the builder reads them (unreadable files skipped)."""
    from index.article import IngestError
    from index.discover import discover
    from index.ingest import read_file

    out = []
    for f in discover(paths):
        try:
            articles = read_file(f)
        except IngestError:
            continue
        seen = set()
        for a in articles:
            if a.id not in seen:
                seen.add(a.id)
                out.append(a)
    return out


def chunk_inputs(articles: list, model: str = MODEL, chunk_tokens: int = 200):
    """(texts, unique texts, their spans) as a build makes them (index.build.chunk_rows) and
    `embed_with_cache` dedupes them: the unique texts, in build order, are what a build sends
    to the model."""
    from index.build import chunk_rows
    from index.embed import text_key

    _, texts, spans = chunk_rows(articles, model, chunk_tokens)
    keys = [text_key(t, s) for t, s in zip(texts, spans, strict=True)]
    first: dict[str, int] = {}
    for i, k in enumerate(keys):
        first.setdefault(k, i)
    unique = [texts[i] for i in first.values()]
    unique_spans = [spans[i] for i in first.values()]
    return texts, unique, unique_spans


# -- configs, builds and the reusable embedding cache -------------------------------------


def make_config(index_dir: Path, corpus: list[Path], **sections: dict):
    """A Config as `newsbot` would load it from a TOML with these sections."""
    from bot.config import parse_config

    data: dict = {"corpus": {"paths": [str(p) for p in corpus]}, "index": {"dir": str(index_dir)}}
    for name, values in sections.items():
        data.setdefault(name, {}).update(values)
    return parse_config(data, Path("/"))


def write_toml(path: Path, index_dir: Path, corpus: list[Path], **sections: dict) -> Path:
    """The same config as a file, for `newsbot --config` subprocesses."""
    data: dict = {"corpus": {"paths": [str(p) for p in corpus]}, "index": {"dir": str(index_dir)}}
    for name, values in sections.items():
        data.setdefault(name, {}).update(values)
    lines = []
    for name, values in data.items():
        lines.append(f"[{name}]")
        for k, v in values.items():
            lines.append(f"{k} = {json.dumps(v)}")
        lines.append("")
    path.write_text("\n".join(lines))
    return path


def seed_cache(cache_dir: Path | None, index_dir: Path) -> bool:
    """Copy a saved embedding cache into a fresh index dir (so the build re-embeds nothing it
    has embedded before). Returns whether there was one."""
    if cache_dir is None:
        return False
    src = cache_dir / "embeddings.sqlite"
    if not src.is_file():
        return False
    index_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, index_dir / "embeddings.sqlite")
    return True


def save_cache(index_dir: Path, cache_dir: Path | None) -> None:
    """Keep the index dir's embedding cache (a superset of what was seeded) for later runs."""
    if cache_dir is None:
        return
    src = index_dir / "embeddings.sqlite"
    if not src.is_file():
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = cache_dir / f".embeddings.{os.getpid()}.tmp"
    shutil.copyfile(src, tmp)
    os.replace(tmp, cache_dir / "embeddings.sqlite")


def build_index(corpus: list[Path], index_dir: Path, cache_dir: Path | None,
                full: bool = True, **index_cfg: object):
    """`newsbot index build` in-process (the function the CLI calls), with the embedding cache
    seeded from and saved back to cache_dir. Returns (BuildStats, seconds)."""
    from bot.cli import build_options
    from index.build import run_build

    seed_cache(cache_dir, index_dir)
    cfg = make_config(index_dir, corpus, index=dict(index_cfg))
    t = time.perf_counter()
    stats = run_build(build_options(cfg, quiet=True), full=full)
    took = time.perf_counter() - t
    save_cache(index_dir, cache_dir)
    return stats, took


def temp_dir(prefix: str, keep: bool = False) -> Path:
    path = Path(tempfile.mkdtemp(prefix=f"newsbot-bench-{prefix}-"))
    if not keep:
        import atexit

        atexit.register(shutil.rmtree, path, True)
    return path


def questions(corpus: Path) -> list[dict]:
    with open(corpus / "questions.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
