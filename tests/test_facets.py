"""Date and source filters read the generation's facet arrays (index/facets.py): they keep
exactly the chunks the SQL join of chunks to articles keeps, a filter that keeps everything
searches unfiltered, and an index written before the arrays still filters through SQL."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from conftest import SEED, SEED_QUESTION, BuiltIndex, assert_quotes_verbatim

from index.facets import FILES, Facets, day
from index.search import Filters, Index
from index.store import SCHEMA

FILTERS = [
    Filters(since="2008-01-01"),
    Filters(until="2006-06-30"),
    Filters(since="2005-01-01", until="2005-12-31"),
    Filters(since="2025-05-05", until="2025-05-05"),  # one day: the seed's
    Filters(source="009_e0ed601e"),
    Filters(source="WIKINEWS.ORG/wiki/IMF"),
    Filters(since="2008-01-01", source="wikinews"),
    Filters(since="2030-01-01"),  # nothing
]


@pytest.fixture(scope="module")
def index(base_index: BuiltIndex):
    ix = Index(base_index.index_dir, "all-MiniLM-L6-v2")
    yield ix
    ix.close()


def _by_sql(index: Index, filters: Filters) -> list[int]:
    where, params = filters.sql()
    rows = index.db.execute(
        f"SELECT c.id FROM chunks c JOIN articles a ON a.id = c.article_id WHERE {where}", params
    )
    return sorted(r[0] for r in rows)


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
def test_facets_keep_the_chunks_the_sql_join_keeps(index: Index, filters: Filters) -> None:
    assert index.facets is not None
    got = index._allowed(filters)
    want = _by_sql(index, filters)
    assert got is not None  # none of these keeps every chunk
    assert sorted(got.tolist()) == want


def test_a_filter_keeping_every_chunk_searches_unfiltered(index: Index) -> None:
    folder = os.path.commonpath([r[0] for r in index.db.execute("SELECT path FROM articles")])
    assert index._allowed(Filters(source=folder)) is None
    undated = index.db.execute("SELECT count(*) FROM articles WHERE date IS NULL").fetchone()[0]
    first = index.db.execute("SELECT min(date) FROM articles").fetchone()[0]
    kept = index._allowed(Filters(since=first))
    assert (kept is None) == (undated == 0)  # an undated article is outside every date range


def test_day_orders_like_the_iso_date() -> None:
    assert day("2008-01-15") == 20080115 and day("2008-01-15T10:00:00Z") == 20080115
    assert day(None) == 0 and day("") == 0 and day("15 Jan 2008") == 0
    assert day("2007-12-31") < day("2008-01-01")


def test_an_index_without_facet_arrays_filters_through_sql(private_index: BuiltIndex) -> None:
    gen = private_index.index_dir.joinpath("current").resolve()
    for name in FILES:  # as a generation written before the arrays (and before file sizes)
        (gen / name).unlink()
    manifest = json.loads((gen / "manifest.json").read_text())
    manifest.pop("sizes")
    (gen / "manifest.json").write_text(json.dumps(manifest))
    engine = private_index.open_engine()
    try:
        assert engine.index.facets is None
        answer = engine.ask(SEED_QUESTION, k=10, since="2025-01-01")
        assert_quotes_verbatim(engine, answer)
        assert {p["article_id"] for p in answer.passages} == {
            private_index.article_id(SEED.name)
        }
    finally:
        engine.index.close()

    stats = private_index.build(full=False)  # no file changed, yet it writes the arrays
    assert not stats.up_to_date and stats.embedded == 0
    index = Index(private_index.index_dir, "all-MiniLM-L6-v2")
    try:
        assert index.facets is not None
        filters = Filters(since="2025-01-01")
        assert sorted(index._allowed(filters).tolist()) == _by_sql(index, filters)
    finally:
        index.close()
    assert private_index.build(full=False).up_to_date


def test_the_source_filter_ignores_case_beyond_ascii(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "meta.sqlite")
    db.executescript(SCHEMA)
    db.execute("INSERT INTO articles (id, path, url) VALUES ('a', '/c/ÄRZTE/x.txt', NULL)")
    db.execute("INSERT INTO articles (id, path, url) VALUES ('b', '/c/other/y.txt', NULL)")
    rowids = [r[0] for r in db.execute("SELECT rowid FROM articles ORDER BY id")]
    np.save(tmp_path / FILES[0], np.array([20200101, 20200102], dtype=np.int32))
    np.save(tmp_path / FILES[1], np.array(rowids, dtype=np.int64))
    facets = Facets(tmp_path, np.array([1, 2], dtype=np.int64))
    assert facets.allowed(db, None, None, "ärzte").tolist() == [1]
    assert facets.allowed(db, None, None, "ÄRZTE").tolist() == [1]


@pytest.mark.parametrize("value", ["2020", "2020-01-01T12:00", "1 May 2020"])
def test_a_filter_date_must_be_a_day(value: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        Filters(since=value)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        Filters(until=value)
