"""Whole-graph chores shared by tests, benchmarks and imports: emptying a store."""

from __future__ import annotations

from graph.store import GraphStore

__all__ = ["clear_graph", "snapshot"]

_DELETE_SOME = "MATCH (n) WITH n LIMIT $n DETACH DELETE n RETURN count(*) AS deleted"


def clear_graph(store: GraphStore, chunk: int = 20_000) -> int:
    """Delete every node and relationship, in chunks so one transaction never grows huge.

    A backend that can drop its whole graph at once (the embedded FalkorDB) does that instead:
    it is faster and avoids a FalkorDB fault after mass deletion (see FalkorDBStore.drop_graph).
    """
    drop = getattr(store, "drop_graph", None)
    if callable(drop):
        count = store.read("MATCH (n) RETURN count(n) AS n").rows
        drop()
        return int(count[0]["n"]) if count else 0
    total = 0
    while True:
        rows = store.write(_DELETE_SOME, {"n": chunk})
        deleted = rows[0]["deleted"] if rows else 0
        total += deleted
        if deleted == 0:
            return total


_ALL_NODES = "MATCH (n) RETURN n"
_ALL_RELS = "MATCH (a)-[r]->(b) RETURN a.id AS src, type(r) AS type, b.id AS dst, properties(r) AS props"


def snapshot(store: GraphStore) -> dict[str, list]:
    """Every node and relationship as sorted plain data: equal snapshots mean equal graphs."""
    nodes = [r["n"] for r in store.read(_ALL_NODES).rows]
    rels = [r for r in store.read(_ALL_RELS).rows]
    key = repr
    return {
        "nodes": sorted(nodes, key=lambda n: (n.get("id") or "", key(n))),
        "relationships": sorted(rels, key=lambda r: (r["src"] or "", r["type"], r["dst"] or "", key(r["props"]))),
    }
