"""Webhook mode on a small tornado server of our own instead of PTB's `run_webhook`.

Why: PTB's webhook handler (telegram/ext/_utils/webhookhandler.py, 22.x) runs
`json.loads(body.decode())` outside its try block, so a POST whose body is not JSON (or not
UTF-8) ends as tornado's HTTP 500; JSON that is no update object (an array, a number, null)
is a 400, but logged at CRITICAL with the body. PTB has no public way to swap that handler
(its Updater builds it in a private method), and its documented route for a custom webhook
is a server of one's own that puts updates on `Application.update_queue` (PTB's
customwebhookbot example). This module is that server, with PTB's checks and these changes:

* the secret token is checked first, in constant time: 403, and nothing is read or logged;
* a body that is not a JSON object with an integer `update_id` is a 400 and one warning line,
  with no traceback and nothing from the body (or from the request's headers);
* a body over `MAX_BODY` bytes is refused by tornado itself with a 400, before it is read;
* a Content-Type other than application/json is a 415 (PTB: 403).

`run_webhook` mirrors `Application.run_webhook`: the same order of calls, the same stop
signals, and pending tasks are not cancelled on stop (a running /reindex is left to the
caller, as with PTB).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import re
import signal
from http import HTTPStatus
from typing import Any

import tornado.web
from telegram import Update
from telegram.ext import Application, ExtBot
from tornado.httpserver import HTTPServer

log = logging.getLogger("newsbot.telegram.webhook")

MAX_BODY = 1 << 20  # bytes; Telegram's updates are a few KB, long messages with replies < 100 KB
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGABRT)  # as PTB's run_webhook
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_KINDS = {list: "an array", str: "a string", int: "a number", float: "a number",
          bool: "a boolean", type(None): "null"}


class UpdateHandler(tornado.web.RequestHandler):
    """POSTs from Telegram: check them, queue the update, answer 200; what is no update: 4xx."""

    SUPPORTED_METHODS = ("POST",)  # type: ignore[assignment]

    def initialize(self, app: Application, secret_token: str) -> None:
        self.app = app
        self.secret = secret_token.encode()

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "").encode("latin-1", "replace")
        if not hmac.compare_digest(given, self.secret):
            self._refuse(HTTPStatus.FORBIDDEN)
            return
        media_type = self.request.headers.get("Content-Type", "").split(";")[0].strip()
        if media_type.lower() != "application/json":
            self._refuse(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "its Content-Type is not JSON")
            return
        update, problem = self._update()
        if update is None:
            self._refuse(HTTPStatus.BAD_REQUEST, f"its body {problem}")
            return
        if isinstance(self.app.bot, ExtBot):  # arbitrary callback data, as PTB's handler does
            self.app.bot.insert_callback_data(update)
        await self.app.update_queue.put(update)
        self.finish()

    def _update(self) -> tuple[Update | None, str]:
        """The body as an Update, or None and what is wrong with it (no part of the body)."""
        try:
            data = json.loads(self.request.body.decode("utf-8"))
        except UnicodeDecodeError:
            return None, "is not UTF-8"
        except ValueError:  # json.JSONDecodeError
            return None, "is not JSON"
        except RecursionError:
            return None, "is JSON nested too deeply"
        if not isinstance(data, dict):
            return None, f"is JSON but {_KINDS.get(type(data), 'no object')}, not an object"
        update_id = data.get("update_id")
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            return None, "is a JSON object without an integer update_id"
        try:
            return Update.de_json(data, self.app.bot), ""
        except Exception as exc:  # noqa: BLE001 - any shape PTB can't read is the sender's fault
            return None, f"is not an update PTB can read ({type(exc).__name__})"

    def _refuse(self, status: HTTPStatus, problem: str = "") -> None:
        if problem:  # not for 403: whoever lacks the secret gets no line in the log
            log.warning("webhook: refused a POST from %s with %d %s: %s (%d bytes)",
                        self.request.remote_ip, status.value, status.phrase, problem,
                        len(self.request.body))
        self.set_status(status)
        self.finish()


class WebhookApp(tornado.web.Application):
    """One route, the webhook's path, and no access log (it would log every update)."""

    def __init__(self, url_path: str, app: Application, secret_token: str) -> None:
        route = re.escape("/" + url_path.strip("/")).rstrip("/") + "/?"
        kwargs = {"app": app, "secret_token": secret_token}
        super().__init__([(route, UpdateHandler, kwargs)])

    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        pass


async def serve(app: Application, *, listen: str, port: int, url_path: str, webhook_url: str,
                secret_token: str, allowed_updates: list[str]) -> None:
    """Initialize, load (post_init), listen, setWebhook, start; then serve until cancelled, and
    stop and shut down. The port is bound before the model loads, so a taken port fails fast
    (an OSError) and before Telegram is told to send anything."""
    server = HTTPServer(WebhookApp(url_path, app, secret_token), max_body_size=MAX_BODY)
    try:
        server.listen(port, address=listen)
        await app.initialize()
        if app.post_init:
            await app.post_init(app)
        await app.bot.set_webhook(webhook_url, allowed_updates=allowed_updates,
                                  secret_token=secret_token, max_connections=40)
        await app.start()
        await asyncio.Event().wait()  # a stop signal cancels this
    finally:
        server.stop()
        await server.close_all_connections()
        if app.running:
            await app.stop()  # handles the updates already queued
        await app.shutdown()


def run_webhook(app: Application, **options: Any) -> None:
    """Run `serve(app, **options)` until SIGINT, SIGTERM or SIGABRT, like PTB's run_webhook:
    on its own event loop, closed at the end without cancelling the tasks still pending."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        main = loop.create_task(serve(app, **options))
        stopping: list[bool] = []

        def stop() -> None:  # once: a second Ctrl-C must not cut the shutdown short
            if not stopping:
                stopping.append(True)
                main.cancel()

        for sig in STOP_SIGNALS:
            loop.add_signal_handler(sig, stop)
        with contextlib.suppress(asyncio.CancelledError):
            loop.run_until_complete(main)
    finally:
        for sig in STOP_SIGNALS:
            loop.remove_signal_handler(sig)
        loop.close()
        asyncio.set_event_loop(None)
