"""`newsbot telegram` in webhook mode, end to end: the real bot process serving its webhook on
127.0.0.1, raw HTTP POSTs from the tests, replies through the fake Bot API.

A body that is not a Telegram update (not JSON, not UTF-8, JSON that is no object, an object
without an integer update_id, too big) is a 400 with one warning line, never PTB's 500 and
never a traceback (bot/telegram_webhook.py); a wrong or missing secret is still a 403; and the
bot goes on answering valid updates. One bot process serves the module; the last test stops it
and reads everything it printed.
"""

from __future__ import annotations

import http.client
import json
import signal
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from fake_telegram import FakeTelegram
from ports import free_port, wait_until_listening

TOKEN = "123456789:AAF-webhook_secret_part_0123456789"
SECRET = "hook-secret_for-tests-0815"
ALICE, BOB = 5001, 5002
MAX_BODY = 1 << 20  # bot/telegram_webhook.MAX_BODY
JSON = {"Content-Type": "application/json"}
REFUSED_BODIES: list[bytes] = []  # each should have left exactly one warning line


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram(token=TOKEN, bot_username="newsbot_test_bot") as server:
        yield server


@pytest.fixture(scope="module")
def hook(fake: FakeTelegram, telegram_index: Any, start_newsbot: Any,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    """(the webhook's local URL, the bot process), once the bot has set its webhook."""
    port = free_port()
    config = telegram_index.config(
        tmp_path_factory.mktemp("webhook") / "config.toml", api_base_url=fake.base_url,
        webhook_url="https://127.0.0.1:8443/tg/hook", listen="127.0.0.1", port=port,
        secret_token=SECRET, allowed_users=[ALICE, BOB])
    process = start_newsbot(config, TOKEN)
    try:
        fake.wait_for_call("setWebhook", 120)
        wait_until_listening(port, timeout=120)
    except AssertionError as err:
        raise AssertionError(f"{err}\nbot output:\n{process.output()}") from None
    yield f"http://127.0.0.1:{port}/tg/hook", process
    process.kill()


def post(url: str, body: bytes, headers: dict[str, str] | None = None,
         secret: str | None = SECRET) -> int:
    """POST raw bytes to the bot's local webhook; the HTTP status."""
    assert urlsplit(url).hostname == "127.0.0.1"
    headers = dict(JSON if headers is None else headers)
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, body, headers, method="POST")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no env proxies
    try:
        with opener.open(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as err:
        return err.code


def refused(url: str, body: bytes) -> int:
    REFUSED_BODIES.append(body)
    return post(url, body)


def answer_to(fake: FakeTelegram, url: str, user: int, question: str) -> dict[str, Any]:
    update = fake.make_update(question, user_id=user)
    since = fake.mark()
    assert post(url, json.dumps(update).encode()) == 200
    reply = fake.wait_for_call("sendMessage", 60, lambda p: p.get("chat_id") == user,
                               since=since, ok=True)
    assert reply["reply_parameters"]["message_id"] == update["message"]["message_id"]
    return reply


@pytest.mark.parametrize("body", [b"not json", b"", b'{"update_id": 1,', b"\xff\xfe{}",
                                  b"[" * 100_000 + b"]" * 100_000],
                         ids=["text", "empty", "cut", "not-utf8", "nested-too-deeply"])
def test_a_body_that_is_not_json_is_a_400(hook: tuple[str, Any], body: bytes) -> None:
    assert refused(hook[0], body) == 400


@pytest.mark.parametrize("body", [b"[1, 2]", b"[]", b"null", b"42", b'"text"', b"true", b"{}",
                                  b'{"update_id": "7"}', b'{"update_id": true}',
                                  b'{"update_id": 7, "message": "not a message"}'])
def test_json_that_is_not_an_update_is_a_400(hook: tuple[str, Any], body: bytes) -> None:
    assert refused(hook[0], body) == 400


def test_a_body_over_the_limit_is_a_400_before_it_is_read(hook: tuple[str, Any]) -> None:
    url = urlsplit(hook[0])
    conn = http.client.HTTPConnection("127.0.0.1", url.port, timeout=30)
    try:  # the headers alone: the server must refuse without waiting for the body
        conn.putrequest("POST", url.path)
        for name, value in {**JSON, "X-Telegram-Bot-Api-Secret-Token": SECRET,
                            "Content-Length": str(MAX_BODY + 1)}.items():
            conn.putheader(name, value)
        conn.endheaders()
        assert conn.getresponse().status == 400
    finally:
        conn.close()


def test_a_big_update_under_the_limit_is_accepted(hook: tuple[str, Any]) -> None:
    body = json.dumps({"update_id": 99, "padding": "x" * (MAX_BODY - 100)}).encode()
    assert len(body) <= MAX_BODY
    assert post(hook[0], body) == 200  # no message in it: handled by no one, silently


def test_a_wrong_or_missing_secret_is_a_403_whatever_the_body(
    fake: FakeTelegram, hook: tuple[str, Any],
) -> None:
    update = json.dumps(fake.make_update("did Mexico accept troops?", user_id=ALICE)).encode()
    for body in (update, b"not json", b"[1, 2]"):
        assert post(hook[0], body, secret=None) == 403
        assert post(hook[0], body, secret="wrong-secret") == 403
        assert post(hook[0], body, secret=SECRET[:-1]) == 403
    assert post(hook[0], update, {"Content-Type": "text/plain"}) == 415
    time.sleep(1)
    assert not [p for p in fake.calls_of("sendMessage") if p["chat_id"] == ALICE]


def test_the_bot_answers_valid_updates_between_bad_ones(
    fake: FakeTelegram, hook: tuple[str, Any],
) -> None:
    assert "Sheinbaum" in answer_to(fake, hook[0], ALICE, "did Mexico accept troops?")["text"]
    assert refused(hook[0], b"<html>not an update</html>") == 400
    assert refused(hook[0], b'[{"update_id": 1}]') == 400
    reply = answer_to(fake, hook[0], BOB, "/help")
    assert reply["text"]
    assert len([p for p in fake.calls_of("sendMessage") if p["chat_id"] in (ALICE, BOB)]) == 2


def test_a_taken_port_is_one_error_line_before_the_webhook_is_set(
    fake: FakeTelegram, telegram_index: Any, start_newsbot: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        config = telegram_index.config(
            tmp_path_factory.mktemp("taken") / "config.toml", api_base_url=fake.base_url,
            webhook_url="https://127.0.0.1:8443/tg/other", listen="127.0.0.1",
            port=taken.getsockname()[1], secret_token=SECRET)
        process = start_newsbot(config, TOKEN)
        assert process.wait(60) == 1
    output = process.output()
    assert output.splitlines()[-1].startswith("newsbot: error: "), output
    assert "Traceback" not in output and SECRET not in output, output
    assert not [p for p in fake.calls_of("setWebhook") if p["url"].endswith("/other")]


def test_runs_last_the_log_has_no_traceback_no_secret_and_one_line_per_refusal(
    hook: tuple[str, Any],
) -> None:
    code, seconds = hook[1].stop(signal.SIGINT, timeout=15)
    output = hook[1].output()
    assert code == 0 and seconds < 10, output
    assert "Traceback" not in output, output
    for secret in (TOKEN, TOKEN.split(":")[1], SECRET):
        assert secret not in output, output
    refusals = [line for line in output.splitlines() if "webhook: refused a POST" in line]
    assert all(" WARNING " in line for line in refusals), output
    assert len([line for line in refusals if "400 Bad Request" in line]) == len(REFUSED_BODIES)
    assert len([line for line in refusals if "415 Unsupported Media Type" in line]) == 1
    assert len(refusals) == len(REFUSED_BODIES) + 1  # none for the 403s
    leaks = ("CRITICAL", "Internal Server Error", "<html>", "not a message")
    assert not any(word in output for word in leaks), output
    assert all(len(line) < 300 for line in output.splitlines()), output
