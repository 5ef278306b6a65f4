"""A full disk, however it shows (SQLite, the OS, faiss), as one line for the user.

A build writes its generation beside the previous one and publishes it only when complete,
so a disk that fills up in the middle costs nothing but the unfinished generation: the
message says so, instead of the traceback of whichever write happened to fail."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from index.store import IndexError_

_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


def disk_full(exc: BaseException) -> bool:
    """Whether a failed write failed for want of space (or of quota)."""
    if isinstance(exc, OSError):
        return exc.errno in _ERRNOS
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF == sqlite3.SQLITE_FULL
        return "disk is full" in str(exc)
    if isinstance(exc, RuntimeError):  # faiss reports the failed fwrite with strerror
        return "No space left on device" in str(exc) or "Disk quota exceeded" in str(exc)
    return False


def disk_full_error(index_dir: Path) -> IndexError_:
    return IndexError_(
        f"the disk is full while writing the index in {index_dir}; the previous index is "
        "unchanged (free some space and run it again)"
    )
