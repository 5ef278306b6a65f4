"""Keyword search with SQLite FTS5 (porter stemming, BM25 ranking), inside the generation's
own database: it is updated in the same transaction as the chunks, so it can never disagree
with the vectors, and an update costs no separate index rebuild (bm25s would need one)."""

from __future__ import annotations

import re
import sqlite3

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


def _fts_query(terms: list[str]) -> str:
    """OR of quoted terms: FTS5's default AND would drop every chunk missing one paraphrased
    word, while BM25 already rewards chunks that match more of them."""
    parts = []
    for t in terms:
        for piece in re.findall(r"\w+", t):
            parts.append(f'"{piece}"')
    return " OR ".join(dict.fromkeys(parts))


def keyword_search(
    db: sqlite3.Connection, question: str, limit: int, filter_sql: str = "", params: tuple = ()
) -> list[tuple[int, float]]:
    """(chunk id, bm25 score — higher is better) for the best `limit` chunks; `filter_sql` is
    an extra `AND ...` condition on `chunks_fts.rowid`."""
    query = _fts_query(query_terms(question))
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
