"""An update never gives a new chunk the id of a chunk of the previous generation: the keyword
and vector indexes of the new generation reuse what the previous one holds for every id it
keeps, so a reused id would answer with the old text's words."""

from __future__ import annotations

from pathlib import Path

from conftest import BuiltIndex

WORD = "Flowerlandish"


def _newest_article(index: BuiltIndex) -> tuple[str, Path]:
    with index.db() as db:
        aid, path = db.execute(
            "SELECT a.id, a.path FROM chunks c JOIN articles a ON a.id = c.article_id "
            "ORDER BY c.id DESC LIMIT 1"
        ).fetchone()
    return aid, Path(path)


def test_editing_the_article_with_the_highest_chunk_ids_is_searchable_by_its_new_words(
    private_index: BuiltIndex,
) -> None:
    aid, path = _newest_article(private_index)
    assert path.suffix in (".txt", ".md"), path  # one article per file: editable in place
    with private_index.db() as db:
        old_ids = {r[0] for r in db.execute("SELECT id FROM chunks WHERE article_id = ?", (aid,))}
    # Before any ALSO READ block (never indexed): right after the first paragraph.
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if i > 0 and line.strip())
    lines.insert(first + 1, f"The {WORD} committee met again on Friday.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    stats = private_index.build(full=False)
    assert stats.changed == 1

    engine = private_index.open_engine()
    with private_index.db() as db:
        new_ids = {r[0] for r in db.execute("SELECT id FROM chunks WHERE article_id = ?", (aid,))}
    assert not new_ids & old_ids, "a new chunk took the id of a chunk of the previous generation"
    assert WORD in engine.index.article(aid)[2], path
    hits = [cid for cid, _ in engine.index.keyword.search(WORD, 10, None)]
    assert hits, "the new word is not in the keyword index"
    texts = {p.chunk_id: p.text for p in engine.index.passages(hits)}
    assert all(WORD in texts[cid] for cid in hits)
