"""The analysts' Cypher console: any read query, nothing else, within a time and row budget.

Read-only by construction, in two layers that both belong to the database:

1. the database plans the text first (`graph.explain`): its parser refuses a text with more
   than one statement or that it cannot parse; Neo4j says whether the statement only reads
   (`query_type == 'r'`); the plan's operators show what a read transaction would still
   allow: `LOAD CSV` (reads files of the server) and procedure calls (Neo4j runs
   `dbms.listConfig` or `db.clearQueryCaches` in a read transaction);
2. the query then runs through `GraphStore.read`, a Neo4j READ transaction or FalkorDB's
   `GRAPH.RO_QUERY`, which refuse any write, with a timeout and a row cap.

Nothing here matches keywords in the text: a write hidden in a comment, a string, a
subquery or a second statement is seen, or refused, by the database itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from errors import QueryError, ReadOnlyViolation
from graph import GraphStore, ReadResult
from graph.explain import QueryPlan, explain

__all__ = [
    "DEFAULT_ROW_CAP",
    "DEFAULT_TIMEOUT_MS",
    "REFUSED_OPERATORS",
    "ConsoleResult",
    "check_query",
    "run_console",
]

DEFAULT_TIMEOUT_MS = 15_000
DEFAULT_ROW_CAP = 5_000

# Plan operators a read transaction may still run but the console refuses. The names are
# those of both planners, normalised by graph.explain (spaces and "@neo4j" removed).
REFUSED_OPERATORS: dict[str, str] = {
    "LoadCSV": "LOAD CSV reads files or URLs from the database server",
    "ProcedureCall": "procedure calls (db.*, dbms.*, …) are not available in the console",
    "Create": "writes are refused",
    "Merge": "writes are refused",
    "Delete": "writes are refused",
    "DetachDelete": "writes are refused",
    "Update": "writes are refused",
    "SetProperty": "writes are refused",
    "SetLabels": "writes are refused",
    "RemoveLabels": "writes are refused",
    "CreateIndex": "schema changes are refused",
    "DropIndex": "schema changes are refused",
    "CreateConstraint": "schema changes are refused",
    "DropConstraint": "schema changes are refused",
    "AdministrationCommand": "administration commands are refused",
}


@dataclass(frozen=True)
class ConsoleResult:
    """Rows of a console query, the plan the database gave and whether the cap cut them."""

    result: ReadResult
    plan: QueryPlan

    @property
    def columns(self) -> tuple[str, ...]:
        return self.result.columns

    @property
    def rows(self) -> list[dict[str, Any]]:
        return self.result.rows

    @property
    def truncated(self) -> bool:
        return self.result.truncated


def check_query(store: GraphStore, text: str, params: Mapping[str, Any] | None = None) -> QueryPlan:
    """Ask the database for the plan and refuse anything but a plain read.

    Raises `QueryError` when the database cannot plan the text (syntax, several statements)
    and `ReadOnlyViolation` when the plan writes, changes the schema, calls a procedure or
    loads a file.
    """
    if not text or not text.strip():
        raise QueryError("the console got an empty query")
    plan = explain(store, text, params)
    if plan.query_type is not None and plan.query_type != "r":
        raise ReadOnlyViolation(
            f"refused: the database classifies this statement as {plan.query_type!r}, not read-only ('r')"
        )
    for op in plan.operators:
        if op in REFUSED_OPERATORS:
            raise ReadOnlyViolation(f"refused: {REFUSED_OPERATORS[op]} (plan operator {op})")
    return plan


def run_console(
    store: GraphStore,
    text: str,
    params: Mapping[str, Any] | None = None,
    *,
    timeout_ms: int = DEFAULT_TIMEOUT_MS,
    row_cap: int = DEFAULT_ROW_CAP,
) -> ConsoleResult:
    """Check `text` with the database, then run it in a read transaction with limits.

    Examples
    --------
    >>> run_console(None, "  ")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    errors.QueryError: the console got an empty query
    """
    if timeout_ms <= 0 or row_cap <= 0:
        raise QueryError(f"timeout_ms and row_cap must be positive integers, got {timeout_ms} and {row_cap}")
    plan = check_query(store, text, params)  # type: ignore[arg-type]
    result = store.read(text, dict(params or {}), timeout_ms=timeout_ms, row_cap=row_cap)
    return ConsoleResult(result, plan)
