"""`newsbot telegram` as a subprocess for the bot's end-to-end tests."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path


def newsbot_command() -> str:
    script = Path(sys.executable).parent / "newsbot"
    return str(script) if script.exists() else (shutil.which("newsbot") or "newsbot")


class NewsbotProcess:
    """`newsbot telegram --config ...` as a subprocess; stdout and stderr both go to one file,
    so a chatty bot can never block on a full pipe and the test can read everything it said."""

    def __init__(self, config: Path, token: str | None, log: Path) -> None:
        env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
        env.pop("NEWSBOT_TELEGRAM_TOKEN", None)
        env.pop("NEWSBOT_CONFIG", None)
        if token is not None:
            env["NEWSBOT_TELEGRAM_TOKEN"] = token
        self.log = log
        with open(log, "wb") as out:
            self.proc = subprocess.Popen([newsbot_command(), "telegram", "--config", str(config)],
                                         env=env, stdout=out, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, cwd=config.parent)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait(self, timeout: float = 60) -> int:
        return self.proc.wait(timeout)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10) -> tuple[int, float]:
        """Send `sig`; the exit code and how long the bot took to exit."""
        start = time.monotonic()
        self.proc.send_signal(sig)
        code = self.proc.wait(timeout)
        return code, time.monotonic() - start

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
