"""Telegram's validation rules for the fake Bot API server (tests/fake_telegram.py).

`parse_html` is a port of tdlib's ``parse_html`` (td/telegram/MessageEntity.cpp), which is what
the Bot API server runs for ``parse_mode=HTML``: same tag set, same error descriptions with the
same *byte* offsets, entity offsets in UTF-16 code units. A bot's error handling therefore sees
what it would see in production. The one deliberate deviation is ``strict_ampersand``: tdlib keeps
a bare ``&`` literally, but the Bot API documentation requires ``&amp;``, and a bot that forgets to
escape ``&`` usually forgets ``<`` too, so tests refuse it by default.

The rest of Telegram's rules (parameter typing, text limits, webhook and command checks, error
shapes) is in fake_telegram_api.py.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

MAX_MESSAGE_LENGTH = 4096

_TAGS = frozenset(("a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler",
                   "tg-emoji", "span", "pre", "code", "blockquote"))
_SPACE = frozenset(b" \t\r\n\v\0")
_NAMED = {b"lt": ord("<"), b"gt": ord(">"), b"amp": ord("&"), b"quot": ord('"')}
_SIMPLE = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough",
    "del": "strikethrough", "tg-spoiler": "spoiler", "span": "spoiler",
}
# tdlib's MessageEntity::get_type_priority: ties on (offset, length) are ordered by this.
_PRIORITY = {
    "blockquote": 0, "expandable_blockquote": 0, "pre": 11, "code": 20, "text_link": 49,
    "text_mention": 49, "mention": 50, "bot_command": 50, "bold": 90, "italic": 91,
    "underline": 92, "strikethrough": 93, "spoiler": 94, "custom_emoji": 99,
}


class HtmlParseError(ValueError):
    """The description Telegram puts after ``Bad Request: can't parse entities: ``."""


def utf16_len(text: str) -> int:
    """Telegram measures text and entity offsets in UTF-16 code units, not code points."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _decode_entity(b: bytes, pos: int) -> tuple[int, int]:
    """Return (code point, position after it) for the reference at ``pos``; code 0 if none."""

    def at(i: int) -> int:
        return b[i] if i < len(b) else 0

    end, res = pos + 1, 0
    if at(end) == ord("#"):
        end += 1
        hexa = at(end) == ord("x")
        end += hexa
        digits = b"0123456789abcdefABCDEF" if hexa else b"0123456789"
        while at(end) and at(end) in digits:
            res = res * (16 if hexa else 10) + int(chr(b[end]), 16)
            end += 1
        if res == 0 or res >= 0x10FFFF or end - pos >= 10:
            return 0, pos
    else:
        while chr(at(end)).isascii() and chr(at(end)).isalpha():
            end += 1
        res = _NAMED.get(b[pos + 1 : end], 0)
        if not res:
            return 0, pos
    return res, end + (at(end) == ord(";"))


def _checked_link(url: str) -> str:
    """Approximates LinkManager::get_checked_link: tdlib drops links it can't make sense of."""
    if "://" not in url and not url.startswith("tg:"):
        url = "http://" + url
    parts = urlsplit(url)
    if parts.scheme in ("http", "https", "ftp") and "." in parts.netloc.strip("."):
        return url if parts.path or parts.query or parts.fragment else url + "/"
    return url if parts.scheme in ("tg", "ton") else ""


def _entity(tag: str, argument: str, offset: int, length: int) -> dict[str, Any] | None:
    entity: dict[str, Any] = {"offset": offset, "length": length}
    if tag in _SIMPLE:
        entity["type"] = _SIMPLE[tag]
    elif tag == "tg-emoji":
        if not argument.isdigit() or int(argument) == 0:
            raise HtmlParseError("Invalid custom emoji identifier specified")
        entity.update(type="custom_emoji", custom_emoji_id=argument)
    elif tag == "a":
        user = re.fullmatch(r"tg://user\?id=(\d+)", argument)
        if user:
            user_dict = {"id": int(user[1]), "is_bot": False, "first_name": "User"}
            entity.update(type="text_mention", user=user_dict)
        elif url := _checked_link(argument):
            entity.update(type="text_link", url=url)
        else:
            return None
    elif tag == "blockquote":
        entity["type"] = "expandable_blockquote" if argument else "blockquote"
    else:
        entity["type"] = tag
        if tag == "code" and argument:
            entity["language"] = argument  # only kept when merged into an enclosing <pre>
    return entity


def _read_attribute_value(b: bytes, i: int) -> tuple[str, int]:
    """A quoted literal (entities decoded) or a lower-cased name token."""
    at = b[i] if i < len(b) else 0
    if at in b"'\"":
        out = bytearray()
        i += 1
        while i < len(b) and b[i] != at:
            code, nxt = _decode_entity(b, i) if b[i] == ord("&") else (0, i)
            if code:
                out += chr(code).encode("utf-8", "surrogatepass")
                i = nxt
            else:
                out.append(b[i])
                i += 1
        return out.decode("utf-8", "replace"), i + (i < len(b))
    begin = i
    while i < len(b) and (chr(b[i]).isascii() and chr(b[i]).isalnum() or b[i] in b".-"):
        i += 1
    if i < len(b) and b[i] not in _SPACE and b[i] != ord(">"):
        raise HtmlParseError(f"Unexpected end of name token at byte offset {begin}")
    return b[begin:i].decode().lower(), i


def _start_tag(b: bytes, i: int, begin: int) -> tuple[str, str, int]:
    """Parse ``<tag attr=value ...>`` from just after ``<``; return (tag, argument, index of >)."""

    def at(j: int) -> int:
        return b[j] if j < len(b) else 0

    while at(i) not in _SPACE and at(i) != ord(">"):
        i += 1
    if at(i) == 0:
        raise HtmlParseError(f"Unclosed start tag at byte offset {begin}")
    tag = b[begin + 1 : i].decode("utf-8", "replace").lower()
    if tag not in _TAGS:
        raise HtmlParseError(f'Unsupported start tag "{tag}" at byte offset {begin}')
    argument = ""
    while at(i) != ord(">"):
        while at(i) and at(i) in _SPACE:
            i += 1
        if at(i) == ord(">"):
            break
        name_begin = i
        while at(i) not in _SPACE and at(i) not in b"=>":
            i += 1
        name = b[name_begin:i].decode("utf-8", "replace")
        if not name:
            raise HtmlParseError(f'Empty attribute name in the tag "{tag}" at byte offset {begin}')
        while at(i) and at(i) in _SPACE:
            i += 1
        if at(i) != ord("="):
            if tag == "blockquote" and name == "expandable":
                argument = "1"  # Bot API 7.4's only valueless attribute
                continue
            raise HtmlParseError(
                "Expected equal sign in declaration of an attribute of the tag "
                f'"{tag}" at byte offset {begin}'
            )
        i += 1
        while at(i) and at(i) in _SPACE:
            i += 1
        if at(i) == 0:
            raise HtmlParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
        value, i = _read_attribute_value(b, i)
        if at(i) == 0:
            raise HtmlParseError(f"Unclosed start tag at byte offset {begin}")
        if (tag, name) in (("a", "href"), ("tg-emoji", "emoji-id")):
            argument = value
        elif (tag, name) == ("code", "class") and value.startswith("language-"):
            argument = value[9:]
        elif (tag, name) == ("span", "class") and value.startswith("tg-"):
            argument = value[3:]
    if tag == "span" and argument != "spoiler":
        raise HtmlParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
    return tag, argument, i


def parse_html(html: str, *, strict_ampersand: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Return (plain text, Bot API entities) for ``html`` or raise HtmlParseError."""
    b = html.encode("utf-8", "surrogatepass")
    out = bytearray()
    entities: list[dict[str, Any]] = []
    nested: list[tuple[str, str, int, int]] = []  # tag, argument, utf16 offset, byte offset
    utf16 = i = 0
    while i < len(b):
        c = b[i]
        if c == ord("&"):
            code, nxt = _decode_entity(b, i)
            if code:
                utf16 += 1 + (code > 0xFFFF)
                out += chr(code).encode("utf-8", "surrogatepass")
                i = nxt
                continue
            if strict_ampersand:
                raise HtmlParseError(
                    f'Unescaped "&" at byte offset {i} (fake_telegram strict mode: the Bot API '
                    "docs require &amp;; the real server would keep it literally)"
                )
        if c != ord("<"):
            utf16 += ((c & 0xC0) != 0x80) * (1 + (c >= 0xF0))
            out.append(c)
            i += 1
            continue
        begin, i = i, i + 1
        if (b[i] if i < len(b) else 0) != ord("/"):
            tag, argument, i = _start_tag(b, i, begin)
            nested.append((tag, argument, utf16, len(out)))
            i += 1
            continue
        if not nested:
            raise HtmlParseError(f"Unexpected end tag at byte offset {begin}")
        while i < len(b) and b[i] not in _SPACE and b[i] != ord(">"):
            i += 1
        end_tag = b[begin + 2 : i].decode("utf-8", "replace").lower()
        while i < len(b) and b[i] in _SPACE:
            i += 1
        if i >= len(b) or b[i] != ord(">"):
            raise HtmlParseError(f"Unclosed end tag at byte offset {begin}")
        i += 1
        tag, argument, offset, byte_offset = nested.pop()
        if end_tag and end_tag != tag:
            raise HtmlParseError(
                f'Unmatched end tag at byte offset {begin}, expected "</{tag}>", '
                f'found "</{end_tag}>"'
            )
        if utf16 > offset:
            if tag == "a" and not argument:
                argument = out[byte_offset:].decode("utf-8", "replace")
            entity = _entity(tag, argument, offset, utf16 - offset)
            if entity is None:
                continue
            last = entities[-1] if entities else {}
            language = last.get("language") or entity.get("language")
            if (
                {last.get("type"), entity["type"]} == {"pre", "code"}
                and (last["offset"], last["length"]) == (offset, entity["length"])
                and language
            ):  # <pre><code class="language-x"> in either nesting order is one pre entity
                entities[-1] = {**entity, "type": "pre", "language": language}
                continue
            entities.append(entity)
    if nested:
        raise HtmlParseError(f"Can't find end tag corresponding to start tag {nested[-1][0]}")
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)
    try:
        text = bytes(out).decode("utf-8", "surrogatepass")
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeError:
        raise HtmlParseError(
            "Text contains invalid Unicode characters after decoding HTML entities, check for "
            "unmatched surrogate code units"
        ) from None
    return text, sort_entities(entities)


def sort_entities(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Order entities the way the server returns them (tdlib's sort_entities)."""
    return sorted(
        entities, key=lambda e: (e["offset"], -e["length"], _PRIORITY.get(e["type"], 50))
    )


def trim(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Telegram strips surrounding whitespace from message text; entities shift and clip."""
    stripped = text.strip(" \t\r\n")
    if not stripped:
        return "", []
    shift = utf16_len(text[: len(text) - len(text.lstrip(" \t\r\n"))])
    size = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, size)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


def _utf16_span(text: str, start: int, end: int) -> tuple[int, int]:
    return utf16_len(text[:start]), utf16_len(text[start:end])


def detect_entities(text: str) -> list[dict[str, Any]]:
    """The bot_command and mention entities Telegram adds to a user's message.

    Mirrors tdlib's match_bot_commands / match_mentions: a command is ``/[A-Za-z0-9_]{1,64}``
    with an optional ``@[A-Za-z0-9_]{3,32}`` suffix, neither glued to a word character.
    """
    found: list[dict[str, Any]] = []
    command_spans: list[range] = []
    for m in re.finditer(r"/([A-Za-z0-9_]*)(@[A-Za-z0-9_]*)?", text):
        if _glued(text, m, r"[\w/<>]"):
            continue
        if not 1 <= len(m[1]) <= 64 or (m[2] is not None and not 4 <= len(m[2]) <= 33):
            continue
        command_spans.append(range(m.start(), m.end()))
        offset, length = _utf16_span(text, m.start(), m.end())
        found.append({"type": "bot_command", "offset": offset, "length": length})
    for m in re.finditer(r"@[A-Za-z0-9_]+", text):
        if _glued(text, m, r"\w") or not 3 <= len(m[0]) <= 33:
            continue
        if any(m.start() in span for span in command_spans):
            continue  # the @bot suffix of /cmd@bot belongs to the command
        offset, length = _utf16_span(text, m.start(), m.end())
        found.append({"type": "mention", "offset": offset, "length": length})
    return sort_entities(found)


def _glued(text: str, m: re.Match[str], word: str) -> bool:
    """Whether the match touches a character that would make it part of a longer token."""
    before = text[m.start() - 1] if m.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    return bool(re.match(word, before) or re.match(word, after))
