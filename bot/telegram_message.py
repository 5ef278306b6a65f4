"""Which Telegram messages are questions for the bot, and the question in them: private
texts, @mentions and replies in groups, "/ask" arguments, oversized messages cut to size."""

from __future__ import annotations

import re

from telegram import Message, MessageEntity
from telegram.constants import ChatType


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
