"""Words and stems: a question's content terms, the keyword index's tokens and terms, and the
stems of titles and sentences that the build stores per chunk for the answer engine.

Two tokenizations on purpose: the keyword index's tokens are FTS5 `porter unicode61`'s (runs of
letters and digits, folded, so its BM25 scores equal the FTS5 index it replaced over the same
text), while the answer engine matches `\\w+` words (bot/rank.py). `KeywordIndex.doc_freq` maps
one onto the other. Both also hold each hyphenated word joined up (`joined_compounds`).
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from functools import lru_cache

from index.stopwords import STOPWORDS

_WORD = re.compile(r"[\w][\w'’.-]*\w|\w")


# The wh-phrase says what kind of answer is wanted, not what the answer is about.
_WH_PHRASE = re.compile(
    r"\b(how (many|much|long|often|far|big|large|old|badly)|roughly|approximately|about how|"
    r"what (share|percentage|proportion|kind|type|sort) of|"
    r"what (is|was|are|were) the names? of)\b"
)


def query_terms(text: str) -> list[str]:
    """Content words of a question, lower-cased, without stopwords, in order, deduplicated.
    Hyphenated words are split as the index tokenizer splits them ("state-of-war"). (Not also
    joined up: "post-election" then weighed as a rare word of its own, and an unanswerable
    question about a story's aftermath was answered.)"""
    terms: list[str] = []
    for m in _WORD.finditer(_WH_PHRASE.sub(" ", text.lower())):
        w = re.sub(r"['’]s$", "", m.group(0).strip(".'’-"))
        for part in re.split(r"[-.'’]+", w):
            if part and part not in STOPWORDS and part not in terms:
                terms.append(part)
    return terms


@lru_cache(maxsize=1)
def _stemmer():  # noqa: ANN202 - PyStemmer has no type hints
    import Stemmer

    return Stemmer.Stemmer("porter")


def stem_all(words: list[str]) -> list[str]:
    """Porter stems of lower-cased words without their diacritics, as the keyword index
    stems its tokens: "dusseldorf" and "basescu", as users type them, are the articles'
    "Düsseldorf" and "Băsescu"."""
    return _stemmer().stemWords([fold(w) for w in words])


# The combining-mark blocks: what is left of a diacritic once NFKD has split it off.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case without diacritics ("Wałęsa" → "wałesa", "José" → "jose"), as FTS5's
    unicode61 tokenizer folds them."""
    return unaccented(text.lower())


def unaccented(text: str) -> str:
    """The text without diacritics, its case kept ("Chávez" → "Chavez")."""
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def name_key(word: str) -> str:
    """A name as counted and compared: folded ("basescu" is "Băsescu"), without a
    possessive."""
    return fold(word).removesuffix("'s").removesuffix("’s")


_INDEX_TOKEN = re.compile(r"[^\W_]+")
_ASCII_SEPARATORS = {i: " " for i in range(128) if not chr(i).isalnum()}


def index_tokens(text: str) -> list[str]:
    """The keyword index's tokens: runs of letters and digits, folded, and each hyphenated
    word once more joined up (`joined_compounds`)."""
    text = fold(text)
    if text.isascii():  # the same tokens, twice as fast as the regular expression
        tokens = text.translate(_ASCII_SEPARATORS).split()
    else:
        tokens = _INDEX_TOKEN.findall(text)
    return tokens + joined_compounds(text) if "-" in text else tokens


# A word of letters in two or more hyphenated parts ("run-off", "re-elected", "e-mail"); not
# figures ("2008-09") and not a dash between words ("Kenya - the").
_COMPOUND = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")


def joined_compounds(text: str) -> list[str]:
    """Each hyphenated word of the text written as one ("run-off" → "runoff"), lower-cased:
    a question says "runoff" or "reelected" of articles that say "run-off" (27 times in the
    Wikinews corpus, "runoff" twice) and "re-elected" (17 times, "reelected" never). Both
    spellings then meet, in the keyword index and in the stems the answer engine matches."""
    return [m.group(0).replace("-", "").lower() for m in _COMPOUND.finditer(text)]


def index_stem(token: str) -> str:
    """A token's term: its Porter stem, except for tokens shorter than 3 or longer than 64
    characters, which FTS5's porter tokenizer leaves alone (PyStemmer turns "s" into "")."""
    return _stemmer().stemWord(token) if 3 <= len(token) <= 64 else token


_STEM_TOKEN = re.compile(r"\w+")  # the answer engine's tokens (bot/rank.py)


def word_stems(text: str) -> list[str]:
    """The distinct Porter stems of a text's `\\w+` words, in order of first appearance, and
    of its hyphenated words joined up (`joined_compounds`)."""
    words = _STEM_TOKEN.findall(text)
    if "-" in text:
        words += joined_compounds(text)
    return list(dict.fromkeys(stem_all(words)))


def encode_stems(title: list[str], sentences: list[list[str]]) -> str:
    return json.dumps({"title": title, "sentences": sentences}, ensure_ascii=False)


def stems_json(title: str, article_text: str, sentences: list[tuple[int, int]]) -> str:
    """What `Passage.title_stems` / `Passage.sentence_stems` are read from (chunks.stems): the
    stems of the title and of each sentence, computed once at build time instead of on every
    question."""
    return encode_stems(word_stems(title), [word_stems(article_text[s:e]) for s, e in sentences])


def parse_stems(value: str | None) -> tuple[list[str] | None, list[list[str]] | None]:
    if not value:
        return None, None
    data = json.loads(value)
    return data["title"], data["sentences"]


def fill_missing_stems(db: sqlite3.Connection, batch: int = 5000) -> int:
    """Computes chunks.stems where it is missing (chunks written before it existed)."""
    done, last = 0, -1
    while True:
        rows = db.execute(
            "SELECT c.id, c.sentences, a.title, a.text FROM chunks c "
            "JOIN articles a ON a.id = c.article_id WHERE c.stems IS NULL AND c.id > ? "
            "ORDER BY c.id LIMIT ?",
            (last, batch),
        ).fetchall()
        if not rows:
            return done
        db.executemany(
            "UPDATE chunks SET stems = ? WHERE id = ?",
            [(stems_json(title, text, json.loads(sents)), cid) for cid, sents, title, text in rows],
        )
        done += len(rows)
        last = rows[-1][0]


# Irregular verbs, whose forms Porter stemming leaves apart ("begin" / "began", "win" / "won",
# "pay" / "paid"): a question asks "When did the strike begin?" of "the walkout began on March
# 2". News verbs only; forms that are as often other words ("saw", "found", "ground", "left",
# "led", "borne") left out.
_IRREGULAR = (
    "begin began begun|win won winner|own owner|buy bought|sell sold|pay paid|take took taken|"
    "give gave given|tell told|say said|make made|hold held|meet met|fall fell fallen|"
    "rise rose risen|grow grew grown|shoot shot|strike struck|fight fought|bring brought|"
    "think thought|send sent|spend spent|build built|keep kept|lose lost|run ran|"
    "come came|go went gone|get got gotten|stand stood|choose chose chosen|drive drove driven|"
    "fly flew flown|break broke broken|speak spoke spoken|write wrote written|know knew known|"
    "throw threw thrown|seek sought|catch caught|teach taught|freeze froze frozen|"
    "hide hid hidden|steal stole stolen|swear swore sworn|withdraw withdrew withdrawn|"
    "undertake undertook undertaken|arise arose arisen|feel felt|hear heard|flee fled|"
    "draw drew drawn|shake shook shaken|forgive forgave forgiven|forget forgot forgotten|"
    "sink sank sunk|sting stung|deal dealt|sweep swept|understand understood|"
    "uphold upheld|withhold withheld|oversee oversaw overseen|overthrow overthrew overthrown|"
    "mislead misled|become became|overcome overcame|sit sat|tear tore torn|"
    "wear wore worn|lend lent|bend bent|sleep slept|dig dug|hang hung|ride rode ridden"
)


@lru_cache(maxsize=1)
def verb_forms() -> dict[str, frozenset[str]]:
    """Each stem of an irregular verb's forms → the stems of all its forms."""
    out: dict[str, frozenset[str]] = {}
    for family in _IRREGULAR.split("|"):
        stems = frozenset(stem_all(family.split()))
        for st in stems:
            out[st] = stems
    return out
