"""Yes or no, from the sentence that answers a yes/no question. News questions are often
"did X accept/agree/stay ...?" and the report says X refused, resigned or marched in: the
answer is "no" when the evidence negates, refuses or contradicts what the question asks."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from bot.question import main_clause
from index.terms import query_terms, stem_all

# Words that turn a report into a "no" for a yes/no question ("Did Mexico accept troops?" —
# "Sheinbaum rejected the offer").
_NEGATIVE = re.compile(
    r"\b(no|not|never|none|nobody|nothing|without|neither|nor|cannot|can't|won't|didn't|"
    r"doesn't|don't|wasn't|weren't|isn't|aren't|hasn't|haven't|refus\w*|reject\w*|"
    r"den(?:y|ied|ies)|dismiss\w*|fail\w*|rul(?:ed|es) out|turn(?:s|ed|ing)? down|yet to|"
    # "declined to comment", "Sheinbaum declined," — not a fall ("declined by 3%", "the 3.2%
    # decline predicted by economists", "declining sales").
    r"declined(?!\s+(?:by|from|in|to\s+(?:[\d$€£]|(?:a|an|the|its|their|his|her|our)\b)|"
    r"sharply|slightly|steadily|further|\d))|"
    r"declin(?:e|es|ing)(?=\s+(?:to\b(?!\s+(?:[\d$€£]|(?:a|an|the|its|their)\b))|the|an?|any|"
    r"all|his|her|their|its|our|comment|requests?|invitations?|offers?)\b))\b",
    re.I,
)
# Refusals: a "no" to "did X accept ...?", but a "yes" to "did X reject ...?".
_REFUSAL = re.compile(
    r"\b(refus\w*|reject\w*|declin\w*|den(?:y|ied|ies)|dismiss\w*|rul(?:ed|es) out|"
    r"turn(?:s|ed|ing)? down)\b",
    re.I,
)
# Common news predicates and what contradicts them: "Did the prime minister remain in
# office?" — "he resigned". Matched as word prefixes in the question and the evidence.
_UP = ("rise", "rose", "risen", "grew", "grown", "grow", "increas", "climb")
_DOWN = ("fell", "fall", "drop", "declin", "decreas", "shrank", "shrunk", "shrink")
_CONTRADICTS = [
    (
        ("remain", "stay", "keep", "kept", "retain"),
        (
            "resign",
            "quit",
            "left",
            "leave",
            "ousted",
            "withdr",
            "pull",
            "step down",
            "lost",
        ),
    ),
    (
        ("withdr", "pull out", "pulled out", "leave", "left", "stay out", "stayed out"),
        ("remain", "stay in", "keep", "will not withdraw", "marched into", "entered", "advanced"),
    ),
    # ("oppose", not "oppos": "opposition leader Odinga signed the agreement" is no refusal)
    (
        ("accept", "agree", "approv", "sign", "pass", "allow", "want", "welcom"),
        ("reject", "refus", "declin", "dismiss", "oppose", "veto"),
    ),
    (
        ("reject", "refus", "declin", "deny", "denied", "dismiss", "turn down", "turned down"),
        ("accept", "agreed", "approv", "welcom", "embrac"),
    ),
    (
        ("death penalty", "death sentence", "sentenced to death", "executed"),
        ("life in prison", "life imprisonment", "acquitted", "years in prison"),
    ),
    (("win", "won", "elected"), ("lost", "defeated", "conceded")),
    (("arrest", "captur"), ("escaped", "released", "freed")),
    (("kill", "murder"), ("alive", "survived", "unharmed", "released", "freed", "rescued")),
    (("surviv",), ("killed", "died", "dead", "lost", "defeated")),
    (("hold", "held"), ("collaps", "broke down", "broken down")),
    (("boycott",), ("took part", "take part", "participat")),
    (("resum", "restart", "reopen"), ("suspend", "halt", "call off", "postpon")),
    (("admit", "confess", "acknowledg", "confirm"), ("deny", "denied", "denies")),
    (("deny", "denied", "denies"), ("admit", "confess", "acknowledg", "confirm")),
    # Figures: "Did exports rise?" — "exports fell 4%" (see _FIGURES).
    (_UP, _DOWN),
    (_DOWN, _UP),
]


# Groups whose words are synonyms of a figure's direction, said of many things in one
# sentence ("Exports fell while imports rose"): any word of the family repeats the question's,
# and a word of either direction counts only right after the question's subject ("oil prices
# rose", not "… as the dollar fell").
_FIGURES = frozenset(i for i, (claims, _) in enumerate(_CONTRADICTS) if claims in (_UP, _DOWN))
# Groups whose contradictions do not count in a relative or concessive clause ("dismissed the
# claims, which were later confirmed by police" is not the minister confirming).
_MAIN_CLAUSE_ONLY = frozenset(
    i for i, (claims, _) in enumerate(_CONTRADICTS) if "admit" in claims or "deny" in claims
)


def _word(stem: str) -> str:
    """A lexicon stem as a word with a short ending: "sign" meets "signed" and "signing", not
    "significant"; "withdr" meets "withdrawing"; in a phrase every word takes one ("stay in"
    meets "stayed in", "pull out" "pulled out")."""
    *lead, last = stem.split()
    return r"\b" + "".join(rf"{w}\w{{0,3}} " for w in lead) + rf"{last}\w{{0,5}}\b"


# Per predicate group: the claim and contradiction words together.
_GROUPS = [re.compile("|".join(_word(w) for w in c + x)) for c, x in _CONTRADICTS]


def stance_checker(question: str) -> Callable[[str], bool]:
    """Whether a sentence speaks to the question's predicate: repeats it, negates it, or says
    something that contradicts it; such sentences answer yes/no questions. The question's
    side is worked out once, as every sentence of the pool is checked against it."""
    q = _Text(main_clause(question), future_is_a_plan=False)
    live = [g for (claims, _), g in zip(_CONTRADICTS, _GROUPS, strict=True) if _asked(claims, q)]

    def takes_stance(sentence: str) -> bool:
        s = sentence.lower()
        return bool(_NEGATIVE.search(s)) or any(g.search(s) for g in live)

    return takes_stance


def predicate_stems(question: str) -> Callable[[str], set[str]]:
    """The question's stems that a sentence speaks to through the lexicon: "Did Sheinbaum
    accept the troops?" — "Sheinbaum declined" answers the "accept" that it never repeats, so
    the sentence covers that word of the question as much as one saying "accepted" would."""
    q = _Text(main_clause(question), future_is_a_plan=False)
    groups: list[tuple[re.Pattern[str], set[str]]] = []
    for (claims, _), group in zip(_CONTRADICTS, _GROUPS, strict=True):
        stems: set[str] = set()
        for c in _asked(claims, q):
            for m in re.finditer(_word(c), q.s):
                stems.update(stem_all(_TOKEN.findall(m.group(0))))
        if stems:
            groups.append((group, stems))

    def answered(sentence: str) -> set[str]:
        s = sentence.lower()
        return set().union(*(stems for group, stems in groups if group.search(s)))

    return answered


# Where a clause ends: a negation on the far side of one is about something else ("Although Y
# did not object, X rejected the offer").
_CLAUSE_BREAK = re.compile(
    r"[,;:\u2013\u2014]|\b(?:but|although|though|despite|while|whereas|if|unless)\b"
)

# A predicate demanded, threatened or planned is not a predicate that happened: "counter groups
# are calling for Romania to withdraw its troops" does not say it withdrew. Words that are also
# adjectives ("the proposed law was signed", "the planned merger") count only with a verbal
# complement after them: "to", "that" or an -ing form. (Conditionals and "whether" are left
# alone: the clause around them usually settles it.)
_FUTURE = r"expect(?:s|ed|ing)? to|(?:set|scheduled|going) to|will|shall|"
_UNREAL_PAST = (
    r"\b(?:call(?:s|ed|ing)? (?:on|for)|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|"
    r"threat(?:en|ens|ened|ening)|seek(?:s|ing)?|sought|ask(?:s|ed|ing)? (?:\w+ ){1,3}to|"
    r"would|could|might|likely to|hop(?:e|es|ed|ing) to|"
    r"(?:plan(?:s|ned|ning)?|propos(?:e|es|ed|ing)|promis(?:e|es|ed|ing)|intend(?:s|ed|ing)?|"
    r"want(?:s|ed|ing)?|offer(?:s|ed|ing)?|vow(?:s|ed|ing)?)"
    r"(?=(?: [\w'’.-]+){0,3}? (?:to|that)\b| \w+ing\b))\b"
)
_UNREAL = re.compile(_UNREAL_PAST.replace(r"\b(?:", r"\b(?:" + _FUTURE, 1))
# Against "Will Russia withdraw?" a report of what will happen is the answer, not a plan.
_UNREAL_NOT_FUTURE = re.compile(_UNREAL_PAST)
# "Will Russia withdraw?", "Is Prince Harry leaving the army?" ask about what is to come.
_ASKS_FUTURE = re.compile(
    rf"^\s*(?:will|shall)\b|^\s*(?:is|are|am)\b.*\b\w+ing\b|\b(?:{_FUTURE[:-1]})\b", re.I
)
_TOKEN = re.compile(r"\w[\w'’-]*")


class _Text:
    """A lower-cased sentence with its clause breaks, plan frames and negations found once, so
    that every word checked against them costs a lookup, not a rescan (a long quote with many
    matches was quadratic)."""

    def __init__(self, text: str, future_is_a_plan: bool = True) -> None:
        self.s = s = text.lower()
        self.breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(s)]
        frames = _UNREAL if future_is_a_plan else _UNREAL_NOT_FUTURE
        self.frames = [(m.start(), m.end()) for m in frames.finditer(s)]
        self.negations = [(m.start(), m.end()) for m in _NEGATIVE.finditer(s)]

    @cached_property
    def words(self) -> list[tuple[int, int, str]]:
        """(start, end, stem) of every word; stemmed only when a check needs it."""
        tokens = list(_TOKEN.finditer(self.s))
        stems = stem_all([m.group(0) for m in tokens])
        return [(m.start(), m.end(), st) for m, st in zip(tokens, stems, strict=True)]

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """Where the clause around s[start:end] begins and ends."""
        i = bisect_right(self.breaks, (start, start)) - 1
        while i >= 0 and self.breaks[i][1] > start:
            i -= 1
        j = bisect_left(self.breaks, (end, end))
        return (self.breaks[i][1] if i >= 0 else 0), (
            self.breaks[j][0] if j < len(self.breaks) else len(self.s)
        )

    def wished(self, start: int, end: int) -> bool:
        """Whether a plan frame of the same clause stands before s[start:end]."""
        first = self.clause(start, end)[0]
        i = bisect_left(self.frames, (first, first))
        return i < len(self.frames) and self.frames[i][1] <= start

    def is_frame(self, start: int, end: int) -> bool:
        """Whether s[start:end] is itself a plan frame ("want" in "want Mexico to accept")."""
        i = bisect_right(self.frames, (start, len(self.s))) - 1
        return i >= 0 and self.frames[i][0] <= start and end <= self.frames[i][1]

    def opener(self, start: int, end: int) -> str:
        """The word or mark that opens the clause around s[start:end] ("" at the start)."""
        first = self.clause(start, end)[0]
        i = bisect_left(self.breaks, (first,)) - 1
        while i >= 0 and self.breaks[i][1] != first:
            i -= 1
        return self.s[self.breaks[i][0] : first] if i >= 0 else ""

    def framed_after(self, start: int, end: int) -> bool:
        """Whether a plan frame follows s[start:end] in its clause: the word is the subject of
        what is planned ("Ukraine threatened to bar …")."""
        last = self.clause(start, end)[1]
        i = bisect_left(self.frames, (end, end))
        return i < len(self.frames) and self.frames[i][0] < last

    def negated(self, start: int, end: int, after: bool = True) -> bool:
        """Whether a negation stands in the same clause as s[start:end], before it (or after
        it too), outside it. Before it, a "not"/"never" kind counts, and a refusal only of
        this word ("refused to step down"): in "plans failed as Paisley rejected the
        nomination" the failing is another predicate's."""
        first, last = self.clause(start, end)
        lo = bisect_left(self.negations, (first, first))
        if after:  # any negation of the clause outside the word
            hi = bisect_left(self.negations, (last, last))
            return any(b <= start or a >= end for a, b in self.negations[lo:hi])
        # Before it: a "not" anywhere in the clause before it, or a refusal right before it
        # ("refused to step down"). Looked up, not scanned: "rejected " * 8000 was quadratic.
        hi = bisect_left(self.negations, (start, start))
        k = bisect_left(self.nots, first)
        if k < len(self.nots) and self.nots[k] < start:
            return True
        return any(
            b <= start and _TO_NEXT.fullmatch(self.s, b, start)
            for a, b in self.negations[max(lo, hi - 3) : hi]
        )

    @cached_property
    def nots(self) -> list[int]:
        """Where the negations of the "not"/"never" kind start."""
        return [a for a, b in self.negations if _NOT.fullmatch(self.s[a:b])]

    def side_clause(self, start: int, end: int) -> bool:
        """Whether s[start:end] stands in a concessive, relative or appended clause ("though no
        Democrats voted for it", "who never gave interviews", "…, a move nobody expected")."""
        first, last = self.clause(start, end)
        return self.opener(start, end) in _SIDE or bool(_SIDE_START.match(self.s[first:last]))

    def supposed(self, start: int, end: int) -> bool:
        """Demanded, planned or supposed ("if …"), not reported as done."""
        return self.wished(start, end) or self.opener(start, end) in _IF


def _asked(claims: tuple[str, ...], q: _Text) -> list[str]:
    """The claim words the question asks about itself: "did Trump want Mexico to accept
    troops?" asks about the wanting, not the accepting; "did Iran agree not to enrich?" asks
    about a negated predicate, which the plain negation check compares. A claim word that is
    itself the question's frame (that "want") is not the lexicon's "want" of "Does Mexico want
    US troops?"."""
    return [
        c
        for c in claims
        if any(
            not q.wished(m.start(), m.end())
            and not q.negated(m.start(), m.end())
            and not q.is_frame(m.start(), m.end())
            for m in re.finditer(_word(c), q.s)
        )
    ]


def _content(question: str) -> set[str]:
    return {st for st in stem_all(query_terms(question.lower())) if len(st) > 1}  # not U.S.'s "u"


def _only_wished(question: str, sentence: _Text) -> bool:
    """Whether the sentence repeats the question's words only as something demanded, threatened
    or planned ("Did the US send troops to Mexico?" — "Trump proposed sending American troops
    to Mexico"; "Did Ukraine bar Russian warships?" — "Ukraine threatened to bar Russian
    warships", the subject standing before the frame), for predicates outside the lexicon.
    Not when the question asks about such a plan itself ("did Trump offer to send troops?")."""
    if _UNREAL_NOT_FUTURE.search(question.lower()):
        return False
    asked = _content(question)
    wished = plain = False
    for start, end, stem in sentence.words:
        if stem in asked:
            if sentence.supposed(start, end):
                wished = True
            elif not sentence.framed_after(start, end):
                plain = True
    return wished and not plain


# "X but Y" where X is an earlier stance ("gave no explanation for the initial refusal but
# said that 'we have decided to allow …'"): Y is what the sentence ends up saying.
_BUT = re.compile(r"\bbut\b", re.I)
_IF = ("if", "unless")  # clauses that suppose, not report
_SIDE = ("though", "although", "despite", "while", "whereas")
# ... "who never …", "not wanting …", ", not harmed", ", a move nobody expected"
_SIDE_START = re.compile(r"\s*(?:who|which|whose|not|\w+ing|an? \w+)\b")
_TO_NEXT = re.compile(r"\s+to\s+(?:\w+\s+){0,2}")
_NOT = re.compile(r"not|never|no|none|nobody|nothing|neither|nor|\w+n't|cannot|yet to")
_EARLIER = re.compile(r"\b(initial(ly)?|at first|first|originally|earlier|previous(ly)?)\b", re.I)


def _operative(sentence: str) -> str:
    """The part of the sentence whose negations count: all of it, unless the part before a
    "but" is marked as superseded ("They refused but talks go on" is still a refusal)."""
    *head, tail = _BUT.split(sentence)
    return tail if head and _EARLIER.search(" ".join(head)) else sentence


@dataclass
class _Stance:
    """How a sentence meets the question's predicate, for the predicates of _CONTRADICTS.
    "Did X agree?" — "X declined": contradicted; "did X reject it?" — "it will never be
    accepted": a contradiction denied; "did X reject it?" — "X rejected the offer, saying ...
    was not negotiable": repeated, as the "not" is in another clause; "Romania declined to
    withdraw": negated; "threatened to withdraw", "if Romania withdraws": supposed."""

    contradicted: bool = False
    denied: bool = False
    repeated: bool = False
    supposed: bool = False
    negated: bool = False


def _future(question: str) -> bool:
    return bool(_ASKS_FUTURE.search(question))


_AUX_WORD = re.compile(
    r"^\s*(?:did|does|do|is|was|were|are|has|have|had|will|would|can|could|should|may|might)\s+"
    r"(?:the\s+|a\s+|an\s+)?([\w'’-]+)",
    re.I,
)


def _subject(question: str) -> str | None:
    """The stem of the first word after the auxiliary: "Did the union accept …?" — "union"."""
    m = _AUX_WORD.match(question)
    return stem_all([m.group(1).lower().removesuffix("'s").removesuffix("’s")])[0] if m else None


def _aimed_at(subject: str, t: _Text, end: int) -> bool:
    """Whether the question's subject stands right after a refusal, in its clause, as its
    object or the object's owner ("rejected the union's demand"; not "rejected it, union
    officials said"). ("The army defeated the rebels" still answers "did the rebels win?":
    there the object is the loser.)"""
    limit = min(end + 40, t.clause(end, end)[1])
    following = _TOKEN.findall(t.s, end, limit)[:3]
    return subject in stem_all([w.removesuffix("'s").removesuffix("’s") for w in following])


def _led_by(subject: str | None, t: _Text, start: int) -> bool:
    """Whether the question's subject is among the four words before s[start]."""
    if not subject:
        return False
    i = bisect_left(t.words, (start,))
    return subject in {stem for _, _, stem in t.words[max(0, i - 4) : i]}


def _stances(q: _Text, t: _Text) -> _Stance:
    """`q` is the question's text (its own future is no plan), `t` the sentence's."""
    st = _Stance()
    subject = _subject(q.s)
    for group, (claims, contradictions) in enumerate(_CONTRADICTS):
        asked = _asked(claims, q)
        if not asked:
            continue
        figures = group in _FIGURES
        for c in claims if figures else asked:
            for m in re.finditer(_word(c), t.s):
                if figures and not _led_by(subject, t, m.start()):
                    continue
                if t.opener(m.start(), m.end()) in _IF:
                    st.supposed = True  # "if Romania does not withdraw": a condition
                elif t.negated(m.start(), m.end()):
                    st.negated = True  # also "will not withdraw"
                elif t.wished(m.start(), m.end()):
                    st.supposed = True
                else:
                    st.repeated = True
        for c in contradictions:
            if re.search(_word(c), q.s):
                continue
            for m in re.finditer(_word(c), t.s):
                if figures and not _led_by(subject, t, m.start()):
                    continue
                if group in _MAIN_CLAUSE_ONLY and t.side_clause(m.start(), m.end()):
                    continue
                if t.opener(m.start(), m.end()) in _IF:
                    st.supposed = True
                elif subject and _REFUSAL.match(m.group(0)) and _aimed_at(subject, t, m.end()):
                    continue  # "She rejected the union's demand": not the union rejecting
                elif t.negated(m.start(), m.end(), after=False):
                    st.denied = True  # also "will never be accepted"
                elif t.wished(m.start(), m.end()):
                    st.supposed = True  # "threatened to resign if the bill fails"
                else:
                    st.contradicted = True
    return st


UNCLEAR = "unclear"
_NOMINAL = frozenset({"no", "none", "nothing", "nobody", "without"})


def _negates(question: str, text: _Text) -> bool:
    """Whether the text negates or refuses something about the question: beyond the question's
    own negations (by stem: "did the talks fail?" — "failed"), outside a condition
    ("threatened to restart protests if an agreement was not made"), and not in a side clause
    when another clause holds the question's words ("passed the bill, though no Democrats
    voted for it")."""
    own = set(stem_all([m.group(0).lower() for m in _NEGATIVE.finditer(question)]))
    refusal_agrees = bool(_REFUSAL.search(question))  # "did X reject …?": a refusal agrees
    # "Was it achieved without any levy?" — "no levies": a negated noun agrees with one; a
    # negated verb ("the match did not go ahead" for "… without fans?") still says no.
    plain_agrees = bool(own & {"without", "no", "none"})
    operative = _operative(text.s)
    t = text if operative == text.s else _Text(operative, not _future(question))
    asked = _content(question)
    about = {t.clause(a, b) for a, b, stem in t.words if stem in asked}
    for a, b in t.negations:
        word = t.s[a:b]
        if stem_all([word])[0] in own or (refusal_agrees and _REFUSAL.fullmatch(word)):
            continue
        if plain_agrees and word in _NOMINAL:
            continue
        planned = t.wished(a, b) and _REFUSAL.fullmatch(word)  # "is expected to reject"
        side = bool(about) and t.clause(a, b) not in about and t.side_clause(a, b)
        if planned or side or t.opener(a, b) in _IF:
            continue
        return True
    return False


def verdict(question: str, sentence: str, others: Sequence[str] = ()) -> str:
    """Yes unless the evidence negates, refuses or contradicts what the question asks;
    UNCLEAR when it only reports the predicate as demanded, threatened, planned, expected or
    supposed. `sentence` is the quote most about the question; unless it repeats the
    predicate outright, any of the `others` quoted with it that contradicts or refuses it
    ("did Mexico agree to US troops?" — "Sheinbaum declined"; "Romania declined to withdraw
    the troops") makes it a no too."""
    if not _TOKEN.search(sentence):
        return UNCLEAR
    question = main_clause(question)
    q, future = _Text(question, future_is_a_plan=False), _future(question)
    t = _Text(sentence, future_is_a_plan=not future)
    st = _stances(q, t)
    if st.repeated:
        return "yes"
    others = [_stances(q, _Text(o, not future)) for o in others if o != sentence]
    if st.contradicted or any(o.contradicted for o in others):
        return "no"
    if st.denied:
        return "yes"
    if st.negated or any(o.negated for o in others):
        return "no"
    if _negates(question, t):
        return "no"
    if st.supposed or _only_wished(question, t):
        return UNCLEAR
    return "yes"
