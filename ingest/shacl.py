"""The RDF form of a batch, validated by pyshacl against shapes.ttl and the ontology.

Bulk loads use the compiled rules of ontology/rules.py; this is the reference check that
those rules implement the shapes (the seed passes both; a test compares them).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ingest.records import Batch
from ontology import Schema
from ontology.namespace import CARTO, CONCEPT, ID
from ontology.schema import ONTOLOGY_DIR, load_ontology_graph

__all__ = ["ShaclResult", "batch_to_rdf", "validate_batch"]


@dataclass(frozen=True)
class ShaclResult:
    conforms: bool
    focus_nodes: tuple[str, ...]
    text: str


def _node_iri(schema: Schema, label: str, node_id: str) -> URIRef:
    return URIRef(CONCEPT[node_id]) if label in schema.concept_labels else URIRef(ID[node_id])


def batch_to_rdf(batch: Batch, schema: Schema) -> Graph:
    g = Graph()
    g.bind("carto", CARTO._NS)
    for rec in batch.nodes:
        subject = _node_iri(schema, rec.label, rec.id)
        if rec.label == "Actor":
            kind = rec.props.get("kind")
            cls = URIRef(schema.kinds[kind].iri) if kind in schema.kinds else URIRef(CARTO.Actor)
            g.add((subject, RDF.type, cls))
            if kind is not None:
                g.add((subject, CARTO.kind, Literal(str(kind))))
        elif rec.label in schema.concept_labels:
            g.add((subject, RDF.type, URIRef(schema.labels[rec.label].iri)))
        else:
            g.add((subject, RDF.type, URIRef(schema.labels[rec.label].iri)))
        g.add((subject, CARTO.id, Literal(rec.id)))
        g.add((subject, CARTO.sources, Literal(rec.origin.source)))
        for key, value in rec.props.items():
            if key == "kind" or value is None:
                continue
            pred = URIRef(CARTO._NS[key])
            for v in value if isinstance(value, list) else [value]:
                lit = (
                    Literal(v, datatype=XSD.integer)
                    if isinstance(v, int) and not isinstance(v, bool)
                    else Literal(str(v))
                )
                g.add((subject, pred, lit))
    for link in batch.links:
        rel = schema.relationships.get(link.type)
        if rel is None:
            continue
        g.add((_node_iri(schema, link.source_label, link.source_id), URIRef(rel.iri),
               _node_iri(schema, link.target_label, link.target_id)))  # fmt: skip
    return g


def validate_batch(batch: Batch, schema: Schema, *, with_concepts: bool = True) -> ShaclResult:
    """pyshacl over the batch plus the ontology (for classes of concepts and subclass reasoning)."""
    import pyshacl

    data = batch_to_rdf(batch, schema)
    if with_concepts:
        data += load_ontology_graph()
        for c in schema.concepts.values():
            data.add((URIRef(c.iri), RDF.type, URIRef(schema.labels[c.label].iri)))
            data.add((URIRef(c.iri), CARTO.id, Literal(c.id)))
    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=load_ontology_graph(), inference="rdfs"
    )
    sh = "http://www.w3.org/ns/shacl#"
    focus = sorted({str(o) for o in report.objects(None, URIRef(sh + "focusNode"))})
    return ShaclResult(bool(conforms), tuple(focus), str(text))
