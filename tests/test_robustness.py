"""Inputs and timings that once broke newsbot: odd files, odd dates in questions, a reload in
the middle of answering, a bad file on every update, filters on an approximate index."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from conftest import (
    SEED_QUESTION,
    BuiltIndex,
    assert_quotes_verbatim,
    run_newsbot,
)

from bot.question import analyse
from index.article import IngestError
from index.build import run_build
from index.ingest import read_file
from index.vectors import FaissStore


@pytest.mark.parametrize("content", [b"\xef\xbb\xbf\n", "\u00a0\n".encode(), b"\xef\xbb\xbf  \n\n"])
def test_a_txt_of_only_a_bom_or_spaces_is_an_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError, match="empty file"):
        read_file(path)


@pytest.mark.parametrize(
    "question",
    ["What happened on 0 May 2020?", "News from 00 March 2021?", "Anything in December 9999?",
     "Was it May 0000?", "What happened on 31 February 2008?"],
)
def test_impossible_dates_in_a_question_do_not_break_it(question: str, engine) -> None:
    analyse(question)  # no exception
    answer = engine.ask(question)
    assert_quotes_verbatim(engine, answer)


def test_bytes_that_are_not_utf8_in_a_question_do_not_break_it(engine) -> None:
    """A terminal in another encoding: Python hands the bytes over as lone surrogates, which
    the tokenizer refused with a traceback that also ended the chat."""
    broken = b"Did Mexico accept troops\xff?".decode("utf-8", "surrogateescape")
    answer = engine.ask(broken)
    assert answer.answer.startswith("No"), answer.answer
    assert answer.question == "Did Mexico accept troops\ufffd?"


def test_a_follow_up_to_a_question_with_bytes_that_are_not_utf8_is_answered(engine) -> None:
    """The chat hands the previous line on as the follow-up's context: the bad bytes of one
    line ended the chat at the next question."""
    broken = b"Did Mexico accept troops\xe9?".decode("utf-8", "surrogateescape")
    answer = engine.ask("who declined it?", context=broken)
    assert not answer.abstained and "Sheinbaum" in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["?!", "what?!!"])
def test_the_answer_reports_the_question_as_asked(question: str, engine) -> None:
    assert engine.ask(question).question == question


def test_reload_while_other_threads_answer(private_index: BuiltIndex) -> None:
    """`/reindex` swaps the index under questions being answered; none of them may fail."""
    engine = private_index.open_engine()
    errors: list[BaseException] = []
    stop = threading.Event()

    def ask_repeatedly() -> None:
        while not stop.is_set():
            try:
                answer = engine.ask(SEED_QUESTION)
                assert answer.answer.startswith("No")
            except BaseException as exc:  # noqa: BLE001 - collected and reported below
                errors.append(exc)
                return

    workers = [threading.Thread(target=ask_repeatedly) for _ in range(3)]
    for w in workers:
        w.start()
    try:
        for i in range(3):
            (private_index.corpus / f"extra_{i}.txt").write_text(
                f" date 2026-11-2{i} Extra bulletin {i}\nBulletin number {i} was published.\n",
                encoding="utf-8",
            )
            run_build(private_index.options(), full=False, warn=lambda _: None)
            engine.follow()  # (or a worker's question already did)
            assert engine.index.generation == (private_index.index_dir / "current").resolve()
    finally:
        stop.set()
        for w in workers:
            w.join(timeout=60)
    assert not errors, errors
    assert engine.stats()["articles"] == private_index.stats.articles + 3


def test_an_unchanged_bad_file_does_not_make_every_update_publish(
    private_index: BuiltIndex,
) -> None:
    (private_index.corpus / "broken.json").write_text("{not json", encoding="utf-8")
    warnings: list[str] = []
    first = run_build(private_index.options(), full=False, warn=warnings.append)
    assert len(warnings) == 1 and "broken.json" in warnings[0]
    assert first.generation is not None
    again = run_build(private_index.options(), full=False, warn=warnings.append)
    assert again.up_to_date and again.generation is None
    # not read again while unchanged, but named again: a warning printed once is missed
    assert warnings[1:] == [warnings[0].replace("warning: skipped", "warning: still skipped")]
    assert again.skipped == first.skipped and "1 skipped" in again.summary()


def test_a_file_that_goes_bad_keeps_its_indexed_version_until_it_is_fixed(
    private_index: BuiltIndex,
) -> None:
    victim = sorted(private_index.corpus.glob("*.txt"))[0]
    good = victim.read_bytes()
    db = private_index.db()
    indexed = db.execute("SELECT id, text FROM articles WHERE path = ?", (str(victim),)).fetchall()
    db.close()
    assert indexed
    victim.write_bytes(b"\x00\x01junk" * 300)  # overwritten by something that is no article
    warnings: list[str] = []
    run_build(private_index.options(), full=False, warn=warnings.append)
    assert warnings == [
        f"warning: skipped {victim}: binary file; its previous version stays indexed"
    ]
    db = private_index.db()
    assert db.execute(
        "SELECT id, text FROM articles WHERE path = ?", (str(victim),)
    ).fetchall() == indexed
    db.close()
    # ... and it counts as seen: no "changed" in status, no new generation on every update
    again = run_build(private_index.options(), full=False, warn=warnings.append)
    assert again.up_to_date and len(warnings) == 2 and "still skipped" in warnings[1]
    status = run_newsbot("--config", str(private_index.config), "index", "status",
                         cwd=private_index.root)
    assert status.returncode == 0, status.stderr
    assert "since then: 0 new, 0 changed, 0 deleted files" in status.stdout
    assert (f"skipped:    1 file the last update could not read:\n  {victim}: binary file "
            "(its previous version stays indexed)") in status.stdout
    # fixed: read again, and no longer named
    victim.write_bytes(good)
    warnings.clear()
    fixed = run_build(private_index.options(), full=False, warn=warnings.append)
    assert not warnings and not fixed.skipped and fixed.generation is not None
    status = run_newsbot("--config", str(private_index.config), "index", "status",
                         cwd=private_index.root)
    assert "skipped:" not in status.stdout


def test_top_level_config_option_is_honoured(base_index: BuiltIndex, tmp_path: Path) -> None:
    done = run_newsbot("--config", str(base_index.config), "index", "status", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"articles:   {base_index.stats.articles}" in done.stdout


@pytest.mark.parametrize("kind", ["ivf", "hnsw"])
def test_filtered_search_on_an_approximate_index_loaded_with_defaults(
    kind: str, tmp_path: Path
) -> None:
    """`ivf_nprobe = 0` / `hnsw_ef_search = 0` mean "as built"; a filtered search passes them
    explicitly and must not get 0."""
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((2000, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = np.arange(100, 2100, dtype=np.int64)
    FaissStore.build(ids, vectors, kind).save(tmp_path / "v.faiss")
    store = FaissStore.load(tmp_path / "v.faiss", kind, 0, 0)
    allowed = ids[::2]
    scores, found = store.search(vectors[10], 5, allowed)
    assert len(found) == 5 and set(found.tolist()) <= set(allowed.tolist())
    assert found[0] == 110  # vector 10 is itself allowed (even offset) and nearest
