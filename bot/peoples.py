"""Places and the words for their peoples: "Greek" names Greece, "Egyptian" Egypt. A question
that asks "which Greek cities …" already names Greece, so "Greece" in a sentence is no new
name, no answer to it.

Most peoples' words are the place's own stem with an ending ("Egypt" — "Egyptian", "Sudan" —
"Sudanese", "Iraq" — "Iraqi"); the rest are listed, as English spells them."""

from __future__ import annotations

from functools import lru_cache

from index.terms import stem_all

# Endings that turn a place's stem into its people's word.
_ENDINGS = frozenset({"", "n", "an", "ian", "ean", "i", "es", "ese"})
# A place's own ending that its people's word drops: "Afghanistan" — "Afghan". (Not "-ia":
# "Nigeria" is no people of Niger, "Romania" none of Rome.)
_PLACE_ENDINGS = ("istan", "stan")
# Peoples English does not spell from the place's name.
_IRREGULAR = [
    "Greece Greek", "France French Frenchman", "Netherlands Holland Dutch",
    "Britain UK British Briton", "Wales Welsh", "Spain Spanish Spaniard",
    "Sweden Swedish Swede", "Denmark Danish Dane", "Finland Finnish Finn",
    "Poland Polish Pole", "Turkey Turkish Turk", "Ireland Irish", "Switzerland Swiss",
    "Thailand Thai", "Philippines Filipino Philippine", "Peru Peruvian",
    "Norway Norwegian", "Portugal Portuguese", "Cyprus Cypriot", "Lebanon Lebanese",
    "Congo Congolese", "Scotland Scottish Scot", "England English", "Israel Israeli",
    "Belgium Belgian", "Madagascar Malagasy", "Laos Lao Laotian", "Ghana Ghanaian",
    "Senegal Senegalese", "Azerbaijan Azeri Azerbaijani", "Belarus Belarusian",
    "Slovenia Slovene Slovenian", "Flanders Flemish", "Quebec Quebecois Quebecer",
    "Niger Nigerien", "Yemen Yemeni", "Kurdistan Kurd Kurdish", "Serbia Serb",
    "Croatia Croat", "Slovakia Slovak", "Arabia Arab",
    # ... and the places whose people's word another name would seem to make ("Nigerian" is
    # no people of Niger, "Romanian" none of Rome, "Georgian" none of George)
    "Nigeria Nigerian", "Romania Romanian", "Rome Roman", "Georgia Georgian",
]
_GROUP = {stem: i for i, words in enumerate(_IRREGULAR) for stem in stem_all(words.lower().split())}


def named_in(stem: str, asked: set[str]) -> bool:
    """Whether the question already gives this name, itself or as its people's word:
    "Egypt" is no answer to "which Egyptian resort …?" (but "Austria" is one to "which team
    did the Australians play?")."""
    if stem in asked:
        return True
    return any(_pair(stem, a) for a in asked)


@lru_cache(maxsize=1 << 16)
def _pair(one: str, other: str) -> bool:
    """A listed word is decided by the list alone; others by the endings. (Cached: every name
    of every sentence read is tried against every word of the question.)"""
    if one in _GROUP or other in _GROUP:
        return _GROUP.get(one, -1) == _GROUP.get(other, -2)
    return _people_of(one, other) or _people_of(other, one)


def _people_of(place: str, people: str) -> bool:
    bases = {place[:-1] if len(place) > 4 and place[-1] in "aeiou" else place}
    bases |= {place.removesuffix(e) for e in _PLACE_ENDINGS if place.endswith(e)}
    return any(
        len(base) > 2 and people.startswith(base) and people[len(base) :] in _ENDINGS
        for base in bases
    )
