"""A small Bot API server so end-to-end tests can run the real bot process against it.

The bot under test talks HTTP to this server exactly as it would to api.telegram.org (PTB builds
``{base_url}{token}/{method}``), so everything between its handlers and the wire is exercised:
parameter encoding, HTML validation, error mapping, long polling. The server runs its own asyncio
loop in a thread so that plain synchronous pytest code can drive it and block on
``wait_for_call`` while the bot subprocess works. It only ever binds 127.0.0.1.

Telegram behaviour that bots get wrong in production is reproduced (the rules are in
fake_telegram_html.py and fake_telegram_api.py): HTML parse errors with tdlib's wording, the
4096 UTF-16 unit limit after entity parsing, replies to missing messages, "message is not
modified", 409 for a second poller or for polling with a webhook set, 401 for a wrong token,
and injected 429/400/403 answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

try:  # tests/ is not a package today (pytest puts it on sys.path), but may become one
    from . import fake_telegram_api as api
    from .fake_telegram_driver import DEFAULT_USER_ID, Driver, Message, Params
except ImportError:
    import fake_telegram_api as api  # type: ignore[no-redef]
    from fake_telegram_driver import (  # type: ignore[no-redef]
        DEFAULT_USER_ID,
        Driver,
        Message,
        Params,
    )

ApiError = api.ApiError
__all__ = ["DEFAULT_USER_ID", "ApiError", "FakeTelegram"]


class FakeTelegram(Driver):
    """The fake server; every public method is safe to call from the test thread."""

    def __init__(
        self,
        token: str = "123456789:AAF-fake_token_for_tests_0123456789",
        bot_username: str = "newsbot_test_bot",
        *,
        bot_first_name: str = "Newsbot Test",
        strict_ampersand: bool = True,
    ) -> None:
        self.token, self.strict_ampersand = token, strict_ampersand
        prefix = token.split(":", 1)[0]
        self.bot_user: dict[str, Any] = {
            "id": int(prefix) if prefix.isdigit() else 7_000_000_001, "is_bot": True,
            "first_name": bot_first_name, "username": bot_username, "can_join_groups": True,
            "can_read_all_group_messages": True, "supports_inline_queries": False,
        }
        self.calls: list[tuple[str, Params]] = []
        self.unknown_methods: list[str] = []
        self.unauthorized_calls: list[str] = []
        self.commands: dict[str, list[dict[str, str]]] = {}  # keyed by scope + language_code
        self.webhook: dict[str, Any] = {"url": ""}
        self._outcomes: list[str | None] = []  # per call: None pending, "" ok, else the error
        self._cond = threading.Condition(threading.RLock())
        self._updates: list[dict[str, Any]] = []
        self._allowed_updates: list[str] | None = None
        self._next_update_id = 100_000_001
        self._chats: dict[int, dict[str, Any]] = {}
        self._messages: dict[int, dict[int, Message]] = {}
        self._last_message_id: dict[int, int] = {}
        self._failures: dict[str, list[ApiError]] = {}
        self._queries: dict[str, bool] = {}  # callback query id -> answered
        self._poll_generation, self._stopping, self.port = 0, False, 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._wakeup = self._stop_event = asyncio.Event()  # replaced inside the server loop
        self._handlers: dict[str, Callable[[Params], Any]] = {
            "getMe": lambda p: self.bot_user, "getUpdates": self._get_updates,
            "deleteWebhook": self._delete_webhook, "setWebhook": self._set_webhook,
            "getWebhookInfo": lambda p: api.webhook_info(self.webhook, len(self._updates)),
            "setMyCommands": self._set_commands,
            "getMyCommands": lambda p: self.commands.get(self._commands_key(p), []),
            "deleteMyCommands": self._delete_commands,
            "sendMessage": self._send_message, "sendChatAction": self._send_chat_action,
            "editMessageText": self._edit_message_text, "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "getChat": lambda p: api.chat_full_info(self._chat(p)),
            "close": lambda p: True, "logOut": lambda p: True,
        }
        self._canonical = {name.lower(): name for name in self._handlers}  # names are caseless

    # ----- lifecycle -----------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        """What the bot's ``api_base_url`` should be; PTB appends ``{token}/{method}``."""
        return f"http://127.0.0.1:{self.port}/bot"

    def start(self) -> FakeTelegram:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))  # loopback only, and the port is known before serving
        self.port = sock.getsockname()[1]
        ready, failure = threading.Event(), []
        self._thread = threading.Thread(
            target=self._run, args=(sock, ready, failure), name="fake-telegram", daemon=True)
        self._thread.start()
        if not ready.wait(10) or failure:
            raise RuntimeError(f"fake Telegram server failed to start: {failure}")
        return self

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._begin_stop)
            self._thread.join(10)
        self._thread = None

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _run(self, sock: socket.socket, ready: threading.Event, failure: list[str]) -> None:
        loop = self._loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(self._serve(sock, ready))
        except Exception as exc:  # reported by start(), which is waiting on `ready`
            failure.append(repr(exc))
            ready.set()
        finally:
            loop.close()

    async def _serve(self, sock: socket.socket, ready: threading.Event) -> None:
        self._wakeup, self._stop_event = asyncio.Event(), asyncio.Event()
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await runner.setup()
        await web.SockSite(runner, sock).start()
        ready.set()
        await self._stop_event.wait()
        await runner.cleanup()

    def _begin_stop(self) -> None:
        self._stopping = True
        self._signal()
        self._stop_event.set()

    def _signal(self) -> None:
        """Wake every long poll (loop thread only); each one re-checks its own condition."""
        self._wakeup.set()
        self._wakeup = asyncio.Event()

    # ----- HTTP ----------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        raw_method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            with self._cond:
                self.unauthorized_calls.append(raw_method)
            return web.json_response(ApiError(401, "Unauthorized").payload(), status=401)
        method = self._canonical.get(raw_method.lower(), raw_method)
        raw: Params = dict(request.query)
        if request.content_type == "application/json":
            try:
                raw.update(await request.json())
            except (ValueError, TypeError):
                raw["<body>"] = await request.text()
        elif request.method == "POST":  # urlencoded, or multipart when PTB uploads files
            for key, value in (await request.post()).items():
                raw[key] = value if isinstance(value, str) else {"file": value.filename}
        error: ApiError | None = None
        try:
            params = {key: api.coerce(key, value) for key, value in raw.items()}
        except ApiError as err:
            params, error = raw, err
        with self._cond:
            index = len(self.calls)
            self.calls.append((method, params))
            self._outcomes.append(None)
            self._cond.notify_all()
        try:
            result = await self._call(method, params, error)
            status, body, outcome = 200, {"ok": True, "result": result}, ""
        except ApiError as err:
            status, body, outcome = err.status, err.payload(), err.description
        with self._cond:
            self._outcomes[index] = outcome
            self._cond.notify_all()
        return web.json_response(body, status=status)

    async def _call(self, method: str, params: Params, error: ApiError | None) -> Any:
        with self._cond:
            if error is None and self._failures.get(method):
                error = self._failures[method].pop(0)
            if error is None and method not in self._handlers:
                self.unknown_methods.append(method)
                return True
        if error is not None:
            raise error
        handler = self._handlers[method]
        try:
            if inspect.iscoroutinefunction(handler):
                return await handler(params)
            with self._cond:
                return handler(params)
        except ApiError:
            raise
        except Exception as exc:  # a fake-server bug or input it does not model: say so loudly
            raise ApiError(500, f"Internal Server Error: fake_telegram failed: {exc!r}") from exc

    # ----- Bot API methods -----------------------------------------------------------------
    async def _get_updates(self, p: Params) -> list[dict[str, Any]]:
        assert self._loop is not None
        with self._cond:
            if self.webhook["url"]:
                raise ApiError(409, api.CONFLICT_WEBHOOK)
            self._poll_generation += 1
            generation, offset = self._poll_generation, p.get("offset")
            if isinstance(offset, int) and offset > 0:  # confirms everything before it
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            elif isinstance(offset, int) and offset < 0:
                self._updates = self._updates[offset:]
            if "allowed_updates" in p:  # sticky, as on Telegram
                self._allowed_updates = p["allowed_updates"] or None
        self._signal()  # an older poll still waiting must now end with 409, as on Telegram
        limit = min(max(int(p.get("limit", 100)), 1), 100)
        deadline = self._loop.time() + max(float(p.get("timeout", 0)), 0.0)
        while True:
            with self._cond:
                if generation != self._poll_generation:
                    raise ApiError(409, api.CONFLICT_POLLER)
                allowed = self._allowed_updates
                ready = [u for u in self._updates if api.deliverable(u, allowed)][:limit]
            remaining = deadline - self._loop.time()
            if ready or remaining <= 0 or self._stopping:
                return ready
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wakeup.wait(), remaining)

    def _delete_webhook(self, p: Params) -> bool:
        self.webhook = {"url": ""}
        if p.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _set_webhook(self, p: Params) -> bool:
        if not p.get("url"):
            return self._delete_webhook(p)
        api.check_webhook(p)
        self._delete_webhook(p)
        keys = ("url", "secret_token", "allowed_updates", "max_connections")
        self.webhook = {key: p[key] for key in keys if key in p}
        return True

    @staticmethod
    def _commands_key(p: Params) -> str:
        return json.dumps([p.get("scope") or {"type": "default"}, p.get("language_code", "")],
                          sort_keys=True)

    def _set_commands(self, p: Params) -> bool:
        self.commands[self._commands_key(p)] = api.check_commands(p.get("commands"))
        return True

    def _delete_commands(self, p: Params) -> bool:
        self.commands.pop(self._commands_key(p), None)
        return True

    def _chat(self, p: Params) -> dict[str, Any]:
        return api.find_chat(self._chats, p.get("chat_id"))

    def _store(self, chat: dict[str, Any], fields: dict[str, Any]) -> Message:
        message_id = self._last_message_id.get(chat["id"], 0) + 1
        self._last_message_id[chat["id"]] = message_id
        message = {"message_id": message_id, "from": fields.pop("from"), "chat": chat,
                   "date": int(time.time()), **fields}
        self._messages.setdefault(chat["id"], {})[message_id] = message
        return message

    def _original(self, chat_id: Any, message_id: Any) -> Message | None:
        """A stored message as Telegram embeds it in a reply: without its own reply_to."""
        found = self._messages.get(chat_id, {}).get(message_id)
        return None if found is None else {k: v for k, v in found.items()
                                           if k != "reply_to_message"}

    def _send_message(self, p: Params) -> Message:
        chat = self._chat(p)
        text, entities = api.message_text(p, self.strict_ampersand)
        fields: dict[str, Any] = {"from": self.bot_user, "text": text}
        if entities:
            fields["entities"] = entities
        reply = p.get("reply_parameters")
        if reply is None and "reply_to_message_id" in p:  # the pre-7.0 spelling
            reply = {"message_id": p["reply_to_message_id"]}
        if reply:
            in_chat = api.coerce("chat_id", reply.get("chat_id", chat["id"]))
            target = self._original(in_chat, reply.get("message_id"))
            if target is not None:
                fields["reply_to_message"] = target
            elif not reply.get("allow_sending_without_reply",
                               p.get("allow_sending_without_reply")):
                raise ApiError(400, "Bad Request: message to be replied not found")
        if "inline_keyboard" in (p.get("reply_markup") or {}):
            fields["reply_markup"] = p["reply_markup"]
        return self._store(chat, fields)

    def _send_chat_action(self, p: Params) -> bool:
        self._chat(p)
        if p.get("action") not in api.CHAT_ACTIONS:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    def _find_message(self, p: Params, action: str) -> Message:
        chat = self._chat(p)
        if p.get("message_id") is None:
            raise ApiError(400, "Bad Request: message identifier is not specified")
        message = self._messages.get(chat["id"], {}).get(p["message_id"])
        if message is None:
            raise ApiError(400, f"Bad Request: message to {action} not found")
        return message

    def _edit_message_text(self, p: Params) -> Message | bool:
        if "inline_message_id" in p:
            return True
        message = self._find_message(p, "edit")
        return api.edit_text(message, self.bot_user["id"], p, self.strict_ampersand)

    def _delete_message(self, p: Params) -> bool:
        message = self._find_message(p, "delete")
        del self._messages[message["chat"]["id"]][message["message_id"]]
        return True

    def _answer_callback_query(self, p: Params) -> bool:
        if self._queries.get(str(p.get("callback_query_id")), True):
            raise ApiError(400, "Bad Request: query is too old and response timeout expired or "
                           "query ID is invalid")
        self._queries[str(p["callback_query_id"])] = True
        return True
