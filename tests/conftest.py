"""Shared pytest fixtures. Add new fixtures above the Telegram block at the bottom."""

from __future__ import annotations

# =============================================================================================
# Index and answer-engine fixtures (tests/test_index.py, test_answer.py, test_cli.py,
# test_update.py, test_store.py, test_chunk.py). Real model, real FAISS, real SQLite.
#
# The model is paid for once: `base_index` embeds a small corpus (the seed and one article of
# every format). Every other index in the suite copies its embedding cache
# (<index dir>/embeddings.sqlite) before building, so it embeds nothing it has seen before and
# never even loads the model.
# =============================================================================================
# Names imported one by one: the Telegram block below imports json, os, shutil and subprocess
# itself, and ruff flags a module imported twice.
import re
import sqlite3
import sys
from collections.abc import Generator
from dataclasses import dataclass
from json import dumps, loads
from os import environ
from pathlib import Path
from shutil import copyfile
from subprocess import CompletedProcess
from subprocess import run as run_process

import numpy as np
import pytest
from bot_process import NewsbotProcess, newsbot_command

from bot.answer import Answer, AnswerEngine
from bot.config import Config, load_config
from bot.rank import Candidate
from index.build import BuildOptions, BuildStats, run_build
from index.ingest import read_file
from index.search import Passage

REPO = Path(__file__).resolve().parent.parent
WIKINEWS = REPO / "tests" / "data" / "wikinews" / "articles"
SEED = REPO / "seeds" / "000_effe3a61713578e3.txt"
SEED_QUESTION = "did Mexico accept troops?"
OFF_TOPIC = "How do I bake sourdough bread?"
ABSTAIN_TEXT = "I couldn't find this in the articles."
# The seed's ALSO READ block: other stories' headlines, never to be indexed or shown.
SEED_ALSO_READ = (
    "Pegasus row",
    "Ukrainian Resolve",
    "India Stands Firm",
    "Peace Talks Interrupted",
    "Any threat to Pak's sovereignty",
)
# ... and those of 009_e0ed601e5cb3449c.txt (none of these stories is in the corpus).
NZ_ALSO_READ = (
    "Violence in East Timor causes United Nations evacuation",
    "President Gusmão takes emergency powers",
    "Iran continues enrichment in defiance of UN",
)
JSONL_IDS = ("wn-71afdaae1b", "wn-d046b8a3fa")  # Forbes conference; Lech Wałęsa
JSON_ID = "wn-ec7f0ae25c"  # World Bank president in Kigali
FEED_GUIDS = ("wn-feed-f7d0bec401", "wn-feed-c0fee64f53")  # Guantánamo report; Chinese tourists


def _jsonl_records(ids: tuple[str, ...]) -> list[dict]:
    records = [loads(line) for line in
               (WIKINEWS / "wikinews_import.jsonl").read_text(encoding="utf-8").splitlines()
               if line.strip()]
    by_id = {r["id"]: r for r in records}
    return [by_id[i] for i in ids]


def _small_feed(guids: tuple[str, ...]) -> str:
    """The real feed.xml with only the given items (it holds ten; each costs embeddings)."""
    text = (WIKINEWS / "feed.xml").read_text(encoding="utf-8")
    first, last = text.index("<item>"), text.rindex("</item>") + len("</item>")
    items = re.findall(r"<item>.*?</item>", text[first:last], re.S)
    keep = [i for i in items if any(f">{g}</guid>" in i for g in guids)]
    assert len(keep) == len(guids)
    return text[:first] + "\n    ".join(keep) + text[last:]


def _plain_txt(source: Path) -> str:
    """A plain .txt (title on the first line, no date) made from a seed-format article."""
    header, *body = source.read_text(encoding="utf-8").splitlines()
    title = re.sub(r"^\s*date\s+\S+\s+", "", header)
    return "\n".join([title, "", *body]) + "\n"


# file name in the base corpus -> where it comes from (None: written by the function above)
BASE_FILES = {
    "000_effe3a61713578e3.txt": SEED,  # the seed format, with an ALSO READ block
    "131_dd2f3b5934779dc5.txt": WIKINEWS / "131_dd2f3b5934779dc5.txt",  # Betancourt rescue
    "009_e0ed601e5cb3449c.txt": WIKINEWS / "009_e0ed601e5cb3449c.txt",  # NZ police; ALSO READ
    "071_5c4cb556d2a746c8.md": WIKINEWS / "071_5c4cb556d2a746c8.md",  # Romanian journalists
    "109_7d3d68733b599f31.html": WIKINEWS / "109_7d3d68733b599f31.html",  # IMF loan to Georgia
    "plain_al_libbi.txt": None,  # plain .txt: Pakistan captures Abu Faraj al-Libbi
    "kigali.json": None,  # one JSON object
    "imports.jsonl": None,  # two JSONL records
    "feed.xml": None,  # RSS with two items
}


def write_base_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in BASE_FILES.items():
        if source is not None:
            copyfile(source, folder / name)  # copyfile: the originals are read-only
    (folder / "plain_al_libbi.txt").write_text(
        _plain_txt(WIKINEWS / "164_40bd33069157a5be.txt"), encoding="utf-8")
    (folder / "kigali.json").write_text(
        dumps(_jsonl_records((JSON_ID,))[0], ensure_ascii=False, indent=2), encoding="utf-8")
    (folder / "imports.jsonl").write_text(
        "".join(dumps(r, ensure_ascii=False) + "\n" for r in _jsonl_records(JSONL_IDS)),
        encoding="utf-8")
    (folder / "feed.xml").write_text(_small_feed(FEED_GUIDS), encoding="utf-8")
    return folder


def write_config(path: Path, corpus: list[Path], index_dir: Path, **sections: dict) -> Path:
    """A config.toml with absolute corpus and index paths, plus any extra [section] keys."""
    lines = ["[corpus]", f"paths = {dumps([str(p) for p in corpus])}",
             "[index]", f"dir = {dumps(str(index_dir))}"]
    index_extra = sections.pop("index", {})
    lines += [f"{k} = {dumps(v)}" for k, v in index_extra.items()]
    for name, values in sections.items():
        lines.append(f"[{name}]")
        lines += [f"{k} = {dumps(v)}" for k, v in values.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def copy_embedding_cache(src_index: Path, dst_index: Path) -> None:
    """Seed a new index dir with everything already embedded (SQLite's backup API, so a WAL
    that was never checkpointed comes along too)."""
    dst_index.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(src_index / "embeddings.sqlite")
    dst = sqlite3.connect(dst_index / "embeddings.sqlite")
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


@dataclass
class BuiltIndex:
    """A corpus folder, its index and a config file pointing at both."""

    root: Path
    corpus: Path
    index_dir: Path
    config: Path
    stats: BuildStats

    def cfg(self) -> Config:
        return load_config(self.config)

    def options(self) -> BuildOptions:
        cfg = self.cfg()
        return BuildOptions(corpus=cfg.corpus_paths, index_dir=cfg.index_dir,
                            model=cfg.embed.model, chunk_tokens=cfg.index.chunk_tokens,
                            progress=False)

    def build(self, full: bool = False) -> BuildStats:
        """`index build` (full) or `index update`, in this process; warnings must not occur."""
        warnings: list[str] = []
        stats = run_build(self.options(), full=full, warn=warnings.append)
        assert not warnings, warnings
        return stats

    def db(self) -> sqlite3.Connection:
        """The current generation's database, read-only."""
        current = (self.index_dir / "current").resolve()
        return sqlite3.connect(f"file:{current / 'meta.sqlite'}?mode=ro", uri=True)

    def article_id(self, file_name: str) -> str:
        with self.db() as db:
            (aid,) = db.execute("SELECT id FROM articles WHERE path = ?",
                                (str(self.corpus / file_name),)).fetchone()
        return aid

    def open_engine(self) -> AnswerEngine:
        return AnswerEngine.open(self.cfg())


@pytest.fixture(scope="session")
def base_index(tmp_path_factory: pytest.TempPathFactory) -> BuiltIndex:
    """The base corpus embedded with the real model: the only build of the suite that pays
    for the model on every chunk (~40 chunks)."""
    root = tmp_path_factory.mktemp("base")
    corpus = write_base_corpus(root / "corpus")
    index_dir = root / "index"
    config = write_config(root / "config.toml", [corpus], index_dir)
    index = BuiltIndex(root, corpus, index_dir, config, BuildStats())
    index.stats = index.build(full=True)
    assert index.stats.skipped == []
    return index


@pytest.fixture(scope="session")
def engine(base_index: BuiltIndex) -> Generator[AnswerEngine, None, None]:
    """The answer engine over the base index, opened once."""
    eng = base_index.open_engine()
    yield eng
    eng.index.close()


def index_of(corpus: Path, root: Path, base: BuiltIndex) -> BuiltIndex:
    """The articles of `corpus` indexed with the base index's embedding cache: only what the
    base corpus lacks is embedded."""
    copy_embedding_cache(base.index_dir, root / "index")
    config = write_config(root / "config.toml", [corpus], root / "index")
    index = BuiltIndex(root, corpus, root / "index", config, BuildStats())
    index.stats = index.build(full=True)
    return index


def engine_over(root: Path, articles: dict[str, str], base: BuiltIndex) -> AnswerEngine:
    """An engine over these articles (file name → text), written to `root` and indexed with
    the base index's embedding cache; close its index when done."""
    (root / "corpus").mkdir()
    for name, text in articles.items():
        (root / "corpus" / name).write_text(text, encoding="utf-8")
    return index_of(root / "corpus", root, base).open_engine()


def engine_fixture(articles: dict[str, str]):  # noqa: ANN201 - a pytest fixture
    """A module-scoped fixture: an engine over these articles (`engine_over`), built once for
    the module that names it (`my_engine = engine_fixture(REPORTS)`) and closed after it."""

    @pytest.fixture(scope="module")
    def fixture(
        tmp_path_factory: pytest.TempPathFactory, base_index: BuiltIndex
    ) -> Generator[AnswerEngine, None, None]:
        engine = engine_over(tmp_path_factory.mktemp("reports"), articles, base_index)
        yield engine
        engine.index.close()

    return fixture


def files_fixture(files: list[Path]):  # noqa: ANN201 - a pytest fixture
    """A module-scoped fixture: an engine over copies of these article files (real reports of
    the bundled corpus), indexed with the base index's embedding cache, closed after the module
    (`reports = files_fixture([WIKINEWS / "087_….txt", …])`)."""

    @pytest.fixture(scope="module")
    def fixture(
        tmp_path_factory: pytest.TempPathFactory, base_index: BuiltIndex
    ) -> Generator[AnswerEngine, None, None]:
        root = tmp_path_factory.mktemp("reports")
        engine = index_of(copy_articles(files, root / "corpus"), root, base_index).open_engine()
        yield engine
        engine.index.close()

    return fixture


def clone_index(base: BuiltIndex, root: Path) -> BuiltIndex:
    """A private, writable copy of the base corpus and its index: it embeds nothing and never
    loads the model."""
    index = index_of(write_base_corpus(root / "corpus"), root, base)
    assert index.stats.embedded == 0
    return index


def copy_articles(files: list[Path], folder: Path) -> Path:
    folder.mkdir(parents=True)
    for f in files:
        copyfile(f, folder / f.name)
    return folder


@pytest.fixture
def private_index(base_index: BuiltIndex, tmp_path: Path) -> BuiltIndex:
    """A copy of the base index that a test may change (corpus files, updates, builds)."""
    return clone_index(base_index, tmp_path)


def passage_of(article_id: str, sentences: list[str]) -> Passage:
    """A passage of these sentences, with no vectors: for the sentence-level rules (quote
    picking, the yes/no judge), which read text and scores only."""
    text, spans = "", []
    for s in sentences:
        start = len(text)
        text += s + " "
        spans.append((start, start + len(s)))
    return Passage(0, article_id, "Gangs stopped", None, "test", None, "t.txt", None, text,
                   spans, np.zeros((len(spans), 4), dtype=np.float32))


def candidates_of(p: Passage, scores: list[float]) -> list[Candidate]:
    """The passage's sentences as candidates with these scores, best first."""
    out = [Candidate(p, i, s, e, score, 0.0, 0.0) for i, ((s, e), score)
           in enumerate(zip(p.sentences, scores, strict=True))]
    return sorted(out, key=lambda c: c.score, reverse=True)


def assert_quotes_verbatim(engine: AnswerEngine, answer: Answer | dict) -> None:
    """Every citation quotes its article verbatim: in the index and in the file re-read now.
    Called for every answer the suite produces (Answer objects and `--json` dicts alike)."""
    data = answer if isinstance(answer, dict) else answer.to_dict()
    if data["abstained"]:
        assert data["citations"] == []
        return
    assert data["citations"], "an answer that does not abstain must cite something"
    for c in data["citations"]:
        quote = c["quote"]
        assert quote and quote == quote.strip(), c
        assert f"{quote} [{c['n']}]" in data["answer"], (quote, data["answer"])
        row = engine.index.db.execute(
            "SELECT text, path, title, date FROM articles WHERE id = ?", (c["article_id"],)
        ).fetchone()
        assert row is not None, f"[{c['n']}] cites {c['article_id']}, which is not indexed"
        text, path, title, date = row
        assert quote in text, f"[{c['n']}] quote is not in its article: {quote!r}"
        assert (c["title"], c["date"]) == (title, date)
        reread = [a for a in read_file(Path(path)) if a.id == c["article_id"]]
        assert len(reread) == 1 and quote in reread[0].text, (path, quote)


def newsbot_env(**extra: str) -> dict[str, str]:
    env = dict(environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    for key in ("NEWSBOT_CONFIG", "NEWSBOT_TELEGRAM_TOKEN"):
        env.pop(key, None)
    env.update(extra)
    return env


NEWSBOT = str(Path(sys.executable).parent / "newsbot")


def run_newsbot(*args: str, cwd: Path, stdin: str | None = None, timeout: float = 300,
                **env: str) -> CompletedProcess[str]:
    """The console script as a user runs it, from `cwd` (so no stray ./config.toml counts)."""
    return run_process([NEWSBOT, *args], cwd=cwd, input=stdin, capture_output=True,
                          text=True, timeout=timeout, env=newsbot_env(**env))


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


# =============================================================================================
# Telegram bot fixtures (used by tests/test_telegram_*.py). Keep this block at the bottom.
# A small real index is built once per session (real model, no mocks) and `newsbot telegram`
# runs as a real subprocess against tests/fake_telegram.py.
# =============================================================================================
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

TELEGRAM_REPO = Path(__file__).resolve().parent.parent
TELEGRAM_ARTICLES = [
    TELEGRAM_REPO / "seeds" / "000_effe3a61713578e3.txt",  # Trump's troops offer, Sheinbaum
    *(TELEGRAM_REPO / "tests" / "data" / "wikinews" / "articles" / name for name in (
        "000_a0cce246f05f8671.txt", "003_483430b9db2f5288.txt",
        "005_66658037802c4bf3.md",  # has a source URL, so its citation is a link
        "007_900d1d49fee44774.md")),
]


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)  # strings, ints and lists of them are valid TOML this way


@dataclass
class TelegramIndex:
    """A corpus folder and its built index; `config` writes a config.toml pointing at both."""

    root: Path
    corpus: Path
    index_dir: Path

    def config(self, path: Path, **telegram: object) -> Path:
        lines = ["[corpus]", f"paths = {_toml_value([str(self.corpus)])}", "[index]",
                 f"dir = {_toml_value(str(self.index_dir))}", "[telegram]"]
        lines += [f"{key} = {_toml_value(value)}" for key, value in telegram.items()]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path


@pytest.fixture(scope="session")
def telegram_index(tmp_path_factory: pytest.TempPathFactory) -> TelegramIndex:
    """Five articles embedded with the real model, once per session (~20 s)."""
    root = tmp_path_factory.mktemp("telegram")
    corpus = root / "corpus"
    corpus.mkdir()
    for article in TELEGRAM_ARTICLES:
        shutil.copyfile(article, corpus / article.name)  # copyfile: the originals are read-only
    index = TelegramIndex(root, corpus, root / "index")
    config = index.config(root / "build.toml")
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    done = subprocess.run([newsbot_command(), "index", "build", "--quiet", "--config",
                           str(config)], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return index


@pytest.fixture(scope="session")
def start_newsbot(tmp_path_factory: pytest.TempPathFactory
                  ) -> Iterator[Callable[..., NewsbotProcess]]:
    """A starter for bot subprocesses: `start_newsbot(config, token)`; all killed at the end."""
    started: list[NewsbotProcess] = []

    def start(config: Path, token: str | None) -> NewsbotProcess:
        log = tmp_path_factory.mktemp("newsbot-log") / "output.txt"
        started.append(NewsbotProcess(config, token, log))
        return started[-1]

    yield start
    for process in started:
        process.kill()
