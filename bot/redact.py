"""Keeping secrets out of every log line: the bot token sits in every Bot API URL, and httpx
and tracebacks would print it."""

from __future__ import annotations

import logging
import os
import re
import sys
from urllib.parse import unquote

# BotFather's token shape: the bot's id, a colon, then the secret.
# (its colon percent-encoded too: "/bot123%3AAAF…/sendMessage" in a URL a server echoes)
_ANY_TOKEN = re.compile(r"(?<!\d)\d{6,}(?::|%3a)[a-z0-9_-]{20,}", re.I)


def one_line(text: str, limit: int = 200) -> str:
    """A library's message on one line and at most `limit` characters (PTB quotes a whole
    HTML page it got back). Redact before calling: a secret cut in half no longer matches."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class RedactSecrets(logging.Filter):
    """Replace the token (and the webhook secret) in every record, tracebacks included, in
    case any library logs a request URL."""

    def __init__(self, secret_values: list[str]) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secret_values if len(s) >= 6}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        # In any case and however percent-encoded: a server's error message may echo the
        # request URL lower-cased ("bad url /bot123%3aaafake…/sendmessage") or every byte
        # encoded ("%2f%62%6f%74%37…"). Only a line that holds a secret so is logged decoded
        # (a "%0a" of any other line stays as written: no forged line breaks).
        decoded = text
        for _ in range(3):
            decoded, before = unquote(decoded), decoded
            if decoded == before:
                break
        if decoded != text and self._holds_secret(decoded):
            text = decoded
        for s in self.secrets:
            text = re.sub(re.escape(s).replace(":", "(?::|%3a)"), "[token]", text, flags=re.I)
        # any other bot token too (a second bot's, one from a config being replaced): what is
        # cut after redaction can only ever show "[token]"
        return _ANY_TOKEN.sub("[token]", text)

    def _holds_secret(self, text: str) -> bool:
        lower = text.lower()
        return any(s.lower() in lower for s in self.secrets) or bool(_ANY_TOKEN.search(text))

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = self.redact(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class OneLineLibraryErrors(logging.Filter):
    """A library's failure ("Can not load invalid JSON data", a timeout while polling) is one
    line with its reason, not a traceback every few seconds while the server misbehaves.
    newsbot's own records keep theirs: those are bugs. Every text is redacted before it is
    cut (a token cut in half would no longer match the redactor)."""

    def __init__(self, redactor: RedactSecrets) -> None:
        super().__init__()
        self.redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("newsbot"):
            return True
        message = self.redactor.redact(record.getMessage())
        if "\n" in message or len(message) > 300:
            message = one_line(message, 300)
        record.msg, record.args = message, None
        if record.exc_info:
            error = record.exc_info[1]
            if error is not None:
                reason = one_line(self.redactor.redact(str(error)))
                record.msg = f"{message} ({type(error).__name__}: {reason})"
            record.exc_info, record.exc_text = None, None
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
        handler.addFilter(OneLineLibraryErrors(redactor))  # redacts what it cuts
        handler.addFilter(redactor)
    # faiss probes CPU features at INFO; sentence-transformers draws progress bars whenever its
    # logger is at INFO (and the model loader draws one unless HF progress bars are off).
    for name in ("httpx", "httpcore", "faiss", "sentence_transformers"):
        logging.getLogger(name).setLevel(logging.WARNING)
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
