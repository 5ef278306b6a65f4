"""Who may ask, how often, which messages are questions for the bot, and keeping the token
out of every log line.

Kept apart from the handlers so the rules can be tested without a network: these are pure
functions of the config, the clock and PTB's `Message` objects.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import time
from collections import deque
from collections.abc import Callable

from telegram import Message, MessageEntity
from telegram.constants import ChatType

from bot.config import TelegramConfig


class Access:
    """The allowlists and the admins.

    Both lists empty: everyone may ask. Otherwise a user on `allowed_users` may ask anywhere and
    anyone may ask inside a chat on `allowed_chats` (a private chat's id is the user's id).
    Admins may always ask.
    """

    def __init__(self, cfg: TelegramConfig) -> None:
        self.users = set(cfg.allowed_users)
        self.chats = set(cfg.allowed_chats)
        self.admins = set(cfg.admins)

    def allowed(self, user_id: int | None, chat_id: int | None) -> bool:
        if not self.users and not self.chats:
            return True
        return user_id in self.users or chat_id in self.chats or self.is_admin(user_id)

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admins


class RateLimiter:
    """At most `per_minute` questions per user in any 60-second window (0 turns it off)."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._asked: dict[int, deque[float]] = {}

    def wait_time(self, user_id: int) -> float:
        """0 and the question is counted, or the seconds until the user may ask again."""
        if self.per_minute <= 0:
            return 0.0
        now = self.clock()
        times = self._asked.setdefault(user_id, deque())
        while times and now - times[0] >= 60:
            times.popleft()
        if len(times) >= self.per_minute:
            return 60 - (now - times[0])
        times.append(now)
        return 0.0


def _mentions_bot(message: Message, username: str) -> bool:
    wanted = f"@{username}".lower()
    for entity, text in message.parse_entities([MessageEntity.MENTION]).items():
        if entity.type == MessageEntity.MENTION and text.lower() == wanted:
            return True
    return False


def _text_mentions_bot(message: Message, bot_id: int) -> bool:
    return any(
        e.user is not None and e.user.id == bot_id
        for e in message.parse_entities([MessageEntity.TEXT_MENTION])
    )


def strip_mention(text: str, username: str) -> str:
    """The question without "@botname" (wherever it is) and the punctuation glued to it."""
    cleaned = re.sub(rf"@{re.escape(username)}\b[,:]?", " ", text, flags=re.IGNORECASE)
    return " ".join(cleaned.split())


def question_for_bot(message: Message, bot_id: int, username: str) -> str | None:
    """The question in a plain text message, or None when it isn't addressed to the bot.

    In a private chat every text is a question. In a group only an @mention of the bot or a
    reply to one of its messages is; anything else is other people talking, so it stays silent.
    """
    text = message.text or ""
    if message.chat.type == ChatType.PRIVATE:
        return text.strip()
    if _mentions_bot(message, username) or _text_mentions_bot(message, bot_id):
        return strip_mention(text, username)
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return text.strip()
    return None


def command_argument(text: str) -> str:
    """What follows "/ask" (or "/ask@bot"); newlines inside the question are kept."""
    parts = text.strip().split(None, 1)
    return parts[1].strip() if len(parts) > 1 else ""


def shorten(question: str, max_chars: int) -> tuple[str, bool]:
    """The question cut to `max_chars` (at a word boundary when one is near), and whether it was
    cut. A huge message is answered from its beginning instead of being refused."""
    if max_chars <= 0 or len(question) <= max_chars:
        return question, False
    head = question[:max_chars]
    space = head.rfind(" ")
    if space > max_chars * 0.8:
        head = head[:space]
    return head.rstrip(), True


class RedactSecrets(logging.Filter):
    """Replace the token (and the webhook secret) in every record, tracebacks included, in
    case any library logs a request URL."""

    def __init__(self, secret_values: list[str]) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secret_values if len(s) >= 6}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for s in self.secrets:
            text = text.replace(s, "[token]")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = self.redact(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def configure_logging(redactor: RedactSecrets) -> None:
    """INFO to stderr, short lines; no per-request HTTP logging (its URLs carry the token)."""
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        force=True,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        datefmt="%H:%M:%S",
    )
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)
    # faiss probes CPU features at INFO; sentence-transformers draws progress bars whenever its
    # logger is at INFO (and the model loader draws one unless HF progress bars are off).
    for name in ("httpx", "httpcore", "faiss", "sentence_transformers"):
        logging.getLogger(name).setLevel(logging.WARNING)
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
