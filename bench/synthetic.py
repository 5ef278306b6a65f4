"""Synthetic indexes of 10k to 1M chunks grown from a real one, for bench/query.py: how they
are made is in query.py's docstring (step 2). Kept in --work between runs; indexes from an
older newsbot are upgraded in place."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

import common

DIM = 384


def load_real(meta: Path):
    import sqlite3

    import numpy as np

    db = sqlite3.connect(meta)
    rows = db.execute(
        "SELECT c.id, c.sentences, c.vector, c.sentence_vectors, a.title, a.date, a.text "
        "FROM chunks c JOIN articles a ON a.id = c.article_id ORDER BY c.id").fetchall()
    db.close()
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    vecs = np.vstack([np.frombuffer(r[2], dtype=np.float32) for r in rows])
    sent3 = np.zeros((len(rows), 3, DIM), dtype=np.float32)
    nsent = np.zeros(len(rows), dtype=np.int64)
    texts, titles, dates = [], [], []
    for i, (_, sents, _, svec, title, date, text) in enumerate(rows):
        spans = json.loads(sents)[:3]
        sv = np.frombuffer(svec, dtype=np.float16).astype(np.float32).reshape(-1, DIM)[:3]
        nsent[i] = len(spans)
        sent3[i, : len(spans)] = sv
        texts.append([text[s:e] for s, e in spans])
        titles.append(title)
        dates.append(date)
    return ids, vecs, sent3, nsent, texts, titles, dates


def generate(real_meta: Path, size: int, out: Path, noise: float, mix: float, seed: int):
    """meta.sqlite with `size` chunks (the real ones first) and the matching (ids, vectors)."""
    import sqlite3

    import numpy as np

    from index.facets import write_facets
    from index.keyword import build_keyword_index
    from index.store import migrate
    from index.terms import encode_stems, fill_missing_stems, word_stems

    ids_r, vecs_r, sent3, nsent, texts, titles, dates = load_real(real_meta)
    n_real = len(ids_r)
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    meta = out / "meta.sqlite"
    shutil.copyfile(real_meta, meta)
    db = sqlite3.connect(meta)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    migrate(db)
    fill_missing_stems(db)  # the real chunks, when the real index predates stored stems
    sent_stems = [[word_stems(t) for t in sents] for sents in texts]
    title_stems: dict[str, list[str]] = {}
    next_id = int(ids_r.max()) + 1
    n_syn = max(0, size - n_real)
    vectors = np.empty((n_real + n_syn, DIM), dtype=np.float32)
    vectors[:n_real] = vecs_r
    all_ids = np.concatenate([ids_r, np.arange(next_id, next_id + n_syn, dtype=np.int64)])
    block = 20_000
    article_no = 0
    parent_cos = []
    for start in range(0, n_syn, block):
        b = min(block, n_syn - start)
        b -= b % 4 if start + b < n_syn else 0  # whole articles except in the last block
        p = rng.integers(n_real, size=b)
        q = rng.integers(n_real, size=b)
        w = rng.uniform(0, mix, size=(b, 1)).astype(np.float32)
        scale = float(noise / np.sqrt(DIM))
        v = ((1 - w) * vecs_r[p] + w * vecs_r[q]
             + scale * rng.standard_normal((b, DIM), dtype=np.float32)).astype(np.float32)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        vectors[n_real + start : n_real + start + b] = v
        parent_cos.append(float(np.mean(np.sum(v * vecs_r[p], axis=1))))
        s = sent3[p] + scale * rng.standard_normal((b, 3, DIM), dtype=np.float32)
        s /= np.maximum(np.linalg.norm(s, axis=2, keepdims=True), 1e-12)
        s16 = s.astype(np.float16)
        chunk_rows, article_rows = [], []
        for a0 in range(0, b, 4):
            members = range(a0, min(a0 + 4, b))
            aid = f"syn{article_no:013d}"
            title, date = titles[p[a0]], dates[p[a0]]
            if title not in title_stems:
                title_stems[title] = word_stems(title)
            paras, spans_all, offset = [], [], 0
            for j in members:
                sents = texts[p[j]]
                spans = []
                pos = offset
                for t in sents:
                    spans.append((pos, pos + len(t)))
                    pos += len(t) + 1
                paras.append(" ".join(sents))
                spans_all.append(spans)
                offset += len(paras[-1]) + 2
            text = "\n\n".join(paras)
            article_rows.append((aid, f"synthetic/{article_no:07d}.txt", None, title, date, None,
                                 text, ""))
            for ordinal, j in enumerate(members):
                cid = next_id + start + j
                chunk_rows.append((cid, aid, ordinal, json.dumps(spans_all[ordinal]),
                                   v[j].tobytes(), s16[j, : nsent[p[j]]].tobytes(),
                                   encode_stems(title_stems[title], sent_stems[p[j]])))
            article_no += 1
        db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)", article_rows)
        db.executemany("INSERT INTO chunks VALUES (?, ?, ?, ?, ?, ?, ?)", chunk_rows)
        print(f"\r  generating {size:,} chunks: {n_real + start + b:,}", end="", file=sys.stderr,
              flush=True)
    if n_syn:
        print(file=sys.stderr)
    db.commit()
    build_keyword_index(db, all_ids, out)
    write_facets(db, all_ids, out)
    articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    db.close()
    cos = sum(parent_cos) / len(parent_cos) if parent_cos else 1.0
    return all_ids, vectors, articles, cos


def upgrade_data(data: Path) -> float:
    """Brings a meta.sqlite kept in --work from an older newsbot up to date (schema, stored
    stems) and builds its keyword index beside it; returns the seconds it took."""
    import sqlite3

    import numpy as np

    from index.keyword import build_keyword_index
    from index.store import migrate
    from index.terms import fill_missing_stems

    t = time.perf_counter()
    db = sqlite3.connect(data / "meta.sqlite")
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    migrate(db)
    filled = fill_missing_stems(db)
    db.commit()
    print(f"  upgraded {data / 'meta.sqlite'}: schema migrated, stems of {filled:,} chunks "
          f"stored in {time.perf_counter() - t:.0f} s", flush=True)
    t2 = time.perf_counter()
    build_keyword_index(db, np.load(data / "ids.npy"), data)
    db.close()
    ensure_facets(data)
    print(f"  keyword index built in {time.perf_counter() - t2:.0f} s", flush=True)
    return time.perf_counter() - t2


def ensure_facets(data: Path) -> bool:
    """Writes the facet arrays (index/facets.py) beside a kept meta.sqlite that predates them;
    True when it had to."""
    import sqlite3

    import numpy as np

    from index.facets import FILES, write_facets

    if all((data / name).exists() for name in FILES):
        return False
    db = sqlite3.connect(data / "meta.sqlite")
    write_facets(db, np.load(data / "ids.npy"), data)
    db.close()
    return True


def _link_shared(data: Path, tmp: Path) -> None:
    from index.facets import FILES as FACET_FILES
    from index.keyword import FILES

    os.symlink(data / "meta.sqlite", tmp / "meta.sqlite")
    for name in FILES + FACET_FILES:
        os.symlink(data / name, tmp / name)


def relink_kind(root: Path, data: Path) -> Path:
    """Republishes a kind whose current generation predates the keyword index or the facet
    arrays: the same
    vectors.faiss (hard link) and manifest, the shared files of `data` by symlink."""
    from index.store import IndexPaths

    paths = IndexPaths(root)
    old = paths.current_generation()
    tmp = paths.new_generation()
    _link_shared(data, tmp)
    os.link(old / "vectors.faiss", tmp / "vectors.faiss")
    shutil.copyfile(old / "manifest.json", tmp / "manifest.json")
    return paths.publish(tmp)


def publish_kind(root: Path, meta: Path, store, size: int, articles: int) -> Path:
    """A normal index dir whose current generation holds this kind's vectors.faiss, a
    manifest, and (by symlink) the shared meta.sqlite and keyword index."""
    from index.chunk import CHUNKER_VERSION
    from index.store import IndexPaths

    paths = IndexPaths(root)
    root.mkdir(parents=True, exist_ok=True)
    tmp = paths.new_generation()
    _link_shared(meta.parent, tmp)
    store.save(tmp / "vectors.faiss")
    manifest = {"model": common.MODEL, "dim": DIM, "chunker_version": CHUNKER_VERSION,
                "chunk_tokens": 200, "vector_index": store.kind,
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "articles": articles,
                "chunks": size, "corpus": ["synthetic"]}
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return paths.publish(tmp)


def vectors_of(meta: Path):
    import sqlite3

    import numpy as np

    db = sqlite3.connect(meta)
    n = db.execute("SELECT count(*) FROM chunks").fetchone()[0]
    ids = np.empty(n, dtype=np.int64)
    vectors = np.empty((n, DIM), dtype=np.float32)
    for i, (cid, blob) in enumerate(db.execute("SELECT id, vector FROM chunks ORDER BY id")):
        ids[i] = cid
        vectors[i] = np.frombuffer(blob, dtype=np.float32)
    db.close()
    return ids, vectors
