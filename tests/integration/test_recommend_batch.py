"""Namesakes and failing queries where users meet them, on both stores: `--with`, `--batch`, the CLI.

The graph is the seed plus one hospital written two ways (a registered node with few projects,
a name-only node with more) and a lab found again under a name one of its rows was loaded under.
"""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from cli.recommend_cmd import run_batch
from graph import GraphStore, open_store
from ingest import concept_batch, load_batch, read_seed
from ingest.records import Batch, LinkRecord, NodeRecord, Origin
from ontology import Schema
from queries.actor_refs import clear_name_cache, resolve_refs
from queries.rec_graph import clear_cache

CHU = "Centre Hospitalier Universitaire de Nice"
REGISTERED, NAME_ONLY = "rnsr-199323262v", "anr-centre-hospitalier-universitaire-de-nice"
INRA_ROW_NAME = "INSTITUT NATIONAL DE LA RECHERCHE AGRONOMIQUE - CENTRE DE MONTPELLIER"


def _namesakes() -> Batch:
    batch = Batch(source="test")

    def origin(row: int, key: str) -> Origin:
        return Origin("test", "namesakes.csv", row, key)

    actors = [
        (REGISTERED, {"name": CHU, "kind": "hospital", "rnsr": "199323262V", "city": "Nice"}),
        (NAME_ONLY, {"name": CHU, "kind": "hospital", "city": "Nice"}),
        ("inrae-montpellier", {"name": "INRAE Occitanie-Montpellier", "kind": "research_org",
                               "names": ["INRAE Occitanie-Montpellier", INRA_ROW_NAME]}),
    ]  # fmt: skip
    projects = {REGISTERED: 2, NAME_ONLY: 3, "inrae-montpellier": 1}
    row = 2
    for aid, props in actors:
        batch.nodes.append(NodeRecord("Actor", aid, props, origin(row, aid)))
        row += 1
        for k in range(projects[aid]):
            pid = f"proj-{aid}-{k}"
            batch.nodes.append(
                NodeRecord(
                    "Project",
                    pid,
                    {"title": f"Essai clinique {k} en imagerie", "programme": "ANR", "year": 2020 + k},
                    origin(row, pid),
                )
            )
            batch.links.append(LinkRecord("PARTICIPATES_IN", "Actor", aid, "Project", pid, {}, origin(row, pid)))
            batch.links.append(LinkRecord("PARTICIPATES_IN", "Actor", "ap-hp", "Project", pid, {}, origin(row, pid)))
            row += 1
    return batch


def _load(store: GraphStore, schema: Schema) -> GraphStore:
    load_batch(store, concept_batch(schema), schema)
    for batch in (read_seed(schema), _namesakes()):
        report = load_batch(store, batch, schema)
        assert report.reconciles and not report.quarantine, report.quarantine
    clear_cache()
    clear_name_cache()
    return store


@pytest.fixture
def namesakes(store: GraphStore, schema: Schema) -> GraphStore:
    return _load(store, schema)


def test_a_shared_name_picks_the_registered_actor_and_keeps_the_other(namesakes: GraphStore) -> None:
    refs = [CHU, "  centre hospitalier UNIVERSITAIRE de nice ", "rnsr:199323262v", NAME_ONLY, INRA_ROW_NAME.lower()]
    got = resolve_refs(namesakes, refs)
    for ref in refs[:2]:
        hit = got[ref.strip()]
        assert hit and (hit.id, hit.matched_by, hit.registered, hit.projects) == (REGISTERED, "name", True, 2)
        assert [(c.id, c.registered, c.projects) for c in hit.alternatives] == [(NAME_ONLY, False, 3)]
        assert hit.notice() and f"names 2 actors; using {CHU} [{REGISTERED}]" in str(hit.notice())
    by_rnsr = got["rnsr:199323262v"]
    assert by_rnsr and (by_rnsr.id, by_rnsr.matched_by, by_rnsr.alternatives) == (REGISTERED, "rnsr", ())
    by_id = got[NAME_ONLY]  # an id beats a name: the name-only node is reachable by its id
    assert by_id and (by_id.id, by_id.matched_by) == (NAME_ONLY, "id")
    alias = got[INRA_ROW_NAME.lower()]
    assert alias and (alias.id, alias.matched_by) == ("inrae-montpellier", "alias") and not alias.alternatives


def _batch_file(tmp_path: Path) -> Path:
    lines = [
        {"id": "plain", "text": "imagerie médicale", "with": ["hopital-foch"], "top": 3},
        {"id": "namesake", "with": [CHU], "top": 3},
        {"id": "unknown", "with": ["ap-hp", "No Such Hospital"], "top": 3},
        {"id": "slow", "with": [f"siren:{i:09d}" for i in range(150_000)], "timeout_ms": 300},
        {"id": "bad", "top": "ten"},
        None,  # a blank line: skipped, no line out
        "{not json",
        {"id": "loaded-name", "with": [INRA_ROW_NAME], "top": 2},
        {"roles": ["hospital"], "top": 1},
    ]
    src = tmp_path / "in.jsonl"
    text = [json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else (x or "") for x in lines]
    src.write_text("\n".join(text) + "\n", encoding="utf-8")
    return src


def test_a_batch_answers_every_query_it_can_and_reports_the_others(namesakes: GraphStore, tmp_path: Path) -> None:
    src = _batch_file(tmp_path)
    sink = io.StringIO()
    started = time.monotonic()
    summary = run_batch(namesakes, src, sink)
    elapsed = time.monotonic() - started
    out = [json.loads(x) for x in sink.getvalue().splitlines()]
    assert [(x["id"], x["line"]) for x in out] == [
        ("plain", 1), ("namesake", 2), ("unknown", 3), ("slow", 4), ("bad", 5), (7, 7), ("loaded-name", 8), (9, 9),
    ]  # fmt: skip
    assert (summary.answered, summary.failed) == (4, 4)
    answered = {x["id"]: x for x in out if "suggestions" in x}
    failed = {x["id"]: x["error"] for x in out if "error" in x}
    assert set(answered) == {"plain", "namesake", "loaded-name", 9} and set(failed) == {"unknown", "slow", "bad", 7}
    assert all(answered[k]["suggestions"] for k in answered)
    pick = answered["namesake"]["references"][0]
    assert (pick["ref"], pick["id"], pick["matched_by"]) == (CHU, REGISTERED, "name")
    assert [a["id"] for a in pick["alternatives"]] == [NAME_ONLY]
    # the picked actor is the partner the suggestions were computed for
    direct = io.StringIO()
    (tmp_path / "direct.jsonl").write_text(json.dumps({"id": "d", "with": [REGISTERED], "top": 3}) + "\n")
    run_batch(namesakes, tmp_path / "direct.jsonl", direct)
    assert json.loads(direct.getvalue())["suggestions"] == answered["namesake"]["suggestions"]
    assert answered["loaded-name"]["references"][0]["id"] == "inrae-montpellier"
    assert "line 3" in failed["unknown"] and "unknown actor reference 'No Such Hospital'" in failed["unknown"]
    assert "'ap-hp'" not in failed["unknown"]  # one error per reference that failed, not per reference given
    assert "line 4" in failed["slow"] and "time limit" in failed["slow"]
    assert "line 5" in failed["bad"] and "'top': expected a positive integer" in failed["bad"]
    assert "line 7" in failed[7] and "not JSON" in failed[7]
    assert elapsed < 120  # the slow query was stopped, not run to its end


def _embedded(tmp_path: Path, schema: Schema) -> str:
    uri = f"falkordb://{tmp_path / 'g'}"
    store = open_store(uri)
    try:
        _load(store, schema)
    finally:
        store.close()
    return uri


def test_cli_says_which_namesake_it_picked_and_fails_a_batch_only_when_strict(tmp_path: Path, schema: Schema) -> None:
    uri = _embedded(tmp_path, schema)
    runner = CliRunner()
    res = runner.invoke(app, ["recommend", "--with", CHU, "--top", "2", "--json", "--store", uri])
    assert res.exit_code == 0, res.output
    assert f"'{CHU}' names 2 actors; using {CHU} [{REGISTERED}]" in res.stderr and NAME_ONLY in res.stderr
    data = json.loads(res.stdout)
    assert len(data["suggestions"]) == 2 and REGISTERED not in {s["actor"] for s in data["suggestions"]}
    assert data["references"][0]["id"] == REGISTERED
    assert [a["id"] for a in data["references"][0]["alternatives"]] == [NAME_ONLY]
    bad = runner.invoke(app, ["recommend", "--with", "nobody", "--with", CHU, "--with", "no one", "--store", uri])
    assert bad.exit_code == 1
    errors = [x for x in bad.stderr.splitlines() if x.startswith("error:")]
    assert len(errors) == 2 and "'nobody'" in errors[0] and "'no one'" in errors[1]
    src, out = _batch_file(tmp_path), tmp_path / "out.jsonl"
    res = runner.invoke(app, ["recommend", "--batch", str(src), "--out", str(out), "--store", uri])
    assert res.exit_code == 0, res.output
    assert "4 answered, 4 failed" in res.stderr and "line 2: 'Centre Hospitalier" in res.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 8
    strict = runner.invoke(app, ["recommend", "--batch", str(src), "--out", str(out), "--strict", "--store", uri])
    assert strict.exit_code == 1 and "4 query(ies)" in strict.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 8  # --strict still answers every query it can


def _page() -> None:
    from ui.recommend_page import render

    render()


@pytest.mark.parametrize(("lang", "says"), [("fr", "désigne 2 acteurs"), ("en", "names 2 actors")])
def test_the_page_says_which_namesake_it_picked(
    tmp_path: Path, schema: Schema, monkeypatch: pytest.MonkeyPatch, lang: str, says: str
) -> None:
    from streamlit.testing.v1 import AppTest

    from ui.data import _store_for

    uri = _embedded(tmp_path, schema)
    monkeypatch.setenv("CARTO_STORE", uri)
    # the language as the sidebar switch sets it, seen alike by the script and by AppTest's widget formatting
    monkeypatch.setattr("ui.i18n.lang", lambda: lang)
    try:
        at = AppTest.from_function(_page, default_timeout=120)
        at.run()
        at.text_area(key="rec_with").input(f"{CHU}\n{INRA_ROW_NAME.title()}")
        at.button[0].click()
        at.run()
        assert not at.exception and not at.error
        notices = [x.value for x in at.info]
        picked = next(n for n in notices if says in n)
        using, others = picked.split(". ", 1)
        assert REGISTERED in using and NAME_ONLY not in using and NAME_ONLY in others
        assert any("inrae-montpellier" in n and CHU not in n for n in notices)  # found by a loaded name
        table = at.dataframe[0].value
        assert REGISTERED not in set(table["id"]) and NAME_ONLY in set(table["id"])  # the pick is the partner
    finally:
        _store_for(uri).close()
        _store_for.clear()
