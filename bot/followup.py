"""Follow-up questions in a chat: whether a question leans on the previous one ("how many took
part?", "what did her father do?"), and what of the previous question it leans on."""

from __future__ import annotations

import re

from index.terms import query_terms

_WH = re.compile(r"\s*(who|whom|what|when|where|why|which|how)\b", re.I)
_PERSON_PRONOUN = re.compile(r"\b(he|him|his|she|her|hers)\b", re.I)
_FULL_NAME = re.compile(r"(?<!^)\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+")
_PRONOUNS = frozenset(
    {"he", "she", "it", "they", "her", "his", "him", "their", "them"}
    | {"that", "this", "those", "these", "there"}
)


def antecedent(question: str, previous: str) -> str:
    """What of the previous question a follow-up leans on: for "he"/"she", the people it
    named ("Who replaced him as chairman?" after "What did Victor Hale call the walkout?" is
    about Victor Hale, not the walkout); otherwise all of it ("how many took part?")."""
    if _PERSON_PRONOUN.search(question):
        names = _FULL_NAME.findall(previous.strip())
        if names:
            return " ".join(names)
    return previous


def needs_context(question: str) -> bool:
    """A follow-up leans on the previous question: short, with a pronoun or "it"/"that", or
    so short that it names nothing ("how many took part?", "who won?")."""
    words = question.split()
    if (
        len(words) <= 4
        and _WH.match(question)
        and not any(w[:1].isupper() for w in words[1:])
        and len(query_terms(question)) <= 2
    ):
        return True
    words = question.lower().split()
    return len(words) <= 12 and any(w.strip("?.,!") in _PRONOUNS for w in words)
