"""Quality can't silently regress: `newsbot eval` on the bundled copy of the evaluation corpus
(articles + extra distractors, 89 labelled questions), with floors a little below what the
engine reaches (README, "Quality")."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import NEWSBOT, newsbot_env

DATA = Path(__file__).parent / "data" / "wikinews"

FLOORS = {
    "recall@5": 0.95,
    "mrr": 0.85,
    "answer_hit": 0.72,
    "citation_precision": 0.82,
    "abstention": 0.80,
    "false_abstention": 0.10,  # a ceiling
    "yesno_accuracy": 0.88,
}


def test_eval_on_the_bundled_questions_stays_above_the_floors(tmp_path: Path) -> None:
    cmd = [
        NEWSBOT, "eval", str(DATA / "questions.jsonl"),
        "--corpus", str(DATA / "articles"), "--corpus", str(DATA / "extra"),
        "--index-dir", str(tmp_path / "eval-index"), "--json",
        "--fail-under", *[f"{k}={v}" for k, v in FLOORS.items()],
    ]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=1500, cwd=tmp_path,
                         env=newsbot_env())  # a developer's NEWSBOT_CONFIG must not leak in
    assert "Traceback" not in run.stderr, run.stderr
    report = json.loads(run.stdout)
    metrics = report["metrics"]
    assert metrics["questions"] == 89
    assert metrics["verbatim_quotes"] == 1.0, "every quote must occur verbatim in its article"
    assert run.returncode == 0, f"below a floor: {run.stderr}\n{metrics}"
    assert set(report["by_kind"]) >= {"fact", "yesno", "unanswerable", "latest", "date"}
