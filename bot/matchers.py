"""Whether a sentence holds the kind of phrase a question asks for (bot/answer_type.py,
bot/answer_phrase.py), or takes a stance on a yes/no question: one matcher per question, built
once, since every sentence of the candidate pool is checked."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from bot.answer_phrase import holds
from bot.described import described, describes
from bot.priced import sum_matcher
from bot.question import QuestionInfo
from bot.truecase import names_in
from bot.yesno import stance_checker

# What was done to those a count asks about: "How many people were arrested?"
_COUNTED_DONE = re.compile(
    r"\bhow many\b[^?]{0,80}?\b(?:were|was|have been|had been|are|got|been)\s+(?:\w+ly\s+)?"
    r"([a-z]+ed|killed|hurt|held|taken|shot|slain)\b"
    # ... or what someone did to them: "How many people did police arrest?"
    r"|\bhow many\b[^?]{0,80}?\bdid\s+(?:[\w-]+\s+){1,3}?"
    r"(arrest|detain|kill|shoot|injure|wound|evacuate)\b",
    re.I,
)
# The deeds news counts, each with the words a sentence counting them uses.
_DEEDS = [
    # (not "held": "How many hostages were held?" — "took 30 hostages")
    (re.compile(r"arrest|detain", re.I),
     re.compile(r"\b(arrest\w*|detain\w*|detention|held|custody|in jail|jailed)\b", re.I)),
    (re.compile(r"shot|shoot", re.I),
     re.compile(r"\b(shot|shoot\w*|gunfire|gunned|wound\w*|injur\w*|hit|kill\w*|dead|died)\b",
                re.I)),
    (re.compile(r"kill|slain", re.I),
     re.compile(r"\b(kill\w*|dead|died|die|dying|death\w*|toll|fatal\w*|lives|slain|shot|massacr\w*|"
                r"perish\w*|drown\w*|"
                r"bodies|murder\w*|casualt\w*)\b", re.I)),
    (re.compile(r"injur|wound|hurt", re.I),
     re.compile(r"\b(injur\w*|wound\w*|hurt|hospital\w*|casualt\w*)\b", re.I)),
    (re.compile(r"evacuat|displac", re.I),
     re.compile(r"\b(evacuat\w*|displac\w*|fled|flee\w*|homeless|refugees?)\b", re.I)),
]


def type_matcher(info: QuestionInfo) -> Callable[[str, str], bool]:
    """Whether a sentence (of the article text given second) holds the kind of phrase the
    question asks for (bot.answer_type), or takes a stance on a yes/no question. Built once
    per question: every sentence of the pool is checked."""
    kind, asked = info.answer_type, set(info.stems)
    if kind in ("name", "person"):
        # ("the name of Powell's former chief of staff": a name given to the chief of staff)
        heads = described(info.text)
        return lambda sentence, text: (
            describes(sentence, heads) and holds(kind, sentence, asked, _names_of(text))
        )
    if kind == "count" and (done := _COUNTED_DONE.search(info.text)):
        deed = done.group(1) or done.group(2)
        # "How many people were arrested?" — "Several hundred thousand protesters marched"
        # counts the marchers: the count must come with a word of the deed asked about
        said = next((w for f, w in _DEEDS if f.match(deed)), None)
        if said:
            return lambda s, t: holds(kind, s, asked) and bool(said.search(s))
    if kind:
        priced = sum_matcher(info.text) if kind == "money" else None  # "what salary": no sum
        return (lambda s, t: priced(s)) if priced else (lambda s, t: holds(kind, s, asked))
    if info.yes_no:
        takes_stance = stance_checker(info.text)
        return lambda sentence, text: takes_stance(sentence)
    return lambda sentence, text: False


@lru_cache(maxsize=256)
def _names_of(article_text: str) -> frozenset[str]:
    """The words an article writes as names (bot/truecase), read once per article."""
    return frozenset(names_in([article_text]))
