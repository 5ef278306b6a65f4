"""The chunks of new and changed articles: cut, embedded through the cache, stored.

Every text goes through the embedding cache first (index/embed.py), so only chunks never seen
before reach the model, and the model is not even loaded when there are none."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np

from index.article import Article
from index.chunk import Chunk, chunker_for
from index.embed import EmbeddingCache, TorchEmbedder, embed_with_cache
from index.model_path import resolve_model
from index.progress import PROGRESS_EVERY, progress_for
from index.terms import stems_json


def chunk_rows(
    articles: list[Article], model: str, chunk_tokens: int
) -> tuple[list[tuple[Article, Chunk]], list[str], list[list[tuple[int, int]]]]:
    """Every chunk of the articles, with the text the model embeds and the sentence spans
    inside it: what a build sends to the model (bench/ measures exactly this)."""
    chunker = chunker_for(resolve_model(model), chunk_tokens)
    rows = [(a, c) for a in articles for c in chunker(a)]
    return rows, [c.embed_text(a.text) for a, c in rows], [c.embed_spans() for _, c in rows]


def add_chunks(
    db: sqlite3.Connection,
    todo: list[Article],
    next_id: int,
    model: str,
    chunk_tokens: int,
    batch_size: int,
    cache_path: Path,
    progress: bool,
    progress_every: float = PROGRESS_EVERY,
    model_path: str = "",
) -> tuple[int, int]:
    """Store the chunks of `todo` with ids from `next_id` on; (embedded now, taken from the
    cache). `progress_every`: seconds between two progress lines when stderr is no terminal."""
    if not todo:
        return 0, 0
    rows, texts, spans = chunk_rows(todo, model_path or model, chunk_tokens)
    cache = EmbeddingCache(cache_path, model)  # by name: a moved project keeps its vectors
    bar = progress_for(len(texts), progress_every) if progress else None
    try:
        encoded, n_new = embed_with_cache(
            cache,
            lambda: TorchEmbedder(model_path or model, batch_size),
            texts,
            spans,
            progress=bar.update if bar is not None else None,
            step=batch_size,  # one forward pass per call: a stop loses at most the one running
        )
    finally:
        cache.close()
        if bar is not None:
            bar.close()
    for i, ((a, c), enc) in enumerate(zip(rows, encoded, strict=True)):
        db.execute(
            "INSERT INTO chunks (id, article_id, ordinal, sentences, vector, sentence_vectors,"
            " stems) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                next_id + i,
                a.id,
                c.ordinal,
                json.dumps(c.sentences),
                enc.vector.tobytes(),
                enc.sentences.astype(np.float16).tobytes(),
                stems_json(a.title, a.text, list(c.sentences)),
            ),
        )
    return n_new, len(texts) - n_new

