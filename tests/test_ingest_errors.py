"""Bad input to ingest: every unreadable file raises IngestError with a short reason (the
builder turns it into one warning naming the file), and what can still be read is read: the
good lines of a JSONL file, Windows-1252 text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.article import IngestError
from index.ingest import iter_articles, read_file


def bad(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    if isinstance(data, str):
        p.write_text(data, encoding="utf-8")
    else:
        p.write_bytes(data)
    return p


def test_binary_file_raises(tmp_path: Path) -> None:
    p = bad(tmp_path, "b.txt", bytes(range(256)) * 4)
    with pytest.raises(IngestError, match="^binary file$"):
        read_file(p)


def test_empty_file_raises(tmp_path: Path) -> None:
    for name, data in (("e.txt", b""), ("w.md", b"  \n\t\n")):
        with pytest.raises(IngestError, match="^empty file$"):
            read_file(bad(tmp_path, name, data))


def test_non_utf8_file_raises(tmp_path: Path) -> None:
    p = bad(tmp_path, "l.txt", b"Caf\xe9 news\nBody caf\xe9 \xff\n")
    with pytest.raises(IngestError, match="^not UTF-8 text$"):
        read_file(p)


def test_windows_1252_text_is_read_with_a_warning_when_warnings_are_heard(
    tmp_path: Path,
) -> None:
    p = bad(tmp_path, "l.txt", b"Caf\xe9 news\nThe caf\xe9 opened \x93today\x94.\n")
    warnings: list[str] = []
    (article,) = read_file(p, warn=warnings.append)
    assert (article.title, article.text) == ("Café news", "The café opened “today”.")
    assert warnings == [f"{p}: not UTF-8; read as Windows-1252"]


def test_malformed_json_raises_with_line(tmp_path: Path) -> None:
    p = bad(tmp_path, "m.json", '[{"title": "a",\n "text": "b"},\n {"title": }]')
    with pytest.raises(IngestError, match="^malformed JSON on line 3, column 12: Expecting value"):
        read_file(p)


def test_malformed_jsonl_line_without_warn_fails_whole_file(tmp_path: Path) -> None:
    good = json.dumps({"id": "x", "title": "T", "text": "Body."})
    p = bad(tmp_path, "m.jsonl", f"{good}\n\n{{not json}}\n{good}\n")
    with pytest.raises(IngestError, match="^malformed JSON on line 3, column 2: "):
        read_file(p)


def test_malformed_jsonl_line_is_skipped_with_a_warning_naming_it(tmp_path: Path) -> None:
    rows = [json.dumps({"id": i, "title": f"T{i}", "text": "Body."}) for i in ("a", "b")]
    p = bad(tmp_path, "m.jsonl", f"{rows[0]}\n{{not json}}\n{rows[1]}\n")
    warnings: list[str] = []
    articles = read_file(p, warn=warnings.append)
    assert [a.item for a in articles] == ["a", "b"]
    assert warnings == [f"{p}: skipped a record: malformed JSON on line 2, column 2: "
                        "Expecting property name enclosed in double quotes"]


def test_an_unterminated_string_says_where_it_starts(tmp_path: Path) -> None:
    """JSON's own message ("Unterminated string starting at") ends where its position was."""
    p = bad(tmp_path, "m.jsonl", '{"id": "a", "text": "Body.}\n')
    with pytest.raises(IngestError, match="^malformed JSON on line 1, column 21: Unterminated"):
        read_file(p)


def test_a_jsonl_with_no_good_line_is_still_an_error(tmp_path: Path) -> None:
    p = bad(tmp_path, "m.jsonl", "{not json}\n[oops\n")
    warnings: list[str] = []
    with pytest.raises(IngestError,
                       match=r"^malformed JSON on line 1, column 2: .* \(and 1 more lines\)$"):
        read_file(p, warn=warnings.append)
    assert warnings == []


def test_json_without_any_text_raises(tmp_path: Path) -> None:
    p = bad(tmp_path, "n.json", '[{"title": "a"}, 3]')
    with pytest.raises(IngestError, match="^no articles found$"):
        read_file(p)


def test_malformed_xml_raises(tmp_path: Path) -> None:
    p = bad(tmp_path, "m.xml", "<rss><channel><item><title>cut off")
    with pytest.raises(IngestError, match="^malformed XML: "):
        read_file(p)


def test_xml_that_is_not_a_feed_raises(tmp_path: Path) -> None:
    p = bad(tmp_path, "n.xml", '<?xml version="1.0"?><catalog><book id="1"/></catalog>')
    with pytest.raises(IngestError, match="not an RSS or Atom feed"):
        read_file(p)


def test_html_without_text_raises(tmp_path: Path) -> None:
    p = bad(
        tmp_path,
        "t.html",
        "<html><head><title>Home | Site</title></head><body><header><nav><a href='/'>Home</a>"
        "</nav></header><footer><p>Privacy policy</p></footer></body></html>",
    )
    with pytest.raises(IngestError, match="^no article text found$"):
        read_file(p)


def test_unsupported_suffix_raises(tmp_path: Path) -> None:
    p = bad(tmp_path, "doc.pdf", "%PDF-1.4")
    with pytest.raises(IngestError, match="unsupported file type: .pdf"):
        read_file(p)



def test_iter_articles_mixed_folder_yields_good_articles_and_one_error_per_bad_file(
    tmp_path: Path,
) -> None:
    (tmp_path / "good.txt").write_text(" date 2001-02-03 Good\nBody.\n")
    (tmp_path / "also.md").write_text("---\ntitle: Also good\n---\nBody.\n")
    bad(tmp_path, "bin.txt", b"\x00\x01\x02")
    bad(tmp_path, "empty.json", b"")
    bad(tmp_path, "broken.jsonl", "{oops\n")
    results = dict(iter_articles([tmp_path]))
    assert len(results) == 5
    good = {p.name: r for p, r in results.items() if isinstance(r, list)}
    errors = {p.name: str(r) for p, r in results.items() if isinstance(r, IngestError)}
    assert {n: [a.title for a in r] for n, r in good.items()} == {
        "good.txt": ["Good"],
        "also.md": ["Also good"],
    }
    assert errors == {
        "bin.txt": "binary file",
        "empty.json": "empty file",
        "broken.jsonl": errors["broken.jsonl"],
    }
    assert errors["broken.jsonl"].startswith("malformed JSON on line 1")


def test_records_after_a_bad_jsonl_line_keep_their_positions(tmp_path: Path) -> None:
    rows = [json.dumps({"title": f"T{i}", "text": "Body."}) for i in range(2)]  # no ids
    p = bad(tmp_path, "m.jsonl", f"{rows[0]}\n{{not json}}\n{rows[1]}\n")
    warnings: list[str] = []
    first = [a.item for a in read_file(p, warn=warnings.append)]
    p.write_text(f"{rows[0]}\n{json.dumps({'title': 'X', 'text': 'Fixed.'})}\n{rows[1]}\n")
    fixed = [a.item for a in read_file(p)]
    assert first == ["1", "3"] and fixed == ["1", "2", "3"]  # T1 is still record 3
    # the warning's line is the number the skipped record would be cited by
    assert warnings == [f"{p}: skipped a record: malformed JSON on line 2, column 2: "
                        "Expecting property name enclosed in double quotes"]


def test_an_impossible_header_date_is_indexed_undated_with_a_warning(tmp_path: Path) -> None:
    p = bad(tmp_path, "d.txt", " date 2025-13-45 Title\nBody.\n")
    warnings: list[str] = []
    (article,) = read_file(p, warn=warnings.append)
    assert (article.title, article.date) == ("Title", None)
    assert warnings == [f"{p}: 2025-13-45 is not a real date; the article is undated"]


def test_links_to_nothing_and_pipes_are_skipped_with_a_warning(tmp_path: Path) -> None:
    """A named pipe would make the build wait forever; a dangling link crashed it."""
    import os

    from index.discover import discover

    (tmp_path / "good.txt").write_text(" date 2024-01-02 Good\nA body.\n")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    warnings: list[str] = []
    skipped: list[tuple[str, str]] = []
    assert discover([tmp_path], warnings.append, skipped) == [tmp_path / "good.txt"]
    assert sorted(w.split(":")[1].strip() for w in warnings) == [
        f"skipped {tmp_path / 'dangling.txt'}",
        f"skipped {tmp_path / 'pipe.txt'}",
    ]
    # ... and counted with the files that could not be read ("skipped 2 files" said 4 warnings)
    assert sorted(path for path, _ in skipped) == [
        str(tmp_path / "dangling.txt"), str(tmp_path / "pipe.txt")]
    with pytest.raises(IngestError, match="neither a file nor a folder"):
        discover([tmp_path / "pipe.txt"])


def test_every_jsonl_record_left_out_or_undated_is_named_by_its_line(tmp_path: Path) -> None:
    lines = ['[1, 2, 3]', '"string"', '{"title": "no text"}',
             '{"title": "Bad date", "date": "not-a-date", "text": "Some body."}',
             '{"title": "Good", "date": "2024-01-02", "text": "Good body."}']
    p = bad(tmp_path, "mixed.jsonl", "\n".join(lines) + "\n")
    warnings: list[str] = []
    articles = read_file(p, warnings.append)
    assert [a.title for a in articles] == ["Bad date", "Good"]
    assert articles[0].date is None and articles[1].date == "2024-01-02"
    assert [w.removeprefix(f"{p}: ") for w in warnings] == [
        "skipped line 1: the record is no object",
        "skipped line 2: the record is no object",
        "skipped line 3: the record has no text, content or body",
        "line 4: 'not-a-date' is not a date; the article is undated",
    ]


@pytest.mark.parametrize(
    ("name", "text", "raw"),
    [
        # YAML builds a date from the first and fails on it: the file was skipped as malformed
        ("impossible.md", "---\ntitle: T\ndate: 2009-13-45\n---\n\nBody text.\n", "2009-13-45"),
        ("words.md", "---\ntitle: T\ndate: not-a-date\n---\n\nBody text.\n", "not-a-date"),
        ("page.html",
         '<html><head><title>T</title><meta property="article:published_time" '
         'content="sometime"></head><body><article><p>Body text of the page, long enough to '
         "be a paragraph.</p></article></body></html>", "sometime"),
    ],
)
def test_an_unreadable_date_in_markdown_or_html_is_undated_with_a_warning(
    tmp_path: Path, name: str, text: str, raw: str
) -> None:
    p = bad(tmp_path, name, text)
    warnings: list[str] = []
    (article,) = read_file(p, warnings.append)
    assert article.date is None and "Body text" in article.text
    assert warnings == [f"{p}: {raw!r} is not a date; the article is undated"]


def test_a_markdown_date_yaml_can_build_is_still_read(tmp_path: Path) -> None:
    p = bad(tmp_path, "ok.md", "---\ntitle: 42\ndate: 2009-03-05\n---\n\nBody text.\n")
    (article,) = read_file(p, lambda w: pytest.fail(w))
    assert (article.title, article.date) == ("42", "2009-03-05")


def test_a_json_error_message_does_not_end_in_a_dangling_word(tmp_path: Path) -> None:
    p = bad(tmp_path, "broken.json", '{"title": "T", "text": "line one\nline two"}')
    with pytest.raises(IngestError) as err:
        read_file(p)
    assert str(err.value) == "malformed JSON on line 1, column 33: Invalid control character"
