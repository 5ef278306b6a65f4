"""The answer engine on a real index: the README's seed question, an honest abstention, and the
ALSO READ headlines that must never reach the index or an answer."""

from __future__ import annotations

import re

import pytest
from conftest import (
    ABSTAIN_TEXT,
    NZ_ALSO_READ,
    OFF_TOPIC,
    SEED,
    SEED_ALSO_READ,
    SEED_QUESTION,
    BuiltIndex,
    assert_quotes_verbatim,
)

from bot.answer import Answer, AnswerEngine
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
from index.ingest import read_file

SEED_TITLE = "Diplomatic Tensions: Trump's Offer to Combat Mexican Cartels"
HEADLINES = SEED_ALSO_READ + NZ_ALSO_READ


@pytest.fixture(scope="module")
def seed_answer(engine: AnswerEngine) -> Answer:
    answer = engine.ask(SEED_QUESTION)
    assert_quotes_verbatim(engine, answer)
    return answer


def seed_id(base_index: BuiltIndex) -> str:
    return base_index.article_id(SEED.name)


def test_seed_question_says_mexico_declined(seed_answer: Answer) -> None:
    assert not seed_answer.abstained
    assert re.search(r"declined|rejected", seed_answer.answer, re.I), seed_answer.answer


def test_seed_question_answer_starts_with_no(seed_answer: Answer) -> None:
    assert seed_answer.answer.startswith("No"), seed_answer.answer


def test_the_quote_that_says_no_comes_first(seed_answer: Answer) -> None:
    # [1] is what a reader takes for the reason of the "No.", whatever the order written
    first = seed_answer.citations[0].quote
    assert re.search(r"declined|rejected|never be accepted", first), seed_answer.answer


def test_seed_question_cites_the_seed_article_with_its_date(
    seed_answer: Answer, base_index: BuiltIndex
) -> None:
    assert seed_answer.citations
    first = seed_answer.citations[0]
    assert first.n == 1 and "[1]" in seed_answer.answer
    assert first.article_id == seed_id(base_index)
    assert first.title == SEED_TITLE
    assert first.date == "2025-05-05"
    assert first.source == str(base_index.corpus / SEED.name)


def test_seed_question_quotes_the_refusal_verbatim(seed_answer: Answer) -> None:
    (seed,) = read_file(SEED)
    refusals = [c.quote for c in seed_answer.citations
                if re.search(r"declined|rejected", c.quote, re.I)]
    assert refusals, [c.quote for c in seed_answer.citations]
    assert all(q in seed.text for q in refusals)


def test_seed_question_citations_are_numbered_in_order(seed_answer: Answer) -> None:
    numbers = [c.n for c in seed_answer.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    positions = [seed_answer.answer.index(f"[{n}]") for n in numbers]
    assert positions == sorted(positions)


def test_seed_question_passages_come_first_from_the_seed(
    seed_answer: Answer, base_index: BuiltIndex
) -> None:
    assert seed_answer.passages[0]["article_id"] == seed_id(base_index)
    assert [p["rank"] for p in seed_answer.passages] == list(
        range(1, len(seed_answer.passages) + 1))


def test_off_topic_question_abstains_with_no_citations(engine: AnswerEngine) -> None:
    answer = engine.ask(OFF_TOPIC)
    assert_quotes_verbatim(engine, answer)
    assert answer.abstained is True
    assert answer.answer == ABSTAIN_TEXT
    assert answer.citations == []
    assert "[1]" not in answer.answer


def test_abstention_in_json_form_has_no_citations(engine: AnswerEngine) -> None:
    data = engine.ask(OFF_TOPIC).to_dict()
    assert_quotes_verbatim(engine, data)
    assert (data["answer"], data["abstained"], data["citations"]) == (ABSTAIN_TEXT, True, [])


def test_also_read_headlines_are_not_in_article_texts(base_index: BuiltIndex) -> None:
    with base_index.db() as db:
        for headline in (*HEADLINES, "ALSO READ"):
            rows = db.execute("SELECT path FROM articles WHERE instr(text, ?) OR instr(title, ?)",
                              (headline, headline)).fetchall()
            assert rows == [], (headline, rows)


def test_also_read_headlines_are_not_in_the_keyword_index(engine: AnswerEngine) -> None:
    for word in ("Pegasus", "Ukrainian", "IAEA"):  # words only the headlines contain
        assert engine.index.keyword.search(word, 10) == [], word
        assert list(engine.index.doc_freq([word]).values()) == [0]


def test_also_read_block_ends_the_indexed_seed_text(base_index: BuiltIndex) -> None:
    with base_index.db() as db:
        (text,) = db.execute("SELECT text FROM articles WHERE id = ?",
                             (seed_id(base_index),)).fetchone()
    assert text.endswith("(With inputs from agencies.)")


@pytest.mark.parametrize("question", [
    "What did the Supreme Court say about the Pegasus row?",
    "Ukrainian Resolve: A Stand on Sovereignty",
    "India Stands Firm: No Compromise on Sovereignty",
    "Is Iran continuing enrichment in defiance of the UN according to the IAEA report?",
    SEED_QUESTION,
])
def test_no_answer_or_passage_shows_an_also_read_headline(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask(question, k=10)
    assert_quotes_verbatim(engine, answer)
    shown = [answer.answer, *(c.quote for c in answer.citations),
             *(c.title for c in answer.citations), *(p["text"] for p in answer.passages),
             *(p["title"] for p in answer.passages)]
    for text in shown:
        for headline in (*HEADLINES, "ALSO READ"):
            assert headline not in text, (question, headline)


def test_yes_question_about_the_offer_answers_yes(engine: AnswerEngine) -> None:
    answer = engine.ask("Did Trump offer to send troops to Mexico?")
    assert_quotes_verbatim(engine, answer)
    assert answer.answer.startswith("Yes"), answer.answer


def test_a_plan_the_seed_reports_is_not_a_yes_that_it_happened(engine: AnswerEngine) -> None:
    """The seed says Trump *proposed* sending troops: that they were sent, it doesn't say."""
    answer = engine.ask("Did the US send troops to Mexico?")
    assert_quotes_verbatim(engine, answer)
    assert answer.answer.startswith("The articles don't say outright."), answer.answer
    assert answer.verdict is None and answer.citations


def test_a_question_about_the_wish_is_answered_by_the_wish(engine: AnswerEngine) -> None:
    answer = engine.ask("Did Trump want Mexico to accept US troops?")
    assert_quotes_verbatim(engine, answer)
    assert answer.answer.startswith("Yes"), answer.answer


@pytest.mark.parametrize("question", ["Did Sheinbaum accept the troops?",
                                      "Has Mexico turned down the troop offer?"])
def test_a_refusal_answers_a_question_in_other_words(engine: AnswerEngine, question: str) -> None:
    """"Sheinbaum declined" covers the "accept" it never repeats: these abstained."""
    answer = engine.ask(question)
    assert_quotes_verbatim(engine, answer)
    assert not answer.abstained and answer.citations[0].date == "2025-05-05", answer.answer
    assert answer.answer.startswith("No" if "accept" in question else "Yes"), answer.answer


def test_whether_mexico_wants_the_troops_is_answered_by_its_refusal(engine: AnswerEngine) -> None:
    answer = engine.ask("Does Mexico want US troops?")
    assert_quotes_verbatim(engine, answer)
    assert answer.answer.startswith("No"), answer.answer


@pytest.mark.parametrize("spelling", ["did Mexico accept troops??", "Did Mexico accept troops?!",
                                      "  did  Mexico accept troops?  "])
def test_repeated_marks_and_spaces_do_not_change_the_answer(
    engine: AnswerEngine, seed_answer: Answer, spelling: str
) -> None:
    answer = engine.ask(spelling)
    assert answer.answer == seed_answer.answer
    assert answer.confidence == seed_answer.confidence


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
