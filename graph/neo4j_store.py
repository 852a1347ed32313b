"""Neo4j 5 through the official driver: managed read/write transactions, explicit database."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from typing import Any

from errors import QueryError, QueryTimeout, ReadOnlyViolation, StoreError
from graph.ddl import neo4j_statements
from graph.store import DEFAULT_BATCH, ReadResult, batch_params
from graph.values import from_neo4j
from ontology import Schema

__all__ = ["Neo4jStore"]

log = logging.getLogger(__name__)

_PLAIN_ROWS = (dict, list)
"""Rows sent as they are: maps (`row.key`) or lists (`row[0]`, the loader's creates); other mappings are copied."""


def _translate(e: Exception, query: str) -> Exception:
    code = getattr(e, "code", "") or ""
    text = getattr(e, "message", None) or str(e)
    if "TransactionTimedOut" in code or "Timeout" in code or "terminated" in text.lower():
        return QueryTimeout(f"the query ran past its time limit and was stopped: {text}")
    if "AccessMode" in code or "Forbidden" in code or "read" in code.lower() and "write" in text.lower():
        return ReadOnlyViolation(f"refused: this is a read-only query path ({code}: {text})")
    return QueryError(f"Neo4j refused the query ({code}): {text}\n--- query ---\n{query[:2000]}")


class Neo4jStore:
    """GraphStore over a Neo4j 5 server; credentials come from the environment, never code.

    Environment: NEO4J_USER (default neo4j), NEO4J_PASSWORD, NEO4J_DATABASE (default neo4j).
    """

    def __init__(
        self, uri: str, *, user: str | None = None, password: str | None = None, database: str | None = None
    ) -> None:
        import neo4j

        self.uri = uri
        self.database = database or os.environ.get("NEO4J_DATABASE", "neo4j")
        auth = (user or os.environ.get("NEO4J_USER", "neo4j"), password or os.environ.get("NEO4J_PASSWORD", ""))
        self._driver = neo4j.GraphDatabase.driver(uri, auth=auth)
        try:
            self._driver.verify_connectivity()
        except Exception as e:
            self._driver.close()
            raise StoreError(f"cannot reach Neo4j at {uri} as {auth[0]!r}: {e}") from e

    def read(
        self,
        query: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        row_cap: int | None = None,
    ) -> ReadResult:
        import neo4j
        from neo4j.exceptions import Neo4jError

        @neo4j.unit_of_work(timeout=(timeout_ms / 1000.0) if timeout_ms else None)
        def work(tx: neo4j.ManagedTransaction) -> tuple[tuple[str, ...], list[dict[str, Any]], bool]:
            result = tx.run(query, dict(params or {}))
            columns = tuple(result.keys())
            rows: list[dict[str, Any]] = []
            truncated = False
            for record in result:
                if row_cap is not None and len(rows) >= row_cap:
                    truncated = True
                    break
                rows.append({k: from_neo4j(record[k]) for k in columns})
            return columns, rows, truncated

        try:
            with self._driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as s:
                columns, rows, truncated = s.execute_read(work)
        except Neo4jError as e:
            raise _translate(e, query) from e
        return ReadResult(columns, rows, truncated)

    def write(self, query: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        from neo4j.exceptions import Neo4jError

        def work(tx: Any) -> list[dict[str, Any]]:
            result = tx.run(query, dict(params or {}))
            return [{k: from_neo4j(v) for k, v in r.items()} for r in result]

        try:
            with self._driver.session(database=self.database) as s:
                return s.execute_write(work)
        except Neo4jError as e:
            raise _translate(e, query) from e

    def write_batches(
        self,
        query: str,
        rows: Sequence[Mapping[str, Any] | list[Any]],
        *,
        batch_size: int = DEFAULT_BATCH,
        params: Mapping[str, Any] | None = None,
    ) -> int:
        from neo4j.exceptions import Neo4jError

        fixed = batch_params(params)
        done = 0
        try:
            with self._driver.session(database=self.database) as s:
                for start in range(0, len(rows), batch_size):
                    chunk = [r if type(r) in _PLAIN_ROWS else dict(r) for r in rows[start : start + batch_size]]
                    s.execute_write(lambda tx, c=chunk: tx.run(query, {**fixed, "rows": c}).consume())
                    done += len(chunk)
        except Neo4jError as e:
            raise _translate(e, query) from e
        return done

    def apply_schema(self, schema: Schema) -> list[str]:
        statements = neo4j_statements(schema)
        with self._driver.session(database=self.database) as s:
            for stmt in statements:
                s.run(stmt).consume()
            s.run("CALL db.awaitIndexes(300)").consume()
        return statements

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
