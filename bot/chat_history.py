"""The chat's line history (readline), kept per user."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def history_path() -> Path:
    """Where the chat keeps its line history: the user's own state folder, not the index's (an
    index shared by a newsroom put every user's questions in one file)."""
    state = os.environ.get("XDG_STATE_HOME", "")
    if not os.path.isabs(state):  # unset, or relative: the XDG spec says to ignore it
        state = os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(state) / "newsbot" / "chat_history"


def readline_history():  # noqa: ANN201 - returns a saver or None
    try:
        import readline
    except ImportError:
        return None
    path = history_path()
    readline.set_history_length(1000)
    with contextlib.suppress(OSError):
        readline.read_history_file(path)

    def save() -> None:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            path.touch(mode=0o600)
            path.chmod(0o600)  # a file of an older newsbot may have been readable by others
            readline.write_history_file(path)

    return save
