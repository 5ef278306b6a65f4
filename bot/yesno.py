"""Yes or no, from the sentence that answers a yes/no question. News questions are often
"did X accept/agree/stay ...?" and the report says X refused, resigned or marched in: the
answer is "no" when the evidence negates, refuses or contradicts what the question asks."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from index.terms import query_terms, stem_all, word_stems

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
    (("accept", "agree", "approv", "sign"), ("reject", "refus", "declin", "dismiss", "oppos")),
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
    q = question.lower()
    live = [g for (claims, _), g in zip(_CONTRADICTS, _GROUPS, strict=True) if _asked(claims, q)]

    def takes_stance(sentence: str) -> bool:
        s = sentence.lower()
        return bool(_NEGATIVE.search(s)) or any(g.search(s) for g in live)

    return takes_stance


# Where a clause ends: a negation on the far side of one is about something else ("Although Y
# did not object, X rejected the offer").
_CLAUSE_BREAK = re.compile(r"[,;:\u2013\u2014]|\b(?:but|although|though|while|whereas)\b")


# A predicate demanded, threatened or planned is not a predicate that happened: "counter groups
# are calling for Romania to withdraw its troops" does not say it withdrew. (Conditionals and
# "whether" are left alone: the clause around them usually settles it, as in "refused to
# speculate whether …, saying it is premature".)
_UNREAL = re.compile(
    r"\b(call(?:s|ed|ing)? (?:on|for)|urg\w*|demand\w*|want\w*|threat\w*|plan\w*|propos\w*|"
    r"vow\w*|promis\w*|intend\w*|seek\w*|sought|offer\w*|ask(?:s|ed|ing)? (?:\w+ ){1,3}to)\b"
)
_TOKEN = re.compile(r"\w[\w'’-]*")


def _asked(claims: tuple[str, ...], q: str) -> list[str]:
    """The claim words the (lower-cased) question asks about itself: "did Trump want Mexico
    to accept troops?" asks about the wanting, not the accepting."""
    return [
        c
        for c in claims
        if any(
            not _UNREAL.search(_clause(q, m.start(), m.end())[0]) for m in re.finditer(_word(c), q)
        )
    ]


def _only_wished(question: str, sentence: str) -> bool:
    """Whether every word of the question the sentence repeats stands after a demand, threat
    or plan ("Did the US send troops to Mexico?" — "Trump proposed sending American troops to
    Mexico"), for predicates outside the lexicon. Not when the question asks about such a
    plan itself ("did Trump offer to send troops?")."""
    q = question.lower()
    if _UNREAL.search(q):
        return False
    asked = {st for st in stem_all(query_terms(q)) if len(st) > 1}  # not the "u" of "U.S."
    s = sentence.lower()
    tokens = list(_TOKEN.finditer(s))
    wished = plain = False
    for m, stem in zip(tokens, stem_all([t.group(0) for t in tokens]), strict=True):
        if stem in asked:
            if _UNREAL.search(_clause(s, m.start(), m.end())[0]):
                wished = True
            else:
                plain = True
    return wished and not plain


_BUT = re.compile(r"\bbut\b", re.I)


def _operative(question: str, sentence: str) -> str:
    """The part of the sentence whose negations count. In "X but Y", Y is what the sentence
    ends up saying ("gave no explanation for the initial refusal but said that 'we have
    decided to allow …'"), unless X is about the question's own words ("did not resign but
    stayed on" answers "did he resign?")."""
    *head, tail = _BUT.split(sentence)
    if head and not set(stem_all(query_terms(question))) & set(word_stems(" ".join(head))):
        return tail
    return sentence


def _clause(s: str, start: int, end: int) -> tuple[str, str]:
    """The rest of the clause of s around s[start:end]: the words before it and after it."""
    before = [m.end() for m in _CLAUSE_BREAK.finditer(s, 0, start)]
    after = _CLAUSE_BREAK.search(s, end)
    return s[before[-1] if before else 0 : start], s[end : after.start() if after else len(s)]


def _stances(question: str, sentence: str) -> tuple[bool, bool, bool, bool]:
    """How the sentence meets the question's predicate, for the predicates of _CONTRADICTS:
    (contradicted, contradiction denied, repeated, only wished for). "Did X agree?" — "X declined":
    contradicted; "did X reject it?" — "it will never be accepted": a contradiction denied;
    "did X reject it?" — "X rejected the offer, saying ... was not negotiable": repeated, as
    the "not" is in another clause. A negation in the predicate's own clause ("will accept no
    troops", "approved nothing") leaves it to the plain negation check."""
    q, s = question.lower(), sentence.lower()
    said = denied = repeated = wished = False
    for claims, contradictions in _CONTRADICTS:
        asked = _asked(claims, q)
        if not asked:
            continue
        for c in asked:
            for m in re.finditer(_word(c), s):
                lead, tail = _clause(s, m.start(), m.end())
                if _UNREAL.search(lead):
                    wished = True
                else:
                    repeated |= not _NEGATIVE.search(f"{lead} {tail}")
        for c in contradictions:
            if re.search(_word(c), q):
                continue
            for m in re.finditer(_word(c), s):
                if _NEGATIVE.search(_clause(s, m.start(), m.end())[0]):
                    denied = True
                else:
                    said = True
    return said, denied, repeated, wished and not repeated


UNCLEAR = "unclear"


def verdict(question: str, sentence: str, others: Sequence[str] = ()) -> str:
    """Yes unless the evidence negates, refuses or contradicts what the question asks;
    UNCLEAR when it only reports the predicate as demanded, threatened or planned. `sentence`
    is the quote most about the question; any of the `others` quoted with it that contradicts
    the question's predicate outright ("did Mexico agree to US troops?" — "Sheinbaum
    declined") makes it a no too."""
    if any(_stances(question, o)[0] for o in others if o != sentence):
        return "no"
    said, denied, repeated, wished = _stances(question, sentence)
    if said:
        return "no"
    if denied:
        return "yes"
    if repeated:
        return "yes"
    asked = set(m.group(0).lower() for m in _NEGATIVE.finditer(question))
    found = set(m.group(0).lower() for m in _NEGATIVE.finditer(_operative(question, sentence)))
    if _REFUSAL.search(question):  # "did X reject ...?": a refusal in the report agrees
        found = {w for w in found if not _REFUSAL.fullmatch(w)}
    if found - asked:
        return "no"
    return UNCLEAR if wished or _only_wished(question, sentence) else "yes"
