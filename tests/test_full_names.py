"""A full name the question gives is found where it is written: "Who is Jim Press?" was
answered from a report of a "press conference" (and one of the "American Forces Press
Service"), since the surname alone stood for the name and the model knows no names (a
trial's finding). The real model and a real index."""

from __future__ import annotations

from conftest import assert_quotes_verbatim, engine_fixture

from bot.answer import AnswerEngine
from bot.rank import named_surnames

REPORTS = {
    "dealers.txt": (
        " date 2009-05-14 Carmaker to close 789 dealerships\n"
        "The carmaker has said that it wants to eliminate 789 of its 3,200 dealers by June.\n"
        '"This is a difficult day for us," said Jim Press, the vice chairman of the carmaker.\n'
        "Dealers will be able to sell their remaining stock.\n"
    ),
    "embassy.txt": (
        " date 2008-06-05 Diplomats detained at a roadblock\n"
        "Police detained a convoy of diplomats at a roadblock for several hours.\n"
        "The ambassador told a press conference that the diplomats were threatened.\n"
        "The foreign ministry press office said it would protest.\n"
    ),
    "websites.txt": (
        " date 2007-05-14 Soldiers lose access to video sites\n"
        "Soldiers will no longer reach a dozen video websites from military networks.\n"
        "A spokesman told the American Forces Press Service that bandwidth was the reason.\n"
    ),
}

names_engine = engine_fixture(REPORTS)


def test_a_surname_stands_for_its_name_only_where_the_full_name_is_written() -> None:
    surnames = {"jim": "press"}
    assert named_surnames(surnames, "said Jim Press, the vice chairman") == surnames
    assert named_surnames(surnames, "told a press conference") == {}
    assert named_surnames(surnames, "the American Forces Press Service") == {}
    assert named_surnames(surnames, "Jim told the press on Monday") == {}
    # (a review's) a stem is no spelling: "toni" is "Tony", and accents are read through
    assert named_surnames({"toni": "blair"}, "Prime Minister Tony Blair said") == {
        "toni": "blair"}
    assert named_surnames({"hugo": "chavez"}, "President Hugo Chávez said") == {
        "hugo": "chavez"}


def test_who_is_a_person_named_in_full_is_answered_from_the_report_quoting_him(
    names_engine: AnswerEngine,
) -> None:
    for question in ("Who is Jim Press?", "who is jim press"):
        answer = names_engine.ask(question)
        assert not answer.abstained, answer.answer
        assert "said Jim Press" in answer.citations[0].quote, answer.answer
        assert_quotes_verbatim(names_engine, answer)
