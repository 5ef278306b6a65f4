"""Answer typing: what kind of phrase a wh-question asks for (whether a sentence holds one is
bot/answer_phrase.py).

Classic question-answering typing, kept deliberately coarse. A sentence without the kind of
phrase asked for ("how much was he paid?" against a sentence with no sum of money in it) is
unlikely to answer, however close its words are: that is a ranking signal and, for the strict
kinds (money, duration, count, time), a reason for less confidence."""

from __future__ import annotations

import re
from typing import Literal

from bot.penalty import asks_penalty
from bot.successor import asks_for_successor

Kind = Literal[
    "money", "duration", "count", "percent", "quantity", "time", "called", "person", "name",
    "reason", "age", "successor", "role", "penalty", "clock", "tally",
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
     "penalty", "clock", "tally"}
)
# Kinds no quote without one can answer, however close their words: an answer holding no
# sum, share, duration or count does not say how much, how long or how many ("How much did
# the recalls cost Mattel?" quoted three sentences on the recall and none with a sum). (Not
# an age: news gives one in too many ways, "who will be 81 on November 23rd".) A time of day
# asked for is not told by a date ("At what time did the rocket hit?" — "15:40 GMT").
HARD = frozenset({"successor", "money", "percent", "duration", "count", "penalty", "clock"})


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
# A vote's or a match's two figures: "What was the vote tally?", "What was the final score?"
# ("217 ayes to 215 noes", "96-0", "won 2–1"; not "a credit score", "scores of people").
# (of a vote or a match only: not "his SAT score", "the death tally", "What did Smith score?")
_TALLY_Q = re.compile(
    r"^\s*(what|which)\b[^?]{0,60}?(\b(vote|voting|final|match|game|election)\s+(tally|count|"
    r"score)\b|\bscoreline\b|\b(tally|score)\s+(in|of|at|for|on)\b[^?]{0,50}?\b(votes?|"
    r"ballot|match|game|final|election|house|senate|parliament|assembly|congress|delegates|"
    r"resolution|bill|referendum)\b|"
    # "What was the vote in the Supreme Court's ruling?"
    r"\b(was|is|were)\s+the\s+(final\s+)?vote\s+(in|on|of|for|at)\b)",
    re.I,
)
# A time of day: "At what time did the rocket hit?" (not "what time of year", "time frame").
_CLOCK_Q = re.compile(
    r"\b(at )?what time\b(?!\s+(of (?!day\b)|period|frame|scale|zone|limit|span)\b)"
    r"(?!.*\bin (his|her|its|their) (career|life|history|reign|term)\b)|\bat what hour\b",
    re.I,
)
# "What will the Baghdad Eye cost to build?", "What did the recalls cost Mattel?": a sum.
# (the verb, its subject before it: not "rising costs", "to cut cost", "low-cost airline")
_COST_Q = re.compile(
    r"^\s*what\s+(will|would|did|does|do|could|might|has|have|had)\s+(?!cost\b)[^?]{1,80}?"
    r"\s(?<!\b(?:the|its|his|her|our|any|cut|low|per)\s)(?<!\btheir\s)(?<!\brising\s)"
    r"(?<!\breduce\s)cost(?![-\w])(?!\s+(overruns?|of|cutting|savings|increases?)\b)",
    re.I,
)
_TIME_Q = re.compile(
    r"^\s*(when|((on|in|at|by|since|until|from) )?(what|which) (date|day|year|month|time))\b|"
    # ... asked at the end: "by the end of which year?", "in which month of 2008?"
    r"\buntil what\b|\b(of|in|by|since|until|before|after) (what|which) (date|year|month)\b",
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
# Nouns for people: "What is the name of the police officer who shot him?", "Which
# Australian MP died …?".
_PERSON_NOUNS = (
    r"officer|policeman|policewoman|man|woman|boy|girl|person|suspect|gunman|gunmen|victim|"
    r"pilot|driver|soldier|killer|attacker|bomber|journalist|reporter|judge|"
    r"spokes(man|woman|person)|teacher|student|doctor|lawyer|player|coach|captain|candidate|"
    r"winner|mayor|minister|chief|director|founder|owner|chairman|official|agent|hostage|"
    r"prisoner|detainee|prosecutor|corporal|sergeant|marine|commander|governor|priest|bishop|"
    r"shooter|robber|thief|hijacker|kidnapper|husband|wife|actor|actress|singer|author|writer|"
    r"editor|photographer|nurse|scientist|professor|cameraman|executive|manager|employee|"
    r"worker|member|activist|protester|leader|rebel|militant|men|women|people|children|mp|"
    r"senator|president|premier|chancellor|king|queen|prince|princess|pope|ambassador|"
    r"secretary|envoy|negotiator|mediator|general|footballer|athlete|presenter|ceo|investor|"
    r"businessman|businesswoman|entrepreneur|billionaire|millionaire|banker|economist|analyst|"
    r"strategist|researcher|politician|lawmaker|legislator|congressman|congresswoman|"
    r"campaigner|diplomat|cleric|imam|rabbi|pastor|monk|musician|artist|rapper|comedian|"
    r"producer|designer|architect|astronaut|cyclist|golfer|boxer|tennis player|swimmer|"
    r"chef|blogger|hacker|whistleblower|defendant|plaintiff|witness|survivor|citizen|"
    r"fisherman|fishermen|farmer|miner|sailor|guard|firefighter|paramedic|protestor|"
    r"demonstrator|resident|villager|passenger|tourist|climber|driver|cyclist|runner|staff|"
    r"relative|interpreter|volunteer"
)
PERSON_NOUN = re.compile(rf"(?:{_PERSON_NOUNS})s?", re.I)
_PERSON_NAME_Q = re.compile(
    # ("… of the Ukrainian cameraman", "… of Colin Powell's former chief of staff")
    rf"^\s*what(?:'s| (is|was|are|were))( the)? names? of (the |(?:[A-Z][\w-]+ )*[A-Z][\w-]+['’]s )"
    rf"([\w-]+ ){{0,2}}({_PERSON_NOUNS})s?\b"
    # the person asked about, not a thing of theirs ("the director's new film", "the student
    # union", "the hostage crisis")
    r"(?!['’])(?=\s*(?:[?,.]|$|(?:who|whom|whose|that|in|at|from|of|on|for|with|by|the|he|she|they|"
    r"\w+ed|shot|held|seen|hit|found|taken|caught|slain)\b))",
    re.I,
)
# "Which Australian MP died …?", "Which French minister was stopped …?": a person asked for by
# the noun for them.
_WHICH_PERSON_Q = re.compile(
    # (the noun right after the wh-word and its adjectives: not "What was the official winning
    # margin?", "What were the gang members armed with?", "Which of the hostages …?")
    r"^\s*(which|what)\s+(?!(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could|"
    # (adjectives and nouns only between: "Which magazine reported that Guantanamo guards …"
    # asks for a magazine)
    rf"the|a|an|of)\b)((?!(?:that|who|which|whose|to|of|in|on|at|for|with|by|from|the|a|an|"
    # (nor a verb: "What illness did Australian MP Peter Andren die from?", "Which company
    # fired the woman …?", "took the man to court"; not "Which retired general …?")
    rf"is|was|are|were|did|does|do|has|have|had|will|would|can|could|"
    rf"(?:\w+ed|took|gave|made|sent|won|lost|told|hit|shot)\s+(?:the|a|an|his|her|its|their))\b)"
    rf"[\w'’-]+\s+){{0,4}}?({_PERSON_NOUNS})s?\b(?!['’])",
    re.I,
)


# A name asked for as such: "What was the name of the rocket?", "What is the title of her
# biography?"
NAMED_Q = re.compile(
    r"^\s*what(?:['’]s| is| was| are| were)( the)? (code ?)?(names?|titles?) of\b", re.I
)


def must_hold(question: str, kind: str | None) -> bool:
    """Whether no quote without the kind of phrase asked for can answer: a HARD kind, or a
    name asked as such ("What are the names of the two executives the FBI arrested?" — "The
    FBI … arrested two in June" is the story, not their names; "What was the name of the
    rocket?" — "The first space rocket has been launched")."""
    return kind in HARD or (kind in ("person", "name") and bool(NAMED_Q.search(question)))


def asks_for_a_person(question: str, kind: str | None) -> bool:
    """Whether the answer is a person, whom a follow-up's "he" or "she" then means: a "who"
    question, or a "which" one by a noun for people ("Which Australian MP died …?"), not
    "Which country did Brown visit?"."""
    return kind in ("person", "successor") or (
        kind == "name" and bool(_WHICH_PERSON_Q.search(question))
    )


_REASON_Q = re.compile(r"^\s*(why|for what reason|what (was|is|were|are) the reason)\b", re.I)
_NAME_Q = re.compile(
    r"^\s*(who|whom|whose|where|which|in which|at which|from which|to which|"
    r"what(['’]s| was| is) the (name|code ?name|title))\b",
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
    if _CLOCK_Q.search(question):
        return "clock"
    if _TIME_Q.search(question):
        return "time"
    if _CALLED_Q.search(question):
        return "called"
    if asks_penalty(question):  # "What sentence did the court hand down?" (bot/penalty.py)
        return "penalty"
    if _PERSON_NAME_Q.search(question):
        return "person"
    if _TALLY_Q.search(question):
        return "tally"
    if _MONEY_NOUN_Q.search(question) or _COST_Q.search(question):
        return "money"
    if _WHICH_PERSON_Q.search(question):
        return "person"  # "Which judge sentenced …?": a person's name, not "Australian"
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
