"""Sentence-aware chunks: whole sentences up to the model's useful length, one sentence overlap.

A chunk never crosses articles; it knows its sentences' offsets in the article text, so the
answer engine can quote a sentence verbatim and the embedder can pool one vector per sentence
from the same forward pass (see embed.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from index.article import Article
from index.sentences import paragraph_spans, split_sentences

# Bump when chunk boundaries or embedded text change: the manifest records it and an index
# built by another version asks for a rebuild.
CHUNKER_VERSION = 5  # 3: sentences longer than a chunk are split; 4: or than 2,000 characters;
# 5: quotations longer than index.sentences.LONG_QUOTATION split at their own sentence ends
# A "sentence" longer than this is cut too, whatever its word-piece count: the tokenizer
# counts a 10,000-character run without spaces (a URL, base64) as one unknown word-piece.
MAX_SENTENCE_CHARS = 2000


@dataclass(frozen=True)
class Chunk:
    article_id: str
    ordinal: int
    sentences: tuple[tuple[int, int], ...]  # offsets into Article.text
    header: str  # title and date, embedded in front of the body

    @property
    def start(self) -> int:
        return self.sentences[0][0]

    @property
    def end(self) -> int:
        return self.sentences[-1][1]

    def body(self, article_text: str) -> str:
        return article_text[self.start : self.end]

    def embed_text(self, article_text: str) -> str:
        return self.header + self.body(article_text)

    def embed_spans(self) -> list[tuple[int, int]]:
        """The sentences' offsets inside `embed_text`: what the embedder pools per sentence."""
        base = self.start - len(self.header)
        return [(s - base, e - base) for s, e in self.sentences]


def header_for(article: Article) -> str:
    """What precedes every chunk body in the embedded text: the body often says "on Sunday"
    and leaves who and when to the headline and dateline."""
    date = f" ({article.date})" if article.date else ""
    return f"{article.title}{date}\n"


TokenCounter = Callable[[list[str]], list[int]]


@lru_cache(maxsize=4)
def token_counter(model_dir: str) -> TokenCounter:
    """Word-piece counts from the model's own fast tokenizer; a word-based estimate when the
    model directory has none (a hub name not downloaded yet)."""
    path = Path(model_dir) / "tokenizer.json"
    if path.is_file():
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str(path))
        tok.no_truncation()
        tok.no_padding()

        def count(texts: list[str]) -> list[int]:
            return [len(e.ids) - 2 for e in tok.encode_batch(texts, add_special_tokens=True)]

        return count

    def estimate(texts: list[str]) -> list[int]:
        return [int(len(re.findall(r"\w+|[^\w\s]", t)) * 1.3) + 1 for t in texts]

    return estimate


def max_tokens_of(model_dir: str, default: int = 256) -> int:
    cfg = Path(model_dir) / "sentence_bert_config.json"
    if cfg.is_file():
        return int(json.loads(cfg.read_text()).get("max_seq_length", default))
    return default


def chunker_for(model_dir: str, chunk_tokens: int) -> Callable[[Article], list[Chunk]]:
    """The chunker a build uses for this model: the configured size, capped by what the
    model reads (two places go to [CLS] and [SEP])."""
    budget = min(chunk_tokens, max_tokens_of(model_dir) - 2)
    count = token_counter(model_dir)
    return lambda article: chunk_article(article, budget, count)


def chunk_article(article: Article, budget: int, count: TokenCounter) -> list[Chunk]:
    """Greedy packing of whole sentences. A chunk also closes at a paragraph end once it is
    two-thirds full, so an edit early in an article rarely shifts every later boundary (and
    an update re-embeds only the chunks that really changed)."""
    header = header_for(article)
    spans: list[tuple[int, int]] = []
    para_end: list[bool] = []
    for ps, pe in paragraph_spans(article.text):
        sents = split_sentences(article.text, ps, pe)
        spans.extend(sents)
        para_end.extend([False] * (len(sents) - 1) + [True])
    if not spans:
        return []
    sizes = count([header] + [article.text[s:e] for s, e in spans])
    room = max(budget - sizes[0], 32)
    sizes = sizes[1:]
    if max(sizes) > room or max(e - s for s, e in spans) > MAX_SENTENCE_CHARS:
        spans, sizes, para_end = _split_long(article.text, spans, sizes, para_end, room, count)

    chunks: list[Chunk] = []
    i = 0
    while i < len(spans):
        j, used = i, 0
        while j < len(spans) and (j == i or used + sizes[j] <= room):
            used += sizes[j]
            j += 1
            if para_end[j - 1] and used >= room * 2 // 3:
                break
        chunks.append(Chunk(article.id, len(chunks), tuple(spans[i:j]), header))
        if j >= len(spans):
            break
        i = j - 1 if j - 1 > i else j  # one sentence of overlap, but always progress
    return chunks


def _split_long(
    text: str,
    spans: list[tuple[int, int]],
    sizes: list[int],
    para_end: list[bool],
    room: int,
    count: TokenCounter,
) -> tuple[list[tuple[int, int]], list[int], list[bool]]:
    """Cuts every "sentence" longer than a chunk into pieces that fit: a page with no full
    stops (a list, a transcript, a scraped table) was one chunk of 56,000 characters, of which
    the model read the first 256 word-pieces, quoted whole as an answer."""
    out_spans: list[tuple[int, int]] = []
    out_sizes: list[int] = []
    out_end: list[bool] = []
    for (s, e), size, end in zip(spans, sizes, para_end, strict=True):
        long = size > room or e - s > MAX_SENTENCE_CHARS
        pieces = _pieces(text, s, e, size, room, count) if long else [(s, e)]
        piece_sizes = [size] if len(pieces) == 1 else count([text[a:b] for a, b in pieces])
        out_spans.extend(pieces)
        out_sizes.extend(piece_sizes)
        out_end.extend([False] * (len(pieces) - 1) + [end])
    return out_spans, out_sizes, out_end


_CLAUSE_END = re.compile(r"[,;:\u2013\u2014)]\s")


def _pieces(
    text: str, s: int, e: int, size: int, room: int, count: TokenCounter
) -> list[tuple[int, int]]:
    """Pieces of text[s:e] of at most `room` word-pieces and MAX_SENTENCE_CHARS characters,
    cut after a clause mark (a comma, semicolon, colon, dash) near each cut point when there is
    one, else between words, else (no space at all) anywhere."""
    n = max(-(-size // room) + 1, -(-(e - s) // MAX_SENTENCE_CHARS) + 1)  # uneven: a margin
    step = (e - s) / n
    cuts = [s]
    for k in range(1, n):
        target = int(s + k * step)
        lo, hi = max(cuts[-1] + 1, target - int(step / 3)), min(e - 1, target + int(step / 3))
        window = text[lo:hi]
        clause = [m.end() for m in _CLAUSE_END.finditer(window)]
        if clause:
            cut = lo + min(clause, key=lambda c: abs(lo + c - target))
        else:
            space = text.rfind(" ", lo, target + 1)
            cut = space + 1 if space > lo else target
        if cut > cuts[-1]:
            cuts.append(cut)
    cuts.append(e)
    pieces = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        while a < b and text[a].isspace():
            a += 1  # a quote neither starts nor ends with the spaces between pieces
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            pieces.append((a, b))
    sizes = count([text[a:b] for a, b in pieces])
    out: list[tuple[int, int]] = []
    for (a, b), piece_size in zip(pieces, sizes, strict=True):
        if (piece_size > room or b - a > MAX_SENTENCE_CHARS) and b - a > 1:
            out.extend(_pieces(text, a, b, piece_size, room, count))  # uneven: cut again
        else:
            out.append((a, b))
    return out
