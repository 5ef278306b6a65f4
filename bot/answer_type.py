"""Answer typing: what kind of phrase a wh-question asks for, and whether a sentence holds one.

Classic question-answering typing, kept deliberately coarse. A sentence without the kind of
phrase asked for ("how much was he paid?" against a sentence with no sum of money in it) is
unlikely to answer, however close its words are: that is a ranking signal and, for the strict
kinds (money, duration, count, time), a reason for less confidence."""

from __future__ import annotations

import calendar
import re
from collections.abc import Container
from typing import Literal

from bot.penalty import asks_penalty, states_penalty
from bot.peoples import named_in
from bot.role import gives_role
from bot.successor import asks_for_successor, successor_names
from index.stopwords import STOPWORDS
from index.terms import name_key, stem_all

Kind = Literal[
    "money", "duration", "count", "percent", "quantity", "time", "called", "person", "name",
    "reason", "age", "successor", "role", "penalty",
]

# Kinds whose absence from an answer is telling, a naming phrase for "what did they call it?"
# included. "name" is not strict: almost every news sentence holds some capitalised word;
# "quantity" is any number at all.
# "person" (who, whom) is: a sentence naming nobody the question does not already name (only
# the question's own people, a weekday, an abbreviation of the question's words) cannot say who.
# So is "age": news gives one in a few set ways ("Barra, 51,", "a 15-year-old", "aged 109"),
# and "successor": who replaced someone is told by a sentence that says someone took a post.
STRICT = frozenset(
    {"money", "duration", "count", "percent", "time", "called", "person", "age", "successor",
     "penalty"}
)
# Kinds no quote without one can answer, however close their words: an answer holding no
# sum, share, duration or count does not say how much, how long or how many ("How much did
# the recalls cost Mattel?" quoted three sentences on the recall and none with a sum). (Not
# an age: news gives one in too many ways, "who will be 81 on November 23rd".)
HARD = frozenset({"successor", "money", "percent", "duration", "count", "penalty"})

_MONEY_CONTEXT = re.compile(
    r"\b(money|paid|pay|pays|paying|cost|costs|spend|spent|sold|sell|bought|buy|worth|price|"
    r"fine[ds]?|ransom|loan|aid|fund|funds|funding|budget|donat\w*|sue|compensation|salary|"
    r"damages|income|earn\w*|"
    r"deal worth|invest\w*|raise[ds]?|bid|offer\w*|grant|debts?|revenues?|profits?|losses)\b",
    re.I,
)
# "How much did the price of oil fall?" asks for a change, usually a percentage: a quantity,
# not a sum, though its words are about money.
_CHANGE = re.compile(
    r"\b(by how much|ris(e|en|es)|rose|f[ae]ll|fallen|falls|gr[eo]w|grown|grows|shr[iau]nk|"
    r"increase[ds]?|decrease[ds]?|drop(ped|s)?|decline[ds]?|cut|slump(ed)?|jump(ed)?)\b",
    re.I,
)
_DURATION_Q = re.compile(r"\b(for )?how long\b", re.I)
_COUNT_Q = re.compile(
    r"\b(how many|what (number|toll)|death toll|(what|how large) (is|was) the population)\b",
    re.I,
)
_TIME_UNITS_Q = re.compile(r"\bhow many (hours|days|nights|weeks|months|years)\b", re.I)
_QUANTITY_Q = re.compile(
    r"\b(how (much|large|big|far|old|often|badly|high|low|fast|severely)|by how much|roughly|"
    # ("what did Ned Price say?" names no price)
    r"about how|(what|which) ((?!(?:did|does|do)\b)[\w'’-]+ ){0,4}(share|percentage|proportion|"
    r"amount|number|margin|sum|price|figure|rate|total|tally|score|"
    r"(high|low)(?!\s+(court|commission\w*|school|command)\b)|level|size))\b|"
    # the rise itself asked about: "what pay rise did they accept?", not "which union rejected
    # the pay rise?"
    r"\b(what|which) ((is|was|are|were) the )?(\w+ )?(pay|wage|salary) ?(rise|raise|increase)\b",
    re.I,
)
# A share asked as such: "what percentage of the vote", "what share of Romanians".
_PERCENT_Q = re.compile(
    r"\b(what|which) (\w+ ){0,2}(percentage|percent|proportion)\b|\bwhat share of\b|"
    r"\bhow many (percent|per cent)\b",
    re.I,
)
_PERSON_Q = re.compile(r"^\s*(who|whom|whose)\b", re.I)
# "Who is Priya Anand?", "Who was Nicola Calipari?": a person named, asked about.
# (One name run, no nested repeats: an all-caps question must not backtrack for seconds; a
# possessive is no name, "Who is Apple's CEO?" asks for one.)
_NAME_WORD = r"[A-Z](?:[\w.-]|['’](?![sS]\b))*"
_WHO_IS_NAMED = re.compile(
    rf"^\s*(?i:who)\s+(?i:is|was|are|were)\s+(?:the\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD})*"
    r"\s*[?.!]*\s*$"
)
# "How old is Mary Barra?" — "Barra, 51, will be the first woman …": an age, not any number
# ("She has been with General Motors for 33 years" is a quantity too).
_AGE_Q = re.compile(r"\b(how old|(at )?what age)\b", re.I)
_MONEY_Q = re.compile(
    r"\b(how (much|big|large)|what ((is|was|are|were) the )?"
    # ("What did Ned Price say?", "What drove the price up?" ask for no sum)
    r"((?!(?:the|a|an|did|does|do|is|was|are|were|has|have|had|will|would|can|could)\b)\w+ ){0,2}"
    r"(amount|sum|price))\b",
    re.I,
)
# Nouns that name a sum of money whatever the rest of the question says: "what annual salary
# did he get?", "which fee", "what ransom".
_MONEY_NOUN_Q = re.compile(
    r"\b(what|which) ((is|was|are|were) (the )?)?((?!(is|was|are|were|did|does|do|has|have|had|"
    r"will|would|can|could|the|a|an|of)\b)[\w'’.-]+ ){0,2}(salary|salaries|wages?|fees?|ransom|"
    r"budget|compensation|bail|bonus(es)?|bounty|reward|fines?|damages|net income|"
    r"earnings|revenues?|profits?|"
    r"pay ?(packet|package))\b"
    # ... as the thing asked about: "which budget airline", "what bail conditions" are not.
    r"(?=\s*(\?|$|(did|does|do|was|were|is|are|has|have|had|will|would|could|can|might|of|for|"
    r"in|during|per)\b))",
    re.I,
)
_TIME_Q = re.compile(
    r"^\s*(when|((on|in|at|by|since|until|from) )?(what|which) (date|day|year|month|time))\b|"
    r"\buntil what\b",
    re.I,
)
# "The latest word on when the troops will leave": a time, once nothing else is asked for.
_EMBEDDED_WHEN = re.compile(r"\b(on|about|as to|of) when\b", re.I)
# "Which American official ...": the noun right after the wh-word names what is asked for;
# in "what was the official winning margin" it is only an adjective.
_NAME_NOUN_Q = re.compile(
    r"\b(which|what) ((?!(is|was|are|were|the|a|an)\b)\w+ ){0,2}(city|town|country|company|"
    r"magazine|newspaper|publication|official|leader|group|party|person|organi[sz]ation|team|harbou?r|port)\b",
    re.I,
)
# "What did the kidnappers call themselves?", "What was the code name of the operation?": the
# answer is a name given in a naming phrase ("who call themselves the …", "was called Jaque").
_CALLED_Q = re.compile(
    r"^\s*what\b.*\bcall(ed|s)? (itself|themselves|himself|herself|it|them|him|her)\b|"
    r"\b(what|which) (\w+ ){0,3}(code ?name|nickname)\b|\bwhat name\b|"
    # "What is O'Reilly's service that lets readers comment on manuscripts called?"
    r"\bwhat (was|is|were|are|will) \S.*\b(called|named|known as|dubbed|nicknamed)\W*$|"
    # "Who was named as the man who blew himself up?": an identification (not an appointment:
    # "who was named as the new captain?" — "Kane was named the new England captain")
    r"^\s*who (was|were|is|are|has been|had been) (identified as|named as the "
    r"(man|woman|person|suspect|bomber|attacker|gunman|driver|victim|killer|pilot)\b)",
    re.I,
)
# "What is the name of the police officer who shot him?": a person's name, not any name.
_PERSON_NAME_Q = re.compile(
    r"^\s*what (is|was|are|were)( the)? names? of the ([\w-]+ ){0,2}(officer|policeman|policewoman|"
    r"man|woman|boy|girl|person|suspect|gunman|gunmen|victim|pilot|driver|soldier|killer|"
    r"attacker|bomber|journalist|reporter|judge|spokes(man|woman|person)|teacher|student|"
    r"doctor|lawyer|player|coach|captain|candidate|winner|mayor|minister|chief|director|"
    r"founder|owner|chairman|official|agent|hostage|prisoner|detainee|prosecutor|corporal|"
    r"sergeant|marine|commander|governor|priest|bishop|shooter|robber|thief|hijacker|"
    r"kidnapper|husband|wife|actor|actress|singer|author|writer|editor|photographer|nurse|"
    r"scientist|professor|cameraman)s?\b"
    # the person asked about, not a thing of theirs ("the director's new film", "the student
    # union", "the hostage crisis")
    r"(?!['’])(?=\s*(?:[?,.]|$|(?:who|whom|whose|that|in|at|from|of|on|for|with|by)\b))",
    re.I,
)
_REASON_Q = re.compile(r"^\s*(why|for what reason|what (was|is|were|are) the reason)\b", re.I)
_NAME_Q = re.compile(
    r"^\s*(who|whom|whose|where|which|in which|at which|from which|to which|what (was|is) the "
    r"(name|code ?name|title))\b",
    re.I,
)


def asks_who_is(question: str) -> bool:
    """ "Who is Priya Anand?": a person named, asked about (not "WHO IS IN CHARGE?")."""
    return bool(_WHO_IS_NAMED.match(question)) and not question.isupper()


def answer_type(question: str) -> Kind | None:
    """The kind of phrase a wh-question asks for, or None for an open one ("what did she
    say?") or a yes/no question (the caller's business). The order matters: "how many days"
    asks for a duration before a count, a time ("in what year") or a named thing ("which
    party") before the quantity words their questions may also hold ("won a majority")."""
    if _AGE_Q.search(question):
        return "age"
    if _DURATION_Q.search(question) or _TIME_UNITS_Q.search(question):
        return "duration"
    if _PERCENT_Q.search(question) and not _CHANGE.search(question):
        return "percent"  # before the count: "how many percent …"
    if _COUNT_Q.search(question):
        return "count"
    if _TIME_Q.search(question):
        return "time"
    if _CALLED_Q.search(question):
        return "called"
    if asks_penalty(question):  # "What sentence did the court hand down?" (bot/penalty.py)
        return "penalty"
    if _PERSON_NAME_Q.search(question):
        return "person"
    if _MONEY_NOUN_Q.search(question):
        return "money"
    if _NAME_NOUN_Q.search(question):
        return "name"
    if _QUANTITY_Q.search(question):
        money = _MONEY_Q.search(question) and _MONEY_CONTEXT.search(question)
        return "money" if money and not _CHANGE.search(question) else "quantity"
    if asks_who_is(question):
        return "role"  # "Who is Priya Anand?": what she is ("the mediator"), not another name
    if _PERSON_Q.search(question):
        return "successor" if asks_for_successor(question) else "person"
    if _NAME_Q.search(question):
        return "name"
    if _EMBEDDED_WHEN.search(question):
        return "time"
    if _REASON_Q.search(question):
        return "reason"
    return None


_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|dozens?|half"
)
_NUMBER = re.compile(rf"\d|\b({_NUMBER_WORDS})\b", re.I)
# A number starts where a run of digits starts (also keeps matching linear on "1,1,1,...").
_NUM = rf"(?:(?<![\d,.])\d[\d,.]*|\b(?:{_NUMBER_WORDS})\b)"
_UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|year|decade)s?"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_MONEY = re.compile(
    rf"(?:US\$|A\$|C\$|NZ\$|HK\$|\$|£|€|¥|₹)\s?\d|"
    # a currency's code: "AUD 12,270", "EUR 2 million", "12,270 AUD"
    rf"\b(?:USD|AUD|CAD|NZD|EUR|GBP|JPY|CHF|CNY|INR|HKD|SEK|NOK|DKK|ZAR|RUB)\s?\d|"
    rf"\d\s?(?:USD|AUD|CAD|NZD|EUR|GBP|JPY|CHF|CNY|INR|HKD)\b|"
    rf"(?<![\d,.])\b\d[\d,.]*\s*(?:(?:million|billion|trillion|"
    rf"thousand|m|bn)\s+)?(?:dollars|euros?|pounds|sterling|yen|yuan|rupees|zlotys?|francs|"
    rf"roubles|rubles|pesos|shillings|rand|dinars|won|lira|kroner|kronor|crowns)\b|"
    rf"\b{_NUM}\s+(?:million|billion|trillion)\b",
    re.I,
)
# "How long" also asks about length ("How long is the new bridge?").
_LENGTH = r"(?:km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|feet|ft)"
_DURATION = re.compile(
    rf"{_NUM}[\s-]+(?:{_UNIT}|{_LENGTH})\b|\buntil\b|\bfor (?:a|an|one) {_UNIT}\b", re.I
)
_TIME = re.compile(
    rf"\b(\d{{4}}|{_MONTH}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|"
    r"today|tomorrow|week|month|year|noon|midnight)\b|"
    # a clock time: "at 01:35:27 (UTC)", "at 9 a.m." (not "John 3:16", "won 31:28")
    r"(?:(?<=\bat )|(?<=\bby )|(?<=around )|(?<=until )|(?<=before )|(?<=after )|(?<=from ))"
    r"(?:\d{1,2}:\d{2}(?::\d{2})?(?!\d)|\d{1,2}\s?(?:[ap]\.m\.|[ap]m\b))",
    re.I,
)
# Numbers that are not counts: years, days of a month, clock times, and number-unit modifiers
# such as "six-day war" or "a 30-year-old man".
_NOT_COUNT = re.compile(
    rf"\b(?:1[89]\d\d|20\d\d)\b(?!\s+(?:people|persons|[a-z]+s)\b)|"
    rf"\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|"
    rf"\b\d{{1,2}}[:.]\d\d\b|{_NUM}[\s-]+{_UNIT}\b|{_NUM}-\w+-old\b",
    re.I,
)
# A count counts something: "250 people", "thousands of refugees", not a bare "thousands."
# (a quotation may end after the number: '"more than 900" documented as injured').
_COUNT = re.compile(rf"(?<![\w-]){_NUM}%?[\"”’)]?\s+[A-Za-z]", re.I)
# ... or a tally that is stated: "the death toll rose to 77", "the number of dead stood at 30".
_TALLY = re.compile(
    rf"\b(?:count|toll|total|number|tally|figure|population)\b(?:\s+\w+){{0,4}}?\s+"
    rf"(?:to|at|of|is|was|reached|hit|stands at|stood at)\s+(?:about |around |some |over )?{_NUM}",
    re.I,
)
# A name given in a naming phrase: "who call themselves the …", "was called Jaque", "a storm
# dubbed “Katrina”" — not a call to someone ("Trump called Sheinbaum", "he called for calm").
_CALLED = re.compile(
    r"(\bcall(s|ed|ing)? (itself|themselves|himself|herself)|\b(code|nick)-?named|"
    r"\b(?!(he|she|they|we|i|you|who|police|and|also|then)\b)[a-z]+,?\s+"
    r"(called|named|dubbed|known as|titled|entitled)|"
    # "identified the bomber as Alaa Zaakik", "named as Alaa Zaakik"
    r"\b(identified|named) (\w+ ){0,3}?as)\s+(the |a |an )?[\"“‘']?[A-Z]|"
    # a word said of something, quoted: "calling the test \"brazen\"", "called it \"a farce\""
    r"\b(?i:call(s|ed|ing))\s+(it|them|him|her|this|that|the\s+\w+(\s+\w+)?)\s+"
    r"(a |an |the )?[\"“‘']"
)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]+")
_FIRST_NAME = re.compile(r"[A-Z][\w'’-]+(?=\s+[a-z]|,|\s+[A-Z])")
# An age as news gives one: "a 15-year-old", "aged 51", "at the age of 23", "Barra, 51,".
_AGE = re.compile(
    r"\b\d{1,3}[- ]years?[- ]old\b|\baged? \d{1,3}\b|\bage of \d{1,3}\b|"
    r"\b[A-Z][\w'’-]+, \d{1,3},|\b[A-Z][\w'’-]+ \(\d{1,3}\)|"
    # said of a person: "who will be 81 on November 23rd", "who is 58", "turned 80"
    r"\b(?:who|he|she)\s+(?:is|was|will be|would have been|turns|turned)\s+\d{1,3}\b"
    r"(?!\s*(?:%|percent|per cent|million|billion|years? (?:ago|in))|[.,]\d)|"
    r"\bturn(?:s|ed)? \d{1,3}\b(?!\s*(?:%|percent|million))"
)
_PERCENT = re.compile(r"\d\s?%|\b(percent|per cent|percentage points?)\b", re.I)
# Capitalised, but never the name asked for.
NOT_NAMES = frozenset(stem_all([*calendar.day_name, *calendar.month_name[1:]]))
# A cause, or what happened just before: "resigned after admitting …", "withdrew a grant after
# the project went over budget", "because of", "in protest at".
_REASON = re.compile(
    r"\b(because|due to|owing to|as a result|caused by|blamed (on|for)|citing|in protest|"
    r"in response to|the reason|reasons? (for|was|were|is)|after|following|amid|so that|"
    # a side's own case: "Microsoft argues that to do this breaches its property rights"
    r"argu(es|ed|ing) that|on the grounds (that|of (his|her|its|their))|as it would)\b",
    re.I,
)
# A word with a digit in it: "3GS", "G8", "Flight 574" — the question's own are no answer.
_OWN_FIGURE = re.compile(r"\b\w*\d[\w.,]*")


def _unless_asked(m: re.Match[str], asked: set[str]) -> str:
    return " " if stem_all([m.group(0).lower().rstrip(".,")])[0] in asked else m.group(0)


def holds(
    kind: str | None, sentence: str, asked: set[str], names: Container[str] | None = None
) -> bool:
    """Whether the sentence holds a phrase of the kind asked for. `asked` are the question's
    stems, so that a name the question already gives is not an answer; `names`, when given,
    the words its article writes as names (bot.truecase.names_in), for a first word."""
    if kind == "money":
        return bool(_MONEY.search(sentence))
    if kind == "duration":
        return bool(_DURATION.search(sentence))
    if kind == "count":
        text = _NOT_COUNT.sub(" ", sentence)
        return bool(_COUNT.search(text) or _TALLY.search(text))
    if kind == "quantity":
        return bool(_NUMBER.search(_OWN_FIGURE.sub(lambda m: _unless_asked(m, asked), sentence)))
    if kind == "percent":
        return bool(_PERCENT.search(sentence))
    if kind == "age":
        return bool(_AGE.search(sentence))
    if kind == "penalty":
        return states_penalty(sentence)
    if kind == "time":
        return bool(_TIME.search(sentence))
    if kind == "called":
        return bool(_CALLED.search(sentence))
    if kind == "reason":
        return bool(_REASON.search(sentence))
    if kind in ("name", "person"):
        return bool(answer_words(kind, sentence, asked, names))
    if kind == "role":
        return gives_role(sentence, asked)
    if kind == "successor":
        return any(
            any(not named_in(st, asked) and st not in NOT_NAMES for st in stem_all(words))
            for words in successor_names(sentence)
        )
    return False


def answer_words(
    kind: str | None, sentence: str, asked: set[str], names: Container[str] | None = None
) -> list[str]:
    """The words of the sentence that make it hold the kind asked for, as stems: the new
    names for a name, the numbers for a count or a sum, the time words for a time. What two
    reports must share to give the same answer."""
    if kind in ("name", "person", "successor", "called"):
        found = list(_NAME.finditer(sentence))
        if kind in ("person", "successor"):
            # Who-answers often open the sentence ("Chavez resigned on Tuesday"): a first word
            # counts for a person unless English starts sentences with it ("The", "After"),
            # or, where the article's names are known, the article never writes it as a name
            # inside a sentence ("Two police officers …", "Presidential elections …").
            first = _FIRST_NAME.match(sentence, len(sentence) - len(sentence.lstrip(" \"“‘'")))
            if (
                first
                and first.group(0).lower() not in STOPWORDS
                and (names is None or name_key(first.group(0)) in names)
                and all(m.start() != first.start() for m in found)
            ):
                found.insert(0, first)
        names = [re.sub(r"['’]s$", "", m.group(0)) for m in found]
        spelled = _spelled_out(found, asked)
        return [
            s
            for i, s in enumerate(stem_all(names))
            if not named_in(s, asked) and s not in NOT_NAMES and i not in spelled
        ]
    if kind == "age":  # the years, not the name beside them
        return [n for m in _AGE.finditer(sentence) for n in re.findall(r"\d+", m.group(0))]
    pattern = {"time": _TIME, "money": _MONEY, "duration": _DURATION, "percent": _PERCENT}.get(
        kind or ""
    )
    if kind in ("count", "quantity"):
        pattern = re.compile(_NUM, re.I)
    if pattern is None:
        return []
    return stem_all([w for m in pattern.finditer(sentence) for w in re.findall(r"\w+", m.group(0))])


def _spelled_out(found: list[re.Match[str]], asked: set[str]) -> set[int]:
    """Which of the names found are words of an abbreviation the question gives: "United
    States" when it says "US" (stemmed "u", as "US" is), in a run of two to five."""
    out: set[int] = set()
    start = 0
    for i in range(1, len(found) + 1):
        if i < len(found) and found[i].string[found[i - 1].end() : found[i].start()] == " ":
            continue
        for a in range(start, i - 1):
            for b in range(a + 2, min(i, a + 5) + 1):
                if stem_all(["".join(m.group(0)[0] for m in found[a:b])])[0] in asked:
                    out.update(range(a, b))
        start = i
    return out

