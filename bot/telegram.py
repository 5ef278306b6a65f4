"""`newsbot telegram`: the Telegram front end, one more thin layer over the answer engine.

The engine (model + index) loads once in `post_init`, before the first update is fetched.
Answers are CPU work and run in worker threads, and updates are processed concurrently, so a
slow question never stalls other chats. Long polling by default; webhook mode when
`[telegram] webhook_url` is set. User mistakes end as one `newsbot: error: ...` line.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import secrets
import sys
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

from telegram import Bot, BotCommand, LinkPreviewOptions, Message, ReplyParameters, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.answer import Answer, AnswerEngine
from bot.config import Config
from bot.redact import RedactSecrets, configure_logging, one_line
from bot.telegram_access import Access, RateLimiter
from bot.telegram_message import command_argument, question_for_bot, shorten
from bot.telegram_render import render_answer, render_help, render_sources, render_status
from bot.telegram_webhook import run_webhook
from index.article import counted
from index.embed import EmbedError
from index.store import IndexError_, IndexLocked

log = logging.getLogger("newsbot.telegram")
Context = ContextTypes.DEFAULT_TYPE

COMMANDS = [
    BotCommand("ask", "ask a question about the articles"),
    BotCommand("sources", "the sources of the last answer, with quotes"),
    BotCommand("status", "what the index holds"),
    BotCommand("help", "what I know and how to ask"),
    BotCommand("start", "what I know and how to ask"),
    BotCommand("reindex", "update the index (admins only)"),
]
REFUSAL = "Sorry, this bot is private."
FAILED = "Sorry, something went wrong while answering. Please try again."
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
ONLY_NEW = filters.UpdateType.MESSAGE  # edits of old messages are not new questions


class NewsBot:
    """The handlers, with the state they share: engine, access rules, the running /reindex."""

    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.tcfg = cfg.telegram
        self.access = Access(cfg.telegram)
        self.limiter = RateLimiter(cfg.telegram.rate_limit_per_minute)
        self.engine: AnswerEngine | None = None
        self.reindexing: asyncio.Task[None] | None = None

    def handlers(self) -> list:
        return [
            CommandHandler(["start", "help"], self.help, ONLY_NEW),
            CommandHandler("ask", self.ask, ONLY_NEW),
            CommandHandler("sources", self.sources, ONLY_NEW),
            CommandHandler("status", self.status, ONLY_NEW),
            CommandHandler("reindex", self.reindex, ONLY_NEW),
            MessageHandler(filters.TEXT & ~filters.COMMAND & ONLY_NEW, self.text),
            MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE & ONLY_NEW, self.unknown),
        ]

    async def post_init(self, app: Application) -> None:
        """Register the commands and load the model and index once, before polling starts."""
        await app.bot.set_my_commands(COMMANDS)
        self.engine = await asyncio.to_thread(AnswerEngine.open, self.cfg)
        stats = self.engine.stats()
        log.info("answering from %s as @%s", counted(stats["articles"], "article"),
                 app.bot.username)

    # -- commands --------------------------------------------------------------------------

    async def help(self, update: Update, context: Context) -> None:
        """/start and /help: what the bot knows and how to ask it."""
        if not (message := await self._admitted(update)):
            return
        await self._reply(message, [render_help(self._engine().stats(), context.bot.username)])

    async def ask(self, update: Update, context: Context) -> None:
        if not (message := await self._admitted(update)):
            return
        question = command_argument(message.text or "")
        if not question:
            await self._reply(message, ["Ask like this: /ask did Mexico accept US troops?"])
            return
        await self._answer(message, context, question)

    async def text(self, update: Update, context: Context) -> None:
        """Any text in a private chat; in groups only when addressed, else stay silent."""
        message = update.effective_message
        if message is None:
            return
        question = question_for_bot(message, context.bot.id, context.bot.username)
        if question is None or not await self._admitted(update):
            return
        if not question:
            await self._reply(message, ["Ask me something, e.g. did Mexico accept US troops?"])
            return
        await self._answer(message, context, question)

    async def unknown(self, update: Update, context: Context) -> None:
        if message := await self._admitted(update):
            await self._reply(message, ["I don't know that command; /help lists mine."])

    async def sources(self, update: Update, context: Context) -> None:
        if message := await self._admitted(update):
            chat_data = context.chat_data if context.chat_data is not None else {}
            await self._reply(message, render_sources(chat_data.get("last_answer")))

    async def status(self, update: Update, context: Context) -> None:
        if not (message := await self._admitted(update)):
            return
        stats = self._engine().stats()
        await self._reply(message, [render_status(stats, self.reindexing is not None)])

    async def reindex(self, update: Update, context: Context) -> None:
        """Admins only. The update runs in a thread; the bot keeps answering from the old index
        and switches to the new one when it is done, without a restart."""
        if not (message := await self._admitted(update)):
            return
        user = update.effective_user
        if not self.access.is_admin(user.id if user else None):
            await self._reply(message, ["Only the bot's admins can run /reindex."])
            return
        if self.reindexing is not None:
            await self._reply(message, ["An index update is already running."])
            return
        await self._reply(message, ["Updating the index; I'll report here when it's done."])
        # Not `application.create_task`: a stop must not wait for a long update to finish.
        self.reindexing = asyncio.create_task(self._run_reindex(message))

    async def _run_reindex(self, message: Message) -> None:
        from bot.cli import build_options
        from index.build import run_build

        try:
            stats = await asyncio.to_thread(
                run_build, build_options(self.cfg, quiet=True), False, log.warning
            )
            await asyncio.to_thread(self._engine().reload)
            if stats.up_to_date:
                text = f"The index is already up to date ({counted(stats.articles, 'article')})."
            else:
                text = (
                    f"Index updated: {stats.added} new, {stats.changed} changed, "
                    f"{stats.removed} removed articles (now {counted(stats.articles, 'article')})."
                )
            if stats.fetched:
                text = f"{stats.fetched.summary().capitalize()}. {text}"
        except IndexLocked:
            text = "Another index update is running; try again when it ends."
        except IndexError_ as exc:
            text = f"The index update failed: {exc}"
        except Exception:
            log.exception("the index update failed")
            text = "The index update failed; the details are in the bot's log."
        finally:
            self.reindexing = None
        log.info("reindex: %s", text)
        with contextlib.suppress(TelegramError):
            await self._reply(message, [text])

    # -- answering -------------------------------------------------------------------------

    async def _answer(self, message: Message, context: Context, question: str) -> None:
        """Rate limit, shorten, answer in a worker thread while "typing", reply in HTML."""
        user_id = message.from_user.id if message.from_user else message.chat.id
        wait = self.limiter.wait_time(user_id)
        if wait > 0:
            await self._reply(
                message,
                [
                    f"You're asking faster than I can read — please wait "
                    f"{max(1, round(wait))} s and ask again."
                ],
            )
            return
        limit = self.tcfg.max_question_chars
        question, cut = shorten(question, limit)
        note = (
            f"Your message was long, so I answered from its first {limit} characters."
            if cut
            else None
        )
        chat_data = context.chat_data if context.chat_data is not None else {}
        previous = chat_data.get("previous_question")
        async with typing(context.bot, message.chat.id):
            answer: Answer = await asyncio.to_thread(self._engine().ask, question, context=previous)
        chat_data["previous_question"] = answer.resolved
        chat_data["last_answer"] = answer
        await self._reply(message, render_answer(answer, note))

    async def _reply(self, message: Message, parts: list[str]) -> None:
        """Send HTML parts; the first one as a reply to the message that asked."""
        reply_to = ReplyParameters(message.message_id, allow_sending_without_reply=True)
        for i, part in enumerate(parts):
            await message.reply_html(
                part,
                do_quote=False,
                link_preview_options=NO_PREVIEW,
                reply_parameters=reply_to if i == 0 else None,
            )

    async def _admitted(self, update: Update) -> Message | None:
        """The message when its sender may use the bot; else one short refusal and None."""
        message, user = update.effective_message, update.effective_user
        if message is None:
            return None
        if self.access.allowed(user.id if user else None, message.chat.id):
            return message
        log.info("refused user %s in chat %s", user.id if user else "?", message.chat.id)
        await self._reply(message, [REFUSAL])
        return None

    def _engine(self) -> AnswerEngine:
        assert self.engine is not None, "post_init loads the engine before any update"
        return self.engine

    async def on_error(self, update: object, context: Context) -> None:
        """Log the failure (a line for Telegram API errors, a traceback for bugs) and tell the
        user, so a question never goes silently unanswered; the next one works as usual."""
        err = context.error
        if isinstance(err, TelegramError):
            log.warning("Telegram API error while handling an update: %s", err)
        else:
            log.error("error while handling an update", exc_info=err)
        if isinstance(update, Update) and (message := update.effective_message):
            with contextlib.suppress(TelegramError):
                await message.reply_text(FAILED, do_quote=False)


@contextlib.asynccontextmanager
async def typing(bot: Bot, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" while the block runs (Telegram shows it for 5 s, so it is renewed)."""

    async def renew() -> None:
        while True:
            await asyncio.sleep(4.5)
            with contextlib.suppress(TelegramError):
                await bot.send_chat_action(chat_id, ChatAction.TYPING)

    with contextlib.suppress(TelegramError):
        await bot.send_chat_action(chat_id, ChatAction.TYPING)
    task = asyncio.create_task(renew())
    try:
        yield
    finally:
        task.cancel()


def build_application(cfg: Config, newsbot: NewsBot) -> Application:
    builder = (
        ApplicationBuilder()
        .token(cfg.telegram.token)
        .rate_limiter(AIORateLimiter(max_retries=3))  # a 429 is waited out and retried
        .concurrent_updates(16)
        .post_init(newsbot.post_init)
    )
    if cfg.telegram.api_base_url:
        builder = builder.base_url(cfg.telegram.api_base_url)
    app = builder.build()
    app.add_handlers(newsbot.handlers())
    app.add_error_handler(newsbot.on_error)
    return app


async def check_token(cfg: Config) -> str:
    """getMe once before starting, so a bad token or an unreachable server is one clean error
    line instead of PTB's logged traceback; returns the bot's username."""
    kwargs = {"base_url": cfg.telegram.api_base_url} if cfg.telegram.api_base_url else {}
    try:
        async with Bot(cfg.telegram.token, **kwargs) as bot:
            return bot.username
    except (KeyError, TypeError, AttributeError) as exc:
        # JSON, but not the Bot API's ({"ok": false} without a description, a result that is
        # no user): PTB fails on it with a KeyError or TypeError of its own
        raise TelegramError("Invalid server response") from exc


_TOKEN = re.compile(r"\d+:[A-Za-z0-9_-]+")
# What PTB says when an HTTP server answered with something that is not the Bot API's JSON
# (the parse error is the exception's cause when the status told PTB nothing else).
_NOT_THE_API = re.compile(
    r"invalid JSON|Invalid server response|Parsing the server response|Bad Gateway|"
    r"Not Implemented",
    re.IGNORECASE,
)


def _not_the_api(exc: BaseException) -> bool:
    causes = [exc, exc.__cause__, exc.__context__]
    return any(c is not None and _NOT_THE_API.search(str(c)) for c in causes)


def _error(message: str, redactor: RedactSecrets) -> None:
    print(f"newsbot: error: {redactor.redact(message)}", file=sys.stderr)


def run(cfg: Config) -> int:
    """Run the bot until SIGINT/SIGTERM (exit 0); user mistakes are one line and non-zero."""
    t = cfg.telegram
    redactor = RedactSecrets([t.token, t.token.partition(":")[2], t.secret_token])
    if not t.token.strip():
        _error("no Telegram bot token: set NEWSBOT_TELEGRAM_TOKEN or [telegram] token", redactor)
        return 2
    if not _TOKEN.fullmatch(t.token):
        # A newline or a space pasted with it would otherwise surface as "cannot reach the
        # server" (an invalid URL), sending the user to check the network.
        _error(
            "the Telegram bot token is malformed: BotFather's tokens are digits, a colon, then "
            "letters, digits, _ and - (no spaces or line breaks)",
            redactor,
        )
        return 2
    if t.secret_token and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", t.secret_token):
        _error("[telegram] secret_token may only use A-Z, a-z, 0-9, _ and -", redactor)
        return 2
    configure_logging(redactor)
    where = t.api_base_url or "api.telegram.org"
    try:
        log.info("starting as @%s", asyncio.run(check_token(cfg)))
        newsbot = NewsBot(cfg)
        app = build_application(cfg, newsbot)
        if t.webhook_url:
            secret = t.secret_token or secrets.token_urlsafe(32)  # Telegram echoes it back
            redactor.secrets.append(secret)
            run_webhook(  # bot/telegram_webhook.py: PTB's own answers 500 to a non-JSON body
                app,
                listen=t.listen,
                port=t.port,
                webhook_url=t.webhook_url,
                url_path=urlsplit(t.webhook_url).path.lstrip("/"),
                secret_token=secret,
                allowed_updates=[Update.MESSAGE],
            )
        else:
            app.run_polling(allowed_updates=[Update.MESSAGE])
    except TelegramError as exc:
        reason = one_line(redactor.redact(str(exc)))  # redacted before it is cut
        if _not_the_api(exc):  # a server did answer, with a web page or an error page
            _error(f"the server at {where} does not answer as the Telegram Bot API (check "
                   f"[telegram] api_base_url): {reason}", redactor)
        elif isinstance(exc, InvalidToken):
            _error("Telegram rejected the bot token (check NEWSBOT_TELEGRAM_TOKEN or "
                   "[telegram] token)", redactor)
        elif isinstance(exc, NetworkError) and not isinstance(exc, BadRequest):
            # (PTB's BadRequest, an HTTP 400 from a server that answered, is a NetworkError)
            _error(f"cannot reach the Telegram Bot API at {where}: {reason}", redactor)
        else:
            _error(f"the Telegram Bot API at {where} answered: {reason}", redactor)
        return 1
    except (IndexError_, EmbedError, OSError) as exc:  # no index; webhook port taken; ...
        _error(str(exc), redactor)
        return 1
    except Exception:  # noqa: BLE001 - a bug: logged through the redacting handler, not raw
        log.exception("the bot stopped on an unexpected error")
        return 1
    if newsbot.reindexing is not None:
        # The build thread can't be interrupted, and waiting could take minutes. Ending the
        # process is what the index is built to survive (a killed build leaves the current
        # generation untouched and its lock is released by the kernel).
        log.warning("stopped during /reindex: the unfinished update is dropped")
        logging.shutdown()
        os._exit(0)
    log.info("stopped")
    return 0
