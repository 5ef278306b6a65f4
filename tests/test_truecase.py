"""A question typed all in lower case is read with its names capitalised as the articles
write them: "was peter andren a member of the labor party?" abstained where "Was Peter
Andren a member of the Labor Party?" answered (a trial's finding; over the seven question
sets typed in lower case, answer hit and citation precision now score as typed). The real
model and a real index for the last test."""

from __future__ import annotations

from conftest import assert_quotes_verbatim

from bot.answer import AnswerEngine
from bot.truecase import lower_typed, truecased

TEXTS = [
    "Independent MP Peter Andren died on Saturday. The Labor Party paid tribute to Mr Andren, "
    "and Prime Minister John Howard called Peter Andren a man of principle.",
    "Voters in Calare re-elected Andren in 2004; his seat in Calare was safe until May.",
]


def test_which_questions_are_typed_in_lower_case() -> None:
    assert lower_typed("was peter andren a member of the labor party?")
    assert lower_typed("Was peter andren a member?")  # a capital at the start is a habit
    assert not lower_typed("Was Peter Andren a member?")
    assert not lower_typed("2024?") and not lower_typed("")


def test_names_are_capitalised_as_the_passages_write_them() -> None:
    assert truecased("was peter andren re-elected in calare in may?", TEXTS) == (
        "was Peter Andren re-elected in Calare in may?")  # (a month is no name: "may")
    # a title is capitalised before a name only: "the prime minister" stays as typed; a
    # possessive counts as its name; a word the passages write both ways needs two capitals
    # to one lower case, one never written in lower case one capital ("Labor Party")
    assert truecased("what did the prime minister say of andren's seat?", TEXTS) == (
        "what did the prime minister say of Andren's seat?")
    assert truecased("did the labor party pay tribute?", TEXTS) == (
        "did the Labor Party pay tribute?")
    assert truecased("was the seat safe?", [*TEXTS, "The Seat of power was safe."]) == (
        "was the seat safe?")


def test_a_lower_case_question_is_answered_as_the_capitalised_one(
    engine: AnswerEngine,
) -> None:
    cased = engine.ask("What did Claudia Sheinbaum say?")
    typed = engine.ask("what did claudia sheinbaum say?")
    assert not typed.abstained and typed.answer == cased.answer, typed.answer
    assert typed.question == "what did claudia sheinbaum say?"  # shown as typed
    assert_quotes_verbatim(engine, typed)


def test_first_words_pronouns_and_diacritics() -> None:
    # (a review's cases) a paragraph's or a sentence's first word is no capital inside it;
    # "us" is no name; a name is counted without its diacritics
    paragraphs = ["He spoke.\n\nCritics said no.\n\nCritics said yes. Many critics spoke."]
    assert truecased("did critics speak?", paragraphs) == "did critics speak?"
    texts = ["President Traian Băsescu spoke. Then President Traian Băsescu left, US aides said."]
    assert truecased("did the us veto it? what did traian basescu say?", texts) == (
        "did the us veto it? what did Traian Basescu say?")


def test_a_surname_that_is_also_a_word_is_a_name_after_its_first_name() -> None:
    # (a trial's) "who is jim press" abstained: "press" is mostly a word ("press conference")
    texts = ['"A difficult day," said Jim Press, the Vice Chairman of Chrysler.',
             "At a press conference, the press office said so. Press freedom was raised."]
    assert truecased("who is jim press?", texts) == "who is Jim Press?"
    assert truecased("what did the press say?", texts) == "what did the press say?"
