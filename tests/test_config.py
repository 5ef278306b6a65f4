"""Configuration: one typed object from TOML; `--config`, then $NEWSBOT_CONFIG, then
./config.toml, then defaults; paths relative to the config file; clear errors naming the key."""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from pathlib import Path

import pytest
from conftest import REPO, run_newsbot

from bot.config import SECTIONS, Config, ConfigError, load_config
from index.build import BuildOptions, run_build
from index.store import IndexError_

EXAMPLE = REPO / "config.example.toml"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No config from the developer's shell, and a working folder without a config.toml."""
    monkeypatch.delenv("NEWSBOT_CONFIG", raising=False)
    monkeypatch.delenv("NEWSBOT_TELEGRAM_TOKEN", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def index_dir_config(path: Path, name: str) -> Path:
    return write(path, f'[index]\ndir = "{name}"\n')


def test_defaults_without_a_config_file() -> None:
    cfg = load_config()
    assert cfg.source is None
    assert cfg.corpus.paths == ["seeds"]
    assert cfg.corpus_paths == [Path.cwd() / "seeds"]
    assert cfg.index_dir == Path.cwd() / "index-data"
    assert cfg.embed.model == "all-MiniLM-L6-v2"
    assert cfg.answer.k == 5
    assert cfg.telegram.token == ""
    assert cfg.telegram.admins == []


def test_config_option_wins_over_environment_and_local_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    index_dir_config(Path("config.toml"), "from-local")
    monkeypatch.setenv("NEWSBOT_CONFIG", str(index_dir_config(tmp_path / "env.toml", "from-env")))
    explicit = index_dir_config(tmp_path / "explicit.toml", "from-option")
    cfg = load_config(explicit)
    assert cfg.index_dir == tmp_path / "from-option"
    assert cfg.source == explicit.resolve()


def test_environment_variable_wins_over_local_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    index_dir_config(Path("config.toml"), "from-local")
    monkeypatch.setenv("NEWSBOT_CONFIG", str(index_dir_config(tmp_path / "env.toml", "from-env")))
    assert load_config().index_dir == tmp_path / "from-env"


def test_local_config_toml_is_used_when_nothing_else_is_given() -> None:
    local = index_dir_config(Path("config.toml"), "from-local")
    cfg = load_config()
    assert cfg.index_dir == Path.cwd() / "from-local"
    assert cfg.source == local.resolve()


def test_relative_paths_resolve_against_the_config_files_folder(tmp_path: Path) -> None:
    config = write(tmp_path / "deploy" / "newsbot.toml",
                   '[corpus]\npaths = ["articles", "../shared/feeds", "/abs/news"]\n'
                   '[index]\ndir = "data/index"\n')
    cfg = load_config(config)  # the working folder is elsewhere (tmp_path/work)
    folder = tmp_path / "deploy"
    assert cfg.corpus_paths == [folder / "articles", folder / "../shared/feeds",
                                Path("/abs/news")]
    assert cfg.index_dir == folder / "data/index"


def test_unknown_key_is_an_error_naming_the_key(tmp_path: Path) -> None:
    config = write(tmp_path / "c.toml", "[index]\ndirectory = \"x\"\n")
    with pytest.raises(ConfigError, match=r"index\.directory"):
        load_config(config)


def test_unknown_section_is_an_error_naming_it(tmp_path: Path) -> None:
    config = write(tmp_path / "c.toml", "[answers]\nk = 3\n")
    with pytest.raises(ConfigError, match=r"\[answers\]"):
        load_config(config)


def test_a_key_outside_every_section_is_named_as_such(tmp_path: Path) -> None:
    config = write(tmp_path / "c.toml", "k = 3\n[answer]\n")
    with pytest.raises(ConfigError, match=r"^config key k is outside any \[section\]$"):
        load_config(config)


def test_a_folder_given_as_the_config_file_is_named_as_such(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a folder"):
        load_config(tmp_path)


def test_wrong_type_is_an_error_naming_the_key(tmp_path: Path) -> None:
    config = write(tmp_path / "c.toml", '[answer]\nk = "five"\n')
    with pytest.raises(ConfigError, match=r"answer\.k .*int"):
        load_config(config)


def test_wrong_type_inside_a_list_names_the_key(tmp_path: Path) -> None:
    config = write(tmp_path / "c.toml", '[telegram]\nadmins = [42, "bob"]\n')
    with pytest.raises(ConfigError, match=r"telegram\.admins\[1\]"):
        load_config(config)


def test_boolean_is_not_accepted_as_a_number(tmp_path: Path) -> None:
    config = write(tmp_path / "c.toml", "[search]\ncandidates = true\n")
    with pytest.raises(ConfigError, match=r"search\.candidates"):
        load_config(config)


def test_integer_is_accepted_for_a_float_key(tmp_path: Path) -> None:
    config = write(tmp_path / "c.toml", "[answer]\nmin_confidence = 1\n")
    value = load_config(config).answer.min_confidence
    assert value == 1.0 and isinstance(value, float)


def test_invalid_toml_is_a_config_error_naming_the_file(tmp_path: Path) -> None:
    config = write(tmp_path / "broken.toml", "[index\ndir = \n")
    with pytest.raises(ConfigError, match="broken.toml"):
        load_config(config)


def test_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml")


def test_missing_config_file_from_environment_is_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NEWSBOT_CONFIG", str(tmp_path / "nope.toml"))
    with pytest.raises(ConfigError, match="nope.toml"):
        load_config()


def test_telegram_token_from_environment_overrides_the_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = write(tmp_path / "c.toml", '[telegram]\ntoken = "from-file"\n')
    assert load_config(config).telegram.token == "from-file"
    monkeypatch.setenv("NEWSBOT_TELEGRAM_TOKEN", "123:from-env")
    assert load_config(config).telegram.token == "123:from-env"


def test_telegram_token_from_environment_without_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_TELEGRAM_TOKEN", "123:from-env")
    assert load_config().telegram.token == "123:from-env"


def test_documented_key_groups_exist() -> None:
    """The keys the issue promises scripts can rely on."""
    cfg = Config()
    assert isinstance(cfg.corpus.paths, list)
    assert isinstance(cfg.index.dir, str)
    assert isinstance(cfg.embed.model, str)
    assert isinstance(cfg.answer.k, int)
    for key in ("token", "api_base_url", "admins", "allowed_chats", "allowed_users"):
        assert hasattr(cfg.telegram, key)


def test_config_example_parses_without_error() -> None:
    cfg = load_config(EXAMPLE)
    assert cfg.source == EXAMPLE.resolve()
    assert cfg.corpus_paths == [REPO / "seeds"]


def test_config_example_documents_every_key() -> None:
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    for name, cls in SECTIONS.items():
        assert name in data, f"[{name}] is missing from config.example.toml"
        missing = {f.name for f in dataclasses.fields(cls)} - set(data[name])
        assert not missing, f"[{name}] keys missing from config.example.toml: {sorted(missing)}"


def test_config_example_values_are_the_built_in_defaults() -> None:
    """The example says its values are the defaults; a drift would mislead every reader."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert re.search(r"values below are the built-in defaults", text)
    example, defaults = load_config(EXAMPLE), Config()
    for name in SECTIONS:
        assert getattr(example, name) == getattr(defaults, name), name


@pytest.mark.parametrize("value", ["7", "-0.1"])
def test_min_confidence_outside_zero_to_one_is_refused(tmp_path: Path, value: str) -> None:
    config = write(tmp_path / "c.toml", f"[answer]\nmin_confidence = {value}\n")
    with pytest.raises(ConfigError, match=r"answer\.min_confidence must be between 0 and 1"):
        load_config(config)


@pytest.mark.parametrize("key", ["search.dense_weight", "search.keyword_weight",
                                 "answer.min_confidence"])
@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "+nan"])
def test_a_number_that_is_not_finite_is_refused(tmp_path: Path, key: str, value: str) -> None:
    """`dense_weight = nan` made every question abstain and `ask --json` print NaN, which is
    no JSON."""
    section, name = key.split(".")
    config = write(tmp_path / "c.toml", f"[{section}]\n{name} = {value}\n")
    with pytest.raises(ConfigError, match=rf"^config key {key} must be a finite number, got "):
        load_config(config)


@pytest.mark.parametrize("key", ["dense_weight", "keyword_weight"])
def test_a_negative_search_weight_is_refused(tmp_path: Path, key: str) -> None:
    config = write(tmp_path / "c.toml", f"[search]\n{key} = -0.5\n")
    with pytest.raises(ConfigError, match=rf"^config key search\.{key} must be ≥ 0, got -0\.5$"):
        load_config(config)


@pytest.mark.parametrize(
    "key", ["index.ivf_nprobe", "index.hnsw_ef_search", "telegram.rate_limit_per_minute"]
)
def test_a_negative_count_names_its_own_key(tmp_path: Path, key: str) -> None:
    # (a trial's) "ivf_nprobe = -1" was refused naming three keys
    section, name = key.split(".")
    config = write(tmp_path / "c.toml", f"[{section}]\n{name} = -1\n")
    with pytest.raises(ConfigError, match=rf"^config key {key} must be ≥ 0, got -1$"):
        load_config(config)


def test_search_weights_cannot_both_be_zero(tmp_path: Path) -> None:
    config = write(tmp_path / "c.toml", "[search]\ndense_weight = 0\nkeyword_weight = 0.0\n")
    with pytest.raises(ConfigError, match="cannot both be 0"):
        load_config(config)
    one = write(tmp_path / "one.toml", "[search]\ndense_weight = 0\n")
    assert load_config(one).search.dense_weight == 0.0  # keyword search alone is fine


@pytest.mark.parametrize(("text", "key"), [
    ('[index]\ndir = ""\n', "index.dir"),
    ('[index]\ndir = "  "\n', "index.dir"),
    ('[corpus]\npaths = ["articles", ""]\n', r"corpus.paths\[1\]"),
    ('[embed]\nmodel = ""\n', "embed.model"),
])
def test_an_empty_path_is_refused(tmp_path: Path, text: str, key: str) -> None:
    """`dir = ""` put the index in the config's own folder (beside the articles, maybe)."""
    config = write(tmp_path / "c.toml", text)
    with pytest.raises(ConfigError, match=rf"^config key {key} is empty"):
        load_config(config)


@pytest.mark.parametrize("key", ["index.dir", "corpus.feeds_dir"])
def test_a_folder_path_naming_a_file_is_refused(tmp_path: Path, key: str) -> None:
    """`[index] dir = "/etc/passwd"` said "error: /etc/passwd: File exists" at build time."""
    (tmp_path / "afile").write_text("x")
    section, name = key.split(".")
    config = write(tmp_path / "c.toml", f'[{section}]\n{name} = "afile"\n')
    with pytest.raises(ConfigError, match=rf"^config key {key} names a file, not a folder: "):
        load_config(config)


@pytest.mark.parametrize("model", ["/nonexistent", "./models/mine", "../mine", "~/no-such-model",
                                   "models/mine/v2"])
def test_a_model_folder_that_does_not_exist_is_one_line_naming_it(
    tmp_path: Path, model: str
) -> None:
    """The loader said "Repo id must use alphanumeric chars…" plus a stray line, and only
    after the build had read the whole corpus."""
    config = write(tmp_path / "c.toml", f'[embed]\nmodel = "{model}"\n')
    folder = Path(model).expanduser()
    folder = folder if folder.is_absolute() else tmp_path / folder  # the config's folder
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    assert str(caught.value) == (
        f"the embedding model folder {os.path.normpath(folder)} does not exist"
        " (config key embed.model)")


def test_a_model_setting_that_is_a_hub_name_or_an_existing_folder_is_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")  # online, any well-formed hub id may be fetched
    folder = tmp_path / "my-model"
    folder.mkdir()
    for model in ("all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2",
                  "BAAI/bge-small-en-v1.5", str(folder)):
        config = write(tmp_path / "c.toml", f'[embed]\nmodel = "{model}"\n')
        assert load_config(config).embed.model == model
    (tmp_path / "a-file").write_text("x")
    config = write(tmp_path / "c.toml", f'[embed]\nmodel = "{tmp_path / "a-file"}"\n')
    with pytest.raises(ConfigError, match="a-file is not a folder"):
        load_config(config)


def test_a_relative_model_folder_is_taken_from_the_config_folder_like_every_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`model = "./models/mine"` meant another folder, or none, from another working folder."""
    (tmp_path / "models" / "mine").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    for model in ("./models/mine", "models/mine"):
        config = write(tmp_path / "c.toml", f'[embed]\nmodel = "{model}"\n')
        cfg = load_config(config)
        assert cfg.model_path == str(tmp_path / "models" / "mine")
        assert cfg.embed.model == model  # as written: the index and the cache name it so


@pytest.mark.parametrize("model", ["my model", "-dash/first", "name?", "bert:base"])
def test_a_model_name_that_is_no_folder_and_no_hub_id_is_refused_at_once(
    tmp_path: Path, model: str
) -> None:
    config = write(tmp_path / "c.toml", f'[embed]\nmodel = "{model}"\n')
    with pytest.raises(ConfigError, match="neither a folder nor a Hugging Face model id"):
        load_config(config)


def test_offline_a_hub_id_missing_from_the_hub_cache_is_refused_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Offline (newsbot's default) the build read the whole corpus, then failed to load it."""
    cache = tmp_path / "hub"
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    config = write(tmp_path / "c.toml", '[embed]\nmodel = "BAAI/bge-small-en-v1.5"\n')
    with pytest.raises(ConfigError, match=r"^the embedding model 'BAAI/bge-small-en-v1.5' is "
                       r"not a folder and is not in the Hugging Face cache \(HF_HUB_OFFLINE"):
        load_config(config)
    # A copy under HF_HOME does not count while HF_HUB_CACHE names another: the hub reads one.
    monkeypatch.setenv("HF_HOME", str(tmp_path / "home"))
    (tmp_path / "home" / "hub" / "models--BAAI--bge-small-en-v1.5" / "snapshots" / "abc"
     ).mkdir(parents=True)
    with pytest.raises(ConfigError, match="not in the Hugging Face cache"):
        load_config(config)
    (cache / "models--BAAI--bge-small-en-v1.5" / "snapshots" / "abc123").mkdir(parents=True)
    assert load_config(config).embed.model == "BAAI/bge-small-en-v1.5"
    # The packaged default never needs the cache.
    config = write(tmp_path / "c.toml", '[embed]\nmodel = "all-MiniLM-L6-v2"\n')
    assert load_config(config).embed.model == "all-MiniLM-L6-v2"


def test_chunks_longer_than_the_model_reads_are_said_to_be_capped(tmp_path: Path) -> None:
    # (a trial's) chunk_tokens = 512 was taken silently: the model reads 256 word-pieces, two
    # of them its markers, so chunks are capped at 254
    said: list[str] = []
    options = BuildOptions(corpus=[tmp_path / "no-corpus"], index_dir=tmp_path / "index",
                           model="all-MiniLM-L6-v2", chunk_tokens=255, progress=False)
    with pytest.raises(IndexError_):  # no corpus: stops after the note
        run_build(options, full=True, warn=said.append)
    assert said[0] == ("note: index.chunk_tokens is 255, more than the model reads: chunks are "
                       "capped at 254 word-pieces")
    said.clear()
    options.chunk_tokens = 254
    with pytest.raises(IndexError_):
        run_build(options, full=True, warn=said.append)
    assert said == []


def test_a_missing_model_folder_stops_a_build_before_it_reads_the_corpus(tmp_path: Path) -> None:
    options = BuildOptions(corpus=[tmp_path / "no-corpus-either"], index_dir=tmp_path / "index",
                           model="/nonexistent", progress=False)
    with pytest.raises(IndexError_, match="^the embedding model folder /nonexistent does not"):
        run_build(options, full=True, warn=pytest.fail)
    done = run_newsbot("index", "build", "--config", str(
        write(tmp_path / "config.toml", '[embed]\nmodel = "/nonexistent"\n')), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == ("newsbot: error: the embedding model folder /nonexistent does not "
                           "exist (config key embed.model)\n")
