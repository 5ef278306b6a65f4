"""A yes/no question the best report leaves open is put to the other report read: "Did union
members approve the pay agreement?" got "The articles don't say outright." from the deal's
report ("Union members will vote on the agreement on Friday") while the next report says they
approved it (a trial's finding). Two reports, the real model and a real index."""

from __future__ import annotations

from conftest import assert_quotes_verbatim, engine_fixture

from bot.answer import AnswerEngine

REPORTS = {
    "deal.txt": (
        " date 2024-03-20 Deal reached to end Calder port strike\n"
        "The Calder Dockers' Union and Calder Harbour Holdings reached a tentative agreement late "
        "on Tuesday to end the 16-day strike at the Port of Calder.\n"
        "Under the deal, dockworkers will receive a 6.5% pay rise this year and a further 3% next "
        "year.\n"
        "Union members will vote on the agreement on Friday.\n"
    ),
    "return.md": (
        "---\ntitle: Dockworkers return to work at Port of Calder\ndate: 2024-04-02\n---\n\n"
        "Dockworkers returned to the Port of Calder on Tuesday after union members approved the "
        "pay agreement by 1,214 votes to 389.\n\n"
        "The backlog of ships waiting at anchor is expected to be cleared within ten days.\n"
    ),
}


port_engine = engine_fixture(REPORTS)


def test_a_question_one_report_leaves_open_is_settled_by_the_other(
    port_engine: AnswerEngine,
) -> None:
    answer = port_engine.ask("Did union members approve the pay agreement?")
    assert answer.verdict == "yes", answer.answer
    assert "approved the pay agreement by 1,214 votes to 389" in answer.answer
    assert {c.date for c in answer.citations} == {"2024-04-02"}
    assert_quotes_verbatim(port_engine, answer)
