"""`newsbot index build` and `index update` as a command: the build, its summary, and what
Ctrl-C or SIGTERM in the middle of it prints and returns (index/interrupt.py)."""

from __future__ import annotations

import math
import signal
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from bot.config import Config
    from index.build import BuildOptions


def run_index_build(
    cfg: Config, opts: BuildOptions, full: bool, summary: TextIO | None = None
) -> int:
    """Build (full) or update; the exit status. A build stopped by SIGINT or SIGTERM takes
    the path of any failed build (its unfinished generation removed, the vectors already
    computed kept in the embedding cache, the previous generation current), says so in one
    line and returns 128 + the signal: 130 for Ctrl-C, 143 for SIGTERM. The signal handlers
    are newsbot's only while the build runs. `summary`: where the build's summary line goes
    (stdout; `newsbot eval` keeps stdout for its report)."""
    if not math.isfinite(opts.progress_every) or opts.progress_every < 0:
        from bot.config import ConfigError

        raise ConfigError("--progress-every must be 0 or more seconds")
    from index.build import run_build
    from index.interrupt import StopOnSignals, exit_status

    stop = StopOnSignals(hard_stop=lambda signum: say_stopped(cfg, signum))
    try:
        with stop:
            stats = run_build(opts, full=full)
    except BaseException:
        if stop.signum is None:
            raise
        # whatever the signal's exception turned into on its way out: the build stopped
        say_stopped(cfg, stop.signum)
        return exit_status(stop.signum)
    print(stats.summary(), file=summary or sys.stdout)
    if stop.signum is not None:  # it came while the new generation was being published
        what = "interrupted" if stop.signum == signal.SIGINT else "terminated"
        print(f"newsbot: {what} once the update was published; the index answers from "
              f"{stats.generation}", file=sys.stderr, flush=True)
        return exit_status(stop.signum)
    return 0


def say_stopped(cfg: Config, signum: int) -> None:
    """The one line for a stopped build: which generation still answers, if any."""
    from index.store import IndexPaths

    current = IndexPaths(cfg.index_dir).current_generation()
    where = f"the index still answers from {current.name}" if current else "no index yet"
    what = "interrupted" if signum == signal.SIGINT else "terminated"
    print(f"newsbot: {what}; {where}", file=sys.stderr, flush=True)
