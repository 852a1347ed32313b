"""Store conformance: every query of queries/ gives the same rows on FalkorDB and on Neo4j."""

from __future__ import annotations

import json

import pytest

from graph import GraphStore, clear_graph
from graph.falkordb_store import FalkorDBStore
from graph.neo4j_store import Neo4jStore
from ingest import concept_batch, load_batch, read_seed
from ontology import Schema
from queries import load_library, run_named


def _canonical(rows: list[dict]) -> str:
    return json.dumps(rows, sort_keys=True, ensure_ascii=False, default=str)


def _seed(store: GraphStore, schema: Schema) -> None:
    clear_graph(store)
    load_batch(store, concept_batch(schema), schema)
    load_batch(store, read_seed(schema), schema)


@pytest.fixture(scope="module")
def both(falkordb_session: FalkorDBStore, neo4j_session: Neo4jStore, schema: Schema) -> tuple[GraphStore, GraphStore]:
    _seed(falkordb_session, schema)
    _seed(neo4j_session, schema)
    return falkordb_session, neo4j_session


@pytest.mark.neo4j
@pytest.mark.parametrize("name", sorted(load_library()))
def test_query_gives_identical_results_on_both_stores(both: tuple[GraphStore, GraphStore], name: str) -> None:
    falkor, neo = both
    a = run_named(falkor, name)
    b = run_named(neo, name)
    assert a.columns == b.columns
    assert _canonical(a.rows) == _canonical(b.rows)


def test_library_has_queries_with_complete_headers() -> None:
    lib = load_library()
    assert len(lib) >= 12
    for q in lib.values():
        assert q.purpose and q.returns and q.example.startswith("carto query " + q.name)
