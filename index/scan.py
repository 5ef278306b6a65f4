"""Which corpus files changed since a generation was built: by size and mtime first, by
content hash only when those differ, so a no-op update of thousands of files reads none of
them (`newsbot index status` asks the same question without building)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path


def _sha1(path: Path) -> str:
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass
class Changes:
    new: list[tuple[Path, int, int, str]] = field(default_factory=list)
    changed: list[tuple[Path, int, int, str]] = field(default_factory=list)  # incl. new
    deleted: list[str] = field(default_factory=list)
    # unchanged, but their size or mtime differs from what was recorded (touched, copied)
    touched: list[tuple[Path, int, int, str]] = field(default_factory=list)


def scan(files: list[Path], known: dict[str, tuple]) -> Changes:
    """Files that are new, changed or gone since the generation that recorded `known`
    ({path: (size, mtime_ns, sha1)}). Same size and mtime means unchanged without reading the
    file; otherwise the hash decides."""
    out = Changes()
    seen = set()
    for f in files:
        key = str(f)
        try:
            st = f.stat()
        except OSError:
            continue  # gone since it was listed: counted as deleted below
        seen.add(key)
        old = known.get(key)
        # (a file that could not be read is tried again: making it readable, `chmod`, moves
        # neither its size nor its mtime)
        if old and old[0] == st.st_size and old[1] == st.st_mtime_ns and old[2]:
            continue
        try:
            digest = _sha1(f)
        except OSError:
            digest = ""  # unreadable: reading it later says why, naming the file
        entry = (f, st.st_size, st.st_mtime_ns, digest)
        if old and old[2] == digest:
            out.touched.append(entry)
            continue
        out.changed.append(entry)
        if not old:
            out.new.append(entry)
    out.deleted = [p for p in known if p not in seen]
    return out
