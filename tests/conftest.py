"""Shared pytest fixtures. Add new fixtures above the Telegram block at the bottom."""

from __future__ import annotations

# =============================================================================================
# Telegram bot fixtures (used by tests/test_telegram_*.py). Keep this block at the bottom.
# A small real index is built once per session (real model, no mocks) and `newsbot telegram`
# runs as a real subprocess against tests/fake_telegram.py.
# =============================================================================================
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

TELEGRAM_REPO = Path(__file__).resolve().parent.parent
TELEGRAM_ARTICLES = [
    TELEGRAM_REPO / "seeds" / "000_effe3a61713578e3.txt",  # Trump's troops offer, Sheinbaum
    *(TELEGRAM_REPO / "tests" / "data" / "wikinews" / "articles" / name for name in (
        "000_a0cce246f05f8671.txt", "003_483430b9db2f5288.txt",
        "005_66658037802c4bf3.md",  # has a source URL, so its citation is a link
        "007_900d1d49fee44774.md")),
]


def _newsbot_command() -> str:
    script = Path(sys.executable).parent / "newsbot"
    return str(script) if script.exists() else (shutil.which("newsbot") or "newsbot")


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)  # strings, ints and lists of them are valid TOML this way


@dataclass
class TelegramIndex:
    """A corpus folder and its built index; `config` writes a config.toml pointing at both."""

    root: Path
    corpus: Path
    index_dir: Path

    def config(self, path: Path, **telegram: object) -> Path:
        lines = ["[corpus]", f"paths = {_toml_value([str(self.corpus)])}", "[index]",
                 f"dir = {_toml_value(str(self.index_dir))}", "[telegram]"]
        lines += [f"{key} = {_toml_value(value)}" for key, value in telegram.items()]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path


@pytest.fixture(scope="session")
def telegram_index(tmp_path_factory: pytest.TempPathFactory) -> TelegramIndex:
    """Five articles embedded with the real model, once per session (~20 s)."""
    root = tmp_path_factory.mktemp("telegram")
    corpus = root / "corpus"
    corpus.mkdir()
    for article in TELEGRAM_ARTICLES:
        shutil.copyfile(article, corpus / article.name)  # copyfile: the originals are read-only
    index = TelegramIndex(root, corpus, root / "index")
    config = index.config(root / "build.toml")
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    done = subprocess.run([_newsbot_command(), "index", "build", "--quiet", "--config",
                           str(config)], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return index


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
            self.proc = subprocess.Popen([_newsbot_command(), "telegram", "--config", str(config)],
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


@pytest.fixture(scope="session")
def start_newsbot(tmp_path_factory: pytest.TempPathFactory
                  ) -> Iterator[Callable[..., NewsbotProcess]]:
    """A starter for bot subprocesses: `start_newsbot(config, token)`; all killed at the end."""
    started: list[NewsbotProcess] = []

    def start(config: Path, token: str | None) -> NewsbotProcess:
        log = tmp_path_factory.mktemp("newsbot-log") / "output.txt"
        started.append(NewsbotProcess(config, token, log))
        return started[-1]

    yield start
    for process in started:
        process.kill()
