"""Answers as text for a terminal (Telegram's HTML lives in telegram_render.py). Formatting only:
nothing here decides what the answer says."""

from __future__ import annotations

import json
import os
import textwrap

from bot.answer import Answer, Citation


def short_source(source: str) -> str:
    """A file inside the current folder is shown relative to it; URLs as they are."""
    if "://" in source:
        return source
    try:
        rel = os.path.relpath(source)
    except ValueError:
        return source
    return rel if not rel.startswith("..") else source


def source_line(c: Citation) -> str:
    date = c.date or "date unknown"
    return f"[{c.n}] {c.title} — {date} — {short_source(c.source)}"


def render_text(answer: Answer, with_quotes: bool = False) -> str:
    """The answer, then one line per source. Quotes are already in the answer; `/sources` asks
    for them again under each source line."""
    lines = [textwrap.fill(answer.answer, width=100)]
    if answer.citations:
        lines += ["", "Sources:"]
        seen: set[tuple[str, str]] = set()
        for c in answer.citations:
            if with_quotes:
                lines.append(source_line(c))
                lines.append(
                    textwrap.fill(
                        f'"{c.quote}"', width=100, initial_indent="    ", subsequent_indent="    "
                    )
                )
            elif (c.article_id, c.quote) not in seen:
                seen.add((c.article_id, c.quote))
                lines.append(source_line(c))
    return "\n".join(lines)


def render_json(answer: Answer) -> str:
    return json.dumps(answer.to_dict(), ensure_ascii=False)
