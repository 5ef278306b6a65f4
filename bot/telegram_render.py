"""Answers as Telegram HTML. Formatting only: nothing here decides what the answer says.

Every piece of article or user text goes through `html.escape`, so the only tags in a message
are the ones written here, and Telegram can never answer 400 "can't parse entities". Messages
are measured the way Telegram measures them (UTF-16 code units of the text after entity
parsing) and split between whole paragraphs, so a tag never straddles two messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html import escape, unescape
from urllib.parse import urlsplit

from bot.answer import ABSTAIN, Answer, Citation, sources_missing
from bot.render import collection, date_span

MAX_MESSAGE = 4096  # Telegram's limit, in UTF-16 code units after entity parsing
_TAG = re.compile(r"<[^>]*>")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def escape_text(plain: str) -> str:
    """Article or user text made safe for HTML parse mode (& < > are all Telegram needs)."""
    return escape(plain, quote=False)


def visible_length(html_text: str) -> int:
    """The length Telegram checks: tags removed, entities decoded, counted in UTF-16 units."""
    return utf16_len(unescape(_TAG.sub("", html_text)))


def _link(url: str | None) -> str | None:
    """Only absolute http(s) URLs become links; Telegram drops or rejects anything odder."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def source_title(c: Citation) -> str:
    """The escaped title, linked when the article has a URL."""
    title = escape_text(c.title or "Untitled")
    url = _link(c.url)
    return f'<a href="{escape(url, quote=True)}">{title}</a>' if url else title


def _source_line(markers: Iterable[int], c: Citation) -> str:
    numbers = "".join(f"[{n}]" for n in markers)
    return f"{numbers} {source_title(c)} — {escape_text(c.date or 'date unknown')}"


def sources_block(citations: list[Citation]) -> str:
    """One line per article (several quotes from one article share a line: "[1][2] Title")."""
    by_article: dict[str, list[Citation]] = {}
    for c in citations:
        by_article.setdefault(c.article_id, []).append(c)
    lines = [_source_line([c.n for c in cs], cs[0]) for cs in by_article.values()]
    return "<b>Sources</b>\n" + "\n".join(lines)


def answer_paragraphs(answer: Answer, note: str | None = None) -> list[str]:
    """The answer with its `[n]` markers, then the sources. An abstention cites nothing, and
    says what the engine said ("Ask in English …")."""
    paragraphs = [f"<i>{escape_text(note)}</i>"] if note else []
    if answer.abstained or not answer.citations:
        return [*paragraphs, escape_text(answer.answer if answer.abstained else ABSTAIN)]
    paragraphs.append(escape_text(answer.answer))
    paragraphs.append(sources_block(answer.citations))
    return paragraphs


def render_answer(answer: Answer, note: str | None = None) -> list[str]:
    """The messages to send for one answer (usually one)."""
    return split_message(answer_paragraphs(answer, note))


def render_sources(answer: Answer | None) -> list[str]:
    """`/sources`: each cited article with the sentence quoted from it."""
    missing = sources_missing(answer)
    if missing or answer is None:
        return [missing or ""]
    paragraphs = [f"<b>Sources for:</b> <i>{escape_text(answer.question)}</i>"]
    for c in answer.citations:
        quote = f"<blockquote>{escape_text(c.quote)}</blockquote>"
        paragraphs.append(f"{_source_line([c.n], c)}\n{quote}")
    return split_message(paragraphs)


def render_help(stats: dict, username: str) -> str:
    """/start and /help: what the bot knows (how many articles, which dates), how to ask."""
    return "\n".join(
        [
            f"I answer questions about {collection(stats, 'news article')}, "
            "quoting them with [n] markers that point to the sources.",
            "",
            "Just write your question, e.g. <i>Did Mexico accept US troops?</i> In a group, use "
            f"/ask, mention @{escape_text(username)} or reply to one of my messages.",
            "",
            "/ask &lt;question&gt; — ask a question",
            "/sources — the sources of the last answer, with quotes",
            "/status — what the index holds",
            "/reindex — update the index (admins)",
        ]
    )


def render_status(stats: dict, updating: bool) -> str:
    lines = [
        f"Articles: {stats['articles']}",
        f"Chunks: {stats['chunks']}",
        f"Dates: {date_span(stats)}",
        f"Last update: {escape_text(str(stats['built_at']))}",
    ]
    if updating:
        lines.append("An index update is running now.")
    return "\n".join(lines)


def split_message(paragraphs: list[str], limit: int = MAX_MESSAGE) -> list[str]:
    """Pack whole paragraphs (joined by a blank line) into messages of at most `limit`."""
    parts: list[str] = []
    current: list[str] = []
    for paragraph in paragraphs:
        for piece in _fit(paragraph, limit):
            if current and visible_length("\n\n".join([*current, piece])) > limit:
                parts.append("\n\n".join(current))
                current = []
            current.append(piece)
    if current:
        parts.append("\n\n".join(current))
    return parts


def _fit(paragraph: str, limit: int) -> Iterator[str]:
    """A paragraph too long for one message loses its formatting and is cut between words:
    re-escaping plain pieces is the only way to be sure no cut lands inside a tag or entity."""
    paragraph = paragraph.strip()
    if not paragraph:
        return
    if visible_length(paragraph) <= limit:
        yield paragraph
        return
    for piece in split_plain(unescape(_TAG.sub("", paragraph)), limit):
        yield escape_text(piece)


def split_plain(text: str, limit: int) -> list[str]:
    """Plain text in pieces of at most `limit` UTF-16 units, cut at whitespace when possible."""
    pieces: list[str] = []
    current = ""
    for word in re.findall(r"\S+\s*", text):
        while utf16_len(word) > limit:  # one "word" longer than a message: cut it hard
            if current:
                pieces.append(current.rstrip())
                current = ""
            head = _head(word, limit)
            pieces.append(head)
            word = word[len(head) :]
        if utf16_len(current + word.rstrip()) > limit:
            pieces.append(current.rstrip())
            current = ""
        current += word
    if current.strip():
        pieces.append(current.rstrip())
    return [p for p in pieces if p]


def _head(word: str, limit: int) -> str:
    """The longest prefix of `word` within `limit` UTF-16 units (never half a surrogate pair:
    Python strings index by code point)."""
    size, end = 0, 0
    for end, ch in enumerate(word):  # noqa: B007 - `end` is used after the loop
        size += 2 if ord(ch) > 0xFFFF else 1
        if size > limit:
            return word[:end]
    return word[: end + 1]
