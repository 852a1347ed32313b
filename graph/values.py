"""Turn driver-specific values (nodes, relationships, paths, temporals) into plain Python."""

from __future__ import annotations

from typing import Any

from graph.store import plain_node, plain_rel

__all__ = ["from_falkordb", "from_neo4j"]


_SCALARS = frozenset({str, int, float, bool, type(None)})


def from_falkordb(value: Any) -> Any:
    if type(value) in _SCALARS:  # most values: no import, no isinstance chain (a 20k-row read converts 100k values)
        return value
    if type(value) is list:
        return [v if type(v) in _SCALARS else from_falkordb(v) for v in value]
    from falkordb import Edge, Node, Path

    if isinstance(value, Node):
        return plain_node(value.labels or [], {k: from_falkordb(v) for k, v in value.properties.items()})
    if isinstance(value, Edge):
        return plain_rel(value.relation, {k: from_falkordb(v) for k, v in value.properties.items()})
    if isinstance(value, Path):
        return [
            from_falkordb(x)
            for pair in zip(value.nodes(), value.edges() + [None], strict=False)
            for x in pair
            if x is not None
        ]
    if isinstance(value, list):
        return [from_falkordb(v) for v in value]
    if isinstance(value, dict):
        return {k: from_falkordb(v) for k, v in value.items()}
    return value


def from_neo4j(value: Any) -> Any:
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return plain_node(value.labels, {k: from_neo4j(v) for k, v in value.items()})
    if isinstance(value, Relationship):
        return plain_rel(value.type, {k: from_neo4j(v) for k, v in value.items()})
    if isinstance(value, Path):
        out: list[Any] = []
        for i, node in enumerate(value.nodes):
            out.append(from_neo4j(node))
            if i < len(value.relationships):
                out.append(from_neo4j(value.relationships[i]))
        return out
    if isinstance(value, list):
        return [from_neo4j(v) for v in value]
    if isinstance(value, dict):
        return {k: from_neo4j(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
