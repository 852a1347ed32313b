"""Choose a backend from one URI: `falkordb:///path` (default) or `bolt://` / `neo4j://`."""

from __future__ import annotations

import os
from pathlib import Path

from errors import StoreError
from graph.store import GraphStore

__all__ = ["DEFAULT_STORE", "open_store", "store_uri"]

DEFAULT_STORE = "falkordb://.carto/graph"


def store_uri(uri: str | None = None) -> str:
    """The URI to use: the argument, else $CARTO_STORE, else the embedded default."""
    return uri or os.environ.get("CARTO_STORE") or DEFAULT_STORE


def open_store(uri: str | None = None) -> GraphStore:
    """Open the store a URI names.

    Examples
    --------
    >>> open_store("sqlite:///x")
    Traceback (most recent call last):
    ...
    errors.StoreError: unsupported store URI 'sqlite:///x': use falkordb:///path/to/dir, bolt://host:port or neo4j://host:port
    """
    uri = store_uri(uri)
    if uri.startswith("falkordb://"):
        from graph.falkordb_store import FalkorDBStore

        path = uri[len("falkordb://") :] or ".carto/graph"
        return FalkorDBStore(Path(path))
    if uri.startswith(("bolt://", "neo4j://", "bolt+s://", "neo4j+s://", "bolt+ssc://", "neo4j+ssc://")):
        from graph.neo4j_store import Neo4jStore

        return Neo4jStore(uri)
    raise StoreError(
        f"unsupported store URI {uri!r}: use falkordb:///path/to/dir, bolt://host:port or neo4j://host:port"
    )
