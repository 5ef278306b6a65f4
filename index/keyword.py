"""Keyword search with SQLite FTS5 (porter stemming, BM25 ranking), inside the generation's
own database: it is updated in the same transaction as the chunks, so it can never disagree
with the vectors, and an update costs no separate index rebuild (bm25s would need one)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from functools import lru_cache

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "did",
        "does",
        "done",
        "say",
        "said",
        "tell",
        "told",
        "according",
        "latest",
        "recent",
        "news",
        "happened",
        "happen",
    ]
)

_WORD = re.compile(r"[\w][\w'’.-]*\w|\w")


# The wh-phrase says what kind of answer is wanted, not what the answer is about.
_WH_PHRASE = re.compile(
    r"\b(how (many|much|long|often|far|big|large|old|badly)|roughly|approximately|about how)\b"
)


def query_terms(text: str) -> list[str]:
    """Content words of a question, lower-cased, without stopwords, in order, deduplicated.
    Hyphenated words are split as the FTS tokenizer splits them ("state-of-war")."""
    terms: list[str] = []
    for m in _WORD.finditer(_WH_PHRASE.sub(" ", text.lower())):
        w = re.sub(r"['’]s$", "", m.group(0).strip(".'’-"))
        for part in re.split(r"[-.'’]+", w):
            if part and part not in STOPWORDS and part not in terms:
                terms.append(part)
    return terms


@lru_cache(maxsize=1)
def _stemmer():  # noqa: ANN202 - PyStemmer has no type hints
    import Stemmer

    return Stemmer.Stemmer("porter")


def stem_all(words: list[str]) -> list[str]:
    """Porter stems, as FTS5's `porter` tokenizer makes them (so they match chunks_vocab)."""
    return _stemmer().stemWords([w.lower() for w in words])


def _fts_query(terms: list[str]) -> str:
    """OR of quoted terms: FTS5's default AND would drop every chunk missing one paraphrased
    word, while BM25 already rewards chunks that match more of them."""
    parts = []
    for t in terms:
        for piece in re.findall(r"\w+", t):
            parts.append(f'"{piece}"')
    return " OR ".join(dict.fromkeys(parts))


MAX_TERMS = 8


def keyword_search(
    db: sqlite3.Connection,
    question: str,
    limit: int,
    filter_sql: str = "",
    params: tuple = (),
    doc_freq: Callable[[list[str]], dict[str, int]] | None = None,
) -> list[tuple[int, float]]:
    """(chunk id, bm25 score — higher is better) for the best `limit` chunks; `filter_sql` is
    an extra `AND ...` condition on `chunks_fts.rowid`. With `doc_freq`, only the rarest
    `MAX_TERMS` words are searched: the common ones add little to BM25, and their long
    posting lists are what makes FTS5 slow on a million chunks."""
    terms = [p for t in query_terms(question) for p in re.findall(r"\w+", t)]
    terms = list(dict.fromkeys(terms))
    if doc_freq is not None and terms:
        df = doc_freq(stem_all(terms))
        rarity = {t: df.get(s, 0) for t, s in zip(terms, stem_all(terms), strict=True)}
        kept = set(sorted(terms, key=lambda t: rarity[t])[:MAX_TERMS])
        terms = [t for t in terms if t in kept]
    query = _fts_query(terms)
    if not query:
        return []
    sql = (
        "SELECT rowid, -bm25(chunks_fts, 0.4, 1.0) FROM chunks_fts "
        f"WHERE chunks_fts MATCH ? {filter_sql} ORDER BY bm25(chunks_fts, 0.4, 1.0) LIMIT ?"
    )
    try:
        return list(db.execute(sql, (query, *params, limit)))
    except sqlite3.OperationalError:
        return []
