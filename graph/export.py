"""The whole graph out to the tools analysts already use: RDF (Turtle, JSON-LD), GEXF, CSV.

Every export starts from one `GraphSnapshot`: all nodes and relationships with all their
properties, read in a read transaction and sorted, so two exports of the same graph are the
same bytes on either backend (the console's security tests compare them).

RDF mapping (the ontology's IRIs, see `ontology/namespace.py`):

- a node is `CONCEPT:<id>` when it is a SKOS concept, else `ID:<id>`; each of its labels is
  an `rdf:type` (the class IRI declared in ecosystem.ttl); each property `p` is
  `carto:p`; a list property is an RDF list, so its order survives the round trip;
- a relationship is the direct triple `<a> carto:worksOn <b>` (linked data as expected),
  plus a reified `rdf:Statement` at `ID:rel/<a>/<TYPE>/<b>` that carries its properties.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from errors import StoreError
from graph.store import GraphStore
from ontology import Schema
from ontology.namespace import CARTO, CONCEPT, ID

__all__ = [
    "EXPORT_FORMATS",
    "GraphSnapshot",
    "NodeRow",
    "RelRow",
    "export_graph",
    "node_iri",
    "rel_iri",
    "snapshot",
    "snapshot_from_rows",
    "to_csv_dir",
    "to_gexf",
    "to_jsonld",
    "to_rdf_graph",
    "to_turtle",
]

EXPORT_FORMATS = ("ttl", "jsonld", "csv", "gexf")

_ALL_NODES = "MATCH (n) RETURN n"
_ALL_RELS = "MATCH (a)-[r]->(b) RETURN a.id AS src, labels(a) AS src_labels, r, b.id AS dst, labels(b) AS dst_labels"
_CONCEPT = "Concept"


@dataclass(frozen=True)
class NodeRow:
    """One node: its labels (sorted) and its properties (key order sorted)."""

    labels: tuple[str, ...]
    props: dict[str, Any] = field(hash=False)

    @property
    def id(self) -> str:
        return str(self.props["id"])

    @property
    def key(self) -> tuple[str, str]:
        return (primary_label(self.labels), self.id)


@dataclass(frozen=True)
class RelRow:
    """One relationship, named by its end nodes' keys and its type."""

    type: str
    src: tuple[str, str]
    dst: tuple[str, str]
    src_labels: tuple[str, ...]
    dst_labels: tuple[str, ...]
    props: dict[str, Any] = field(hash=False)


@dataclass(frozen=True)
class GraphSnapshot:
    """All nodes and relationships, sorted; `canonical()` is the byte-stable JSON form."""

    nodes: tuple[NodeRow, ...]
    relationships: tuple[RelRow, ...]

    def canonical(self) -> str:
        data = {
            "nodes": [{"labels": list(n.labels), "props": n.props} for n in self.nodes],
            "relationships": [
                {"type": r.type, "src": list(r.src), "dst": list(r.dst), "props": r.props} for r in self.relationships
            ],
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)


def primary_label(labels: Iterable[str]) -> str:
    """The most specific label: a concept's scheme (Domain, Axis…) rather than Concept.

    Examples
    --------
    >>> primary_label(["Concept", "Domain"]), primary_label(["Actor"])
    ('Domain', 'Actor')
    """
    labels = sorted(labels)
    specific = [x for x in labels if x != _CONCEPT]
    return specific[0] if specific else (labels[0] if labels else "")


def snapshot_from_rows(node_rows: Iterable[Mapping[str, Any]], rel_rows: Iterable[Mapping[str, Any]]) -> GraphSnapshot:
    nodes = []
    for n in node_rows:
        props = {k: v for k, v in n.items() if k != "_labels"}
        if props.get("id") is None:
            raise StoreError(f"cannot export a node without an id property: labels {n.get('_labels')}, {props}")
        nodes.append(NodeRow(tuple(sorted(n["_labels"])), dict(sorted(props.items()))))
    rels = []
    for r in rel_rows:
        props = {k: v for k, v in r["r"].items() if k != "_type"}
        src_labels, dst_labels = tuple(sorted(r["src_labels"])), tuple(sorted(r["dst_labels"]))
        rels.append(
            RelRow(
                type=r["r"]["_type"],
                src=(primary_label(src_labels), str(r["src"])),
                dst=(primary_label(dst_labels), str(r["dst"])),
                src_labels=src_labels,
                dst_labels=dst_labels,
                props=dict(sorted(props.items())),
            )
        )
    nodes.sort(key=lambda n: (n.key, n.labels))
    rels.sort(key=lambda r: (r.src, r.type, r.dst, json.dumps(r.props, sort_keys=True, default=str)))
    return GraphSnapshot(tuple(nodes), tuple(rels))


def snapshot(store: GraphStore) -> GraphSnapshot:
    """Read the whole graph in read transactions (no row cap, no timeout)."""
    nodes = store.read(_ALL_NODES).rows
    rels = store.read(_ALL_RELS).rows
    return snapshot_from_rows((r["n"] for r in nodes), rels)


# -- RDF ------------------------------------------------------------------------------------
def _local(value: str) -> str:
    return quote(value, safe="-._~")


def node_iri(labels: Iterable[str], node_id: str) -> Any:
    """`CONCEPT:<id>` for a SKOS concept node, `ID:<id>` for anything else."""
    from rdflib import URIRef

    return URIRef(CONCEPT[_local(node_id)] if _CONCEPT in set(labels) else ID[_local(node_id)])


def rel_iri(rel: RelRow) -> Any:
    from rdflib import URIRef

    return URIRef(ID[f"rel/{_local(rel.src[1])}/{rel.type}/{_local(rel.dst[1])}"])


def class_iri(schema: Schema, label: str) -> Any:
    from rdflib import URIRef

    spec = schema.labels.get(label)
    return URIRef(spec.iri if spec else CARTO._NS[label])


def predicate_iri(schema: Schema, rel_type: str) -> Any:
    from rdflib import URIRef

    spec = schema.relationships.get(rel_type)
    return URIRef(spec.iri if spec else CARTO._NS[rel_type])


def property_iri(prop: str) -> Any:
    from rdflib import URIRef

    return URIRef(CARTO._NS[prop])


@dataclass(frozen=True)
class LangText:
    """A language-tagged literal (skos:prefLabel "Cancers"@en)."""

    text: str
    lang: str


def _describe(snap: GraphSnapshot, schema: Schema) -> Iterator[tuple[Any, list[tuple[Any, Any]]]]:
    """Every RDF statement of the export, grouped by subject, in the snapshot's order.

    Values are a URIRef (a resource), a LangText, a Python scalar (a typed literal) or a
    list (an RDF list). The three writers (rdflib graph, Turtle, JSON-LD) share this.
    """
    from rdflib import RDF, RDFS, SKOS

    for n in snap.nodes:
        pairs: list[tuple[Any, Any]] = [(RDF.type, class_iri(schema, label)) for label in n.labels]
        if _CONCEPT in n.labels:
            pairs.append((RDF.type, SKOS.Concept))
            for lang in ("fr", "en"):
                if isinstance(n.props.get(f"name_{lang}"), str):
                    pairs.append((SKOS.prefLabel, LangText(n.props[f"name_{lang}"], lang)))
        elif isinstance(n.props.get("name") or n.props.get("title"), str):
            pairs.append((RDFS.label, n.props.get("name") or n.props.get("title")))
        pairs += [(property_iri(k), v) for k, v in n.props.items() if v is not None]
        yield node_iri(n.labels, n.id), pairs
    for r in snap.relationships:
        a, b = node_iri(r.src_labels, r.src[1]), node_iri(r.dst_labels, r.dst[1])
        p = predicate_iri(schema, r.type)
        yield a, [(p, b)]
        pairs = [(RDF.type, RDF.Statement), (RDF.subject, a), (RDF.predicate, p), (RDF.object, b)]
        pairs += [(property_iri(k), v) for k, v in r.props.items() if v is not None]
        yield rel_iri(r), pairs


def _rdf_value(g: Any, value: Any) -> Any:
    from rdflib import BNode, Literal, URIRef
    from rdflib.collection import Collection

    if isinstance(value, URIRef):
        return value
    if isinstance(value, LangText):
        return Literal(value.text, lang=value.lang)
    if isinstance(value, (list, tuple)):
        head = BNode()
        Collection(g, head, [_rdf_value(g, v) for v in value])
        return head
    if isinstance(value, dict):
        return Literal(json.dumps(value, ensure_ascii=False, sort_keys=True))
    return Literal(value)


def _prefixes() -> dict[str, str]:
    from rdflib import RDF, RDFS, SKOS, XSD

    return {
        "carto": str(CARTO._NS),
        "concept": str(CONCEPT),
        "id": str(ID),
        "rdf": str(RDF),
        "rdfs": str(RDFS),
        "skos": str(SKOS),
        "xsd": str(XSD),
    }


def to_rdf_graph(snap: GraphSnapshot, schema: Schema) -> Any:
    """An rdflib Graph of the snapshot with the project's prefixes bound (for RDF tooling)."""
    from rdflib import Graph

    g = Graph()
    for prefix, ns in _prefixes().items():
        g.bind(prefix, ns)
    for subject, pairs in _describe(snap, schema):
        for p, v in pairs:
            g.add((subject, p, _rdf_value(g, v)))
    return g


_PN_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?$")


def _compact(iri: str, prefixes: Mapping[str, str]) -> str | None:
    for prefix, ns in prefixes.items():
        if iri.startswith(ns) and _PN_LOCAL.match(iri[len(ns) :]):
            return f"{prefix}:{iri[len(ns) :]}"
    return None


def _ttl_term(value: Any, prefixes: Mapping[str, str]) -> str:
    from rdflib import Literal, URIRef

    if isinstance(value, URIRef):
        return _compact(str(value), prefixes) or f"<{value}>"
    if isinstance(value, LangText):
        return Literal(value.text, lang=value.lang).n3()
    if isinstance(value, (list, tuple)):
        return "( " + " ".join(_ttl_term(v, prefixes) for v in value) + " )" if value else "()"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return Literal(value).n3()


def to_turtle(snap: GraphSnapshot, schema: Schema) -> str:
    """Turtle written straight from the snapshot, in its order.

    The statements are those of `to_rdf_graph`; writing them here keeps the bytes a function
    of the graph only, and is fast (rdflib's serializer takes minutes on a few thousand actors).
    """
    from rdflib import RDF

    prefixes = _prefixes()
    out = [f"@prefix {p}: <{ns}> ." for p, ns in prefixes.items()]
    for subject, pairs in _describe(snap, schema):
        lines = []
        for p, v in pairs:
            pred = "a" if p == RDF.type else _ttl_term(p, prefixes)
            lines.append(f"    {pred} {_ttl_term(v, prefixes)}")
        out.append("\n" + _ttl_term(subject, prefixes) + "\n" + " ;\n".join(lines) + " .")
    return "\n".join(out) + "\n"


def _jsonld_value(value: Any, prefixes: Mapping[str, str]) -> Any:
    from rdflib import URIRef

    if isinstance(value, URIRef):
        return {"@id": _compact(str(value), prefixes) or str(value)}
    if isinstance(value, LangText):
        return {"@value": value.text, "@language": value.lang}
    if isinstance(value, (list, tuple)):
        return {"@list": [_jsonld_value(v, prefixes) for v in value]}
    if isinstance(value, float):
        return {"@value": value, "@type": "xsd:double"}
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value  # str, int and bool are xsd:string, xsd:integer and xsd:boolean in JSON-LD


def to_jsonld(snap: GraphSnapshot, schema: Schema) -> str:
    """JSON-LD (flattened: one object per subject block) with the project's prefixes as context."""
    from rdflib import RDF

    prefixes = _prefixes()
    graph = []
    for subject, pairs in _describe(snap, schema):
        obj: dict[str, Any] = {"@id": _compact(str(subject), prefixes) or str(subject)}
        for p, v in pairs:
            if p == RDF.type:
                obj.setdefault("@type", []).append(_compact(str(v), prefixes) or str(v))
            else:
                obj.setdefault(_compact(str(p), prefixes) or str(p), []).append(_jsonld_value(v, prefixes))
        graph.append(obj)
    return json.dumps({"@context": prefixes, "@graph": graph}, ensure_ascii=False, indent=1) + "\n"


# -- GEXF and CSV ---------------------------------------------------------------------------
def _flat(value: Any) -> Any:
    """GEXF and CSV cells hold scalars: lists and maps become JSON text."""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _display(n: NodeRow) -> str:
    for k in ("name", "acronym", "title", "name_fr"):
        if isinstance(n.props.get(k), str) and n.props[k]:
            return n.props[k]
    return n.id


def to_gexf(snap: GraphSnapshot, path: Path) -> None:
    """A directed multigraph for Gephi: node key `Label:id`, edge key the relationship type."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for n in snap.nodes:
        attrs = {f"p_{k}": _flat(v) for k, v in n.props.items() if v is not None}
        # GEXF wants one type per attribute: keep strings as strings, numbers as numbers.
        g.add_node(":".join(n.key), label=_display(n), labels=":".join(n.labels), **attrs)
    for r in snap.relationships:
        attrs = {f"p_{k}": _flat(v) for k, v in r.props.items() if v is not None}
        g.add_edge(":".join(r.src), ":".join(r.dst), key=r.type, label=r.type, type_=r.type, **attrs)
    _unify_attribute_types(g)
    nx.write_gexf(g, path)


def _unify_attribute_types(g: Any) -> None:
    """Make each attribute one type across nodes (and edges): mixed ones become text."""
    for items in (list(g.nodes(data=True)), [(None, d) for *_, d in g.edges(keys=True, data=True)]):
        kinds: dict[str, set[type]] = {}
        for _, d in items:
            for k, v in d.items():
                kinds.setdefault(k, set()).add(type(v))
        mixed = {k for k, ts in kinds.items() if len(ts) > 1}
        for _, d in items:
            for k in mixed & set(d):
                d[k] = str(d[k])


def to_csv_dir(snap: GraphSnapshot, out_dir: Path) -> list[Path]:
    """`nodes_<Label>.csv` per most specific label and `rels_<TYPE>.csv` per type."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    by_label: dict[str, list[NodeRow]] = {}
    for n in snap.nodes:
        by_label.setdefault(n.key[0], []).append(n)
    for label, nodes in sorted(by_label.items()):
        cols = ["id", "labels"] + sorted({k for n in nodes for k in n.props} - {"id"})
        path = out_dir / f"nodes_{label}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(cols)
            for n in nodes:
                row = {**n.props, "labels": ":".join(n.labels)}
                w.writerow(["" if row.get(c) is None else _flat(row.get(c)) for c in cols])
        written.append(path)
    by_type: dict[str, list[RelRow]] = {}
    for r in snap.relationships:
        by_type.setdefault(r.type, []).append(r)
    for rel_type, rels in sorted(by_type.items()):
        cols = sorted({k for r in rels for k in r.props})
        path = out_dir / f"rels_{rel_type}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["source_label", "source_id", "target_label", "target_id", *cols])
            for r in rels:
                w.writerow([*r.src, *r.dst, *("" if r.props.get(c) is None else _flat(r.props[c]) for c in cols)])
        written.append(path)
    return written


def export_graph(store: GraphStore, schema: Schema, fmt: str, out: Path) -> GraphSnapshot:
    """Write the whole graph to `out` in `fmt` (a directory for csv); return what was written."""
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    snap = snapshot(store)
    if fmt == "csv":
        to_csv_dir(snap, out)
        return snap
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "ttl":
        out.write_text(to_turtle(snap, schema), encoding="utf-8")
    elif fmt == "jsonld":
        out.write_text(to_jsonld(snap, schema), encoding="utf-8")
    else:
        to_gexf(snap, out)
    return snap
