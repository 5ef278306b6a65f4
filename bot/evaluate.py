"""`newsbot eval`: labelled questions through the same answer engine as every front end, with
retrieval, answer, citation, abstention and yes/no figures (schema: the corpus README)."""

from __future__ import annotations

import json
import math
import os
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from bot.answer import Answer, AnswerEngine

METRICS = (
    "recall@1",
    "recall@5",
    "recall@10",
    "mrr",
    "answer_hit",
    "citation_precision",
    "abstention",
    "false_abstention",
    "yesno_accuracy",
)


class EvalError(Exception):
    pass


def load_questions(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"cannot read questions file {path}: {exc.strerror}") from None
    out, seen = [], set()
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                q = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalError(f"{path}:{n}: malformed JSON: {exc.msg}") from None
            problem = _question_problem(q)
            if problem:
                raise EvalError(f"{path}:{n}: {problem}")
            q.setdefault("answerable", bool(q.get("articles")))  # the schema's, when left out
            if q["answerable"] and not q.get("articles"):
                raise EvalError(f'{path}:{n}: an answerable question needs "articles" to hit')
            if not q["answerable"] and q.get("articles"):
                raise EvalError(f'{path}:{n}: an unanswerable question has no "articles"')
            q.setdefault("id", f"line {n}")
            if q["id"] in seen:
                raise EvalError(f"{path}:{n}: id {q['id']!r} is used twice")
            seen.add(q["id"])
            out.append(q)
    if not out:
        raise EvalError(f"{path}: no questions in it")
    return out


def _question_problem(q: object) -> str | None:
    """What makes a record unusable, checked before an index is built for minutes."""
    if not isinstance(q, dict):
        return "not a JSON object"
    if not isinstance(q.get("question"), str) or not q["question"].strip():
        return 'missing "question" (a non-empty string)'
    for key in ("articles", "answer_contains"):
        value = q.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f'"{key}" must be a list of strings'
    if not isinstance(q.get("answerable", True), bool):
        return '"answerable" must be true or false'
    if "expected" in q and q["expected"] not in ("yes", "no"):
        return '"expected" must be "yes" or "no"'
    if not isinstance(q.get("id", ""), str | int):
        return '"id" must be a string'
    if not isinstance(q.get("kind", ""), str):
        return '"kind" must be a string'
    return None


def unknown_articles(engine: AnswerEngine, questions: list[dict]) -> list[tuple[str, str]]:
    """(question id, article) for every article a question names that the index does not
    hold: such a question can only miss, which is a mistake in the file or the corpus paths,
    not the engine's."""
    known: set[str] = set()
    for path, item in engine.index.article_refs():
        known |= refs_of(path, item)
    return [(str(q["id"]), a) for q in questions for a in q.get("articles", []) if a not in known]


def refs_of(path: str, item: str | None) -> set[str]:
    """The names a question may use for an article: its file name, its id inside a JSONL
    file, or `feed.xml#guid` for a feed item."""
    name = os.path.basename(path)
    return {name} if item is None else {item, f"{name}#{item}"}


@dataclass
class Outcome:
    question: dict
    answer: Answer
    rank: int | None  # 1-based rank of the first passage from a listed article
    hit: bool
    cited_ok: int
    cited: int
    verbatim: int = 0  # citations whose quote occurs verbatim in the cited article

    def failed(self) -> bool:
        q = self.question
        if not q.get("answerable", True):
            return not self.answer.abstained
        wrong_yn = "expected" in q and self.answer.verdict != q["expected"]
        return self.answer.abstained or not self.hit or wrong_yn or self.cited_ok < self.cited


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def metrics(self, subset: list[Outcome] | None = None) -> dict[str, float | None]:
        outs = self.outcomes if subset is None else subset
        ans = [o for o in outs if o.question.get("answerable", True)]
        unans = [o for o in outs if not o.question.get("answerable", True)]
        yn = [o for o in outs if "expected" in o.question]
        cited = sum(o.cited for o in outs)

        def share(xs: list[bool]) -> float | None:
            return round(sum(xs) / len(xs), 3) if xs else None

        lat = sorted(o.answer.timings_ms.get("total", 0.0) for o in outs)
        return {
            "questions": len(outs),
            "recall@1": share([o.rank is not None and o.rank <= 1 for o in ans]),
            "recall@5": share([o.rank is not None and o.rank <= 5 for o in ans]),
            "recall@10": share([o.rank is not None and o.rank <= 10 for o in ans]),
            "mrr": round(sum(1 / o.rank for o in ans if o.rank) / len(ans), 3) if ans else None,
            "answer_hit": share([o.hit for o in ans]),
            "citation_precision": round(sum(o.cited_ok for o in outs) / cited, 3)
            if cited
            else None,
            "verbatim_quotes": round(sum(o.verbatim for o in outs) / cited, 3) if cited else None,
            "abstention": share([o.answer.abstained for o in unans]),
            "false_abstention": share([o.answer.abstained for o in ans]),
            "yesno_accuracy": share([o.answer.verdict == o.question["expected"] for o in yn]),
            "latency_p50_ms": round(statistics.median(lat), 1) if lat else None,
            "latency_p95_ms": round(lat[min(len(lat) - 1, int(0.95 * len(lat)))], 1)
            if lat
            else None,
        }

    def by_kind(self) -> dict[str, dict]:
        kinds = sorted({o.question.get("kind", "?") for o in self.outcomes})
        return {
            k: self.metrics([o for o in self.outcomes if o.question.get("kind") == k])
            for k in kinds
        }


def evaluate(engine: AnswerEngine, questions: list[dict], k: int = 10) -> Report:
    by_id = {q["id"]: q for q in questions}
    # A follow-up leans on what its question was taken as (`Answer.resolved`, the people its
    # answer named included), exactly as the chat and the bot hand it on.
    resolved: dict[str, str] = {}
    report = Report()
    for q in questions:
        follows = q.get("follows")
        context = resolved.get(follows) or (by_id[follows]["question"] if follows in by_id
                                             else None)
        ans = engine.ask(q["question"], k=k, context=context)
        resolved[q["id"]] = ans.resolved
        wanted = set(q.get("articles", []))
        rank = None
        for p in ans.passages:
            path, item = _locate(engine, p["article_id"])
            if refs_of(path, item) & wanted:
                rank = p["rank"]
                break
        text = (ans.answer + " " + " ".join(c.quote for c in ans.citations)).lower()
        phrases = [s.lower() for s in q.get("answer_contains", [])]
        hit = bool(phrases) and not ans.abstained and all(s in text for s in phrases)
        ok = sum(1 for c in ans.citations if refs_of(*_locate(engine, c.article_id)) & wanted)
        verbatim = sum(1 for c in ans.citations if c.quote in _article_text(engine, c.article_id))
        report.outcomes.append(Outcome(q, ans, rank, hit, ok, len(ans.citations), verbatim))
    return report


def calibrate(engine: AnswerEngine, questions: list[dict], max_false: float = 0.08) -> float:
    """The abstention threshold: the one that abstains on the most unanswerable questions
    while abstaining on at most `max_false` of the answerable ones (ties: the lowest). An
    answer below the current threshold still carries its confidence, so one run serves."""
    report = evaluate(engine, questions)
    ans = [o.answer.confidence for o in report.outcomes if o.question.get("answerable", True)]
    unans = [o.answer.confidence for o in report.outcomes if not o.question.get("answerable", True)]
    best, best_key = 0.0, (-1.0, 0.0)
    for t in sorted({round(c + 0.005, 3) for c in ans + unans}):
        false = sum(c < t for c in ans) / max(1, len(ans))
        if false > max_false:
            break
        key = (sum(c < t for c in unans) / max(1, len(unans)), -false)
        if key > best_key:
            best, best_key = t, key
    return best


def _article_text(engine: AnswerEngine, article_id: str) -> str:
    found = engine.index.article(article_id)
    return found[2] if found else ""


def _locate(engine: AnswerEngine, article_id: str) -> tuple[str, str | None]:
    found = engine.index.article(article_id)
    return (found[0], found[1]) if found else ("", None)


def format_report(report: Report, verbose: bool = False) -> str:
    m = report.metrics()
    lines = ["metric                value", "--------------------  -----"]
    for key, value in m.items():
        lines.append(f"{key:<20}  {'-' if value is None else value}")
    lines += ["", "by kind       n   r@5    mrr    hit    cite   abst   yes/no"]
    for kind, km in report.by_kind().items():

        def f(x: float | None) -> str:
            return "  -  " if x is None else f"{x:.2f} "

        lines.append(
            f"{kind:<12} {km['questions']:>2}  {f(km['recall@5'])}  {f(km['mrr'])}  "
            f"{f(km['answer_hit'])}  {f(km['citation_precision'])}  {f(km['abstention'])}  "
            f"{f(km['yesno_accuracy'])}"
        )
    if verbose:
        failed = sum(o.failed() for o in report.outcomes)
        lines += ["", f"failures: {failed}" if failed else "failures: none"]
        for o in report.outcomes:
            if o.failed():
                q = o.question
                lines.append(f"- {q['id']} [{q.get('kind')}] {q['question']}")
                lines.append(
                    f"    expected: {q.get('answer_contains')} in {q.get('articles')}"
                    + (f", {q['expected']}" if "expected" in q else "")
                )
                lines.append(
                    f"    got (rank {o.rank}, conf {o.answer.confidence:.2f}): "
                    f"{o.answer.answer[:300]}"
                )
    return "\n".join(lines)


def parse_floors(floors: list[str]) -> list[tuple[str, float]]:
    """`metric=value` pairs, checked before the evaluation runs."""
    out = []
    for floor in floors:
        name, _, value = floor.partition("=")
        if name not in METRICS or not value:
            raise EvalError(
                f"--fail-under takes metric=value with a metric of {', '.join(METRICS)}"
            )
        try:
            limit = float(value)
        except ValueError:
            raise EvalError(f"--fail-under {floor}: {value!r} is not a number") from None
        if not math.isfinite(limit):  # nan would pass every check: the gate off, silently
            raise EvalError(f"--fail-under {floor}: the floor must be a finite number")
        out.append((name, limit))
    return out


def check_floors(report: Report, floors: list[tuple[str, float]]) -> list[str]:
    """Floors from `parse_floors` (`false_abstention` is a ceiling); returns the failures."""
    m = report.metrics()
    failures = []
    for name, limit in floors:
        got = m.get(name)
        if got is None:
            continue
        bad = got > limit if name == "false_abstention" else got < limit
        if bad:
            failures.append(f"{name} = {got} (limit {limit})")
    return failures
