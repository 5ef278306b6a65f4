"""`newsbot telegram` start-up and shut-down paths, each with its own short-lived bot process:
token mistakes, an unreachable API, a missing index, and webhook mode with its secret token."""

from __future__ import annotations

import json
import signal
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fake_telegram import FakeTelegram
from ports import free_port, wait_until_listening

TOKEN = "123456789:AAF-startup_secret_part_0123456789"
WRONG_TOKEN = "987654321:AAF-wrong_secret_part_9876543210"
SECRET = "webhook-secret_for-tests-42"
ALICE = 2001


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram(token=TOKEN, bot_username="newsbot_test_bot") as server:
        yield server


def assert_clean(output: str, *secrets: str) -> None:
    assert "Traceback" not in output, output
    for secret in secrets:
        assert secret not in output and secret.split(":")[-1] not in output, output


def test_missing_token_is_one_error_line(
    telegram_index: Any, start_newsbot: Any, tmp_path: Path,
) -> None:
    bot = start_newsbot(telegram_index.config(tmp_path / "config.toml"), token=None)
    assert bot.wait(30) == 2
    assert bot.output() == ("newsbot: error: no Telegram bot token: set NEWSBOT_TELEGRAM_TOKEN "
                            "or [telegram] token\n")


def test_rejected_token_is_one_error_line(
    fake: FakeTelegram, telegram_index: Any, start_newsbot: Any, tmp_path: Path,
) -> None:
    config = telegram_index.config(tmp_path / "config.toml", token=WRONG_TOKEN,
                                   api_base_url=fake.base_url)
    bot = start_newsbot(config, token=None)
    assert bot.wait(30) == 1
    output = bot.output()
    assert output.splitlines()[-1].startswith("newsbot: error: Telegram rejected the bot token")
    assert_clean(output, WRONG_TOKEN)
    assert fake.unauthorized_calls == ["getMe"]


# (around it, spaces and line breaks are only trimmed: tests/test_config.py)
@pytest.mark.parametrize("token", [TOKEN[:20] + "\n" + TOKEN[20:], TOKEN.replace("-", " "),
                                   "123456789"])
def test_malformed_token_is_one_error_line_before_any_request(
    telegram_index: Any, start_newsbot: Any, tmp_path: Path, token: str,
) -> None:
    config = telegram_index.config(tmp_path / "config.toml", token=token)
    bot = start_newsbot(config, token=None)
    assert bot.wait(30) == 2
    output = bot.output()
    assert output.startswith("newsbot: error: the Telegram bot token is malformed"), output
    assert len(output.splitlines()) == 1
    assert_clean(output, TOKEN)


class _NotTheApi(BaseHTTPRequestHandler):
    """A web server that is not the Bot API: an HTML page for every request, which echoes
    the request's path (and so the token) as error pages do."""

    status = 501
    page: bytes | None = None  # None: the HTML page

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        page = self.page or (
            b"<!DOCTYPE HTML>\n<html><body>\n<h1>Error</h1>\n" + b"<p>x</p>\n" * 12
            + f"<p>No backend for POST {self.path}</p>".encode() + b"<p>x</p>\n" * 200)
        self.send_response(self.status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    do_GET = do_POST  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


def _stopped_by(
    handler: type, telegram_index: Any, start_newsbot: Any, tmp_path: Path
) -> tuple[str, str]:
    """The bot started against a server of this handler on 127.0.0.1, stopped with exit 1:
    (its API base URL, what it printed)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base_url = f"http://127.0.0.1:{server.server_address[1]}/bot"
        config = telegram_index.config(tmp_path / "config.toml", api_base_url=base_url)
        bot = start_newsbot(config, token=TOKEN)
        assert bot.wait(60) == 1
    finally:
        server.shutdown()
    return base_url, bot.output()


@pytest.mark.parametrize(
    ("status", "page"),
    [(501, None), (503, None), (404, None), (200, None),
     (200, b'{"ok": false}'), (200, b'{"ok": true, "result": "me"}')],  # JSON, not the API's
)
def test_a_server_that_is_not_the_api_is_one_error_line_that_says_so(
    telegram_index: Any, start_newsbot: Any, tmp_path: Path, status: int, page: bytes | None,
) -> None:
    # (404 is what Telegram says to a bad token too, but with JSON, not a web page)
    handler = type("Handler", (_NotTheApi,), {"status": status, "page": page})
    base_url, output = _stopped_by(handler, telegram_index, start_newsbot, tmp_path)
    assert_clean(output, TOKEN)
    assert "123456789" not in output  # not even the bot's id, nor a half of the token
    assert "<p>x</p>" * 3 not in output  # the page is not dumped
    assert all(len(line) < 600 for line in output.splitlines()), output
    assert output.splitlines()[-1].startswith(
        f"newsbot: error: the server at {base_url} does not answer as the Telegram Bot API"
    ), output


class _BadRequest(_NotTheApi):
    """The Bot API's own 400, whose description echoes the request path with every byte
    percent-encoded (a trial's server: the token went through the redactor that way)."""

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        encoded = "".join(f"%{b:02x}" for b in self.path.encode())
        page = json.dumps({"ok": False, "error_code": 400,
                           "description": f"Bad Request: no such method {encoded}"}).encode()
        self.send_response(400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    do_GET = do_POST  # noqa: N815


def test_a_bad_request_says_the_api_answered_and_leaks_no_encoded_token(
    telegram_index: Any, start_newsbot: Any, tmp_path: Path,
) -> None:
    base_url, output = _stopped_by(_BadRequest, telegram_index, start_newsbot, tmp_path)
    assert_clean(output, TOKEN)
    secret = TOKEN.partition(":")[2]
    assert "".join(f"%{b:02x}" for b in secret.encode()) not in output.lower()
    # (it said "cannot reach the Telegram Bot API": PTB's BadRequest is a NetworkError)
    assert output.splitlines()[-1].startswith(
        f"newsbot: error: the Telegram Bot API at {base_url} answered:"), output


def test_unreachable_api_is_one_error_line(
    telegram_index: Any, start_newsbot: Any, tmp_path: Path,
) -> None:
    base_url = f"http://127.0.0.1:{free_port()}/bot"  # nothing listens there
    config = telegram_index.config(tmp_path / "config.toml", api_base_url=base_url)
    bot = start_newsbot(config, token=TOKEN)
    assert bot.wait(60) == 1
    output = bot.output()
    assert output.splitlines()[-1].startswith(
        f"newsbot: error: cannot reach the Telegram Bot API at {base_url}")
    assert_clean(output, TOKEN)


def test_missing_index_is_one_error_line(
    fake: FakeTelegram, telegram_index: Any, start_newsbot: Any, tmp_path: Path,
) -> None:
    config = telegram_index.config(tmp_path / "config.toml", api_base_url=fake.base_url)
    text = config.read_text().replace(str(telegram_index.index_dir), str(tmp_path / "no-index"))
    config.write_text(text)
    bot = start_newsbot(config, token=TOKEN)
    assert bot.wait(60) == 1
    output = bot.output()
    assert output.splitlines()[-1].startswith("newsbot: error: "), output
    assert_clean(output, TOKEN)
    assert not fake.calls_of("getUpdates")  # never started polling


def test_webhook_requires_the_secret_token(
    fake: FakeTelegram, telegram_index: Any, start_newsbot: Any, tmp_path: Path,
) -> None:
    port = free_port()
    config = telegram_index.config(
        tmp_path / "config.toml", token=TOKEN, api_base_url=fake.base_url,
        webhook_url="https://127.0.0.1:8443/telegram/hook", listen="127.0.0.1", port=port,
        secret_token=SECRET)
    bot = start_newsbot(config, token=None)  # the token comes from the config file this time
    registered = fake.wait_for_call("setWebhook", 120)
    assert registered["url"] == "https://127.0.0.1:8443/telegram/hook"
    assert registered["secret_token"] == SECRET
    wait_until_listening(port)
    hook = f"http://127.0.0.1:{port}/telegram/hook"

    update = fake.make_update("did Mexico accept troops?", user_id=ALICE)
    since = fake.mark()
    assert fake.post_update_to(hook, update) == 403
    assert fake.post_update_to(hook, update, secret_token="wrong-secret") == 403
    assert fake.post_update_to(hook, update, secret_token=SECRET) == 200
    reply = fake.wait_for_call("sendMessage", 60, lambda p: p.get("chat_id") == ALICE,
                               since=since, ok=True)
    assert reply["reply_parameters"]["message_id"] == update["message"]["message_id"]
    assert "Sheinbaum" in reply["text"]
    assert len(fake.calls_of("sendMessage")) == 1  # the refused posts were never handled
    assert not fake.calls_of("getUpdates")

    code, seconds = bot.stop(signal.SIGINT, timeout=15)
    output = bot.output()
    assert code == 0 and seconds < 10, output
    assert_clean(output, TOKEN, SECRET)
