"""Exports: Turtle → empty store → Turtle gives the same graph on both stores; JSON-LD, GEXF and
CSV carry every node and relationship; `carto export` writes them."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, BNode, Graph, URIRef
from rdflib.collection import Collection
from typer.testing import CliRunner

from cli.main import app
from graph import GraphStore, clear_graph, open_store
from graph.export import export_graph, snapshot, to_jsonld, to_rdf_graph, to_turtle
from graph.rdf_import import import_rdf, read_rdf
from ingest import concept_batch, load_batch
from ontology import Schema
from ontology.namespace import CARTO, CONCEPT, ID


def test_turtle_round_trip_gives_the_same_graph(seeded: GraphStore, schema: Schema, tmp_path: Path) -> None:
    before = snapshot(seeded)
    ttl = tmp_path / "graph.ttl"
    export_graph(seeded, schema, "ttl", ttl)
    clear_graph(seeded)
    assert snapshot(seeded).nodes == ()
    nodes, rels = import_rdf(seeded, ttl, schema)
    after = snapshot(seeded)
    assert (nodes, rels) == (len(before.nodes), len(before.relationships))
    assert len(before.nodes) == 181 and len(before.relationships) == 352
    assert after.canonical() == before.canonical()  # same nodes, labels, relationships, properties
    assert to_turtle(after, schema) == ttl.read_text(encoding="utf-8")  # and the same Turtle, byte for byte


def test_turtle_uses_the_ontology_iris(seeded: GraphStore, schema: Schema, tmp_path: Path) -> None:
    ttl = tmp_path / "graph.ttl"
    export_graph(seeded, schema, "ttl", ttl)
    g = Graph().parse(ttl, format="turtle")
    medicen, cancer = URIRef(ID["medicen"]), URIRef(CONCEPT["dom-cancer"])
    assert (medicen, RDF.type, URIRef(CARTO.Actor)) in g
    assert (cancer, RDF.type, URIRef(CARTO.Domain)) in g
    assert (URIRef(ID["ap-hp"]), URIRef(CARTO.memberOf), URIRef(ID["canceropole-ile-de-france"])) in g
    assert any(g.triples((None, URIRef(CARTO.worksOn), cancer)))
    assert str(g.value(medicen, URIRef(CARTO.kind))) == "cluster"


def _statements(g: Graph) -> set[tuple]:
    """Triples with each RDF list read as a tuple: blank-node labels drop out of the comparison
    (rdflib.compare.isomorphic takes minutes on thousands of list nodes)."""
    out = set()
    for s, p, o in g:
        if isinstance(s, BNode):
            continue  # inside a list
        out.add((s, p, tuple(Collection(g, o)) if isinstance(o, BNode) or o == RDF.nil else o))
    return out


def test_turtle_and_jsonld_hold_the_same_statements_as_the_rdflib_graph(seeded: GraphStore, schema: Schema) -> None:
    """The fast writers say exactly what rdflib's own model of the export says."""
    snap = snapshot(seeded)
    reference = to_rdf_graph(snap, schema)
    from_ttl = Graph().parse(data=to_turtle(snap, schema), format="turtle")
    from_jsonld = Graph().parse(data=to_jsonld(snap, schema), format="json-ld")
    assert len(reference) > 5_000
    assert _statements(from_ttl) == _statements(reference)
    assert _statements(from_jsonld) == _statements(reference)


def test_a_list_property_keeps_its_order_and_types(seeded: GraphStore, schema: Schema, tmp_path: Path) -> None:
    before = snapshot(seeded)
    ttl = tmp_path / "graph.ttl"
    ttl.write_text(to_turtle(before, schema), encoding="utf-8")
    parsed = read_rdf(ttl, schema)
    projects = {n.id: n.props for n in parsed.nodes if "Project" in n.labels}
    assert projects["prj-phoenix"]["year"] == 2022 and isinstance(projects["prj-phoenix"]["year"], int)
    concepts = {n.id: n.props for n in before.nodes if "Concept" in n.labels}
    parsed_concepts = {n.id: n.props for n in parsed.nodes if "Concept" in n.labels}
    assert parsed_concepts["dom-cancer"]["keywords"] == concepts["dom-cancer"]["keywords"]
    assert len(concepts["dom-cancer"]["keywords"]) > 3


def test_import_refuses_a_store_that_is_not_empty(seeded: GraphStore, schema: Schema, tmp_path: Path) -> None:
    ttl = tmp_path / "graph.ttl"
    export_graph(seeded, schema, "ttl", ttl)
    with pytest.raises(Exception, match="not empty"):
        import_rdf(seeded, ttl, schema)


def test_jsonld_gexf_and_csv_carry_the_whole_graph(seeded: GraphStore, schema: Schema, tmp_path: Path) -> None:
    snap = export_graph(seeded, schema, "jsonld", tmp_path / "graph.jsonld")
    assert read_rdf(tmp_path / "graph.jsonld", schema).canonical() == snap.canonical()

    export_graph(seeded, schema, "gexf", tmp_path / "graph.gexf")
    root = ET.parse(tmp_path / "graph.gexf").getroot()
    ns = {"g": root.tag.split("}")[0].strip("{")}
    assert len(root.findall(".//g:node", ns)) == len(snap.nodes)
    assert len(root.findall(".//g:edge", ns)) == len(snap.relationships)
    gexf = nx.read_gexf(tmp_path / "graph.gexf")
    assert gexf.number_of_nodes() == len(snap.nodes) and gexf.nodes["Actor:medicen"]["label"] == "Medicen Paris Region"

    export_graph(seeded, schema, "csv", tmp_path / "csv")
    node_rows = rel_rows = 0
    for path in sorted((tmp_path / "csv").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        if path.name.startswith("nodes_"):
            node_rows += len(rows)
            assert all(r["id"] for r in rows)
        else:
            rel_rows += len(rows)
            assert all(r["source_id"] and r["target_id"] for r in rows)
    assert (node_rows, rel_rows) == (len(snap.nodes), len(snap.relationships))
    assert (tmp_path / "csv" / "nodes_Actor.csv").exists() and (tmp_path / "csv" / "rels_WORKS_ON.csv").exists()


def test_carto_export_command(schema: Schema, tmp_path: Path) -> None:
    """The CLI on a store of its own: another embedded server cannot share the session's directory."""
    uri = f"falkordb://{tmp_path / 'cli-graph'}"
    store = open_store(uri)
    try:
        load_batch(store, concept_batch(schema), schema)
    finally:
        store.close()
    runner = CliRunner()
    for fmt, out in (("ttl", "g.ttl"), ("jsonld", "g.jsonld"), ("gexf", "g.gexf"), ("csv", "csvdir")):
        res = runner.invoke(app, ["export", "--format", fmt, str(tmp_path / out), "--store", uri])
        assert res.exit_code == 0, res.output
        assert (tmp_path / out).exists()
    g = Graph().parse(tmp_path / "g.ttl", format="turtle")
    assert (URIRef(CONCEPT["dom-cancer"]), RDF.type, URIRef(CARTO.Domain)) in g
    res = runner.invoke(app, ["export", "--format", "xml", str(tmp_path / "x"), "--store", uri])
    assert res.exit_code == 1
