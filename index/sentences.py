"""Sentence boundaries with character offsets, so an answer can quote an exact sentence.

Why not pysbd: it splits ~760 sentences/s here, which would add ~9% to a full build of the
5,700-article corpus (chunking runs on the same two cores as the model). This splitter is a
single regex pass plus an abbreviation check; it agrees with pysbd on the corpus' boundaries
for ordinary prose and keeps "U.S.", initials ("George W. Bush"), decimals ("2.4%"), and
quotations ('said "we will go." Then') intact.
"""

from __future__ import annotations

import re

# Words that end with a period without ending a sentence (compared lower-case, without the dot).
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "ft",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "cmdr",
        "adm",
        "sgt",
        "cpl",
        "pvt",
        "gov",
        "sen",
        "rep",
        "pres",
        "rev",
        "hon",
        "messrs",
        "mme",
        "mlle",
        "insp",
        "supt",
        "det",
        "amb",
        "sec",
        "atty",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "inc",
        "corp",
        "ltd",
        "co",
        "bros",
        "llc",
        "plc",
        "dept",
        "univ",
        "assn",
        "est",
        "approx",
        "vs",
        "etc",
        "al",
        "fig",
        "no",
        "nos",
        "vol",
        "pp",
        "ed",
        "eds",
        "op",
        "cit",
        "ibid",
        "cf",
        "ca",
        "av",
        "ave",
        "blvd",
        "rd",
        "hwy",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "u.s.a",
        "a.m",
        "p.m",
        "e.g",
        "i.e",
        "d.c",
        "n.y",
        "l.a",
        "b.c",
        "a.d",
        "ph.d",
    ]
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then space.
# (starting only where a run of stops starts: from inside a run of 20,000 dots every position
# rescanned the rest of it)
_BOUNDARY = re.compile(r"""(?<![.!?…])[.!?…]+["'”’)\]]*(?=\s)""")
_NEXT_START = re.compile(r"""\s+["'“‘(\[]*([A-Z0-9À-ÖØ-Þ])""")
_WORD_BEFORE = re.compile(r"""([\w.]+)$""")
_LONGEST_WORD = 64  # longer than any abbreviation, initial or acronym it is compared with


def _is_boundary(text: str, end: int, punct_start: int) -> bool:
    nxt = _NEXT_START.match(text, end)
    if not nxt:
        return False  # next word starts lower-case: "the U.S. economy", "5 p.m. on"
    if text[punct_start] != ".":
        return True
    # (only the last few dozen characters: searched from 0, every boundary rescanned the
    # article, and a 1 MB article took minutes to split)
    word = _WORD_BEFORE.search(text, max(0, punct_start + 1 - _LONGEST_WORD), punct_start + 1)
    if not word:
        return True
    token = word.group(1).rstrip(".").lower()
    if token in ABBREVIATIONS:
        # "in the U.S. The next" ends a sentence; "U.S. President" does not. Titles before
        # a capitalised name never end one.
        return token in {
            "u.s",
            "u.k",
            "u.n",
            "e.u",
            "d.c",
            "etc",
            "a.m",
            "p.m",
        } and _looks_like_sentence_start(text, nxt.start(1))
    if len(token) == 1 and token.isalpha():
        return False  # an initial: "George W. Bush"
    return not re.fullmatch(r"(?:[a-z]\.)+[a-z]", token)  # other dotted acronyms: "N.A.T.O."


_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "his",
        "her",
        "their",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "in",
        "on",
        "at",
        "but",
        "and",
        "however",
        "meanwhile",
        "after",
        "before",
        "when",
        "while",
        "according",
    ]
)


_LETTERS = re.compile(r"[A-Za-z]+")


def _looks_like_sentence_start(text: str, pos: int) -> bool:
    word = _LETTERS.match(text, pos)  # (not text[pos:]: a copy of the rest at every "U.S.")
    return bool(word) and word.group(0).lower() in _STARTERS


# A quotation longer than this is split at its own sentence ends: a press release quoted
# whole (a trial's 1,500-character Marines statement) is read, and quoted, sentence by
# sentence, not cut off where its chunk ends.
LONG_QUOTATION = 400


def _short_quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open, close) of each quotation in text[start:end] no longer than LONG_QUOTATION, in
    order: straight marks paired in turn, curly ones by nesting (the outermost kept)."""
    spans = []
    straight = [m.start() for m in re.finditer('"', text[start:end])]
    spans += [(start + a, start + b) for a, b in zip(straight[::2], straight[1::2], strict=False)]
    depth, opened = 0, 0
    for m in re.finditer("[“”]", text[start:end]):
        if m.group(0) == "“":
            opened = m.start() if depth == 0 else opened
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start + opened, start + m.start()))
    return sorted((a, b) for a, b in spans if b - a <= LONG_QUOTATION)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in text[start:end], trimmed of whitespace."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    # A quotation of several sentences stays one sentence, as a reader would quote it; but
    # only where the quotes balance, so one stray mark cannot swallow a paragraph, and only a
    # short one (LONG_QUOTATION).
    straight = text.count('"', start, end)
    track_quotes = straight % 2 == 0 and text.count("“", start, end) == text.count("”", start, end)
    quoted = _short_quotations(text, start, end) if track_quotes else []
    k = 0
    for m in _BOUNDARY.finditer(text, start, end):
        while k < len(quoted) and quoted[k][1] < m.end() - 1:
            k += 1  # (boundaries move forward: each quotation passed once)
        if k < len(quoted) and quoted[k][0] < m.start() and m.end() - 1 < quoted[k][1]:
            continue
        if _is_boundary(text, m.end(), m.start()):
            spans.append((cursor, m.end()))
            cursor = m.end()
    spans.append((cursor, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the paragraphs (separated by blank or single newlines)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]
