"""Whole-graph chores shared by tests, benchmarks and imports: emptying a store."""

from __future__ import annotations

from graph.store import GraphStore

__all__ = ["clear_graph"]

_DELETE_SOME = "MATCH (n) WITH n LIMIT $n DETACH DELETE n RETURN count(*) AS deleted"


def clear_graph(store: GraphStore, chunk: int = 20_000) -> int:
    """Delete every node and relationship, in chunks so one transaction never grows huge."""
    total = 0
    while True:
        rows = store.write(_DELETE_SOME, {"n": chunk})
        deleted = rows[0]["deleted"] if rows else 0
        total += deleted
        if deleted == 0:
            return total
