"""Derive the property-graph schema from ecosystem.ttl, once, as frozen records."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from errors import OntologyError
from ontology.namespace import CARTO

__all__ = [
    "ONTOLOGY_DIR",
    "Concept",
    "KindSpec",
    "LabelSpec",
    "RelSpec",
    "Schema",
    "load_ontology_graph",
    "load_schema",
]

ONTOLOGY_DIR = Path(__file__).resolve().parent
LANGS = ("fr", "en")


@dataclass(frozen=True)
class LabelSpec:
    """A node label: its key, the properties worth an index, the external ids it may carry."""

    label: str
    iri: str
    key: str
    indexed: tuple[str, ...] = ()
    external_ids: tuple[str, ...] = ()
    names: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RelSpec:
    """A relationship type with the labels it joins and the properties it may carry."""

    type: str
    iri: str
    source: str
    target: str
    properties: tuple[str, ...] = ()
    symmetric: bool = False
    names: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class KindSpec:
    """An actor kind: the `Actor.kind` value of an OWL subclass of carto:Actor."""

    value: str
    iri: str
    names: tuple[tuple[str, str], ...]
    stage: str

    def name(self, lang: str = "fr") -> str:
        return dict(self.names).get(lang) or dict(self.names).get("fr", self.value)


@dataclass(frozen=True)
class Concept:
    """A SKOS concept of one of the schemes (domain, axis, sector, market, technology, territory)."""

    id: str
    iri: str
    label: str
    names: tuple[tuple[str, str], ...]
    alt_labels: tuple[tuple[str, str], ...] = ()
    broader: tuple[str, ...] = ()
    priority: int | None = None
    strategy_source: str | None = None
    notation: str | None = None

    def name(self, lang: str = "fr") -> str:
        return dict(self.names).get(lang) or dict(self.names).get("fr", self.id)


@dataclass(frozen=True, eq=False)
class Schema:
    """Everything the code needs to know of the graph model; nothing else writes it down.

    Compared and hashed by identity: `load_schema` returns one shared instance.
    """

    labels: dict[str, LabelSpec]
    relationships: dict[str, RelSpec]
    kinds: dict[str, KindSpec]
    concepts: dict[str, Concept]
    concept_labels: tuple[str, ...] = field(default=())

    @property
    def node_labels(self) -> frozenset[str]:
        return frozenset(self.labels)

    @property
    def rel_types(self) -> frozenset[str]:
        return frozenset(self.relationships)

    def concepts_of(self, label: str) -> list[Concept]:
        """Concepts of one scheme, sorted by id, so outputs are stable."""
        return sorted((c for c in self.concepts.values() if c.label == label), key=lambda c: c.id)

    def departements(self) -> dict[str, str]:
        """Département code -> French name: the territories two levels below the country.

        The map, the filters and the outline builder all name départements; the ontology is
        where they are declared (with their INSEE code as skos:notation), so they read it here.
        """
        return {
            c.notation: c.name("fr")
            for c in self.concepts_of("Territory")
            if c.notation and any(self.concepts[b].broader for b in c.broader)
        }

    def ancestors(self, concept_id: str) -> list[str]:
        """Every broader concept, nearest first (the roll-up path)."""
        out: list[str] = []
        todo = list(self.concepts[concept_id].broader)
        while todo:
            nxt = todo.pop(0)
            if nxt not in out:
                out.append(nxt)
                todo.extend(self.concepts[nxt].broader)
        return out

    def relation_for_concept(self, concept_id: str) -> str:
        """The relationship type that links an actor to a concept of this scheme."""
        label = self.concept(concept_id).label
        for rel in self.relationships.values():
            if rel.source == "Actor" and rel.target == label:
                return rel.type
        raise OntologyError(f"no relationship links an Actor to a {label} in ecosystem.ttl")

    def concept(self, concept_id: str) -> Concept:
        try:
            return self.concepts[concept_id]
        except KeyError:
            raise OntologyError(f"unknown concept id {concept_id!r}: not declared in ecosystem.ttl") from None

    def kind(self, value: str) -> KindSpec:
        try:
            return self.kinds[value]
        except KeyError:
            allowed = ", ".join(sorted(self.kinds))
            raise OntologyError(f"unknown actor kind {value!r}; allowed: {allowed}") from None

    def label_for(self, key: str) -> LabelSpec:
        try:
            return self.labels[key]
        except KeyError:
            raise OntologyError(f"unknown node label {key!r}: not declared in ecosystem.ttl") from None

    def rel(self, rel_type: str) -> RelSpec:
        try:
            return self.relationships[rel_type]
        except KeyError:
            raise OntologyError(f"unknown relationship type {rel_type!r}: not declared in ecosystem.ttl") from None


def load_ontology_graph(path: Path | None = None) -> Graph:
    g = Graph()
    g.parse(path or ONTOLOGY_DIR / "ecosystem.ttl", format="turtle")
    g.bind("carto", CARTO._NS)
    return g


def _names(g: Graph, node: URIRef, prop: URIRef = RDFS.label) -> tuple[tuple[str, str], ...]:
    found = {o.language: str(o) for o in g.objects(node, prop) if isinstance(o, Literal) and o.language in LANGS}
    return tuple((lang, found[lang]) for lang in LANGS if lang in found)


def _one(g: Graph, node: URIRef, prop: URIRef) -> str | None:
    value = g.value(node, prop, any=False)
    return None if value is None else str(value)


def _label_of_class(g: Graph, cls: URIRef) -> str:
    label = _one(g, cls, CARTO.nodeLabel)
    if label is None:
        raise OntologyError(f"{cls} is used as a domain or range but has no carto:nodeLabel")
    return label


@cache
def load_schema(path: Path | None = None) -> Schema:
    """Read ecosystem.ttl once; every caller shares the same frozen Schema."""
    g = load_ontology_graph(path)
    labels: dict[str, LabelSpec] = {}
    for cls in sorted(g.subjects(CARTO.nodeLabel, None)):
        if (cls, RDF.type, OWL.Class) not in g:
            continue
        label = _one(g, cls, CARTO.nodeLabel)
        assert label is not None
        labels[label] = LabelSpec(
            label=label,
            iri=str(cls),
            key=_one(g, cls, CARTO.keyProperty) or "id",
            indexed=tuple(sorted(str(o) for o in g.objects(cls, CARTO.indexedProperty))),
            external_ids=tuple(sorted(str(o) for o in g.objects(cls, CARTO.externalId))),
            names=_names(g, cls),
        )
    rels: dict[str, RelSpec] = {}
    for prop in sorted(g.subjects(RDF.type, OWL.ObjectProperty)):
        rtype = _one(g, prop, CARTO.relType)
        if rtype is None:
            continue
        dom, rng = g.value(prop, RDFS.domain, any=False), g.value(prop, RDFS.range, any=False)
        if not isinstance(dom, URIRef) or not isinstance(rng, URIRef):
            raise OntologyError(f"{prop} needs one rdfs:domain and one rdfs:range")
        rels[rtype] = RelSpec(
            type=rtype,
            iri=str(prop),
            source=_label_of_class(g, dom),
            target=_label_of_class(g, rng),
            properties=tuple(sorted(str(o) for o in g.objects(prop, CARTO.edgeProperty))),
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in g,
            names=_names(g, prop),
        )
    kinds: dict[str, KindSpec] = {}
    for cls in sorted(g.subjects(CARTO.kindValue, None)):
        value = _one(g, cls, CARTO.kindValue)
        assert value is not None
        kinds[value] = KindSpec(value, str(cls), _names(g, cls), _one(g, cls, CARTO.valueChainStage) or "support")
    scheme_label = {s: _one(g, s, CARTO.nodeLabel) for s in g.subjects(RDF.type, SKOS.ConceptScheme)}
    concepts: dict[str, Concept] = {}
    for node in sorted(g.subjects(RDF.type, SKOS.Concept)):
        cid = str(node).rsplit("/", 1)[-1]
        scheme = g.value(node, SKOS.inScheme, any=False)
        label = scheme_label.get(scheme) if scheme is not None else None
        if label is None:
            raise OntologyError(f"concept {cid} is in no concept scheme with a carto:nodeLabel")
        alts = sorted(
            (str(o), o.language or "")
            for p in (SKOS.altLabel, SKOS.hiddenLabel)
            for o in g.objects(node, p)
            if isinstance(o, Literal)
        )
        prio = g.value(node, CARTO.strategicPriority, any=False)
        concepts[cid] = Concept(
            id=cid,
            iri=str(node),
            label=label,
            names=_names(g, node, SKOS.prefLabel),
            alt_labels=tuple(alts),
            broader=tuple(sorted(str(b).rsplit("/", 1)[-1] for b in g.objects(node, SKOS.broader))),
            priority=int(prio) if prio is not None else None,
            strategy_source=_one(g, node, CARTO.strategySource),
            notation=_one(g, node, SKOS.notation),
        )
    for c in concepts.values():
        for b in c.broader:
            if b not in concepts:
                raise OntologyError(f"concept {c.id} has broader {b}, which is not declared")
    concept_labels = tuple(sorted({c.label for c in concepts.values()}))
    return Schema(labels=labels, relationships=rels, kinds=kinds, concepts=concepts, concept_labels=concept_labels)
