"""Yes or no, from the sentence that answers a yes/no question. News questions are often
"did X accept/agree/stay ...?" and the report says X refused, resigned or marched in: the
answer is "no" when the evidence negates, refuses or contradicts what the question asks."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence

from bot.absence import absent_things, mentions
from bot.clauses import (
    ASKS_FUTURE,
    IF,
    NEGATIVE,
    NOT,
    ONLY_BEFORE,
    TOKEN,
    UNREAL_NOT_FUTURE,
    Text,
    in_name,
)
from bot.contrary import (
    contrary_comparative,
    contrary_modifier,
    contrary_of_asked,
    contrary_prefix,
)
from bot.figures import bounded, majority, other_figure
from bot.predicates import CONTRADICTS, GROUPS, REFUSAL, word_pattern
from bot.question import main_clause
from bot.stances import asked_claims, content, negated_of_name, stances
from bot.subject import subject_word
from bot.unsaid import unsaid_no
from index.terms import query_terms, stem_all, verb_forms


def stance_checker(question: str) -> Callable[[str], bool]:
    """Whether a sentence speaks to the question's predicate: repeats it, negates it, or says
    something that contradicts it; such sentences answer yes/no questions. The question's
    side is worked out once, as every sentence of the pool is checked against it."""
    q = Text(main_clause(question), future_is_a_plan=False)
    live = [g for p, g in zip(CONTRADICTS, GROUPS, strict=True) if asked_claims(p.claims, q)]

    def takes_stance(sentence: str) -> bool:
        s = sentence.lower()
        return bool(NEGATIVE.search(s)) or any(_said(g, s, sentence) for g in live)

    return takes_stance


def predicate_stems(question: str) -> Callable[[str], set[str]]:
    """The question's stems that a sentence speaks to through the lexicon: "Did Sheinbaum
    accept the troops?" — "Sheinbaum declined" answers the "accept" that it never repeats, so
    the sentence covers that word of the question as much as one saying "accepted" would."""
    q = Text(main_clause(question), future_is_a_plan=False)
    groups: list[tuple[re.Pattern[str], set[str]]] = []
    for predicate, group in zip(CONTRADICTS, GROUPS, strict=True):
        stems: set[str] = set()
        for c in asked_claims(predicate.claims, q):
            for m in re.finditer(word_pattern(c), q.s):
                stems.update(stem_all(TOKEN.findall(m.group(0))))
        if stems:
            groups.append((group, stems))

    def answered(sentence: str) -> set[str]:
        s = sentence.lower()
        return set().union(*(stems for group, stems in groups if _said(group, s, sentence)))

    return answered


def _said(group: re.Pattern[str], lower: str, sentence: str) -> bool:
    """Whether a lexicon word of the group stands in the sentence, not inside a name."""
    offsets_match = len(lower) == len(sentence)
    return any(
        not (offsets_match and in_name(sentence, m.start())) for m in group.finditer(lower)
    )


def _left_open(question: str, sentence: Text) -> bool:
    """Whether a word of the question stands in a "whether" clause of the sentence: what it
    says of that is an open question, whatever negation comes before ("cannot be determined
    whether the illness is linked to the formula" says neither yes nor no)."""
    if not sentence.whether:
        return False
    asked = content(question)
    return any(
        stem in asked and sentence.open_question(start, end)
        for start, end, stem in sentence.words
    )


def _only_wished(question: str, sentence: Text) -> bool:
    """Whether the sentence repeats the question's words only as something demanded, threatened
    or planned ("Did the US send troops to Mexico?" — "Trump proposed sending American troops
    to Mexico"; "Did Ukraine bar Russian warships?" — "Ukraine threatened to bar Russian
    warships", the subject standing before the frame), for predicates outside the lexicon.
    Not when the question asks about such a plan itself ("did Trump offer to send troops?")."""
    if UNREAL_NOT_FUTURE.search(question.lower()):
        return False
    # (its own words, not its names: "NASA insiders have told Space.com if they choose not to
    # name the module after the comedian, they may consider naming …" is no naming)
    own = [w for w in TOKEN.findall(question)[1:] if w.islower()]
    asked = set(stem_all(query_terms(" ".join(own)))) or content(question)
    forms = verb_forms()  # "sent them to Mexico" says "send"
    asked = asked.union(*(forms.get(st, ()) for st in asked))
    wished = plain = False
    for start, end, stem in sentence.words:
        if stem in asked:
            # ... or stands before one as what is planned: "The strike is planned to begin"
            if sentence.supposed(start, end) or sentence.framed_after(start, end):
                wished = True
            else:
                plain = True
    return wished and not plain


# "X but Y" where X is an earlier stance ("gave no explanation for the initial refusal but
# said that 'we have decided to allow …'"): Y is what the sentence ends up saying.
_BUT = re.compile(r"\bbut\b", re.I)
_EARLIER = re.compile(r"\b(initial(ly)?|at first|first|originally|earlier|previous(ly)?)\b", re.I)


def _operative(sentence: str) -> str:
    """The part of the sentence whose negations count: all of it, unless the part before a
    "but" is marked as superseded ("They refused but talks go on" is still a refusal)."""
    *head, tail = _BUT.split(sentence)
    return tail if head and _EARLIER.search(" ".join(head)) else sentence


def _future(question: str) -> bool:
    return bool(ASKS_FUTURE.search(question))


_ONLY = re.compile(r"\bthe only\b", re.I)
_OTHERS_TOO = re.compile(r"\bother\b[^.;]*\b(also|too|as well)\b", re.I)
_ASKS = re.compile(r"\?[\"'”’)\]]*\s*$")
_AS_PLANNED = re.compile(r"\b(as (planned|scheduled|expected)|on schedule)\b", re.I)
_FIRST_ASKED = re.compile(
    r"^(?!.*\b(?:not|never)\b).*\bthe first\b(?!\s+(?:quarter|half|round|time|day|week|month|"
    r"year|stage|phase|leg|part|game|match|term|place|step|reading|instance)s?\b)",
    re.I,
)
_NEVER_BEFORE = re.compile(r"\bnever\s+(?:before|previously)\b", re.I)
# "Had the coronation already been held?" — "the coronation, which is due to take place":
# what is still to come had not happened yet.
_ALREADY = re.compile(r"\b(?:has|have|had|was|were|is|are)\b.*\balready\b", re.I)
_YET_TO_COME = re.compile(
    r"\b(?:due to (?:take place|be held|begin|start|open|close|be (?:completed|approved|signed))|"
    r"yet to|not yet|if approved|subject to (?:approval|regulatory|shareholder))\b",
    re.I,
)
# ... said of the event itself ("this was postponed"), not of a start or of polling stations
# ("after a delayed start", "after being postponed twice", "despite long delays")
_CALLED_OFF = re.compile(
    r"(?<!\bafter )(?<!\bdespite )\b(was|were|is|are|been|be|got)\s+(\w+ly\s+)?"
    r"(postponed|delayed|cancel+ed|called off|put off|pushed back)\b",
    re.I,
)

UNCLEAR = "unclear"
_BAN = re.compile(r"\b(ban(s|ned|ning)?|prohibit\w*|forb[ia]d\w*|outlaw\w*)\b", re.I)


def _banned(question: str, asked: set[str]) -> set[str]:
    """The stems of what a question's ban is of ("banning spitting and swearing" — "spit",
    "swear"): the words after the ban word, up to the next comma or the end."""
    m = _BAN.search(question)
    if not m:
        return set()
    after = re.split(r"[,;?]", question[m.end() :], maxsplit=1)[0]
    return {st for st in stem_all(TOKEN.findall(after.lower())) if st in asked} - {"ban"}


_FILLER = frozenset({"the", "a", "an", "more", "further", "new", "public", "such", "other"})


def _negated_noun(t: Text, end: int) -> set[str]:
    """The stem of the first content word after a "no"/"without" at `end`: what it negates
    ("no spitting"; "no ban on grain exports" negates the ban)."""
    i = bisect_left(t.words, (end,))
    for _, _, stem in t.words[i : i + 3]:
        if stem not in _FILLER:
            return {stem}
    return set()
_NOMINAL = frozenset({"no", "none", "nothing", "nobody", "without"})


def _clause_after(t: Text, end: int) -> set[str]:
    """The stems of the words after `end` to the end of its clause: what a "without" there
    goes without ("ended without any kind of a deal"; "without any radioactive leakage" says
    nothing of the test it follows)."""
    stop = re.compile(r"[,;:.!?()]").search(t.s, end)
    limit = stop.start() if stop else len(t.s)
    i = bisect_left(t.words, (end,))
    return {stem for a, _, stem in t.words[i:] if a < limit}


def _negates(question: str, text: Text) -> bool:
    """Whether the text negates or refuses something about the question: beyond the question's
    own negations (by stem: "did the talks fail?" — "failed"), outside a condition
    ("threatened to restart protests if an agreement was not made"), and not in a side clause
    when another clause holds the question's words ("passed the bill, though no Democrats
    voted for it")."""
    own = {_negation_key(m.group(0)) for m in NEGATIVE.finditer(question)}
    if _ESCAPE.search(question):  # "Did he avoid arrest?" — "escaped being arrested" agrees
        own.add("escap")
    refusal_agrees = bool(REFUSAL.search(question))  # "did X reject …?": a refusal agrees
    refused = content(question)
    # "Was it achieved without any levy?" — "no levies": a negated noun agrees with one; a
    # negated verb ("the match did not go ahead" for "… without fans?") still says no. So does
    # a ban, for the very thing banned: "Did the bylaw banning spitting pass?" — "a law that
    # proposes no spitting passed" (but "No ban was imposed" still says no).
    plain_agrees = bool(own & {"without", "no", "none"})
    operative = _operative(text.s)
    t = text if operative == text.s else Text(operative, not _future(question))
    asked = content(question)
    banned = _banned(question, asked)
    about = {t.clause(a, b) for a, b, stem in t.words if stem in asked}
    for a, b in t.negations:
        word = t.s[a:b]
        if _negation_key(word) in own or (refusal_agrees and REFUSAL.fullmatch(word)):
            continue
        if refusal_agrees and _refused(t, a, b, refused):
            continue
        if plain_agrees and word in _NOMINAL:
            continue
        if contrary_of_asked(question, t.s, b):
            continue  # "not at all afraid" for "did he feel safe?"
        if banned and word in _NOMINAL and _negated_noun(t, b) & banned:
            continue
        if ONLY_BEFORE.fullmatch(word) and not _kin(_clause_after(t, b), asked):
            continue  # "conducted the test successfully without any radioactive leakage";
            # "Smith was chosen rather than Jones" for "was Smith chosen?"; "unable to save him"
        if NOT.fullmatch(word) and not refusal_agrees and _no_comment(t, b, asked):
            continue  # "did not elaborate on the details": no answer (but no denial either)
        planned = t.wished(a, b) and REFUSAL.fullmatch(word)  # "is expected to reject"
        side = bool(about) and t.clause(a, b) not in about and t.side_clause(a, b)
        if planned or side or t.opener(a, b) in IF:
            continue
        return True
    return False


_ESCAPE = re.compile(r"\b(?:escap|avoid|evad)\w*", re.I)


def _negation_key(word: str) -> str:
    """A negation as the question's own would be: by its first word's stem, avoiding,
    escaping and evading as one ("Did he avoid being arrested?" — "He escaped being
    arrested")."""
    return "escap" if _ESCAPE.match(word) else stem_all([word.lower().split()[0]])[0]


def _refused(t: Text, start: int, end: int, asked: set[str]) -> bool:
    """Whether the negation at t.s[start:end] is a refusal in other words, for a question whose
    predicate is one: a "not" of a verb the question names ("Did Rice rule out an attack?" —
    "the United States would not attack"); not of another verb ("did not comment on the
    allegations" is no denial), nor when the sentence negates a refusal itself ("did not
    rule out military action")."""
    if not NOT.fullmatch(t.s[start:end]) or any(
        t.negated(m.start(), m.end()) for m in REFUSAL.finditer(t.s)
    ):
        return False
    i = bisect_left(t.words, (end,))
    following = [stem for _, _, stem in t.words[i : i + 4] if stem not in _VERB_FILLER]
    return bool(following) and following[0] in asked


def _kin(said: set[str], asked: set[str]) -> bool:
    """Whether the stems share a word, or a 5-letter start ("penalty" for "penalised")."""
    return bool(said & asked) or any(
        s[:5] == a[:5] for s in said for a in asked if len(s) >= 5 and len(a) >= 5
    )


# Verbs of saying no more: "did not elaborate on the details", "would not comment".
_NO_COMMENT = frozenset(stem_all(["elaborate", "comment", "specify", "disclose", "detail",
                                  "speculate", "identify", "name", "reveal"]))


def _no_comment(t: Text, end: int, asked: set[str]) -> bool:
    """Whether the "not" ending at `end` is of a verb of saying no more, not asked about."""
    i = bisect_left(t.words, (end,))
    following = [stem for _, _, stem in t.words[i : i + 4] if stem not in _VERB_FILLER]
    return bool(following) and following[0] in _NO_COMMENT and following[0] not in asked


# What may stand between a "not" and its verb: "would not yet attack", "has not been".
_VERB_FILLER = frozenset(stem_all(["yet", "be", "been", "have", "ever", "even", "so", "to"]))


def _refuses(question: str, t: Text) -> bool:
    """Whether the sentence says "no" to what a refusal question asks about, outside any
    condition: that is the refusal, said or planned ("would not attack" is ruling it out)."""
    if not REFUSAL.search(question):
        return False
    asked = content(question) - set(stem_all(TOKEN.findall(" ".join(
        m.group(0) for m in REFUSAL.finditer(question)).lower())))
    return any(
        _refused(t, a, b, asked) and t.opener(a, b) not in IF for a, b in t.negations
    )


_STILL = re.compile(r"\bstill\b", re.I)
_NO_LONGER = re.compile(r"\b(no longer|not \w+ any longer|not \w+ anymore)\b", re.I)


def _ended(question: str, quotes: Sequence[str]) -> bool:
    """Whether a quote about the question's subject answers its "still" with "no longer": "Is
    Dell still selling Itanium servers?" — "Dell would no longer be offering servers with
    Itanium CPUs", whichever quote repeats "sold" (the predicate of a "still" question is
    often only in the quote that reports the past)."""
    if not _STILL.search(question):
        return False
    subject = subject_word(question)
    return any(
        _NO_LONGER.search(q) and (subject is None or subject in stem_all(TOKEN.findall(q.lower())))
        for q in quotes
    )


_CONCEDED = re.compile(r"\s*(even though|although|though|despite|in spite of|while)\b[^,?]*,", re.I)


def verdict(question: str, sentence: str, others: Sequence[str] = ()) -> str:
    """Yes unless the evidence negates, refuses or contradicts what the question asks;
    UNCLEAR when it only reports the predicate as demanded, threatened, planned, expected or
    supposed. `sentence` is the quote most about the question; unless it repeats the
    predicate outright, any of the `others` quoted with it that contradicts or refuses it
    ("did Mexico agree to US troops?" — "Sheinbaum declined"; "Romania declined to withdraw
    the troops") makes it a no too."""
    if not TOKEN.search(sentence):
        return UNCLEAR
    # "Even though they lost the election, did they win the popular vote?" grants a loss: the
    # other quotes that report it in the lexicon's words ("narrowly defeated the government")
    # do not answer no (but "Although he was charged, was he convicted?" — "acquitted" does).
    conceded = _CONCEDED.match(question)
    if conceded:
        granted = [g for g in GROUPS if g.search(conceded.group(0).lower())]
        others = [o for o in others if not any(g.search(o.lower()) for g in granted)]
    question = main_clause(question)
    if _ended(question, [sentence, *others]):
        return "no"
    absent = absent_things(question)
    if absent:
        found = mentions(sentence, absent)
        if found is not None:
            return "yes" if found else "no"
    if (other_figure(question, sentence) or contrary_modifier(question, sentence)
            or contrary_comparative(question, sentence) or contrary_prefix(question, sentence)):
        return "no"  # "… raise rates to 6 percent?" — "… to 4.75%"; "a big turnout?" — "low"
    if share := majority(question, sentence) or bounded(question, sentence):
        return share  # "a majority of seats?" — "25 of the 63 seats"; "more than 5 years?"
    if _ONLY.search(question) and any(_OTHERS_TOO.search(q) for q in [sentence, *others]):
        return "no"  # "Was he the only leader jailed?" — "Other leaders were also jailed"
    if _FIRST_ASKED.search(question) and _NEVER_BEFORE.search(sentence):
        return "yes"  # "Was it the ICC's first warrant for a sitting head of state?" — "has
        # never before issued an arrest warrant for a head-of-state while in power"
    if _ALREADY.search(question[:500]) and _YET_TO_COME.search(sentence) and not (
        re.search(r"\balready\b", sentence, re.I)
    ):
        return "no"  # "Had the deal already been cleared?" — "If approved by regulators, …"
    if _AS_PLANNED.search(question) and _CALLED_OFF.search(sentence) and not (
        _AS_PLANNED.search(sentence)
    ):
        return "no"  # "Did he return on May 17 as planned?" — "… but this was postponed"
    q, future = Text(question, future_is_a_plan=False), _future(question)
    t = Text(sentence, future_is_a_plan=not future)
    st = stances(q, t)
    if st.contradicted_object and not st.repeated_object:
        return "no"  # "Did Chen admit any wrongdoing?" — "admitted that …, but denies any"
    if st.contradicted_led and not st.repeated_led and not (
        st.repeated_object and not st.contradicted_object
    ):
        return "no"  # (but "denied the charges, but admitted political collaboration")
    asks = bool(_ASKS.search(sentence))  # a question quoted asks, it does not say
    if unsaid_no(question, sentence):
        return "no"  # "unidentified", "too early to", "are examining the offer"
    if negated_of_name(question, t, st):
        return "no"  # "confirmed it was Zawahiri, but not that the other voice is Gadahn"
    if st.repeated and not asks:
        return "yes"
    others = [stances(q, Text(o, not future)) for o in others if o != sentence]
    if st.contradicted or any(o.contradicted for o in others):
        return "no"
    if st.denied and not st.negated:  # ("neither confirmed nor denied": not confirmed)
        return "yes"
    if st.negated or any(o.negated for o in others):
        return "no"
    if _left_open(question, t):
        return UNCLEAR  # "it cannot be determined whether the illness is linked to it"
    if _negates(question, t):
        return "no"
    if _refuses(question, t):
        return "yes"
    if st.supposed or asks or _only_wished(question, t):
        return UNCLEAR
    return "yes"
