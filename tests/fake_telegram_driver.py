"""How tests drive and inspect the fake Bot API server (fake_telegram.py): users' messages
and button presses queued for getUpdates, updates posted to a local webhook, injected
failures, and waiting on the calls the bot makes. A mixin of FakeTelegram, kept apart so the
server's own file stays about the Bot API."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

try:  # tests/ is not a package today (pytest puts it on sys.path), but may become one
    from . import fake_telegram_api as api
    from . import fake_telegram_html as tg
except ImportError:
    import fake_telegram_api as api  # type: ignore[no-redef]
    import fake_telegram_html as tg  # type: ignore[no-redef]

T = TypeVar("T")
Params = dict[str, Any]
Message = dict[str, Any]
DEFAULT_USER_ID = 424_242_001


class Driver:
    """The test-facing half of FakeTelegram; the state it reads is the server's."""

    _cond: threading.Condition
    _loop: Any
    _chats: dict[int, dict[str, Any]]
    _messages: dict[int, dict[int, Message]]
    _updates: list[dict[str, Any]]
    _queries: dict[str, bool]
    _failures: dict[str, list[api.ApiError]]
    _outcomes: list[str | None]
    _next_update_id: int
    calls: list[tuple[str, Params]]
    bot_user: dict[str, Any]

    def _signal(self) -> None:
        raise NotImplementedError

    def _store(self, chat: dict[str, Any], fields: dict[str, Any]) -> Message:
        raise NotImplementedError

    def _original(self, chat_id: Any, message_id: Any) -> Message | None:
        raise NotImplementedError

    # ----- driving the bot from tests ------------------------------------------------------
    def add_chat(self, chat_id: int, chat_type: str = "private", **fields: Any) -> dict[str, Any]:
        """Make a chat known, as if it had talked to the bot before (else "chat not found")."""
        default = {"first_name": "Alice"} if chat_type == "private" else {"title": "Test chat"}
        with self._cond:
            chat = {"id": chat_id, "type": chat_type, **(fields or default)}
            return self._chats.setdefault(chat_id, chat)

    def make_update(
        self, text: str, *, chat_id: int | None = None, user_id: int = DEFAULT_USER_ID,
        chat_type: str = "private", reply_to_message_id: int | None = None,
        username: str | None = "alice", first_name: str = "Alice",
    ) -> dict[str, Any]:
        """Build (and store, so the bot can reply to it) a user's message without queueing it.

        Entities are detected like Telegram does: ``bot_command`` for ``/cmd`` or
        ``/cmd@bot``, ``mention`` for ``@name``. A reply embeds the full replied-to message.
        """
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name,
                                "language_code": "en"}
        if username:
            user["username"] = username
        if chat_id is None:
            chat_id = {"private": user_id, "group": -4_000_000_001}.get(chat_type, -1001234567890)
        with self._cond:
            named = {k: user[k] for k in ("first_name", "username") if k in user}
            chat = self.add_chat(chat_id, chat_type, **(named if chat_type == "private" else {}))
            fields: dict[str, Any] = {"from": user, "text": text}
            if entities := tg.detect_entities(text):
                fields["entities"] = entities
            if reply_to_message_id is not None:
                fields["reply_to_message"] = self._original(chat_id, reply_to_message_id)
                if fields["reply_to_message"] is None:
                    raise ValueError(f"no message {reply_to_message_id} in chat {chat_id}")
            update = {"update_id": self._next_update_id, "message": self._store(chat, fields)}
            self._next_update_id += 1
            return update

    def send_user_message(self, text: str, **kwargs: Any) -> int:
        """Queue a user's message for getUpdates (arguments as make_update); return its id."""
        return self.queue_update(self.make_update(text, **kwargs))["message"]["message_id"]

    def queue_update(self, update: dict[str, Any]) -> dict[str, Any]:
        with self._cond:
            self._updates.append(update)
            self._cond.notify_all()
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._signal)  # ends a waiting long poll early
        return update

    def send_callback_query(self, data: str, *, chat_id: int, message_id: int,
                            user_id: int = DEFAULT_USER_ID) -> str:
        """Queue an inline-button press on a stored message; return the query id."""
        with self._cond:
            message = self._original(chat_id, message_id)
            if message is None:
                raise ValueError(f"no message {message_id} in chat {chat_id}")
            query_id = f"{user_id}{self._next_update_id}"
            self._queries[query_id] = False
            user = {"id": user_id, "is_bot": False, "first_name": "Alice"}
            query = {"id": query_id, "from": user, "chat_instance": str(chat_id),
                     "data": data, "message": message}
            update = {"update_id": self._next_update_id, "callback_query": query}
            self._next_update_id += 1
        self.queue_update(update)
        return query_id

    @staticmethod
    def post_update_to(url: str, update: dict[str, Any], secret_token: str | None = None,
                       timeout: float = 30.0) -> int:
        """POST an update to a bot's local webhook as Telegram does; return the HTTP status."""
        if urlsplit(url).hostname not in ("127.0.0.1", "localhost"):
            raise ValueError(f"refusing to post outside this machine: {url}")
        headers = {"Content-Type": "application/json"}
        if secret_token is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret_token
        request = urllib.request.Request(url, json.dumps(update).encode(), headers, method="POST")
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no env proxies
        try:
            with opener.open(request, timeout=timeout) as response:
                return int(response.status)
        except urllib.error.HTTPError as err:
            return err.code

    def fail_next(self, method: str, status: int = 429, *, retry_after: int = 2, count: int = 1,
                  description: str | None = None) -> None:
        """Make the next ``count`` calls of ``method`` fail the way Telegram fails them."""
        error = api.injected_error(status, retry_after, description)
        with self._cond:
            self._failures.setdefault(method, []).extend([error] * count)

    # ----- inspection ----------------------------------------------------------------------
    def calls_of(self, method: str) -> list[Params]:
        with self._cond:
            return [params for name, params in self.calls if name == method]

    def mark(self) -> int:
        """An index for ``wait_for_call(since=...)``: only calls made after now will count."""
        with self._cond:
            return len(self.calls)

    @property
    def rejected(self) -> list[tuple[str, Params, str]]:
        """(method, params, error description) of every call the server refused."""
        with self._cond:
            return [(m, p, o) for (m, p), o in zip(self.calls, self._outcomes, strict=True) if o]

    def sent_messages(self, chat_id: int) -> list[Message]:
        """The bot's messages still in the chat, oldest first, as last edited."""
        with self._cond:
            history = sorted(self._messages.get(chat_id, {}).items())
            return [dict(m) for _, m in history if m["from"]["id"] == self.bot_user["id"]]

    def pending_updates(self) -> list[dict[str, Any]]:
        with self._cond:
            return list(self._updates)

    def wait_for(self, predicate: Callable[[], T], timeout: float = 60.0,
                 what: str = "condition") -> T:
        """Block until ``predicate()`` is truthy and return it; it runs under the server lock."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not (result := predicate()):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"timed out after {timeout}s waiting for {what}; "
                                         f"calls so far:\n{self.describe_calls()}")
                self._cond.wait(remaining)
            return result

    def wait_for_call(self, method: str, timeout: float = 60.0,
                      where: Callable[[Params], bool] | None = None, *, since: int = 0,
                      ok: bool | None = None) -> Params:
        """Params of the first ``method`` call at index >= ``since`` for which ``where`` holds.

        ``ok=True``/``False`` also waits for the answer and accepts only calls the server
        accepted/refused, so a refused HTML message and its plain-text retry can be told apart.
        """

        def find() -> tuple[Params] | None:
            pairs = zip(self.calls[since:], self._outcomes[since:], strict=True)
            for (name, params), outcome in pairs:
                if name != method or (where is not None and not where(params)):
                    continue
                if ok is None or (outcome is not None and (outcome == "") == ok):
                    return (params,)
            return None

        return self.wait_for(find, timeout, f"a {method} call")[0]

    def describe_calls(self, limit: int = 40) -> str:
        """The last calls, one line each, for assertion messages."""
        with self._cond:
            lines = []
            for (method, params), outcome in list(zip(self.calls, self._outcomes,
                                                      strict=True))[-limit:]:
                shown = json.dumps(params, ensure_ascii=False, default=str)[:300]
                status = "pending" if outcome is None else outcome or "ok"
                lines.append(f"  {method} {shown} -> {status}")
            return "\n".join(lines) or "  (none)"
