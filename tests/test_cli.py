"""The `newsbot` console script end to end, as a user runs it (a subprocess per command).
User mistakes end in one `newsbot: error:` line and a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import (
    ABSTAIN_TEXT,
    OFF_TOPIC,
    SEED,
    SEED_QUESTION,
    BuiltIndex,
    assert_quotes_verbatim,
    error_lines,
    run_newsbot,
    write_config,
)

from bot.answer import AnswerEngine
from bot.chat_history import history_path, readline_history

ANSWER_KEYS = {"question", "answer", "abstained", "citations", "passages", "timings_ms"}
CITATION_KEYS = {"n", "article_id", "title", "date", "source", "quote"}
PASSAGE_KEYS = {"rank", "score", "article_id", "title", "date", "source", "text"}
TIMING_KEYS = {"retrieve", "answer", "total"}


def ask(index: BuiltIndex, *args: str, **kwargs: str):  # noqa: ANN201 - CompletedProcess
    return run_newsbot("ask", "--config", str(index.config), *args, cwd=index.root, **kwargs)


def assert_one_error_line(done, *needles: str) -> str:  # noqa: ANN001 - CompletedProcess
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    lines = error_lines(done.stderr)
    assert len(lines) == 1, lines
    assert lines[0].startswith("newsbot: error:"), lines[0]
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def assert_answer_shape(data: dict) -> None:
    """The fixed `--json` form: exactly these keys, with these types."""
    assert set(data) == ANSWER_KEYS
    assert isinstance(data["question"], str) and isinstance(data["answer"], str)
    assert isinstance(data["abstained"], bool)
    for c in data["citations"]:
        assert set(c) == CITATION_KEYS
        assert isinstance(c["n"], int) and isinstance(c["quote"], str)
        assert c["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", c["date"])
    for p in data["passages"]:
        assert set(p) == PASSAGE_KEYS
        assert isinstance(p["rank"], int) and isinstance(p["score"], float)
        assert isinstance(p["text"], str) and p["text"]
    assert set(data["timings_ms"]) == TIMING_KEYS
    assert all(isinstance(v, (int, float)) and v >= 0 for v in data["timings_ms"].values())


# --- ask ---------------------------------------------------------------------------------------


def test_ask_json_prints_exactly_the_fixed_shape(
    base_index: BuiltIndex, engine: AnswerEngine
) -> None:
    done = ask(base_index, "--json", SEED_QUESTION)
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    data = json.loads(line)
    assert_answer_shape(data)
    assert_quotes_verbatim(engine, data)
    assert data["question"] == SEED_QUESTION
    assert data["abstained"] is False
    assert data["answer"].startswith("No")
    assert re.search(r"declined|rejected", data["answer"], re.I)
    first = data["citations"][0]
    assert (first["n"], first["date"], first["source"]) == (1, "2025-05-05",
                                                           str(base_index.corpus / SEED.name))
    assert data["passages"][0]["rank"] == 1


def test_ask_json_abstains_on_an_off_topic_question(
    base_index: BuiltIndex, engine: AnswerEngine
) -> None:
    done = ask(base_index, "--json", OFF_TOPIC)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert_answer_shape(data)
    assert_quotes_verbatim(engine, data)
    assert (data["answer"], data["abstained"], data["citations"]) == (ABSTAIN_TEXT, True, [])


def test_ask_k_sets_the_number_of_passages(base_index: BuiltIndex, engine: AnswerEngine) -> None:
    done = ask(base_index, "--json", "-k", "2", SEED_QUESTION)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert_quotes_verbatim(engine, data)
    assert [p["rank"] for p in data["passages"]] == [1, 2]


def test_ask_plain_text_shows_the_answer_and_its_sources(
    base_index: BuiltIndex, engine: AnswerEngine
) -> None:
    expected = engine.ask(SEED_QUESTION)
    assert_quotes_verbatim(engine, expected)
    done = ask(base_index, SEED_QUESTION)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("No")
    assert " ".join(out.split()).startswith(" ".join(expected.answer.split()))
    assert "\nSources:\n" in out
    # One source line per article, carrying every marker that points at it.
    assert re.search(r"^\[1\](\[\d\])* Diplomatic Tensions: Trump's Offer to Combat Mexican "
                     r"Cartels — 2025-05-05 — ", out, re.M)


def test_ask_until_option_filters_by_date(base_index: BuiltIndex, engine: AnswerEngine) -> None:
    done = ask(base_index, "--json", "--until", "2024-12-31", SEED_QUESTION)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert_quotes_verbatim(engine, data)
    assert data["passages"], "the corpus has articles from before 2025"
    assert all(p["date"] <= "2024-12-31" for p in data["passages"])


def test_ask_source_option_filters_by_path(base_index: BuiltIndex, engine: AnswerEngine) -> None:
    done = ask(base_index, "--json", "--source", "feed.xml", "What did the White House say?")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert_quotes_verbatim(engine, data)
    assert data["passages"]
    ids = {r[0] for r in engine.index.db.execute(
        "SELECT id FROM articles WHERE path LIKE '%feed.xml'")}
    assert {p["article_id"] for p in data["passages"]} <= ids


@pytest.mark.parametrize(
    ("options", "says"),
    [(["--source", "no-such-feed"], 'source containing "no-such-feed"'),
     (["--since", "2090-01-01"], "from 2090-01-01")],
)
def test_a_filter_no_article_matches_says_so(base_index: BuiltIndex, options: list[str],
                                             says: str) -> None:
    """Not "I couldn't find this": nothing was searched, and the user should know why."""
    done = ask(base_index, "--json", *options, SEED_QUESTION)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["abstained"] and not data["citations"] and not data["passages"]
    assert data["answer"].startswith("No article matches the filters (") and says in data["answer"]


def test_an_abstention_under_filters_says_what_was_searched(base_index: BuiltIndex) -> None:
    # (a trial's) "--source wikinews" left out every article without a wikinews URL, and its
    # abstention read as if the corpus had nothing
    done = ask(base_index, "--json", "--source", "feed.xml", SEED_QUESTION)
    data = json.loads(done.stdout)
    assert data["abstained"], data["answer"]
    assert data["answer"] == ('I couldn\'t find this in the articles the filters keep (source '
                              'containing "feed.xml").')


def test_ask_with_a_bad_date_is_one_error_line(base_index: BuiltIndex) -> None:
    assert_one_error_line(ask(base_index, "--since", "last week", SEED_QUESTION), "last week")


@pytest.mark.parametrize(
    ("since", "until", "found"),
    [("2025", "2025", True), ("2025-05", "2025-05", True), ("2025-06", "2026", False),
     ("2024", "2025-04", False)],
)
def test_a_year_or_a_month_is_a_range_for_since_and_until(
    base_index: BuiltIndex, since: str, until: str, found: bool
) -> None:
    """"--until 2025-05" keeps all of May (the seed article is of 2025-05-05)."""
    done = ask(base_index, "--json", "--since", since, "--until", until, SEED_QUESTION)
    assert done.returncode == 0, done.stderr
    dates = {c["date"] for c in json.loads(done.stdout)["citations"]}
    assert (dates == {"2025-05-05"}) is found, dates


def test_ask_with_since_after_until_is_one_error_line(base_index: BuiltIndex) -> None:
    done = ask(base_index, "--since", "2025-06-01", "--until", "2025-01-01", SEED_QUESTION)
    assert_one_error_line(done, "--since 2025-06-01 is after --until 2025-01-01")


@pytest.mark.parametrize("question", ["", "   "])
def test_an_empty_question_is_one_error_line(base_index: BuiltIndex, question: str) -> None:
    assert_one_error_line(ask(base_index, question), "the question is empty")


# --- chat --------------------------------------------------------------------------------------


def test_chat_json_writes_one_json_answer_per_question(
    base_index: BuiltIndex, engine: AnswerEngine
) -> None:
    done = run_newsbot("chat", "--json", "--config", str(base_index.config), cwd=base_index.root,
                       stdin=f"{SEED_QUESTION}\n\n{OFF_TOPIC}\n")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 3, lines  # one reply per line: a blank one gets an error
    first, blank, second = map(json.loads, lines)
    assert blank == {"error": "empty question"}
    for data in (first, second):
        assert_answer_shape(data)
        assert_quotes_verbatim(engine, data)
    assert first["question"] == SEED_QUESTION and first["abstained"] is False
    assert first["citations"][0]["date"] == "2025-05-05"
    assert second["question"] == OFF_TOPIC and second["answer"] == ABSTAIN_TEXT


def test_chat_json_stops_at_quit(base_index: BuiltIndex) -> None:
    done = run_newsbot("chat", "--json", "--config", str(base_index.config), cwd=base_index.root,
                       stdin=f"{SEED_QUESTION}\n/quit\n{OFF_TOPIC}\n")
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["question"] for line in done.stdout.splitlines()] == [SEED_QUESTION]


def test_chat_json_answers_commands_in_json(base_index: BuiltIndex, engine: AnswerEngine
                                            ) -> None:
    done = run_newsbot("chat", "--json", "--config", str(base_index.config), cwd=base_index.root,
                       stdin=f"/sources\n{SEED_QUESTION}\n/sources\n/foo\n")
    assert done.returncode == 0, done.stderr
    before, answer, sources, unknown = map(json.loads, done.stdout.splitlines())
    assert before == {"sources": [], "note": "No sources yet: ask a question first."}
    assert sources == {"sources": answer["citations"]} and answer["citations"]
    assert unknown["error"].startswith("unknown command /foo")


def test_chat_shows_help_answer_and_quoted_sources(
    base_index: BuiltIndex, engine: AnswerEngine
) -> None:
    expected = engine.ask(SEED_QUESTION)
    assert_quotes_verbatim(engine, expected)
    done = run_newsbot("chat", "--config", str(base_index.config), cwd=base_index.root,
                       stdin=f"/help\n/sources\n{OFF_TOPIC}\n/sources\n{SEED_QUESTION}\n/sources\n")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    out = done.stdout
    assert "11 articles" in out.splitlines()[0]
    assert "/sources" in out and "/quit" in out  # the help text
    assert "No sources yet" in out  # /sources before any question
    assert "The last answer cited no sources." in out  # after an abstention
    flat = " ".join(out.split())
    assert " ".join(expected.answer.split()) in flat
    after = out[out.rindex("Sources:"):]  # the second /sources: each source with its quote
    assert "[1] Diplomatic Tensions: Trump's Offer to Combat Mexican Cartels — 2025-05-05" in after
    assert re.search(r'\n    "', after), after
    for c in expected.citations:
        assert f'"{c.quote}"' in " ".join(after.split())


def test_chat_quit_command_ends_the_session(base_index: BuiltIndex) -> None:
    done = run_newsbot("chat", "--config", str(base_index.config), cwd=base_index.root,
                       stdin=f"/quit\n{SEED_QUESTION}\n")
    assert done.returncode == 0, done.stderr
    assert "Sheinbaum" not in done.stdout


# --- errors ------------------------------------------------------------------------------------


def test_ask_without_an_index_says_to_build_it_first(tmp_path: Path) -> None:
    config = write_config(tmp_path / "config.toml", [tmp_path / "corpus"], tmp_path / "index")
    done = run_newsbot("ask", "--config", str(config), SEED_QUESTION, cwd=tmp_path)
    assert_one_error_line(done, "run `newsbot index build` first")


def test_ask_while_the_first_build_runs_says_so(tmp_path: Path) -> None:
    from index.store import IndexPaths, WriteLock

    config = write_config(tmp_path / "config.toml", [tmp_path / "corpus"], tmp_path / "index")
    with WriteLock(IndexPaths(tmp_path / "index")):  # as `index build` holds it
        done = run_newsbot("ask", "--config", str(config), SEED_QUESTION, cwd=tmp_path)
    assert_one_error_line(done, "the first build is running (pid ")
    assert "try again when it ends" in done.stderr


def test_chat_without_an_index_says_to_build_it_first(tmp_path: Path) -> None:
    config = write_config(tmp_path / "config.toml", [tmp_path / "corpus"], tmp_path / "index")
    done = run_newsbot("chat", "--config", str(config), cwd=tmp_path, stdin="hello\n")
    assert_one_error_line(done, "run `newsbot index build` first")


def test_an_index_folder_that_is_a_file_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / SEED.name).write_text(SEED.read_text(encoding="utf-8"))
    taken = tmp_path / "notes.txt"
    taken.write_text("not a folder")
    config = write_config(tmp_path / "config.toml", [tmp_path / "corpus"], taken)
    done = run_newsbot("index", "build", "--config", str(config), cwd=tmp_path)
    assert_one_error_line(done, str(taken), "index.dir names a file, not a folder")


def test_an_index_folder_that_cannot_be_created_names_its_key(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / SEED.name).write_text(SEED.read_text(encoding="utf-8"))
    (tmp_path / "notes.txt").write_text("not a folder")
    config = write_config(tmp_path / "config.toml", [tmp_path / "corpus"],
                          tmp_path / "notes.txt" / "index")
    done = run_newsbot("index", "build", "--config", str(config), cwd=tmp_path)
    assert_one_error_line(done, "cannot create the index folder", "(config key index.dir)",
                          "Not a directory")


def test_missing_config_file_is_one_error_line(tmp_path: Path) -> None:
    done = run_newsbot("ask", "--config", str(tmp_path / "nope.toml"), SEED_QUESTION,
                       cwd=tmp_path)
    assert_one_error_line(done, "config file not found", "nope.toml")


def test_missing_config_file_from_environment_is_one_error_line(tmp_path: Path) -> None:
    done = run_newsbot("index", "status", cwd=tmp_path,
                       NEWSBOT_CONFIG=str(tmp_path / "nope.toml"))
    assert_one_error_line(done, "nope.toml")


def test_config_error_is_one_line_naming_the_key(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[answer]\nk = "five"\n', encoding="utf-8")
    done = run_newsbot("ask", "--config", str(config), SEED_QUESTION, cwd=tmp_path)
    assert_one_error_line(done, "answer.k")


def test_index_of_another_model_is_one_error_line_asking_to_rebuild(
    base_index: BuiltIndex, tmp_path: Path
) -> None:
    # a folder: offline, a hub id the hub cache lacks is refused before the index is read
    (tmp_path / "paraphrase-multilingual-MiniLM-L12-v2").mkdir()
    config = write_config(tmp_path / "config.toml", [base_index.corpus], base_index.index_dir,
                          embed={"model": "paraphrase-multilingual-MiniLM-L12-v2"})
    done = run_newsbot("ask", "--config", str(config), SEED_QUESTION, cwd=tmp_path)
    line = assert_one_error_line(done, "paraphrase-multilingual-MiniLM-L12-v2",
                                 "newsbot index build")
    assert "rebuild" in line


@pytest.mark.parametrize("command", [["chat", "--json"], ["index", "status"]])
def test_other_commands_on_another_models_index_fail_in_one_line(
    base_index: BuiltIndex, tmp_path: Path, command: list[str]
) -> None:
    # a folder: offline, a hub id the hub cache lacks is refused before the index is read
    (tmp_path / "paraphrase-multilingual-MiniLM-L12-v2").mkdir()
    config = write_config(tmp_path / "config.toml", [base_index.corpus], base_index.index_dir,
                          embed={"model": "paraphrase-multilingual-MiniLM-L12-v2"})
    done = run_newsbot(*command, "--config", str(config), cwd=tmp_path, stdin="hi\n")
    assert_one_error_line(done, "newsbot index build")


def test_index_build_prints_a_one_line_summary(private_index: BuiltIndex) -> None:
    done = run_newsbot("index", "build", "--quiet", "--config", str(private_index.config),
                       cwd=private_index.root)
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    assert re.match(r"indexed 11 articles, \d+ chunks .*embedded 0 chunks now, reused \d+; "
                    r"skipped 0 files; [\d.]+ s$", line), line


def test_index_update_with_nothing_new_says_up_to_date(private_index: BuiltIndex) -> None:
    done = run_newsbot("index", "update", "--quiet", "--config", str(private_index.config),
                       cwd=private_index.root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("index is up to date: 11 articles")


def test_the_chat_history_is_the_users_own_and_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It was written beside the index: on a newsroom's shared index, one file held every
    user's questions."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = history_path()
    assert path == tmp_path / "state" / "newsbot" / "chat_history"
    save = readline_history()
    if save is None:
        pytest.skip("no readline here")
    save()
    assert path.is_file() and path.stat().st_mode & 0o077 == 0
