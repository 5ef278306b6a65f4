"""Which quote decides a yes/no question: the one that speaks to what is asked, not the one
that names the most of who is asked about. "Did Gap drop Sarah Jessica Parker?" was a "No."
decided by "While Gap will always seek partnerships … we don't have any future plans …",
quoted beside "The U.S. clothier said it was dropping the star" (a trial's finding). The real
model and a real index."""

from __future__ import annotations

import pytest
from conftest import assert_quotes_verbatim, candidates_of, engine_fixture, passage_of

from bot.answer import AnswerEngine
from bot.judge import decide, judge_of
from bot.question import analyse
from bot.rank import Candidate

REPORTS = {
    "brightwear.txt": (
        " date 2024-06-12 Brightwear ends campaign with actress Lena Marlowe\n"
        "Brightwear has ended its advertising deal with actress Lena Marlowe after two seasons.\n"
        "The clothing chain said on Tuesday it was dropping the star of its summer campaign and "
        "buying out the rest of her contract.\n"
        '"While Brightwear will always work with celebrities, we don\'t have any plans to sign '
        'another single face for the brand," a Brightwear spokeswoman said of Lena Marlowe.\n'
        "Although Brightwear would not say the Marlowe campaign had failed, analysts said sales "
        "had been flat.\n"
    ),
    "formula.txt": (
        " date 2008-12-23 Baby formula tested after infant death\n"
        "Chris Perille, a spokesperson for Nutrimax maker Harwick Foods, has said the batch of "
        "Nutrimax used by the family tested negative.\n"
        "The company has reportedly made no recall of the product.\n"
    ),
    "senate.txt": (
        " date 2005-07-01 Senate vote on the Calder trade treaty\n"
        "The U.S. Senate passed the Calder trade treaty in June.\n"
        "The treaty now goes to the House, where it faces stiff opposition.\n"
    ),
    "rocket.txt": (
        " date 2024-09-10 Valdoria says it has conducted a rocket test\n"
        "Valdoria first said it had built long-range rockets in 2021, though because Valdoria "
        "had not conducted a rocket test its capability remained unclear.\n"
        "According to the state news agency, the country conducted the rocket test at dawn "
        "without any damage.\n"
        "Neighbouring states called an emergency meeting.\n"
    ),
    "fine.txt": (
        " date 2010-04-19 Kestrel Motors agrees to pay record fine over recalls\n"
        "Kestrel Motors has agreed to pay a record $16.4 million fine to the US government over "
        "allegations that the carmaker hid defects in its vehicles.\n"
        "Kestrel Motors has still not admitted any wrongdoing, and said that it disagreed with "
        "the safety agency, which levied the fine.\n"
        "The fine is the largest ever imposed on a carmaker by the agency.\n"
    ),
}


brand_engine = engine_fixture(REPORTS)


def test_what_had_not_happened_before_the_story_does_not_decide_it(
    brand_engine: AnswerEngine,
) -> None:
    # (a trial's) "Did North Korea conduct a nuclear test?" was a "No." from the background of
    # the report of the test, and its "without any radioactive leakage" was a second "no"
    answer = brand_engine.ask("Did Valdoria conduct a rocket test?")
    assert answer.verdict == "yes", answer.answer
    assert "conducted the rocket test at dawn" in answer.citations[0].quote, answer.answer


def test_the_quote_saying_the_predicate_decides_not_the_one_naming_everyone(
    brand_engine: AnswerEngine,
) -> None:
    answer = brand_engine.ask("Did Brightwear drop Lena Marlowe?")
    assert answer.verdict == "yes", answer.answer
    assert_quotes_verbatim(brand_engine, answer)


def test_a_negation_of_the_predicate_still_says_no(brand_engine: AnswerEngine) -> None:
    answer = brand_engine.ask("Did Brightwear sign another single face for the brand?")
    assert answer.verdict == "no", answer.answer


def test_a_stance_through_the_lexicon_alone_must_be_the_subjects(
    brand_engine: AnswerEngine,
) -> None:
    # "Did Mexico accept US troops?" was a "Yes." from "The U.S. Senate passed the treaty in
    # June." (over Wikinews, at 0.55): "passed" stands for "accept", but it was the Senate,
    # and nothing of troops. The deciding quote, taken as such, settles nothing.
    from bot.judge import settles
    from bot.question import analyse
    from bot.rank import Candidate
    from index.search import Filters

    _, _, cands, _, _ = brand_engine.retrieve("Did the Senate pass the treaty?", 5, Filters())
    senate = next(p for p in cands if "Senate passed" in p.text)
    start, end = next((a, b) for a, b in senate.sentences
                      if senate.article_text[a:b].startswith("The U.S. Senate passed"))
    quote = Candidate(senate, senate.sentences.index((start, end)), start, end, 1.0, 0.6, 0.5,
                      typed=True)
    said = senate.article_text[start:end]
    assert not settles(analyse("Did Mexico accept US troops?"), quote, said)
    assert settles(analyse("Did the Senate accept the treaty?"), quote, said)
    assert settles(analyse("Was anybody against the treaty?"), quote, said)  # no one named


def test_a_question_typed_in_lower_case_is_decided_by_its_verb_not_its_names(
    brand_engine: AnswerEngine,
) -> None:
    # (a trial's "did mead johnson recall the enfamil formula?" was a "Yes." from the quote
    # naming the maker and its formula, as if "mead" and "enfamil" were what it asked)
    for question in ("did harwick foods recall the nutrimax formula?",
                     "Did Harwick Foods recall the Nutrimax formula?"):
        answer = brand_engine.ask(question)
        assert answer.verdict == "no", (question, answer.answer)
        assert_quotes_verbatim(brand_engine, answer)


def test_a_trailing_clause_of_time_is_background_not_the_predicate(
    brand_engine: AnswerEngine,
) -> None:
    # (a trial's) the quote of the fine repeats the "when" clause's words, and was the "Yes."
    answer = brand_engine.ask(
        "Did Kestrel Motors admit wrongdoing when it agreed to pay the record US fine?"
    )
    assert answer.verdict == "no", answer.answer
    assert "not admitted any wrongdoing" in answer.citations[0].quote, answer.answer


def _report(*sentences: str) -> list[Candidate]:
    """One report's sentences as candidates, ranked as given."""
    return candidates_of(passage_of("a", list(sentences)), [1.2 - 0.1 * i for i in
                                                          range(len(sentences))])


@pytest.mark.parametrize(
    ("question", "first", "deciding"),
    [
        # (a trial's) the report of the attack holds as many of the question's words as the
        # "no one" (attack, cricket, team — claimed, responsibility, attack), ranked first
        ("Did anyone claim responsibility for the attack on the Kestland cricket team?",
         "Six policemen were killed and seven members of the Kestland cricket team were "
         "injured in a gun and rocket attack by 12 gunmen.",
         "No one has claimed responsibility for the attack and no suspects were arrested."),
        # (a trial's) the adjective a copula question ends on is what it asks, not the
        # subject's words the report of the talks holds
        ("Were Kestrel Telecom's talks with the pension fund consortium exclusive?",
         "Kestrel Telecom said it is in talks with a consortium of pension funds about a sale.",
         '"We are pleased that this process is not exclusive," the chief executive said.'),
        # (a trial's) "one" stems to "on", which "Speaking on CBS" holds
        ("Did Bernanke predict that one of the biggest banks would collapse?",
         "Speaking on the CBS network, Bernanke said that recent efforts probably avoided a "
         "depression.",
         "He also said that he didn't expect any of the country's largest banks to fail."),
    ],
)
def test_the_quote_that_answers_decides_not_the_first(
    question: str, first: str, deciding: str
) -> None:
    """Each was a trial's "Yes." decided by the first quote."""
    chosen = _report(first, deciding)
    assert judge_of(question, chosen) is chosen[1]
    assert decide(question, analyse(question), chosen) == "no"


def test_what_describes_the_object_is_not_the_predicate() -> None:
    # (a trial's) the quote of the accusation repeats the participle's words, and was the
    # "Yes." to whether the judge removed the juror
    chosen = _report(
        "Defense attorneys accused a juror of posting about the trial on his Facebook page.",
        "Judge Buckwalter denied the request to dismiss the juror after speaking with him.",
    )
    question = "Did the judge remove the juror accused of posting about the trial on Facebook?"
    assert judge_of(question, chosen) is chosen[1]
    assert decide(question, analyse(question), chosen) == "no"
    # ... but a question asking about the accusation is decided by it
    asked = "Did defense attorneys accuse a juror of posting about the trial on Facebook?"
    assert judge_of(asked, chosen) is chosen[0]
