"""What every command shares: the --store option, opening the store, printing results."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from errors import CartoError
from graph import GraphStore, open_store, store_uri

__all__ = ["StoreOpt", "JsonOpt", "err", "opened", "print_json", "print_table", "print_csv", "fail"]

err = Console(stderr=True, soft_wrap=True)

StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store",
        envvar="CARTO_STORE",
        help="Store URI: falkordb:///path (embedded, default .carto/graph) or bolt://host:port (Neo4j; NEO4J_USER/NEO4J_PASSWORD).",
        show_envvar=True,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Write data as JSON to stdout (messages go to stderr).")]


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", markup=True, highlight=False)
    return typer.Exit(code=code)


@contextmanager
def opened(uri: str | None) -> Iterator[GraphStore]:
    """Open the store, turn project errors into a message and exit code 1, always close."""
    try:
        store = open_store(store_uri(uri))
    except CartoError as e:
        raise fail(str(e)) from e
    try:
        yield store
    except CartoError as e:
        raise fail(str(e)) from e
    finally:
        store.close()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False, default=str) + "\n")


def print_table(columns: tuple[str, ...] | list[str], rows: list[dict[str, Any]], title: str | None = None) -> None:
    table = Table(title=title, show_lines=False)
    for c in columns:
        table.add_column(c)
    for r in rows:
        table.add_row(*[_cell(r.get(c)) for c in columns])
    Console().print(table)


def print_csv(columns: tuple[str, ...] | list[str], rows: list[dict[str, Any]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(columns)
    for r in rows:
        w.writerow([_cell(r.get(c)) for c in columns])
    sys.stdout.write(buf.getvalue())


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)
