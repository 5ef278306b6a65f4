"""Which quote decides a yes/no question, and whether it can decide it at all: the verdict
itself is bot/yesno's."""

from __future__ import annotations

import re

from bot.clauses import TOKEN
from bot.question import QuestionInfo, main_clause
from bot.rank import Candidate, held, time_fit
from bot.subject import SUBJECT_RUN, TITLES, speaks_of_subject, subject_word
from bot.yesno import UNCLEAR, predicate_stems
from bot.yesno import verdict as _verdict
from index.stopwords import STOPWORDS
from index.terms import query_terms, stem_all


def decide(question: str, info: QuestionInfo, chosen: list[Candidate]) -> str:
    """Yes, no or UNCLEAR from the quotes. The quoted sentence most about what was asked
    decides: "Did Trump offer troops?" is not answered by "Sheinbaum declined", even when
    that ranks first."""
    predicate = _predicate(question)
    answered = predicate_stems(question)

    def on_predicate(c: Candidate) -> float:
        """Share of the question's predicate words the quote itself says (or answers through
        the lexicon: "declined" for "accept"); names say what it is about, not whether."""
        if not predicate:
            return 0.0
        said = c.passage.article_text[c.start : c.end]
        return len(set(held(predicate, said)) | (answered(said) & set(predicate))) / len(
            predicate
        )

    judge = max(chosen, key=lambda c: (on_predicate(c), round(c.words, 2), c.score))
    said = judge.passage.article_text[judge.start : judge.end]
    quotes = [c.passage.article_text[c.start : c.end] for c in chosen]
    verdict = _verdict(question, said, quotes)
    if verdict != UNCLEAR and not settles(info, judge, said):
        return UNCLEAR
    return verdict


def settles(info: QuestionInfo, judge: Candidate, said: str) -> bool:
    """Whether the deciding quote can say yes or no at all: it (or the sentence before it,
    or its title) must name the question's subject ("Did Marta Okafor resign?" is not
    settled by "Daniel Reyes resigned", whoever the other quotes name),
    and from the time the question names ("Did the strike end in 2024?" is not settled by
    a report of 2025 that does not name 2024). A quote that takes no stance must hold a
    word the question asks with, not only its names: "Was Dmitry Medvedev elected?" was a
    "Yes." from "… the position of Russian President Dmitry Medvedev …"."""
    p = judge.passage
    start = p.sentences[judge.index - 1][0] if judge.index else judge.start
    before = p.article_text[start : judge.start]
    if not _holds_a_word_asked(info.text, said) and (
        not judge.typed or not _names_subject(info.text, [p.title, before, said])
    ):
        # a stance through the lexicon alone, about someone else: "Did Mexico accept US
        # troops?" was a "Yes." from "The U.S. Senate passed the treaty in June."
        return False
    if not speaks_of_subject(info.text, [p.title, before, said]):
        return False
    if info.date_from and time_fit(info, p.date) < 0.5 and not judge.on_day:
        words = set(re.findall(r"\w+", said.lower()))
        return bool(words & info.date_terms)  # whole words: "mayor" does not name May
    return True


def _predicate(question: str) -> list[str]:
    """The stems of the question's lower-case content words, its names aside: what a yes/no
    question asks about ("Did Gap drop Sarah Jessica Parker?" — "drop"). "Gap will always
    seek partnerships … we don't have any future plans" names both and answers neither; "the
    clothier said it was dropping the star" does."""
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", main_clause(question))[1:] if w.islower()]
    return stem_all(sorted(set(query_terms(" ".join(words)))))


def _names_subject(question: str, texts: list[str]) -> bool:
    """Whether the texts name the question's subject in any form ("Mexican" for "Mexico");
    True when it has none."""
    question = main_clause(question)
    named = [w for w in TOKEN.findall(m.group(1)) if w.lower() not in TITLES and not w.isupper()
             ] if (m := SUBJECT_RUN.match(question)) else []
    # A name by its last word ("Did President Obama sign …?" — "Obama vetoed it"); else the
    # subject noun, unless it is nobody in particular or an abbreviation ("Did the U.S. …?")
    subject = stem_all([named[-1].lower()])[0] if named else subject_word(question)
    if m and not named:
        return True
    if subject is None or subject in STOPWORDS or subject in _ANYONE or len(subject) <= 2:
        return True  # "Was anybody hurt?" — "There were no injuries"
    return any(held([subject], text) for text in texts)


_ANYONE = frozenset(stem_all(["anybody", "anyone", "somebody", "someone", "everybody",
                              "everyone", "nobody", "anything", "something", "people"]))


def _holds_a_word_asked(question: str, said: str) -> bool:
    """Whether the quote holds one of the question's lower-case content words (its names
    aside), in any form; True when it has none."""
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", question)[1:] if w.islower()]
    stems = stem_all(sorted(set(query_terms(" ".join(words)))))
    return not stems or bool(held(stems, said))
