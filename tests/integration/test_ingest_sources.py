"""The publisher loaders on both stores: reconciliation, idempotence, files combined across loads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graph import GraphStore, snapshot
from ingest import concept_batch, load_batch
from ingest.registry import READERS, REVIEW_DIR_ENV
from ontology import Schema

FIX = Path(__file__).resolve().parents[1] / "fixtures"
LOADS = [
    ("rnsr", [FIX / "rnsr" / "fr-esr-structures-recherche-publiques-actives.csv"]),
    ("ilab", [FIX / "ilab" / "fr-esr-laureats-concours-national-i-lab.csv"]),
    ("anr", [FIX / "anr" / "anr-dos-depuis-2010-projets-finances-partenaires.csv"]),
    (
        "anr-pia",
        [
            FIX / "anr" / "anr-dgpie-depuis-2010-projets-finances-partenaires.csv",
            FIX / "anr" / "anr-dgpie-depuis-2010-projets-finances-projets.csv",
        ],
    ),
    ("cordis", [FIX / "cordis" / "topics.csv", FIX / "cordis" / "organization.csv"]),
    ("finess", [FIX / "finess" / "etalab-cs1100507-stock-20240105-0336.csv"]),
    ("wikidata", [FIX / "wikidata" / "query.json"]),
    ("sirene", [FIX / "sirene" / "StockEtablissement_utf8.csv", FIX / "sirene" / "StockUniteLegale_utf8.csv"]),
    ("csv", [FIX / "csv" / "members.yaml", FIX / "csv" / "members.csv"]),
]


def _load_all(store: GraphStore, schema: Schema) -> list[str]:
    lines = []
    for source, paths in LOADS:
        report = load_batch(store, READERS[source](schema, paths), schema)
        assert report.reconciles, report.lines()
        lines += report.lines()
    return lines


def _rows(store: GraphStore, query: str, **params: object) -> list[dict]:
    return store.read(query, params).rows


def test_every_source_loads_reconciles_and_reloads_to_the_same_graph(store: GraphStore, schema: Schema) -> None:
    load_batch(store, concept_batch(schema), schema)
    lines = _load_all(store, schema)
    assert len(lines) == 12 and all(line.endswith("[OK]") for line in lines)
    before = snapshot(store)
    _load_all(store, schema)
    assert snapshot(store) == before


def test_sources_loaded_at_different_times_meet_on_the_same_actors(store: GraphStore, schema: Schema) -> None:
    load_batch(store, concept_batch(schema), schema)
    _load_all(store, schema)
    lab = _rows(
        store,
        "MATCH (a:Actor {id: $id})-[r]->(b) RETURN type(r) AS type, b.id AS target ORDER BY type, target",
        id="rnsr-201822637c",
    )
    assert {"type": "PARTICIPATES_IN", "target": "anr-19-ce17-0042"} in lab  # ANR partner row with its RNSR id
    assert {"type": "SUPERVISED_BY", "target": "siren-180036048"} in lab  # RNSR tutelle Inserm
    spin = _rows(
        store,
        "MATCH (s:Actor)-[r:SPUN_OFF_FROM]->(l:Actor) RETURN s.id AS s, l.id AS l, r.year AS year, r.sources AS src",
    )
    assert spin == [{"s": "siren-912345678", "l": "rnsr-201822637c", "year": 2021, "src": ["ilab"]}]
    prov = _rows(
        store,
        "MATCH (a:Actor {id: $id}) RETURN a.sources AS sources, a.prov_files AS files, a.prov_keys AS keys",
        id="rnsr-201822637c",
    )[0]
    assert set(prov["sources"]) == {"rnsr", "ilab", "anr"}
    assert "rnsr/fr-esr-structures-recherche-publiques-actives.csv" in prov["files"]
    assert "201822637C" in prov["keys"]
    hospital = _rows(
        store,
        "MATCH (a:Actor {finess: $f}) RETURN a.id AS id, a.wikidata AS wd, a.sources AS sources",
        f="750100125",
    )
    assert hospital == [{"id": "finess-750100125", "wd": "Q1000001", "sources": ["finess", "wikidata"]}]
    # the i-Lab laureate, the SIRENE company and the member of the CRM list are one actor (its SIREN)
    company = _rows(store, "MATCH (a:Actor {id: $id}) RETURN a.sources AS sources", id="siren-912345678")
    assert set(company[0]["sources"]) == {"ilab", "sirene", "crm-members"}


@pytest.fixture(autouse=True)
def _review_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Resolution review files go to the test's directory, not the working tree."""
    monkeypatch.setenv(REVIEW_DIR_ENV, str(tmp_path))


def test_collaborations_are_derived_from_co_participation_and_recomputed_idempotently(
    store: GraphStore, schema: Schema
) -> None:
    from ingest.collaborations import refresh_collaborations

    load_batch(store, concept_batch(schema), schema)
    _load_all(store, schema)
    report = refresh_collaborations(store, schema)
    assert report.reconciles
    rows = _rows(
        store,
        "MATCH (a:Actor)-[r:COLLABORATES_WITH]->(b:Actor) "
        "RETURN a.id AS a, b.id AS b, r.weight AS w, r.first_year AS fy, r.last_year AS ly ORDER BY a, b",
    )
    assert all(r["a"] < r["b"] for r in rows)
    pairs = {(r["a"], r["b"]): (r["w"], r["fy"], r["ly"]) for r in rows}
    # ANR-19-CE17-0042 and ANR-21-CE19-0007: the RNSR lab and PALUVAX SAS (merged with PALUVAX by name)
    assert pairs[("anr-paluvax", "rnsr-201822637c")] == (2, 2019, 2021)
    assert pairs[("anr-paluvax", "rnsr-199812345z")] == (1, 2021, 2021)
    before = snapshot(store)
    again = refresh_collaborations(store, schema)
    assert sum(again.links_created.values()) == 0
    assert snapshot(store) == before


class _Interrupted(Exception):
    pass


class _FailingStore:
    """A store that dies after `budget` batched writes, as a load killed half-way would."""

    def __init__(self, inner: GraphStore, budget: int) -> None:
        self.inner, self.budget, self.uri = inner, budget, inner.uri

    def read(self, *a: Any, **k: Any) -> Any:
        return self.inner.read(*a, **k)

    def write(self, *a: Any, **k: Any) -> Any:
        return self.inner.write(*a, **k)

    def write_batches(self, query: str, rows: Any, *, batch_size: int = 5000, params: Any = None) -> int:
        if self.budget <= 0:
            raise _Interrupted()
        self.budget -= 1
        return self.inner.write_batches(query, rows, batch_size=batch_size, params=params)


def _without_load_times(snap: dict) -> dict:
    strip = {"first_loaded_at"}
    return {
        "nodes": [{k: v for k, v in n.items() if k not in strip} for n in snap["nodes"]],
        "relationships": [
            r | {"props": {k: v for k, v in r["props"].items() if k not in strip}} for r in snap["relationships"]
        ],
    }


def test_a_load_interrupted_half_way_and_rerun_ends_in_the_same_graph(store: GraphStore, schema: Schema) -> None:
    from graph import clear_graph

    paths = [FIX / "anr" / "anr-dos-depuis-2010-projets-finances-partenaires.csv"]
    load_batch(store, concept_batch(schema), schema)
    load_batch(store, READERS["anr"](schema, paths), schema, batch_size=2)
    uninterrupted = _without_load_times(snapshot(store))

    clear_graph(store)
    load_batch(store, concept_batch(schema), schema)
    try:
        load_batch(_FailingStore(store, 4), READERS["anr"](schema, paths), schema, batch_size=2)  # type: ignore[arg-type]
    except _Interrupted:
        pass
    else:
        raise AssertionError("the load should have been interrupted")
    assert _without_load_times(snapshot(store)) != uninterrupted  # really half-way
    report = load_batch(store, READERS["anr"](schema, paths), schema, batch_size=2)
    assert report.reconciles
    assert _without_load_times(snapshot(store)) == uninterrupted


def test_a_later_load_resolves_its_actors_onto_those_already_in_the_store(store: GraphStore, schema: Schema) -> None:
    from ingest.anr import read_anr_pia
    from ingest.resolution import known_actors, resolve_batch

    load_batch(store, concept_batch(schema), schema)
    load_batch(store, READERS["rnsr"](schema, LOADS[0][1]), schema)
    # the read a CLI would do before resolving (see ingest.resolution.known_actors)
    rows = _rows(
        store,
        "MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.city AS city, a.acronym AS acronym, "
        "a.rnsr AS rnsr, a.siren AS siren, a.pic AS pic, a.uai AS uai ORDER BY id",
    )
    batch = read_anr_pia(schema, LOADS[3][1])
    res = resolve_batch(batch, known=known_actors(rows))
    assert res.mapping["anr-pia-assistance-publique-hopitaux-de-paris"] == "siren-267500452"  # AP-HP, an RNSR tutelle
    assert load_batch(store, batch, schema).reconciles
    coordinator = _rows(
        store,
        "MATCH (a:Actor)-[r:PARTICIPATES_IN {role: 'coordinator'}]->(:Project {id: $p}) RETURN a.id AS id, a.sources AS s",
        p="anr-17-rhus-0008",
    )
    assert coordinator == [{"id": "siren-267500452", "s": ["rnsr", "anr-pia"]}]


def test_an_indexed_value_too_long_for_an_index_is_quarantined_not_a_failed_load(
    store: GraphStore, schema: Schema, tmp_path: Path
) -> None:
    """Neo4j refuses an index key over 8 kB ("Property value is too large to index") and the
    whole transaction with it; the shapes bound the indexed properties so such a row is
    quarantined with its field, and the other rows load (found by the fuzz test)."""
    header = (FIX / "anr" / "anr-dos-depuis-2010-projets-finances-partenaires.csv").read_text(encoding="utf-8")
    header = header.splitlines()[0]
    rows = [
        "ANR-22-CE17-0001;" + "A" * 9000 + ";ANR-22-CE17-0001-01;True;PALUVAX SAS;PME;;;;Paris;Île-de-France;France",
        "ANR-22-CE17-0002;SHORT;ANR-22-CE17-0002-01;True;PALUVAX SAS;PME;;;;Paris;Île-de-France;France",
    ]
    path = tmp_path / "anr-dos-depuis-2010-projets-finances-partenaires.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    load_batch(store, concept_batch(schema), schema)
    report = load_batch(store, READERS["anr"](schema, [path]), schema)
    assert report.reconciles, report.lines()
    assert (report.quarantine[0].row, report.quarantine[0].field) == (2, "Projet.Acronyme")
    assert {q.row for q in report.quarantine} == {2}  # and the links to the refused project
    titles = _rows(store, "MATCH (p:Project) RETURN p.id AS id ORDER BY id")
    assert [r["id"] for r in titles] == ["anr-22-ce17-0002"]


ROR_FIX = [FIX / "ror" / "ror-records-subset.jsonl"]
ESR_FIX = [FIX / "esr" / "fr-esr-principaux-etablissements-enseignement-superieur.json"]


def _load_resolved(store: GraphStore, schema: Schema, source: str, paths: list[Path]) -> Any:
    """As `carto ingest` loads: the batch resolved onto the actors already in the store."""
    from ingest.resolution import known_actors
    from queries import run_named

    known = known_actors(run_named(store, "actors_for_resolution", timeout_ms=None).rows)
    report = load_batch(store, READERS[source](schema, paths, known=known), schema)
    assert report.reconciles, report.lines()
    return report


@pytest.mark.parametrize("order", [("ror", "esr"), ("esr", "ror")])
def test_the_registries_meet_on_their_identifiers_in_either_order_and_reload_to_the_same_graph(
    store: GraphStore, schema: Schema, order: tuple[str, str]
) -> None:
    files = {"ror": ROR_FIX, "esr": ESR_FIX}
    load_batch(store, concept_batch(schema), schema)
    for source in order:
        _load_resolved(store, schema, source, files[source])
    # the ministry's "Université de Paris" and ROR's "Université Paris Cité": one actor, through the ROR id
    cite = _rows(
        store,
        "MATCH (a:Actor) WHERE a.ror = $ror RETURN a.id AS id, a.sources AS sources, a.siren AS siren, "
        "a.uai AS uai, a.names AS names",
        ror="05f82e368",
    )
    assert len(cite) == 1
    cite_id = "ror-05f82e368" if order[0] == "ror" else "siren-130025737"  # the id already in the graph stays
    assert (cite[0]["id"], set(cite[0]["sources"])) == (cite_id, {"ror", "esr"})
    assert (cite[0]["siren"], cite[0]["uai"]) == ("130025737", "0755976N") and "Université de Paris" in cite[0]["names"]
    saclay = _rows(store, "MATCH (a:Actor) WHERE a.ror = $ror RETURN a.wikidata AS wd, a.sources AS s", ror="03xjwb503")
    assert len(saclay) == 1 and saclay[0]["wd"] == "Q109409389" and set(saclay[0]["s"]) == {"ror", "esr"}
    links = _rows(
        store,
        "MATCH (a:Actor)-[r:SUCCEEDED_BY|PART_OF]->(b:Actor) RETURN type(r) AS t, a.id AS a, b.id AS b ORDER BY t, a",
    )
    assert links == [
        {"t": "PART_OF", "a": "ror-01qdqrj31", "b": cite_id},
        {"t": "SUCCEEDED_BY", "a": "ror-0220k9r37", "b": cite_id},
        {"t": "SUCCEEDED_BY", "a": "ror-02n7qrg46", "b": cite_id},
    ]
    assert not _rows(store, "MATCH (a:Actor {id: $id}) RETURN a.id AS id", id="ror-029gxzx35")  # withdrawn, folded
    before = snapshot(store)
    for source in order:
        report = _load_resolved(store, schema, source, files[source])
        assert sum(report.nodes_created.values()) == sum(report.links_created.values()) == 0
    assert snapshot(store) == before


def test_bad_registry_lines_are_quarantined_and_the_rest_loads(
    store: GraphStore, schema: Schema, tmp_path: Path
) -> None:
    good = ROR_FIX[0].read_text(encoding="utf-8").splitlines()
    no_id = {k: v for k, v in json.loads(good[0]).items() if k != "id"}
    path = tmp_path / "ror-records-subset.jsonl"
    path.write_text("\n".join([*good[:3], "{not json", json.dumps(no_id), *good[3:]]) + "\n", encoding="utf-8")
    load_batch(store, concept_batch(schema), schema)
    report = load_batch(store, READERS["ror"](schema, [path]), schema, quarantine_dir=tmp_path / "q")
    assert report.reconciles, report.lines()
    assert report.lines() == [f"{tmp_path.name}/{path.name}: 14 rows read = 12 loaded + 2 quarantined + 0 merged [OK]"]
    assert sorted((q.file, q.row, q.field) for q in report.quarantine) == [
        (f"{tmp_path.name}/{path.name}", 4, "line"),
        (f"{tmp_path.name}/{path.name}", 5, "id"),
    ]
    assert report.nodes_created == {"Actor": 11}  # twelve records, one withdrawn into its successor
    assert report.links_created == {"PART_OF": 1, "SUCCEEDED_BY": 2}
