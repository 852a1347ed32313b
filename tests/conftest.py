"""Session fixtures: one embedded FalkorDB and one real Neo4j per test session.

A server that cannot start fails the run with its output; it is never a silent skip.
Each test that asks for `store` gets a clean graph on each backend (the `neo4j` half is
marked, so `-m "not neo4j"` runs the embedded half alone when wanted).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import GraphStore, clear_graph
from graph.falkordb_store import FalkorDBStore
from graph.neo4j_store import Neo4jStore
from ingest import load_batch, read_seed
from ontology import Schema, load_schema

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
NEO4J_SCRIPT = ROOT / "scripts" / "neo4j-local"
NEO4J_PORT = os.environ.get("NEO4J_LOCAL_PORT", "7697")
NEO4J_PASSWORD = os.environ.get("NEO4J_LOCAL_PASSWORD", "carto-test-pw")


@pytest.fixture(scope="session")
def schema() -> Schema:
    return load_schema()


@pytest.fixture(scope="session")
def falkordb_session(tmp_path_factory: pytest.TempPathFactory, schema: Schema) -> Iterator[FalkorDBStore]:
    store = FalkorDBStore(tmp_path_factory.mktemp("falkordb") / "graph")
    store.apply_schema(schema)
    yield store
    store.close()


@pytest.fixture(scope="session")
def neo4j_session(schema: Schema) -> Iterator[Neo4jStore]:
    env = os.environ | {"NEO4J_LOCAL_PORT": NEO4J_PORT, "NEO4J_LOCAL_PASSWORD": NEO4J_PASSWORD}
    was_running = subprocess.run(["bash", str(NEO4J_SCRIPT), "status"], env=env, capture_output=True).returncode == 0
    if not was_running:
        started = subprocess.run(["bash", str(NEO4J_SCRIPT), "start"], env=env, capture_output=True, text=True)
        if started.returncode != 0:
            pytest.fail(
                f"Neo4j did not start (scripts/neo4j-local start):\n{started.stdout}\n{started.stderr}", pytrace=False
            )
    store = Neo4jStore(f"bolt://127.0.0.1:{NEO4J_PORT}", user="neo4j", password=NEO4J_PASSWORD)
    store.apply_schema(schema)
    yield store
    store.close()
    if not was_running:
        subprocess.run(["bash", str(NEO4J_SCRIPT), "stop"], env=env, capture_output=True)


@pytest.fixture
def falkordb_store(falkordb_session: FalkorDBStore) -> FalkorDBStore:
    clear_graph(falkordb_session)
    return falkordb_session


@pytest.fixture
def neo4j_store(neo4j_session: Neo4jStore) -> Neo4jStore:
    clear_graph(neo4j_session)
    return neo4j_session


@pytest.fixture(params=["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest) -> GraphStore:
    """A clean graph on each backend in turn: contract tests run on both."""
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture
def seeded(store: GraphStore, schema: Schema) -> GraphStore:
    """The store with the ontology's concepts and the seed loaded."""
    from ingest import concept_batch

    load_batch(store, concept_batch(schema), schema)
    report = load_batch(store, read_seed(schema), schema)
    assert report.reconciles, report.lines()
    return store


@pytest.fixture
def page_store(tmp_path: Path, schema: Schema, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An embedded store with the concepts and the seed, named by CARTO_STORE for a page test.

    The store is closed before the page opens it (one process per directory); the page's
    cached store is closed afterwards so the directory is free again.
    """
    from tests.stores import seeded_embedded_store

    uri = seeded_embedded_store(tmp_path / "graph", schema)
    monkeypatch.setenv("CARTO_STORE", uri)
    yield uri
    from ui.data import _store_for

    _store_for(uri).close()
    _store_for.clear()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.fail(f"{SHARED_DATA} is missing: CI and developers have shared/ beside the clone", pytrace=False)
    return SHARED_DATA
