"""Whether a sentence says what a person is: the answer to "Who is Priya Anand?" is the role
a report gives her ("mediator, Priya Anand", "Marta Okafor, the union's leader"), not
another name. Apart from bot/answer_type, whose other kinds are phrases, not roles."""

from __future__ import annotations

import re

from index.stopwords import STOPWORDS
from index.terms import stem_all

_RUN = re.compile(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")
_APPOSITIVE = re.compile(r",\s+(?:the|a|an|who|[a-z]{3,})\b")
# A verb before the name says what was done to them ("He met Marta Quintero"), and a word
# after its comma may only go on with the sentence ("Marta Quintero, however, …").
_DONE_TO = re.compile(
    r"\w+ed|met|saw|told|said|gave|took|made|meets|sees|tells|says|thanks|urges|called|asked"
)
# Words before a name that say when or whether, not what the person is ("Earlier today
# Priya Anand said", "asked whether Priya Anand would stay").
_NO_ROLE = frozenset(
    {"today", "yesterday", "tonight", "earlier", "later", "now", "then", "also", "whether",
     "when", "while", "if", "that", "as", "and", "or", "but"}
)
_NOT_APPOSITIVE = re.compile(r"\b(however|though|meanwhile|too|also|then|said|says|added|told)\b")


def gives_role(sentence: str, asked: set[str]) -> bool:
    """Whether the sentence says what the person asked about is: a word of what they are or
    do right before the name ("mediator, Priya Anand", "harbour master Olu Adeyemi", "led by
    Marta Okafor") or an apposition after it ("Marta Okafor, the union's leader, …"); not a
    name merely used ("with Marta Okafor calling it …")."""
    for run in _RUN.finditer(sentence):
        if stem_all([run.group(0).split()[-1].lower()])[0] not in asked:
            continue
        before = sentence[: run.start()].rstrip(" ,").split()[-1:]
        if before and (before[0] == "by" or (before[0].isalpha() and before[0].islower()
                                              and before[0] not in STOPWORDS
                                              and before[0] not in _NO_ROLE
                                              and not _DONE_TO.fullmatch(before[0]))):
            return True
        after = _APPOSITIVE.match(sentence, run.end())
        if after and not _NOT_APPOSITIVE.search(after.group(0)):
            return True
        titled = _TITLED.match(sentence, run.end())
        if titled and titled.group(1).split()[-1].lower().rstrip(".") in _ROLE_WORDS:
            # "Christopher Coonen, General Manager of PayPal, explained" (not a list of the
            # titled: "Priya Anand, President Bush and Tony Blair")
            return True
    return False


# An apposition written as a title, capitalised: ", General Manager of …", ", CEO of …".
_TITLED = re.compile(r",\s+((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)(?=\s+(?:of|at|for)\b|,|\.|$)")
_ROLE_WORDS = frozenset(
    {"president", "minister", "secretary", "general", "chairman", "chairwoman", "chief",
     "director", "manager", "executive", "officer", "head", "spokesman", "spokeswoman",
     "spokesperson", "founder", "editor", "leader", "vice", "deputy", "professor", "ceo", "cfo",
     "governor", "mayor", "senator", "ambassador", "commissioner", "chancellor", "premier"}
)
