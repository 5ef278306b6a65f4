"""Whether a sentence holds the kind of phrase a question asks for (bot/answer_type.py,
bot/answer_phrase.py), or takes a stance on a yes/no question: one matcher per question, built
once, since every sentence of the candidate pool is checked."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from bot.answer_phrase import holds
from bot.priced import sum_matcher
from bot.question import QuestionInfo
from bot.truecase import names_in
from bot.yesno import stance_checker


def type_matcher(info: QuestionInfo) -> Callable[[str, str], bool]:
    """Whether a sentence (of the article text given second) holds the kind of phrase the
    question asks for (bot.answer_type), or takes a stance on a yes/no question. Built once
    per question: every sentence of the pool is checked."""
    kind, asked = info.answer_type, set(info.stems)
    if kind in ("name", "person"):
        return lambda sentence, text: holds(kind, sentence, asked, _names_of(text))
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
