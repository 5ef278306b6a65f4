"""Whether a sentence holds the kind of phrase a question asks for (bot/answer_type.py): a sum,
a count, a duration, a time, a new name, a reason … and which of its words make it so."""

from __future__ import annotations

import calendar
import re
from collections.abc import Container

from bot.penalty import MONEY_FIGURE, states_penalty
from bot.peoples import named_in
from bot.role import gives_role
from bot.successor import successor_names
from index.stopwords import STOPWORDS
from index.terms import name_key, stem_all

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
    rf"roubles|rubles|pesos|shillings|rand|dinars|won|lira|kroner|kronor|crowns|pence|"
    rf"cents)\b|"
    # pence as a price is written "500p": "offering 500p cash per share"
    rf"(?<![\w.,])\d[\d,.]*p\b|"
    rf"\b{_NUM}\s+(?:million|billion|trillion)\b",
    re.I,
)
# "How long" also asks about length ("How long is the new bridge?").
_LENGTH = r"(?:km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|feet|ft)"
_DURATION = re.compile(
    rf"{_NUM}[\s-]+(?:{_UNIT}|{_LENGTH})\b|\buntil\b|\bfor (?:a|an|one) {_UNIT}\b|"
    rf"\b{_UNIT}[\s-]long\b",  # "a week-long strike"
    re.I,
)
# A time of day: "at 15:40 GMT", "9 a.m.", "at 1500 hours", "around noon" (not "fell 2.35
# points", "closed at 23.45", "1,200 hours of work", "election night").
_ZONE = r"(?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|BST|CET|CEST|IST|JST|AEST|AEDT|local time)"
_CLOCK = re.compile(
    rf"\b\d{{1,2}}[:.]\d\d\s?(?:[ap]\.m\.|[ap]m\b|{_ZONE}|hours|hrs|h\b)|"
    r"(?:\b(?:at|by|around|about|until|before|after|from|shortly after|just before)\s+)"
    r"(?:\d{1,2}:\d\d\b|\d{3,4}\s?(?:hours|hrs)\b)|"
    rf"\b\d{{1,2}}\s?(?:[ap]\.m\.|[ap]m\b|o'clock)|\b\d{{1,2}}[:.]?\d\d\s?{_ZONE}|"
    r"\b(?:noon|midday|midnight|dawn|dusk|daybreak|nightfall)\b",
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
    rf"\b\d{{1,2}}[:.]\d\d\b|{_NUM}[\s-]+{_UNIT}\b|{_NUM}-\w+-old\b|"
    # "one of Canada's largest companies", "one thing is certain": a superlative, no count
    r"\bone\s+of\s+(?:the\s+|its\s+|his\s+|her\s+|their\s+|[\w.-]+['’]s\s+)?"
    r"(?:\w+est|most|best|worst|first|last|few|many)\b|\bone\s+thing\b",
    re.I,
)
# A count counts something: "250 people", "thousands of refugees", not a bare "thousands."
# (a quotation may end after the number: '"more than 900" documented as injured').
# (not a share: "37% support", "40 percent of voters" count nobody)
_COUNT = re.compile(
    rf"(?<![\w-]){_NUM}(?!\s*(?:%|percent\b|per cent\b))[\"”’)]?\s+[A-Za-z]", re.I
)
# ... or a tally that is stated: "the death toll rose to 77", "the number of dead stood at 30".
# ("The number of mobile phone users in Moldova increased by 47.3% … and exceeded 2.88
# million": a clause on, the figure the number came to)
_TALLY = re.compile(
    rf"\b(?:count|toll|total|number|tally|figure|population)\b(?:\s+\w+){{0,4}}?\s+"
    rf"(?:to|at|of|is|was|reached|hit|stands at|stood at)\s+(?:about |around |some |over )?{_NUM}|"
    rf"\b(?:number|total|population)\s+of\b(?:[^.;]|\.(?=\d)){{0,160}}?\b(?:exceeded|topped|surpassed|"
    rf"passed|reached|rose to|grew to|fell to|stood at)\s+(?:about |around |some |over )?{_NUM}",
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
# A capitalised word that is not a sentence's first: a name's
NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]+")
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
# Two figures of a vote or a match: "96-0", "won 2–1", "by 217 ayes to 215 noes" (not a span
# of years, "2003-2005", nor a range of shares, "from 5 percent to 6")
# (a "to" only with votes beside it: "aged 18 to 25", "30 to 40 people" are ranges)
_FIG = r"\d{1,3}(?:,\d{3})?"
TWO_FIGURES = re.compile(
    rf"(?<![\d,.$£€/])\b(?!(?:19|20)\d\d\s*[-–—]\s*(?:19|20)?\d\d\b){_FIG}\s*[-–—]\s*{_FIG}\b"
    r"(?![.,]?\d|\s*(?:%|percent|per cent|years?|attacks?)\b|[-–—])|"
    rf"(?<![\d,.$£€])\b{_FIG}\s+(?:votes?|ayes|yeas|in favou?r)\s+(?:to|against)\s+{_FIG}\b|"
    rf"(?<![\d,.$£€])\b{_FIG}\s+(?:to|against)\s+{_FIG}\s+(?:votes?|noes|nays|against)\b|"
    rf"(?<![\d,.$£€])\b{_FIG}-to-{_FIG}\b",  # "The 5-to-4 judgment"
    re.I,
)
# A word with a digit in it: "3GS", "G8", "Flight 574" — the question's own are no answer.
_OWN_FIGURE = re.compile(r"\b\w*\d[\w.,]*")
_A_NUM = re.compile(_NUM, re.I)


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
        text = _NOT_COUNT.sub(" ", MONEY_FIGURE.sub(" ", sentence))  # ("a $8 billion bid")
        # ("How many bodies were found in the three mass graves?" — "the discovery of three
        # mass graves": the question's own figure is no answer)
        text = _A_NUM.sub(lambda m: _unless_asked(m, asked), text)
        return bool(_COUNT.search(text) or _TALLY.search(text))
    if kind == "quantity":
        return bool(_NUMBER.search(_OWN_FIGURE.sub(lambda m: _unless_asked(m, asked), sentence)))
    if kind == "percent":
        return bool(_PERCENT.search(sentence))
    if kind == "age":
        return bool(_AGE.search(sentence))
    if kind == "penalty":
        return states_penalty(sentence)
    if kind == "clock":
        return bool(_CLOCK.search(sentence))
    if kind == "tally":
        return bool(TWO_FIGURES.search(sentence))
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
        found = list(NAME.finditer(sentence))
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
            found = _people(found)
        # (not a capitalised "The" that opens a quotation: '"The first space rocket …')
        found = [m for m in found if m.group(0).lower() not in STOPWORDS]
        names = [re.sub(r"['’]s$", "", m.group(0)) for m in found]
        spelled = _spelled_out(found, asked)
        return [
            s
            for i, s in enumerate(stem_all(names))
            if not named_in(s, asked) and s not in NOT_NAMES and i not in spelled
        ]
    if kind in ("age", "tally"):  # the figures, not the name or the votes beside them
        pattern = _AGE if kind == "age" else TWO_FIGURES
        return [n for m in pattern.finditer(sentence) for n in re.findall(r"\d+", m.group(0))]
    pattern = {"time": _TIME, "money": _MONEY, "duration": _DURATION, "percent": _PERCENT}.get(
        kind or ""
    )
    if kind in ("count", "quantity"):
        pattern = re.compile(_NUM, re.I)
    if pattern is None:
        return []
    return stem_all([w for m in pattern.finditer(sentence) for w in re.findall(r"\w+", m.group(0))])


# The last word of a name that is a body's, never a person's: "the International Monetary
# Fund", "the Social Democratic Alliance" (not the words that are surnames too: King, Parks,
# Banks, Rivers, Royal, Church, Cross, Ocean).
BODIES = frozenset(re.findall(r"\w+", """
    assembly parliament party council committee commission ministry department court courts
    university agency corporation corp inc ltd association union organisation organization
    government administration congress senate kingdom republic office service army navy
    police times news airline airlines fund alliance movement league group institute
    foundation network channel television nations coalition federation authority bureau
    centre center hospital school college club team city county province state states
    islands airport station stadium games olympics cup prize treaty accord agreement
    program programme project registry company forces minister ministers
    chronicle journal herald tribune gazette telegraph guardian observer inquirer examiner
    mail express globe magazine newspaper wire
"""))


# A people's word before a noun: "an Australian judge", "the Iraqi group", "French minister".
# ("a South Korean official")
DEMONYM = re.compile(
    r"(?:(?:North|South|East|West|Central)\s+)?[A-Z][a-z]+(?:ian|an|ean|ese|ish|i|ch)\s+[a-z]"
)


# Words no person is named by: an abbreviation ("the US press", "UN"), a people in the
# plural ("killed two Palestinians", "Iraqis").
# (not "Evans", "Davis", "Harris": the endings of a people's plural only, and a few listed)
_NO_PERSON = re.compile(
    r"[A-Z]{2,3}|[A-Z][a-z]+(?:ians|eans)|Americans|Africans|Mexicans|Iraqis|Israelis|Pakistanis|"
    r"Afghans|Somalis|Saudis|Kuwaitis|Yemenis|Qataris|Bangladeshis|Kurds|Arabs|Turks|Britons|"
    r"Filipinos|Thais|Chinese|Japanese|Vietnamese|Sudanese|Lebanese|Taiwanese|"
    r"Republicans|Democrats|Conservatives|Liberals|Tories|Socialists"
)


# Titles, and the adjectives of offices, that name nobody alone ("Secretary", "a Congressional
# official"; not the surnames among offices' words: King, Banks, Pope, House)
_TITLES = frozenset(stem_all(re.findall(r"\w+", """
    secretary minister president governor senator mayor chief general director chairman
    chairwoman spokesman spokeswoman premier ambassador commissioner deputy vice prime
    congressional federal presidential parliamentary provincial municipal ministerial
    attorney solicitor inspector justice judge auditor counsel treasurer speaker comptroller
    controller ombudsman sheriff""")))


# A name right after a preposition of place (and the names listed after it) is a place's.
_AT_PLACE = re.compile(r"\b(?:in|at|near|outside|across|throughout)\s+(?:[A-Z][\w'’-]*,?\s+)*$")


def _people(found: list[re.Match[str]]) -> list[re.Match[str]]:
    """The names found that may be a person's: not a run a capital "The" opens inside the
    sentence ("told The Times"), nor one that ends on a body's word ("the International
    Monetary Fund", "Prime Minister")."""
    runs: list[list[re.Match[str]]] = []
    found = [
        m for m in found
        if not DEMONYM.match(m.string, m.start()) and not _NO_PERSON.fullmatch(m.group(0))
    ]
    for m in found:
        # ("United Nations Kofi Annan": a body's name, then a person's)
        if runs and m.string[runs[-1][-1].end() : m.start()] == " " and not _body(runs[-1][-1]):
            runs[-1].append(m)
        else:
            runs.append([m])
    return [
        m
        for run in runs
        if run[0].group(0) != "The"
        # "in Mosul, Iraq" (looked at just before the run: a long sentence is read once)
        and not _AT_PLACE.search(run[0].string, max(0, run[0].start() - 80), run[0].start())
        and not _body(run[-1])
        # (nor a title alone: "former Secretary of State Colin Powell" has no "Secretary")
        and not all(stem_all([re.sub(r"['’]s$", "", m.group(0).lower())])[0] in _TITLES
                    for m in run)  # ("the Attorney General's office")
        for m in run
    ]


def _body(m: re.Match[str]) -> bool:
    return re.sub(r"['’]s$", "", m.group(0)).lower() in BODIES


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

