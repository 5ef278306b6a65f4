"""A question that names only a time is answered by that time's articles, by their leads."""

from __future__ import annotations

from conftest import BuiltIndex, assert_quotes_verbatim

from bot.answer import AnswerEngine
from bot.digest import period
from bot.question import analyse


def test_the_period_is_the_time_named_not_the_searchs_wider_range() -> None:
    assert period(analyse("What happened in August 2007?")) == (
        "2007-08-01", "2007-08-31", "August 2007")
    assert period(analyse("What happened on 5 May 2025?")) == (
        "2025-05-05", "2025-05-05", "5 May 2025")
    assert period(analyse("news from 2009?")) == ("2009-01-01", "2009-12-31", "2009")
    # a day written year last, when it can mean only one (a trial's "20/03/2024" abstained)
    assert period(analyse("What happened on 20/03/2024?")) == (
        "2024-03-20", "2024-03-20", "20 March 2024")
    assert analyse("What happened on 12/04/2024?").day is None  # 12 April or 4 December
    assert analyse("What happened on 30/02/2024?").day is None  # no such day
    # "March 20th, 2024", "the 20th of March 2024", "2024/03/20" (a trial's: each was read as
    # the month or the year, with its day numbers as search words)
    for written in ("March 20th, 2024", "the 20th of March 2024", "2024/03/20"):
        info = analyse(f"What happened on {written}?")
        assert period(info) == ("2024-03-20", "2024-03-20", "20 March 2024") and not info.terms
    # an abbreviated month is that month (it was taken for the whole year)
    assert period(analyse("What happened in Aug 2007?")) == (
        "2007-08-01", "2007-08-31", "August 2007")


def test_what_happened_on_a_day_quotes_the_lead_of_its_article(engine: AnswerEngine) -> None:
    """It abstained: a month or a day alone has no words to search by."""
    answer = engine.ask("What happened on 5 May 2025?")
    assert not answer.abstained, answer.answer
    assert answer.answer.startswith("1 article from 5 May 2025: U.S. President Donald Trump")
    assert [(c.n, c.date) for c in answer.citations] == [(1, "2025-05-05")]
    assert_quotes_verbatim(engine, answer)
    assert engine.ask("What happened in May 2025?").citations == answer.citations
    assert engine.ask("What happened on 2025-05-05?").citations == answer.citations  # ISO
    narrowed = engine.ask("What happened in May 2025?", since="2025-05-04")
    assert narrowed.answer.startswith("1 article from May 2025 within the filters: ")
    assert engine.ask("What happened on 31 February 2025?").abstained  # no such day


def test_a_time_without_articles_says_so(engine: AnswerEngine) -> None:
    answer = engine.ask("What happened in March 1990?")
    assert answer.abstained and answer.answer == "No article is dated March 1990."
    filtered = engine.ask("What happened in May 2025?", since="2025-06-01")
    assert filtered.abstained and filtered.answer == (
        "No article is dated May 2025 within the filters.")


def test_a_digest_lists_the_passages_it_quotes(engine: AnswerEngine) -> None:
    """`--json` listed what a search for the question's words found, unrelated to the
    citations."""
    data = engine.ask("What happened on 5 May 2025?").to_dict()
    assert [p["article_id"] for p in data["passages"]] == [
        c["article_id"] for c in data["citations"]]


def test_a_question_with_a_topic_is_not_a_digest(engine: AnswerEngine) -> None:
    answer = engine.ask("Did Mexico accept troops in May 2025?")
    assert answer.verdict == "no" and "article" not in answer.answer.split(".")[0]


def test_a_copy_of_an_article_is_counted_and_listed_once(private_index: BuiltIndex) -> None:
    """A trial's "What happened in October 2024?" said "4 articles" and listed one twice: the
    same story sat in two feed files."""
    seed = private_index.corpus / "000_effe3a61713578e3.txt"
    (private_index.corpus / "copy of the seed.txt").write_bytes(seed.read_bytes())
    assert private_index.build().embedded == 0
    engine = private_index.open_engine()
    try:
        answer = engine.ask("What happened on 5 May 2025?")
        assert answer.answer.startswith("1 article from 5 May 2025: "), answer.answer
        assert len(answer.citations) == 1
    finally:
        engine.index.close()


def test_a_time_only_question_in_a_chat_is_no_follow_up(engine: AnswerEngine) -> None:
    """In a fresh clone's chat, "What happened on 2025/05/05?" after "how old is she?" was
    taken for a follow-up (four words, no capital) and abstained."""
    answer = engine.ask("What happened on 2025/05/05?", context="how old is she?")
    assert answer.answer.startswith("1 article from 5 May 2025: "), answer.answer
