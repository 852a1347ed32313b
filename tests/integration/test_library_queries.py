"""The analysts' query library on the seeded graph: same rows on FalkorDB and Neo4j, with the
defaults and with each header's example parameters, and the answers the seed implies."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph import GraphStore, clear_graph
from graph.falkordb_store import FalkorDBStore
from graph.neo4j_store import Neo4jStore
from ingest import Batch, LinkRecord, NodeRecord, Origin, concept_batch, load_batch, read_seed
from ontology import Schema
from queries import get_query, load_library, run_named
from tests.stores import seeded_embedded_store

# The analysts' library (issue 7): the foundation's queries and the toolkit's. Queries of
# other features (rec_*, gap_*, explorer_*) are covered by their own tests and the lead's
# conformance test.
ANALYST_QUERIES = sorted(name for name in load_library() if not name.startswith(("rec_", "gap_", "explorer_")))
# The seed has no spin-off, every fact carries its source and every actor a tag: empty by design.
EMPTY_ON_SEED = {"spinoff_counts", "spinoffs_by_lab", "missing_provenance", "untagged_actors"}


def _canonical(rows: list[dict]) -> str:
    return json.dumps(rows, sort_keys=True, ensure_ascii=False, default=str)


def _example_params(name: str) -> dict[str, str]:
    tokens = shlex.split(get_query(name).example)
    assert tokens[:3] == ["carto", "query", name], get_query(name).example
    params = {}
    for flag, value in zip(tokens[3::2], tokens[4::2], strict=True):
        assert flag in ("--param", "-p"), get_query(name).example
        key, val = value.split("=", 1)
        params[key] = val
    return params


def _seed(store: GraphStore, schema: Schema) -> None:
    clear_graph(store)
    load_batch(store, concept_batch(schema), schema)
    report = load_batch(store, read_seed(schema), schema)
    assert report.reconciles, report.lines()


@pytest.fixture(scope="module")
def both(falkordb_session: FalkorDBStore, neo4j_session: Neo4jStore, schema: Schema) -> tuple[GraphStore, GraphStore]:
    _seed(falkordb_session, schema)
    _seed(neo4j_session, schema)
    return falkordb_session, neo4j_session


def test_the_library_has_at_least_25_analyst_queries_with_documented_headers() -> None:
    assert len(ANALYST_QUERIES) >= 25, ANALYST_QUERIES
    for name in ANALYST_QUERIES:
        q = get_query(name)
        assert q.purpose and q.returns and q.example.startswith(f"carto query {name}")
        assert set(_example_params(name)) <= {p.name for p in q.params}


@pytest.mark.neo4j
@pytest.mark.parametrize("variant", ["default", "example"])
@pytest.mark.parametrize("name", ANALYST_QUERIES)
def test_query_gives_identical_rows_on_both_stores(
    both: tuple[GraphStore, GraphStore], name: str, variant: str
) -> None:
    falkor, neo = both
    params = _example_params(name) if variant == "example" else {}
    a = run_named(falkor, name, params)
    b = run_named(neo, name, params)
    assert a.columns == b.columns == get_query(name).returns
    assert _canonical(a.rows) == _canonical(b.rows)
    if variant == "default" and name not in EMPTY_ON_SEED:
        assert a.rows, f"{name} returns no row on the seed with its defaults"


@pytest.mark.neo4j
def test_answers_the_seed_implies(both: tuple[GraphStore, GraphStore]) -> None:
    for store in both:
        path = run_named(store, "paths_between_actors", {"from_id": "ap-hp", "to_id": "institut-pasteur"}).rows
        assert [(r["hops"], r["nodes"], r["relationships"]) for r in path] == [
            (2, ["ap-hp", "canceropole-ile-de-france", "institut-pasteur"], ["MEMBER_OF", "MEMBER_OF"])
        ]
        footprint = {
            r["id"]: r["depth"] for r in run_named(store, "supervisor_footprint", {"supervisor_id": "cea"}).rows
        }
        assert footprint["institut-de-genetique-du-cea"] == 1 and len(footprint) == 5
        members = [r["id"] for r in run_named(store, "cluster_members").rows]
        lonely = [r["id"] for r in run_named(store, "members_without_links").rows]
        assert len(members) == 8 and set(lonely) < set(members) and "ap-hp" not in lonely
        top = run_named(store, "top_collaborators", {"actor_id": "medicen", "top": 1}).rows
        assert top[0]["id"] == "region-ile-de-france" and top[0]["shared_projects"] == 2
        ego = {r["id"]: r["via"] for r in run_named(store, "actor_ego_network", {"actor_id": "ap-hp"}).rows}
        assert ego["canceropole-ile-de-france"] == ["MEMBER_OF"]
        assert ego["medicen"] == ["PROJECT prj-meet-my-data"]
        years = run_named(store, "projects_by_domain_year", {"domain": "dom-bioproduction"}).rows
        assert [(r["year"], r["projects"]) for r in years] == [(2021, 4), (2022, 1)]
        links = run_named(store, "academic_industry_links").rows
        academics = {"academic_lab", "university", "research_org", "hospital"}
        assert all(r["company_kind"] in {"sme", "midcap", "large_company", "service_provider"} for r in links)
        kinds = {r["id"]: r["kind"] for r in run_named(store, "actors_summary").rows}
        assert all(kinds[r["academic_id"]] in academics for r in links)


@pytest.mark.neo4j
def test_spinoff_queries_find_a_spinoff_through_the_parent_organisation(
    both: tuple[GraphStore, GraphStore], schema: Schema
) -> None:
    """Runs last in the module: it adds one start-up to both seeded graphs."""
    origin = Origin(source="test", file="tests/spinoff.csv", row=2, key="neurostart", evidence="hand-written test row")
    batch = Batch(source="test")
    batch.read_row(origin.file, origin.row)
    batch.nodes.append(NodeRecord("Actor", "neurostart", {"name": "NeuroStart", "kind": "sme"}, origin))
    batch.links.append(LinkRecord("SPUN_OFF_FROM", "Actor", "neurostart", "Actor", "mircen", {"year": 2020}, origin))
    results = []
    for store in both:
        report = load_batch(store, batch, schema)
        assert report.reconciles, report.lines()
        by_parent = run_named(store, "spinoffs_by_lab", {"lab_id": "cea"}).rows
        assert [(r["lab_id"], r["spinoff_id"], r["year"]) for r in by_parent] == [("mircen", "neurostart", 2020)]
        assert run_named(store, "spinoff_counts").rows == [
            {"id": "mircen", "name": "MIRcen", "kind": "academic_lab", "spinoffs": 1}
        ]
        results.append(_canonical(run_named(store, "spinoffs_by_lab").rows))
    assert results[0] == results[1]


def test_carto_query_prints_csv_and_json_for_a_library_query(schema: Schema, tmp_path: Path) -> None:
    """`carto query NAME --param k=v --csv|--json` on an embedded store of its own."""
    uri = seeded_embedded_store(tmp_path / "graph", schema)
    runner = CliRunner()
    res = runner.invoke(
        app, ["query", "cluster_members", "--param", "cluster_id=task-force-e-sante", "--csv", "--store", uri]
    )
    assert res.exit_code == 0, res.output
    lines = res.stdout.strip().splitlines()
    assert lines[0] == "id,name,kind,projects" and len(lines) == 5
    res = runner.invoke(app, ["query", "paths_between_actors", "--json", "--store", uri])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["rows"][0]["nodes"] == ["ap-hp", "canceropole-ile-de-france", "institut-pasteur"]
    res = runner.invoke(app, ["query", "top_collaborators", "--param", "top=x", "--store", uri])
    assert res.exit_code == 1
