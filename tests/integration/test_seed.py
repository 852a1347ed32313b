"""The seed graph on both stores: size, tags, provenance, idempotence, shapes, quarantine."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from graph import GraphStore, snapshot
from ingest import concept_batch, load_batch, read_seed
from ingest.seed import SEED_DIR
from ingest.shacl import validate_batch
from ontology import Schema, load_schema
from queries import run_named

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def test_seed_has_80_actors_all_tagged_and_sourced(seeded: GraphStore) -> None:
    labels = {r["label"]: r["nodes"] for r in run_named(seeded, "nodes_by_label").rows}
    assert labels["Actor"] >= 80
    assert run_named(seeded, "untagged_actors").rows == []
    assert run_named(seeded, "missing_provenance").rows == []


def test_every_label_and_type_in_the_graph_is_declared_in_the_ontology(seeded: GraphStore, schema: Schema) -> None:
    labels = {r["label"] for r in run_named(seeded, "nodes_by_label").rows}
    types = {r["type"] for r in run_named(seeded, "relationships_by_type").rows}
    assert labels <= schema.node_labels
    assert types <= schema.rel_types
    assert {"Actor", "Project", "Domain", "Axis", "Territory"} <= labels


def test_loading_the_seed_twice_changes_nothing(seeded: GraphStore, schema: Schema) -> None:
    before = snapshot(seeded)
    report = load_batch(seeded, read_seed(schema), schema)
    assert report.reconciles
    assert sum(report.nodes_created.values()) == 0 and sum(report.links_created.values()) == 0
    assert snapshot(seeded) == before


def test_dry_run_reports_without_writing(store: GraphStore, schema: Schema) -> None:
    load_batch(store, concept_batch(schema), schema)
    before = snapshot(store)
    report = load_batch(store, read_seed(schema), schema, dry_run=True)
    assert report.nodes_created["Actor"] >= 80
    assert snapshot(store) == before


def test_every_seed_record_passes_the_shacl_shapes(schema: Schema) -> None:
    result = validate_batch(read_seed(schema), schema)
    assert result.conforms, result.text[:2000]


def test_shacl_catches_what_the_compiled_rules_catch(schema: Schema, tmp_path: Path) -> None:
    broken = _broken_seed(tmp_path, kind="startup")
    batch = read_seed(schema, broken)
    assert not validate_batch(batch, schema).conforms


def test_seed_evidence_is_verbatim_in_the_cited_document() -> None:
    docs = {p.name: _flat(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}
    checked = 0
    for name in ("actors.csv", "projects.csv", "tags.csv", "links.csv"):
        with (SEED_DIR / name).open(encoding="utf-8") as fh:
            for i, row in enumerate(csv.DictReader(fh), start=2):
                assert row["doc"] in docs, f"{name} row {i}: unknown document {row['doc']}"
                assert _flat(row["evidence"]) in docs[row["doc"]], f"{name} row {i}: evidence not in {row['doc']}"
                checked += 1
    assert checked > 400


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _broken_seed(tmp_path: Path, *, kind: str = "startup", domain: str = "dom-unknown", siren: bool = False) -> Path:
    """A copy of the seed with bad rows appended: bad kind, bad département code, no kind, unknown domain."""
    d = tmp_path / "seed"
    shutil.copytree(SEED_DIR, d)
    with (d / "actors.csv").open("a", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["broken-kind", "Broken Kind SAS", kind, "", "", "", "FR", "doc.txt", "a sentence"])
        w.writerow(["broken-dep", "Broken Département", "sme", "", "Paris", "7X", "FR", "doc.txt", "a sentence"])
        w.writerow(["broken-nokind", "Broken No Kind", "", "", "", "", "FR", "doc.txt", "a sentence"])
    with (d / "tags.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(["medicen", domain, "doc.txt", "a sentence"])
    return d


def test_broken_records_are_quarantined_with_file_row_field_and_the_rest_loads(
    store: GraphStore, schema: Schema, tmp_path: Path
) -> None:
    broken = _broken_seed(tmp_path)
    load_batch(store, concept_batch(schema), schema)
    report = load_batch(store, read_seed(schema, broken), schema, quarantine_dir=tmp_path / "q")
    assert report.reconciles, report.lines()
    where = {(q.file, q.row, q.field) for q in report.quarantine}
    n_actors = sum(1 for _ in open(SEED_DIR / "actors.csv", encoding="utf-8")) - 1
    n_tags = sum(1 for _ in open(SEED_DIR / "tags.csv", encoding="utf-8")) - 1
    assert ("seed/actors.csv", n_actors + 2, "kind") in where
    assert ("seed/actors.csv", n_actors + 3, "departement") in where
    assert ("seed/actors.csv", n_actors + 4, "kind") in where
    assert ("seed/tags.csv", n_tags + 2, "concept_id") in where
    assert Path(report.quarantine_file or "").read_text(encoding="utf-8").count("\n") == len(report.quarantine) + 1
    actors = {r["label"]: r["nodes"] for r in run_named(store, "nodes_by_label").rows}["Actor"]
    assert actors == n_actors  # every valid actor loaded, neither broken one
    tally = {t.file: t for t in report.tallies}["seed/actors.csv"]
    assert (tally.rows_read, tally.loaded, tally.quarantined) == (n_actors + 3, n_actors, 3)


def test_unknown_link_endpoint_is_quarantined(store: GraphStore, schema: Schema, tmp_path: Path) -> None:
    d = tmp_path / "seed"
    shutil.copytree(SEED_DIR, d)
    with (d / "links.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(["medicen", "MEMBER_OF", "nobody-at-all", "", "doc.txt", "a sentence"])
    load_batch(store, concept_batch(schema), schema)
    report = load_batch(store, read_seed(schema, d), schema)
    assert report.reconciles
    assert [(q.field, q.value) for q in report.quarantine] == [("target_id", "nobody-at-all")]


@pytest.mark.parametrize("value", ["'}) DETACH DELETE n //", '"; MATCH (n) DETACH DELETE n; //', "\\u0000"])
def test_values_travel_as_parameters(store: GraphStore, value: str, tmp_path: Path) -> None:
    schema = load_schema()
    d = tmp_path / "seed"
    shutil.copytree(SEED_DIR, d)
    with (d / "actors.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(["evil-name", value + " SA", "sme", "", value, "", "FR", "doc.txt", value])
    load_batch(store, concept_batch(schema), schema)
    report = load_batch(store, read_seed(schema, d), schema)
    assert report.reconciles
    rows = store.read("MATCH (a:Actor {id: $id}) RETURN a.name AS name, a.city AS city", {"id": "evil-name"}).rows
    assert rows == [{"name": value + " SA", "city": value}]
    assert {r["label"]: r["nodes"] for r in run_named(store, "nodes_by_label").rows}["Actor"] >= 81
