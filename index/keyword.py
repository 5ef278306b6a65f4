"""Keyword search: BM25 over chunks from a sparse index held in memory.

Every generation carries its keyword index beside its database (the `bm25.*` files, written
before the generation is published, so an interrupted build never leaves a half-written one):
for each term, the chunks containing it and their precomputed BM25 impact. A question sums
the impacts of its rarest terms into one score per chunk and keeps the best; that costs a few
milliseconds on a million chunks, where SQLite FTS5's `bm25()` took a quarter of a second.

Scores are FTS5's `bm25(chunks_fts, 0.4, 1.0)`, which this index replaced: k1 = 1.2, b = 0.75,
a term's frequency in the title counts 0.4 and in the body 1.0, the length is every token of
both, and idf = ln((N - df + 0.5) / (df + 0.5)), at least 1e-6. Tokens are those of FTS5's
`porter unicode61` tokenizer (runs of letters and digits, lower-cased, diacritics removed,
Porter stems), plus each hyphenated word once more joined up ("run-off" also counts as
"runoff", index/terms.joined_compounds), which FTS5 has no way to do: the scores equal FTS5's
over the same text with those joined words appended. Stopwords are indexed too: no question
searches them, but their stems can be other words' ("news" → "new"), and FTS5 counted them.
Their long posting lists are never read (the files are memory-mapped), so they cost disk, not
memory.

An update reuses the previous generation's term counts for every chunk it kept (a chunk is
never changed in place: an edited article gets new chunks) and tokenizes only the new chunks;
the impacts are then recomputed for all, because N, df and the mean length change.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections import Counter
from collections.abc import Iterator
from itertools import repeat
from pathlib import Path

import numpy as np

from index.store import IndexDamaged
from index.terms import index_stem, index_tokens, query_terms, stem_all

# -- the index ------------------------------------------------------------------------------

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 0.4
BODY_WEIGHT = 1.0
MAX_TERMS = 8  # the question's rarest terms; common ones add little to BM25
FORMAT = 2  # of the bm25.* files; another value is not reused by an update
# Formats still read: 1 lacks the joined-up hyphenated words (index/terms.joined_compounds),
# which only makes "runoff" miss "run-off" until the next update rewrites it.
READABLE = frozenset({1, FORMAT})

HEADER = "bm25.json"
VOCAB = "bm25.vocab"  # one term per line; line i is column i
IDS = "bm25.ids.npy"  # int64 [chunks]: row → chunk id, ascending
LENGTHS = "bm25.lengths.npy"  # int32 [chunks]: tokens in title + body
INDPTR = "bm25.indptr.npy"  # int64 [terms + 1]: term i's postings are [indptr[i], indptr[i+1])
ROWS = "bm25.rows.npy"  # int32 [postings]: the chunk (row) of each posting
TF = "bm25.tf.npy"  # float32 [postings]: 0.4 · count in title + count in body
SCORES = "bm25.scores.npy"  # float32 [postings]: the BM25 impact
FILES = (HEADER, VOCAB, IDS, LENGTHS, INDPTR, ROWS, TF, SCORES)


def _header(generation: Path) -> dict:
    try:
        return json.loads((generation / HEADER).read_text())
    except (OSError, ValueError):
        return {}


def has_keyword_index(generation: Path) -> bool:
    """Whether the generation has a keyword index this newsbot reads."""
    return _header(generation).get("format") in READABLE


def keyword_index_current(generation: Path) -> bool:
    """Whether the generation's keyword index is of this newsbot's format (else an update,
    even one with no changed article, writes it anew)."""
    return _header(generation).get("format") == FORMAT


def _reusable(generation: Path) -> bool:
    """Whether an update may reuse that generation's term counts: they include the title
    weight, so counts made with other weights would mix two scales."""
    header = _header(generation)
    return header.get("format") == FORMAT and header.get("weights") == [TITLE_WEIGHT, BODY_WEIGHT]


class KeywordIndex:
    """A generation's keyword index, opened read-only (the postings are memory-mapped)."""

    def __init__(self, generation: Path) -> None:
        header = json.loads((generation / HEADER).read_text())
        if header.get("format") not in READABLE:
            raise ValueError(f"keyword index format {header.get('format')}, not {FORMAT}")
        text = (generation / VOCAB).read_text(encoding="utf-8")
        self.column = {t: i for i, t in enumerate(text.split("\n") if text else [])}
        self.ids = np.load(generation / IDS)
        self.indptr = np.load(generation / INDPTR)
        self.df = np.diff(self.indptr)
        self.rows = np.load(generation / ROWS, mmap_mode="r")
        self.scores = np.load(generation / SCORES, mmap_mode="r")

    def __len__(self) -> int:
        return len(self.ids)

    def doc_freq(self, words: list[str]) -> dict[str, int]:
        """Chunks containing each word, keyed by the word's `stem_all` stem (the answer
        engine's). The word goes through this index's own tokenizer and stemmer, so folding
        ("élections") and short pieces ("U.S.") are counted as the index counts them; a word
        the tokenizer splits counts as its rarest piece; unknown words count 0."""
        out = {}
        for word, stem in zip(words, stem_all(words), strict=True):
            dfs = [
                int(self.df[col])
                for piece in index_tokens(word)
                if (col := self.column.get(index_stem(piece))) is not None
            ]
            out[stem] = min(dfs) if dfs else 0
        return out

    def columns(self, question: str) -> list[int]:
        """The question's terms that occur anywhere, rarest first, at most MAX_TERMS."""
        pieces = [p for t in query_terms(question) for p in index_tokens(t)]
        cols = []
        for s in dict.fromkeys(index_stem(p) for p in pieces):
            col = self.column.get(s)
            if col is not None:
                cols.append(col)
        cols.sort(key=lambda c: self.df[c])  # stable: equally rare terms in question order
        return cols[:MAX_TERMS]

    def search(
        self, question: str, limit: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """(chunk id, BM25 score) of the best `limit` chunks, best first, equal scores by
        ascending id; only chunks in `allowed` (chunk ids) when it is given."""
        cols = self.columns(question)
        if not cols or limit < 1:
            return []
        ptr = self.indptr
        rows = np.concatenate([self.rows[ptr[c] : ptr[c + 1]] for c in cols])
        vals = np.concatenate([self.scores[ptr[c] : ptr[c + 1]] for c in cols])
        if allowed is not None:
            keep = self._allowed_rows(allowed)[rows]
            rows, vals = rows[keep], vals[keep]
        if len(cols) > 1 and len(rows):
            # Sum per chunk, then give every posting its chunk's total: nothing below scans
            # all the chunks, only the postings (a tenth of them or fewer on 1M chunks).
            total = np.zeros(len(self.ids), dtype=np.float32)
            np.add.at(total, rows, vals)
            vals = total[rows]
        # A chunk has at most len(cols) postings, so the best limit·len(cols) postings hold
        # the best `limit` chunks; every posting that scores at least as well as the limit-th
        # of those is a candidate, so equal scores at the cut are all seen.
        k = limit * len(cols)
        if len(vals) > k:
            best = np.argpartition(-vals, k - 1)[:k]
            _, first = np.unique(rows[best], return_index=True)
            chunk_scores = vals[best][first]
            bar = -np.partition(-chunk_scores, limit - 1)[limit - 1]
            keep = vals >= bar
            rows, vals = rows[keep], vals[keep]
        rows, first = np.unique(rows, return_index=True)
        vals = vals[first]
        order = np.lexsort((rows, -vals))[:limit]
        return [(int(i), float(v)) for i, v in zip(self.ids[rows[order]], vals[order], strict=True)]

    def _allowed_rows(self, allowed: np.ndarray) -> np.ndarray:
        """A mask over rows: the chunk is in `allowed` (ids; unknown ones are ignored)."""
        top = int(self.ids[-1]) if len(self.ids) else -1
        allowed = np.asarray(allowed, dtype=np.int64)
        by_id = np.zeros(top + 1, dtype=bool)
        by_id[allowed[(allowed >= 0) & (allowed <= top)]] = True
        return by_id[self.ids]


# -- building ---------------------------------------------------------------------------------


def build_keyword_index(
    db: sqlite3.Connection, ids: np.ndarray, out: Path, prev: Path | None = None
) -> int:
    """Writes the bm25.* files for the chunks `ids` (ascending) of `db` into the generation
    folder `out`. Term counts of chunks that `prev`'s index holds are reused; only the other
    chunks are read and tokenized. Returns how many chunks were tokenized."""
    ids = np.asarray(ids, dtype=np.int64)
    n = len(ids)
    if n > 1 and not bool(np.all(ids[1:] > ids[:-1])):
        raise ValueError("chunk ids must be ascending")
    lengths = np.zeros(n, dtype=np.int32)
    covered = np.zeros(n, dtype=bool)
    vocab: list[str] = []
    rows_parts: list[np.ndarray] = []
    cols_parts: list[np.ndarray] = []
    tf_parts: list[np.ndarray] = []
    if prev is not None and n and _reusable(prev):
        old_ids, old_lengths, old_indptr, old_rows, old_tf, vocab = _previous_counts(prev)
        pos = np.minimum(np.searchsorted(ids, old_ids), n - 1)
        alive = ids[pos] == old_ids
        covered[pos[alive]] = True
        lengths[pos[alive]] = old_lengths[alive]
        keep = alive[old_rows]
        rows_parts.append(pos[old_rows[keep]].astype(np.int32))
        old_cols = np.repeat(np.arange(len(old_indptr) - 1, dtype=np.int32), np.diff(old_indptr))
        cols_parts.append(old_cols[keep])
        tf_parts.append(old_tf[keep])

    column = {t: i for i, t in enumerate(vocab)}
    new_rows, new_cols, new_tf = array("i"), array("i"), array("f")
    stem_of: dict[str, str] = {}
    todo = ids[~covered]
    last_title, title_tf, title_len = None, {}, 0
    for cid, title, body in _chunk_texts(db, todo, n):
        row = int(np.searchsorted(ids, cid))
        if title != last_title:  # an article's chunks come one after another
            last_title = title
            title_tf, title_len = _weighted_tf(title, TITLE_WEIGHT, stem_of)
        tf, length = _weighted_tf(body, BODY_WEIGHT, stem_of)
        for stem, w in title_tf.items():
            tf[stem] = tf.get(stem, 0.0) + w
        lengths[row] = length + title_len
        cols = []
        for stem in tf:
            col = column.get(stem)
            if col is None:
                col = column[stem] = len(vocab)
                vocab.append(stem)
            cols.append(col)
        new_rows.extend(repeat(row, len(cols)))
        new_cols.extend(cols)
        new_tf.extend(tf.values())
    rows_parts.append(np.frombuffer(new_rows, dtype=np.int32))
    cols_parts.append(np.frombuffer(new_cols, dtype=np.int32))
    tf_parts.append(np.frombuffer(new_tf, dtype=np.float32))
    rows = np.concatenate(rows_parts)
    cols = np.concatenate(cols_parts)
    tf = np.concatenate(tf_parts)
    del rows_parts, cols_parts, tf_parts

    # Column-major order (by term, then chunk): a stable sort of the kept postings (already
    # in that order) followed by the new ones (in chunk order).
    order = np.argsort(cols, kind="stable")
    rows, tf = rows[order], tf[order]
    df = np.bincount(cols, minlength=len(vocab)).astype(np.int64)
    del order, cols
    live = df > 0  # terms only deleted chunks had are dropped
    vocab = [t for t, ok in zip(vocab, live.tolist(), strict=True) if ok]
    df = df[live]
    indptr = np.zeros(len(df) + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])

    avgdl = float(lengths.sum()) / n if n else 1.0
    avgdl = avgdl if avgdl > 0 else 1.0
    idf = np.log((n - df + 0.5) / (df + 0.5))
    idf[idf <= 0] = 1e-6
    norm = (K1 * (1 - B + B * lengths / avgdl)).astype(np.float32)
    scores = np.repeat(idf.astype(np.float32), df)
    scores *= tf * np.float32(K1 + 1) / (tf + norm[rows])

    out.mkdir(parents=True, exist_ok=True)
    np.save(out / IDS, ids)
    np.save(out / LENGTHS, lengths)
    np.save(out / INDPTR, indptr)
    np.save(out / ROWS, rows.astype(np.int32, copy=False))
    np.save(out / TF, tf.astype(np.float32, copy=False))
    np.save(out / SCORES, scores.astype(np.float32, copy=False))
    (out / VOCAB).write_text("\n".join(vocab), encoding="utf-8")
    header = {
        "format": FORMAT,
        "k1": K1,
        "b": B,
        "weights": [TITLE_WEIGHT, BODY_WEIGHT],
        "chunks": n,
        "terms": len(vocab),
        "postings": len(rows),
        "avgdl": avgdl,
    }
    (out / HEADER).write_text(json.dumps(header))  # last: its presence means complete
    return len(todo)


def _previous_counts(prev: Path) -> tuple:
    """(ids, lengths, indptr, rows, tf, vocabulary) of `prev`'s keyword index, checked to fit
    together: bytes overwritten in place keep a file's size, so nothing else notices them,
    and reused they crashed the update ("repeats may not contain negative values") or were
    carried silently into every later generation. Raises IndexDamaged naming the file. The
    checks are a few passes over arrays the update reads anyway."""
    try:
        text = (prev / VOCAB).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise IndexDamaged(f"{VOCAB} is not UTF-8 text") from None
    vocab = text.split("\n") if text else []
    try:
        ids, lengths, indptr = (np.load(prev / name) for name in (IDS, LENGTHS, INDPTR))
        rows, tf = (np.load(prev / name, mmap_mode="r") for name in (ROWS, TF))
    except ValueError as exc:  # a NumPy header overwritten
        raise IndexDamaged(f"the keyword index cannot be read ({exc})") from None
    arrays = (ids, lengths, indptr, rows, tf)
    if any(a.ndim != 1 for a in arrays) or len(lengths) != len(ids) or len(tf) != len(rows):
        raise IndexDamaged("the keyword index files do not fit together")
    if len(ids) > 1 and not bool(np.all(ids[1:] > ids[:-1])):
        raise IndexDamaged(f"{IDS} holds chunk ids out of order")
    if len(lengths) and int(lengths.min()) < 0:
        raise IndexDamaged(f"{LENGTHS} holds negative lengths")
    if len(indptr) != len(vocab) + 1 or len(set(vocab)) != len(vocab):
        raise IndexDamaged(f"{VOCAB} does not match {INDPTR}")
    if indptr[0] != 0 or indptr[-1] != len(rows) or bool(np.any(np.diff(indptr) < 0)):
        raise IndexDamaged(f"{INDPTR} holds postings out of order")
    if len(rows) and (int(rows.min()) < 0 or int(rows.max()) >= len(ids)):
        raise IndexDamaged(f"{ROWS} points to chunks that do not exist")
    if len(tf) and not bool(np.all(np.isfinite(tf) & (tf > 0))):
        raise IndexDamaged(f"{TF} holds counts that are no counts")
    return ids, lengths, indptr, rows, tf, vocab


def _weighted_tf(text: str, weight: float, stem_of: dict[str, str]) -> tuple[dict, int]:
    """({term: weight · occurrences}, tokens) of a text; `stem_of` caches the stems."""
    tokens = index_tokens(text)
    tf: dict[str, float] = {}
    for tok, count in Counter(tokens).items():
        stem = stem_of.get(tok)
        if stem is None:
            stem = stem_of[tok] = index_stem(tok)
        tf[stem] = tf.get(stem, 0.0) + weight * count
    return tf, len(tokens)


def _chunk_texts(db: sqlite3.Connection, todo: np.ndarray, n: int) -> Iterator[tuple]:
    """(chunk id, title, body) of the chunks `todo`."""
    sql = (
        "SELECT c.id, c.sentences, a.title, a.text FROM chunks c "
        "JOIN articles a ON a.id = c.article_id"
    )
    if len(todo) * 4 > n:  # most of them: one pass over all
        wanted = set(todo.tolist())
        batches = [db.execute(sql)]
    else:
        wanted = None
        ids = todo.tolist()
        batches = (
            db.execute(f"{sql} WHERE c.id IN ({','.join('?' * len(part))})", part)
            for part in (ids[i : i + 500] for i in range(0, len(ids), 500))
        )
    for rows in batches:
        for cid, sentences, title, text in rows:
            if wanted is not None and cid not in wanted:
                continue
            spans = json.loads(sentences)
            yield cid, title, text[spans[0][0] : spans[-1][1]]
