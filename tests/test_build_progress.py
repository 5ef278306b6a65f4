"""What a build says and keeps on its way: plain progress lines when stderr is no terminal
(under nohup, in CI, piped to a log), and an embedding loop that, stopped between two forward
passes, commits the vectors it already computed. The real model, the real SQLite cache."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import BuiltIndex, run_newsbot

from index.embed import EmbeddingCache, TorchEmbedder, embed_with_cache
from index.ingest import read_file
from index.new_chunks import chunk_rows
from index.progress import PlainProgress

LINE = re.compile(r"embedding: [\d,]+ of [\d,]+ chunks \(\d+%\)")


def test_plain_progress_says_at_most_one_line_per_interval_and_a_last_one(
    capsys: pytest.CaptureFixture,
) -> None:
    now = [0.0]
    bar = PlainProgress(5713, every=10.0, clock=lambda: now[0])
    bar.update(0)  # the cache's share, at once
    for _ in range(40):  # 40 forward passes of 32 chunks, 0.5 s each
        now[0] += 0.5
        bar.update(32)
    bar.close()
    assert capsys.readouterr().err.splitlines() == [
        "embedding: 0 of 5,713 chunks (0%)",
        "embedding: 640 of 5,713 chunks (11%)",  # at 10 s
        "embedding: 1,280 of 5,713 chunks (22%)",  # at 20 s, the last update
    ]


def test_plain_progress_closes_with_the_count_reached(capsys: pytest.CaptureFixture) -> None:
    now = [0.0]
    bar = PlainProgress(100, every=10.0, clock=lambda: now[0])
    bar.update(40)
    now[0] += 1
    bar.update(60)
    bar.close()
    assert capsys.readouterr().err.splitlines() == [
        "embedding: 40 of 100 chunks (40%)", "embedding: 100 of 100 chunks (100%)"]


def test_a_build_piped_to_a_log_prints_plain_progress_lines(private_index: BuiltIndex) -> None:
    """`newsbot index build` with stderr a pipe: every chunk comes from the cache, and the
    log still says so, with no carriage return or escape code."""
    done = run_newsbot("index", "build", "--config", str(private_index.config),
                       cwd=private_index.root)
    assert done.returncode == 0, done.stderr
    assert "\r" not in done.stderr and "\x1b" not in done.stderr
    chunks = private_index.stats.chunks
    assert done.stderr.splitlines() == [f"embedding: {chunks} of {chunks} chunks (100%)"]
    quiet = run_newsbot("index", "build", "--quiet", "--config", str(private_index.config),
                        cwd=private_index.root)
    assert quiet.returncode == 0 and quiet.stderr == ""


@pytest.mark.parametrize("every", ["-1", "nan", "inf"])  # nan printed only the ends
def test_a_progress_interval_that_is_no_number_of_seconds_is_one_error_line(
    private_index: BuiltIndex, every: str
) -> None:
    done = run_newsbot("index", "update", "--progress-every", every, "--config",
                       str(private_index.config), cwd=private_index.root)
    assert done.returncode == 2
    assert done.stderr == "newsbot: error: --progress-every must be 0 or more seconds\n"


def test_a_stop_between_forward_passes_commits_what_they_computed(
    base_index: BuiltIndex, tmp_path: Path
) -> None:
    """Ctrl-C (a KeyboardInterrupt) after the second of four forward passes, long before the
    first commit of 256: their 4 vectors are in the cache, whole, and a rerun embeds the
    other 4 only."""
    articles = read_file(base_index.corpus / "071_5c4cb556d2a746c8.md")  # eight chunks
    _, texts, spans = chunk_rows(articles, "all-MiniLM-L6-v2", 200)
    texts, spans = texts * 2, spans * 2  # a text twice is embedded once, counted twice
    assert len(set(texts)) == 8
    model = TorchEmbedder("all-MiniLM-L6-v2")
    passes: list[int] = []

    def progress(n: int) -> None:
        passes.append(n)
        if len(passes) == 3:  # the cache's share, then two forward passes
            raise KeyboardInterrupt

    cache = EmbeddingCache(tmp_path / "embeddings.sqlite", "all-MiniLM-L6-v2")
    try:
        with pytest.raises(KeyboardInterrupt):
            embed_with_cache(cache, lambda: model, texts, spans, progress=progress, step=2)
        assert passes == [0, 4, 4]
        assert model.texts_encoded == 4
        assert cache.db.execute("SELECT count(*) FROM vectors").fetchone()[0] == 4
        assert cache.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        vectors, embedded = embed_with_cache(cache, lambda: model, texts, spans, step=2)
        assert embedded == 4 and model.texts_encoded == 8
        assert cache.db.execute("SELECT count(*) FROM vectors").fetchone()[0] == 8
        assert len(vectors) == 16 and all(v.vector.shape == (384,) for v in vectors)
    finally:
        cache.close()
