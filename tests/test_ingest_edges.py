"""Ingest edge cases a new user met (2026-12-07): ALSO READ in the layouts news sites use,
record ids that collide, JSON a parser cannot take, feeds with entities or cut short, text
with terminal escapes or a stray byte, and seed headers written loosely. Each file is read
whole or named in one warning; never half-read in silence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.article import Article, IngestError
from index.ingest import read_file


def read(path: Path) -> tuple[list[Article], list[str]]:
    warnings: list[str] = []
    return read_file(path, warn=warnings.append), warnings


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


HEADLINE = "Zebra stampede shocks Oldham residents"


@pytest.mark.parametrize(
    ("name", "text", "kept"),
    [
        # one paragraph per line (the seed format): a headline block may follow the link
        # line, so the article ends there
        ("inline.txt", f" date 2024-06-02 Bridge\nThe bridge reopened.\nALSO READ: {HEADLINE}\n"
         "Repairs cost 2 million pounds.\n", ["The bridge reopened."]),
        ("pipe.txt", f" date 2024-06-02 Bridge\nThe bridge reopened.\nALSO READ | {HEADLINE}\n",
         ["The bridge reopened."]),
        ("dots.txt", f" date 2024-06-02 Bridge\nThe bridge reopened.\nALSO READ...\n{HEADLINE}\n",
         ["The bridge reopened."]),
        # the same link under other words (a trial's "READ ALSO:" was cited as a fact)
        ("read_also.txt", f" date 2024-06-02 Bridge\nThe bridge reopened.\nREAD ALSO: {HEADLINE}"
         "\nRepairs cost 2 million pounds.\n", ["The bridge reopened."]),
        ("read_more.md", f"# Bridge\n\nThe bridge reopened.\n\nRead more: [{HEADLINE}](http://x)"
         "\n\nRepairs cost 2 million pounds.\n", ["The bridge reopened.",
                                                   "Repairs cost 2 million pounds."]),
        # whole paragraphs (Markdown between blank lines, HTML <p>): a link paragraph goes
        # alone, a bare heading still ends the article
        ("links.md", f"# Bridge\n\nThe bridge reopened.\n\n**ALSO READ:** [{HEADLINE}](http://x)"
         f"\n\nRepairs cost 2 million pounds.\n\n**ALSO READ**\n\n{HEADLINE}\n",
         ["The bridge reopened.", "Repairs cost 2 million pounds."]),
        ("page.html", "<html><body><article><h1>Bridge</h1><p>The Oldham bridge reopened after "
         f"repairs to its deck.</p><p><strong>ALSO READ:</strong> <a href='x'>{HEADLINE}</a></p>"
         "<p>Repairs cost 2 million pounds, the council said on Monday.</p></article></body>"
         "</html>", ["The Oldham bridge reopened after repairs to its deck.",
                     "Repairs cost 2 million pounds, the council said on Monday."]),
        # after a sentence, inside its line (a trial's feed summary: "… at risk. READ MORE:
        # Castlebay mayor released on bail" was quoted as a fact)
        ("inline_more.txt", f" date 2024-06-02 Bridge\nThe bridge reopened. READ MORE: {HEADLINE}"
         "\nRepairs cost 2 million pounds.\n", ["The bridge reopened."]),
        ("inline_more.md", f"# Bridge\n\nThe bridge reopened. Read also: {HEADLINE}\n\n"
         "Repairs cost 2 million pounds.\n", ["The bridge reopened.",
                                              "Repairs cost 2 million pounds."]),
        # prose that starts with the words is no link
        ("prose.txt", " date 2024-06-02 Bridge\nThe bridge reopened.\nAlso read out at the "
         "meeting was a letter from the mayor.\n", ["The bridge reopened.",
                                                    "Also read out at the meeting was a "
                                                    "letter from the mayor."]),
        ("prose_more.txt", " date 2024-06-02 Bridge\nThe bridge reopened.\nRead more about the "
         "repairs in the council's report.\n", ["The bridge reopened.", "Read more about the "
                                                 "repairs in the council's report."]),
    ],
)
def test_also_read_headlines_are_never_text(
    tmp_path: Path, name: str, text: str, kept: list[str]
) -> None:
    (article,), _ = read(write(tmp_path / name, text))
    assert article.text.split("\n\n") == kept
    assert "Zebra" not in article.text and "Zebra" not in article.title


def test_record_ids_never_collide_so_no_record_is_lost(tmp_path: Path) -> None:
    records = [{"id": 0, "title": "Zero", "text": "The bakery sold 500 loaves."},
               {"id": 1, "title": "One", "text": "The fishery landed 20 tonnes of cod."}]
    articles, _ = read(write(tmp_path / "ids.json", json.dumps(records)))
    assert [a.item for a in articles] == ["0", "1"]  # 0 is an id, not "no id"
    lines = [{"title": "No id", "text": "The ferry was cancelled."},
             {"id": 1, "title": "Id one", "text": "The museum received a sword."}]
    articles, _ = read(write(tmp_path / "f.jsonl", "".join(json.dumps(r) + "\n" for r in lines)))
    assert [a.item for a in articles] == ["record-1", "1"]
    assert len({a.id for a in articles}) == 2


def test_a_jsonl_record_may_hold_a_raw_line_separator(tmp_path: Path) -> None:
    record = {"id": "a", "title": "LS", "text": "Talks\u2028resumed\u0085today."}
    text = json.dumps(record, ensure_ascii=False) + "\n" + json.dumps({"id": "b", "text": "B."})
    articles, warnings = read(write(tmp_path / "ls.jsonl", text + "\n"))
    assert [a.item for a in articles] == ["a", "b"] and warnings == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"title": "x", "text": "y", "n": ' + "9" * 5000 + "}", "Exceeds the limit"),
        ("[" * 100_000 + "]" * 100_000, "maximum recursion depth"),
    ],
)
def test_json_a_parser_cannot_take_is_one_reason(tmp_path: Path, text: str, reason: str) -> None:
    with pytest.raises(IngestError, match=f"^malformed JSON: {reason}"):
        read_file(write(tmp_path / "odd.json", text))


def test_a_json_list_names_the_records_it_skips(tmp_path: Path) -> None:
    records = [{"id": "a", "text": "The school closed."}, "a string", 42]
    articles, warnings = read(write(tmp_path / "list.json", json.dumps(records)))
    assert len(articles) == 1
    assert [w.split(": ", 1)[1] for w in warnings] == [
        "skipped record 2: it is no object", "skipped record 3: it is no object"]


FEED = ('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
        "<item><title>Deal</title><guid>1</guid><description>AT&amp;amp;T bought HBO in Orvik."
        "</description></item>")


def test_a_plain_text_feed_item_is_unescaped(tmp_path: Path) -> None:
    (article,), warnings = read(write(tmp_path / "f.rss", FEED + "</channel></rss>"))
    assert article.text == "AT&T bought HBO in Orvik." and warnings == []


def test_a_feed_cut_short_says_what_it_lost(tmp_path: Path) -> None:
    articles, warnings = read(write(tmp_path / "cut.rss", FEED + "<item><title>t2</title><desc"))
    assert [a.title for a in articles] == ["Deal"]
    (warning,) = warnings
    assert warning.startswith(f"{tmp_path / 'cut.rss'}: malformed XML (")
    assert warning.endswith("read the 1 item before it")


def test_terminal_escapes_and_controls_never_reach_the_text(tmp_path: Path) -> None:
    text = (" date 2024-01-01 Title \x1b]0;PWNED\x07here\n"
            "Body \x1b[2J\x1b[H text with a bell \x07 and \x01 in it.\n")
    (article,), _ = read(write(tmp_path / "esc.txt", text))
    assert article.title == "Title here"
    assert article.text == "Body text with a bell and in it."


def test_utf8_with_a_stray_byte_keeps_its_accents(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(" date 2024-01-01 Café crème\nThe café sold crème brûlée for €5.\n"
                     .encode() + b"A stray \xa0 byte.\n")
    (article,), warnings = read(path)
    assert article.title == "Café crème"
    assert article.text == "The café sold crème brûlée for €5.\n\nA stray \ufffd byte."
    assert warnings == [f"{path}: 1 byte(s) not UTF-8; replaced by \ufffd"]
    # ... while a Windows-1252 file is still read as one
    path.write_bytes(b"Caf\xe9 news\nThe caf\xe9 opened.\n")
    (article,), warnings = read(path)
    assert article.text == "The café opened." and warnings[0].endswith("read as Windows-1252")


@pytest.mark.parametrize(
    ("header", "title", "when"),
    [
        (" Date 2024/01/05 Slash date", "Slash date", "2024-01-05"),
        (" date 2024.1.5 Dotted", "Dotted", "2024-01-05"),
        (" date 2024-01-06", "The harbour reopened on Friday.", "2024-01-06"),  # no title
    ],
)
def test_a_loosely_written_seed_header_is_still_one(
    tmp_path: Path, header: str, title: str, when: str
) -> None:
    (article,), _ = read(write(tmp_path / "h.txt", f"{header}\nThe harbour reopened on Friday.\n"))
    assert (article.title, article.date, article.text) == (
        title, when, "The harbour reopened on Friday.")


def test_a_one_line_note_is_its_own_body(tmp_path: Path) -> None:
    (article,), _ = read(write(tmp_path / "note.txt", "The harbour reopened on Friday.\n"))
    assert article.text == article.title == "The harbour reopened on Friday."


def test_a_wiki_footnote_marker_is_no_citation(tmp_path: Path) -> None:
    text = " date 2024-01-01 Vote\nHe won 61 percent of the vote.[3] Turnout was low[12].\n"
    (article,), _ = read(write(tmp_path / "wiki.txt", text))
    assert article.text == "He won 61 percent of the vote. Turnout was low."


def test_layout_markup_in_a_text_body_is_no_part_of_it(tmp_path: Path) -> None:
    """A Wikinews text file opens on '<div style="float: right; …">': it was quoted."""
    text = (' date 2008-10-16 Oil prices drop\n<div style="float: right; margin-right: 5px;">'
            " Oil prices sank on Thursday.<br/>\nTraders saw a < b > c.\n")
    (article,), _ = read(write(tmp_path / "oil.txt", text))
    assert article.text == "Oil prices sank on Thursday.\n\nTraders saw a < b > c."


def test_inline_markup_joins_its_words_and_prose_with_brackets_stays(tmp_path: Path) -> None:
    text = (" date 2008-10-16 Oil\nThe <a href=\"/wiki/Obama\">Obama</a>'s plan cut CO<sub>2</sub>."
            "\nIf x <b and y> z, the rule holds.\n<p><strong>ALSO READ:</strong> "
            "<a href='x'>Zebra stampede</a></p>\nMore.\n")
    (article,), _ = read(write(tmp_path / "oil.txt", text))
    assert article.text == ("The Obama's plan cut CO2.\n\nIf x <b and y> z, the rule holds.")


def test_wiki_markup_in_a_text_body_shows_its_words_and_no_pictures(tmp_path: Path) -> None:
    """Wikinews exports keep "[[File:….jpg|thumb|left|caption" (its closing brackets lost)
    and "[[mathematics|math]": both were quoted in answers, markup and all."""
    text = (" date 2015-02-26 Southwest grounds planes\n"
            "[[File:SWA7377H4533.jpg|thumb|left|A Southwest Airlines Boeing 737–700.\n"
            "Southwest grounded 128 planes on [[Tuesday]].\n"
            "Girls outperform boys in [[mathematics|math] and [[Image:x.png|thumb|a caption]]"
            " science.[[Category:Education]]\n")
    (article,), _ = read(write(tmp_path / "swa.txt", text))
    assert article.text == ("Southwest grounded 128 planes on Tuesday.\n\n"
                            "Girls outperform boys in math and science.")


@pytest.mark.parametrize(
    ("name", "text", "read_as"),
    [
        # (a trial's) wiki template remnants reached quotes: "…1976 to 1983.}} During …",
        # "Infobox Culture and entertainment …", a row of stock-index parameters
        ("templates.txt",
         " date 2008-01-01 Memorial\nIt is a memorial to the victims from 1976 to 1983.}} During"
         " the search, they found it.\nInfobox Culture and entertainment Colbert has won.\n"
         "| Hang Seng = 14.796,90 | Hang Seng-tl = loss | SSE = 2.000,57 }}\nHe said {{cite}}"
         " that.\nIt paid fines of €497 million (US$586 million). publish\n",
         "During the search, they found it.\n\nCulture and entertainment Colbert has won.\n\n"
         "He said that.\n\nIt paid fines of €497 million (US$586 million)."),
        # (a trial's) a portal's label before the first sentence was quoted with it
        ("portal.txt",
         " date 2008-05-01 Rudd faces censure\nAustralian news Australian Prime Minister, Kevin "
         "Rudd faced a censure motion.\nThe motion failed.\n",
         "Australian Prime Minister, Kevin Rudd faced a censure motion.\n\nThe motion failed."),
        ("category.txt",
         " date 2008-01-22 Markets fall\neconomy and business Global stock markets fell.\n",
         "Global stock markets fell."),
        ("particle.txt", " date 2006-01-02 Villepin\nde Villepin said no.\n",
         "de Villepin said no."),
        # (a trial's) "[http://… Oil for Wheat]" was quoted as it stood, and a bare bracketed
        # link between two sentences joined them into one quote of two people's words
        ("summit.txt",
         " date 2005-05-10 Summit ends\nThe [http://en.wikipedia.org/wiki/Oil_for_food#Oil_for_"
         "wheat Oil for Wheat] affair grew. \"We agree,\" da Silva said. [http://radiobras.gov"
         ".br/m.php?m=2&q=1] Abbas spoke next.\nSee [the report](https://example.com/r?a=1 "
         "\"Report\") and [note] [3].\n",
         'The Oil for Wheat affair grew. "We agree," da Silva said. Abbas spoke next.\n\n'
         "See the report and [note] [3]."),
        # (a review's) a link labelled with its own URL kept a bracket; a picture's caption is
        # no text; a URL may hold parentheses
        ("probe.md",
         "---\ntitle: Probe\ndate: 2024-01-02\n---\n![Boats in the harbour](https://x.org/p."
         "jpg) The [Mercury](https://en.wikipedia.org/wiki/Mercury_(planet)) probe launched; "
         "see [https://example.com/r](https://example.com/r) for more.\n",
         "The Mercury probe launched; see https://example.com/r for more."),
    ],
)
def test_web_links_and_wiki_templates_read_as_their_words_or_as_nothing(
    tmp_path: Path, name: str, text: str, read_as: str
) -> None:
    (article,), _ = read(write(tmp_path / name, text))
    assert article.text == read_as


def test_toml_front_matter_is_read_as_yaml_is(tmp_path: Path) -> None:
    text = '+++\ntitle = "Harbour reopens"\ndate = 2024-03-04\n+++\n\nThe harbour reopened.\n'
    (article,), _ = read(write(tmp_path / "hugo.md", text))
    assert (article.title, article.date, article.text) == (
        "Harbour reopens", "2024-03-04", "The harbour reopened.")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("+++\ntitle = \n+++\nThe harbour reopened.\n", "malformed front matter: Invalid value"),
    ],
)
def test_front_matter_that_cannot_be_read_is_one_reason(
    tmp_path: Path, text: str, reason: str
) -> None:
    with pytest.raises(IngestError, match=f"^{reason}"):
        read_file(write(tmp_path / "bad.md", text))


def test_windows_line_ends_read_as_any_others(tmp_path: Path) -> None:
    path = tmp_path / "hugo.md"
    path.write_bytes(b'+++\r\ntitle = "Harbour"\r\n+++\r\n\r\nThe harbour reopened.\r\n\r\n'
                     b"Ferries run again.\r\n")
    (article,), _ = read(path)
    assert article.title == "Harbour"
    assert article.text == "The harbour reopened.\n\nFerries run again."
    path.write_bytes(b"---\r\ntitle: Harbour\r\n\r\nThe harbour reopened.\r\n")
    (article,), _ = read(path)
    assert (article.title, article.text) == ("Harbour", "The harbour reopened.")


def test_front_matter_never_closed_is_read_up_to_its_first_blank_line(tmp_path: Path) -> None:
    """A trial's file lost its article: it was skipped whole."""
    text = ("---\ntitle: Swan rescued\ndate: 2024-03-12\n\n"
            "Westbrook firefighters rescued a swan from the canal on Monday.\n")
    (article,), warnings = read(write(tmp_path / "unclosed.md", text))
    assert (article.title, article.date, article.text) == (
        "Swan rescued", "2024-03-12", "Westbrook firefighters rescued a swan from the canal on "
        "Monday.")
    assert warnings == [f"{tmp_path / 'unclosed.md'}: the front matter opened by --- is never "
                        "closed; read it up to its first blank line"]


@pytest.mark.parametrize(
    ("text", "title", "date", "body"),
    [
        # blank lines before the opening mark
        ("\n\n---\ntitle: Swan\ndate: 2024-03-12\n\nThe swan was rescued.\n", "Swan",
         "2024-03-12", "The swan was rescued."),
        # a YAML list inside: left out, the date after it kept
        ("---\ntitle: Swan\ntags:\n  - birds\ndate: 2024-03-12\n\nThe swan was rescued.\n",
         "Swan", "2024-03-12", "The swan was rescued."),
        # no blank line: a body line shaped like "key: value" is body
        ("---\ntitle: Swan\ndate: 2024-03-12\nUpdate: the swan was rescued.\nIt is fine.\n",
         "Swan", "2024-03-12", "Update: the swan was rescued.\n\nIt is fine."),
    ],
)
def test_front_matter_never_closed_loses_no_line_of_the_body(
    tmp_path: Path, text: str, title: str, date: str, body: str
) -> None:
    (article,), _ = read(write(tmp_path / "unclosed.md", text))
    assert (article.title, article.date, article.text) == (title, date, body)


def test_an_escape_sequence_left_open_does_not_eat_the_text(tmp_path: Path) -> None:
    text = " date 2024-01-01 T\nThe mayor said \x1b]the bridge would reopen on Monday.\n"
    (article,), _ = read(write(tmp_path / "open.txt", text))
    assert article.text == "The mayor said ]the bridge would reopen on Monday."


def test_footnotes_go_before_an_also_read_line_too_and_an_index_zero_stays(tmp_path: Path) -> None:
    text = ("Vote\n\nHe won.[3] The array[0] held.\nIt rained[4].\nALSO READ: other news\n\n"
            "Other news.\n")
    (article,), _ = read(write(tmp_path / "fn.txt", text))
    assert article.text == "He won. The array[0] held. It rained."


@pytest.mark.parametrize(
    ("header", "date", "warning"),
    [
        ("31/12/2024", "2024-12-31", None),  # day first: 31 is no month
        ("12/31/2024", "2024-12-31", None),  # month first
        ("05.05.2025", "2025-05-05", None),
        ("12/04/2024", None, "12/04/2024 may be day or month first; write it as YYYY-MM-DD; "
                             "the article is undated"),
        ("32/13/2024", None, "32/13/2024 is not a real date; the article is undated"),
    ],
)
def test_a_header_date_written_year_last_is_read_when_it_is_plain(
    tmp_path: Path, header: str, date: str | None, warning: str | None
) -> None:
    """A trial's " date 12/04/2024 Calder snow day" became the title "date 12/04/2024 …",
    undated, without a word."""
    path = write(tmp_path / "snow.txt", f" date {header} Calder snow day\nSchools closed.\n")
    (article,), warnings = read(path)
    assert (article.title, article.date) == ("Calder snow day", date)
    assert warnings == ([f"{path}: {warning}"] if warning else [])


def test_a_record_dated_year_last_follows_the_header_rule(tmp_path: Path) -> None:
    """A JSON date "12/04/2024" was read month first (dateutil's guess), silently; a header
    with it was left undated with a warning."""
    records = [{"id": "a", "title": "Snow", "date": "12/04/2024", "text": "Schools closed."},
               {"id": "b", "title": "Sun", "date": "31/12/2024", "text": "Beaches filled."}]
    path = write(tmp_path / "days.json", json.dumps(records))
    articles, warnings = read(path)
    assert [a.date for a in articles] == [None, "2024-12-31"]
    assert warnings == [f"{path}: record 1: 12/04/2024 may be day or month first; write it as "
                        "YYYY-MM-DD; "
                        "the article is undated"]


def test_a_feed_date_written_otherwise_is_read_or_warned_about(tmp_path: Path) -> None:
    """A trial's "20/03/2024" and "March 25, 2024" pubDates left items undated, silently."""
    items = "".join(
        f"<item><guid>{g}</guid><title>T{g}</title><pubDate>{d}</pubDate><description>The pier "
        f"reopened {g}.</description></item>"
        for g, d in (("a", "20/03/2024"), ("b", "March 25, 2024"), ("c", "12/04/2024")))
    path = write(tmp_path / "dates.xml", f"<rss version='2.0'><channel>{items}</channel></rss>")
    articles, warnings = read(path)
    assert [a.date for a in articles] == ["2024-03-20", "2024-03-25", None]
    assert warnings == [f"{path}: item c: 12/04/2024 may be day or month first; write it as "
                        "YYYY-MM-DD; the article is undated"]


def test_a_feed_item_keeps_the_day_it_was_written_in(tmp_path: Path) -> None:
    """feedparser's parsed dates are UTC: a trial's evening item moved to the next day, and
    "What happened on 9 April 2024?" found nothing."""
    item = ("<item><guid>a</guid><title>Late vote</title><pubDate>Tue, 09 Apr 2024 23:30:00 -0500"
            "</pubDate><description>The council voted late.</description></item>")
    path = write(tmp_path / "late.xml", f"<rss version='2.0'><channel>{item}</channel></rss>")
    (article,), _ = read(path)
    assert article.date == "2024-04-09"
