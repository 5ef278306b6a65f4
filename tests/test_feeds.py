"""Feeds followed by URL: fetched by `newsbot index update` from a real HTTP server on
127.0.0.1, their items kept when they drop out of the feed, fetched again only when changed,
and a feed that fails is a warning that shows no key. The items are real Wikinews ones the
base index already embedded, so no model is loaded."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Generator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import (
    FEED_GUIDS,
    BuiltIndex,
    _small_feed,
    copy_embedding_cache,
    run_newsbot,
    write_config,
)
from ports import free_port

import index.feeds
from bot.config import ConfigError, parse_config
from index.feeds import archive_name, fetch_feeds, shown


class FeedServer:
    """Serves `pages` ({path: body}) with an ETag each; remembers what was asked. /drip sends
    a byte every half second."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}
        self.requests: list[tuple[str, str | None]] = []  # (path, If-None-Match)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server name
                server.requests.append((self.path, self.headers.get("If-None-Match")))
                if self.path == "/slow-headers":
                    with contextlib.suppress(OSError):
                        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                        for i in range(20):
                            self.wfile.write(f"X-Wait-{i}: 1\r\n".encode())
                            self.wfile.flush()
                            time.sleep(0.5)
                    return
                if self.path == "/drip":
                    self.send_response(200)
                    self.send_header("Content-Length", "1000")
                    self.end_headers()
                    with contextlib.suppress(OSError):  # the client gives up: as meant
                        for _ in range(20):
                            self.wfile.write(b"<")
                            self.wfile.flush()
                            time.sleep(0.5)
                    return
                body = server.pages.get(self.path)
                if body is None:
                    self.send_error(500 if "broken" in self.path else 404)
                    return
                etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.port = free_port()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture
def server() -> Generator[FeedServer, None, None]:
    s = FeedServer()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


def _setup(tmp_path: Path, base_index: BuiltIndex, feeds: list[str]) -> Path:
    (tmp_path / "corpus").mkdir()
    copy_embedding_cache(base_index.index_dir, tmp_path / "index")
    config = write_config(tmp_path / "config.toml", [tmp_path / "corpus"], tmp_path / "index")
    text = config.read_text(encoding="utf-8").replace(
        "[index]", f"feeds = {json.dumps(feeds)}\n[index]", 1)
    config.write_text(text, encoding="utf-8")
    return config


def _update(config: Path, tmp_path: Path) -> tuple[str, str]:
    done = run_newsbot("--config", str(config), "index", "update", "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip(), done.stderr.strip()


def test_a_feed_is_fetched_kept_and_fetched_again_only_when_changed(
    tmp_path: Path, base_index: BuiltIndex, server: FeedServer
) -> None:
    server.pages["/news.xml"] = _small_feed(FEED_GUIDS).encode("utf-8")
    config = _setup(tmp_path, base_index, [server.url("/news.xml")])

    out, err = _update(config, tmp_path)
    assert out.startswith("fetched 1 feed: 2 new, 0 changed items; indexed 2 articles"), out
    assert "embedded 0 chunks now" in out and err == ""
    archive = tmp_path / "feeds" / archive_name(server.url("/news.xml"))
    assert [json.loads(line)["id"] for line in archive.read_text().splitlines()] == list(
        FEED_GUIDS)
    answer = run_newsbot("--config", str(config), "ask", "--json",
                         "How many Chinese tourists were in the first group to arrive in the UK?",
                         cwd=tmp_path)
    data = json.loads(answer.stdout)
    assert not data["abstained"] and data["citations"][0]["title"] == (
        "First Chinese tourists arrive in the UK")

    status = run_newsbot("--config", str(config), "index", "status", cwd=tmp_path).stdout
    assert f"feeds:      1 feed followed, 2 items saved in {tmp_path / 'feeds'}" in status

    # Unchanged: one conditional request, nothing rewritten, nothing indexed again.
    out, _ = _update(config, tmp_path)
    assert out.startswith("fetched 1 feed: 0 new, 0 changed items; index is up to date"), out
    assert server.requests[-1][1] is not None  # If-None-Match was sent

    # An item that drops out of the feed stays indexed: the file is an archive.
    server.pages["/news.xml"] = _small_feed(FEED_GUIDS[:1]).encode("utf-8")
    out, _ = _update(config, tmp_path)
    assert out.startswith("fetched 1 feed: 0 new, 0 changed items; index is up to date"), out
    assert len(archive.read_text().splitlines()) == 2


def test_a_feed_that_fails_is_a_warning_without_its_key_and_loses_nothing(
    tmp_path: Path, base_index: BuiltIndex, server: FeedServer
) -> None:
    server.pages["/news.xml"] = _small_feed(FEED_GUIDS).encode("utf-8")
    good, broken = server.url("/news.xml"), server.url("/broken.xml?key=s3cret")
    config = _setup(tmp_path, base_index, [good, broken])
    out, err = _update(config, tmp_path)
    assert out.startswith("fetched 2 feeds: 2 new, 0 changed items, 1 failed; indexed 2"), out
    assert err == (f"warning: feed {server.url('/broken.xml')}: HTTP 500 Internal Server Error; "
                   "nothing of it is saved yet")
    assert "s3cret" not in out + err

    # The good feed's server gone: its items stay indexed.
    server.httpd.shutdown()
    server.httpd.server_close()
    out, err = _update(config, tmp_path)
    assert "index is up to date: 2 articles" in out, out
    assert f"warning: feed {server.url('/news.xml')}: cannot connect" in err
    assert "s3cret" not in out + err


def test_what_is_shown_of_a_feed_url_and_its_file() -> None:
    assert shown("https://user:pw@news.example:8443/rss.xml?key=s3cret#top") == (
        "https://news.example:8443/rss.xml")
    assert archive_name("https://news.example/rss?x=1").startswith("news.example-")
    assert archive_name("https://news.example/rss?x=1") != archive_name("https://news.example/rss")


@pytest.mark.parametrize("url", ["ftp://news.example/rss", "news.example/rss", "https://", "",
                                 "http://127.0.0.1:70000/rss.xml", "http://[::1/rss.xml"])
def test_a_feed_that_is_no_http_url_is_refused_in_one_line(url: str) -> None:
    expected = r"^config key corpus.feeds\[0\] must be an http\(s\) URL$"
    with pytest.raises(ConfigError, match=expected):
        parse_config({"corpus": {"feeds": [url]}}, Path("."))


NO_GUID = """<?xml version="1.0" encoding="iso-8859-1"?>
<rss version="2.0"><channel><title>Castlebay</title>{items}</channel></rss>
"""
ITEMS = {
    "ferry": "<item><title>Ferry service to Castlebay suspended</title><pubDate>Mon, 04 Mar 2024 "
             "09:00:00 GMT</pubDate><description>The ferry to Castlebay was suspended after a "
             "storm damaged the pier.</description></item>",
    "caf\xe9": "<item><title>Caf\xe9 reopens</title><pubDate>Tue, 05 Mar 2024 09:00:00 GMT"
               "</pubDate><description>The harbour caf\xe9 reopened with cr\xe8me br\xfbl\xe9e "
               "on the menu.</description></item>",
}


def _feed(*names: str) -> bytes:
    return NO_GUID.format(items="".join(ITEMS[n] for n in names)).encode("latin-1")


def test_items_without_guid_or_link_are_kept_and_a_declared_encoding_is_read(
    tmp_path: Path, server: FeedServer
) -> None:
    """A trial's items with neither guid nor link took their place in the feed as id, so a
    newer item on top overwrote the oldest; and a feed declaring iso-8859-1 was refused as
    "not UTF-8"."""
    url = server.url("/castlebay.xml")
    warnings: list[str] = []
    server.pages["/castlebay.xml"] = _feed("ferry")
    assert fetch_feeds([url], tmp_path, warnings.append).new_items == 1
    server.pages["/castlebay.xml"] = _feed("caf\xe9", "ferry")  # a newer item on top
    done = fetch_feeds([url], tmp_path, warnings.append)
    assert (done.new_items, done.changed_items, warnings) == (1, 0, [])
    saved = [json.loads(line) for line in (tmp_path / archive_name(url)).read_text().splitlines()]
    assert [r["title"] for r in saved] == [
        "Ferry service to Castlebay suspended", "Caf\xe9 reopens"]
    assert "cr\xe8me br\xfbl\xe9e" in saved[1]["text"]


def test_a_damaged_archive_line_a_slow_feed_and_a_bad_url_are_warnings(
    tmp_path: Path, server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each stopped every update with a traceback, or held it (and the index's write lock)
    for as long as the feed dripped."""
    url = server.url("/castlebay.xml")
    server.pages["/castlebay.xml"] = _feed("ferry")
    fetch_feeds([url], tmp_path, print)
    with open(tmp_path / archive_name(url), "a", encoding="utf-8") as fh:
        fh.write('{"id": "x", "title": "broken\n')
    server.pages["/castlebay.xml"] = _feed("caf\xe9", "ferry")
    monkeypatch.setattr(index.feeds, "DEADLINE", 1.0)
    warnings: list[str] = []
    started = time.monotonic()
    done = fetch_feeds([server.url("/drip"), server.url("/slow-headers"), url, "http://[::1/x"],
                       tmp_path, warnings.append)
    assert time.monotonic() - started < 10
    assert (done.failed, done.new_items) == (3, 1)
    assert warnings == [
        f"warning: feed {server.url('/drip')}: not all sent within 1 s; nothing of it is saved "
        "yet",
        f"warning: feed {server.url('/slow-headers')}: not all sent within 1 s; nothing of it "
        "is saved yet",
        f"warning: {tmp_path / archive_name(url)}: line 2 is not a saved item; it is dropped",
        "warning: feed (a feed URL that cannot be read): not a URL that can be fetched; nothing "
        "of it is saved yet",
    ]
    state = (tmp_path / ".state.json").read_text(encoding="utf-8")
    assert "castlebay" not in state  # keyed by the archive's name: a URL may hold a key


def test_a_feed_taken_out_of_the_config_leaves_the_index(
    tmp_path: Path, base_index: BuiltIndex, server: FeedServer
) -> None:
    """Taking one of two feeds out kept its items, taking both out dropped them all."""
    server.pages["/a.xml"] = _small_feed(FEED_GUIDS[:1]).encode("utf-8")
    server.pages["/b.xml"] = _small_feed(FEED_GUIDS[1:]).encode("utf-8")
    config = _setup(tmp_path, base_index, [server.url("/a.xml"), server.url("/b.xml")])
    out, _ = _update(config, tmp_path)
    assert "indexed 2 articles" in out, out
    config.write_text(config.read_text().replace(f', "{server.url("/b.xml")}"', ""),
                      encoding="utf-8")
    out, _ = _update(config, tmp_path)
    assert "indexed 1 article, " in out and "-1 articles" in out, out
    assert (tmp_path / "feeds" / archive_name(server.url("/b.xml"))).is_file()  # kept on disk

def test_odd_feeds_are_read_or_warned_about_never_a_stop(
    tmp_path: Path, server: FeedServer
) -> None:
    """From a review: an empty body stopped the update with an AttributeError; a feed in
    Windows-1252 without an XML declaration was read as UTF-8, its accents lost silently; two
    id-less items of one title and day were one; a URL-keyed fetch state (an earlier
    newsbot's) kept its key on disk for good."""
    (tmp_path / ".state.json").write_text('{"http://x/rss?key=s3cret": {"etag": "1"}}')
    server.pages["/empty.xml"] = b""
    two = ("<item><title>Update</title><description>The ferry sails again.</description></item>"
           "<item><title>Update</title><description>The pier is closed.</description></item>")
    server.pages["/plain.xml"] = (f"<rss version='2.0'><channel>{two}<item><title>Caf\xe9"
                                  "</title><description>Cr\xe8me br\xfbl\xe9e is back."
                                  "</description></item></channel></rss>").encode("cp1252")
    urls = [server.url("/empty.xml"), server.url("/plain.xml"), server.url("/plain.xml")]
    warnings: list[str] = []
    done = fetch_feeds(urls, tmp_path, warnings.append)
    assert (done.feeds, done.failed, done.new_items) == (2, 1, 3)  # listed twice: fetched once
    assert warnings == [
        f"warning: feed {server.url('/empty.xml')}: empty feed; nothing of it is saved yet",
        f"warning: {server.url('/plain.xml')}: not utf-8; read as Windows-1252",
    ]
    saved = (tmp_path / archive_name(server.url("/plain.xml"))).read_text(encoding="utf-8")
    assert "Cr\xe8me br\xfbl\xe9e" in saved
    assert "s3cret" not in (tmp_path / ".state.json").read_text(encoding="utf-8")
