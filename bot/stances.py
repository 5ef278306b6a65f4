"""How a sentence meets a yes/no question's predicate through the lexicon of news predicates
(bot/predicates.py): repeats it, contradicts it, denies a contradiction, negates it or only
supposes it; and whether it says so right after the question's subject or right before the
question's own object. bot/yesno.py weighs these into a verdict."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from bot.answer_phrase import NAME
from bot.clauses import IF, TOKEN, Text
from bot.predicates import CONTRADICTS, GROUPS, REFUSAL, word_pattern
from bot.subject import aimed_at, heads_of, led_by, subject_word
from index.terms import query_terms, stem_all


def content(question: str) -> set[str]:
    """The stems of the question's content words, names and all (not U.S.'s "u")."""
    return {st for st in stem_all(query_terms(question.lower())) if len(st) > 1}


@dataclass
class Stance:
    """How a sentence meets the question's predicate, for the predicates of CONTRADICTS.
    "Did X agree?" — "X declined": contradicted; "did X reject it?" — "it will never be
    accepted": a contradiction denied; "did X reject it?" — "X rejected the offer, saying ...
    was not negotiable": repeated, as the "not" is in another clause; "Romania declined to
    withdraw": negated; "threatened to withdraw", "if Romania withdraws": supposed."""

    contradicted: bool = False
    denied: bool = False
    repeated: bool = False
    # ... right before the question's own object ("denies any wrongdoing" for "did he admit
    # any wrongdoing?"), which decides over the same verb said of something else
    contradicted_object: bool = False
    repeated_object: bool = False
    # ... right after the question's subject ("Hussein escaped, but twelve civilians were
    # killed" for "Was Hussein killed?"), which decides over the verb said of others
    contradicted_led: bool = False
    repeated_led: bool = False
    supposed: bool = False
    negated: bool = False
    # where each repetition's clause goes on, and each negation's sentence: what each is of
    repeated_at: list[tuple[int, int]] = field(default_factory=list)
    negated_at: list[tuple[int, int]] = field(default_factory=list)


def asked_claims(claims: tuple[str, ...], q: Text, gerunds_only: bool = True) -> list[str]:
    """The claim words the question asks about itself: "did Trump want Mexico to accept
    troops?" asks about the wanting, not the accepting; "did Iran agree not to enrich?" asks
    about a negated predicate, which the plain negation check compares. A claim word that is
    itself the question's frame (that "want") is not the lexicon's "want" of "Does Mexico want
    US troops?". Nor is a claim the question names as a thing after an article or a possessive
    ("the president's killing"; with `gerunds_only` off, "the death sentences" too)."""
    return [
        c
        for c in claims
        if any(
            not q.wished(m.start(), m.end())
            and not q.negated(m.start(), m.end())
            and not q.is_frame(m.start(), m.end())
            and not _charge(q, m.start())
            and not _named_deed(q.s, m.start(), gerunds_only)
            and q.opener(m.start(), m.end()) not in IF  # "penalised if they leave?"
            for m in re.finditer(word_pattern(c), q.s)
        )
    ]


# What a verdict or a charge is of: "convicted of murder" asks about the conviction, and
# "acquitted of killing the teenager" repeats no killing.
_CHARGE = re.compile(
    r"\b(convicted|acquitted|guilty|cleared|accused|suspected|charged|innocent)\s+(of|with)\s+"
    r"(the\s+|a\s+)?$"
)


def _charge(t: Text, start: int) -> bool:
    return bool(_CHARGE.search(t.s, max(0, start - 40), start))


# A deed named as a thing, not done: "Did the military describe the president's killing as a
# coup?" asks about the describing, and "was killed by the army" repeats nothing of it.
_OWNED = re.compile(r"(?:['’]s?|\b(?:the|a|an|his|her|its|their))\s+$")
_GERUND = re.compile(r"\w*ing\b")


def _named_deed(s: str, start: int, gerunds_only: bool = True) -> bool:
    """Whether the claim word at `start` names a thing: it follows an article or a possessive
    (with `gerunds_only`, and is an -ing form: "the killing", not "the death sentence")."""
    owned = bool(_OWNED.search(s, max(0, start - 12), start))
    return owned and (not gerunds_only or bool(_GERUND.match(s, start)))


def stances(q: Text, t: Text) -> Stance:
    """`q` is the question's text (its own future is no plan), `t` the sentence's."""
    st = Stance()
    subject, heads = subject_word(q.s), heads_of(q.text)
    objects = content(q.text) - set(stem_all(TOKEN.findall(" ".join(
        m.group(0) for g in GROUPS for m in g.finditer(q.s)))))
    # A claim the question names as a thing ("overturn the death sentences?") is what its
    # verb is done to, once another claim is asked as a verb: "upheld the death sentence"
    # repeats the sentence and contradicts the overturning.
    done = [asked_claims(p.claims, q, gerunds_only=False) for p in CONTRADICTS]
    for p, verbs in zip(CONTRADICTS, done, strict=True):
        asked = verbs if any(done) else asked_claims(p.claims, q)
        if not asked:
            continue
        for c in p.claims if p.figure or p.synonyms else asked:
            for m in re.finditer(word_pattern(c), t.s):
                if (p.figure and not led_by(heads, t, m.start())) or t.in_name(m.start()):
                    continue
                if _charge(t, m.start()):
                    continue  # "acquitted of murder" says no murder happened or not
                if t.opener(m.start(), m.end()) in IF or t.open_question(m.start(), m.end()):
                    st.supposed = True  # "if Romania does not withdraw": a condition
                elif t.negated(m.start(), m.end()):
                    st.negated = True  # also "will not withdraw"
                    st.negated_at.append((m.end(), len(t.s)))
                elif t.wished(m.start(), m.end()):
                    st.supposed = True
                else:
                    st.repeated = True
                    st.repeated_at.append((m.end(), t.clause(m.end(), m.end())[1]))
                    st.repeated_object |= _object_follows(t, m.end(), objects)
                    st.repeated_led |= led_by(heads, t, m.start())
        for c in p.contradictions:
            if re.search(word_pattern(c), q.s):
                continue
            for m in re.finditer(word_pattern(c), t.s):
                if (p.figure and not led_by(heads, t, m.start())) or t.in_name(m.start()):
                    continue
                if p.main_clause_only and t.side_clause(m.start(), m.end()):
                    continue
                if t.opener(m.start(), m.end()) in IF:
                    st.supposed = True
                elif subject and REFUSAL.match(m.group(0)) and aimed_at(subject, t, m.end()):
                    continue  # "She rejected the union's demand": not the union rejecting
                elif t.negated(m.start(), m.end(), after=False):
                    st.denied = True  # also "will never be accepted"
                elif t.wished(m.start(), m.end()):
                    st.supposed = True  # "threatened to resign if the bill fails"
                else:
                    st.contradicted = True
                    st.contradicted_object |= _object_follows(t, m.end(), objects)
                    st.contradicted_led |= led_by(heads, t, m.start()) and not t.side_clause(
                        m.start(), m.end())  # ("the suspect, who escaped last year, was …")
    return st


def negated_of_name(question: str, t: Text, st: Stance) -> bool:
    """Whether the predicate is negated of a name the question asks about and repeated only
    of others: "Has the CIA confirmed it's Gadahn's voice?" — "confirmed that one of the
    voices is Zawahiri, but has not confirmed if the other voice is Gadahn"."""
    words = [re.sub(r"['’]s$", "", w).lower() for w in NAME.findall(question.strip())]
    names = set(stem_all(words))
    if not (st.repeated and st.negated and names):
        return False

    def named(spans: list[tuple[int, int]]) -> set[str]:
        return {s for a, b in spans for s in stem_all(TOKEN.findall(t.s[a:b].lower()))} & names

    # ... and repeated of another name ("Zawahiri"), not only said of other things ("Iran
    # confirmed it would attend, but has not confirmed who will lead its delegation to Geneva")
    others = {s for a, b in st.repeated_at
              for s in stem_all([w.lower() for w in NAME.findall(t.text[a:b])])} - names
    return bool(others) and bool(named(st.negated_at) - named(st.repeated_at))


_DETERMINERS = frozenset(stem_all(["any", "the", "a", "an", "all", "its", "his", "her", "their",
                                    "some"]))
_CLAUSE_VERBS = frozenset(stem_all(["was", "were", "is", "are", "had", "has", "have", "would",
                                    "will", "could", "did"]))


def _object_follows(t: Text, end: int, objects: set[str]) -> bool:
    """Whether the verb ending at `end` takes one of the question's content words (its
    predicate's aside) as its direct object: "denies any wrongdoing", not "denied reports of
    deaths" nor "denied the layoffs were linked to the merger"."""
    if not objects:
        return False
    _, last = t.clause(end, end)
    i = bisect_left(t.words, (end,))
    following = [(a, stem) for a, _, stem in t.words[i : i + 4] if a < last]
    while following and following[0][1] in _DETERMINERS:
        following.pop(0)
    # (or after one word before it: 'admitted "political collaboration"')
    for i in (0, 1):
        if (
            len(following) > i
            and following[i][1] in objects
            and not (len(following) > i + 1 and following[i + 1][1] in _CLAUSE_VERBS)
        ):
            return True
    return False
