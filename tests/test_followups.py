"""Follow-up questions in a chat, on a real index: what of the previous question a short or
pronoun-led question leans on, "what about X?", a chain of follow-ups, and when a follow-up is
read alone too."""

from __future__ import annotations

import pytest
from conftest import SEED_QUESTION, WIKINEWS, assert_quotes_verbatim, files_fixture

from bot.answer import AnswerEngine
from bot.answer_type import asks_for_a_person
from bot.followup import (
    ANSWERED,
    a_name_of_its_own,
    about,
    answer_names,
    antecedent,
    needs_context,
    stands_alone,
)
from bot.question import analyse


@pytest.mark.parametrize(
    ("question", "follow_up"),
    [("who declined?", True), ("how many took part?", True), ("what did she say?", True),
     ("Who declined the offer of US troops to Mexico?", False), ("Who is Sheinbaum?", False),
     ("did sheinbaum accept troops?", False), ("is bitcoin legal?", False),
     ("and when?", True), ("So why did Mexico refuse?", True),  # going on from the last one
     # (a trial's) six words naming nothing: after a Kenya question, it was Argentina's toll
     ("how many people have been killed?", True),
     ("How many people were killed in the Kenyan violence?", False),
     ("What did the union decide?", False)],  # a union of its own (a trial's: not Israel's)
)
def test_a_short_question_naming_nothing_leans_on_the_previous_one(
    question: str, follow_up: bool
) -> None:
    assert needs_context(question) is follow_up


def test_a_follow_up_that_names_nothing_is_answered_from_the_previous_question(
    engine: AnswerEngine,
) -> None:
    answer = engine.ask("who declined?", context=SEED_QUESTION)
    assert_quotes_verbatim(engine, answer)
    assert not answer.abstained and {c.date for c in answer.citations} == {"2025-05-05"}
    assert any("Sheinbaum rejected" in c.quote or "Sheinbaum declined" in c.quote
               for c in answer.citations), answer.answer


@pytest.mark.parametrize(
    ("question", "previous", "context"),
    [
        ("Who replaced him as chairman?", "What did Victor Hale call the walkout?", "Victor Hale"),
        ("What did her father do?", "Which of the hostages did they ask to free first?",
         "Which of the hostages did they ask to free first?"),  # "her": no name to lean on
        ("How many took part?", "When did the Port Authority strike begin?",
         "When did the Port Authority strike begin?"),
        # (a trial's) the person a follow-up was resolved with opens it: a third question
        # leans on him, not on the second's words ("what was his previous job?" abstained)
        ("what was his previous job?", "Mario Draghi how old is he?", "Mario Draghi"),
        ("Who is he?", "Did Mexico accept troops?", "Did Mexico accept troops?"),
        ("what did he say?", "Who's Jim Press?", "Jim Press"),  # (a review's) "Who's" is none
    ],
)
def test_a_follow_up_leans_on_the_people_or_the_whole_of_the_last_question(
    question: str, previous: str, context: str
) -> None:
    assert antecedent(question, previous) == context


@pytest.mark.parametrize(
    ("question", "previous", "own"),
    [
        # (a trial's) a follow-up that abstains is asked alone too when it names its own
        ("has Colbert had other things named after him?", "Did Venezuela's economy grow?", True),
        ("Who is Tim Treat?", "How many protesters were at Kudankulam?", True),
        ("What did he say?", "Who is Jim Press?", False),
        ("What did Jim Press say?", "Who is Jim Press?", False),
    ],
)
def test_a_follow_up_naming_its_own_subject_is_also_read_alone(
    question: str, previous: str, own: bool
) -> None:
    assert a_name_of_its_own(question, previous) is own


@pytest.mark.parametrize(
    ("question", "previous", "asked"),
    [
        ("What about Georgia?", "How many people were killed in Kenya's post-election violence?",
         "How many people were killed in Georgia's post-election violence?"),
        ("and what about Odinga?", "What did Kibaki say about the talks?",
         "What did Odinga say about the talks?"),
        ("How many took part?", "What did Kibaki say?", None),  # no "what about"
        # (a trial's) of a chain of follow-ups, the last one's person gives way
        ("what about Japan?",
         "What did Bush say about the North Korean test? and what did China call it?",
         "What did Bush say about the North Korean test? and what did Japan call it?"),
        ("what about Japan?",  # (a review's) typed with a capital: "What" is no name
         "What did Bush say about the North Korean test? What did China call it?",
         "What did Bush say about the North Korean test? What did Japan call it?"),
    ],
)
def test_what_about_asks_the_last_question_of_another(
    question: str, previous: str, asked: str | None
) -> None:
    assert about(question, previous) == asked


def test_a_chain_of_follow_ups_keeps_its_subject(engine: AnswerEngine) -> None:
    """"and when?" named nothing and was not taken as a follow-up; and the question after it
    leaned on "and when?" alone, so "what did she say?" lost who "she" was (it abstained)."""
    first = engine.ask("Who declined Trump's offer of troops?")
    second = engine.ask("and when?", context=first.resolved)
    assert second.resolved.startswith("Who declined Trump's offer of troops?")
    third = engine.ask("what did she say?", context=second.resolved)
    assert_quotes_verbatim(engine, third)
    assert not third.abstained
    assert {c.date for c in third.citations} == {"2025-05-05"}, third.answer


@pytest.mark.parametrize(
    ("question", "quote", "named"),
    [
        ("Who declined Trump's offer of troops?", "In a bold move, U.S. President Donald Trump "
         "proposed to assist President Claudia Sheinbaum.", "President Claudia Sheinbaum"),
        ("Who won the New Brunswick election?", "While the Tories edged the Liberals in the "
         "popular vote, the Liberals will form a majority government.", ""),  # nobody's "he"
        ("Who replaced Rebekah Brooks?", "On Friday, Tom Mockridge replaced Rebekah Brooks.",
         "Tom Mockridge"),
    ],
)
def test_a_who_answer_keeps_the_full_names_it_gave(question: str, quote: str, named: str) -> None:
    assert answer_names(question, quote) == named


def test_he_after_a_who_answer_is_the_person_it_named_and_what_was_asked() -> None:
    previous = f"Who replaced Rebekah Brooks as chief executive?{ANSWERED}Tom Mockridge"
    assert antecedent("How old is he?", previous) == "Tom Mockridge Rebekah Brooks"
    assert antecedent("how many staff are left?", previous) == (
        "Who replaced Rebekah Brooks as chief executive?")
    assert about("What about Georgia?", f"Who won in Kenya?{ANSWERED}Mwai Kibaki") == (
        "Who won in Georgia?")


def test_a_follow_up_pronoun_leans_on_whom_the_last_answer_named(engine: AnswerEngine) -> None:
    """"she" meant whoever the last *question* named: after "Who declined …?" that was nobody,
    and the whole question stood in for her."""
    first = engine.ask("Who declined Trump's offer of troops?")
    assert first.resolved.endswith(f"{ANSWERED}President Claudia Sheinbaum"), first.resolved
    second = engine.ask("what did she stress?", context=first.resolved)
    assert_quotes_verbatim(engine, second)
    assert not second.abstained and {c.date for c in second.citations} == {"2025-05-05"}
    assert any("Sheinbaum stressed" in c.quote for c in second.citations), second.answer
    assert ANSWERED not in second.resolved  # only the last answer's people carry on


def test_a_follow_up_leads_with_the_quote_holding_its_own_words(engine: AnswerEngine) -> None:
    # (a session's own check) after the README's question, the story's lead ranked first on
    # the context's words; the quote that says what she stressed is the answer
    answer = engine.ask("what did she stress?", context=SEED_QUESTION)
    assert not answer.abstained and "Sheinbaum stressed" in answer.citations[0].quote, (
        answer.answer)


def test_a_follow_up_s_own_words_choose_its_quote(engine: AnswerEngine) -> None:
    """Once "she" is known, the previous question's words find the story and the follow-up's
    own say which sentence answers: "what did she stress?" quoted "Sheinbaum declined …" and
    two sentences on Trump's offer, closer to the previous question than "Sheinbaum
    stressed …"."""
    previous = "Who declined Trump's offer of troops?"
    answer = engine.ask("what did she stress?",
                        context=f"{previous}{ANSWERED}President Claudia Sheinbaum")
    assert any("Sheinbaum stressed" in c.quote for c in answer.citations), answer.answer
    named = analyse("what did she stress?", f"President Claudia Sheinbaum {previous}",
                    referents="President Claudia Sheinbaum")
    assert {"declin", "offer", "troop", "presid", "claudia"} <= named.context_stems
    assert not {"stress", "sheinbaum"} & named.context_stems  # her last name is the subject
    # Whom "she" is unknown: the previous question is the subject, and weighs in full.
    assert not analyse("what did she stress?", previous).context_stems


def test_the_question_s_own_person_is_no_answer_whatever_the_name_ends_with() -> None:
    """"Nicolas" lost its final "s" to a strip() of possessives and was taken for a new name."""
    quote = "Francois Hollande succeeded Nicolas Sarkozy in May."
    assert answer_names("Who succeeded Nicolas Sarkozy?", quote) == "Francois Hollande"
    quote = "Attorney General Alberto Gonzales and Harry Reid of the US Senate objected."
    assert answer_names("Who objected?", quote) == "Attorney General Alberto Gonzales, Harry Reid"


def test_what_about_x_is_answered_only_from_an_article_that_names_x(
    engine: AnswerEngine,
) -> None:
    """"What about Georgia?" after a question on Kenya's violence quoted a Kenya figure."""
    canada = engine.ask("What about Canada?", context="Did Mexico accept troops?")
    assert canada.abstained, canada.answer
    sheinbaum = engine.ask("What about Sheinbaum?", context="Did Mexico accept troops?")
    assert sheinbaum.verdict == "no", sheinbaum.answer
    assert_quotes_verbatim(engine, sheinbaum)


@pytest.mark.parametrize(
    ("question", "alone"),
    [
        ("Who appointed the mediator?", True),  # a verb and a noun of its own
        ("What was the result?", False),  # the last story's result
        ("who won?", False),
        ("how many took part?", False),
        ("and when?", False),
        ("who replaced him?", False),
        ("what did she stress?", False),
    ],
)
def test_which_short_questions_may_stand_alone(question: str, alone: bool) -> None:
    """A trial's "Who appointed the mediator?" after "Who is Marta Quintero?" was taken for a
    follow-up and abstained; asked alone it is answered, so it is asked alone when it abstains
    as a follow-up."""
    assert stands_alone(question) is alone


def test_a_short_question_that_abstains_as_a_follow_up_is_asked_alone(
    engine: AnswerEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = engine.ask("Who kidnapped the journalists?")
    assert not alone.abstained, alone.answer
    import bot.answer

    monkeypatch.setattr(bot.answer, "stands_alone", lambda question: False)
    monkeypatch.setattr(bot.answer, "names_its_own", lambda question, context: False)
    assert engine.ask("Who kidnapped the journalists?", context=SEED_QUESTION).abstained
    monkeypatch.undo()
    after = engine.ask("Who kidnapped the journalists?", context=SEED_QUESTION)
    assert after.answer == alone.answer and not after.abstained


def test_a_follow_up_naming_two_things_of_its_own_is_asked_alone_when_it_abstains(
    engine: AnswerEngine,
) -> None:
    """A trial's chat: "and what did mead johnson say?" after an unanswered "what lot number
    was pulled?" abstained, and is answered asked alone."""
    from bot.followup import names_its_own

    assert names_its_own("and what did mead johnson say?", "what lot number was pulled?")
    assert not names_its_own("and what did she say?", "what lot number was pulled?")
    assert not names_its_own("and when?", "Did Mexico accept troops?")
    # (a review's cases) without an opening "and", a short question is the same story's; "its"
    # is a pronoun; "recalled" is the context's "recall"
    assert not names_its_own("when will troops withdraw?",
                             "How many Romanian soldiers were in Iraq?")
    assert not names_its_own("and what did its chief executive say about the recall?",
                             "Which company recalled the baby formula?")
    assert not names_its_own("and who recalled the formula?", "Was the formula recalled?")
    alone = engine.ask("what did sheinbaum say about sovereignty?")
    assert not alone.abstained, alone.answer
    after = engine.ask("and what did sheinbaum say about sovereignty?",
                       context="How many Romanian soldiers were in Iraq?")
    assert not after.abstained and after.answer == alone.answer, after.answer


def test_a_question_of_its_own_words_that_abstains_alone_is_read_in_the_chat_s_context(
    engine: AnswerEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trial's "who kept the defense post?" after "who is the finance minister of lebanon?"
    abstained: taken for a question of its own, it was never read with the story before. Read
    so when it abstains alone, and kept only if the answer holds its own words."""
    import bot.answer

    monkeypatch.setattr(bot.answer, "needs_context", lambda question: False)
    assert engine.ask("what did she stress?").abstained
    after = engine.ask("what did she stress?", context=SEED_QUESTION)
    assert not after.abstained and "stressed" in after.citations[0].quote, after.answer
    assert_quotes_verbatim(engine, after)
    # the story picks the article, never the words: a question whose own words the story's
    # answer lacks stays unanswered, though read in context it finds the story's quotes
    off_topic = "what did she say about tariffs?"
    assert engine.ask(off_topic, context=SEED_QUESTION).abstained
    monkeypatch.setattr(bot.answer, "held", lambda own, text: list(own))
    assert not engine.ask(off_topic, context=SEED_QUESTION).abstained  # (the check at work)


def test_a_short_question_with_one_word_of_its_own_is_the_last_story_s() -> None:
    # (a trial's) "what could the penalty be?" after questions on a treason charge was
    # answered from a drink-driving article
    assert needs_context("what could the penalty be?")
    assert not needs_context("What did the union decide?")


# "Peter Andren, Australian MP dies aged 61"
obituary = files_fixture([WIKINEWS / "098_49a1878f62baa168.txt"])


def test_he_after_a_which_question_is_the_person_its_answer_named(
    obituary: AnswerEngine,
) -> None:
    # (a trial's) "how old was he?" abstained: only "who" answers passed their names on
    first = obituary.ask("Which Australian independent MP died of pancreatic cancer in 2007?")
    assert first.resolved.endswith(f"{ANSWERED}Peter Andren"), first.resolved
    second = obituary.ask("how old was he?", context=first.resolved)
    assert_quotes_verbatim(obituary, second)
    assert not second.abstained and "61" in second.answer, second.answer


def test_only_a_which_question_about_a_person_names_a_he() -> None:
    assert asks_for_a_person("Which Australian MP died of cancer?", "name")
    assert asks_for_a_person("Who declined the offer?", "person")
    assert not asks_for_a_person("Which country did Gordon Brown visit on Tuesday?", "name")
    assert not asks_for_a_person("Which company did Rupert Murdoch buy in 2007?", "name")


def test_he_is_never_a_place_of_the_last_question() -> None:
    previous = "Which New Jersey real estate investor was charged with a $2 million theft?"
    assert antecedent("How old is he?", previous) == previous  # no person named: all of it
    assert antecedent("what did he say?", "Did Prime Minister Gordon Brown resign?") == (
        "Prime Minister Gordon Brown")


def test_the_first_quote_naming_someone_names_the_answer() -> None:
    quotes = ['"That was not Mr. Klein\'s intent," Weir said to The Star-Ledger.',
              "Gary Klein, owner of the REI Group Inc., surrendered himself to police."]
    assert answer_names("Which real estate investor was charged?", quotes) == "Gary Klein"
