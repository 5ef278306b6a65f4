"""`newsbot`: a thin command line over the answer engine and the index library.

Heavy modules are imported inside the commands that need them, so `newsbot --help` and
`newsbot ask` never pay for torch (see bench/cold.py).
"""

from __future__ import annotations

import sys

try:  # Ctrl-C while these load (the first ~30 ms): no traceback, the status of a Ctrl-C
    import argparse
    import json
    import os
    import re
    from pathlib import Path
    from typing import TYPE_CHECKING

    from bot.config import Config, ConfigError, load_config
    from index.progress import PROGRESS_EVERY
except KeyboardInterrupt:
    raise SystemExit(130) from None
except Exception as exc:  # (a Ctrl-C inside a class statement comes wrapped, see main)
    if isinstance(exc.__cause__, KeyboardInterrupt):
        raise SystemExit(130) from None
    raise

if TYPE_CHECKING:
    from bot.answer import AnswerEngine

HELP_CHAT = """Ask a question about the articles, or:
  /sources  the sources of the last answer, with the quoted sentences
  /help     this help
  /quit     leave (Ctrl-D works too)"""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a subcommand's copy must not reset `newsbot --config X cmd` to None.
    common.add_argument(
        "--config",
        default=argparse.SUPPRESS,
        help="config file (default: $NEWSBOT_CONFIG or ./config.toml)",
    )
    p = argparse.ArgumentParser(
        prog="newsbot", description=__doc__.splitlines()[0], parents=[common]
    )
    sub = p.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", parents=[common], help="answer one question")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="machine-readable answer")
    ask.add_argument("-k", type=int, default=None, help="passages to retrieve")
    ask.add_argument("--since", help="only articles on or after this date (YYYY-MM-DD, -MM, YYYY)")
    ask.add_argument("--until", help="only articles on or before this date (YYYY-MM-DD, -MM, YYYY)")
    ask.add_argument("--source", help="only articles whose URL or path contains this")

    chat = sub.add_parser("chat", parents=[common], help="interactive questions")
    chat.add_argument(
        "--json",
        action="store_true",
        help="read one question per stdin line, write one JSON answer per line",
    )

    idx = sub.add_parser("index", parents=[common], help="build, update or inspect the index")
    idx_sub = idx.add_subparsers(dest="action", required=True)
    for name, text in (
        ("build", "index every corpus path from scratch (reuses cached vectors)"),
        ("update", "add new and changed articles, drop deleted ones"),
        ("status", "what the index holds and what changed since"),
    ):
        a = idx_sub.add_parser(name, parents=[common], help=text)
        if name != "status":
            a.add_argument("--quiet", action="store_true", help="no progress bar")
            a.add_argument("--progress-every", type=float, default=PROGRESS_EVERY,
                           metavar="SECONDS",
                           help="when stderr is no terminal: seconds between progress lines")

    ev = sub.add_parser("eval", parents=[common], help="measure answers on labelled questions")
    ev.add_argument("questions", type=Path, nargs="?")
    ev.add_argument("--corpus", type=Path, action="append", required=True)
    ev.add_argument("--index-dir", type=Path, help="where to build the evaluation index")
    ev.add_argument("--json", action="store_true")
    ev.add_argument("-v", "--verbose", action="store_true", help="show every failed question")
    ev.add_argument("--fail-under", nargs="+", default=[], metavar="METRIC=VALUE")
    ev.add_argument(
        "--calibrate",
        action="store_true",
        help="print the answer.min_confidence that these questions support",
    )

    sub.add_parser("telegram", parents=[common], help="run the Telegram bot")
    return p


def _date(value: str | None, end: bool = False) -> str | None:
    """A --since/--until date; a year or a month stands for its first day, or with `end` its
    last ("--until 2007-08" keeps all of August)."""
    if value is None:
        return None
    import calendar
    import datetime as dt

    try:
        if re.fullmatch(r"\d{4}", value):
            return f"{value}-12-31" if end else f"{value}-01-01"
        if re.fullmatch(r"\d{4}-\d{2}", value):
            year, month = map(int, value.split("-"))
            day = calendar.monthrange(year, month)[1] if end else 1
            return dt.date(year, month, day).isoformat()
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ConfigError(f"not a date (YYYY-MM-DD, YYYY-MM or YYYY): {value}") from None


def cmd_ask(cfg: Config, args: argparse.Namespace) -> int:
    from bot.answer import AnswerEngine
    from bot.render import render_json, render_text

    if args.k is not None and args.k < 1:
        raise ConfigError("-k must be at least 1")
    if not args.question.strip():
        raise ConfigError("the question is empty")
    since, until = _date(args.since), _date(args.until, end=True)
    if since and until and since > until:
        raise ConfigError(f"--since {since} is after --until {until}: no article can match")
    engine = AnswerEngine.open(cfg)
    answer = engine.ask(args.question, k=args.k, since=since, until=until, source=args.source)
    print(render_json(answer) if args.json else render_text(answer))
    return 0


def cmd_chat(cfg: Config, args: argparse.Namespace) -> int:
    from bot.answer import AnswerEngine
    from bot.render import collection, render_sources, render_text

    engine = AnswerEngine.open(cfg)
    previous: str | None = None
    if args.json:
        return _chat_json(engine)
    from bot.chat_history import readline_history

    history = readline_history() if sys.stdin.isatty() else None  # piped lines: no history
    stats = engine.stats()
    print(
        f"newsbot: {collection(stats)}. Ask a question; /help for commands."
    )
    last = None
    while True:
        try:
            line = input("> ").strip()
        except EOFError:
            print()
            break
        except KeyboardInterrupt:
            print()
            continue
        if not line:
            continue
        if line in ("/quit", "/exit"):
            break
        if line == "/help":
            print(HELP_CHAT)
        elif line == "/sources":
            print(render_sources(last))
        elif line.startswith("/"):
            print(f"Unknown command {line.split()[0]}; /help lists them.")
        else:
            try:
                last = engine.ask(line, context=previous)
            except KeyboardInterrupt:  # Ctrl-C while it answers: back to the prompt
                print("(stopped)")
                continue
            previous = last.resolved
            print(render_text(last))
        print()
    if history:
        history()
    return 0


def _chat_json(engine: AnswerEngine) -> int:
    """`chat --json`: one JSON object per input line. Commands answer in JSON too, so a
    program reading the output never has to guess what a line is."""
    from bot.answer import sources_missing
    from bot.render import render_json

    previous: str | None = None
    last = None
    for raw in sys.stdin:
        line = raw.strip()
        if line in ("/quit", "/exit"):
            break
        if not line:  # one reply per line: a client waiting for it must not hang
            print(json.dumps({"error": "empty question"}), flush=True)
            continue
        if line == "/sources":
            missing = sources_missing(last)
            if missing or last is None:
                reply: dict = {"sources": [], "note": missing}
            else:
                reply = {"sources": last.to_dict()["citations"]}
            print(json.dumps(reply, ensure_ascii=False), flush=True)
        elif line.startswith("/"):
            error = f"unknown command {line.split()[0]}; JSON mode knows /sources and /quit"
            print(json.dumps({"error": error}), flush=True)
        else:
            last = engine.ask(line, context=previous)
            previous = last.resolved
            print(render_json(last), flush=True)
    return 0


def build_options(  # noqa: ANN201 - index.build.BuildOptions
    cfg: Config, quiet: bool = False, progress_every: float = PROGRESS_EVERY
):
    from index.build import BuildOptions

    return BuildOptions(
        corpus=cfg.corpus_paths,
        index_dir=cfg.index_dir,
        model=cfg.embed.model,
        model_path=cfg.model_path,
        batch_size=cfg.embed.batch_size,
        chunk_tokens=cfg.index.chunk_tokens,
        vector_index=cfg.index.vector_index,
        approx_above=cfg.index.approx_above,
        hnsw_m=cfg.index.hnsw_m,
        keep_generations=cfg.index.keep_generations,
        progress=not quiet,
        progress_every=progress_every,
        feeds=list(cfg.corpus.feeds),
        feeds_dir=cfg.feeds_dir,
    )


def cmd_index(cfg: Config, args: argparse.Namespace) -> int:
    if args.action == "status":
        return _status(cfg)
    from bot.build_command import run_index_build

    opts = build_options(cfg, args.quiet, args.progress_every)
    return run_index_build(cfg, opts, full=args.action == "build")


def _status(cfg: Config) -> int:
    from bot.render import date_span
    from index import touched
    from index.article import IngestError, counted
    from index.discover import discover
    from index.feeds import archives
    from index.scan import scan
    from index.search import Index

    index = Index(cfg.index_dir, cfg.embed.model)
    s = index.stats()
    not_files: list[tuple[str, str]] = []  # listed below with what the update skipped
    try:
        feeds = archives(cfg.corpus.feeds, cfg.feeds_dir)
        files = discover([*cfg.corpus_paths, *feeds], skipped=not_files)
    except IngestError as exc:
        raise ConfigError(str(exc)) from None
    # with the stats a no-op update saw touched files unchanged with: none is hashed again
    changes = scan(files, touched.refreshed(cfg.index_dir, index.files()))
    new, changed = len(changes.new), len(changes.changed) - len(changes.new)
    deleted = len(changes.deleted)
    print(f"index:      {cfg.index_dir} ({s['generation']})")
    print(f"articles:   {s['articles']} ({date_span(s)})")
    print(f"chunks:     {s['chunks']} ({s['vector_index']} vector index)")
    print(f"model:      {s['model']}")
    print(f"last build: {s['built_at']}")
    print(
        f"since then: {new} new, {changed} changed, {deleted} deleted files"
        + ("" if new + changed + deleted == 0 else " — run `newsbot index update`")
    )
    if cfg.corpus.feeds:
        items = sum(len(f.read_text(encoding="utf-8", errors="replace").splitlines())
                    for f in feeds)
        print(f"feeds:      {counted(len(cfg.corpus.feeds), 'feed')} followed, "
              f"{counted(items, 'item')} saved in {cfg.feeds_dir}")
    left_out = [s for s in index.skipped() if s[0] not in changes.deleted]
    known = {path for path, _, _ in left_out}
    left_out += [(path, reason, False) for path, reason in not_files if path not in known]
    if left_out:
        print(f"skipped:    {counted(len(left_out), 'file')} the last update could not read:")
        for path, reason, kept in left_out:
            print(f"  {path}: {reason}" + (" (its previous version stays indexed)" if kept else ""))
    return 0


def cmd_eval(cfg: Config, args: argparse.Namespace) -> int:
    from bot.answer import AnswerEngine
    from bot.build_command import run_index_build
    from bot.evaluate import (
        calibrate,
        check_floors,
        evaluate,
        format_report,
        load_questions,
        parse_floors,
        unknown_articles,
    )

    if args.questions is None:
        # `--fail-under a=1 b=2 questions.jsonl` hands the file to --fail-under (nargs="+").
        paths = [f for f in args.fail_under if "=" not in f]
        if len(paths) != 1:
            raise ConfigError("eval needs one questions file (QUESTIONS.jsonl)")
        args.fail_under.remove(paths[0])
        args.questions = Path(paths[0])
    floors = parse_floors(args.fail_under)
    questions = load_questions(args.questions)
    cfg.corpus.paths = [str(p.resolve()) for p in args.corpus]
    cfg.index.dir = str((args.index_dir or cfg.index_dir / "eval").resolve())
    status = run_index_build(cfg, build_options(cfg, quiet=args.json), False, sys.stderr)
    if status:  # stopped by a signal, as `index update` is
        return status
    engine = AnswerEngine.open(cfg)
    for qid, article in unknown_articles(engine, questions):
        print(f"warning: {args.questions}: question {qid} names article {article}, which is "
              "not in the corpus: it can only miss", file=sys.stderr)
    if args.calibrate:
        threshold = calibrate(engine, questions)
        print(f"[answer]\nmin_confidence = {threshold}")
        return 0
    report = evaluate(engine, questions)
    if args.json:
        print(json.dumps({"metrics": report.metrics(), "by_kind": report.by_kind()}))
    else:
        print(format_report(report, args.verbose))
    failures = check_floors(report, floors)
    for f in failures:
        print(f"newsbot: eval below floor: {f}", file=sys.stderr)
    return 1 if failures else 0


def cmd_telegram(cfg: Config, args: argparse.Namespace) -> int:
    from bot.telegram import run

    return run(cfg)


COMMANDS = {
    "ask": cmd_ask,
    "chat": cmd_chat,
    "index": cmd_index,
    "eval": cmd_eval,
    "telegram": cmd_telegram,
}


def main(argv: list[str] | None = None) -> int:
    """The `newsbot` command; its exit status. Ctrl-C anywhere, even while the command's
    modules still load, is status 130 and no traceback."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        # a Ctrl-C inside a class statement comes wrapped ("Error calling __set_name__ …")
        if isinstance(exc.__cause__, KeyboardInterrupt):
            return 130
        raise


def _main(argv: list[str] | None) -> int:
    # Questions are encoded with NumPy on tiny matrices: a second BLAS thread buys nothing and
    # stalls badly when the other core is busy (17 ms → 700 ms per question, bench/cold.py).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    args = _parser().parse_args(argv)
    from bot.evaluate import EvalError
    from index.article import IngestError
    from index.embed import EmbedError
    from index.store import IndexError_

    try:
        cfg = load_config(getattr(args, "config", None))
        return COMMANDS[args.command](cfg, args)
    except (ConfigError, IndexError_, EmbedError, IngestError, EvalError) as exc:
        print(f"newsbot: error: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, ConfigError) else 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        # The file system said no (an index folder that is a file, a path that cannot be
        # created, a full disk): one line naming the path, not a traceback.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"newsbot: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
