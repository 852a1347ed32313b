"""Recommendation on the real stores: same top-10 on both, every reason a fact of the graph, refs, CLI."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from errors import QueryError
from graph import GraphStore
from ingest import concept_batch, load_batch, read_seed
from ingest.records import Batch, NodeRecord, Origin
from ontology import Schema
from queries import run_named
from queries.actor_refs import resolve_ref_ids, resolve_refs
from queries.consortium import build_consortium
from queries.rec_graph import clear_cache
from queries.rec_text import term_counts
from queries.recommend import RecQuery, Suggestion, recommend

QUERIES = [
    RecQuery(text="Essai clinique en cancérologie avec imagerie et intelligence artificielle", top=10),
    RecQuery(text="données de santé, entrepôt de données hospitalier", partners=("ap-hp",), top=10),
    RecQuery(partners=("institut-pasteur", "roche-pharma"), top=10),
    RecQuery(text="neurosciences et imagerie cérébrale", partners=("institut-pasteur",), top=10),
    RecQuery(domains=("dom-neuro",), roles=("academic_lab", "research_org", "hospital"), top=10),
    RecQuery(text="bioproduction et biothérapies", partners=("medicen",), idf_only=True, exclude=("genopole",), top=10),
]


def _seed(store: GraphStore, schema: Schema) -> GraphStore:
    load_batch(store, concept_batch(schema), schema)
    report = load_batch(store, read_seed(schema), schema)
    assert report.reconciles, report.lines()
    clear_cache()
    return store


def _ranked(found: list[Suggestion]) -> list[tuple[str, float, tuple[str, ...]]]:
    return [(s.actor, round(s.score, 9), tuple(r.text for r in s.reasons)) for s in found]


@pytest.mark.neo4j
def test_both_stores_give_the_same_top10(falkordb_store: GraphStore, neo4j_store: GraphStore, schema: Schema) -> None:
    _seed(falkordb_store, schema)
    _seed(neo4j_store, schema)
    for q in QUERIES:
        a = _ranked(recommend(falkordb_store, q))
        b = _ranked(recommend(neo4j_store, q))
        assert len(a) == (1 if q.idf_only else 10)  # the seed places few actors in a département
        assert a == b, q


def _check_fact(store: GraphStore, actors: dict[str, dict], source: str, rel: str, target: str) -> dict | None:
    if rel.startswith("@"):
        row = actors[source]
        assert str(row[rel[1:]]) == target, (source, rel, target)
        return None
    rows = run_named(store, "rec_fact", {"source": source, "rel": rel, "target": target}).rows
    assert rows and rows[0]["facts"] >= 1, f"reason names a missing fact ({source})-[{rel}]->({target})"
    return rows[0]


def test_every_reason_names_only_graph_facts(seeded: GraphStore) -> None:
    clear_cache()
    actors = {r["id"]: r for r in run_named(seeded, "rec_actors").rows}
    projects = {r["id"]: r for r in run_named(seeded, "rec_projects").rows}
    parts = run_named(seeded, "rec_participations").rows
    per_actor = Counter(r["actor"] for r in parts)
    tags = run_named(seeded, "rec_tags").rows
    checked: Counter[str] = Counter()
    for q in QUERIES:
        for s in recommend(seeded, q):
            assert s.name == actors[s.actor]["name"] and s.kind == actors[s.actor]["kind"]
            for reason in s.reasons:
                assert reason.facts, reason
                rows = [_check_fact(seeded, actors, f.source, f.rel, f.target) for f in reason.facts]
                checked[reason.code] += 1
                if reason.code == "co_participation":
                    m = re.search(r"\((\d{4})\)$", reason.text)
                    if m:
                        assert rows[0] is not None and rows[0]["year"] == int(m.group(1))
                    assert reason.facts[1].source in q.partners
                if reason.code == "fills_role":
                    kinds_in = {actors[p]["kind"] for p in q.partners}
                    assert actors[s.actor]["kind"] not in kinds_in
                if reason.code == "fills_competence":
                    concept = reason.facts[-1].target
                    assert concept not in {t["concept"] for t in tags if t["subject"] in q.partners}
                    partner_projects = {r["project"] for r in parts if r["actor"] in q.partners}
                    assert concept not in {t["concept"] for t in tags if t["subject"] in partner_projects}
                if reason.code == "text_match":
                    terms = reason.text.split(": ", 1)[1].split(", ")
                    proj = projects[reason.facts[0].target]
                    text = " ".join(
                        str(proj[k]) for k in ("acronym", "title", "abstract", "programme", "call") if proj[k]
                    )
                    assert set(terms) <= set(term_counts(text)) & set(term_counts(q.text))
                if reason.code == "track_record":
                    assert reason.text.startswith(f"{per_actor[s.actor]} project(s)")
    assert {"co_participation", "fills_role", "track_record"} <= set(checked), checked
    assert checked["shared_concept"] + checked["concept_rollup"] > 0 and checked["fills_competence"] > 0, checked


def test_actor_refs_by_id_external_id_and_name(seeded: GraphStore, schema: Schema) -> None:
    batch = Batch(source="test")
    origin = Origin("test", "test", 2, "lab-ref")
    batch.nodes.append(NodeRecord("Actor", "lab-ref", {"name": "Institut Curie", "kind": "academic_lab",
                                                       "rnsr": "200112491C", "siren": "775688732"}, origin))  # fmt: skip
    load_batch(seeded, batch, schema)
    got = resolve_refs(seeded, ["ap-hp", "rnsr:200112491c", "siren:775688732", "Hôpital Foch", "hopital foch", "nope"])
    assert got["ap-hp"] and got["ap-hp"].matched_by == "id"
    assert got["rnsr:200112491c"] and (got["rnsr:200112491c"].id, got["rnsr:200112491c"].matched_by) == (
        "lab-ref",
        "rnsr",
    )
    assert got["siren:775688732"] and got["siren:775688732"].id == "lab-ref"
    assert got["Hôpital Foch"] and got["Hôpital Foch"].id == "hopital-foch"
    assert got["hopital foch"] and got["hopital foch"].id == "hopital-foch"  # case and accents aside
    assert got["nope"] is None
    curie = resolve_refs(seeded, ["Institut Curie"])["Institut Curie"]  # two actors: the registered one is picked
    assert curie and curie.id == "lab-ref" and [c.id for c in curie.alternatives] == ["institut-curie"]
    with pytest.raises(QueryError, match="unknown actor reference"):
        resolve_ref_ids(seeded, ["ap-hp", "nope"])


def test_consortium_from_the_store(seeded: GraphStore) -> None:
    clear_cache()
    built = build_consortium(seeded, RecQuery(text="imagerie et cancer"), ["hospital", "sme", "academic_lab"])
    kinds = {r["id"]: r["kind"] for r in run_named(seeded, "rec_actors").rows}
    assert [kinds[s.holder.actor] for s in built.seats if s.holder] == ["hospital", "sme", "academic_lab"]
    assert all(kinds[a.actor] == s.role for s in built.seats for a in s.alternates)


runner = CliRunner()


def test_cli_json_contract_and_batch(tmp_path: Path) -> None:
    uri = f"falkordb://{tmp_path / 'g'}"
    assert (
        runner.invoke(app, ["ingest", "seed", "--store", uri, "--quarantine-dir", str(tmp_path / "q")]).exit_code == 0
    )
    res = runner.invoke(app, ["recommend", "--text", "imagerie médicale", "--with", "AP-HP", "--role", "sme",
                              "--top", "3", "--json", "--store", uri])  # fmt: skip
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert len(data["suggestions"]) == 3
    for s in data["suggestions"]:
        assert set(s) == {"actor", "name", "kind", "ids", "score", "reasons"} and s["kind"] == "sme"
        assert all({"code", "text", "facts"} <= set(r) for r in s["reasons"])
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(
        "\n".join(
            json.dumps(x)
            for x in [
                {"id": "a", "text": "données de santé", "with": ["institut-pasteur"], "top": 2},
                {"id": "b", "with": ["no such actor"]},
                {"id": "c", "roles": ["hospital"], "exclude": ["ap-hp"], "top": 1},
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    res = runner.invoke(app, ["recommend", "--batch", str(src), "--out", str(out), "--store", uri])
    assert res.exit_code == 0 and "2 answered, 1 failed" in res.output  # a failed query does not fail the file
    strict = runner.invoke(app, ["recommend", "--batch", str(src), "--out", str(out), "--strict", "--store", uri])
    assert strict.exit_code == 1 and "1 query(ies)" in strict.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["a", "b", "c"]
    assert len(lines[0]["suggestions"]) == 2 and "no such actor" in lines[1]["error"]
    assert lines[2]["suggestions"][0]["kind"] == "hospital" and lines[2]["suggestions"][0]["actor"] != "ap-hp"
    cons = runner.invoke(
        app, ["recommend", "--consortium", "--role", "sme", "--role", "hospital", "--json", "--store", uri]
    )
    assert cons.exit_code == 0, cons.output
    seats = json.loads(cons.stdout)["consortium"]["seats"]
    assert [s["role"] for s in seats] == ["sme", "hospital"] and all(s["holder"] for s in seats)
    bad = runner.invoke(app, ["recommend", "--with", "nobody", "--store", uri])
    assert bad.exit_code == 1 and "unknown actor reference" in bad.output
