"""The structure of a sentence that a yes/no verdict reads: where its clauses break, which
words are negations, and which predicates it only plans, demands or supposes ("threatened to
withdraw", "if Romania withdraws"). Found once per sentence, so every word checked against
them costs a lookup (bot.yesno asks these questions of every quote)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cached_property

from index.terms import stem_all

# Words that turn a report into a "no" for a yes/no question ("Did Mexico accept troops?" —
# "Sheinbaum rejected the offer").
NEGATIVE = re.compile(
    r"\b(no|not|never|none|nobody|nothing|without|neither|nor|cannot|can't|won't|didn't|"
    r"doesn't|don't|wasn't|weren't|isn't|aren't|hasn't|haven't|refus\w*|reject\w*|"
    r"den(?:y|ied|ies)|dismiss\w*|fail\w*|rul(?:e|ed|es|ing) out|outrul\w*|yet to|"
    # ... of what follows only: "escaped being captured", "rather than letting him out"
    r"(?:escap|avoid|evad)(?:ed|es|ing|e)? being|rather than|instead of|unable|"
    r"turn(?:s|ed|ing)?(?: (?:it|them|this|that))? down|"
    # "declined to comment", "Sheinbaum declined," — not a fall ("declined by 3%", "the 3.2%
    # decline predicted by economists", "declining sales").
    r"declined(?!\s+(?:by|from|in|to\s+(?:[\d$€£]|(?:a|an|the|its|their|his|her|our)\b)|"
    r"sharply|slightly|steadily|further|\d))|"
    r"declin(?:e|es|ing)(?=\s+(?:to\b(?!\s+(?:[\d$€£]|(?:a|an|the|its|their)\b))|the|an?|any|"
    r"all|his|her|their|its|our|comment|requests?|invitations?|offers?)\b))\b",
    re.I,
)
IF = ("if", "unless")  # clauses that suppose, not report
_SIDE = ("though", "although", "despite", "while", "whereas")
# ... "who never …", "not wanting …", ", not harmed", ", a move nobody expected"
_SIDE_START = re.compile(r"\s*(?:who|which|whose|not|\w+ing|an? \w+)\b")
_TO_NEXT = re.compile(r"\s+to\s+(?:\w+\s+){0,2}")
_PAST_VERB = re.compile(r"\b\w{3,}ed\s*$")  # right before the frame: its object
_ANSWERING_NO = re.compile(r"no\s*[,.!]\s+(?:and|but|i|we)\b", re.I)
_RELATIVE = re.compile(r"\b(?:who|which|whose|whom)\b", re.I)
# Negations of what follows them only: "approved the takeover without conditions" approved
# it; "Smith was chosen rather than Jones" chose Smith; "He died after doctors were unable to
# save him" died; "He won, escaping being knocked out" won.
ONLY_BEFORE = re.compile(r"without|rather than|instead of|unable|(?:escap|avoid|evad)\w* being")
NOT = re.compile(r"not|never|no|none|nobody|nothing|neither|nor|\w+n't|cannot|yet to|unable")

# Where a clause ends: a negation on the far side of one is about something else ("Although Y
# did not object, X rejected the offer").
# A quote may hold sentences of its own ("Nobody has conveyed such invitations. Both are
# rejected before they arrive."): a sentence end is a break too, but not the stop of an
# initial or an abbreviation ("U.S. troops", "Mr. Odinga"; the text is lower-cased here).
_ABBREVIATIONS = ("mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "sgt", "rep",
                  "sen", "gov", "prof", "rev", "no", "vs", "inc", "co", "corp", "ltd", "jan",
                  "feb", "aug", "sept", "oct", "nov", "dec")
_SENTENCE_END = (
    r"(?<![\s.][a-z])"
    + "".join(rf"(?<!\b{a})" for a in _ABBREVIATIONS)
    + r"[.!?][\"”’)\]]*(?=\s)"
)
CLAUSE_BREAK = re.compile(
    r"[,;:\u2013\u2014]|\b(?:but|although|though|despite|while|whereas|if|unless)\b|"
    + _SENTENCE_END
)

# A predicate demanded, threatened or planned is not a predicate that happened: "counter groups
# are calling for Romania to withdraw its troops" does not say it withdrew. Words that are also
# adjectives ("the proposed law was signed", "the planned merger") count only with a verbal
# complement after them: "to", "that" or an -ing form. (Conditionals are left alone: the
# clause around them usually settles it; "whether" frames the rest of its sentence.)
FUTURE = r"expect(?:s|ed|ing)? to|(?:set|scheduled|going) to|will|shall|"
_UNREAL_PAST = (
    r"\b(?:call(?:s|ed|ing)? (?:on|for)|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|"
    r"threat(?:en|ens|ened|ening)|seek(?:s|ing)?|sought|ask(?:s|ed|ing)? (?:\w+ ){1,3}to|"
    r"would|could|might|likely to|hop(?:e|es|ed|ing) to|"
    # ... said as a verb, as any plan: "The prisoner tried to escape"
    r"tr(?:y|ies|ied|ying) to|attempt(?:s|ed|ing) to|aim(?:s|ed|ing) to|bid(?:s|ding) to|"
    # ... or as an intent: "the vehicle was meant to carry nine", "supposed to be held"
    r"(?:meant|supposed|designed) to|"

    r"(?:plan(?:s|ned|ning)?|propos(?:e|es|ed|ing)|promis(?:e|es|ed|ing)|intend(?:s|ed|ing)?|"
    r"want(?:s|ed|ing)?|offer(?:s|ed|ing)?|vow(?:s|ed|ing)?)"
    r"(?=(?: [\w'’.-]+){0,3}? (?:to|that)\b| \w+ing\b)|"
    # still to happen: "the sale still needs approval", "awaiting ratification"
    r"needs|requires|awaits|awaiting|pending|subject to|"
    # a possibility raised: "raised the prospect of activating the act", "is considering
    # sacking" (not "the possibility of a strike", "considered during a session")
    r"(?:prospect|possibility|option|idea) of(?= \w+ing\b)|"
    r"consider(?:s|ed|ing)?(?= (?!during|everything|nothing|anything|something)\w+ing\b))\b"
)
# An attempt is not its outcome. Said as a noun ("Tbilisi's bid to join NATO", "in an attempt
# to"), it frames only what follows it: "cut rates in a bid to boost growth" did cut them.
# So is a threat, a plan or a promise said as a noun: "despite his threats to quit the army, he
# will stay in it".
# And a predicate said as a possibility: "investors fear the possible default" is no default.
_ATTEMPT = re.compile(
    r"\b(?:(?:bid|attempt|effort|threat|plan|promise|pledge|vow)s? to|possible|potential)\b"
)
UNREAL = re.compile(_UNREAL_PAST.replace(r"\b(?:", r"\b(?:" + FUTURE, 1))
# Against "Will Russia withdraw?" a report of what will happen is the answer, not a plan.
UNREAL_NOT_FUTURE = re.compile(_UNREAL_PAST)
# "Will Russia withdraw?", "Is Prince Harry leaving the army?" ask about what is to come.
ASKS_FUTURE = re.compile(
    rf"^\s*(?:will|shall)\b|^\s*(?:is|are|am)\b.*\b\w+ing\b|\b(?:{FUTURE[:-1]})\b", re.I
)
TOKEN = re.compile(r"\w[\w'’-]*")


class Text:
    """A lower-cased sentence with its clause breaks, plan frames and negations found once, so
    that every word checked against them costs a lookup, not a rescan (a long quote with many
    matches was quadratic)."""

    def __init__(self, text: str, future_is_a_plan: bool = True) -> None:
        self.s = s = text.lower()
        self.breaks = [(m.start(), m.end()) for m in CLAUSE_BREAK.finditer(s)]
        frames = UNREAL if future_is_a_plan else UNREAL_NOT_FUTURE
        self.frames = [(m.start(), m.end()) for m in frames.finditer(s)]
        # (not an answer's "No," to a question quoted: "Is it right? No, and I apologize")
        self.negations = [(m.start(), m.end()) for m in NEGATIVE.finditer(s)
                          if not _ANSWERING_NO.match(s, m.start())]
        self.attempts = [(m.start(), m.end()) for m in _ATTEMPT.finditer(s)]
        # "will announce whether they will pull out … or stay in the race": open to the
        # sentence's end, past its commas
        found = list(_WHETHER.finditer(s))
        # (sentence ends found once, only when there is a "whether": looked up for each)
        self._ends = [(m.start(), m.end()) for m in _SENTENCE.finditer(s)] if found else []
        self.whether = [(m.start(), self._open_until(m.end())) for m in found]
        self.text = text if len(text) == len(s) else s  # (offsets must match s's)

    def in_name(self, start: int) -> bool:
        return in_name(self.text, start)

    @cached_property
    def words(self) -> list[tuple[int, int, str]]:
        """(start, end, stem) of every word; stemmed only when a check needs it."""
        tokens = list(TOKEN.finditer(self.s))
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
        """Whether a plan frame, or an attempt ("bid to"), of the same clause stands before
        s[start:end]."""
        first = self.clause(start, end)[0]
        return any(
            i < len(frames) and frames[i][1] <= start
            for frames in (self.frames, self.attempts)
            for i in [bisect_left(frames, (first, first))]
        ) or self.open_question(start, end)

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
        if not (i < len(self.frames) and self.frames[i][0] < last):
            return False
        # ... not when a verb of its own stands between: "has unanimously approved calling for
        # a cessation" approved it, whatever the resolution calls for; nor a relative clause's
        # frame: "ordered the army to seal off the city and shoot any insurgent who tries to
        # escape"
        between = self.s[end : self.frames[i][0]]
        return not (_PAST_VERB.search(between) or _RELATIVE.search(between))

    def negated(self, start: int, end: int, after: bool = True) -> bool:
        """Whether a negation stands in the same clause as s[start:end], before it (or after
        it too), outside it. Before it, a "not"/"never" kind counts, and a refusal only of
        this word ("refused to step down"): in "plans failed as Paisley rejected the
        nomination" the failing is another predicate's."""
        first, last = self.clause(start, end)
        lo = bisect_left(self.negations, (first, first))
        if after:  # any negation of the clause outside the word, but a "without" after it:
            # "approved the takeover without conditions" still approved it
            hi = bisect_left(self.negations, (last, last))
            return any(
                b <= start or (a >= end and not ONLY_BEFORE.fullmatch(self.s, a, b))
                for a, b in self.negations[lo:hi]
            )
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
        return [a for a, b in self.negations if NOT.fullmatch(self.s[a:b])]

    def side_clause(self, start: int, end: int) -> bool:
        """Whether s[start:end] stands in a concessive, relative or appended clause ("though no
        Democrats voted for it", "who never gave interviews", "…, a move nobody expected")."""
        first, last = self.clause(start, end)
        return self.opener(start, end) in _SIDE or bool(_SIDE_START.match(self.s[first:last]))

    def open_question(self, start: int, end: int) -> bool:
        """Whether s[start:end] follows a "whether" of its sentence: what a report leaves open,
        whatever negation stands before it ("it cannot be determined whether the illness is
        linked to the formula" does not say it is not)."""
        i = bisect_left(self.whether, (start,))  # (the spans start in order)
        return any(a < start and end <= b for a, b in self.whether[max(0, i - 2) : i])

    def _open_until(self, at: int) -> int:
        """Where the open question of a "whether" ending at `at` ends: the sentence's end, past
        its commas ("whether they will pull out of the election, due to the violence, or stay
        in the race"); but a "whether" of a sentence's opening phrase ("Asked whether he
        would appeal, Smith said …") ends at that phrase's comma."""
        i = bisect_left(self._ends, (at,))
        stop = self._ends[i][0] if i < len(self._ends) else len(self.s)
        start = self._ends[i - 1][1] if i else 0
        before = at - len("whether") - start  # "Regardless of", "Asked": two words at most
        opening = before <= 40 and len(self.s[start : at - len("whether")].split()) <= 2
        comma = self.s.find(",", at, stop)
        return comma if opening and comma >= 0 else stop

    def supposed(self, start: int, end: int) -> bool:
        """Demanded, planned or supposed ("if …"), not reported as done."""
        return self.wished(start, end) or self.opener(start, end) in IF


# An open question inside a report: whatever follows it in its sentence is not reported
# as done.
_WHETHER = re.compile(r"\bwhether\b")
_SENTENCE = re.compile(_SENTENCE_END + r"|;|[.!?]$")


def in_name(text: str, start: int) -> bool:
    """Whether the word at `start` is capitalised after a capitalised word: part of a name
    ("the North American Free Trade Agreement" agrees to nothing)."""
    if not text[start : start + 1].isupper() or not any(c.islower() for c in text):
        return False  # (a headline in capitals is no run of names)
    before = list(TOKEN.finditer(text, max(0, start - 40), start))
    if not before or not before[-1].group(0)[:1].isupper():
        return False
    return not re.search(r"[.!?:;]", text[before[-1].end() : start])  # a new sentence
