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
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from index.article import Article, IngestError, Warn, counted

TIMEOUT = 20.0  # seconds to connect, and between bytes
MAX_BYTES = 20 * 1024 * 1024  # a feed larger than this is refused, not read into memory
STATE = ".state.json"  # hidden: never read as an article file
USER_AGENT = "newsbot (+https://github.com/newsbot; feed reader)"


@dataclass
class Fetched:
    feeds: int = 0  # feeds asked for
    unchanged: int = 0  # answered "not modified", or the same items again
    failed: int = 0
    new_items: int = 0
    changed_items: int = 0

    def summary(self) -> str:
        parts = [f"{self.new_items} new", f"{self.changed_items} changed items"]
        if self.failed:
            parts.append(f"{self.failed} failed")
        return f"fetched {counted(self.feeds, 'feed')}: " + ", ".join(parts)


def shown(url: str) -> str:
    """The URL without its user, password, query and fragment (where keys live)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


def archive_name(url: str) -> str:
    """The feed's file: its host, for a person looking at the folder, and a hash of the URL."""
    host = re.sub(r"[^\w.-]", "_", urlsplit(url).hostname or "feed")
    return f"{host}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:10]}.jsonl"


def fetch_feeds(urls: list[str], folder: Path, warn: Warn) -> Fetched:
    """Fetch every feed and merge its items into its archive file in `folder`."""
    import httpx

    folder.mkdir(parents=True, exist_ok=True)
    state = _read_state(folder)
    done = Fetched(feeds=len(urls))
    headers = {"User-Agent": USER_AGENT}
    with httpx.Client(timeout=TIMEOUT, follow_redirects=True, headers=headers) as client:
        for url in urls:
            try:
                body, validators = _get(client, url, state.get(url, {}))
            except _FetchError as exc:
                done.failed += 1
                warn(f"warning: feed {shown(url)}: {exc}; what was saved of it stays indexed")
                continue
            if body is None:
                done.unchanged += 1
                continue
            try:
                items = _items(body)
            except IngestError as exc:
                done.failed += 1
                warn(f"warning: feed {shown(url)}: {exc}; what was saved of it stays indexed")
                continue
            new, changed = _merge(folder / archive_name(url), items)
            done.new_items += new
            done.changed_items += changed
            done.unchanged += not (new or changed)
            state[url] = validators
    _write_state(folder, state)
    return done


class _FetchError(Exception):
    pass


def _get(client: object, url: str, known: dict) -> tuple[bytes | None, dict]:
    """The feed's bytes and its validators; None for "not modified"."""
    import httpx

    headers = {}
    if known.get("etag"):
        headers["If-None-Match"] = known["etag"]
    if known.get("modified"):
        headers["If-Modified-Since"] = known["modified"]
    try:
        with client.stream("GET", url, headers=headers) as response:  # type: ignore[attr-defined]
            if response.status_code == 304:
                return None, known
            if response.status_code != 200:
                raise _FetchError(f"HTTP {response.status_code} {response.reason_phrase}")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_BYTES:
                    raise _FetchError(f"larger than {MAX_BYTES // 2**20} MB")
                chunks.append(chunk)
            validators = {
                "etag": response.headers.get("etag"),
                "modified": response.headers.get("last-modified"),
            }
            return b"".join(chunks), validators
    except httpx.HTTPError as exc:
        # The exception's text may repeat the URL, key and all: its kind says enough.
        reason = type(exc).__name__
        if isinstance(exc, httpx.TimeoutException):
            reason = f"no answer within {TIMEOUT:g} s"
        elif isinstance(exc, httpx.ConnectError):
            reason = "cannot connect"
        raise _FetchError(reason) from None


def _items(body: bytes) -> list[Article]:
    """The feed's articles, read by the corpus's own feed reader (the same cleaning, ALSO
    READ and all), from a file, so that its decoding rules apply too."""
    from index.ingest import read_file

    with tempfile.TemporaryDirectory(prefix="newsbot-feed-") as tmp:
        path = Path(tmp) / "feed.xml"
        path.write_bytes(body)
        return read_file(path)


def _merge(path: Path, items: list[Article]) -> tuple[int, int]:
    """Add the items to the archive (same id: the newer text wins); (new, changed) counts."""
    records: dict[str, dict] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                records[record["id"]] = record
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
    return data if isinstance(data, dict) else {}


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
