"""Answers as text for a terminal (Telegram's HTML lives in telegram_render.py). Formatting only:
nothing here decides what the answer says."""

from __future__ import annotations

import json
import os
import textwrap

from bot.answer import Answer, Citation, sources_missing
from index.article import counted
from index.discover import printable
from index.paragraphs import strip_controls


def short_source(source: str) -> str:
    """A file inside the current folder is shown relative to it; URLs as they are. A control
    character in a file name is shown escaped ("a\\nb"): one source, one line."""
    if "://" in source:
        return printable(source)
    try:
        rel = os.path.relpath(source)
    except ValueError:
        rel = source
    return printable(rel if not rel.startswith("..") else source)


def collection(stats: dict, noun: str = "article") -> str:
    """"1 article (2008-01-01)", "524 articles (2004-11-28 … 2018-03-04)", "3 articles
    (undated)": what the index holds, for a banner."""
    return f"{counted(stats.get('articles') or 0, noun)} ({date_span(stats)})"


def date_span(stats: dict) -> str:
    first, last = stats.get("first_date"), stats.get("last_date")
    return "undated" if not first else first if first == last else f"{first} … {last}"


def source_line(citations: list[Citation]) -> str:
    """One line per article, with every marker that points at it: `[1][2] Title — date — src`."""
    c = citations[0]
    marks = "".join(f"[{x.n}]" for x in citations)
    title = strip_controls(c.title)
    return f"{marks} {title} — {c.date or 'date unknown'} — {short_source(c.source)}"


def render_sources(answer: Answer | None) -> str:
    """`/sources`: every citation of the last answer with its quoted sentence."""
    missing = sources_missing(answer)
    if missing or answer is None:
        return missing or ""
    lines = ["Sources:"]
    for c in answer.citations:
        lines.append(source_line([c]))
        said = strip_controls(c.quote)
        if not said.startswith(('"', "“", "‘", "'")):  # (a quote of a quote: no doubled marks)
            said = f'"{said}"'
        quote = textwrap.fill(said, 100, initial_indent="    ", subsequent_indent="    ")
        lines.append(quote)
    return "\n".join(lines)


def render_text(answer: Answer) -> str:
    """The answer, then one line per cited article (the quotes are in the answer already)."""
    lines = [textwrap.fill(strip_controls(answer.answer), width=100)]
    if not answer.citations:
        return lines[0]
    lines += ["", "Sources:"]
    by_article: dict[str, list[Citation]] = {}
    for c in answer.citations:
        by_article.setdefault(c.article_id, []).append(c)
    lines += [source_line(group) for group in by_article.values()]
    return "\n".join(lines)


def render_json(answer: Answer) -> str:
    return json.dumps(answer.to_dict(), ensure_ascii=False)
