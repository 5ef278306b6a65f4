"""`newsbot index build` on every supported format, on bad files, and search filters.

Every format is checked the way a user would: ask a question only that article answers and
look at the citation's article and source."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    SEED,
    SEED_QUESTION,
    BuiltIndex,
    assert_quotes_verbatim,
    copy_embedding_cache,
    error_lines,
    run_newsbot,
    write_base_corpus,
    write_config,
)

from bot.answer import AnswerEngine

WIKI = "https://en.wikinews.org/wiki/"

# (format, question, file it lives in, expected citation source: a URL, or None for the path,
#  a phrase the cited sentences contain)
FORMATS = [
    ("seed .txt", SEED_QUESTION, SEED.name, None, "Sheinbaum"),
    ("seed-format .txt with ALSO READ",
     "How many additional New Zealand police officers were sent to East Timor?",
     "009_e0ed601e5cb3449c.txt", None, "25 New Zealand police officers"),
    ("plain .txt", "Which senior al-Qaeda suspect did Pakistan capture after a gunfight in "
     "Waziristan?", "plain_al_libbi.txt", None, "Abu Faraj al-Libbi"),
    (".md", "In which city were the three Romanian journalists seized?",
     "071_5c4cb556d2a746c8.md", WIKI + "Three_Romanian_journalists_abducted_in_Iraq", "Baghdad"),
    (".html", "How big was the IMF loan approved to help Georgia after the war?",
     "109_7d3d68733b599f31.html", WIKI + "IMF_and_EU_approve_aid_for_Georgia", "US$750 million"),
    (".json", "In which city did the World Bank president speak to young people about genocide?",
     "kigali.json", WIKI + "World_Bank_president_addresses_global_youth_forum_on_genocide",
     "Kigali"),
    (".jsonl", "How much did Lech Wałęsa say he would sue Polish state television for?",
     "imports.jsonl", WIKI + "Row_over_Lech_Wa%C5%82%C4%99sa's_alleged_collaboration_with_"
     "communists_escalates", "20 million zlotys"),
    ("RSS .xml", "Did the White House accept the UN report calling for Guantánamo to be closed?",
     "feed.xml", WIKI + "USA_rejects_UN_Guantanamo_report", "dismissed a United Nations report"),
]


@pytest.mark.parametrize(("kind", "question", "file", "url", "phrase"), FORMATS,
                         ids=[f[0] for f in FORMATS])
def test_every_format_is_indexed_and_cited(
    engine: AnswerEngine, base_index: BuiltIndex, kind: str, question: str, file: str,
    url: str | None, phrase: str,
) -> None:
    answer = engine.ask(question)
    assert_quotes_verbatim(engine, answer)
    assert not answer.abstained, (kind, answer.answer)
    first = answer.citations[0]
    path = base_index.corpus / file
    (indexed_path,) = engine.index.db.execute(
        "SELECT path FROM articles WHERE id = ?", (first.article_id,)).fetchone()
    assert indexed_path == str(path), kind
    assert first.source == (url or str(path)), kind
    assert phrase in " ".join(c.quote for c in answer.citations), (kind, answer.answer)


def test_every_article_of_every_file_is_indexed(base_index: BuiltIndex) -> None:
    with base_index.db() as db:
        per_file = dict(db.execute("SELECT path, count(*) FROM articles GROUP BY path"))
    assert {Path(p).name: n for p, n in per_file.items()} == {
        SEED.name: 1, "131_dd2f3b5934779dc5.txt": 1, "009_e0ed601e5cb3449c.txt": 1,
        "071_5c4cb556d2a746c8.md": 1, "109_7d3d68733b599f31.html": 1, "plain_al_libbi.txt": 1,
        "kigali.json": 1, "imports.jsonl": 2, "feed.xml": 2,
    }
    assert base_index.stats.articles == 11 and base_index.stats.files == 9


def test_articles_inside_multi_article_files_have_their_own_sources(
    base_index: BuiltIndex,
) -> None:
    with base_index.db() as db:
        rows = db.execute("SELECT item, url, date FROM articles WHERE path LIKE '%feed.xml' "
                          "OR path LIKE '%imports.jsonl' ORDER BY item").fetchall()
    assert [r[0] for r in rows] == ["wn-71afdaae1b", "wn-d046b8a3fa", "wn-feed-c0fee64f53",
                                    "wn-feed-f7d0bec401"]
    assert all(url.startswith(WIKI) for _, url, _ in rows)
    assert all(date and len(date) == 10 for _, _, date in rows)


# --- bad input --------------------------------------------------------------------------------

BAD_FILES: dict[str, tuple[bytes, str]] = {
    # name: (content, a word the warning's reason must contain)
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "binary"),
    "empty.txt": (b"", "empty"),
    "utf16.txt": ("Café in São Paulo\n\nThe café owner said prices rose.\n".encode("utf-16"),
                  "UTF-16"),
    "broken.json": (b'{"title": "Half an article", "text": "It was cut off', "JSON"),
    "broken_feed.xml": (b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>News'
                        b"</title><item><title>A</title></chan", "XML"),
    "textless.html": (b"<html><head><title>Just a menu</title></head><body><nav><a href='/'>"
                      b"Home</a> <a href='/news'>News</a></nav></body></html>",
                      "no article text"),
}


def write_bad_files(folder: Path) -> dict[Path, str]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, (content, reason) in BAD_FILES.items():
        (folder / name).write_bytes(content)
        out[folder / name] = reason
    return out


def test_bad_files_are_skipped_with_a_warning_naming_each(
    base_index: BuiltIndex, tmp_path: Path
) -> None:
    corpus = write_base_corpus(tmp_path / "corpus")
    bad = write_bad_files(corpus / "incoming")
    index_dir = tmp_path / "index"
    copy_embedding_cache(base_index.index_dir, index_dir)
    config = write_config(tmp_path / "config.toml", [corpus], index_dir)

    done = run_newsbot("index", "build", "--quiet", "--config", str(config), cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    lines = error_lines(done.stderr)
    assert len(lines) == len(bad), lines
    for path, reason in bad.items():
        (line,) = [ln for ln in lines if str(path) in ln]
        assert line.startswith("warning: skipped ") and reason in line, line
    assert "skipped 6 files" in done.stdout
    assert "indexed 11 articles" in done.stdout
    indexed = BuiltIndex(tmp_path, corpus, index_dir, config, base_index.stats)
    with indexed.db() as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 11
        assert db.execute("SELECT count(*) FROM articles WHERE path LIKE '%incoming%'"
                          ).fetchone()[0] == 0
    engine = indexed.open_engine()
    answer = engine.ask(SEED_QUESTION)
    assert_quotes_verbatim(engine, answer)
    assert answer.citations[0].source == str(corpus / SEED.name)


def test_corpus_of_only_bad_files_fails_with_one_error_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_bad_files(corpus)
    index_dir = tmp_path / "index"
    config = write_config(tmp_path / "config.toml", [corpus], index_dir)

    done = run_newsbot("index", "build", "--quiet", "--config", str(config), cwd=tmp_path)

    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = error_lines(done.stderr)
    errors = [ln for ln in lines if ln.startswith("newsbot: error:")]
    assert len(errors) == 1, lines
    assert "nothing could be indexed" in errors[0]
    assert len(lines) == 1 + len(BAD_FILES)  # the error, and one warning per file
    assert not (index_dir / "current").exists()


def test_missing_corpus_path_is_one_error_line(tmp_path: Path) -> None:
    config = write_config(tmp_path / "config.toml", [tmp_path / "no-such-folder"],
                          tmp_path / "index")
    done = run_newsbot("index", "build", "--quiet", "--config", str(config), cwd=tmp_path)
    assert done.returncode != 0
    lines = error_lines(done.stderr)
    assert len(lines) == 1 and lines[0].startswith("newsbot: error:"), lines
    assert "no-such-folder" in lines[0]


# --- search filters ---------------------------------------------------------------------------


def test_until_excludes_later_articles(engine: AnswerEngine, base_index: BuiltIndex) -> None:
    answer = engine.ask(SEED_QUESTION, k=10, until="2024-12-31")
    assert_quotes_verbatim(engine, answer)
    seed = base_index.article_id(SEED.name)
    assert answer.passages, "older articles still match"
    assert all(p["date"] is not None and p["date"] <= "2024-12-31" for p in answer.passages)
    assert seed not in {p["article_id"] for p in answer.passages}
    assert seed not in {c.article_id for c in answer.citations}


def test_since_excludes_earlier_articles(engine: AnswerEngine) -> None:
    answer = engine.ask("Which senior al-Qaeda suspect did Pakistan capture?", k=10,
                        since="2008-01-01")
    assert_quotes_verbatim(engine, answer)
    assert answer.passages
    assert all(p["date"] is not None and p["date"] >= "2008-01-01" for p in answer.passages)
    assert all(c.date >= "2008-01-01" for c in answer.citations)


def test_date_range_keeps_only_articles_inside_it(engine: AnswerEngine) -> None:
    answer = engine.ask("Romanian journalists kidnapped in Iraq", k=10, since="2005-01-01",
                        until="2005-12-31")
    assert_quotes_verbatim(engine, answer)
    assert answer.passages
    assert all("2005-01-01" <= p["date"] <= "2005-12-31" for p in answer.passages)


def test_since_seed_date_finds_only_the_seed(engine: AnswerEngine, base_index: BuiltIndex) -> None:
    answer = engine.ask(SEED_QUESTION, k=10, since="2025-01-01")
    assert_quotes_verbatim(engine, answer)
    assert {p["article_id"] for p in answer.passages} == {base_index.article_id(SEED.name)}


def test_range_without_articles_abstains(engine: AnswerEngine) -> None:
    answer = engine.ask(SEED_QUESTION, since="2030-01-01")
    assert_quotes_verbatim(engine, answer)
    assert answer.abstained and answer.passages == []


def test_source_filter_keeps_only_matching_file_paths(
    engine: AnswerEngine, base_index: BuiltIndex
) -> None:
    answer = engine.ask(SEED_QUESTION, k=10, source="009_e0ed601e")
    assert_quotes_verbatim(engine, answer)
    nz = base_index.article_id("009_e0ed601e5cb3449c.txt")
    assert answer.passages
    assert {p["article_id"] for p in answer.passages} == {nz}
    assert {c.article_id for c in answer.citations} <= {nz}


def test_source_filter_matches_urls(engine: AnswerEngine) -> None:
    answer = engine.ask("How much money was approved?", k=10,
                        source="wikinews.org/wiki/IMF_and_EU")
    assert_quotes_verbatim(engine, answer)
    assert answer.passages
    assert {p["source"] for p in answer.passages} == {WIKI + "IMF_and_EU_approve_aid_for_Georgia"}


def test_source_filter_is_case_insensitive(engine: AnswerEngine, base_index: BuiltIndex) -> None:
    answer = engine.ask(SEED_QUESTION, k=10, source="PLAIN_AL_LIBBI")
    assert_quotes_verbatim(engine, answer)
    assert {p["article_id"] for p in answer.passages} == {
        base_index.article_id("plain_al_libbi.txt")}


# --- hybrid retrieval -------------------------------------------------------------------------


def test_results_are_diverse_across_articles(engine: AnswerEngine) -> None:
    answer = engine.ask(SEED_QUESTION, k=10)
    assert_quotes_verbatim(engine, answer)
    ids = [p["article_id"] for p in answer.passages]
    assert len(ids) == 10
    assert max(ids.count(i) for i in ids) <= engine.cfg.search.per_article


def test_a_long_articles_pool_is_its_chunks_nearest_to_the_question(
    engine: AnswerEngine, base_index: BuiltIndex
) -> None:
    index = engine.index
    aid = base_index.article_id("071_5c4cb556d2a746c8.md")  # several chunks
    qvec = engine.encoder.encode(["Which Romanian journalists were kidnapped in Baghdad?"])[0]
    every = index.article_passages([aid], qvec)
    assert len(every) >= 4
    assert len({p.article_text for p in every}) == 1  # one text, shared
    nearest = index.article_passages([aid], qvec, per_article=2)
    assert sorted(p.chunk_id for p in nearest) == sorted(
        p.chunk_id for p in sorted(every, key=lambda p: p.dense, reverse=True)[:2]
    )
    farthest = min(every, key=lambda p: p.dense).chunk_id  # the one that made it a candidate
    kept = index.article_passages([aid], qvec, per_article=2, keep=frozenset({farthest}))
    assert len(kept) == 3 and farthest in {p.chunk_id for p in kept}
