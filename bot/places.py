"""Yes/no questions that end on where something happened: "Was al-Hakim's cancer diagnosed in
Iran?" is answered no by "he was flown to Texas in the United States, where he was diagnosed
with lung cancer", a report of the same act in another country. Without this the sentence
repeats the question's predicate and says yes.

Which country a place lies in comes from pycountry's ISO 3166 lists (countries and their
states, provinces and regions: Texas is in the United States, Tehran in Iran): a place it does
not know (a city, a building) is no other place, since it may lie in the one asked."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.clauses import TOKEN
from bot.rank import held
from index.stopwords import STOPWORDS
from index.terms import stem_all, unaccented

_NAME = r"[A-Z][\w'’-]+(?:\s+(?:of\s+)?[A-Z][\w'’-]+)*"
# The place a question ends on, after the word it says where of: "diagnosed in Iran?",
# "was the speech given in Washington?", "study at Oxford?"
_ASKED = re.compile(rf"\b([a-z]+)\s+(?:in|at)\s+(?:the\s+)?({_NAME})\s*\?\s*$")
# A place a sentence puts something in or at (not "according to Reuters")
_SAID = re.compile(rf"\b(?:in|at)\s+(?:the\s+)?({_NAME})")
# How far, in characters, the other place may stand from the verb it says where of
_NEAR = 60


# Regions' names that are English words a sentence capitalises for other reasons ("at Most",
# "in Central", "North", "Reading" as an opening gerund)
_WORDS = frozenset(re.findall(r"\w+", """most reading store north male south bury pool west
    east central western coast sale southern northern bloke eastern rivers chin bled antique
    reunion mary grad unity plunge capital centre center"""))


@lru_cache(maxsize=1)
def _countries_by_name() -> dict[str, frozenset[str]]:
    """Lower-case, unaccented name → the codes of the countries it names or lies in (a few
    names lie in two: "Gaza"). (Imported here: a one-shot ask that never needs it does not
    pay for it.)"""
    import pycountry

    out: dict[str, set[str]] = {}

    def add(name: str | None, code: str) -> None:
        if name:
            out.setdefault(unaccented(name).lower(), set()).add(code)

    for c in pycountry.countries:
        for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            add(name, c.alpha_2)
            add(name and name.split(",")[0], c.alpha_2)  # "Iran, Islamic Republic of"
        add(c.alpha_2, c.alpha_2)  # "US", "UK" is GB's
        add(c.alpha_3, c.alpha_2)
    for s in pycountry.subdivisions:
        if unaccented(s.name).lower() not in _WORDS:
            add(s.name, s.country_code)
    for name, code in (("UK", "GB"), ("Britain", "GB"), ("Great Britain", "GB"),
                       ("England", "GB"), ("Scotland", "GB"), ("Wales", "GB"),
                       ("USA", "US"), ("America", "US"), ("Russia", "RU"),
                       ("South Korea", "KR"), ("North Korea", "KP"), ("Syria", "SY")):
        add(name, code)
    return {k: frozenset(v) for k, v in out.items()}


def countries_of(place: str) -> frozenset[str]:
    """The countries a place names or lies in, by ISO code; none for a place pycountry does
    not list (a city, a building), or an abbreviation written in lower case."""
    key = unaccented(place).lower()
    if len(key) <= 3 and not place.isupper():
        return frozenset()
    return _countries_by_name().get(key, frozenset())


def other_place(question: str, sentence: str) -> bool:
    """Whether the sentence reports the question's act (the word before its closing "in
    Iran") in another country, near that act's word: a place of another country only, so
    "in Tehran" is no "no" to "in Iran?" and "in Los Angeles" none to "in the United
    States?" (pycountry does not list cities)."""
    m = _ASKED.search(question.strip())
    if not m or m.group(1).lower() in STOPWORDS:
        return False
    asked = countries_of(m.group(2))
    verb = stem_all([m.group(1).lower()])[0]
    acts = [t for t in TOKEN.finditer(sentence) if held([verb], t.group(0))]  # "gave"
    if not asked or not acts:
        return False
    for other in _SAID.finditer(sentence):
        there = countries_of(other.group(1))
        if there and not there & asked and any(
            abs(other.start() - a.start()) <= _NEAR for a in acts
        ):
            return True
    return False
