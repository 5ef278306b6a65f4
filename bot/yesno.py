"""Yes or no, from the sentence that answers a yes/no question. News questions are often
"did X accept/agree/stay ...?" and the report says X refused, resigned or marched in: the
answer is "no" when the evidence negates, refuses or contradicts what the question asks."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from index.terms import query_terms, stem_all

# Words that turn a report into a "no" for a yes/no question ("Did Mexico accept troops?" —
# "Sheinbaum rejected the offer").
_NEGATIVE = re.compile(
    r"\b(no|not|never|none|nobody|nothing|without|neither|nor|cannot|can't|won't|didn't|"
    r"doesn't|don't|wasn't|weren't|isn't|aren't|hasn't|haven't|refus\w*|reject\w*|declin\w*|"
    r"den(?:y|ied|ies)|dismiss\w*|fail\w*|rul(?:ed|es) out|turn(?:s|ed|ing)? down)\b",
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
            "stepped down",
        ),
    ),
    (
        ("withdr", "pull out", "pulled out", "leave", "left", "stay out", "stayed out"),
        ("remain", "stay in", "keep", "will not withdraw", "marched into", "entered", "advanced"),
    ),
    # ("oppose", not "oppos": "opposition leader Odinga signed the agreement" is no refusal)
    (("accept", "agree", "approv", "sign"), ("reject", "refus", "declin", "dismiss", "oppose")),
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
]


def _word(stem: str) -> str:
    """A lexicon stem as a word with a short ending: "sign" meets "signed" and "signing", not
    "significant"; "withdr" meets "withdrawing"."""
    return rf"\b{stem}\w{{0,5}}\b"


# Per predicate group: the claim and contradiction words together.
_GROUPS = [re.compile("|".join(_word(w) for w in c + x)) for c, x in _CONTRADICTS]


def stance_checker(question: str) -> Callable[[str], bool]:
    """Whether a sentence speaks to the question's predicate: repeats it, negates it, or says
    something that contradicts it; such sentences answer yes/no questions. The question's
    side is worked out once, as every sentence of the pool is checked against it."""
    q = _Text(question)
    live = [g for (claims, _), g in zip(_CONTRADICTS, _GROUPS, strict=True) if _asked(claims, q)]

    def takes_stance(sentence: str) -> bool:
        s = sentence.lower()
        return bool(_NEGATIVE.search(s)) or any(g.search(s) for g in live)

    return takes_stance


# Where a clause ends: a negation on the far side of one is about something else ("Although Y
# did not object, X rejected the offer").
_CLAUSE_BREAK = re.compile(r"[,;:\u2013\u2014]|\b(?:but|although|though|while|whereas|if|unless)\b")

# A predicate demanded, threatened or planned is not a predicate that happened: "counter groups
# are calling for Romania to withdraw its troops" does not say it withdrew. Words that are also
# adjectives ("the proposed law was signed", "the planned merger") count only with a verbal
# complement after them: "to", "that" or an -ing form. (Conditionals and "whether" are left
# alone: the clause around them usually settles it.)
_UNREAL = re.compile(
    r"\b(?:call(?:s|ed|ing)? (?:on|for)|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|"
    r"threat(?:en|ens|ened|ening)|seek(?:s|ing)?|sought|ask(?:s|ed|ing)? (?:\w+ ){1,3}to|"
    r"expect(?:s|ed|ing)? to|(?:set|scheduled|going) to|will|shall|"
    r"(?:plan(?:s|ned|ning)?|propos(?:e|es|ed|ing)|promis(?:e|es|ed|ing)|intend(?:s|ed|ing)?|"
    r"want(?:s|ed|ing)?|offer(?:s|ed|ing)?|vow(?:s|ed|ing)?)"
    r"(?=(?: [\w'’.-]+){0,3}? (?:to|that)\b| \w+ing\b))\b"
)
_TOKEN = re.compile(r"\w[\w'’-]*")


class _Text:
    """A lower-cased sentence with its clause breaks, plan frames and negations found once, so
    that every word checked against them costs a lookup, not a rescan (a long quote with many
    matches was quadratic)."""

    def __init__(self, text: str) -> None:
        self.s = s = text.lower()
        self.breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(s)]
        self.frames = [(m.start(), m.end()) for m in _UNREAL.finditer(s)]
        self.negations = [(m.start(), m.end()) for m in _NEGATIVE.finditer(s)]
        tokens = list(_TOKEN.finditer(s))
        self.words = [
            (m.start(), m.end(), stem)
            for m, stem in zip(tokens, stem_all([m.group(0) for m in tokens]), strict=True)
        ]

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
        it too), outside it."""
        first, last = self.clause(start, end)
        i = bisect_left(self.negations, (first, first))
        for a, b in self.negations[i:]:
            if a >= (last if after else start):
                return False
            if b <= start or (after and a >= end):
                return True
        return False


def _asked(claims: tuple[str, ...], q: _Text) -> list[str]:
    """The claim words the question asks about itself: "did Trump want Mexico to accept
    troops?" asks about the wanting, not the accepting."""
    return [
        c
        for c in claims
        if any(not q.wished(m.start(), m.end()) for m in re.finditer(_word(c), q.s))
    ]


def _content(question: str) -> set[str]:
    return {st for st in stem_all(query_terms(question.lower())) if len(st) > 1}  # not U.S.'s "u"


def _only_wished(question: str, sentence: _Text) -> bool:
    """Whether the sentence repeats the question's words only as something demanded, threatened
    or planned ("Did the US send troops to Mexico?" — "Trump proposed sending American troops
    to Mexico"; "Did Ukraine bar Russian warships?" — "Ukraine threatened to bar Russian
    warships", the subject standing before the frame), for predicates outside the lexicon.
    Not when the question asks about such a plan itself ("did Trump offer to send troops?")."""
    if _UNREAL.search(question.lower()):
        return False
    asked = _content(question)
    wished = plain = False
    for start, end, stem in sentence.words:
        if stem in asked:
            if sentence.wished(start, end):
                wished = True
            elif not sentence.framed_after(start, end):
                plain = True
    return wished and not plain


# "X but Y" where X is an earlier stance ("gave no explanation for the initial refusal but
# said that 'we have decided to allow …'"): Y is what the sentence ends up saying.
_BUT = re.compile(r"\bbut\b", re.I)
_IF = ("if", "unless")  # clauses that suppose, not report
_EARLIER = re.compile(r"\b(initial(ly)?|at first|first|originally|earlier|previous(ly)?)\b", re.I)


def _operative(sentence: str) -> str:
    """The part of the sentence whose negations count: all of it, unless the part before a
    "but" is marked as superseded ("They refused but talks go on" is still a refusal)."""
    *head, tail = _BUT.split(sentence)
    return tail if head and _EARLIER.search(" ".join(head)) else sentence


def _stances(question: str, sentence: str) -> tuple[bool, bool, bool, bool, bool]:
    """How the sentence meets the question's predicate, for the predicates of _CONTRADICTS:
    (contradicted, contradiction denied, repeated, only wished for or supposed, negated).
    "Did X agree?" — "X declined": contradicted; "did X reject it?" — "it will never be accepted": a
    contradiction denied; "did X reject it?" — "X rejected the offer, saying ... was not
    negotiable": repeated, as the "not" is in another clause. A negation in the predicate's
    own clause ("will accept no troops", "approved nothing") leaves it to the plain negation
    check."""
    q, t = _Text(question), _Text(sentence)
    said = denied = repeated = wished = refused = False
    for claims, contradictions in _CONTRADICTS:
        asked = _asked(claims, q)
        if not asked:
            continue
        for c in asked:
            for m in re.finditer(_word(c), t.s):
                if t.wished(m.start(), m.end()) or t.opener(m.start(), m.end()) in _IF:
                    wished = True  # "… threatened to kill them if Romania does not withdraw"
                elif t.negated(m.start(), m.end()):
                    refused = True  # "Romania declined to withdraw the troops"
                else:
                    repeated = True
        for c in contradictions:
            if re.search(_word(c), q.s):
                continue
            for m in re.finditer(_word(c), t.s):
                if t.negated(m.start(), m.end(), after=False):
                    denied = True
                else:
                    said = True
    return said, denied, repeated, wished and not repeated, refused


UNCLEAR = "unclear"


def _negates(question: str, text: str) -> bool:
    """Whether the text negates or refuses something, beyond the question's own negations and
    outside a condition ("threatened to restart protests if an agreement was not made")."""
    own = {m.group(0).lower() for m in _NEGATIVE.finditer(question)}
    refusal_agrees = bool(_REFUSAL.search(question))  # "did X reject …?": a refusal agrees
    t = _Text(_operative(text))
    for a, b in t.negations:
        word = t.s[a:b]
        if word in own or (refusal_agrees and _REFUSAL.fullmatch(word)):
            continue
        if t.opener(a, b) in _IF:
            continue
        return True
    return False


def verdict(question: str, sentence: str, others: Sequence[str] = ()) -> str:
    """Yes unless the evidence negates, refuses or contradicts what the question asks;
    UNCLEAR when it only reports the predicate as demanded, threatened or planned. `sentence`
    is the quote most about the question; any of the `others` quoted with it that contradicts
    the question's predicate outright ("did Mexico agree to US troops?" — "Sheinbaum
    declined", "Romania declined to withdraw the troops") makes it a no too."""
    others = [o for o in others if o != sentence]
    if any(_stances(question, o)[0] for o in others):
        return "no"
    said, denied, repeated, wished, refused = _stances(question, sentence)
    if said:
        return "no"
    if denied or repeated:
        return "yes"
    if refused or any(_stances(question, o)[4] for o in others):
        return "no"  # "Romania declined to withdraw the troops"
    if _negates(question, sentence):
        return "no"
    if wished or _only_wished(question, _Text(sentence)):
        return UNCLEAR
    return "yes"
    if _negates(question, sentence):
        return "no"
    if wished or _only_wished(question, _Text(sentence)):
        return UNCLEAR
    return "yes"
