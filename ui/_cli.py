"""The ``portentry`` command: parse arguments, call the public API, print.

The CLI is an edge: it is the one place (with the web UI) that turns a
PortentryError into a message for a person. It holds no logic of its own.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from corpus import (
    TABLE_NAMES,
    OperationalError,
    PortentryError,
    Settings,
    TableExport,
    UsageError,
    export_table,
    load_corpus,
)

if TYPE_CHECKING:
    from assistant import Answer
    from index import Hit, Index

__all__ = ["main"]


def _print_table(table: TableExport, out: TextIO) -> None:
    cols = [table.columns.index(c) for c in table.brief]
    rows = [[row[i] for i in cols] for row in table.text_rows()]
    widths = [max([len(table.brief[k]), *(len(r[k]) for r in rows)]) for k in range(len(cols))]
    out.write(f"{table.title}\n\n")
    for line in [list(table.brief), ["-" * w for w in widths], *rows]:
        out.write("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip() + "\n")
    out.write(f"\n{len(rows)} rows\n")


def _tables(args: argparse.Namespace, out: TextIO) -> None:
    table = export_table(load_corpus(Settings.from_env()), args.name, state=args.state, year=args.year)
    if args.format == "json":
        json.dump(table.records(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        out.write(table.to_csv())
    else:
        _print_table(table, out)


def _sources(_args: argparse.Namespace, out: TextIO) -> None:
    corpus = load_corpus(Settings.from_env())
    for p in corpus.provenance:
        by = f" by {p.author}" if p.author else ""
        out.write(f"{p.kind}: {p.title}{by}\n  {p.publisher}; dated {p.date}; file {p.file}\n")
    reg = corpus.regulation
    out.write(
        f"\nregulation: {len(reg.sections)} sections, {len(reg.passages)} passages "
        f"(eCFR, last checked for updates {reg.checked})\n"
        f"article: {len(corpus.article.passages)} sections\n"
        f"tables: {len(corpus.listings)} port listings ({len(corpus.ports)} ports), "
        f"{len(corpus.service_ports)} service ports, {len(corpus.stations)} Customs stations, "
        f"{len(corpus.preclearance)} preclearance offices, {len(corpus.centers)} Centers, "
        f"{len(corpus.holidays)} holidays, {len(corpus.definitions)} definitions\n"
        "\nTry: portentry tables ports --state ND | portentry tables holidays --year 2027\n"
    )


def _open_index(*, rebuild: bool = False) -> Index:
    from index import Index  # imports torch and Chroma: only for the commands that search

    return Index.open(Settings.from_env(), rebuild=rebuild)


def _index(args: argparse.Namespace, out: TextIO) -> None:
    started = time.perf_counter()
    index = _open_index(rebuild=args.rebuild)
    state = f"built in {time.perf_counter() - started:.1f} s" if index.built else "up to date"
    from assistant import Assistant
    from index import embedder_id

    engine = getattr(index.embedder, "engine", "")
    out.write(
        f"index {state}: {len(index.chunks)} chunks in {index.store.where}\n"
        f"model {embedder_id(index.embedder)}{f' ({engine})' if engine else ''}\n"
    )
    index.close()
    started = time.perf_counter()
    Assistant.from_settings().warm()  # the intent phrasings' embeddings, cached: the first question is fast
    out.write(f"answer engine ready in {time.perf_counter() - started:.1f} s\n")


def _hit_json(hit: Hit) -> dict[str, object]:
    c = hit.chunk
    return {
        "ref": c.ref, "source": c.source, "section": c.section, "title": c.title, "url": c.url,
        "score": round(hit.score, 6), "text": c.text,
    }  # fmt: skip


def _search(args: argparse.Namespace, out: TextIO) -> None:
    if args.jsonl == (args.query is not None):
        raise UsageError("give a QUERY, or --jsonl to read one query per line from standard input")
    index = _open_index()
    if args.jsonl:
        for line in sys.stdin:
            query = line.rstrip("\n")
            if not query.strip():
                continue
            try:
                record: dict[str, object] = {
                    "query": query,
                    "results": [_hit_json(h) for h in index.search(query, k=args.k)],
                }
            except UsageError as exc:
                record = {"query": query, "results": [], "error": str(exc)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
        return
    hits = index.search(args.query, k=args.k)
    if args.json:
        json.dump({"query": args.query, "results": [_hit_json(h) for h in hits]}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for n, h in enumerate(hits, start=1):
        text = " ".join(h.chunk.text.split())
        out.write(f"{n}. {h.chunk.ref}  ({h.chunk.title}; score {h.score:.4f})\n")
        out.write(f"   {text[:300]}{'...' if len(text) > 300 else ''}\n")
        if h.chunk.url:
            out.write(f"   {h.chunk.url}\n")


def _print_answer(answer: Answer, out: TextIO) -> None:
    out.write(answer.answer + "\n")
    if answer.note:
        out.write(f"\nNote: {answer.note}\n")
    if answer.citations:
        out.write("\nSources:\n")
    for c in answer.citations:
        quote = " ".join(c.quote.split())
        out.write(
            f"[{c.n}] {c.ref}{f'  {c.url}' if c.url else ''}\n    “{quote[:240]}{'...' if len(quote) > 240 else ''}”\n"
        )


def _jsonl_request(line: str) -> tuple[str, list[dict[str, str]] | None]:
    """A --jsonl line: a plain question, or {"question": ..., "history": [...]}."""
    if not line.lstrip().startswith("{"):
        return line, None
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise UsageError(f"the line is not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("question"), str):
        raise UsageError('a JSON line needs {"question": "...", "history": [...]}')
    history = data.get("history")
    if history is not None and not isinstance(history, list):
        raise UsageError("history must be a list of {role, content} messages")
    return data["question"], history


def _ask(args: argparse.Namespace, out: TextIO) -> None:
    from assistant import Assistant

    if args.jsonl == (args.question is not None):
        raise UsageError("give a QUESTION, or --jsonl to read one question per line from standard input")
    bot = Assistant.from_settings()
    if not args.jsonl:
        answer = bot.ask(args.question)
        if args.json:
            out.write(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2) + "\n")
        else:
            _print_answer(answer, out)
        return
    for line in sys.stdin:
        text = line.rstrip("\n")
        if not text.strip():
            continue
        try:
            question, history = _jsonl_request(text)
            record: dict[str, object] = bot.ask(question, history).to_dict()
        except UsageError as exc:  # one bad line is reported in its place; the others are answered
            record = {"answer": "", "citations": [], "abstained": True, "tools": [], "latency_ms": 0.0,
                      "error": str(exc)}  # fmt: skip
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()


def _serve(args: argparse.Namespace, out: TextIO) -> None:
    import uvicorn

    Settings.from_env()  # a bad setting is reported here, before the server starts
    if args.workers < 1:
        raise UsageError(f"--workers must be at least 1, not {args.workers}")
    out.write(
        f"portentry: chat at http://{args.host}:{args.port}/  widget demo at /widget-demo.html  API docs at /docs\n"
    )
    out.flush()
    uvicorn.run(
        "ui._web:create_served_app", factory=True, host=args.host, port=args.port, workers=args.workers,
        log_level="warning",
    )  # fmt: skip


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="portentry", description="Exact, cited answers about US ports of entry (19 CFR Part 101)."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sources = sub.add_parser("sources", help="show the sources, where they come from and what was read")
    sources.set_defaults(run=_sources)
    tables = sub.add_parser("tables", help="print or export a table of the regulation")
    tables.add_argument("name", choices=TABLE_NAMES)
    tables.add_argument("--format", choices=("table", "json", "csv"), default="table")
    tables.add_argument("--state", help="only rows under this state (name or postal code)")
    tables.add_argument("--year", type=int, help="holidays: the year to date (default: this year)")
    tables.set_defaults(run=_tables)
    index = sub.add_parser("index", help="build the search index if it is missing or stale")
    index.add_argument("--rebuild", action="store_true", help="rebuild even if it is current (repairs a corrupt store)")
    index.set_defaults(run=_index)
    search = sub.add_parser("search", help="search the passages (hybrid BM25 + embeddings)")
    search.add_argument("query", nargs="?", help="what to look for")
    search.add_argument("-k", type=int, default=5, help="how many results (default 5)")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument("--jsonl", action="store_true", help="read queries from stdin, write one JSON line each")
    search.set_defaults(run=_search)
    ask = sub.add_parser("ask", help="ask a question; the answer cites the paragraphs it rests on")
    ask.add_argument("question", nargs="?", help="the question, in plain words")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.add_argument("--jsonl", action="store_true", help="read questions (or JSON requests) from stdin, one per line")
    ask.set_defaults(run=_ask)
    serve = sub.add_parser("serve", help="run the web chat, the HTTP API and the widget")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=7860, help="port (default 7860)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.set_defaults(run=_serve)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 1 run-time failure, 2 usage)."""
    stream = out or sys.stdout
    args = _parser().parse_args(argv)
    try:
        args.run(args, stream)
    except PortentryError as exc:
        print(f"portentry: error: {exc}", file=sys.stderr)
        return 1 if isinstance(exc, OperationalError) else 2
    except BrokenPipeError:  # `portentry tables ports | head`
        sys.stderr.close()
        return 0
    return 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
