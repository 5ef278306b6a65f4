"""Readers of the many-articles-per-file formats: JSON, JSONL, RSS/Atom. A record is one
article; a bad record is skipped and named, never taken for the whole file, and every record
keeps an id of its own (its `id`, else its number), so none is lost to a collision."""

from __future__ import annotations

import hashlib
import html
import json
from xml.sax import SAXException

from index.article import Article, IngestError, Warn, counted
from index.ingest_html import html_to_paragraphs
from index.paragraphs import (
    check_date,
    clean,
    clean_text,
    http_url,
    make_article,
    squash,
    to_iso_date,
)


def _ident(obj: dict) -> str | None:
    """The record's own id: `id`, else `guid`; 0 and false are ids too."""
    for key in ("id", "guid"):
        value = obj.get(key)
        if value is not None and value != "":
            return str(value)
    return None


def _from_object(obj: object, path: str, number: str | None) -> Article | None:
    """One JSON record; records without body text are skipped, not errors (index rows,
    deleted stubs). `number` names a record that has no id of its own."""
    if not isinstance(obj, dict):
        return None
    body = obj.get("text") or obj.get("content") or obj.get("body")
    if isinstance(body, list):
        body = "\n\n".join(str(part) for part in body)
    paragraphs = clean_text(body) if isinstance(body, str) else []
    if not paragraphs:
        return None
    ident = _ident(obj)
    url = http_url(obj.get("url")) or http_url(obj.get("link")) or http_url(obj.get("source"))
    item = ident if ident is not None else number
    return make_article(obj.get("title"), paragraphs, obj.get("date"), path, item=item, url=url)


def _distinct(found: list[tuple[Article, bool]]) -> list[Article]:
    """The articles, a numbered one renamed "record-N" when its number is another record's
    own id ({"id": 1} after a record without one): both are kept, neither replaces the
    other."""
    own = {a.item for a, numbered in found if not numbered}
    out = []
    for article, numbered in found:
        if numbered and article.item in own:
            article = Article(article.title, article.text, article.date, article.path,
                              f"record-{article.item}", article.url)
        out.append(article)
    return out


def _reason(err: json.JSONDecodeError) -> str:
    """The decoder's message without its dangling "at" ("Invalid control character at"): the
    line and column follow it in ours."""
    return err.msg.removesuffix(" at")


def read_json(text: str, path: str, warn: Warn | None = None) -> list[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise IngestError(
            f"malformed JSON on line {err.lineno}, column {err.colno}: {_reason(err)}"
        ) from err
    except (ValueError, RecursionError) as err:  # a 5,000-digit number, nesting 100k deep
        raise IngestError(f"malformed JSON: {str(err).split(';')[0][:100]}") from err
    if isinstance(data, dict) and not any(k in data for k in ("text", "content", "body")):
        data = next((data[k] for k in ("articles", "items", "entries") if k in data), data)
    records = data if isinstance(data, list) else [data]
    found = []
    for i, obj in enumerate(records):
        # numbered from 1, as the warnings count records; a single article is the file itself
        article = _from_object(obj, path, str(i + 1) if isinstance(data, list) else None)
        where = f"{path}: record {i + 1}" if len(records) > 1 else path
        if article is not None:
            found.append((article, isinstance(obj, dict) and _ident(obj) is None))
            check_date(obj.get("date"), article, where, warn)  # type: ignore[union-attr]
        elif warn is not None and len(records) > 1:
            what = "has no text, content or body" if isinstance(obj, dict) else "is no object"
            warn(f"{path}: skipped record {i + 1}: it {what}")
    return _nonempty(_distinct(found))


def read_jsonl(text: str, path: str, warn: Warn | None = None) -> list[Article]:
    found: list[tuple[Article, bool]] = []
    bad: list[str] = []
    index = 0  # records, from 1: the line number too, where no blank line comes before
    # Lines end at "\n" only: JSON keeps U+2028 or U+0085 raw inside a string.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as err:
            detail = (
                f"column {err.colno}: {_reason(err)}"
                if isinstance(err, json.JSONDecodeError)
                else str(err).split(";")[0][:100]
            )
            problem = f"malformed JSON on line {number}, {detail}"
            if warn is None:
                raise IngestError(problem) from err
            bad.append(problem)
            index += 1  # the records after it keep their positions (and ids) once it is fixed
            continue
        index += 1
        article = _from_object(obj, path, str(index))
        if article is not None:
            found.append((article, _ident(obj) is None))
            check_date(obj.get("date"), article, f"{path}: line {number}", warn)
        elif warn is not None:
            what = "has no text, content or body" if isinstance(obj, dict) else "is no object"
            warn(f"{path}: skipped line {number}: the record {what}")
    if bad and not found:
        raise IngestError(bad[0] + (f" (and {len(bad) - 1} more lines)" if len(bad) > 1 else ""))
    for problem in bad:
        warn(f"{path}: skipped a record: {problem}")  # type: ignore[misc] - bad implies warn
    return _nonempty(_distinct(found))


def _nonempty(articles: list[Article]) -> list[Article]:
    if not articles:
        raise IngestError("no articles found")
    return articles


def read_feed(text: str, path: str, warn: Warn | None = None) -> list[Article]:
    import feedparser

    # Bytes, never str: feedparser treats a string as a URL or file name to fetch.
    feed = feedparser.parse(text.encode("utf-8"))
    if not feed.bozo and not feed.version and not feed.entries:
        raise IngestError("not an RSS or Atom feed")
    found: list[tuple[Article, bool]] = []
    for entry in feed.entries:
        contents = [c.get("value", "") for c in entry.get("content", [])]
        body = max(contents, key=len) if contents else entry.get("summary", "")
        if "<" in body:
            paragraphs = clean(html_to_paragraphs(body), whole=True)
        else:  # plain text keeps its entities escaped: "AT&amp;T"
            paragraphs = clean_text(html.unescape(body))
        if not paragraphs:
            continue
        # feedparser parses the feed formats' own dates; one written otherwise ("20/03/2024",
        # "March 25, 2024") is read as any file's date is, and warned about if it cannot be.
        # (dict.get: feedparser's own get maps a missing "updated_parsed" with a warning)
        written = dict.get(entry, "published") or dict.get(entry, "updated")
        parsed = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
        # The day as written, in the newsroom's own zone: feedparser's is UTC, and moved
        # "Tue, 09 Apr 2024 23:30:00 -0500" to 10 April.
        when = written if written and to_iso_date(written) else parsed
        ident = entry.get("id") or entry.get("link")
        url = http_url(entry.get("link"))
        # An item with neither guid nor link is known by what it says, not by its place: a
        # newer item on top gave the next read of the feed its place, and its id.
        said = "\n".join([str(entry.get("title") or ""), str(written or ""), *paragraphs])
        item = ident or "t-" + hashlib.sha1(said.encode("utf-8")).hexdigest()[:12]
        article = make_article(entry.get("title"), paragraphs, when, path, item=item, url=url)
        check_date(written, article, f"{path}: item {item}", warn)
        found.append((article, not ident))
    if feed.bozo:
        # Not the SAX line number: feedparser rewrites the document before parsing it.
        err = feed.get("bozo_exception")
        reason = squash(str(err.getMessage() if hasattr(err, "getMessage") else err))[:120]
        if not found:  # a broken feed that yielded nothing: say why, not "no articles"
            raise IngestError(f"malformed XML: {reason}")
        # The items after a break in the XML are lost: say so (not for feedparser's notes on
        # a declared encoding or content type, which lose nothing).
        if warn is not None and isinstance(err, SAXException):
            warn(f"{path}: malformed XML ({reason}); read the {counted(len(found), 'item')} "
                 "before it")
    return _nonempty(_distinct(found))
