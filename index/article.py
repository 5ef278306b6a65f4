"""The Article record every reader produces and every later stage consumes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

# Hears about what was read differently from what the file says (or left out); None: such a
# file is an error (JSONL) or read silently (a date that is not one).
Warn = Callable[[str], None]


@dataclass(frozen=True)
class Article:
    title: str
    text: str  # body only: paragraphs separated by a blank line; never boilerplate or ALSO READ
    date: str | None  # ISO YYYY-MM-DD, or None when unknown
    path: str  # the file it was read from
    item: str | None = None  # id of the article inside a multi-article file (JSONL id, feed guid)
    url: str | None = None

    @property
    def id(self) -> str:
        """Stable across rebuilds: derived from where the article lives, not from its content,
        so an edited article keeps its id and only its changed chunks are re-embedded."""
        key = self.path if self.item is None else f"{self.path}#{self.item}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    @property
    def source(self) -> str:
        """What a citation shows: the URL when there is one, else the file (and item)."""
        if self.url:
            return self.url
        return self.path if self.item is None else f"{self.path}#{self.item}"


class IngestError(Exception):
    """A file that cannot be read as articles; the message says why in a few words."""


def counted(n: int, noun: str) -> str:
    """"1 article", "2 articles", for every message that counts: a corpus of one is a real
    case (the seed folder)."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
