"""A misspelt question word is put right from the articles' and the model's vocabulary: "what
is the lattest on the Mattel recall?" abstained where "latest" answered (a trial's finding).
The real model's vocabulary and a real index."""

from __future__ import annotations

from conftest import assert_quotes_verbatim

from bot.answer import AnswerEngine
from bot.spelling import corrected


def fix(engine: AnswerEngine, question: str) -> str:
    return corrected(question, engine.index.doc_freq, engine.known_words)


def test_a_misspelt_question_word_or_article_word_is_put_right(engine: AnswerEngine) -> None:
    assert fix(engine, "what is the lattest on the troops?") == "what is the latest on the troops?"
    assert fix(engine, "Did Sheinbaum accept the trooops?") == "Did Sheinbaum accept the troops?"
    assert fix(engine, "WHAT IS THE LATTEST ON THE TROOPS?") == "WHAT IS THE LATEST ON THE TROOPS?"
    assert fix(engine, "What did Sheinbaum stress about soverignty?") == (
        "What did Sheinbaum stress about sovereignty?")


def test_a_short_word_is_put_right_by_one_swap_into_a_word_of_grammar(
    engine: AnswerEngine,
) -> None:
    # (a trial's) "waht is cronobacter" and "who is teh ceo of general motors" abstained
    assert fix(engine, "waht did Sheinbaum decline?") == "what did Sheinbaum decline?"
    assert fix(engine, "who declined teh troops?") == "who declined the troops?"
    assert fix(engine, "Did Sheinbaum decline adn why?") == "Did Sheinbaum decline and why?"
    # (a trial's) a letter dropped or added: "wher", "whoo"
    assert fix(engine, "wher did Sheinbaum speak?") == "where did Sheinbaum speak?"
    assert fix(engine, "whoo declined the troops?") == "who declined the troops?"
    # (a trial's) a five-letter word no list knows, one letter from a word of the articles
    assert fix(engine, "how many trops did Trump offer?") == "how many troops did Trump offer?"
    # "hwo" is "who" or "how": left as typed; "UN", "EU" and English ("dose") are no typos
    for question in ("hwo declined the troops?", "Did the UN and EU reply?",
                     "What dose was given?"):
        assert fix(engine, question) == question


def test_real_words_and_unknown_names_are_left_alone(engine: AnswerEngine) -> None:
    # words the articles lack are not typos when English has them ("punched" is one letter
    # from "launched"); a name nobody writes ("Bitcoin") is what makes a question unanswerable
    # ("ghosted" is one letter from "hosted", "Farage" from "Garage", "probed" from
    # "proved": a review's cases; "İstanbul" is no "istanbul" with an I to put right)
    for question in ("Who punched the reporter?", "What is the price of Bitcoin?",
                     "Did Priya Anandraj resign?", "Was the reporter ghosted?",
                     "What did Farage say?", "Was the mayor probed?",
                     "What happened in İstanbul?",
                     # English words neither the articles nor the model know (a trial's)
                     "Who was derided by the opposition?", "Was the money extorted?",
                     "Was the manager rehired?"):
        assert fix(engine, question) == question


def test_a_question_with_a_typo_is_answered_as_the_right_one_is(engine: AnswerEngine) -> None:
    right = engine.ask("What is the latest on Trump's offer of troops?")
    typo = engine.ask("what is the lattest on Trump's offer of troops?")
    assert not typo.abstained and typo.answer == right.answer
    assert typo.question == "what is the lattest on Trump's offer of troops?"  # as typed
    assert_quotes_verbatim(engine, typo)
    assert engine.ask("What is the price of Bitcoin?").abstained
