"""The analysts' Cypher console: any read query, nothing else, within a time and row budget.

Read-only by construction, in two layers that both belong to the database:

1. the database plans the text first (`graph.explain`): its parser refuses a text with more
   than one statement or that it cannot parse; Neo4j says whether the statement only reads
   (`query_type == 'r'`); the plan's operators show what a read transaction would still
   allow: `LOAD CSV` (reads files of the server) and procedure calls (Neo4j runs
   `dbms.listConfig` or `db.clearQueryCaches` in a read transaction) and administration
   commands Neo4j classifies as reads (`SHOW SETTINGS`, `TERMINATE TRANSACTIONS`);
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
    "REFUSED_OPERATOR_PREFIXES",
    "ConsoleResult",
    "ResultGraph",
    "check_query",
    "result_graph",
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
# Neo4j's administration commands plan as ShowTransactions, ShowSettings, TerminateTransactions…
# and several are classified as reads: TERMINATE TRANSACTIONS would stop other users' work,
# SHOW TRANSACTIONS / SETTINGS would disclose their queries and the server's configuration.
REFUSED_OPERATOR_PREFIXES: dict[str, str] = {
    "Show": "administration commands (SHOW …) are not available in the console",
    "Terminate": "administration commands (TERMINATE …) are refused",
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
        for prefix, why in REFUSED_OPERATOR_PREFIXES.items():
            if op.startswith(prefix):
                raise ReadOnlyViolation(f"refused: {why} (plan operator {op})")
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


@dataclass(frozen=True)
class ResultGraph:
    """Nodes (id → caption) and edges (source, target, caption) found in result rows."""

    nodes: dict[str, str]
    edges: list[tuple[str, str, str]]


def _node_caption(node: Mapping[str, Any]) -> str:
    for key in ("name", "acronym", "title", "name_fr", "id"):
        if node.get(key):
            return str(node[key])
    return "?"


def result_graph(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> ResultGraph:
    """What of a result can be drawn: node values, paths, id lists and source/target pairs.

    Rows of plain values carry no node identity, so the graph is read from what queries
    usually return: nodes (`RETURN n`), paths (`RETURN p`, a list alternating nodes and
    relationships), a `nodes` list of ids (a chain), or two id columns (`source`/`target`,
    `*_id` pairs, or `id` with another `*_id`).

    Examples
    --------
    >>> g = result_graph(("source", "target", "type"), [{"source": "a", "target": "b", "type": "MEMBER_OF"}])
    >>> g.nodes, g.edges
    ({'a': 'a', 'b': 'b'}, [('a', 'b', 'MEMBER_OF')])
    >>> result_graph(("nodes", "hops"), [{"nodes": ["a", "b", "c"], "hops": 2}]).edges
    [('a', 'b', ''), ('b', 'c', '')]
    """
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    id_cols = [c for c in columns if c == "id" or c.endswith("_id")]
    for row in rows:
        row_nodes: list[str] = []
        for c in columns:
            v = row.get(c)
            if isinstance(v, dict) and "_labels" in v and v.get("id") is not None:
                nodes[str(v["id"])] = _node_caption(v)
                row_nodes.append(str(v["id"]))
            elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v) and "_labels" in v[0]:
                prev, rel = None, ""
                for x in v:
                    if "_labels" in x:
                        nid = str(x.get("id"))
                        nodes[nid] = _node_caption(x)
                        if prev is not None:
                            edges.append((prev, nid, rel))
                        prev, rel = nid, ""
                    else:
                        rel = str(x.get("_type", ""))
            elif c == "nodes" and isinstance(v, list) and all(isinstance(x, str) for x in v):
                rels = row.get("relationships") if isinstance(row.get("relationships"), list) else []
                for i, nid in enumerate(v):
                    nodes.setdefault(nid, nid)
                    if i:
                        edges.append((v[i - 1], nid, str(rels[i - 1]) if i - 1 < len(rels) else ""))
        if len(row_nodes) >= 2:
            edges.extend((row_nodes[i], row_nodes[i + 1], "") for i in range(len(row_nodes) - 1))
        pair: tuple[Any, Any] | None = None
        if "source" in columns and "target" in columns:
            pair = (row.get("source"), row.get("target"))
        elif len(id_cols) >= 2:
            pair = (row.get(id_cols[0]), row.get(id_cols[1]))
        if pair and all(isinstance(x, str) for x in pair):
            a, b = pair
            nodes.setdefault(a, a)
            nodes.setdefault(b, b)
            label = row.get("type") or row.get("rel") or row.get("via") or ""
            edges.append((a, b, label if isinstance(label, str) else ", ".join(map(str, label))))
    return ResultGraph(nodes, edges)
