"""Turtle (or JSON-LD) written by `graph.export` back into an empty store: the round trip.

The reader inverts the mapping documented in `graph/export.py`: `rdf:type` objects that are
classes of the ontology become labels, `carto:` literals and RDF lists become properties,
and each reified `rdf:Statement` becomes one relationship with its properties. Labels and
relationship types must be declared in ecosystem.ttl: they are the only words pasted into
Cypher, every value travels as a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from errors import StoreError
from graph.export import GraphSnapshot, primary_label, snapshot_from_rows
from graph.store import DEFAULT_BATCH, GraphStore
from ontology import Schema
from ontology.namespace import CARTO

__all__ = ["import_rdf", "read_rdf", "write_snapshot"]

_NS = str(CARTO._NS)


def _value(g: Graph, obj: Any) -> Any:
    if isinstance(obj, Literal):
        return obj.toPython()
    if obj == RDF.nil or isinstance(obj, BNode):
        return [_value(g, x) for x in Collection(g, obj)]
    raise StoreError(f"unexpected property value {obj!r}: expected a literal or an RDF list")


def _props(g: Graph, subject: URIRef) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for p, o in g.predicate_objects(subject):
        if isinstance(p, URIRef) and str(p).startswith(_NS) and (isinstance(o, (Literal, BNode)) or o == RDF.nil):
            out[str(p)[len(_NS) :]] = _value(g, o)
    return out


def read_rdf(source: Path | str, schema: Schema, fmt: str | None = None) -> GraphSnapshot:
    """Parse an export into a snapshot (no store involved), so it can be compared or written."""
    g = Graph()
    g.parse(str(source), format=fmt or ("json-ld" if str(source).endswith((".jsonld", ".json")) else "turtle"))
    labels_by_iri = {spec.iri: label for label, spec in schema.labels.items()}
    types_by_iri = {spec.iri: t for t, spec in schema.relationships.items()}
    node_rows: list[dict[str, Any]] = []
    labels_of: dict[URIRef, list[str]] = {}
    for s in sorted(set(g.subjects(RDF.type, None))):
        labels = sorted({labels_by_iri[str(o)] for o in g.objects(s, RDF.type) if str(o) in labels_by_iri})
        if not labels or not isinstance(s, URIRef):
            continue
        labels_of[s] = labels
        node_rows.append({"_labels": labels, **_props(g, s)})
    rel_rows: list[dict[str, Any]] = []
    for st in sorted(set(g.subjects(RDF.type, RDF.Statement))):
        a, p, b = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        if str(p) not in types_by_iri:
            raise StoreError(f"{st}: relationship {p} is not declared in ecosystem.ttl")
        if a not in labels_of or b not in labels_of:
            raise StoreError(f"{st}: an end of the relationship is not a node of the export ({a}, {b})")
        src = g.value(a, URIRef(_NS + "id"))
        dst = g.value(b, URIRef(_NS + "id"))
        rel_rows.append(
            {
                "src": str(src),
                "src_labels": labels_of[a],
                "dst": str(dst),
                "dst_labels": labels_of[b],
                "r": {"_type": types_by_iri[str(p)], **_props(g, st)},
            }
        )
    return snapshot_from_rows(node_rows, rel_rows)


def _check(schema: Schema, words: Iterable[str], what: str) -> None:
    allowed = schema.node_labels if what == "label" else schema.rel_types
    for w in words:
        if w not in allowed:
            raise StoreError(f"{what} {w!r} is not declared in ecosystem.ttl; refusing to write it")


def write_snapshot(
    store: GraphStore, snap: GraphSnapshot, schema: Schema, *, batch_size: int = DEFAULT_BATCH
) -> tuple[int, int]:
    """CREATE every node and relationship of `snap` in `store`, which must be empty."""
    if store.read("MATCH (n) RETURN n LIMIT 1").rows:
        raise StoreError(f"{store.uri} is not empty: import into an empty store (carto init on a new one)")
    by_labels: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for n in snap.nodes:
        by_labels.setdefault(n.labels, []).append({"props": n.props})
    nodes = 0
    for labels, rows in sorted(by_labels.items()):
        _check(schema, labels, "label")
        query = f"UNWIND $rows AS row CREATE (n:{':'.join(labels)}) SET n += row.props"
        nodes += store.write_batches(query, rows, batch_size=batch_size)
    by_shape: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[dict[str, Any]]] = {}
    for r in snap.relationships:
        by_shape.setdefault((r.type, r.src_labels, r.dst_labels), []).append(
            {"src": r.src[1], "dst": r.dst[1], "props": r.props}
        )
    rels = 0
    for (rel_type, src_labels, dst_labels), rows in sorted(by_shape.items()):
        _check(schema, [rel_type], "relationship type")
        _check(schema, [*src_labels, *dst_labels], "label")
        query = (
            "UNWIND $rows AS row "
            f"MATCH (a:{primary_label(src_labels)} {{id: row.src}}) "
            f"MATCH (b:{primary_label(dst_labels)} {{id: row.dst}}) "
            f"CREATE (a)-[r:{rel_type}]->(b) SET r += row.props"
        )
        rels += store.write_batches(query, rows, batch_size=batch_size)
    return nodes, rels


def import_rdf(store: GraphStore, source: Path | str, schema: Schema, fmt: str | None = None) -> tuple[int, int]:
    """Read an RDF export and write it into the empty `store`; returns (nodes, relationships)."""
    return write_snapshot(store, read_rdf(source, schema, fmt), schema)
