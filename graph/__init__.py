"""The stores: one GraphStore interface, an embedded FalkorDB backend and a Neo4j backend."""

from graph.maintenance import clear_graph, snapshot
from graph.open import DEFAULT_STORE, open_store, store_uri
from graph.store import DEFAULT_BATCH, GraphStore, ReadResult

__all__ = [
    "DEFAULT_BATCH",
    "DEFAULT_STORE",
    "GraphStore",
    "ReadResult",
    "clear_graph",
    "open_store",
    "snapshot",
    "store_uri",
]
