"""Telegram's rules around a message's text, for the fake Bot API server (tests/fake_telegram.py):
parameter typing, the text limit after entity parsing, webhook and command checks, and error
answers shaped like Telegram's, so PTB maps them to the same exception classes. The HTML rules
themselves are in fake_telegram_html.py."""

from __future__ import annotations

import json
import re
import time
from typing import Any
from urllib.parse import urlsplit

try:
    from .fake_telegram_html import (
        MAX_MESSAGE_LENGTH,
        HtmlParseError,
        parse_html,
        trim,
        utf16_len,
    )
except ImportError:  # imported as a top-level module (tests/ on sys.path)
    from fake_telegram_html import (  # type: ignore[no-redef]
        MAX_MESSAGE_LENGTH,
        HtmlParseError,
        parse_html,
        trim,
        utf16_len,
    )


class ApiError(Exception):
    """An error answer, shaped like Telegram's so PTB maps it to the same exception class."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.retry_after = status, description, retry_after

    def payload(self) -> dict[str, Any]:
        body = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def injected_error(status: int, retry_after: int, description: str | None) -> ApiError:
    """What Telegram answers with that status, for tests that make a call fail on purpose."""
    defaults = {429: f"Too Many Requests: retry after {retry_after}",
                400: "Bad Request: injected failure", 401: "Unauthorized",
                403: "Forbidden: bot was blocked by the user", 409: "Conflict: injected failure",
                500: "Internal Server Error", 502: "Bad Gateway"}
    text = description or defaults.get(status, f"Error {status}: injected failure")
    return ApiError(status, text, retry_after if status == 429 else None)


# Fields that arrive JSON-serialized in form bodies (PTB sends every non-string that way).
_JSON = {"reply_parameters", "reply_markup", "commands", "scope", "entities", "caption_entities",
         "link_preview_options", "allowed_updates", "media", "reaction", "results"}
_INT = {"chat_id", "message_id", "offset", "limit", "timeout", "reply_to_message_id", "user_id",
        "message_thread_id", "max_connections", "cache_time", "from_chat_id"}
_BOOL = {"disable_notification", "protect_content", "allow_sending_without_reply", "show_alert",
         "drop_pending_updates", "disable_web_page_preview", "allow_paid_broadcast"}
CHAT_ACTIONS = {"typing", "upload_photo", "record_video", "upload_video", "record_voice",
                "upload_voice", "upload_document", "choose_sticker", "find_location",
                "record_video_note", "upload_video_note"}
NOT_MODIFIED = ("Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message")


def coerce(key: str, value: Any) -> Any:
    """Form bodies carry everything as text; type the fields the way the Bot API does."""
    if not isinstance(value, str):
        return value
    if key in _JSON:
        try:
            return json.loads(value)
        except ValueError:
            raise ApiError(400, f"Bad Request: can't parse {key} JSON object") from None
    if key in _INT and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    if key in _BOOL and value.lower() in ("true", "false", "1", "0"):
        return value.lower() in ("true", "1")
    return value


def message_text(params: dict[str, Any], strict_ampersand: bool) -> tuple[str, list[dict]]:
    """sendMessage/editMessageText's text as Telegram would store it, or the error it gives."""
    raw, mode = str(params.get("text") or ""), str(params.get("parse_mode") or "").lower()
    if mode == "html":
        try:
            text, entities = parse_html(raw, strict_ampersand=strict_ampersand)
        except HtmlParseError as err:
            raise ApiError(400, f"Bad Request: can't parse entities: {err}") from None
    elif mode:
        raise ApiError(400, f"Bad Request: unsupported parse_mode {mode!r} (fake_telegram "
                       "implements HTML only)")
    else:
        text, entities = raw, list(params.get("entities") or [])
    text, entities = trim(text, entities)
    if not text:
        raise ApiError(400, "Bad Request: message text is empty")
    if utf16_len(text) > MAX_MESSAGE_LENGTH:
        raise ApiError(400, "Bad Request: message is too long")
    return text, entities


def check_webhook(params: dict[str, Any]) -> None:
    """Telegram only pushes to HTTPS on a few ports; a local bot sets its public URL anyway."""
    parts = urlsplit(str(params["url"]))
    if parts.scheme != "https":
        raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
    if (parts.port or 443) not in (80, 88, 443, 8443):
        raise ApiError(400, "Bad Request: bad webhook: Webhook can be set up only on ports 80, "
                       "88, 443 or 8443")
    secret = params.get("secret_token")
    if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
        raise ApiError(400, "Bad Request: secret token contains unallowed characters")


def check_commands(commands: Any) -> list[dict[str, str]]:
    """Commands as setMyCommands stores them: 1-32 of [a-z0-9_], a 1-256 character description."""
    if not isinstance(commands, list) or len(commands) > 100:
        raise ApiError(400, 'Bad Request: parameter "commands" is not a valid JSON array')
    for command in commands:
        if not isinstance(command, dict) or not re.fullmatch(r"[a-z0-9_]{1,32}",
                                                             str(command.get("command"))):
            raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
            raise ApiError(400, "Bad Request: command description must be non-empty")
    return [{"command": c["command"], "description": c["description"]} for c in commands]


CONFLICT_WEBHOOK = ("Conflict: can't use getUpdates method while webhook is active; use "
                    "deleteWebhook to delete the webhook first")
CONFLICT_POLLER = ("Conflict: terminated by other getUpdates request; make sure that only one bot "
                   "instance is running")
# Telegram withholds these update types unless allowed_updates asks for them explicitly.
_OPT_IN_UPDATES = {"chat_member", "message_reaction", "message_reaction_count"}


def deliverable(update: dict[str, Any], allowed_updates: list[str] | None) -> bool:
    kind = next(key for key in update if key != "update_id")
    return kind in allowed_updates if allowed_updates else kind not in _OPT_IN_UPDATES


def find_chat(chats: dict[int, dict[str, Any]], chat_id: Any) -> dict[str, Any]:
    """The chat a method addresses, by id or "@username"; bots can't start conversations."""
    if chat_id in (None, ""):
        raise ApiError(400, "Bad Request: chat_id is empty")
    if isinstance(chat_id, str):
        named = [c for c in chats.values() if "@" + c.get("username", "") == chat_id]
        chat_id = named[0]["id"] if named else None
    if chat_id not in chats:
        raise ApiError(400, "Bad Request: chat not found")
    return chats[chat_id]


def edit_text(message: dict[str, Any], bot_id: int, params: dict[str, Any],
              strict_ampersand: bool) -> dict[str, Any]:
    """Apply editMessageText to a stored message in place, refusing what Telegram refuses."""
    if message["from"]["id"] != bot_id:
        raise ApiError(400, "Bad Request: message can't be edited")
    text, entities = message_text(params, strict_ampersand)
    markup = params.get("reply_markup")
    markup = markup if "inline_keyboard" in (markup or {}) else None  # omitted: keyboard dropped
    if (text, entities, markup) == (message["text"], message.get("entities", []),
                                    message.get("reply_markup")):
        raise ApiError(400, NOT_MODIFIED)
    for key, value in (("entities", entities), ("reply_markup", markup)):
        message.pop(key, None)
        if value:
            message[key] = value
    message.update(text=text, edit_date=int(time.time()))
    return dict(message)


def chat_full_info(chat: dict[str, Any]) -> dict[str, Any]:
    """getChat's answer: the fields PTB 22 requires on top of the plain Chat."""
    gifts = dict.fromkeys(("unlimited_gifts", "limited_gifts", "unique_gifts",
                           "premium_subscription", "gifts_from_channels"), False)
    return {**chat, "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": gifts}


def webhook_info(webhook: dict[str, Any], pending: int) -> dict[str, Any]:
    info = {"url": webhook["url"], "has_custom_certificate": False, "pending_update_count": pending}
    if webhook["url"]:
        info.update(ip_address="127.0.0.1", max_connections=40)
        info.update({k: v for k, v in webhook.items() if k != "secret_token"})
    return info
