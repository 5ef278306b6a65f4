"""Ctrl-C while a `newsbot` command starts (its modules loading, the first ~0.3 s): status 130
and no traceback. Real processes, real SIGINTs at a spread of early moments.

A signal can also land while Python itself starts (its site-packages hooks run before any
newsbot code: the first ~20-40 ms here, more on a busy machine). Python prints a traceback
there that newsbot cannot catch; such a trial is recognised by a traceback with no frame in
newsbot's own files, and does not count."""

from __future__ import annotations

import signal
import subprocess
import time

import pytest
from conftest import NEWSBOT, REPO, SEED_QUESTION, BuiltIndex, newsbot_env

from bot import cli

OWN_FILES = (str(REPO / "bot"), str(REPO / "index"))
DELAYS = [0.04 + 0.02 * i for i in range(14)]  # 40 ms to 300 ms after the start


def _ctrl_c_after(delay: float, *args: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.Popen([NEWSBOT, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, text=True, env=newsbot_env())
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_ctrl_c_while_a_command_starts_is_status_130_without_a_traceback(
    base_index: BuiltIndex,
) -> None:
    stopped = 0
    for delay in DELAYS:
        done = _ctrl_c_after(delay, "ask", "--config", str(base_index.config), SEED_QUESTION)
        if "Traceback" in done.stderr:
            # only Python's own start-up may show one: nothing of newsbot ran yet
            assert not any(f in done.stderr for f in OWN_FILES), (delay, done.stderr)
            continue
        if done.returncode == 0:  # answered before the signal came: a fast machine
            continue
        assert done.returncode == 130, (delay, done.returncode, done.stderr)
        assert done.stderr == "" and done.stdout == "", (delay, done.stderr)
        stopped += 1
    assert stopped >= len(DELAYS) // 2, "too few signals reached newsbot while it started"


def test_a_ctrl_c_wrapped_by_a_class_statement_is_a_ctrl_c(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A SIGINT landing while an imported module builds a class surfaces as "RuntimeError:
    # Error calling __set_name__ on 'cached_property' instance …" (the platform module, seen in
    # the trials above), its cause the KeyboardInterrupt.
    class Descriptor:
        def __set_name__(self, owner: type, name: str) -> None:
            raise KeyboardInterrupt

    def starting(argv: list[str] | None) -> int:
        type("Loading", (), {"attribute": Descriptor()})
        return 0

    monkeypatch.setattr(cli, "_main", starting)
    assert cli.main([]) == 130

    def failing(argv: list[str] | None) -> int:
        raise RuntimeError("a failure of its own")

    monkeypatch.setattr(cli, "_main", failing)
    with pytest.raises(RuntimeError):
        cli.main([])
