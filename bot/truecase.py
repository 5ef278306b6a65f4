"""The names of a question typed all in lower case, capitalised as the articles write them.

"was peter andren a member of the labor party?" abstained where "Was Peter Andren a member of
the Labor Party?" answered: a question's capitals are how the engine tells its names from
its words (a full name's surname stands for it, a yes/no question's subject must be named, a
lower-case word is what it asks about). Typed in lower case, a question has none; the
passages it finds have them. The model is uncased and the keyword index folds case, so the
search itself is the same either way: only the reading of the question changes.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable

from bot.subject import TITLES
from index.stopwords import STOPWORDS
from index.terms import name_key

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CAPITAL = re.compile(r"\b[A-Z][\w'’-]*")
# What a sentence's, a paragraph's or a quotation's first word follows.
_OPENS = ".!?:;\"“”‘’'()[]\n"
# Pronouns a question types in lower case that are no names ("did the us …" is ambiguous).
_NOT_NAMES = frozenset(["us", "i"])
# Times of the year are capitalised in English, yet no name of anyone.
_CALENDAR = frozenset(
    [m.lower() for m in calendar.month_name if m] + [d.lower() for d in calendar.day_name]
)
# Seen at least this many times, mostly capitalised, in the passages found (or never in lower
# case: "Harwick Foods", named once).
MIN_SEEN = 2


def lower_typed(question: str) -> bool:
    """Whether the question has letters and no capital at all ("did andren support the iraq
    war"); one capital at its start is its writer's habit, not a name ("Did andren …")."""
    letters = [c for c in question[1:] if c.isalpha()]
    return bool(letters) and not any(c.isupper() for c in letters)


def truecased(question: str, texts: Iterable[str]) -> str:
    """The question with each of its words that the texts write as a name (`names_in`)
    capitalised; the rest as typed."""
    texts = list(texts)
    names = names_in(texts)

    def recase(m: re.Match[str]) -> str:
        word = m.group(0)
        return word[0].upper() + word[1:] if name_key(word) in names else word

    recased = _WORD.sub(recase, question)
    # A surname that is also a word ("press", "rice", "young") is a name right after the
    # first name the passages write it with: "jim press" — "said Jim Press, the Vice Chairman".
    # (as a name inside a sentence, not a headline's Title Case: "Merkel Wins Third Term")
    joined = "\n".join(texts)

    def surname(m: re.Match[str]) -> str:
        first, last = m.group(1), m.group(2)
        name = f"{first} {last[0].upper()}{last[1:]}"
        if last in STOPWORDS or not re.search(
            rf"\b{re.escape(name)}\b(?!['’]?\w*\s+[A-Z])", joined
        ):
            return m.group(0)
        return name

    return _AFTER_NAME.sub(surname, recased)


# A capitalised word, then a lower-case one.
_AFTER_NAME = re.compile(r"\b([A-Z][\w'’-]*) ([a-z][\w'’-]*)\b")


def names_in(texts: Iterable[str]) -> set[str]:
    """The words (folded, without a possessive) the texts write capitalised inside their
    sentences more often than in lower case, at least MIN_SEEN times or never in lower case;
    never a question word, a month or a title ("Ghana's president": a title, capitalised
    before a name only)."""
    capital: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for text in texts:
        for m in _CAPITAL.finditer(text):
            i = m.start() - 1
            while i >= 0 and text[i] in " \t":
                i -= 1
            if i >= 0 and text[i] not in _OPENS:  # inside a sentence
                capital[name_key(m.group(0))] += 1
        for m in _WORD.finditer(text):
            if m.group(0).islower():
                lower[name_key(m.group(0))] += 1
    return {
        key
        for key, n in capital.items()
        if n > lower[key] and (n >= MIN_SEEN or not lower[key])
        and key not in STOPWORDS and key not in _CALENDAR and key not in TITLES
        and key not in _NOT_NAMES
    }

