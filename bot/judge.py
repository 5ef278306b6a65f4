"""Which quote decides a yes/no question, and whether it can decide it at all (the verdict
itself is bot/yesno's); and which quote an answer leads with."""

from __future__ import annotations

import re

from bot.places import other_place
from bot.question import QuestionInfo, main_clause
from bot.rank import Candidate, held, time_fit
from bot.subject import done_by_other, named_doer, names_subject, speaks_of_subject
from bot.truecase import names_in
from bot.yesno import UNCLEAR, predicate_stems
from bot.yesno import verdict as _verdict
from index.stopwords import STOPWORDS
from index.terms import query_terms, stem_all


def decide(
    question: str, info: QuestionInfo, chosen: list[Candidate], complete: bool = False
) -> str:
    """Yes, no or UNCLEAR from the quotes, as their judge (`judge_of`) says. With `complete`,
    only a judge that says every word of the predicate (itself or through the lexicon)
    decides: a second article asked after the best one left it open must say what was asked
    ("approved the pay agreement"), not only name part of it ("Did Mugabe withdraw from the
    runoff?" — "a sweeping victory in the unopposed run-off")."""
    quotes = [c.passage.article_text[c.start : c.end] for c in chosen]
    judge, share = _judging(question, chosen, quotes)
    if complete and share is not None and share < 1.0:
        return UNCLEAR
    said = judge.passage.article_text[judge.start : judge.end]
    verdict = _verdict(question, said, quotes)
    if verdict == "yes" and other_place(question, said):
        verdict = "no"  # "diagnosed in Iran?" — "flown to Texas, where he was diagnosed"
    if verdict != UNCLEAR and not settles(info, judge, said):
        return UNCLEAR
    return verdict


def leading(
    question: str,
    info: QuestionInfo,
    chosen: list[Candidate],
    best: Candidate,
    verdict: str | None = None,
) -> Candidate:
    """The quote an answer leads with: for yes/no, its judge (or, for a `verdict` of no that
    another quote decided, that quote); for a follow-up, the best of
    the quotes that hold every word of its own ("what did she stress?" after "did Mexico
    accept troops?" — "Sheinbaum stressed …", not the story's lead, which its context's words
    rank first); else the best."""
    if info.yes_no:
        judge = judge_of(question, chosen)
        return _deciding(question, chosen, judge) if verdict == "no" else judge
    own = [s for s in stem_all(query_terms(info.text)) if s]
    if not own or set(own) == set(info.stems):
        return best
    holding = [c for c in chosen
               if len(held(own, c.passage.article_text[c.start : c.end])) == len(own)]
    return max(holding, key=lambda c: c.score) if holding else best


def _deciding(question: str, chosen: list[Candidate], judge: Candidate) -> Candidate:
    """For a no: the judge, unless it says yes alone; then the quote that says no ("Was
    Milinkievič the only leader jailed?" — "No." leads with "Other opposition leaders … were
    also jailed", not with his own jailing)."""
    quotes = [c.passage.article_text[c.start : c.end] for c in chosen]
    if _verdict(question, judge.passage.article_text[judge.start : judge.end]) != "yes":
        return judge
    saying_no = [c for c, q in zip(chosen, quotes, strict=True) if _verdict(question, q) == "no"]
    return judge_of(question, saying_no) if saying_no else judge


def judge_of(question: str, chosen: list[Candidate]) -> Candidate:
    """The quoted sentence most about what was asked, which decides: "Did Trump offer
    troops?" is not answered by "Sheinbaum declined", even when that ranks first."""
    quotes = [c.passage.article_text[c.start : c.end] for c in chosen]
    return _judging(question, chosen, quotes)[0]


def _judging(
    question: str, chosen: list[Candidate], quotes: list[str]
) -> tuple[Candidate, float | None]:
    """The judge, and the share of the question's predicate it says (None: no predicate)."""
    predicate = [w for w in _predicate(question) if w not in _names(question, quotes)]
    answered = predicate_stems(question)
    complement = _complement(question)
    complement = complement if complement in predicate else ""

    def on_predicate(c: Candidate) -> float:
        """Share of the question's predicate words the quote itself says (or answers through
        the lexicon: "declined" for "accept"); names say what it is about, not whether."""
        if not predicate:
            return 0.0
        said = c.passage.article_text[c.start : c.end]
        got = set(held(predicate, said)) | (answered(said) & set(predicate))
        # (the adjective a copula question ends on weighs as much as all its other words)
        weight = len(predicate) if complement else 0
        return (len(got) + (weight if complement in got else 0)) / (len(predicate) + weight)

    anyone = bool(_ANY.search(question))

    def none_said(c: Candidate) -> bool:
        """Of two quotes as close to an "anyone" question, the one saying "no one" answers
        it ("Did anyone claim responsibility for the attack?" — "No one has claimed
        responsibility", not the report of the attack)."""
        return anyone and bool(_NONE.search(c.passage.article_text, c.start, c.end))

    judge = max(chosen, key=lambda c: (
        on_predicate(c), none_said(c), not _until_then(c), round(c.words, 2), c.score
    ))
    return judge, (on_predicate(judge) if predicate else None)


# "Were BCE's talks with the pension fund consortium exclusive?" asks whether they were
# exclusive: "this process is not exclusive" decides, not the report of the talks.
_COPULA_END = re.compile(
    r"^\s*(?i:is|are|was|were)\b.*\s(?!(?:the|a|an|its|his|her|their)\s)[\w'’-]+\s"
    r"([a-z][\w-]*(?:ive|al|ous|ent|ant|ful|less|ic|ble|ary|ory|id))\s*\?\s*$"
)


def _complement(question: str) -> str:
    """The stem of the adjective a copula question ends on, "" for none."""
    m = _COPULA_END.match(main_clause(question))
    return stem_all([m.group(1)])[0] if m else ""


# "had not", "had never": how news says what was so until its own story ("though because it
# had not conducted a nuclear test its capability remained ambiguous", in the report of the
# test).
# (in a clause of cause or concession: "By Friday, Iran had not responded" is the news)
_HAD_NOT = re.compile(
    r"\b(?:because|though|although|since|as|while|until)\b[^,;.]{0,60}?\bhad(?:\s+not|n['’]t|"
    r"\s+never)\b",
    re.I,
)


def _until_then(c: Candidate) -> bool:
    """Whether the quote says what had not happened before: a quote as close to the
    question that does not is the surer judge."""
    return bool(_HAD_NOT.search(c.passage.article_text, c.start, c.end))


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
        not _stance_without_words(info.text, said)
        or not names_subject(info.text, [p.title, before, said])
    ):
        # a stance through the lexicon alone, about someone else: "Did Mexico accept US
        # troops?" was a "Yes." from "The U.S. Senate passed the treaty in June."
        return False
    if not speaks_of_subject(info.text, [p.title, before, said]):
        return False
    if done_by_other(info.text, said, _predicate(info.text)) or named_doer(info.text, said):
        return False  # "… facing Mugabe …, before he announced he was withdrawing"
    if info.date_from and time_fit(info, p.date) < 0.5 and not judge.on_day:
        words = set(re.findall(r"\w+", said.lower()))
        return bool(words & info.date_terms)  # whole words: "mayor" does not name May
    return True


_ANY = re.compile(r"\bany(one|body|thing)?\b", re.I)
_NONE = re.compile(r"\b(no|none|nobody|nothing|no-one|no one)\b", re.I)


def _stance_without_words(question: str, said: str) -> bool:
    """Whether a quote holding none of the question's own words can still answer it: through
    the lexicon ("Did Sheinbaum accept the troops?" — "Sheinbaum declined"), or as a "no X"
    to an "any" question ("Was anybody hurt?" — "there were no injuries"). A negation of
    something else cannot: "Did Tsvangirai withdraw from the runoff?" was a "No." from "he
    feels 'quite safe' and 'not at all afraid'"."""
    if predicate_stems(question)(said):
        return True
    return bool(_ANY.search(question)) and bool(_NONE.search(said))


def _predicate(question: str) -> list[str]:
    """The stems of the question's lower-case content words, its names aside: what a yes/no
    question asks about ("Did Gap drop Sarah Jessica Parker?" — "drop"). "Gap will always
    seek partnerships … we don't have any future plans" names both and answers neither; "the
    clothier said it was dropping the star" does."""
    main = main_clause(question)[:500]  # (a question, not a pasted article)
    m = _TRAILING.search(main)
    asked = main[: m.start()] if m else main
    core = _without_relatives(asked)
    if _DO.match(core):
        core = _DESCRIBED_BY.sub(" ", core)
    return _lower_words(core) or _lower_words(asked) or _lower_words(main)


# A relative clause describing a noun of the question, and (after "did …" and its verb) a
# participle describing its object: which one is meant, not what is asked ("Did the judge
# remove the juror accused of posting about the trial on Facebook?" asks about the
# removing; "… its helicopter that crashed near Herat had been shot down?" about the shooting).
_SAYING = (
    "say|said|says|claim|claimed|admit|admitted|deny|denied|confirm|confirmed|announce|"
    "announced|believe|believed|think|thought|know|knew|agree|agreed|suggest|suggested|"
    "report|reported|insist|insisted|argue|argued|warn|warned|fear|feared|hope|hoped|"
    "expect|expected|show|showed|find|found|rule|ruled|decide|decided|declare|declared|"
    "acknowledge|acknowledged|indicate|indicated|mean|meant|accept|accepted|concede|conceded"
)
_SAID = frozenset(_SAYING.split("|"))
_RELATIVE = re.compile(
    r"(?<=[a-z])\s+(?:who|which|that)\s+(?:\w+ed|was|were|had|has|is|are)\b"
    r".*?(?=\s+(?:had|has|have|was|were|is|are|would|will)\b|\?|$)",
    re.I,
)


def _without_relatives(text: str) -> str:
    """The text without its relative clauses ("that" after a verb of saying begins what was
    said: "Did Iran admit that it had fallen behind?")."""
    def drop(m: re.Match[str]) -> str:
        before = re.findall(r"\w+", text[: m.start()])
        said = before and before[-1].lower() in _SAID
        # (in "Was the woman who was arrested released?" the clause runs into the predicate:
        # only a clause that a verb follows, or one after "did …"'s verb, is left out)
        last = m.end() >= len(text.rstrip(" ?")) and not _DO.match(text)
        return m.group(0) if said or last else " "

    return _RELATIVE.sub(drop, text)


_DO = re.compile(r"^\s*(?:do|does|did|will|would|can|could|should)\b", re.I)
_DESCRIBED_BY = re.compile(
    r"(?<=[a-z])\s+(?:accused|charged|suspected|convicted|alleged|arrested|detained|held|"
    r"killed|wounded|injured|kidnapped|seized|involved|linked)\s+(?:of|with|in|for|over|by|to)\b"
    r"[^?]*",
    re.I,
)


# A trailing clause of time or cause: the background, as a leading one is ("Did Toyota admit
# wrongdoing when it agreed to pay the record fine?" asks about the admitting).
_TRAILING = re.compile(
    r",?\s+\b(?:when|whenever|after|before|while|although|though|despite|once)\b"
    r"[^?]*\??\s*$",
    re.I,
)


def _holds_a_word_asked(question: str, said: str) -> bool:
    """Whether the quote holds one of the question's lower-case content words (its names
    aside), in any form; True when it has none."""
    stems = [w for w in _lower_words(question) if w not in _names(question, [said])]
    return not stems or bool(held(stems, said))


def _names(question: str, quotes: list[str]) -> set[str]:
    """For a question typed all in lower case, the stems of the words the quotes write as
    names (bot/truecase): its names, which it writes as it writes its verbs ("did cameron
    resign over the panama papers?" — "Cameron", "Panama Papers"; the question was recased
    from the passages found first, but a name those did not write often enough is one the
    quotes may). None for a question with capitals: its lower-case words are its own ("Is
    Prince Harry leaving the army?" asks about the army, whatever "the British Army" of a
    quote)."""
    if not question[1:].islower():
        return set()
    return set(stem_all(sorted(names_in(quotes))))


def _lower_words(text: str) -> list[str]:
    """The stems of the lower-case content words after the first: a question's own words,
    its names aside."""
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", text)[1:] if w.islower()]
    # (a stem that is a stopword, "on" of "one", meets every "on")
    return [s for s in stem_all(sorted(set(query_terms(" ".join(words))))) if s not in STOPWORDS]
