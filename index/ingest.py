"""Turn corpus files into Article records.

Every reader either returns real articles or raises IngestError with a short reason: a file that
cannot be read is reported by the index builder, never half-read in silence, because a missing
or garbled article quietly turns into a wrong or "I don't know" answer later.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from index.article import Article, IngestError, Warn
from index.discover import discover
from index.ingest_html import extract_page, html_to_paragraphs, squash

# ` date 2025-05-05 Title`: the seed/scraper format; editors do not always keep the leading space.
_SEED_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(\S.*)$")
# Everything from this line on is a list of other stories' headlines, not part of the article.
_ALSO_READ = re.compile(r"^also\s+read\s*:?$", re.IGNORECASE)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_RULE = re.compile(r"^\s{0,3}(?:=+|-{3,}|\*{3,}|_{3,})\s*$")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


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
        # Old newsroom files are often Windows-1252 ("Caf\xe9"): read them rather than lose
        # them, and say so. Latin-1 maps every byte, for the few cp1252 leaves undefined.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        warn(f"{path}: not UTF-8; read as Windows-1252")
    return reader(text, str(path), warn)


class _NotUtf8(IngestError):
    pass


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


def to_iso_date(value: object) -> str | None:
    """Sources write dates every which way; the index compares them as ISO strings."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    text = str(value).strip()
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    try:
        if iso:  # the date as written: a local publication time is not shifted to UTC
            return date(*map(int, iso.groups())).isoformat()
        if re.search(r"\d{4}", text):  # without a year dateutil would invent one
            import dateutil.parser

            return dateutil.parser.parse(text, default=datetime(1900, 1, 1)).date().isoformat()
    except (ValueError, OverflowError):
        pass
    return None


def _clean(chunks: Iterable[str]) -> list[str]:
    """Paragraphs on one line each, empties dropped, and everything from ALSO READ on cut."""
    out: list[str] = []
    for chunk in chunks:
        lines = chunk.splitlines() or [chunk]
        for i, line in enumerate(lines):
            if _ALSO_READ.match(line.strip()):
                head = squash(" ".join(lines[:i]))
                return [*out, head] if head else out
        paragraph = squash(chunk)
        if paragraph:
            out.append(paragraph)
    return out


def _split_paragraphs(body: str) -> list[str]:
    """Blank lines separate paragraphs when the writer used them (wrapped prose);
    otherwise each line is a paragraph (the scraped one-paragraph-per-line style)."""
    if _BLANK_LINE.search(body.strip()):
        return _BLANK_LINE.split(body)
    return body.splitlines()


def _http(value: object) -> str | None:
    text = str(value).strip() if value else ""
    return text if re.match(r"https?://\S+$", text) else None


def _article(
    title: object, paragraphs: list[str], when: object, path: str, **extra: str | None
) -> Article:
    """Single point where records are built, so every format gets the same normalisation."""
    heading = squash(str(title)) if title else ""
    if not heading:  # better a truncated lead than an empty title in a citation
        lead = paragraphs[0]
        heading = lead if len(lead) <= 80 else lead[:80].rsplit(" ", 1)[0] + "…"
    return Article(heading, "\n\n".join(paragraphs), to_iso_date(when), path, **extra)


def _read_txt(text: str, path: str, warn: Warn | None = None) -> list[Article]:
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise IngestError("empty file")
    header = _SEED_HEADER.match(lines[start])
    if header:
        when, title = header.group(1), header.group(2)
        paragraphs = _clean(lines[start + 1 :])
        if warn is not None and paragraphs and to_iso_date(when) is None:
            # "date 2025-13-45": indexed, but undated, so --since/--until will not find it
            warn(f"{path}: {when} is not a real date; the article is undated")
    elif _ALSO_READ.match(lines[start].strip()):
        raise IngestError("no article text found")  # only other stories' headlines
    else:
        when, title = None, lines[start]
        paragraphs = _clean(_split_paragraphs("\n".join(lines[start + 1 :])))
    if not paragraphs:
        raise IngestError("no article text found")
    return [_article(title, paragraphs, when, path)]


def _read_markdown(text: str, path: str, warn: Warn | None = None) -> list[Article]:
    import frontmatter
    import yaml

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
    meta = post.metadata if isinstance(post.metadata, dict) else {}
    title = squash(str(meta.get("title") or ""))
    lines = post.content.splitlines()
    if not title:  # no front matter title: the first heading, else the first line
        first = next((i for i, ln in enumerate(lines) if _MD_HEADING.match(ln)), None)
        if first is None:
            first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
        if first is None:
            raise IngestError("no article text found")
        title = _strip_heading(lines.pop(first))
    body = [_strip_heading(ln) for ln in lines if not _MD_RULE.match(ln)]
    paragraphs = _clean(_split_paragraphs("\n".join(body)))
    if paragraphs and paragraphs[0].casefold() == title.casefold():
        paragraphs.pop(0)  # a "# Title" repeated under the front matter is not body text
    if not paragraphs:
        raise IngestError("no article text found")
    url = _http(meta.get("url")) or _http(meta.get("source")) or _http(meta.get("link"))
    article = _article(title, paragraphs, meta.get("date"), path, url=url)
    _check_date(meta.get("date"), article, path, warn)
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
    paragraphs = _clean(page.paragraphs)
    if not paragraphs:
        raise IngestError("no article text found")
    article = _article(page.title, paragraphs, page.date, path, url=_http(page.url))
    _check_date(page.date, article, path, warn)
    return [article]


def _from_object(obj: object, path: str, item: str | None) -> Article | None:
    """One JSON record; records without body text are skipped, not errors (index rows,
    deleted stubs)."""
    if not isinstance(obj, dict):
        return None
    body = obj.get("text") or obj.get("content") or obj.get("body")
    if isinstance(body, list):
        body = "\n\n".join(str(part) for part in body)
    paragraphs = _clean(_split_paragraphs(body)) if isinstance(body, str) else []
    if not paragraphs:
        return None
    ident = obj.get("id") or obj.get("guid")
    url = _http(obj.get("url")) or _http(obj.get("link")) or _http(obj.get("source"))
    item = str(ident) if ident not in (None, "") else item
    return _article(obj.get("title"), paragraphs, obj.get("date"), path, item=item, url=url)


def _reason(err: json.JSONDecodeError) -> str:
    """The decoder's message without its dangling "at" ("Invalid control character at"): the
    line and column follow it in ours."""
    return err.msg.removesuffix(" at")


def _read_json(text: str, path: str, warn: Warn | None = None) -> list[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise IngestError(
            f"malformed JSON on line {err.lineno}, column {err.colno}: {_reason(err)}"
        ) from err
    if isinstance(data, dict) and not any(k in data for k in ("text", "content", "body")):
        data = next((data[k] for k in ("articles", "items", "entries") if k in data), data)
    records = data if isinstance(data, list) else [data]
    found = []
    for i, obj in enumerate(records):
        # a single article: the file itself identifies it
        # numbered from 1, as the warnings count records
        article = _from_object(obj, path, str(i + 1) if isinstance(data, list) else None)
        if article is not None:
            found.append(article)
            where = f"{path}: record {i + 1}" if len(records) > 1 else path
            _check_date(obj.get("date"), article, where, warn)
    return _nonempty(found)


def _check_date(when: object, article: Article, where: str, warn: Warn | None) -> None:
    """An article whose date (`when`, as the file gives it) cannot be read is indexed
    undated, which --since/--until then miss: say so, as for a seed header's impossible
    date."""
    if warn is not None and when not in (None, "") and article.date is None:
        warn(f"{where}: {str(when)[:40]!r} is not a date; the article is undated")


def _read_jsonl(text: str, path: str, warn: Warn | None = None) -> list[Article]:
    found: list[Article] = []
    bad: list[str] = []
    index = 0  # records, from 1: the line number too, where no blank line comes before
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            problem = f"malformed JSON on line {number}, column {err.colno}: {_reason(err)}"
            if warn is None:
                raise IngestError(problem) from err
            bad.append(problem)
            index += 1  # the records after it keep their positions (and ids) once it is fixed
            continue
        index += 1
        article = _from_object(obj, path, str(index))
        if article is not None:
            found.append(article)
            _check_date(obj.get("date"), article, f"{path}: line {number}", warn)
        elif warn is not None:
            what = "has no text, content or body" if isinstance(obj, dict) else "is no object"
            warn(f"{path}: skipped line {number}: the record {what}")
    if bad and not found:
        raise IngestError(bad[0] + (f" (and {len(bad) - 1} more lines)" if len(bad) > 1 else ""))
    for problem in bad:
        warn(f"{path}: skipped a record: {problem}")  # type: ignore[misc] - bad implies warn
    return _nonempty(found)


def _nonempty(articles: list[Article]) -> list[Article]:
    if not articles:
        raise IngestError("no articles found")
    return articles


def _read_feed(text: str, path: str, warn: Warn | None = None) -> list[Article]:
    import feedparser

    # Bytes, never str: feedparser treats a string as a URL or file name to fetch.
    feed = feedparser.parse(text.encode("utf-8"))
    if not feed.bozo and not feed.version and not feed.entries:
        raise IngestError("not an RSS or Atom feed")
    found: list[Article] = []
    for i, entry in enumerate(feed.entries):
        contents = [c.get("value", "") for c in entry.get("content", [])]
        body = max(contents, key=len) if contents else entry.get("summary", "")
        raw = html_to_paragraphs(body) if "<" in body else _split_paragraphs(body)
        paragraphs = _clean(raw)
        if not paragraphs:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        item = entry.get("id") or entry.get("link") or str(i + 1)
        url = _http(entry.get("link"))
        found.append(_article(entry.get("title"), paragraphs, when, path, item=item, url=url))
    if feed.bozo and not found:  # a broken feed that yielded nothing: say why, not "no articles"
        # Not the SAX line number: feedparser rewrites the document before parsing it.
        err = feed.get("bozo_exception")
        reason = err.getMessage() if hasattr(err, "getMessage") else str(err)
        raise IngestError(f"malformed XML: {squash(str(reason))[:120]}")
    return _nonempty(found)


_READERS: dict[str, Callable[[str, str, Warn | None], list[Article]]] = {
    ".txt": _read_txt,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": _read_html,
    ".htm": _read_html,
    ".json": _read_json,
    ".jsonl": _read_jsonl,
    ".xml": _read_feed,
    ".rss": _read_feed,
    ".atom": _read_feed,
}
