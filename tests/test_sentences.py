"""The sentence splitter: answers quote whole sentences, so a boundary in the wrong place shows
up as a broken quote ("U.S." cut off, a quotation torn in two)."""

from __future__ import annotations

from conftest import SEED

from index.ingest import read_file
from index.sentences import paragraph_spans, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_us_before_a_name_does_not_end_the_sentence() -> None:
    text = "U.S. President Donald Trump proposed sending troops to Mexico. Sheinbaum declined."
    assert sentences(text) == [
        "U.S. President Donald Trump proposed sending troops to Mexico.",
        "Sheinbaum declined.",
    ]


def test_us_inside_a_sentence_is_kept() -> None:
    text = "He wants deeper U.S. military involvement in Mexico. She refused."
    assert sentences(text) == [
        "He wants deeper U.S. military involvement in Mexico.",
        "She refused.",
    ]


def test_us_at_the_end_of_a_sentence_still_ends_it() -> None:
    text = "The offer came from the U.S. The reply came from Mexico City."
    assert sentences(text) == ["The offer came from the U.S.", "The reply came from Mexico City."]


def test_seed_article_keeps_us_sentences_whole() -> None:
    (article,) = read_file(SEED)
    found = [article.text[s:e] for ps, pe in paragraph_spans(article.text)
             for s, e in split_sentences(article.text, ps, pe)]
    assert ("In a bold move, U.S. President Donald Trump confirmed on Sunday his proposal to "
            "deploy U.S. troops to Mexico to assist President Claudia Sheinbaum in combating drug "
            "cartels.") in found
    assert ("The U.S. National Security Council reiterated Trump's stance, urging Mexico to take "
            "more robust action against drug cartels.") in found


def test_initials_do_not_end_a_sentence() -> None:
    text = "President George W. Bush met Tony Blair. Author J. K. Rowling was not there."
    assert sentences(text) == [
        "President George W. Bush met Tony Blair.",
        "Author J. K. Rowling was not there.",
    ]


def test_titles_before_names_do_not_end_a_sentence() -> None:
    text = "Mr. Alkatiri resigned on Monday. Dr. Ramos Horta took over."
    assert sentences(text) == ["Mr. Alkatiri resigned on Monday.", "Dr. Ramos Horta took over."]


def test_decimals_do_not_end_a_sentence() -> None:
    text = "Growth slowed to 2.4% in May. Prices rose 3.5 percent, or 1.75 points. Rates held."
    assert sentences(text) == [
        "Growth slowed to 2.4% in May.",
        "Prices rose 3.5 percent, or 1.75 points.",
        "Rates held.",
    ]


def test_a_quotation_of_several_sentences_is_kept_whole() -> None:
    text = 'Sheinbaum said: "Sovereignty is not negotiable. We will cooperate." Trump disagreed.'
    assert sentences(text) == [
        'Sheinbaum said: "Sovereignty is not negotiable. We will cooperate."',
        "Trump disagreed.",
    ]


def test_a_long_quotation_splits_at_its_own_sentence_ends() -> None:
    # A press release quoted whole (a trial's 1,500 characters) was one "sentence", cut where
    # its chunk ended: "… the corporal. The enhanced videotape [1]".
    inner = " ".join(f"The evidence in part {i} supports the corporal's account." for i in range(8))
    text = f'The Marines said in a press release: "{inner}" The case is closed.'
    got = sentences(text)
    assert len(got) == 9  # the eight quoted (the first with its lead-in), and the one after
    assert got[0] == 'The Marines said in a press release: "The evidence in part 0 supports the ' \
        "corporal's account."
    assert got[-2].endswith("part 7 supports the corporal's account.\"")
    assert got[-1] == "The case is closed."


def test_curly_quotation_of_several_sentences_is_kept_whole() -> None:
    text = "She said “We will not go. Never.” Then she left."
    assert sentences(text) == ["She said “We will not go. Never.”", "Then she left."]


def test_sentence_ending_in_a_quote_keeps_the_closing_mark() -> None:
    text = 'He said "we will go." Then he left!'
    assert sentences(text) == ['He said "we will go."', "Then he left!"]


def test_question_and_exclamation_marks_end_sentences() -> None:
    assert sentences("Did Mexico accept? No! It refused.") == ["Did Mexico accept?", "No!",
                                                               "It refused."]


def test_offsets_are_exact_trimmed_slices_covering_all_the_text() -> None:
    (article,) = read_file(SEED)
    text = article.text
    spans = [span for ps, pe in paragraph_spans(text) for span in split_sentences(text, ps, pe)]
    assert len(spans) > 10
    previous_end = 0
    for s, e in spans:
        piece = text[s:e]
        assert piece and piece == piece.strip()
        assert text[previous_end:s].strip() == "", "text between sentences was dropped"
        previous_end = e
    assert text[previous_end:].strip() == ""


def test_offsets_are_absolute_when_splitting_part_of_a_text() -> None:
    text = "Headline here\n\n  First one. Second one.  \n\nLast paragraph."
    start = text.index("First")
    end = text.index("\n\nLast")
    spans = split_sentences(text, start - 2, end)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one."]
    assert spans[0][0] == start


def test_a_paragraph_of_a_megabyte_splits_into_every_sentence() -> None:
    # Each boundary used to rescan the paragraph from its start (the word before the period,
    # the quotation marks): a 0.5 MB paragraph took over two minutes, a 20 MB file held
    # `index update` for hours. Splitting is linear now; this would hang if it were not.
    sentence = 'Mr. Okafor said "we will go." Then the U.S. team left at 5 p.m. on Monday. '
    text = sentence * 14_000  # ~1 MB, one paragraph
    spans = split_sentences(text)
    assert len(spans) == 2 * 14_000
    assert text[spans[-1][0] : spans[-1][1]] == "Then the U.S. team left at 5 p.m. on Monday."
    # (a review's cases: "U.S." before a capital copied the rest of the text to read the next
    # word, and every dot of a long run rescanned the run)
    text = "He lives in the U.S. The next day he left. " * 24_000
    assert len(split_sentences(text)) == 2 * 24_000
    assert split_sentences("Wait" + "." * 20_000 + " Next.") == [(0, 20_004), (20_005, 20_010)]
