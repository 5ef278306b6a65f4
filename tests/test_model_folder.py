"""A model kept in a folder beside the config: named relative to the config's folder, found
from any working folder, and the index and embedding cache built with it still serve a copy of
the project moved elsewhere."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SEED, SEED_QUESTION, run_newsbot

from index.model_path import packaged_model_dir

CONFIG = """[corpus]
paths = ["articles"]
[index]
dir = "index"
[embed]
model = "./models/mine"
"""


def test_a_relative_model_folder_serves_from_anywhere_and_after_a_move(tmp_path: Path) -> None:
    """The path was taken from the working folder (a build run elsewhere failed); taking it
    from the config's folder but naming the model by its absolute path in the index made a
    moved copy of the project refuse its own index and re-embed everything."""
    packaged = packaged_model_dir()
    assert packaged is not None
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    shutil.copy(SEED, project / "articles" / SEED.name)
    shutil.copytree(packaged, project / "models" / "mine")
    (project / "config.toml").write_text(CONFIG, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    built = run_newsbot("index", "build", "--config", str(project / "config.toml"),
                        cwd=elsewhere)
    assert built.returncode == 0, built.stderr

    moved = tmp_path / "moved"
    shutil.move(project, moved)
    asked = run_newsbot("ask", "--config", str(moved / "config.toml"), SEED_QUESTION,
                        cwd=elsewhere)
    assert asked.returncode == 0, asked.stderr
    assert asked.stdout.startswith("No."), asked.stdout
    update = run_newsbot("index", "update", "--config", str(moved / "config.toml"),
                         cwd=elsewhere)
    assert update.returncode == 0, update.stderr
    # (the article's path moved with it, so it is indexed again: from the cache)
    assert "embedded 0 chunks now" in update.stdout, update.stdout
