"""The ontology's concept schemes as graph nodes, with BROADER links for roll-ups."""

from __future__ import annotations

from ingest.records import Batch, LinkRecord, NodeRecord, Origin
from ontology import Schema

__all__ = ["concept_batch", "ONTOLOGY_SOURCE"]

ONTOLOGY_SOURCE = "ontology"


def concept_batch(schema: Schema) -> Batch:
    """Every concept of ecosystem.ttl, one "row" each, so the reconciliation holds here too."""
    batch = Batch(source=ONTOLOGY_SOURCE, files=["ecosystem.ttl"])
    for row, c in enumerate(sorted(schema.concepts.values(), key=lambda c: c.id), start=1):
        origin = Origin(ONTOLOGY_SOURCE, "ecosystem.ttl", row, c.id, c.strategy_source)
        batch.read_row(origin.file, row)
        props = {
            "name": c.name("fr"),
            "name_fr": c.name("fr"),
            "name_en": c.name("en"),
            "scheme": c.label,
            "iri": c.iri,
            "priority": c.priority,
            "notation": c.notation,
            "keywords": sorted({text for text, _lang in c.alt_labels}) or None,
        }
        batch.nodes.append(
            NodeRecord(c.label, c.id, {k: v for k, v in props.items() if v is not None}, origin, ("Concept",))
        )
        for b in c.broader:
            batch.links.append(LinkRecord("BROADER", c.label, c.id, schema.concept(b).label, b, {}, origin))
    return batch
