"""A misspelt word of a question, put right from the index's own vocabulary.

"what is the lattest on the Mattel recall?" abstained where "latest" answered: "lattest" was
a word no article has, so it weighed as the question's rarest term and every passage lacked
it; and it was no "latest", so the question was not read as one about the newest report.
A word is put right only when neither the articles, nor the embedding model's own vocabulary
(22,000 English words, read from its `vocab.txt`, and every word of their stems: "probed" is
known through "probe"), nor pyspellchecker's English word list (160,000 words: "derided" is
no "decided") know it, and when one letter changed, dropped, added or swapped after its
first makes it a question word ("latest", "happened") or a known word of the articles; a
shorter word, only when one swap, dropped or added letter makes it one word of grammar ("teh").
Capitalised words after the first are names and stay ("Farage" is no "Garage"), and so does a
word without such a neighbour ("Bitcoin"): it is what tells an unanswerable question.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from functools import lru_cache
from pathlib import Path

from index.stopwords import STOPWORDS
from index.terms import stem_all

# Shorter words have too many neighbours ("Mandy" is one letter from "Randy").
MIN_LENGTH = 6
# A neighbour must be in at least this many passages (and an English word the model knows).
MIN_DOC_FREQ = 1
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# (whole words only: the ASCII run inside "İstanbul" is no word)
_WORD = re.compile(rf"(?<![^\W\d_])[A-Za-z]{{{MIN_LENGTH},}}(?![^\W\d_])")
# A shorter word is put right only into a word of the question's grammar, by a swap of two
# neighbouring letters, a letter dropped or one added ("waht" → "what", "teh" → "the",
# "wher" → "where"): a closed set of words, one edit from few others.
_SHORT = re.compile(rf"(?<![^\W\d_])[A-Za-z]{{2,{MIN_LENGTH - 1}}}(?![^\W\d_])")


def _swaps(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}


def _inserts(word: str) -> set[str]:
    return {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in _LETTERS}


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _edits(word: str) -> set[str]:
    """The words one deletion, swap of neighbours, change or insertion away."""
    changes = {word[:i] + c + word[i + 1 :] for i in range(len(word)) for c in _LETTERS}
    return (_deletes(word) | _swaps(word) | changes | _inserts(word)) - {word}


@lru_cache(maxsize=4)
def vocabulary(model_dir: str) -> frozenset[str]:
    """The whole words of a WordPiece model's vocabulary (none when it has no `vocab.txt`,
    and then nothing is corrected)."""
    try:
        text = (Path(model_dir) / "vocab.txt").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return frozenset()
    return frozenset(w for w in text.split() if w.isalpha() and w.islower())


@lru_cache(maxsize=4)
def _stems(words: frozenset[str]) -> frozenset[str]:
    return frozenset(stem_all(sorted(words)))


@lru_cache(maxsize=1)
def english() -> Container[str] | None:
    """pyspellchecker's English word list (160,000 words), or None without the package:
    "derided", "rehired", "extorted" are words, whatever the articles and the model lack
    (each was put "right" into another word). Read on first need: ~250 ms."""
    try:
        from spellchecker import SpellChecker

        return SpellChecker(language="en", distance=1).word_frequency.dictionary
    except (ImportError, OSError, ValueError):  # not installed, or its word list unreadable
        return None


def corrected(
    question: str, doc_freq: Callable[[list[str]], dict[str, int]], known: frozenset[str]
) -> str:
    """The question with each word that no passage holds and `known` lacks replaced by its
    best neighbour, if it has one; `doc_freq` counts passages by `stem_all` stem."""
    if not known:
        return question
    first = re.search(r"[A-Za-z]", question)
    found = [
        m
        for m in sorted([*_WORD.finditer(question), *_SHORT.finditer(question)],
                        key=lambda m: m.start())
        if m.group(0).lower() not in STOPWORDS
        and not _a_name(m, first.start() if first else 0)
        and m.group(0).lower() not in known
        # "probed" is known through "probe" (the stems built on first need: 40 ms)
        and stem_all([m.group(0)])[0] not in _stems(known)
        and m.group(0).lower() not in (english() or ())
    ]
    if not found:
        return question
    held = doc_freq([m.group(0) for m in found])
    out = question
    for m in reversed(found):  # right to left: earlier offsets stay valid
        word = m.group(0)
        if held.get(stem_all([word])[0], 0) > 0:
            continue
        short = len(word) < MIN_LENGTH
        fix = _swapped(word.lower()) if short else None
        if not fix and len(word) >= MIN_LENGTH - 1:
            # ("peple" → "people": a five-letter word no list knows, one letter from a word of
            # the articles of at least its length)
            fix = _neighbour(word.lower(), doc_freq, known)
        if fix:
            fix = fix.upper() if word.isupper() else fix.capitalize() if word[0].isupper() else fix
            out = out[: m.start()] + fix + out[m.end() :]
    return out


def _a_name(m: re.Match[str], first: int) -> bool:
    """A capitalised word after the question's first ("Farage"; in capitals, "NATO" is no
    name, nor is any word of a question typed all in capitals)."""
    word = m.group(0)
    return m.start() > first and word[0].isupper() and not word.isupper()


def _swapped(word: str) -> str | None:
    """The one grammar word of three letters or more that a swap of two neighbouring letters,
    a letter dropped or one added makes of a short word ("teh", "wher", "whoo"), if one."""
    for near in (_swaps(word), _inserts(word), _deletes(word)):  # "wher" is "where", not "her"
        fixes = sorted(w for w in near if w in STOPWORDS and len(w) >= 3)
        if fixes:
            return fixes[0] if len(fixes) == 1 else None
    return None


def _neighbour(
    word: str, doc_freq: Callable[[list[str]], dict[str, int]], known: frozenset[str]
) -> str | None:
    near = {w for w in _edits(word) if w[:1] == word[:1]}  # seldom a typo of the first letter
    asked = sorted(w for w in near if w in STOPWORDS and len(w) >= MIN_LENGTH - 1)
    if asked:
        return asked[0]  # "lattest" → "latest", "happend" → "happened"
    if english() is None:
        return None  # no word list to tell a typo from a rare word: question words only
    words = sorted(w for w in near if len(w) >= MIN_LENGTH - 1 and w in known)
    if not words:
        return None
    counts = doc_freq(words)
    best = max(words, key=lambda w: (counts.get(stem_all([w])[0], 0), w))
    return best if counts.get(stem_all([best])[0], 0) >= MIN_DOC_FREQ else None
