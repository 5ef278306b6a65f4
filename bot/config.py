"""One typed configuration object, loaded from TOML (+ env for secrets) and passed down.

Lookup order: ``--config``, else ``$NEWSBOT_CONFIG``, else ``./config.toml``, else built-in
defaults. Relative paths resolve against the folder of the config file (or the current folder
when no file is used), so a config can be moved together with its corpus.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

from index.defaults import (
    APPROX_ABOVE,
    BATCH_SIZE,
    CHUNK_TOKENS,
    HNSW_EF_SEARCH,
    HNSW_M,
    IVF_NPROBE,
    KEEP_GENERATIONS,
)
from index.model_path import anchored, missing_model_folder, unloadable_hub_id
from index.urls import valid_url

DEFAULT_MODEL = "all-MiniLM-L6-v2"


class ConfigError(Exception):
    """A user mistake in the configuration; the message is one line meant for the user."""


@dataclass
class CorpusConfig:
    paths: list[str] = field(default_factory=lambda: ["seeds"])
    # RSS/Atom feeds fetched by every index build and update (index/feeds.py), their items
    # kept in feeds_dir, one JSONL file per feed, old items included.
    feeds: list[str] = field(default_factory=list)
    feeds_dir: str = "feeds"


@dataclass
class IndexConfig:
    dir: str = "index-data"
    # "auto" picks exact search for small collections and approximate above `approx_above`.
    vector_index: str = "auto"
    approx_above: int = APPROX_ABOVE
    ivf_nprobe: int = IVF_NPROBE  # IVF cells searched per question; 0 = as stored in the index
    hnsw_m: int = HNSW_M
    hnsw_ef_search: int = HNSW_EF_SEARCH
    chunk_tokens: int = CHUNK_TOKENS
    keep_generations: int = KEEP_GENERATIONS


@dataclass
class EmbedConfig:
    model: str = DEFAULT_MODEL
    batch_size: int = BATCH_SIZE
    # "auto": encode questions with the light NumPy encoder when the model allows it (no torch
    # import, so a one-shot `newsbot ask` starts fast); "torch": always sentence-transformers.
    query_encoder: str = "auto"


@dataclass
class SearchConfig:
    candidates: int = 40
    rrf_k: int = 60
    per_article: int = 1
    dense_weight: float = 1.0
    keyword_weight: float = 1.0


@dataclass
class AnswerConfig:
    k: int = 5
    max_sentences: int = 3
    # Abstain when the confidence of the best answer sentence is below this. Calibrated on the
    # labelled questions by `newsbot eval --calibrate`; see README.
    min_confidence: float = 0.54


@dataclass
class TelegramConfig:
    token: str = ""
    api_base_url: str = ""
    admins: list[int] = field(default_factory=list)
    allowed_chats: list[int] = field(default_factory=list)
    allowed_users: list[int] = field(default_factory=list)
    rate_limit_per_minute: int = 10
    max_question_chars: int = 1000
    webhook_url: str = ""
    listen: str = "127.0.0.1"
    port: int = 8443
    secret_token: str = ""


@dataclass
class Config:
    corpus: CorpusConfig = field(default_factory=CorpusConfig)
    index: IndexConfig = field(default_factory=IndexConfig)
    embed: EmbedConfig = field(default_factory=EmbedConfig)
    search: SearchConfig = field(default_factory=SearchConfig)
    answer: AnswerConfig = field(default_factory=AnswerConfig)
    telegram: TelegramConfig = field(default_factory=TelegramConfig)
    base_dir: Path = field(default_factory=Path.cwd)
    source: Path | None = None  # the file it was loaded from, if any

    def resolve(self, path: str) -> Path:
        """A path from the config, made absolute against the config file's folder."""
        p = Path(path).expanduser()
        return p if p.is_absolute() else (self.base_dir / p)

    @property
    def corpus_paths(self) -> list[Path]:
        return [self.resolve(p) for p in self.corpus.paths]

    @property
    def feeds_dir(self) -> Path:
        return self.resolve(self.corpus.feeds_dir)

    @property
    def model_path(self) -> str:
        """Where the embedding model loads from: `embed.model` with a relative folder taken
        from the config's folder, like every path of the config. `embed.model` itself, as
        written, names the model in the index and the embedding cache, so that a project
        moved or copied elsewhere keeps both."""
        return anchored(self.embed.model, self.base_dir)

    @property
    def index_dir(self) -> Path:
        return self.resolve(self.index.dir)


def _check_type(key: str, value: object, hint: object) -> object:
    origin = typing.get_origin(hint)
    if origin is list:
        (item,) = typing.get_args(hint)
        if not isinstance(value, list):
            raise ConfigError(f"config key {key} must be a list, got {type(value).__name__}")
        return [_check_type(f"{key}[{i}]", v, item) for i, v in enumerate(value)]
    if origin in (types.UnionType, typing.Union):
        raise AssertionError("unions are not used in config sections")
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint is float and isinstance(value, float) and not math.isfinite(value):
        # TOML has nan and inf; no setting means them, and one in a weight made every answer
        # abstain and `--json` print NaN, which is not JSON.
        raise ConfigError(f"config key {key} must be a finite number, got {value}")
    if hint is int and isinstance(value, bool):
        raise ConfigError(f"config key {key} must be an integer, got a boolean")
    if not isinstance(value, hint):  # type: ignore[arg-type]
        raise ConfigError(
            f"config key {key} must be {hint.__name__}, got {type(value).__name__}"  # type: ignore[union-attr]
        )
    return value


def _section(name: str, cls: type, data: object) -> object:
    if not isinstance(data, dict):
        raise ConfigError(f"config section [{name}] must be a table")
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    kwargs = {}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"unknown config key {name}.{key}")
        kwargs[key] = _check_type(f"{name}.{key}", value, hints[key])
    return cls(**kwargs)


SECTIONS = {
    "corpus": CorpusConfig,
    "index": IndexConfig,
    "embed": EmbedConfig,
    "search": SearchConfig,
    "answer": AnswerConfig,
    "telegram": TelegramConfig,
}


def parse_config(data: dict, base_dir: Path, source: Path | None = None) -> Config:
    sections = {}
    for name, value in data.items():
        if name not in SECTIONS:
            if not isinstance(value, dict):  # "k = 3" above every [section]
                raise ConfigError(f"config key {name} is outside any [section]")
            raise ConfigError(f"unknown config section [{name}]")
        sections[name] = _section(name, SECTIONS[name], value)
    cfg = Config(**sections, base_dir=base_dir, source=source)  # type: ignore[arg-type]
    token = os.environ.get("NEWSBOT_TELEGRAM_TOKEN")
    if token:
        cfg.telegram.token = token
    # A token pasted with a newline would break the API URLs (and their redaction in logs).
    cfg.telegram.token = cfg.telegram.token.strip()
    _validate(cfg)
    return cfg


def _validate(cfg: Config) -> None:
    """Values that type-check but cannot work, caught before they fail deep in a build."""
    # An empty path resolves to the config's own folder: `dir = ""` wrote the index there.
    paths = {"index.dir": cfg.index.dir, "embed.model": cfg.embed.model,
             "corpus.feeds_dir": cfg.corpus.feeds_dir}
    paths.update({f"corpus.paths[{i}]": p for i, p in enumerate(cfg.corpus.paths)})
    for key, value in paths.items():
        if not value.strip():
            raise ConfigError(f"config key {key} is empty")
    for key, folder in {"index.dir": cfg.index_dir, "corpus.feeds_dir": cfg.feeds_dir}.items():
        if folder.exists() and not folder.is_dir():  # (was "error: /etc/passwd: File exists")
            raise ConfigError(f"config key {key} names a file, not a folder: {folder}")
    for i, url in enumerate(cfg.corpus.feeds):
        if not re.fullmatch(r"\S+", url) or not valid_url(url):
            raise ConfigError(f"config key corpus.feeds[{i}] must be an http(s) URL")
    unloadable = missing_model_folder(cfg.model_path) or unloadable_hub_id(cfg.model_path)
    if unloadable:
        raise ConfigError(f"{unloadable} (config key embed.model)")
    choices = {
        "index.vector_index": (cfg.index.vector_index, ("auto", "flat", "ivf", "hnsw")),
        "embed.query_encoder": (cfg.embed.query_encoder, ("auto", "numpy", "torch")),
    }
    for key, (value, allowed) in choices.items():
        if value not in allowed:
            raise ConfigError(
                f"config key {key} must be one of {', '.join(allowed)}, not {value!r}"
            )
    at_least_one = {
        "index.keep_generations": cfg.index.keep_generations,
        "index.approx_above": cfg.index.approx_above,
        "index.hnsw_m": cfg.index.hnsw_m,
        "embed.batch_size": cfg.embed.batch_size,
        "search.candidates": cfg.search.candidates,
        "search.per_article": cfg.search.per_article,
        "search.rrf_k": cfg.search.rrf_k,
        "answer.k": cfg.answer.k,
        "answer.max_sentences": cfg.answer.max_sentences,
        "telegram.max_question_chars": cfg.telegram.max_question_chars,
    }
    weights = {"search.dense_weight": cfg.search.dense_weight,
               "search.keyword_weight": cfg.search.keyword_weight}
    at_least_zero = {
        "index.ivf_nprobe": cfg.index.ivf_nprobe,
        "index.hnsw_ef_search": cfg.index.hnsw_ef_search,
        "telegram.rate_limit_per_minute": cfg.telegram.rate_limit_per_minute,
        **weights,
    }
    for least, said, values in ((1, "at least 1", at_least_one), (0, "≥ 0", at_least_zero)):
        for key, value in values.items():
            if value < least:
                raise ConfigError(f"config key {key} must be {said}, got {value}")
    if not 32 <= cfg.index.chunk_tokens <= 512:
        raise ConfigError("config key index.chunk_tokens must be between 32 and 512")
    if not any(weights.values()):
        raise ConfigError(
            "config keys search.dense_weight and search.keyword_weight cannot both be 0"
        )
    if not 0 <= cfg.answer.min_confidence <= 1:
        raise ConfigError("config key answer.min_confidence must be between 0 and 1")
    if not 0 < cfg.telegram.port < 65536:
        raise ConfigError("config key telegram.port must be a TCP port (1-65535)")


def load_config(path: str | Path | None = None) -> Config:
    """Load the config from the first place that has one (see module docstring)."""
    explicit = path or os.environ.get("NEWSBOT_CONFIG")
    if explicit:
        file = Path(explicit).expanduser()
        if file.is_dir():
            raise ConfigError(f"the config file {file} is a folder")
        if not file.is_file():
            raise ConfigError(f"config file not found: {file}")
    else:
        file = Path("config.toml")
        if not file.is_file():
            return parse_config({}, Path.cwd())
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {file}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML in {file}: {exc}") from None
    return parse_config(data, file.resolve().parent, file.resolve())
