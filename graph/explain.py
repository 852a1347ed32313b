"""Ask the database how it would run a query, without running it: the console's gatekeeper.

The read-only transaction already refuses writes; the plan lets the console refuse, before
anything runs, what a read transaction still allows (`LOAD CSV`, procedure calls such as
Neo4j's `dbms.listConfig` or `db.clearQueryCaches`), and it is the database's own parser
that rejects a text holding more than one statement.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from errors import QueryError
from graph.store import GraphStore

__all__ = ["QueryPlan", "explain"]

_FALKOR_OP = re.compile(r"^\s*([A-Za-z][A-Za-z ]*?)\s*(?:\||$)")


@dataclass(frozen=True)
class QueryPlan:
    """The operators of a plan, normalised to CamelCase without spaces or backend suffix.

    `query_type` is Neo4j's statement type ('r' read only, 'rw', 'w', 's' schema/system);
    FalkorDB does not report one (None).
    """

    operators: tuple[str, ...]
    details: tuple[str, ...]
    query_type: str | None


def _norm(op: str) -> str:
    return op.split("@", 1)[0].replace(" ", "")


def explain(store: GraphStore, query: str, params: Mapping[str, Any] | None = None) -> QueryPlan:
    """The plan of `query` on `store`; a query the database cannot plan raises QueryError.

    Examples
    --------
    >>> _norm("Load CSV"), _norm("LoadCSV@neo4j")
    ('LoadCSV', 'LoadCSV')
    """
    from graph.falkordb_store import FalkorDBStore
    from graph.neo4j_store import Neo4jStore

    if isinstance(store, FalkorDBStore):
        return _explain_falkordb(store, query, params)
    if isinstance(store, Neo4jStore):
        return _explain_neo4j(store, query, params)
    raise QueryError(f"cannot ask {type(store).__name__} for a query plan")


def _explain_falkordb(store: Any, query: str, params: Mapping[str, Any] | None) -> QueryPlan:
    try:
        header = store._graph._build_params_header(dict(params)) if params else ""
        raw = store._graph.execute_command("GRAPH.EXPLAIN", store._graph.name, header + query)
    except Exception as e:
        raise QueryError(f"FalkorDB cannot plan this query: {e}") from e
    if not isinstance(raw, list):
        raise QueryError(f"FalkorDB gave no plan for this query: {raw!r}")
    lines = [x.decode() if isinstance(x, bytes) else str(x) for x in raw]
    ops, details = [], []
    for line in lines:
        m = _FALKOR_OP.match(line)
        if m:
            ops.append(_norm(m.group(1)))
            details.append(line.strip())
    return QueryPlan(tuple(ops), tuple(details), None)


def _explain_neo4j(store: Any, query: str, params: Mapping[str, Any] | None) -> QueryPlan:
    import neo4j
    from neo4j.exceptions import Neo4jError

    def work(tx: neo4j.ManagedTransaction) -> tuple[str | None, Any]:
        summary = tx.run("EXPLAIN " + query, dict(params or {})).consume()
        return summary.query_type, summary.plan

    try:
        with store._driver.session(database=store.database, default_access_mode=neo4j.READ_ACCESS) as s:
            query_type, plan = s.execute_read(work)
    except Neo4jError as e:
        raise QueryError(f"Neo4j cannot plan this query: {getattr(e, 'message', None) or e}") from e
    ops: list[str] = []
    details: list[str] = []

    def walk(node: Mapping[str, Any]) -> None:
        ops.append(_norm(str(node.get("operatorType", ""))))
        details.append(str((node.get("args") or {}).get("Details") or ""))
        for child in node.get("children") or []:
            walk(child)

    if plan:
        walk(plan)
    return QueryPlan(tuple(ops), tuple(details), query_type)
