"""Constraints and indexes generated from the ontology, one dialect per backend."""

from __future__ import annotations

from ontology import Schema

__all__ = ["falkordb_indexes", "neo4j_statements", "indexed_properties"]


def indexed_properties(schema: Schema) -> list[tuple[str, str]]:
    """(label, property) pairs worth an index: keys, declared indexes, external ids; sorted."""
    pairs = set()
    for spec in schema.labels.values():
        pairs.add((spec.label, spec.key))
        pairs.update((spec.label, p) for p in spec.indexed)
        pairs.update((spec.label, p) for p in spec.external_ids)
    return sorted(pairs)


def neo4j_statements(schema: Schema) -> list[str]:
    """Neo4j 5 DDL: a uniqueness constraint on each label's key, an index on the rest.

    Labels and properties come from the ontology's allow-list, never from users.

    Examples
    --------
    >>> from ontology import load_schema
    >>> [s for s in neo4j_statements(load_schema()) if "actor_id" in s]
    ['CREATE CONSTRAINT actor_id_unique IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE']
    """
    out = []
    keys = {(s.label, s.key) for s in schema.labels.values()}
    for label, prop in indexed_properties(schema):
        name = f"{label.lower()}_{prop}"
        if (label, prop) in keys:
            out.append(f"CREATE CONSTRAINT {name}_unique IF NOT EXISTS FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE")
        else:
            out.append(f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")
    return out


def falkordb_indexes(schema: Schema) -> list[tuple[str, str, bool]]:
    """(label, property, unique) for FalkorDB: range indexes, plus unique constraints on keys."""
    keys = {(s.label, s.key) for s in schema.labels.values()}
    return [(label, prop, (label, prop) in keys) for label, prop in indexed_properties(schema)]
