"""The project's RDF namespaces, closed so that a misspelt term raises."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

__all__ = ["CARTO", "CONCEPT", "ID", "ONTOLOGY_IRI"]

ONTOLOGY_IRI = "https://w3id.org/carto-sante/ontology"


class CARTO(DefinedNamespace):
    """Terms of ecosystem.ttl (classes, properties, annotations)."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI + "#")

    # annotations
    nodeLabel: URIRef
    relType: URIRef
    keyProperty: URIRef
    indexedProperty: URIRef
    kindValue: URIRef
    valueChainStage: URIRef
    strategicPriority: URIRef
    strategySource: URIRef
    edgeProperty: URIRef
    externalId: URIRef
    # node classes
    Actor: URIRef
    Project: URIRef
    Source: URIRef
    Concept: URIRef
    Domain: URIRef
    Axis: URIRef
    Sector: URIRef
    Market: URIRef
    Technology: URIRef
    Territory: URIRef
    # data properties used in records and exports
    id: URIRef
    name: URIRef
    kind: URIRef
    title: URIRef
    programme: URIRef
    year: URIRef
    sources: URIRef
    departement: URIRef
    rnsr: URIRef
    siren: URIRef
    siret: URIRef
    pic: URIRef
    finess: URIRef
    ror: URIRef
    uai: URIRef
    wikidata: URIRef
    # object properties
    participatesIn: URIRef
    collaboratesWith: URIRef
    partnerOf: URIRef
    worksOn: URIRef
    contributesTo: URIRef
    inSector: URIRef
    targetsMarket: URIRef
    usesTechnology: URIRef
    addresses: URIRef
    supervisedBy: URIRef
    partOf: URIRef
    spunOffFrom: URIRef
    memberOf: URIRef
    hostedBy: URIRef
    locatedIn: URIRef
    fundedBy: URIRef
    broader: URIRef
    fromSource: URIRef


CONCEPT = Namespace("https://w3id.org/carto-sante/concept/")
ID = Namespace("https://w3id.org/carto-sante/id/")
