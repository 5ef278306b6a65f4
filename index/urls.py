"""What a feed URL may be, and what of it may be shown: cheap enough for the config to check
feeds with on every command (index/feeds.py, which fetches them, costs ~13 ms to import)."""

from __future__ import annotations

from urllib.parse import urlsplit


def shown(url: str) -> str:
    """The URL without its user, password, query and fragment (where keys live)."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname or "", f":{parts.port}" if parts.port else ""
    except ValueError:  # "[::1" or port 70000: the config refuses them; never a traceback
        return "(a feed URL that cannot be read)"
    return f"{parts.scheme}://{host}{port}{parts.path}"


def valid_url(url: str) -> bool:
    """An http(s) URL with a host, whose port and brackets parse."""
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname) and (
            parts.port is None or 0 < parts.port < 65536)
    except ValueError:
        return False
