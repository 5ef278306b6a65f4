"""Whether a question is in English, so that an abstention can say why: the embedding model
and every rule of the answer engine read English, and a question in Spanish or Russian
abstained with the same "I couldn't find this" as a question the articles do not answer, which
sent the user looking for an article that was there."""

from __future__ import annotations

import re

from index.stopwords import STOPWORDS

# The commonest function words of the languages a newsroom's users most often write in
# besides English; none of them is an English word of its own (no "die", "in", "a", "me").
_FOREIGN = frozenset(
    """
    el los las del por para con una unos como qué quién cuándo dónde cuántos fue está son
    le les des du est une qui quoi quand où combien avec sont été dans pour pas à au aux
    der das den dem des ein eine und ist nicht wer wann wurde wurden hat haben mit im zu
    auf bei sich dass
    il gli della delle che chi quando dove sono è stato stata con non
    os um uma quem quando onde foi são não com pelo pela
    het een wie wat waar wanneer niet zijn werd heeft
    """.split()  # noqa: SIM905
)
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
# A lower-case word with a diacritic is another language's ("gagné", "élection", "über"),
# but for the few English keeps ("the café owner", "a résumé").
_ACCENTED = re.compile(r"[à-öø-ÿ]")
_ENGLISH_ACCENTED = frozenset(
    "café cafés résumé résumés naïve fiancé fiancée cliché façade déjà vu rôle entrée".split()  # noqa: SIM905
)
# German endings no English word has ("kritisiert", "Verhandlungen", "Freiheit"): as telling
# as an accent.
_GERMAN_ENDING = re.compile(r"\w{3}(?:iert|ierte|ierten|ungen|keit|heit|schaft)$")
# Function words of English and German alike ("Was hat Putin in München kritisiert?"): they
# say nothing about which it is.
_BOTH = frozenset({"was", "in", "so", "man", "will", "war"})
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")


def looks_foreign(question: str) -> bool:
    """True only when the question is plainly in another language: mostly letters outside the
    Latin alphabet (Cyrillic, Arabic, Chinese …), Spanish's opening "¿", or two foreign
    function words or accented words ("gagné") or more, and more than English ones. Names
    never count ("Kibaki Odinga deal?", "El Salvador election results?", "Der Spiegel
    report?")."""
    if question.lstrip()[:1] in ("¿", "¡"):
        return True
    letters = _LETTER.findall(question)
    if letters and sum(1 for ch in letters if not _LATIN.match(ch)) > len(letters) / 2:
        return True
    words = _WORD.findall(question)
    # A capitalised word after the first is a name's ("El Salvador", "Der Spiegel").
    function = [w.lower() for i, w in enumerate(words) if i == 0 or not w[:1].isupper()]
    grammar = sum(1 for w in function if w in _FOREIGN)
    accented = sum(
        1
        for w in function
        if (_ACCENTED.search(w) and w not in _ENGLISH_ACCENTED | _FOREIGN)
        or _GERMAN_ENDING.search(w)
    )
    # ("was", "in" are German only beside a German ending: "was el chapo in los angeles?" is
    # English typed in lower case)
    german = any(_GERMAN_ENDING.search(w) for w in function)
    english = sum(1 for w in function if w in STOPWORDS and not (german and w in _BOTH))
    # Accents alone are dishes and brands ("Did Nestlé recall crème brûlée?"): one function
    # word at least must be foreign.
    return grammar >= 1 and grammar + accented >= 2 and grammar + accented > english


def valid_text(text: str) -> str:
    """The text with bytes that were not UTF-8 (a terminal in another encoding; Python keeps
    them as lone surrogates, which the tokenizer refuses) turned into U+FFFD."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "replace")
    return raw.decode("utf-8", "replace")
