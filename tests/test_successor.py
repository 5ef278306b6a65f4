"""Who replaced someone is answered by a report of someone taking the post, never by the
report of the predecessor leaving, however close its words are to the question. Real
Wikinews reports, the real model and a real index."""

from __future__ import annotations

import pytest
from conftest import WIKINEWS, assert_quotes_verbatim, files_fixture

from bot.answer import AnswerEngine
from bot.successor import successor_names

EXTRA = WIKINEWS.parent / "extra"
REPORTS = [
    EXTRA / "114_1701c8805820cf72.txt",  # Linton Brooks forced to resign; no successor named
    EXTRA / "149_d8b0648747148a05.html",  # Mary Barra to lead GM; Solso to replace Akerson
    WIKINEWS / "009_e0ed601e5cb3449c.txt",  # East Timor's PM resigned, "giving his post to" Horta
]


successions = files_fixture(REPORTS)


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("Who will replace Akerson as GM's chairman?", "Theodore Solso"),
        ("Who took over as East Timor's prime minister after he resigned?", "Ramos Horta"),
    ],
)
def test_a_successor_the_articles_name_is_quoted(
    successions: AnswerEngine, question: str, name: str
) -> None:
    answer = successions.ask(question)
    assert not answer.abstained, answer.answer
    assert_quotes_verbatim(successions, answer)
    assert name in answer.answer


def test_the_report_of_a_resignation_does_not_say_who_came_next(
    successions: AnswerEngine,
) -> None:
    # Its lead names Brooks, the agency and Bodman, who asked him to go: close in words, and
    # a new name, yet nobody taking the post (it was quoted, at confidence 0.64).
    question = "Who replaced Linton Brooks as head of the National Nuclear Security Administration?"
    answer = successions.ask(question)
    assert answer.abstained, answer.answer


def test_whoever_appoints_takes_no_post() -> None:
    # "Who did the Pope appoint in place of Wielgus?" was answered by the Pope's own name.
    appointer = "It came at the request of Pope Benedict XVI, who had appointed Wielgus."
    assert successor_names(appointer) == []
    assert successor_names("Kazimierz Nycz, who was appointed on Saturday, takes over.") == [
        ["Kazimierz", "Nycz"]
    ]
