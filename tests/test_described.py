"""A name asked for by what its bearer is ("What's the name of Powell's former chief of staff
…?") is answered only by a sentence that names someone as that: another name near the story
(his spokeswoman's) was given as the answer, and a report that never names him was quoted as
if it did (trials' findings). The real model and a real index."""

from __future__ import annotations

import pytest
from conftest import WIKINEWS, assert_quotes_verbatim, engine_fixture, files_fixture

from bot.answer import AnswerEngine
from bot.described import counted, described, describes, timed
from bot.focus import focus

REPORTS = {
    "nominee.txt": (
        " date 2005-04-22 Senate delays vote on UN ambassador nominee\n"
        "The Senate committee has delayed its vote on the nomination of John Bolton as "
        "ambassador to the United Nations.\n"
        "Colin Powell's former chief of staff has been quoted by the press as saying Bolton "
        'would make an "abysmal ambassador."\n'
        "Powell's spokeswoman, Peggy Cifrino, said he returned calls on Thursday to senators "
        "who wanted to discuss the nomination.\n"
    ),
    "airline.txt": (
        " date 2006-11-15 Harbour Air bids for rival carrier\n"
        "Harbour Air has placed a bid of $8 billion for its bankrupt rival Coastal Airlines.\n"
        '"Travellers will have more choice," Harbour Air CEO Dana Whitlock said in a phone '
        "interview.\n"
        "Coastal Airlines said it wished to remain independent.\n"
    ),
}

REPORTS["veteran.txt"] = (
    " date 2008-08-25 Last female World War I veteran dies\n"
    "Gladys Powers, the last surviving female veteran of World War I, died on Friday at 109.\n"
    "Her funeral plans have not been announced.\n"
    "She served as a waitress with the Women's Royal Air Force in 1918.\n"
    "She later moved to Canada, where she lived for most of her life.\n"
)
described_engine = engine_fixture(REPORTS)
libraries = files_fixture([
    WIKINEWS / "085_d2df8fefb4e281ef.html",  # Jackson County's libraries close: 15 branches
    WIKINEWS / "053_965aaca27dbf5de5.txt",
    WIKINEWS / "069_cec2ac3e255b917e.html",  # Romanian hostages: "860 troops"
])


@pytest.mark.parametrize(
    ("question", "stem"),
    [
        ("What's the name of Colin Powell's former chief of staff who said it?", "chief"),
        ("What was the name of the Ukrainian cameraman who died alongside him?", "cameraman"),
        ("What was the name of the rocket Iran says it launched?", "rocket"),  # a clause
        ("What was the name of the Jordanian trucking firm AWB used?", "firm"),
        ("Who was the last Kremlin leader to visit Iran?", "leader"),  # a modifier
        ("Who was the BBC World Service director taking part in it?", "director"),
        ("What was the name of the Police Officer 3 from CIDG-11?", "offic"),
        ("What were the names of the two Iraqi National Guard officers beheaded?", "offic"),
        ("Who was the fisherman shot dead at the plant?", "fisherman"),
        # (a trial's) an irregular participle ends the phrase too: "sunk", not "ship", was read
        ("What was the name of the Chinese cargo ship sunk after a warship fired on it?",
         "ship"),
        ("Who is the CEO of Harbour Air?", "execut"),  # and its kin
        ("Who was Merkel's pick for finance minister?", "minist"),  # the office picked for
        ("Who is the national co-ordinator of Sai Youth UK?", "coordin"),  # as rank stems it
        # an office's adjective before a capitalised title, a possessor, a dotted abbreviation
        ("Who is the new CEO of Yahoo?", "execut"),
        ("Who is the current UN Secretary-General?", "secretarygener"),
        ("What was the name of the new Pope?", "pope"),
        ("Who is the company's new CEO?", "ceo"),
        ("What’s the name of the company’s CEO?", "ceo"),
        ("Who is the C.E.O. of Yahoo?", "ceo"),
        # a doer's noun and the deed: "the winner" — "Italy won"
        ("Who was the winner of the 2006 World Cup?", "won"),
        ("Who is the founder of Wikipedia?", "found"),
    ],
)
def test_the_thing_a_name_is_asked_for_by(question: str, stem: str) -> None:
    assert stem in described(question)


@pytest.mark.parametrize(
    "question",
    [
        "Who is Priya Anand?",  # named, not described
        "What is the name of the man who sent the letter?",  # anyone
        "Who was the only person who had declared?",
        "Which minister resigned?",  # (bot/focus reads which-questions)
    ],
)
def test_no_description_to_hold(question: str) -> None:
    assert described(question) == frozenset()


def test_a_who_questions_focus_is_its_described_noun() -> None:
    # one parse of the role noun for both: bot/focus's ranking bonus and the check here
    assert focus("Who was the judge in the case?") == "judg"
    assert focus("Who was Iceland's prime minister when the coalition fell?") == "minist"
    assert focus("Who is the current UN Secretary-General?") == "secretarygener"
    assert focus("Who was the first to arrive?") is None


def test_odd_questions_describe_nothing_and_never_fail() -> None:
    for question in ["Who is the?", "What is the name of", "how many", "How many !",
                     'How many "', "How many (", "how many “”", "What is the name of Merkel's "
                     "pick as ?", "Who is the " + "very " * 2000 + "CEO?"]:
        assert isinstance(described(question), frozenset)
        assert isinstance(counted(question), frozenset)
    assert "soldier" in counted("How Many Soldiers Died?")  # title case is no people's name


def test_a_sentence_describes_by_the_word_or_its_kin() -> None:
    chief = described("What's the name of Powell's former chief of staff?")
    assert describes("Powell's former chief of staff has been quoted", chief)
    assert not describes("Powell's spokeswoman, Peggy Cifrino, said", chief)
    assert describes("Harbour Air chief executive Dana Whitlock", described("Who is the CEO?"))
    assert describes("Shitu Chudasama (National Co-ordinator for Sai Youth UK)",
                     described("Who is the national co-ordinator of Sai Youth UK?"))


def test_a_name_near_the_story_is_not_the_described_one(
    described_engine: AnswerEngine,
) -> None:
    # the report speaks of the chief of staff but never names him; it names his spokeswoman
    answer = described_engine.ask(
        "What's the name of Colin Powell's former chief of staff who said Bolton would be "
        "an abysmal ambassador?"
    )
    assert answer.abstained, answer.answer
    assert "Cifrino" not in answer.answer


def test_the_described_one_named_is_the_answer(described_engine: AnswerEngine) -> None:
    answer = described_engine.ask("Who is the chief executive of Harbour Air?")
    assert not answer.abstained, answer.answer
    assert "Dana Whitlock" in answer.citations[0].quote, answer.answer
    assert_quotes_verbatim(described_engine, answer)


@pytest.mark.parametrize(
    ("question", "stems"),
    [
        ("How many library employees in the county will be laid off?", {"employe"}),
        ("How many Romanian soldiers were stationed in Iraq?", {"soldier", "troop"}),
        ("How many pledged delegates does Clinton hold?", {"deleg"}),
        ("How many Israeli jets did Syria say crossed?", {"jet", "plane"}),
        # people of a kind are counted as people too: "kidnapped at least 24 members"
        ("How many Red Crescent staff were abducted?", {"staff", "member", "peopl"}),
        ("How many people died in the riots?", set()),  # anyone
        ("How many Tibetans have been arrested?", set()),  # a people
        ("How many of the 35 orders came from Air Berlin?", set()),
    ],
)
def test_what_a_count_counts(question: str, stems: set[str]) -> None:
    assert stems <= counted(question)
    assert bool(counted(question)) == bool(stems)


def test_a_count_of_something_else_is_no_answer(libraries: AnswerEngine) -> None:
    # (the report counts branches, not staff or books: without the penalty both were answered
    # "The Jackson County Library System consists of 15 branches")
    for question in ("How many staff work at the Jackson County libraries?",
                     "How many books do the Jackson County libraries hold?"):
        answer = libraries.ask(question)
        assert answer.abstained, answer.answer
    answer = libraries.ask("How many branches does the Jackson County library system have?")
    assert not answer.abstained, answer.answer
    assert "15 branches" in answer.citations[0].quote
    # a count of the thing by its kin: soldiers are troops
    answer = libraries.ask("How many soldiers does Romania have in Iraq?")
    assert "860 troops" in answer.answer


def test_a_time_of_another_event_is_no_answer(described_engine: AnswerEngine) -> None:
    assert timed("When and where was Gladys Powers' funeral held?") == {"funer"}
    assert timed("When did the troops leave?") == frozenset()
    for question in ("When was Gladys Powers' funeral held?",
                     "When is the funeral of Gladys Powers?"):
        answer = described_engine.ask(question)
        assert answer.abstained, answer.answer  # (she died on Friday: no funeral's day is told)
    answer = described_engine.ask("When did Gladys Powers die?")
    assert not answer.abstained and "died on Friday" in answer.answer, answer.answer
