"""Feeds followed by URL: fetched by `newsbot index update` from a real HTTP server on
127.0.0.1, their items kept when they drop out of the feed, fetched again only when changed,
and a feed that fails is a warning that shows no key. The items are real Wikinews ones the
base index already embedded, so no model is loaded."""

from __future__ import annotations

import json
import threading
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

from bot.config import ConfigError, parse_config
from index.feeds import archive_name, shown


class FeedServer:
    """Serves `pages` ({path: body}) with an ETag each; remembers what was asked."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}
        self.requests: list[tuple[str, str | None]] = []  # (path, If-None-Match)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server name
                server.requests.append((self.path, self.headers.get("If-None-Match")))
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
                   "what was saved of it stays indexed")
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


@pytest.mark.parametrize("url", ["ftp://news.example/rss", "news.example/rss", "https://", ""])
def test_a_feed_that_is_no_http_url_is_refused_in_one_line(url: str) -> None:
    expected = r"^config key corpus.feeds\[0\] must be an http\(s\) URL$"
    with pytest.raises(ConfigError, match=expected):
        parse_config({"corpus": {"feeds": [url]}}, Path("."))
