"""Turn corpus files into Article records.

Every reader either returns real articles or raises IngestError with a short reason: a file that
cannot be read is reported by the index builder, never half-read in silence, because a missing
or garbled article quietly turns into a wrong or "I don't know" answer later.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from index.article import Article, IngestError, Warn
from index.discover import discover
from index.ingest_html import extract_page
from index.ingest_records import read_feed, read_json, read_jsonl
from index.paragraphs import (
    also_read,
    check_date,
    clean,
    clean_text,
    http_url,
    make_article,
    squash,
    to_iso_date,
    year_last_date,
)

__all__ = ["iter_articles", "read_file", "to_iso_date"]

# ` date 2025-05-05 Title`: the seed/scraper format; editors do not always keep the leading
# space, nor write the date one way ("Date 2025/05/05"); a header may lack the title.
_SEED_HEADER = re.compile(
    r"^\s*date\s+(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})(?:\s+(\S.*))?\s*$",
    re.IGNORECASE,
)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_RULE = re.compile(r"^\s{0,3}(?:=+|-{3,}|\*{3,}|_{3,})\s*$")


def iter_articles(paths: Iterable[Path]) -> Iterator[tuple[Path, list[Article] | IngestError]]:
    """One entry per file, errors included, so the builder can warn and carry on."""
    for path in discover(list(paths)):
        try:
            yield path, read_file(path)
        except IngestError as err:
            yield path, err


def read_file(path: Path, warn: Warn | None = None) -> list[Article]:
    """Parse one file by its suffix; raises IngestError with a reason a user can act on.
    With `warn`, a bad record inside a file that still has good ones (a JSONL line that is not
    JSON) is skipped and reported through it, so one bad line does not lose the whole file;
    without it, that file is an error."""
    path = Path(path)
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise IngestError(f"unsupported file type: {suffix or 'no suffix'}")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise IngestError(f"cannot read file: {err.strerror or err}") from err
    try:
        text = _decode(data)
    except _NotUtf8:
        if warn is None:
            raise
        text = _decode_legacy(data, str(path), warn)
    # Windows line ends: one form for every reader ("+++\r\n" front matter, blank lines
    # "\r\n\r\n" between paragraphs).
    return reader(text.replace("\r\n", "\n"), str(path), warn)


class _NotUtf8(IngestError):
    pass


def _decode_legacy(data: bytes, path: str, warn: Warn) -> str:
    """A file that is not all UTF-8, read rather than lost, and said so. One that is UTF-8 but
    for a stray byte or two ("crème brûlée … \xa0") keeps its accents, the stray bytes
    replaced: reading it all as Windows-1252 would garble every other accented letter
    ("crÃ¨me"). Otherwise it is an old newsroom file in Windows-1252 ("Caf\xe9"); Latin-1
    maps every byte, for the few cp1252 leaves undefined."""
    mixed = data.decode("utf-8", errors="replace")
    stray = mixed.count("\ufffd") - data.count("\ufffd".encode())
    if any(ord(c) > 127 and c != "\ufffd" for c in mixed):  # valid multi-byte UTF-8 in it
        warn(f"{path}: {stray} byte(s) not UTF-8; replaced by \ufffd")
        return mixed.removeprefix("\ufeff")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    warn(f"{path}: not UTF-8; read as Windows-1252")
    return text


def _decode(data: bytes) -> str:
    if not data.strip():
        raise IngestError("empty file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise IngestError("not UTF-8 text (UTF-16)")
    if b"\x00" in data[:8192]:
        raise IngestError("binary file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _NotUtf8("not UTF-8 text") from err
    if not text.strip():  # a BOM or non-breaking spaces only
        raise IngestError("empty file")
    return text


def _read_txt(text: str, path: str, warn: Warn | None = None) -> list[Article]:
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise IngestError("empty file")
    header = _SEED_HEADER.match(lines[start])
    if header:
        (written, title), paragraphs = header.group(1, 2), clean(lines[start + 1 :])
        when, unclear = year_last_date(written)
        if warn is not None and paragraphs and unclear:
            warn(f"{path}: {unclear}; the article is undated")
        elif warn is not None and paragraphs and to_iso_date(when) is None:
            # "date 2025-13-45": indexed, but undated, so --since/--until will not find it
            warn(f"{path}: {written} is not a real date; the article is undated")
    elif also_read(lines[start]) is not None:
        raise IngestError("no article text found")  # only other stories' headlines
    else:
        when, title = None, lines[start]
        paragraphs = clean_text("\n".join(lines[start + 1 :]))
        if not paragraphs and not any(line.strip() for line in lines[start + 1 :]):
            # a one-line note is all body: its lead becomes the title
            title, paragraphs = None, clean([lines[start]])
    if not paragraphs:
        raise IngestError("no article text found")
    return [make_article(title, paragraphs, when, path)]


_TOML_FRONT = re.compile(r"\A\ufeff?\s*\+\+\+[ \t]*\n(.*?)^\+\+\+[ \t]*$\n?", re.S | re.M)
_OPENS_FRONT = re.compile(r"\A\ufeff?\s*(---|\+\+\+)[ \t]*$", re.M)


def _front_matter(text: str) -> tuple[dict, str]:
    """The front matter's values and the body after it: YAML between `---` lines (as most
    static-site tools write it), or TOML between `+++` lines (Hugo's)."""
    import frontmatter
    import yaml

    toml = _TOML_FRONT.match(text)
    if toml:
        import tomllib

        try:
            return tomllib.loads(toml.group(1)), text[toml.end() :]
        except tomllib.TOMLDecodeError as err:
            raise IngestError(f"malformed front matter: {err}") from err
    try:
        # Values as written (BaseLoader): a date YAML cannot build ("2009-13-45") is then an
        # unreadable date, warned about below, not a broken file; to_iso_date reads the rest.
        post = frontmatter.loads(text, handler=_text_yaml())
    except (yaml.YAMLError, ValueError) as err:
        # YAML's message quotes the text around the problem over several lines: keep the
        # problem and where it is.
        problem, mark = getattr(err, "problem", None), getattr(err, "problem_mark", None)
        if problem:
            reason = f"{problem} (line {mark.line + 1} of it)" if mark else problem
        else:
            reason = squash(str(err))[:120]
        raise IngestError(f"malformed front matter: {reason}") from err
    opened = _OPENS_FRONT.match(text)
    if opened and _OPENS_FRONT.match(post.content):  # "---" and no closing line: no body
        raise _Unclosed(opened.group(1))
    return (post.metadata if isinstance(post.metadata, dict) else {}), post.content


class _Unclosed(IngestError):
    def __init__(self, mark: str) -> None:
        super().__init__(f"the front matter opened by {mark} is never closed")


# A front matter line: "title: Swan rescued", "date = 2024-03-12".
_FRONT_LINE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*[:=]\s*(.*?)\s*$")
_FRONT_KEYS = frozenset({
    "title", "date", "source", "url", "link", "author", "authors", "tags", "categories",
    "summary", "description", "slug", "id", "layout", "draft", "lang", "language", "published",
    "updated",
})


def _unclosed_front_matter(text: str) -> tuple[dict, str]:
    """Front matter whose closing line is missing, read up to its first blank line (its
    "key: value" lines; a YAML list item or other line there is left out). With no blank line
    at all, it ends at the first line that is not one of the usual keys ("Update: the swan
    was rescued." is body)."""
    lines = text.lstrip("\ufeff").splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    lines = lines[first + 1 :]  # after the opening "---"
    end = next((i for i, line in enumerate(lines) if not line.strip()), None)
    if end is None:
        end = next(
            (i for i, line in enumerate(lines)
             if not ((m := _FRONT_LINE.match(line)) and m.group(1).lower() in _FRONT_KEYS)),
            len(lines),
        )
    meta: dict[str, str] = {}
    for line in lines[:end]:
        m = _FRONT_LINE.match(line)
        if m:
            meta.setdefault(m.group(1).lower(), m.group(2).strip("\"'"))
    return meta, "\n".join(lines[end:])


def _read_markdown(text: str, path: str, warn: Warn | None = None) -> list[Article]:
    try:
        meta, content = _front_matter(text)
    except _Unclosed as err:
        # The values and the body are still plain to read: lose nothing, say what was guessed.
        meta, content = _unclosed_front_matter(text)
        if warn:
            warn(f"{path}: {err}; read it up to its first blank line")
    title = squash(str(meta.get("title") or ""))
    lines = content.splitlines()
    if not title:  # no front matter title: the first heading, else the first line
        first = next((i for i, ln in enumerate(lines) if _MD_HEADING.match(ln)), None)
        if first is None:
            first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
        if first is None:
            raise IngestError("no article text found")
        title = _strip_heading(lines.pop(first))
    body = [_strip_heading(ln) for ln in lines if not _MD_RULE.match(ln)]
    paragraphs = clean_text("\n".join(body))
    if paragraphs and paragraphs[0].casefold() == title.casefold():
        paragraphs.pop(0)  # a "# Title" repeated under the front matter is not body text
    if not paragraphs:
        raise IngestError("no article text found")
    url = http_url(meta.get("url")) or http_url(meta.get("source")) or http_url(meta.get("link"))
    article = make_article(title, paragraphs, meta.get("date"), path, url=url)
    check_date(meta.get("date"), article, path, warn)
    return [article]


@lru_cache(maxsize=1)
def _text_yaml() -> Any:
    """python-frontmatter's YAML handler with YAML's BaseLoader: every value a string."""
    import frontmatter
    import yaml

    class TextYAML(frontmatter.YAMLHandler):  # type: ignore[misc]
        def load(self, fm: str, **kwargs: object) -> Any:
            # the C loader where there is one, as python-frontmatter's own handler uses
            loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
            return yaml.load(fm, Loader=loader)  # noqa: S506 - builds no objects

    return TextYAML()


def _strip_heading(line: str) -> str:
    heading = _MD_HEADING.match(line)
    return heading.group(1) if heading else line.strip()


def _read_html(text: str, path: str, warn: Warn | None = None) -> list[Article]:
    page = extract_page(text)
    paragraphs = clean(page.paragraphs, whole=True)
    if not paragraphs:
        raise IngestError("no article text found")
    article = make_article(page.title, paragraphs, page.date, path, url=http_url(page.url))
    check_date(page.date, article, path, warn)
    return [article]


_READERS: dict[str, Callable[[str, str, Warn | None], list[Article]]] = {
    ".txt": _read_txt,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": _read_html,
    ".htm": _read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
}
