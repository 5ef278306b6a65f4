"""The fake Bot API server, checked with python-telegram-bot's real client.

If these pass, the end-to-end tests of the bot fail only for the bot's own reasons: PTB's wire
format (form-encoded, JSON-serialized nested fields) is understood and Telegram's answers are
mapped by PTB to the same exceptions production would raise.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import telegram
from fake_telegram import FakeTelegram
from fake_telegram_html import HtmlParseError, detect_entities, parse_html
from telegram.error import BadRequest, Conflict, InvalidToken, RetryAfter

TOKEN = "123456789:AAF-fake_token_for_tests_0123456789"
USER = 5551234


@pytest.fixture
def server() -> Iterator[FakeTelegram]:
    with FakeTelegram(token=TOKEN, bot_username="newsbot_test_bot") as fake:
        fake.add_chat(USER, first_name="Alice")
        yield fake


def run(server: FakeTelegram, calls: Any, token: str = TOKEN) -> Any:
    """Run ``calls(bot)`` against the fake server with PTB's real Bot and HTTPXRequest."""

    async def main() -> Any:
        async with telegram.Bot(token, base_url=server.base_url) as bot:
            return await calls(bot)

    return asyncio.run(main())


def test_listens_on_loopback_only(server: FakeTelegram) -> None:
    assert server.base_url == f"http://127.0.0.1:{server.port}/bot"


def test_get_me(server: FakeTelegram) -> None:
    me = run(server, lambda bot: bot.get_me())
    assert me.username == "newsbot_test_bot"
    assert me.id == 123456789 and me.is_bot
    assert server.calls[0] == ("getMe", {})


def test_wrong_token_is_unauthorized(server: FakeTelegram) -> None:
    with pytest.raises(InvalidToken):
        run(server, lambda bot: bot.get_me(), token="987654321:wrong-token")
    assert server.unauthorized_calls == ["getMe"]
    assert server.calls == []


def test_valid_html_is_accepted_and_recorded(server: FakeTelegram) -> None:
    html = '<b>Answer</b> &amp; <a href="https://example.org/a?b=1&amp;c=2">source</a> &lt;3'
    sent = run(server, lambda bot: bot.send_message(USER, html, parse_mode="HTML"))
    assert sent.text == "Answer & source <3"
    assert sent.from_user.id == 123456789 and sent.chat.id == USER
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [
        ("bold", 0, 6), ("text_link", 9, 6)]
    assert sent.entities[1].url == "https://example.org/a?b=1&c=2"
    params = server.wait_for_call("sendMessage", timeout=1, ok=True)
    assert params == {"chat_id": USER, "text": html, "parse_mode": "HTML"}
    assert server.sent_messages(USER)[0]["text"] == "Answer & source <3"


@pytest.mark.parametrize(
    ("html", "description"),
    [
        ("Send <troops> now", 'Unsupported start tag "troops" at byte offset 5'),
        ("Q&A time", 'Unescaped "&" at byte offset 1'),
        ("<b>bold <i>both</b></i>", 'Unmatched end tag at byte offset 15, expected "</i>"'),
        ("<b>never closed", "Can't find end tag corresponding to start tag b"),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
    ],
)
def test_invalid_html_is_a_bad_request(server: FakeTelegram, html: str, description: str) -> None:
    with pytest.raises(BadRequest, match="^Can't parse entities: "):
        run(server, lambda bot: bot.send_message(USER, html, parse_mode="HTML"))
    method, params, error = server.rejected[0]  # PTB lower-cases all but the first letter
    assert (method, params["text"]) == ("sendMessage", html)
    assert error.startswith(f"Bad Request: can't parse entities: {description}")
    assert server.sent_messages(USER) == []


def test_length_limit_counts_text_after_entity_parsing(server: FakeTelegram) -> None:
    with pytest.raises(BadRequest, match="Message is too long"):
        run(server, lambda bot: bot.send_message(USER, "x" * 4097))

    async def at_the_limit(bot: telegram.Bot) -> list[telegram.Message]:
        return [await bot.send_message(USER, "x" * 4096),
                await bot.send_message(USER, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML"),
                await bot.send_message(USER, "&lt;" * 4096, parse_mode="HTML")]

    plain, bold, escaped = run(server, at_the_limit)
    assert len(plain.text) == len(bold.text) == len(escaped.text) == 4096
    # An emoji outside the BMP is two UTF-16 code units, which is what Telegram counts.
    with pytest.raises(BadRequest, match="Message is too long"):
        run(server, lambda bot: bot.send_message(USER, "x" * 4095 + "📰"))


def test_empty_text_after_parsing_is_refused(server: FakeTelegram) -> None:
    with pytest.raises(BadRequest, match="Message text is empty"):
        run(server, lambda bot: bot.send_message(USER, "<b> </b>\n", parse_mode="HTML"))


@pytest.mark.filterwarnings("ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning")
def test_injected_429_raises_retry_after(server: FakeTelegram) -> None:
    server.fail_next("sendMessage", status=429, retry_after=2)
    with pytest.raises(RetryAfter) as caught:
        run(server, lambda bot: bot.send_message(USER, "hello"))
    assert caught.value.retry_after in (2, 2.0) or caught.value.retry_after.total_seconds() == 2
    assert run(server, lambda bot: bot.send_message(USER, "hello")).text == "hello"


def test_injected_400_and_count(server: FakeTelegram) -> None:
    server.fail_next("sendChatAction", status=400, count=2, description="Bad Request: nope")
    for _ in range(2):
        with pytest.raises(BadRequest, match="Nope"):
            run(server, lambda bot: bot.send_chat_action(USER, "typing"))
    assert run(server, lambda bot: bot.send_chat_action(USER, "typing")) is True


def test_get_updates_returns_a_queued_command(server: FakeTelegram) -> None:
    message_id = server.send_user_message("/ask@newsbot_test_bot who won?", chat_id=USER,
                                          user_id=USER)
    updates = run(server, lambda bot: bot.get_updates(timeout=0))
    assert len(updates) == 1
    message = updates[0].message
    assert message.message_id == message_id and message.text.startswith("/ask")
    assert [(e.type, e.offset, e.length) for e in message.entities] == [("bot_command", 0, 21)]
    assert message.from_user.id == USER and message.chat.type == "private"
    # Confirming with offset = last update_id + 1 removes it from the queue.
    assert run(server, lambda bot: bot.get_updates(offset=updates[0].update_id + 1)) == ()
    assert server.pending_updates() == []


def test_long_poll_returns_as_soon_as_a_message_arrives(server: FakeTelegram) -> None:
    threading.Timer(0.3, server.send_user_message, ["hello"]).start()
    started = time.monotonic()
    updates = run(server, lambda bot: bot.get_updates(timeout=20))
    assert 0.2 < time.monotonic() - started < 5
    assert [u.message.text for u in updates] == ["hello"]


def test_long_poll_waits_for_its_timeout(server: FakeTelegram) -> None:
    started = time.monotonic()
    assert run(server, lambda bot: bot.get_updates(timeout=1)) == ()
    assert 0.9 < time.monotonic() - started < 3


def test_second_poller_terminates_the_first(server: FakeTelegram) -> None:
    async def two_pollers(bot: telegram.Bot) -> tuple[Any, ...]:
        first = asyncio.create_task(bot.get_updates(timeout=10))
        await asyncio.sleep(0.3)
        async with telegram.Bot(TOKEN, base_url=server.base_url) as other_instance:
            second = await other_instance.get_updates(timeout=0)
        return await asyncio.gather(first, return_exceptions=True), second

    started = time.monotonic()
    (first,), second = run(server, two_pollers)
    assert isinstance(first, Conflict) and second == ()
    assert time.monotonic() - started < 5
    assert "terminated by other getUpdates request" in server.rejected[0][2]


def test_reply_to_bot_message_carries_the_full_bot_message(server: FakeTelegram) -> None:
    question = server.send_user_message("what happened?", chat_id=-100777, user_id=USER,
                                        chat_type="supergroup")

    async def answer(bot: telegram.Bot) -> telegram.Message:
        return await bot.send_message(-100777, "<i>this</i>", parse_mode="HTML",
                                      reply_parameters=telegram.ReplyParameters(question))

    answer_message = run(server, answer)
    assert answer_message.reply_to_message.message_id == question
    follow_up = server.send_user_message("@newsbot_test_bot and then?", chat_id=-100777,
                                         user_id=USER, chat_type="supergroup",
                                         reply_to_message_id=answer_message.message_id)
    updates = run(server, lambda bot: bot.get_updates())
    reply = updates[-1].message
    assert reply.message_id == follow_up
    assert reply.reply_to_message.from_user.id == 123456789
    assert reply.reply_to_message.text == "this"
    assert reply.reply_to_message.entities[0].type == "italic"
    assert [(e.type, e.offset, e.length) for e in reply.entities] == [("mention", 0, 17)]


def test_reply_to_a_missing_message(server: FakeTelegram) -> None:
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        run(server, lambda bot: bot.send_message(USER, "hi", reply_to_message_id=999))
    sent = run(server, lambda bot: bot.send_message(
        USER, "hi", reply_parameters=telegram.ReplyParameters(999,
                                                              allow_sending_without_reply=True)))
    assert sent.reply_to_message is None


@pytest.mark.filterwarnings("ignore:Please use 'Bot.sendMessage'")
def test_unknown_chat_and_missing_chat_id(server: FakeTelegram) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        run(server, lambda bot: bot.send_message(31337, "hi"))
    with pytest.raises(BadRequest, match="Chat_id is empty"):
        run(server, lambda bot: bot.do_api_request("sendMessage", api_kwargs={"text": "hi"}))


def test_commands_round_trip(server: FakeTelegram) -> None:
    commands = [("ask", "Ask a question about the news"), ("help", "How to use the bot")]

    async def round_trip(bot: telegram.Bot) -> Any:
        await bot.set_my_commands(commands)
        return await bot.get_my_commands()

    got = run(server, round_trip)
    assert [(c.command, c.description) for c in got] == commands
    assert server.calls_of("setMyCommands")[0]["commands"] == [
        {"command": "ask", "description": "Ask a question about the news"},
        {"command": "help", "description": "How to use the bot"}]
    with pytest.raises(BadRequest, match="(?i)BOT_COMMAND_INVALID"):
        run(server, lambda bot: bot.set_my_commands([("Ask", "capitals are refused")]))
    assert run(server, lambda bot: bot.delete_my_commands()) is True
    assert run(server, lambda bot: bot.get_my_commands()) == ()


def test_edit_message_text(server: FakeTelegram) -> None:
    async def edit(bot: telegram.Bot) -> telegram.Message | bool:
        sent = await bot.send_message(USER, "Searching…")
        edited = await bot.edit_message_text("<b>Found</b>", USER, sent.message_id,
                                             parse_mode="HTML")
        with pytest.raises(BadRequest, match="Message is not modified"):
            await bot.edit_message_text("<b>Found</b>", USER, sent.message_id, parse_mode="HTML")
        return edited

    edited = run(server, edit)
    assert isinstance(edited, telegram.Message) and edited.text == "Found"
    assert edited.edit_date is not None
    assert server.sent_messages(USER)[0]["text"] == "Found"


def test_webhook_lifecycle_and_conflict(server: FakeTelegram) -> None:
    with pytest.raises(BadRequest, match="(?i)HTTPS URL must be provided"):
        run(server, lambda bot: bot.set_webhook("http://127.0.0.1:8443/tg"))

    async def with_webhook(bot: telegram.Bot) -> Any:
        await bot.set_webhook("https://bot.example.org/tg", secret_token="s3cret")
        info = await bot.get_webhook_info()
        with pytest.raises(Conflict):
            await bot.get_updates()
        await bot.delete_webhook()
        return info, await bot.get_webhook_info()

    info, after = run(server, with_webhook)
    assert info.url == "https://bot.example.org/tg" and after.url == ""


def test_post_update_to_sends_the_secret_header() -> None:
    seen: list[tuple[str | None, dict[str, Any]]] = []

    async def bot_webhook() -> int:
        from aiohttp import web

        async def receive(request: web.Request) -> web.Response:
            seen.append((request.headers.get("X-Telegram-Bot-Api-Secret-Token"),
                         await request.json()))
            return web.Response(status=200)

        app = web.Application()
        app.router.add_post("/tg", receive)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        fake = FakeTelegram(token=TOKEN)
        update = fake.make_update("/start", user_id=USER)
        status = await asyncio.to_thread(fake.post_update_to, f"http://127.0.0.1:{port}/tg",
                                         update, "s3cret")
        await runner.cleanup()
        return status

    assert asyncio.run(bot_webhook()) == 200
    assert seen[0][0] == "s3cret"
    assert seen[0][1]["message"]["entities"] == [
        {"type": "bot_command", "offset": 0, "length": 6}]
    with pytest.raises(ValueError, match="outside this machine"):
        FakeTelegram.post_update_to("http://example.org/tg", {})


def test_unknown_methods_are_recorded(server: FakeTelegram) -> None:
    result = run(server, lambda bot: bot.set_my_description("Answers questions about news"))
    assert result is True
    assert server.unknown_methods == ["setMyDescription"]


def test_wait_for_call_times_out_with_the_calls_seen(server: FakeTelegram) -> None:
    run(server, lambda bot: bot.get_me())
    with pytest.raises(AssertionError, match=r"(?s)a sendMessage call.*getMe \{\} -> ok"):
        server.wait_for_call("sendMessage", timeout=0.2)


def test_wait_for_call_blocks_until_the_call_arrives(server: FakeTelegram) -> None:
    since = server.mark()
    worker = threading.Thread(
        target=run, args=(server, lambda bot: bot.send_message(USER, "late")), daemon=True)
    threading.Timer(0.2, worker.start).start()
    params = server.wait_for_call("sendMessage", timeout=10, since=since, ok=True,
                                  where=lambda p: p["text"] == "late")
    assert params["chat_id"] == USER


def test_json_bodies_are_accepted_too(server: FakeTelegram) -> None:
    import json
    import urllib.request

    body = {"chat_id": USER, "text": "<b>hi</b>", "parse_mode": "HTML",
            "reply_markup": json.dumps({"inline_keyboard": [[{"text": "More",
                                                               "callback_data": "more"}]]})}
    request = urllib.request.Request(f"{server.base_url}{TOKEN}/sendMessage",
                                     json.dumps(body).encode(),
                                     {"Content-Type": "application/json"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=5) as response:
        answer = json.load(response)
    assert answer["ok"] and answer["result"]["text"] == "hi"
    assert answer["result"]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "more"


def test_callback_query_is_answered_once(server: FakeTelegram) -> None:
    sent = run(server, lambda bot: bot.send_message(USER, "pick"))
    query_id = server.send_callback_query("more", chat_id=USER, message_id=sent.message_id)
    updates = run(server, lambda bot: bot.get_updates())
    assert updates[0].callback_query.data == "more"
    assert run(server, lambda bot: bot.answer_callback_query(query_id)) is True
    with pytest.raises(BadRequest, match="Query is too old"):
        run(server, lambda bot: bot.answer_callback_query(query_id))


def test_html_port_matches_tdlib_vectors() -> None:
    """A few of tdlib's own parse_html test cases (td/test/message_entities.cpp)."""
    with pytest.raises(HtmlParseError, match="^Unclosed start tag at byte offset 13$"):
        parse_html("🏟 🏟&lt;<abacaba")
    with pytest.raises(HtmlParseError, match='^Unmatched end tag at byte offset 17, expected'):
        parse_html("🏟 🏟&lt;<i>a</em   >")
    text, entities = parse_html("🏟 🏟<i>🏟 &gt;<b aba   =   caba>&lt🏟</b></i>",
                                strict_ampersand=False)
    assert text == "🏟 🏟🏟 ><🏟"
    assert [(e["type"], e["offset"], e["length"]) for e in entities] == [
        ("italic", 5, 7), ("bold", 9, 3)]
    text, entities = parse_html('<pre><code class="language-python">x = 1</code></pre>')
    assert entities == [{"type": "pre", "offset": 0, "length": 5, "language": "python"}]
    assert detect_entities("see /help@newsbot_test_bot or ask @someone") == [
        {"type": "bot_command", "offset": 4, "length": 22},
        {"type": "mention", "offset": 34, "length": 8}]
