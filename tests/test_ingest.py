"""Ingest tests on the real evaluation corpus (tests/data/wikinews), format by format; the bad
files are in test_ingest_errors.py."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path

import pytest

from index.article import Article, IngestError
from index.discover import SUPPORTED_SUFFIXES, discover
from index.ingest import _READERS, iter_articles, read_file, to_iso_date

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "wikinews"
ARTICLES = CORPUS / "articles"
SEED = ROOT / "seeds" / "000_effe3a61713578e3.txt"


def one(path: Path) -> Article:
    articles = read_file(path)
    assert len(articles) == 1
    return articles[0]


def read_all(folder: Path) -> dict[str, Article]:
    """Keyed the way questions.jsonl names articles: file name, JSONL id, or feed.xml#guid."""
    out: dict[str, Article] = {}
    for path, result in iter_articles([folder]):
        assert not isinstance(result, IngestError), f"{path}: {result}"
        for a in result:
            if a.item is None:
                out[path.name] = a
            elif path.suffix == ".jsonl":
                out[a.item] = a
            else:
                out[f"{path.name}#{a.item}"] = a
    return out


def article_paragraphs(path: Path) -> list[str]:
    """The page's own <article><p> paragraphs (the byline <p> has a class, so it is not
    matched), a web link left in the text as its label (a bare one as nothing), a wiki
    template's remnant dropped, and a portal's label before the first sentence ("Australian
    news Hutchison, the company …")."""
    body = re.search(r"<article>(.*?)</article>", path.read_text(), re.S).group(1)
    paragraphs = re.findall(r"<p>(.*?)</p>", body, re.S)
    plain = [re.sub(r"^[^{}]*\}\}", "", html.unescape(re.sub(r"<[^>]+>", "", p)))
             for p in paragraphs]  # (a template's lost opening: its text goes to its "}}")
    out = [" ".join(re.sub(r"\[https?://\S+?(?: ([^\]]*))?\]", lambda m: m.group(1) or " ",
                           p).split()) for p in plain]
    return [re.sub(r"^[A-Z][a-z]+ news (?=[A-Z])", "", out[0]), *out[1:]] if out else out


# --- .txt ---------------------------------------------------------------------------------


def test_seed_file_title_date_and_body() -> None:
    a = one(SEED)
    assert a.title == "Diplomatic Tensions: Trump's Offer to Combat Mexican Cartels"
    assert a.date == "2025-05-05"
    assert "Sheinbaum rejected the offer" in a.text
    assert a.text.endswith("(With inputs from agencies.)")
    assert a.path == str(SEED) and a.item is None and a.url is None


def test_seed_file_drops_also_read_block() -> None:
    a = one(SEED)
    for junk in ("ALSO READ", "Pegasus row", "Ukrainian Resolve", "India Stands Firm"):
        assert junk not in a.text and junk not in a.title


def test_seed_file_one_paragraph_per_line_normalised() -> None:
    paragraphs = one(SEED).text.split("\n\n")
    assert len(paragraphs) == 10
    assert all(p == " ".join(p.split()) and p for p in paragraphs)


def test_corpus_txt_with_also_read_keeps_body_only() -> None:
    a = one(ARTICLES / "009_e0ed601e5cb3449c.txt")
    assert a.title == "25 more NZ police head off to East Timor"
    assert a.date == "2006-07-11"
    assert a.text.startswith("New Zealand 25 New Zealand police officers have left today")
    assert "ALSO READ" not in a.text
    assert "Violence in East Timor causes United Nations evacuation" not in a.text


def test_also_read_marker_is_case_and_space_tolerant(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(" date 2020-01-02 Title\nBody one.\n   Also Read  \nOther headline\n")
    assert one(p).text == "Body one."


def test_a_txt_that_is_only_an_also_read_block_is_no_article(tmp_path: Path) -> None:
    p = tmp_path / "junk.txt"
    p.write_text("ALSO READ\nElephants invade Paris: mayor says no\nOther headline\n")
    with pytest.raises(IngestError, match="no article text found"):
        read_file(p)


def test_plain_txt_without_header_uses_first_line_as_title(tmp_path: Path) -> None:
    p = tmp_path / "plain.txt"
    p.write_text("\n  Council approves   budget \nFirst  paragraph.\nSecond paragraph.\n")
    a = one(p)
    assert (a.title, a.date) == ("Council approves budget", None)
    assert a.text == "First paragraph.\n\nSecond paragraph."


def test_plain_txt_blank_lines_separate_wrapped_paragraphs(tmp_path: Path) -> None:
    p = tmp_path / "wrapped.txt"
    p.write_text("Title\n\nA wrapped\nparagraph.\n\nAnother one.\n")
    assert one(p).text == "A wrapped paragraph.\n\nAnother one."


def test_txt_with_header_only_raises(tmp_path: Path) -> None:
    p = tmp_path / "h.txt"
    p.write_text(" date 2020-01-02 Just a title\n")
    with pytest.raises(IngestError, match="no article text found"):
        read_file(p)


# --- .md ----------------------------------------------------------------------------------


def test_markdown_front_matter_gives_title_date_and_url() -> None:
    a = one(ARTICLES / "005_66658037802c4bf3.md")
    assert a.title == "Al-Qaeda releases new videotape"
    assert a.date == "2006-09-03"
    assert a.url == "https://en.wikinews.org/wiki/Al-Qaeda_releases_new_videotape"
    assert a.text.startswith("A 41 minute long video, released by al-Qaeda")
    assert "---" not in a.text and "source:" not in a.text


def test_markdown_string_date_and_url_field(tmp_path: Path) -> None:
    p = tmp_path / "s.md"
    p.write_text('---\ntitle: T\ndate: "March 5, 2007"\nurl: http://x.org/a\n---\n\n# T\n\nBody.\n')
    a = one(p)
    assert (a.date, a.url, a.text) == ("2007-03-05", "http://x.org/a", "Body.")


def test_markdown_source_that_is_not_a_url_is_ignored(tmp_path: Path) -> None:
    p = tmp_path / "s.md"
    p.write_text("---\ntitle: T\nsource: Reuters\n---\nBody.\n")
    assert one(p).url is None


def test_markdown_without_front_matter_uses_heading_as_title(tmp_path: Path) -> None:
    p = tmp_path / "n.markdown"
    p.write_text("Intro line.\n\n# Big news\n\nSome body\ntext.\n\n## Details\n\nMore.\n")
    a = one(p)
    assert a.title == "Big news"
    assert a.text == "Intro line.\n\nSome body text.\n\nDetails\n\nMore."


def test_markdown_malformed_front_matter_raises(tmp_path: Path) -> None:
    p = tmp_path / "bad.md"
    p.write_text("---\ntitle: [unclosed\n---\nBody.\n")
    # the problem and its line, not YAML's quotation of the text cut mid-word
    with pytest.raises(IngestError, match=r"^malformed front matter: did not find expected "
                                          r"',' or '\]' \(line \d+ of it\)$"):
        read_file(p)


# --- .html --------------------------------------------------------------------------------


def test_html_title_has_no_site_suffix_and_date_and_url() -> None:
    a = one(ARTICLES / "002_fae8a04c847bfe60.html")
    assert a.title == "US Q2 economic growth slows to 2.4%"
    assert a.date == "2010-07-31"
    assert a.url == "https://en.wikinews.org/wiki/US_Q2_economic_growth_slows_to_2.4%25"


def test_html_text_has_no_boilerplate() -> None:
    text = one(ARTICLES / "002_fae8a04c847bfe60.html").text
    for junk in (
        "Trending now",
        "Brazilian general dies in Haiti",
        "Sign up for our newsletter",
        "The Daily Wire Digest",
        "Subscribe",
        "licensed CC BY",
    ):
        assert junk not in text


def test_html_text_starts_with_body_not_title_or_byline() -> None:
    text = one(ARTICLES / "002_fae8a04c847bfe60.html").text
    assert text.startswith("The US government announced yesterday")
    assert "By Wikinews contributors" not in text
    assert "'s" in text and "&#x27;" not in text  # entities unescaped


def test_html_keeps_every_article_paragraph() -> None:
    pages = sorted(CORPUS.glob("*/*.html"))
    assert len(pages) == 45
    for page in pages:
        assert one(page).text.split("\n\n") == article_paragraphs(page), page.name


def test_html_title_falls_back_to_title_tag_without_suffix(tmp_path: Path) -> None:
    p = tmp_path / "p.htm"
    p.write_text(
        "<html><head><title>Budget passed | Gazette</title></head><body>"
        '<time datetime="2020-03-04T22:00:00-05:00">yesterday</time><div><h1>Budget passed</h1>'
        "<p>The parliament passed the budget on Tuesday after a long debate overnight.</p>"
        "<p>The opposition said it would challenge the result in court, calling it rushed.</p>"
        "</div><footer>Sign up for our newsletter</footer></body></html>"
    )
    a = one(p)
    assert (a.title, a.date) == ("Budget passed", "2020-03-04")
    assert a.text.startswith("The parliament passed") and "newsletter" not in a.text


# --- .jsonl / .json -----------------------------------------------------------------------


def test_jsonl_gives_20_articles_with_ids() -> None:
    articles = read_file(ARTICLES / "wikinews_import.jsonl")
    assert len(articles) == 20
    assert all(re.fullmatch(r"wn-[0-9a-f]{10}", a.item or "") for a in articles)
    assert len({a.id for a in articles}) == 20
    first = articles[0]
    assert (first.item, first.title, first.date) == (
        "wn-42b06699ed",
        "UK government announces cut in VAT",
        "2008-11-24",
    )
    assert first.url == "https://en.wikinews.org/wiki/UK_government_announces_cut_in_VAT"
    assert "\n\n" in first.text and "\n\n\n" not in first.text


def test_json_list_file(tmp_path: Path) -> None:
    rows = [
        {"guid": "g-1", "title": "One", "date": "2019-02-03T10:00:00Z", "link": "https://a/1",
         "content": "Para  one.\n\nPara two."},
        {"title": "No text here"},
        {"title": "Three", "date": "4 July 2001", "body": "Body three.", "source": "AP"},
    ]  # fmt: skip
    p = tmp_path / "list.json"
    p.write_text(json.dumps(rows))
    a, b = read_file(p)
    assert (a.item, a.date, a.url, a.text) == (
        "g-1",
        "2019-02-03",
        "https://a/1",
        "Para one.\n\nPara two.",
    )
    assert (b.item, b.title, b.date, b.url) == ("3", "Three", "2001-07-04", None)


def test_json_single_object_is_one_article(tmp_path: Path) -> None:
    p = tmp_path / "one.json"
    p.write_text(json.dumps({"title": "Solo", "text": "Only body."}))
    a = one(p)
    assert (a.title, a.text, a.item, a.source) == ("Solo", "Only body.", None, str(p))


# --- RSS / Atom ---------------------------------------------------------------------------


def test_feed_gives_10_items_with_guid_and_dates() -> None:
    articles = read_file(ARTICLES / "feed.xml")
    assert len(articles) == 10
    assert all(a.item and a.item.startswith("wn-feed-") for a in articles)
    first = articles[0]
    assert (first.item, first.title, first.date) == (
        "wn-feed-cb94a45ffc",
        "Russia joins South Ossetian war",
        "2008-08-08",
    )
    assert first.url == "https://en.wikinews.org/wiki/Russia_joins_South_Ossetian_war"
    assert [a.date for a in articles[1:3]] == ["2008-05-22", "2008-03-04"]


def test_feed_text_is_unescaped_paragraphs() -> None:
    text = read_file(ARTICLES / "feed.xml")[0].text
    assert text.startswith("The has escalated as Russian forces")
    assert "<p>" not in text and "&quot;" not in text and "&amp;" not in text
    assert 'called this information "nonsense"' in text
    assert text.count("\n\n") >= 5


def test_atom_feed_content_and_the_day_as_written(tmp_path: Path) -> None:
    """The day in the feed's own zone, as every other format's date is read: it was UTC's,
    which moved an evening item to the next day (a trial's "What happened on 9 April?")."""
    p = tmp_path / "f.atom"
    p.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>T</title><entry><id>urn:1</id><title>E1</title>"
        '<updated>2021-05-06T23:30:00-02:00</updated><content type="html">'
        "&lt;p&gt;First &amp;amp; para&lt;/p&gt;&lt;p&gt;Second&lt;/p&gt;</content></entry></feed>"
    )
    a = one(p)
    assert (a.item, a.title, a.date, a.text) == (
        "urn:1",
        "E1",
        "2021-05-06",
        "First & para\n\nSecond",
    )


def test_exact_duplicate_txt_and_feed_item_read_identically() -> None:
    articles = read_all(ARTICLES)
    txt, item = articles["077_dbcfb04db88e1dcb.txt"], articles["feed.xml#wn-feed-c0fee64f53"]
    assert (txt.title, txt.text, txt.date) == (item.title, item.text, item.date)


# --- discover / iter_articles -------------------------------------------------------------


def test_discover_recursive_sorted_supported_not_hidden(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "sub/c.HTML", "sub/deep/d.jsonl", "x.pdf", ".hidden.txt",
                 ".git/e.txt", "sub/.cache/f.txt"):  # fmt: skip
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = discover([tmp_path])
    assert found == sorted(found)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.md",
        "b.txt",
        "sub/c.HTML",
        "sub/deep/d.jsonl",
    ]
    assert {".txt", ".md", ".html", ".jsonl", ".xml", ".atom"} <= SUPPORTED_SUFFIXES
    assert set(_READERS) == SUPPORTED_SUFFIXES  # every file discover keeps has a reader


def test_discover_accepts_files_and_deduplicates(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    assert discover([tmp_path / "a.txt", tmp_path]) == [tmp_path / "a.txt"]


def test_discover_without_paths_says_the_list_is_empty() -> None:
    """A config with `paths = []` can still query a built index; building from it cannot."""
    with pytest.raises(IngestError, match=r"^no corpus paths to index \(\[corpus\] paths is "):
        discover([])


def test_discover_missing_path_raises(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(IngestError, match=f"^corpus path not found: {re.escape(str(missing))}$"):
        discover([missing])


def test_article_path_is_the_discovered_path() -> None:
    for path, result in iter_articles([ARTICLES]):
        assert isinstance(result, list)
        assert {a.path for a in result} == {str(path)}
        assert path.is_absolute()


# --- whole corpus -------------------------------------------------------------------------


def test_all_evaluation_articles_ingest_to_326() -> None:
    articles = read_all(ARTICLES)
    assert len(articles) == 326
    assert len({a.id for a in articles.values()}) == 326
    assert all(a.title and a.text and a.date for a in articles.values())


def test_extra_articles_ingest_to_198() -> None:
    assert len(read_all(CORPUS / "extra")) == 198


def test_no_article_contains_boilerplate_or_also_read() -> None:
    for a in read_all(ARTICLES).values():
        for junk in ("ALSO READ", "Trending now", "Sign up for our newsletter", "By Wikinews"):
            assert junk not in a.text, a.path
        assert not a.text.startswith(a.title), a.path


def test_every_answer_phrase_is_in_a_listed_article() -> None:
    articles = read_all(ARTICLES)
    for line in (CORPUS / "questions.jsonl").read_text().splitlines():
        q = json.loads(line)
        for phrase in q["answer_contains"]:
            bodies = [f"{articles[n].title}\n{articles[n].text}".lower() for n in q["articles"]]
            assert any(phrase.lower() in b for b in bodies), (q["id"], phrase)


def test_dates_normalise_to_iso() -> None:
    assert to_iso_date(date(2006, 9, 3)) == "2006-09-03"
    assert to_iso_date("2010-07-31T06:30:00Z") == "2010-07-31"
    assert to_iso_date("Fri, 08 Aug 2008 12:00:00 +0000") == "2008-08-08"
    assert to_iso_date("March 2007") == "2007-03-01"
    assert to_iso_date("yesterday") is None
    assert to_iso_date("2005-13-45") is None
    assert to_iso_date(None) is None
