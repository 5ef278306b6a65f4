"""What every reader does to text before it becomes an Article: paragraphs on one line, no
control characters, the ALSO READ block cut, one date format. One place, so the formats never
disagree on what an article's text is."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from datetime import date, datetime

from index.article import Article, Warn

# What the readers make of a file's text changes with this number; an index written by
# another one reads every file again at its next update (their unchanged chunks keep their
# vectors through the embedding cache). 2: a web link shows its label ("[http://… Oil for
# Wheat]" is "Oil for Wheat", "[text](https://…)" is "text"), a bare bracketed one nothing.
READER_VERSION = 5  # 3: wiki template remnants ("…}}", "Infobox", "a = 1 | b = 2") go;
# 4: Wikinews' "publish" marker at a paragraph's end goes; 5: so does a portal's label before
# the first sentence ("Australian news Australian Prime Minister …")

# A line that opens an ALSO READ block or link, whatever markup wraps it ("**ALSO READ**",
# "ALSO READ: headline", "ALSO READ | headline", "## Also read").
# "READ ALSO: …" and "READ MORE: …" are the same link under other words.
_ALSO_READ = re.compile(
    r"^[\s*_#>|-]*(?P<words>also\s+read|read\s+also|read\s+more)\b(?P<rest>.*)$", re.IGNORECASE
)
_SEPARATORS = " \t*_:|.…-–—>"
# The same link after a sentence, inside a line: the words in capitals, or capitalised with a
# separator ("READ MORE Mayor freed", "Read also: …"), right after a sentence's end.
_INLINE_ALSO_READ = re.compile(
    r"(?<=[.!?\"”’)])\s+(?:(?:ALSO READ|READ ALSO|READ MORE)\b|"
    r"(?:Also read|Read also|Read more)\s*[:|–—-])"
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Terminal control: escape sequences (CSI "\x1b[2J", OSC "\x1b]0;title\x07") whole, then any
# other C0/C1 control but tab and newline. An article that carries them would clear the
# screen or retitle the window of whoever reads its quote.
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]{0,256}(?:\x07|\x1b\\)")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A wiki's footnote marker glued to the word or stop before it ("of the vote.[3]"): in a
# quote it would read as one of the answer's own [n] citations, to a source that is not there.
_FOOTNOTE = re.compile(r"(?<=[^\s\[])\[[1-9]\d{0,2}\]")
# Layout markup left in a text body by whatever exported it ('<div style="float: right;
# …">' opens a Wikinews text file): a quote must not show it. Block tags part words, inline
# ones do not ("<a href=…>Obama</a>'s", "CO<sub>2</sub>"); a tag's attributes have values, so
# prose such as "if x <b and y> z" is no tag.
_ATTRIBUTES = r"""(?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))*\s*/?>"""
_BLOCK_TAG = re.compile(
    r"</?(?:div|center|table|tbody|thead|tr|td|th|br|hr|p|blockquote|ul|ol|li|references)\b"
    + _ATTRIBUTES,
    re.IGNORECASE,
)
_INLINE_TAG = re.compile(
    r"</?(?:span|font|small|big|b|i|u|em|strong|sup|sub|ref|a|img|abbr)\b" + _ATTRIBUTES,
    re.IGNORECASE,
)
# A wiki's markup left in an exported text: a link shows its label ("[[mathematics|math]]" is
# "math", even with one bracket lost), and a picture or category is no text at all (its
# caption, when the export lost the closing brackets, runs to the end of the line).
_WIKI_LINK = re.compile(
    r"\[\[(?!\s*(?:file|image|category):)(?:[^\[\]|\n]*\|)?([^\[\]|\n]*)\]\]?", re.I
)
_WIKI_FILE = re.compile(r"\[\[\s*(?:file|image|category):[^\[\]\n]*(?:\]\]|$)", re.I | re.M)
# A web link left in the text: a wiki's "[http://… label]" (a bare "[http://…]" is a source
# note between two sentences, "da Silva said. [http://…] Mahmoud Abbas said"), Markdown's
# "[label](https://…)".
_EXTERNAL_LINK = re.compile(r"\[(?:https?|ftp)://[^\s\[\]]+(?:[ \t]+([^\[\]\n]*))?\]", re.I)
# (a picture, "![caption](…)", is no text; a URL may hold one pair of parentheses:
# "…/wiki/Mercury_(planet)")
_MARKDOWN_LINK = re.compile(
    r"(!?)\[([^\[\]\n]*)\]\((?:https?://|mailto:|/|#)(?:[^()\s]|\([^()\s]*\))*"
    r"(?:\s+\"[^\"\n]*\")?\)"
)


def strip_controls(text: str) -> str:
    """The text without terminal escapes and control characters (line breaks kept): for what
    an index built before they were dropped at ingest still holds."""
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def squash(text: str) -> str:
    """One paragraph on one line: markup indentation, NBSPs and control characters are not
    content."""
    return " ".join(_CONTROLS.sub(" ", _ESCAPES.sub(" ", text)).split())


def also_read(line: str) -> str | None:
    """None unless the line opens an ALSO READ block or link; then what follows the words on
    the line ("" for a bare heading)."""
    m = _ALSO_READ.match(line.strip())
    if m is None:
        return None
    rest = m.group("rest").strip()
    # "Also read out at the meeting was …" is prose: a link has a separator or capitals
    if rest and rest[0] not in _SEPARATORS and not m.group("words").isupper():
        return None
    return rest.strip(_SEPARATORS)


def clean(chunks: Iterable[str], whole: bool = False) -> list[str]:
    """Paragraphs on one line each, empties dropped, and everything from ALSO READ on cut:
    headlines cannot be told from body text, and they must never be indexed. With `whole`,
    each chunk is a paragraph by the file's own structure (an HTML <p>, text between blank
    lines): a one-line "ALSO READ: headline" paragraph is a link inside the article, dropped
    alone, and the article goes on after it."""
    out: list[str] = []
    for chunk in chunks:
        lines = chunk.splitlines() or [chunk]
        for i, line in enumerate(lines):
            rest = also_read(_plain(line))  # "<p><strong>ALSO READ:</strong> …" too
            if rest is None:
                continue
            if whole and rest and len(lines) == 1:
                break  # the link alone
            head = squash(_plain(" ".join(lines[:i])))
            return [*out, head] if head else out
        else:
            paragraph = _no_templates(squash(_plain(chunk)))
            inline = _INLINE_ALSO_READ.search(paragraph)
            if inline:
                # "… no other crane was at risk. READ MORE: Mayor released on bail": the link
                # after a sentence of the body, on its line (a feed's plain-text summary)
                head = paragraph[: inline.start()].rstrip()
                out += [head] if head else []
                if not whole:
                    return out
                continue
            if paragraph and not out:
                paragraph = _PORTAL.sub("", paragraph, count=1)
            if paragraph:
                out.append(paragraph)
    return out


# A Wikinews portal or category box's label, left before the first sentence: "Australian news
# Australian Prime Minister Kevin Rudd …", "economy and business Global stock markets …",
# "2008 US Presidential Election In the wake of …" (a year's label only before a word that
# opens sentences: where "conflict Hassan Nasrallah" parts cannot be told).
_PORTAL = re.compile(
    # (not a name's particle: "de Villepin said …")
    r"^(?:[A-Z][a-z]+ news|(?!(?:de|van|von|der|al|el|bin|ibn|da|di|du|la|le|del)\b)[a-z]+"
    r"(?: and [a-z]+)?"
    r"|(?:19|20)\d\d(?: [\w&-]+){1,6}(?= (?:The|In|A|An|After|Before|On|At|With|Ahead|"
    r"According|During|Following|Despite|Since|When|While|As)\b))"
    r" (?=[A-Z])"
)


# Wiki template remnants an export left in the text: "{{…}}" whole; a closing "}}" whose
# opening was lost, with what it closed from its paragraph's start ("…Harper said.|Canadian
# Prime Minister Stephen Harper}} Harper has already …"); a row of parameters ("Hang Seng =
# 14.796,90 | Hang Seng-tl = loss | …"); an "Infobox" heading word.
_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")
_TEMPLATE_TAIL = re.compile(r"^[^{}]*\}\}")
_PARAMETERS = re.compile(r"(?:[^|=]{1,40}=[^|=]{0,60}\|){2,}")
_INFOBOX = re.compile(r"^Infobox\b\s*")
# Wikinews' {{publish}} marker, left as a word after a paragraph's last sentence ("… (US$586
# million). publish").
_PUBLISH = re.compile(r"(?<=[.!?\"”’])\s+publish\s*$")


def _no_templates(paragraph: str) -> str:
    if "}}" in paragraph or "{{" in paragraph:
        paragraph = _TEMPLATE_TAIL.sub(" ", _TEMPLATE.sub(" ", paragraph))
    if "|" in paragraph and "=" in paragraph and _PARAMETERS.search(paragraph):
        return ""
    return " ".join(_PUBLISH.sub("", _INFOBOX.sub("", paragraph)).split())


def _plain(text: str) -> str:
    text = _WIKI_FILE.sub(" ", _WIKI_LINK.sub(r"\1", text)) if "[[" in text else text
    if "[" in text:
        text = _MARKDOWN_LINK.sub(lambda m: " " if m.group(1) else m.group(2), text)
        text = _EXTERNAL_LINK.sub(lambda m: m.group(1) or " ", text)
    return _INLINE_TAG.sub("", _BLOCK_TAG.sub(" ", _FOOTNOTE.sub("", text)))


def split_paragraphs(body: str) -> tuple[list[str], bool]:
    """Blank lines separate paragraphs when the writer used them (wrapped prose); otherwise
    each line is a paragraph (the scraped one-paragraph-per-line style). Also whether the
    paragraphs are whole (blank-line separated), for `clean`."""
    if _BLANK_LINE.search(body.strip()):
        return _BLANK_LINE.split(body), True
    return body.splitlines(), False


def clean_text(body: str) -> list[str]:
    return clean(*split_paragraphs(body))


def http_url(value: object) -> str | None:
    text = str(value).strip() if value else ""
    return text if re.match(r"https?://\S+$", text) else None


_YEAR_LAST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def year_last_date(when: str) -> tuple[str | None, str | None]:
    """A date as written, or as an ISO day when it is written year last, and why it has none:
    "12/04/2024" may be 12 April or 4 December, so a year-last date is read only when one part
    is past 12 (or both are the same)."""
    m = _YEAR_LAST.fullmatch(when)
    if not m:
        return when, None
    a, b, year = int(m.group(1)), int(m.group(2)), m.group(3)
    if a > 12 >= b:
        return f"{year}-{b:02d}-{a:02d}", None
    if b > 12 >= a:
        return f"{year}-{a:02d}-{b:02d}", None
    if a == b or (a > 12 and b > 12) or min(a, b) < 1:  # the same either way, or none
        return f"{year}-{a:02d}-{b:02d}", None
    return None, f"{when} may be day or month first; write it as YYYY-MM-DD"


def to_iso_date(value: object) -> str | None:
    """Sources write dates every which way; the index compares them as ISO strings."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    text = str(value).strip()
    iso = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b", text)
    year_last = _YEAR_LAST.match(text)
    if year_last and not iso:  # "12/04/2024" may be either day: not dateutil's month first
        text = year_last_date(year_last.group(0))[0] or ""
        iso = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})\b", text)
        if iso is None:
            return None
    try:
        if iso:  # the date as written: a local publication time is not shifted to UTC
            return date(*map(int, iso.groups())).isoformat()
        if re.search(r"\d{4}", text):  # without a year dateutil would invent one
            import warnings

            import dateutil.parser

            with warnings.catch_warnings():  # "EST" is no zone it knows: the day stands
                warnings.simplefilter("ignore")
                parsed = dateutil.parser.parse(text, default=datetime(1900, 1, 1))
            return parsed.date().isoformat()
    except (ValueError, OverflowError):
        pass
    return None


def make_article(
    title: object, paragraphs: list[str], when: object, path: str, **extra: str | None
) -> Article:
    """Single point where records are built, so every format gets the same normalisation."""
    heading = squash(str(title)) if title else ""
    if not heading:  # better a truncated lead than an empty title in a citation
        lead = paragraphs[0]
        heading = lead if len(lead) <= 80 else lead[:80].rsplit(" ", 1)[0] + "…"
    return Article(heading, "\n\n".join(paragraphs), to_iso_date(when), path, **extra)


def check_date(when: object, article: Article, where: str, warn: Warn | None) -> None:
    """An article whose date (`when`, as the file gives it) cannot be read is indexed
    undated, which --since/--until then miss: say so, as for a seed header's impossible
    date."""
    if warn is not None and when not in (None, "") and article.date is None:
        unclear = year_last_date(str(when).strip())[1]
        reason = unclear or f"{str(when)[:40]!r} is not a date"
        warn(f"{where}: {reason}; the article is undated")
