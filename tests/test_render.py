"""The terminal's rendering: a source is one line whatever its file is called, and the banner
says what the index holds in plain words."""

from __future__ import annotations

import pytest

from bot.render import collection, render_sources, render_text, short_source


def test_a_control_character_in_a_file_name_is_shown_escaped() -> None:
    assert short_source("/news/bridge\nnews\x1b[2J.txt") == "/news/bridge\\nnews\\x1b[2J.txt"
    assert short_source("https://example.org/a") == "https://example.org/a"


@pytest.mark.parametrize(
    ("stats", "text"),
    [
        ({"articles": 1, "first_date": None, "last_date": None}, "1 article (undated)"),
        ({"articles": 2, "first_date": "2008-01-01", "last_date": "2008-01-01"},
         "2 articles (2008-01-01)"),
        ({"articles": 524, "first_date": "2004-11-28", "last_date": "2018-03-04"},
         "524 articles (2004-11-28 … 2018-03-04)"),
    ],
)
def test_the_banner_counts_articles_in_plain_words(stats: dict, text: str) -> None:
    assert collection(stats) == text


def test_an_answer_from_an_older_index_never_drives_the_terminal() -> None:
    """An index built before ingest dropped control characters may still hold them."""
    from bot.answer import Answer, Citation

    quote = "The mayor \x1b[2Jspoke\x07."
    answer = Answer("q", f"{quote} [1]", False, [Citation(1, "a", "T\x1b]0;PWNED\x07itle",
                                                         None, "/c/a.txt", quote, None)])
    text = render_text(answer) + render_sources(answer)
    assert "\x1b" not in text and "\x07" not in text
    assert "The mayor spoke." in text and "Title" in text


def test_a_quote_of_a_quote_is_not_quoted_twice() -> None:
    # (a trial's) /sources showed '""The attackers entered my house," he said."'
    from bot.answer import Answer, Citation

    said = '"The attackers entered my house," he said.'
    plain = "The attackers entered the house."
    answer = Answer("q", f"{said} [1] {plain} [2]", False, [
        Citation(1, "a", "Raid", None, "/c/a.txt", said, None),
        Citation(2, "a", "Raid", None, "/c/a.txt", plain, None)])
    text = render_sources(answer)
    assert f"    {said}" in text and f'    "{plain}"' in text
