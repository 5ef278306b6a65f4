"""`newsbot telegram` end to end: the real bot process, real model and index, long polling
against the fake Bot API server on 127.0.0.1.

One bot process serves the whole module (the model loads once); each test talks from its own
user or chat so the tests don't depend on each other's per-chat state or rate-limit budget.
The last test stops the bot with SIGTERM and inspects everything it printed.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_telegram import FakeTelegram

TOKEN = "123456789:AAF-polling_secret_part_0123456789"
BOT_USERNAME = "newsbot_test_bot"
ADMIN, ALICE, BOB, CAROL, DAVE, ERIN, FRANK, GRACE, HEIDI, IVAN, JUDY, KEN = range(1001, 1013)
STRANGER = 6666
GROUP, STRANGERS_GROUP = -1001234567890, -1009876543210
GROUP_USER = 3001  # not on allowed_users: allowed because the group is on allowed_chats
Params = dict[str, Any]


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram(token=TOKEN, bot_username=BOT_USERNAME) as server:
        yield server


@pytest.fixture(scope="module")
def bot(fake: FakeTelegram, telegram_index: Any, start_newsbot: Any,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    config = telegram_index.config(
        tmp_path_factory.mktemp("polling") / "config.toml", api_base_url=fake.base_url,
        admins=[ADMIN], allowed_users=[ALICE, BOB, CAROL, DAVE, ERIN, FRANK, GRACE, HEIDI, IVAN,
                                       JUDY, KEN],
        allowed_chats=[GROUP], rate_limit_per_minute=3, max_question_chars=1000)
    process = start_newsbot(config, TOKEN)  # the token comes from NEWSBOT_TELEGRAM_TOKEN
    try:
        fake.wait_for_call("getUpdates", timeout=120)
    except AssertionError as err:
        raise AssertionError(f"{err}\nbot output:\n{process.output()}") from None
    yield process
    process.kill()


def reply_to(fake: FakeTelegram, bot: Any, chat_id: int, message_id: int, since: int,
             where: Any = None, timeout: float = 60) -> Params:
    """The bot's accepted sendMessage replying to `message_id` (and matching `where`)."""

    def match(p: Params) -> bool:
        return (p.get("chat_id") == chat_id
                and (p.get("reply_parameters") or {}).get("message_id") == message_id
                and (where is None or where(p)))

    try:
        return fake.wait_for_call("sendMessage", timeout, match, since=since, ok=True)
    except AssertionError as err:
        raise AssertionError(f"{err}\nbot output:\n{bot.output()[-3000:]}") from None


def ask(fake: FakeTelegram, bot: Any, text: str, user: int, **kwargs: Any) -> Params:
    """Send `text` as `user` (private chat unless chat_id/chat_type say otherwise); the reply."""
    since = fake.mark()
    message_id = fake.send_user_message(text, user_id=user, **kwargs)
    return reply_to(fake, bot, kwargs.get("chat_id", user), message_id, since)


def calls_since(fake: FakeTelegram, since: int, method: str, chat_id: int) -> list[Params]:
    return [p for m, p in list(fake.calls)[since:] if m == method and p.get("chat_id") == chat_id]


def test_commands_registered_and_model_loaded_before_polling(fake: FakeTelegram, bot: Any) -> None:
    names = [m for m, _ in fake.calls]
    assert names.index("setMyCommands") < names.index("getUpdates")
    (commands,) = fake.commands.values()
    assert {c["command"] for c in commands} == {"start", "help", "ask", "sources", "status",
                                                 "reindex"}


def test_private_question_gets_cited_html_reply_while_typing(fake: FakeTelegram, bot: Any) -> None:
    since = fake.mark()
    message_id = fake.send_user_message("did Mexico accept troops?", user_id=ALICE)
    reply = reply_to(fake, bot, ALICE, message_id, since)
    assert reply["parse_mode"] == "HTML"
    assert reply["reply_parameters"]["message_id"] == message_id
    assert "Sheinbaum" in reply["text"] and "[1]" in reply["text"]
    assert "<b>Sources</b>\n[1]" in reply["text"]
    calls = list(fake.calls)[since:]
    typing = [i for i, (m, p) in enumerate(calls)
              if m == "sendChatAction" and p == {"chat_id": ALICE, "action": "typing"}]
    answered = next(i for i, (m, p) in enumerate(calls) if m == "sendMessage")
    assert typing and typing[0] < answered


def test_sources_lists_quotes_of_the_last_answer(fake: FakeTelegram, bot: Any) -> None:
    ask(fake, bot, "did Mexico accept troops?", BOB)
    sources = ask(fake, bot, "/sources", BOB)["text"]
    assert "<b>Sources for:</b> <i>did Mexico accept troops?</i>" in sources
    assert "<blockquote>" in sources and "Sheinbaum" in sources


def test_follow_up_uses_the_chats_previous_question(fake: FakeTelegram, bot: Any) -> None:
    ask(fake, bot, "did Mexico accept US troops?", JUDY)
    assert "Sheinbaum" in ask(fake, bot, "did she accept them?", JUDY)["text"]
    fresh = ask(fake, bot, "did she accept them?", KEN)["text"]  # no context in another chat
    assert fresh == "I couldn't find this in the articles."


def test_group_is_silent_unless_addressed(fake: FakeTelegram, bot: Any) -> None:
    group = {"chat_id": GROUP, "chat_type": "supergroup", "user_id": GROUP_USER}
    since = fake.mark()
    chatter = fake.send_user_message("did Mexico accept troops? asking the room", **group)
    mention = fake.send_user_message(f"@{BOT_USERNAME} did Mexico accept troops?", **group)
    assert "Sheinbaum" in reply_to(fake, bot, GROUP, mention, since)["text"]
    barrier = fake.send_user_message("/status", **group)  # handled after the chatter for sure
    reply_to(fake, bot, GROUP, barrier, since)
    sent = calls_since(fake, since, "sendMessage", GROUP)
    assert len(sent) == 2
    assert all(p["reply_parameters"]["message_id"] != chatter for p in sent)
    assert len(calls_since(fake, since, "sendChatAction", GROUP)) == 1


def test_group_reply_to_the_bot_and_ask_command_are_answered(fake: FakeTelegram, bot: Any) -> None:
    group = {"chat_id": GROUP, "chat_type": "supergroup"}
    asked = ask(fake, bot, f"/ask@{BOT_USERNAME} did Mexico accept troops?", 3002, **group)
    assert "Sheinbaum" in asked["text"]
    bots_answer = fake.sent_messages(GROUP)[-1]["message_id"]
    followed = ask(fake, bot, "what did Sheinbaum say about sovereignty?", 3003,
                   reply_to_message_id=bots_answer, **group)
    assert "[1]" in followed["text"]


def test_allowlist_refuses_strangers_without_content(fake: FakeTelegram, bot: Any) -> None:
    since = fake.mark()
    assert ask(fake, bot, "did Mexico accept troops?", STRANGER)["text"] == \
        "Sorry, this bot is private."
    other = {"chat_id": STRANGERS_GROUP, "chat_type": "supergroup"}
    refused = ask(fake, bot, f"@{BOT_USERNAME} did Mexico accept troops?", STRANGER, **other)
    assert refused["text"] == "Sorry, this bot is private."
    assert not calls_since(fake, since, "sendChatAction", STRANGER)
    assert not calls_since(fake, since, "sendChatAction", STRANGERS_GROUP)


def test_reindex_is_for_admins_only(fake: FakeTelegram, bot: Any) -> None:
    refused = ask(fake, bot, "/reindex", HEIDI)["text"]
    assert refused == "Only the bot's admins can run /reindex."


def test_reindex_by_an_admin_picks_up_a_new_article(fake: FakeTelegram, bot: Any,
        telegram_index: Any) -> None:
    (telegram_index.corpus / "900_zorbland.txt").write_text(
        " date 2026-11-20 Zorbland elects a new mayor\n"
        "The city of Zorbland elected Quilla Fenwright as mayor on Tuesday.\n", encoding="utf-8")
    since = fake.mark()
    message_id = fake.send_user_message("/reindex", user_id=ADMIN)
    assert "Updating the index" in reply_to(fake, bot, ADMIN, message_id, since)["text"]
    done = reply_to(fake, bot, ADMIN, message_id, since, timeout=180,
                    where=lambda p: not p["text"].startswith("Updating"))
    assert done["text"].startswith("Index updated: 1 new, 0 changed, 0 removed"), done["text"]
    answer = ask(fake, bot, "Who was elected mayor of Zorbland?", ADMIN)["text"]
    assert "Quilla Fenwright" in answer and "Zorbland elects a new mayor" in answer
    assert "Articles: 6" in ask(fake, bot, "/status", ADMIN)["text"]


def test_flood_control_429_is_waited_out_and_delivered(fake: FakeTelegram, bot: Any) -> None:
    fake.fail_next("sendMessage", 429, retry_after=1)
    since = fake.mark()
    started = time.monotonic()
    reply = ask(fake, bot, "did Mexico accept troops?", ERIN)
    assert "Sheinbaum" in reply["text"]
    assert time.monotonic() - started >= 1.0
    refused = [(m, p, e) for m, p, e in fake.rejected if m == "sendMessage"
               and p.get("chat_id") == ERIN]
    assert len(refused) == 1 and "Too Many Requests" in refused[0][2]
    assert len(calls_since(fake, since, "sendMessage", ERIN)) == 2


def test_markup_in_a_question_gets_a_valid_reply(fake: FakeTelegram, bot: Any) -> None:
    """Every reply is accepted by the fake server's HTML parser (a 400 would fail `ask`).
    Whether the engine answers or abstains on this odd question is its business; when it
    answers, /sources echoes the question, so the user's markup must come back escaped."""
    question = "Did Mexico &amp; Sheinbaum accept <troops> & <b>US</b> help?"
    since = fake.mark()
    answered = "<b>Sources</b>" in ask(fake, bot, question, CAROL)["text"]
    sources = ask(fake, bot, "/sources", CAROL)["text"]
    if answered:
        assert "&lt;troops&gt; &amp; &lt;b&gt;US&lt;/b&gt;" in sources
        assert fake.sent_messages(CAROL)[-1]["text"].startswith(f"Sources for: {question}")
    else:
        assert sources == "The last answer cited no sources."
    assert not [r for r in fake.rejected if r[1].get("chat_id") == CAROL]
    assert len(calls_since(fake, since, "sendMessage", CAROL)) == 2


def test_a_10000_character_message_is_answered_from_its_start(fake: FakeTelegram, bot: Any) -> None:
    text = ("did Mexico accept troops? " * 400)[:10_000]
    reply = ask(fake, bot, text, DAVE)["text"]
    assert reply.startswith("<i>Your message was long, so I answered from its first 1000 "
                            "characters.</i>")


def test_rate_limit_answers_with_a_slow_down_note(fake: FakeTelegram, bot: Any) -> None:
    since = fake.mark()
    for _ in range(4):
        fake.send_user_message("did Mexico accept troops?", user_id=FRANK)
    fake.wait_for(lambda: len(calls_since(fake, since, "sendMessage", FRANK)) >= 4, 60,
                  "four replies")
    texts = [p["text"] for p in calls_since(fake, since, "sendMessage", FRANK)]
    slow = [t for t in texts if "please wait" in t]
    assert len(slow) == 1 and re.search(r"wait \d+ s", slow[0])


def test_error_is_reported_and_the_next_question_works(fake: FakeTelegram, bot: Any) -> None:
    fake.fail_next("sendMessage", 400, description="Bad Request: injected failure")
    since = fake.mark()
    fake.send_user_message("did Mexico accept troops?", user_id=GRACE)
    sorry = fake.wait_for_call("sendMessage", 60, lambda p: p.get("chat_id") == GRACE,
                               since=since, ok=True)
    assert sorry["text"] == "Sorry, something went wrong while answering. Please try again."
    assert "Sheinbaum" in ask(fake, bot, "did Mexico accept troops?", GRACE)["text"]
    assert "telegram api error while handling an update: injected failure" in \
        bot.output().lower()


def test_help_status_and_unknown_commands(fake: FakeTelegram, bot: Any) -> None:
    help_text = ask(fake, bot, "/help", IVAN)["text"]
    assert re.search(r"about \d+ news articles \(2005-\d\d-\d\d … 20\d\d-\d\d-\d\d\)", help_text)
    assert "/ask &lt;question&gt;" in help_text
    assert ask(fake, bot, "/start", IVAN)["text"] == help_text
    status = ask(fake, bot, "/status", IVAN)["text"]
    assert re.search(r"Articles: \d+\nChunks: \d+\nDates: .+\nLast update: ", status)
    assert "/help lists mine" in ask(fake, bot, "/frobnicate", IVAN)["text"]


def test_sigterm_stops_cleanly_even_during_reindex(fake: FakeTelegram, bot: Any,
        telegram_index: Any) -> None:
    """Runs last: stops the module's bot in the middle of a /reindex (which can't be interrupted
    and may take minutes) and then reads everything the bot printed."""
    (telegram_index.corpus / "901_late.txt").write_text(
        " date 2026-11-21 A late article\nThis article arrives while the bot shuts down.\n",
        encoding="utf-8")
    since = fake.mark()
    message_id = fake.send_user_message("/reindex", user_id=ADMIN)
    reply_to(fake, bot, ADMIN, message_id, since)  # "Updating the index; ..."
    code, seconds = bot.stop(signal.SIGTERM, timeout=15)
    output = bot.output()
    assert code == 0, output
    assert seconds < 10
    assert TOKEN not in output and TOKEN.partition(":")[2] not in output
    assert "Traceback" not in output, output
    assert "Application started" in output
    assert "stopped during /reindex: the unfinished update is dropped" in output
    assert not fake.unknown_methods and not fake.unauthorized_calls
    status = subprocess.run([str(Path(sys.executable).parent / "newsbot"), "index", "status",
                             "--config", str(telegram_index.config(bot.log.parent / "s.toml"))],
                            capture_output=True, text=True, timeout=60)
    assert status.returncode == 0, status.stderr
    assert "articles:   6" in status.stdout and "1 new" in status.stdout, status.stdout
