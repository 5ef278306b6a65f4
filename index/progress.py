"""Embedding progress: tqdm's bar on a terminal, plain lines everywhere else.

tqdm draws nothing when stderr is not a terminal (under nohup, in CI, piped to a log), so a
long build there said nothing until it ended. A log gets a line at most every `every`
seconds instead, with no carriage return or escape code to garble it, and a last one.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Protocol

PROGRESS_EVERY = 10.0  # seconds between two lines in a log


class Progress(Protocol):
    def update(self, n: int) -> None: ...

    def close(self) -> None: ...


class PlainProgress:
    """'embedding: 1,024 of 5,713 chunks (17%)': the first update at once, then at most one
    line every `every` seconds, and on close the count reached if no line said it yet."""

    def __init__(
        self,
        total: int,
        every: float = PROGRESS_EVERY,
        desc: str = "embedding",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total, self.every, self.desc, self.clock = total, every, desc, clock
        self.done = 0
        self._said: int | None = None  # the count the last line showed
        self._when = 0.0

    def update(self, n: int) -> None:
        self.done += n
        now = self.clock()
        if self._said is None or now - self._when >= self.every:
            self._say(now)

    def close(self) -> None:
        if self._said != self.done:
            self._say(self.clock())

    def _say(self, now: float) -> None:
        share = self.done * 100 // self.total if self.total else 100
        # sys.stderr looked up now, not at import: whoever redirected it meanwhile gets it
        print(f"{self.desc}: {self.done:,} of {self.total:,} chunks ({share}%)",
              file=sys.stderr, flush=True)
        self._said, self._when = self.done, now


def progress_for(total: int, every: float = PROGRESS_EVERY) -> Progress:
    """The bar on a terminal, the plain lines otherwise."""
    if not sys.stderr.isatty():
        return PlainProgress(total, every)
    from tqdm import tqdm

    return tqdm(total=total, desc="embedding", unit="chunk", leave=False, file=sys.stderr)
