"""Stopping a build on SIGINT or SIGTERM: one path for Ctrl-C and for `kill`, service managers
and CI timeouts, which all send SIGTERM.

The handler raises `Stopped`, so the build unwinds as it does for any failure: the embedding
loop commits what it has already computed to the cache (index/embed.py) and the unfinished
`gen-N.tmp` folder is removed (index/build._publish_new), where exiting from the handler left
both behind. Library code that swallows the exception (one inside the model's imports once
did, and the build ran on) cannot keep a stopped build going: the embedding loop and the
step before publishing call `check()`, which raises it again. A second signal stops at once,
for a clean-up that hangs; the next update prunes what that leaves.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType

SIGNALS = (signal.SIGINT, signal.SIGTERM)

_asked: int | None = None  # the signal that asked the running build to stop
_holding = False  # inside `held()`: a first signal is noted, raised when the section ends


class Stopped(BaseException):
    """A signal asked the build to stop. A BaseException, as KeyboardInterrupt is: an `except
    Exception` must not take it for a failure of its own and carry on."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return exit_status(self.signum)


def exit_status(signum: int) -> int:
    """The shell's convention for a process ended by a signal: 130 for SIGINT, 143 for
    SIGTERM."""
    return 128 + signum


def check() -> None:
    """Raise `Stopped` again when a signal asked to stop and its exception went missing."""
    if _asked is not None and not _holding:
        raise Stopped(_asked)


@contextmanager
def held() -> Iterator[None]:
    """A section a signal must not cut in two (publishing a finished generation: renaming
    it and pointing `current` at it). A stop asked for inside it is not raised when it ends:
    the new generation is live by then, and raising would report a finished build as a
    stopped one; the caller finds it in `StopOnSignals.signum` once the build returns."""
    global _holding
    _holding = True
    try:
        yield
    finally:
        _holding = False


class StopOnSignals:
    """While active, SIGINT and SIGTERM raise `Stopped`; `signum` says which came (None if
    none did) after the block, whatever exception its signal turned into. The handlers in
    place before are restored on the way out."""

    def __init__(self, hard_stop: Callable[[int], None] | None = None) -> None:
        """`hard_stop(signum)` runs before a second signal ends the process at once (to say
        so: nothing after it runs)."""
        self.signum: int | None = None
        self._hard_stop = hard_stop
        self._previous: dict[int, object] = {}

    def __enter__(self) -> StopOnSignals:
        global _asked
        _asked = None
        self._previous = {s: signal.signal(s, self._handle) for s in SIGNALS}
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        global _asked
        for s, handler in self._previous.items():
            signal.signal(s, handler)  # type: ignore[arg-type]
        _asked = None

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        global _asked
        if self.signum is not None:
            if self._hard_stop is not None:
                self._hard_stop(signum)
            os._exit(exit_status(signum))
        self.signum = _asked = signum
        if not _holding and not _in_finalizer(frame):
            raise Stopped(signum)


def _in_finalizer(frame: FrameType | None) -> bool:
    """Whether the signal came while an object was being finalised: an exception raised
    there is printed ("Exception ignored in: <function Group.__del__ …>", a traceback under
    the one line a stop should print) and swallowed; `check()` raises it at the next step."""
    while frame is not None:
        if frame.f_code.co_name == "__del__":
            return True
        frame = frame.f_back
    return False
