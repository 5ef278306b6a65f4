"""HTML reading for ingest: main text of a news page, and paragraphs of an HTML fragment (feeds).

trafilatura does the boilerplate removal (nav, asides such as "Trending now", footers), because
real pages do not agree on markup. Its output is then checked against the page's own
`<article><p>` paragraphs: when it lost one of them, the stdlib extraction is used instead,
since a missing paragraph may hold the answer a user asks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from index.paragraphs import squash

# Tags whose start or end ends the running paragraph: the text on either side is not one sentence.
_BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption"}
    | {"figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li"}
    | {"main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"}
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg"})
# Page furniture: trafilatura's fallback extractors sometimes return it when a page has no body.
_BOILER_TAGS = frozenset({"nav", "header", "footer", "aside"})
_VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "source", "wbr"})
# Only " | " is stripped from <title>: " - " is too common inside real headlines.
_TITLE_SUFFIX = re.compile(r"\s+\|\s+[^|]+$")
_BYLINE = re.compile(r"^by\s+\S.{0,100}$", re.IGNORECASE)


@dataclass
class _Block:
    tag: str
    classes: str
    in_article: bool
    in_boiler: bool
    parts: list[str] = field(default_factory=list)


class _PageParser(HTMLParser):
    """Collects metadata and text blocks in one pass; tolerant of unclosed tags like any browser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.times: list[str] = []
        self.title_parts: list[str] = []
        self.blocks: list[_Block] = []
        self._stack: list[tuple[str, str]] = []  # open block tags and their classes
        self._skip = 0
        self._in_title = False
        self._article = 0
        self._boiler = 0
        self._current: _Block | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or "").lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"].strip()
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.canonical = self.canonical or a.get("href") or None
        elif tag == "time" and a.get("datetime"):
            self.times.append(a["datetime"])
        elif tag == "title":
            self._in_title = True
        if tag in _SKIP_TAGS:
            self._skip += 1
        if tag == "article":
            self._article += 1
        if tag in _BOILER_TAGS:
            self._boiler += 1
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag not in _VOID_TAGS:
                self._stack.append((tag, a.get("class", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP_TAGS and self._skip:
            self._skip -= 1
        if tag in _BLOCK_TAGS:
            self._flush()
            for i in range(len(self._stack) - 1, -1, -1):
                if self._stack[i][0] == tag:
                    del self._stack[i:]
                    break
        if tag == "article" and self._article:
            self._article -= 1
        if tag in _BOILER_TAGS and self._boiler:
            self._boiler -= 1

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.title_parts.append(data)
            return
        if self._current is None:
            tag, classes = self._stack[-1] if self._stack else ("", "")
            self._current = _Block(tag, classes, self._article > 0, self._boiler > 0)
        self._current.parts.append(data)

    def _flush(self) -> None:
        if self._current is not None:
            text = squash("".join(self._current.parts))
            if text:
                self._current.parts = [text]
                self.blocks.append(self._current)
        self._current = None

    def close(self) -> None:
        super().close()
        self._flush()


@dataclass(frozen=True)
class HtmlPage:
    title: str | None
    date: str | None  # raw value from the page; the caller normalises it
    url: str | None
    paragraphs: list[str]


def html_to_paragraphs(markup: str) -> list[str]:
    """Feed descriptions are escaped HTML fragments: each block element becomes a paragraph."""
    parser = _PageParser()
    parser.feed(markup)
    parser.close()
    return [b.parts[0] for b in parser.blocks]


def extract_page(markup: str) -> HtmlPage:
    """Main text plus title/date/url of a news page; paragraphs is empty when no body text."""
    parser = _PageParser()
    parser.feed(markup)
    parser.close()
    meta = parser.meta

    title = meta.get("og:title") or meta.get("twitter:title")
    if not title:
        title = _TITLE_SUFFIX.sub("", squash("".join(parser.title_parts))) or None
    headings = [b.parts[0] for b in parser.blocks if b.tag == "h1"]
    title = title or (headings[0] if headings else None)
    date = (
        meta.get("article:published_time")
        or meta.get("og:published_time")
        or meta.get("date")
        or meta.get("dc.date")
        or (parser.times[0] if parser.times else None)
    )
    url = parser.canonical or meta.get("og:url")

    own = [
        b.parts[0]
        for b in parser.blocks
        if b.in_article and b.tag == "p" and "byline" not in b.classes.split()
    ]
    furniture = {b.parts[0] for b in parser.blocks if b.in_boiler} - set(own)
    paragraphs = [p for p in _trafilatura_paragraphs(markup) if p not in furniture]
    if not paragraphs or not set(own) <= set(paragraphs):
        paragraphs = own
    bylines = {b.parts[0] for b in parser.blocks if "byline" in b.classes.split()}
    return HtmlPage(title, date, url, _drop_lead(paragraphs, title, headings, bylines))


def _trafilatura_paragraphs(markup: str) -> list[str]:
    import trafilatura

    doc = trafilatura.bare_extraction(
        markup,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        with_metadata=False,
    )
    text = getattr(doc, "text", None) or ""
    return [line for line in (squash(x) for x in text.split("\n")) if line]


def _drop_lead(
    paragraphs: list[str], title: str | None, headings: list[str], bylines: set[str]
) -> list[str]:
    """Extractors keep the page's <h1> and byline as body text; both would be cited as facts."""
    names = {h.casefold() for h in headings}
    if title:
        names.add(title.casefold())
    out = [p for p in paragraphs if p not in bylines]
    while out and (out[0].casefold() in names or (_BYLINE.match(out[0]) and out[0][-1] != ".")):
        out.pop(0)
    return out
