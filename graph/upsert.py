"""Batched, idempotent upserts: `UNWIND $rows AS row MERGE …`, generated per label and type.

Labels and relationship types are interpolated from the ontology's allow-list only (a
KeyError-like OntologyError otherwise); every value travels as a parameter.

Two forms per label and type: the upsert (MERGE, then append provenance to the lists the
graph already holds) for what the store already has, and the create (CREATE, then one SET
of every property and provenance list) for what the loader found absent just before
writing. Property names in a create come from the load's data, so only plain names
(`PROPERTY_NAME`) are spelled into the query; the loader sends anything else by upsert. Creating is 2-3× cheaper for the server than merging (no unique-index probe, no
list arithmetic per property); the unique constraint on every label's key still refuses a
duplicate node, so a create never silently doubles a node.
"""

from __future__ import annotations

import re
from functools import cache

from ontology import Schema

__all__ = [
    "APPENDED_PROPS",
    "node_upsert_query",
    "node_create_query",
    "link_upsert_query",
    "link_create_query",
    "existing_nodes_query",
    "existing_links_query",
    "any_node_query",
    "PROPERTY_NAME",
]

PROPERTY_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
"""Property names a create query spells out; a load with other names takes the upsert path."""

# Append new values to a list property, keeping order and never duplicating: re-running a
# load leaves the list exactly as it was.
_APPENDED = "coalesce({v}.{p}, []) + [x IN row.{p} WHERE NOT x IN coalesce({v}.{p}, [])]"
_APPEND = "{v}.{p} = " + _APPENDED
_PROV_LISTS = ("sources", "prov_files", "prov_keys", "evidence")
APPENDED_PROPS = ("names", "aliases")
"""List properties an upsert adds to what a node holds instead of replacing it (an actor's names and
the ids of the records merged into it: every spelling and record it was ever loaded under stays
known). The loader sends them beside `props`."""


def _append_all(var: str) -> str:
    return ",\n    ".join(_APPEND.format(v=var, p=p) for p in _PROV_LISTS)


def _append_names(var: str) -> str:
    """The same append as the provenance lists', for lists a row may leave out (then kept as they are)."""
    return ",\n    ".join(
        f"{var}.{p} = CASE WHEN row.{p} IS NULL THEN {var}.{p} ELSE {_APPENDED.format(v=var, p=p)} END"
        for p in APPENDED_PROPS
    )


@cache
def node_upsert_query(schema: Schema, label: str, extra_labels: tuple[str, ...] = ()) -> str:
    spec = schema.label_for(label)
    for extra in extra_labels:
        schema.label_for(extra)
    add_labels = "".join(f", n:{x}" for x in extra_labels)
    return (
        "UNWIND $rows AS row\n"
        f"MERGE (n:{spec.label} {{{spec.key}: row.id}})\n"
        "ON CREATE SET n.first_loaded_at = row.loaded_at\n"
        f"SET n += row.props{add_labels},\n    {_append_all('n')},\n    {_append_names('n')}\n"
        "RETURN count(n) AS written"
    )


def _assignments(var: str, columns: tuple[str, ...], first: int, consts: tuple[str, ...]) -> str:
    """`var.name = row[i]` for each of `columns`, then `var.name = $name` for each of `consts`."""
    for name in (*columns, *consts):
        if not PROPERTY_NAME.fullmatch(name):
            raise ValueError(f"not a plain property name: {name!r}")
    if "rows" in consts:
        raise ValueError("$rows holds the rows: a property named 'rows' must be a row column")
    return ", ".join(
        [f"{var}.{name} = row[{first + i}]" for i, name in enumerate(columns)]
        + [f"{var}.{name} = ${name}" for name in consts]
    )


@cache
def node_create_query(
    schema: Schema, label: str, extra_labels: tuple[str, ...], columns: tuple[str, ...], consts: tuple[str, ...] = ()
) -> str:
    """Create nodes absent from the store; each row is the list of their `columns` values (null: unset).

    Rows are lists, not maps: the embedded store's parameter text then needs no key
    rewriting, and a null on a new node simply leaves the property out. `consts` are the
    properties whose value is the same on every row (the load time, the source, the
    file): each is one query parameter of its own name, sent once per batch.
    """
    spec = schema.label_for(label)
    for extra in extra_labels:
        schema.label_for(extra)
    labels = "".join(f":{x}" for x in (spec.label, *extra_labels))
    sets = _assignments("n", columns, 0, consts)
    return f"UNWIND $rows AS row\nCREATE (n{labels})\nSET {sets}\nRETURN count(n) AS written"


def _match_ends(schema: Schema, source_label: str, target_label: str, src_key: str, dst_key: str) -> str:
    """The two ends of each row's relationship, `a` and `b`, found by their keys."""
    src, dst = schema.label_for(source_label), schema.label_for(target_label)
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{src.label} {{{src.key}: {src_key}}})\n"
        f"MATCH (b:{dst.label} {{{dst.key}: {dst_key}}})\n"
    )


@cache
def link_create_query(
    schema: Schema,
    rel_type: str,
    source_label: str,
    target_label: str,
    columns: tuple[str, ...],
    consts: tuple[str, ...] = (),
) -> str:
    """Create relationships absent from the store; rows are [source key, target key, *`columns` values].

    `consts` as in `node_create_query`: properties set from a parameter of their name.
    """
    rel = schema.rel(rel_type)
    return (
        _match_ends(schema, source_label, target_label, "row[0]", "row[1]") + f"CREATE (a)-[r:{rel.type}]->(b)\n"
        f"SET {_assignments('r', columns, 2, consts)}\n"
        "RETURN count(r) AS written"
    )


@cache
def link_upsert_query(schema: Schema, rel_type: str, source_label: str, target_label: str) -> str:
    rel = schema.rel(rel_type)
    return (
        _match_ends(schema, source_label, target_label, "row.src", "row.dst") + f"MERGE (a)-[r:{rel.type}]->(b)\n"
        "ON CREATE SET r.first_loaded_at = row.loaded_at\n"
        f"SET r += row.props,\n    {_append_all('r')}\n"
        "RETURN count(r) AS written"
    )


@cache
def existing_nodes_query(schema: Schema, label: str) -> str:
    spec = schema.label_for(label)
    return f"UNWIND $ids AS id MATCH (n:{spec.label} {{{spec.key}: id}}) RETURN n.{spec.key} AS id"


@cache
def any_node_query(schema: Schema, label: str) -> str:
    """One node of `label`, if the store holds any: a first load need not look its ids up one by one."""
    spec = schema.label_for(label)
    return f"MATCH (n:{spec.label}) RETURN n.{spec.key} AS id LIMIT 1"


@cache
def existing_links_query(schema: Schema, rel_type: str, source_label: str, target_label: str) -> str:
    rel = schema.rel(rel_type)
    src, dst = schema.label_for(source_label), schema.label_for(target_label)
    return (
        "UNWIND $pairs AS p\n"
        f"MATCH (a:{src.label} {{{src.key}: p[0]}})-[:{rel.type}]->(b:{dst.label} {{{dst.key}: p[1]}})\n"
        "RETURN DISTINCT a.id AS src, b.id AS dst"
    )
