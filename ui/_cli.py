"""The ``portentry`` command: parse arguments, call the public API, print.

The CLI is an edge: it is the one place (with the web UI) that turns a
PortentryError into a message for a person. It holds no logic of its own.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from corpus import (
    TABLE_NAMES,
    Cell,
    OperationalError,
    PortentryError,
    Settings,
    TableExport,
    export_table,
    load_corpus,
)

__all__ = ["main"]


def _cell(value: Cell) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return "; ".join(value)
    return value


def _print_table(table: TableExport, out: TextIO) -> None:
    cols = [table.columns.index(c) for c in table.brief]
    rows = [[_cell(row[i]) for i in cols] for row in table.rows]
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
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows([_cell(v) for v in row] for row in table.rows)
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
