"""Embedders behind one small protocol, and the embedding cache that keeps them idle.

Chunks are encoded once with sentence-transformers; the same forward pass also yields one
vector per sentence, mean-pooled over that sentence's token embeddings inside the chunk
("late chunking"). The answer engine ranks sentences with those vectors at no extra model
cost. Questions are encoded by the light NumPy encoder when the model allows it, so a one-shot
`newsbot ask` never imports torch.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from index import interrupt
from index.model_path import resolve_model

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

Spans = Sequence[tuple[int, int]]


class EmbedError(Exception):
    """The model cannot be loaded; the message is one line for the user."""


@dataclass
class Encoded:
    vector: np.ndarray  # (dim,) float32, L2-normalised
    sentences: np.ndarray  # (n_spans, dim) float32, L2-normalised


class QueryEncoder(Protocol):
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


class ChunkEncoder(Protocol):
    dim: int
    texts_encoded: int

    def encode_chunks(self, texts: list[str], spans: list[Spans]) -> list[Encoded]: ...


def _normalise(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=-1, keepdims=True)
    return (m / np.maximum(norms, 1e-12)).astype(np.float32)


class TorchEmbedder:
    """sentence-transformers on the CPU; used for builds (and for queries when the light
    encoder cannot run the configured model)."""

    def __init__(self, model: str, batch_size: int = 32) -> None:
        path = resolve_model(model)
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # "Loading weights" would garble our own bar

            self.model = SentenceTransformer(path, device="cpu")
        except Exception as exc:  # noqa: BLE001 - any loader failure is a user-facing model error
            raise EmbedError(
                f"cannot load embedding model {model!r}: {str(exc).splitlines()[0]}"
            ) from None
        self.batch_size = batch_size
        dim_of = getattr(self.model, "get_embedding_dimension", None) or (
            self.model.get_sentence_embedding_dimension
        )
        self.dim = int(dim_of() or 0)
        self.texts_encoded = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.texts_encoded += len(texts)
        out = self.model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True)
        return np.asarray(out, dtype=np.float32)

    def encode_chunks(self, texts: list[str], spans: list[Spans]) -> list[Encoded]:
        if not texts:
            return []
        self.texts_encoded += len(texts)
        outs = self.model.encode(texts, batch_size=self.batch_size, output_value=None)
        tok = self.model.tokenizer(
            texts,
            return_offsets_mapping=True,
            truncation=True,
            max_length=self.model.max_seq_length,
        )["offset_mapping"]
        result = []
        for out, offsets, sent_spans in zip(outs, tok, spans, strict=True):
            vector = _normalise(out["sentence_embedding"].float().numpy())
            tokens = out["token_embeddings"].float().numpy()
            result.append(Encoded(vector, _pool_spans(tokens, offsets, sent_spans, vector)))
        return result


def _pool_spans(
    tokens: np.ndarray, offsets: list[tuple[int, int]], spans: Spans, fallback: np.ndarray
) -> np.ndarray:
    """Mean of the token vectors whose characters fall inside each span; a sentence cut off by
    truncation gets the chunk vector instead."""
    starts = np.array([s for s, e in offsets])
    ends = np.array([e for s, e in offsets])
    real = ends > starts  # special tokens have (0, 0)
    out = np.empty((len(spans), tokens.shape[1]), dtype=np.float32)
    for i, (s, e) in enumerate(spans):
        mask = real & (starts >= s) & (ends <= e)
        out[i] = tokens[: len(mask)][mask].mean(axis=0) if mask.any() else fallback
    return _normalise(out)


def load_query_encoder(model: str, mode: str = "auto") -> QueryEncoder:
    """The cheapest encoder that gives the model's own vectors (see bench/cold.py)."""
    if mode not in ("auto", "numpy", "torch"):
        raise EmbedError(f"embed.query_encoder must be auto, numpy or torch, not {mode!r}")
    path = resolve_model(model)
    if mode != "torch":
        from index.minilm_numpy import NumpyEncoder

        if NumpyEncoder.supports(path):
            return NumpyEncoder(path)
        if mode == "numpy":
            raise EmbedError(
                f"the NumPy encoder cannot run model {model!r}; use query_encoder = 'torch'"
            )
    return TorchEmbedder(model)


def text_key(text: str, spans: Spans) -> str:
    """Cache key of a chunk: its text and the sentence spans pooled from it."""
    h = hashlib.sha256(text.encode("utf-8"))
    h.update(repr(tuple(spans)).encode())
    return h.hexdigest()


class EmbeddingCache:
    """(model, text hash) → vectors, in SQLite beside the index generations. It outlives every
    generation, so the same text is never embedded twice across rebuilds and updates."""

    def __init__(self, path: Path, model: str, timeout: float = 30) -> None:
        self.model = model
        try:
            self.db = self._connect(path, timeout)
        except sqlite3.OperationalError:
            raise  # locked, busy, disk full: nothing wrong with the file itself
        except sqlite3.DatabaseError as exc:
            # "file is not a database", "malformed": only a cache, so a damaged one costs
            # re-embedding, never the build. Kept beside it, never overwritten, for a look.
            aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
            path.replace(aside)
            for extra in ("-wal", "-shm"):
                side = path.with_name(path.name + extra)
                if side.exists():
                    side.replace(aside.with_name(aside.name + extra))
            print(
                f"warning: the embedding cache {path} is damaged ({exc}); moved it to {aside} "
                "and started an empty one",
                file=sys.stderr,
            )
            self.db = self._connect(path, timeout)

    @staticmethod
    def _connect(path: Path, timeout: float) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=timeout)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS vectors (model TEXT, key TEXT, dim INTEGER,"
                " vector BLOB, sentences BLOB, PRIMARY KEY (model, key))"
            )
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def get(self, keys: list[str]) -> dict[str, Encoded]:
        found: dict[str, Encoded] = {}
        for i in range(0, len(keys), 500):
            part = keys[i : i + 500]
            rows = self.db.execute(
                f"SELECT key, dim, vector, sentences FROM vectors WHERE model = ? AND key IN "
                f"({','.join('?' * len(part))})",
                [self.model, *part],
            )
            for key, dim, vec, sents in rows:
                found[key] = Encoded(
                    np.frombuffer(vec, dtype=np.float32),
                    np.frombuffer(sents, dtype=np.float16).astype(np.float32).reshape(-1, dim),
                )
        return found

    def put(self, items: dict[str, Encoded]) -> None:
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?, ?)",
                [
                    (
                        self.model,
                        k,
                        e.vector.shape[0],
                        e.vector.astype(np.float32).tobytes(),
                        e.sentences.astype(np.float16).tobytes(),
                    )
                    for k, e in items.items()
                ],
            )

    def close(self) -> None:
        self.db.close()


def embed_with_cache(
    cache: EmbeddingCache,
    encoder: Callable[[], ChunkEncoder],
    texts: list[str],
    spans: list[Spans],
    batch: int = 256,
    progress: Callable[[int], None] | None = None,
    step: int = 32,
) -> tuple[list[Encoded], int]:
    """Vectors for every text; only texts missing from the cache reach the model, which is
    loaded (and torch imported) only if there is at least one. Returns (vectors, n_embedded).

    The model gets `step` texts at a time (one forward pass at the default batch size),
    longest first: the padding is then that of one sorted call over all of them, where groups
    of 256 sorted apart padded 8.5 % of the tokens (bench/README.md). New vectors are committed
    every `batch` texts, and whatever stops the loop (Ctrl-C, SIGTERM, a model error) commits
    the ones already computed first, so a rerun embeds only what never was."""
    keys = [text_key(t, s) for t, s in zip(texts, spans, strict=True)]
    found = cache.get(list(dict.fromkeys(keys)))
    todo = list(dict.fromkeys(k for k in keys if k not in found))
    first = {k: i for i, k in reversed(list(enumerate(keys)))}
    if progress:
        progress(len(keys) - sum(1 for k in keys if k not in found))
    if todo:
        copies = Counter(keys)  # a text twice in the corpus is two chunks of progress
        todo.sort(key=lambda k: -len(texts[first[k]]))
        model = encoder()
        pending: dict[str, Encoded] = {}
        try:
            for i in range(0, len(todo), step):
                interrupt.check()
                part = todo[i : i + step]
                encoded = model.encode_chunks(
                    [texts[first[k]] for k in part], [spans[first[k]] for k in part]
                )
                pending.update(zip(part, encoded, strict=True))
                if len(pending) >= batch:
                    cache.put(pending)
                    found.update(pending)
                    pending = {}
                if progress:
                    progress(sum(copies[k] for k in part))
            cache.put(pending)
        except BaseException as exc:
            _keep(cache, pending, exc)
            raise
        found.update(pending)
    return [found[k] for k in keys], len(todo)


def _keep(cache: EmbeddingCache, pending: dict[str, Encoded], exc: BaseException) -> None:
    """On the way out of a stopped embedding loop: commit the vectors it computed since the
    last commit, in one transaction (a put cut off by the signal was rolled back whole). Not
    when the cache itself failed: a second try would fail alike, or wait out its lock again."""
    if pending and not isinstance(exc, sqlite3.Error):
        with contextlib.suppress(sqlite3.Error):
            cache.put(pending)
