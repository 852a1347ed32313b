"""`carto query NAME|FILE --param k=v`: run a library query, print a table, JSON or CSV."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import JsonOpt, StoreOpt, fail, opened, print_csv, print_json, print_table
from errors import CartoError
from queries import get_query, run_named

__all__ = ["query"]


def query(
    name: Annotated[str, typer.Argument(help="A query of queries/ (e.g. actors_in_domain) or a .cypher file.")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="k=v, repeatable.")] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Write CSV to stdout.")] = False,
    timeout_ms: Annotated[int, typer.Option(help="Stop the query after this many milliseconds.")] = 30_000,
    row_cap: Annotated[int, typer.Option(help="Return at most this many rows.")] = 100_000,
) -> None:
    """Run a named, parameterised query in a read-only transaction."""
    values = {}
    for item in param or []:
        if "=" not in item:
            raise fail(f"--param {item!r}: expected k=v")
        k, v = item.split("=", 1)
        values[k.strip()] = v
    try:
        q = get_query(name)
        q.bind(values)
    except CartoError as e:
        raise fail(str(e)) from e
    with opened(store) as s:
        res = run_named(s, name, values, timeout_ms=timeout_ms, row_cap=row_cap)
    if as_json:
        print_json({"query": q.name, "columns": list(res.columns), "rows": res.rows, "truncated": res.truncated})
    elif as_csv:
        print_csv(res.columns, res.rows)
    else:
        print_table(res.columns, res.rows, title=f"{q.name}: {q.purpose}")
    if res.truncated:
        typer.echo(f"(capped at {row_cap} rows)", err=True)
