"""Feeds followed by URL (`[corpus] feeds`): fetched by every `index build` and `update`, their
items kept in `[corpus] feeds_dir`, one JSONL file per feed, which the build then reads like
any other corpus file.

A feed lists only its latest items, so the file is an archive: an item that drops out of the
feed stays indexed, one that comes back changed replaces its old text (same id, so only its
changed chunks are embedded again). A feed that cannot be fetched or read is one warning, and
what was saved of it stays indexed. Fetches are conditional (ETag, Last-Modified): an unchanged
feed costs one small request and rewrites nothing. A feed URL may hold a key, so what is shown
of it in warnings is its host and path only."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from index.article import Article, IngestError, Warn, counted
from index.urls import shown

TIMEOUT = 20.0  # seconds to connect, and between bytes
DEADLINE = 60.0  # seconds for a whole feed: one that drips bytes must not hold the lock
MAX_BYTES = 20 * 1024 * 1024  # a feed larger than this is refused, not read into memory
STATE = ".state.json"  # hidden: never read as an article file
USER_AGENT = "newsbot (+https://github.com/newsbot; feed reader)"


@dataclass
class Fetched:
    feeds: int = 0  # feeds asked for
    failed: int = 0
    new_items: int = 0
    changed_items: int = 0

    def summary(self) -> str:
        parts = [f"{self.new_items} new", f"{self.changed_items} changed items"]
        if self.failed:
            parts.append(f"{self.failed} failed")
        return f"fetched {counted(self.feeds, 'feed')}: " + ", ".join(parts)


def archive_name(url: str) -> str:
    """The feed's file: its host, for a person looking at the folder, and a hash of the URL."""
    try:
        host = re.sub(r"[^\w.-]", "_", urlsplit(url).hostname or "feed")[:60]
    except ValueError:
        host = "feed"
    return f"{host}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:10]}.jsonl"


def archives(urls: list[str], folder: Path) -> list[Path]:
    """The archive files of the feeds followed: a feed taken out of the config leaves the
    index (its file stays, and comes back with it)."""
    return [folder / archive_name(url) for url in urls if (folder / archive_name(url)).is_file()]


def fetch_feeds(urls: list[str], folder: Path, warn: Warn) -> Fetched:
    """Fetch every feed and merge its items into its archive file in `folder`."""
    import httpx

    folder.mkdir(parents=True, exist_ok=True)
    state = _read_state(folder)
    urls = list(dict.fromkeys(urls))  # a feed listed twice is fetched once
    done = Fetched(feeds=len(urls))
    headers = {"User-Agent": USER_AGENT}
    for url in urls:
        # a client each: the deadline's watchdog closes it
        with httpx.Client(timeout=TIMEOUT, follow_redirects=True, headers=headers) as client:
            archive = folder / archive_name(url)
            key = archive.stem  # the state names no URL: a URL may hold a key

            def failed(reason: str, url: str = url, archive: Path = archive) -> None:
                done.failed += 1
                kept = "what was saved of it stays indexed" if archive.is_file() else (
                    "nothing of it is saved yet")
                warn(f"warning: feed {shown(url)}: {reason}; {kept}")

            try:
                body, validators, charset = _get(client, url, state.get(key, {}))
            except _FetchError as exc:
                failed(str(exc))
                continue
            if body is None:  # not modified
                continue
            try:
                items = _items(body, url, warn, charset)
            except IngestError as exc:
                failed(str(exc))
                continue
            except Exception as exc:  # noqa: BLE001 - a feed the reader chokes on is one feed
                failed(f"cannot be read ({type(exc).__name__})")
                continue
            new, changed = _merge(archive, items, warn)
            done.new_items += new
            done.changed_items += changed
            state[key] = validators
    _write_state(folder, state)
    return done


class _FetchError(Exception):
    pass


def _get(client: object, url: str, known: dict) -> tuple[bytes | None, dict, str | None]:
    """The feed's bytes (None for "not modified"), its validators and the charset its
    Content-Type names."""
    import httpx

    headers = {}
    if known.get("etag"):
        headers["If-None-Match"] = known["etag"]
    if known.get("modified"):
        headers["If-Modified-Since"] = known["modified"]
    deadline = time.monotonic() + DEADLINE
    # The read timeout is per read: a server sending a header line (or a byte) a second never
    # trips it. A watchdog closes the client's connections at the deadline, headers or body.
    watchdog = threading.Timer(DEADLINE, client.close)  # type: ignore[attr-defined]
    watchdog.daemon = True
    watchdog.start()
    try:
        with client.stream("GET", url, headers=headers) as response:  # type: ignore[attr-defined]
            if response.status_code == 304:
                return None, known, None
            if response.status_code != 200:
                raise _FetchError(f"HTTP {response.status_code} {response.reason_phrase}")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_BYTES:
                    raise _FetchError(f"larger than {MAX_BYTES // 2**20} MB")
                if time.monotonic() > deadline:
                    raise _FetchError(f"not all sent within {DEADLINE:g} s")
                chunks.append(chunk)
            validators = {
                "etag": response.headers.get("etag"),
                "modified": response.headers.get("last-modified"),
            }
            return b"".join(chunks), validators, response.charset_encoding
    except (httpx.HTTPError, httpx.InvalidURL, ValueError, RuntimeError) as exc:
        # The exception's text may repeat the URL, key and all: its kind says enough.
        reason = " ".join(re.findall(r"[A-Z][a-z]*", type(exc).__name__)).lower()
        if time.monotonic() > deadline:
            reason = f"not all sent within {DEADLINE:g} s"
        elif isinstance(exc, httpx.TimeoutException):
            reason = f"no answer within {TIMEOUT:g} s"
        elif isinstance(exc, httpx.ConnectError):
            reason = "cannot connect"
        elif isinstance(exc, (httpx.InvalidURL, ValueError)):
            reason = "not a URL that can be fetched"
        raise _FetchError(reason) from None
    finally:
        watchdog.cancel()


_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']""")


def _items(body: bytes, url: str, warn: Warn, charset: str | None = None) -> list[Article]:
    """The feed's articles, read by the corpus's own feed reader (the same cleaning, ALSO
    READ and all, ids of items without guid or link too; its notes on a feed cut short are
    warnings), in the encoding the feed declares (an old CMS's "iso-8859-1")."""
    from index.ingest_records import read_feed

    if not body.strip():
        raise IngestError("empty feed")
    if body[:2] in (b"\xff\xfe", b"\xfe\xff"):
        body = body.decode("utf-16").encode("utf-8")
    declared = _DECLARED.match(body.lstrip(b"\xef\xbb\xbf")[:300])
    encoding = declared.group(1).decode("ascii") if declared else charset or "utf-8"
    try:
        text = body.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        # as for a corpus file: an old newsroom's Windows-1252, said so
        text = body.decode("cp1252", errors="replace")
        warn(f"warning: {shown(url)}: not {encoding}; read as Windows-1252")
    if declared:  # now Unicode: the declaration must not have it decoded a second time
        text = re.sub(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])[\w.:-]+""", r"\1utf-8",
                      text.lstrip("\ufeff"), count=1)
    return read_feed(text, shown(url), lambda problem: warn(f"warning: {problem}"))


def _merge(path: Path, items: list[Article], warn: Warn) -> tuple[int, int]:
    """Add the items to the archive (same id: the newer text wins); (new, changed) counts.
    A damaged line of the archive is left out, with a warning, not a stop."""
    records: dict[str, dict] = {}
    if path.is_file():
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines()):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                records[str(record["id"])] = record
            except (ValueError, KeyError, TypeError):
                warn(f"warning: {path}: line {n + 1} is not a saved item; it is dropped")
    new = changed = 0
    for a in items:
        record = {"id": a.item, "title": a.title, "date": a.date, "url": a.url, "text": a.text}
        old = records.get(a.item or "")
        if old is None:
            new += 1
        elif old != record:
            changed += 1
        records[a.item or ""] = record
    if new or changed:
        _write_atomically(path, "".join(json.dumps(r, ensure_ascii=False) + "\n"
                                        for r in records.values()))
    return new, changed


def _read_state(folder: Path) -> dict:
    try:
        data = json.loads((folder / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    # keyed by archive name; an entry keyed by URL (an earlier newsbot's) may hold a key
    return {k: v for k, v in data.items() if "://" not in k and isinstance(v, dict)}


def _write_state(folder: Path, state: dict) -> None:
    _write_atomically(folder / STATE, json.dumps(state, indent=1))


def _write_atomically(path: Path, text: str) -> None:
    """Written beside, then renamed over: an interrupted fetch leaves the old file whole."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
