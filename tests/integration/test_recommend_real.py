"""Recommendation on the real ANR and CORDIS files, loaded by the project's own readers (slow)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from graph.falkordb_store import FalkorDBStore
from ingest import concept_batch, load_batch
from ingest.anr import read_anr
from ingest.cordis import read_cordis
from ontology import Schema
from queries import run_named
from queries.actor_refs import resolve_ref_ids
from queries.rec_graph import clear_cache
from queries.recommend import RecQuery, recommend


@pytest.mark.slow
def test_real_consortia_give_checked_reasons(tmp_path: Path, shared_data: Path, schema: Schema) -> None:
    store = FalkorDBStore(tmp_path / "g")
    try:
        store.apply_schema(schema)
        load_batch(store, concept_batch(schema), schema)
        anr = shared_data / "anr"
        load_batch(store, read_anr(schema, sorted(anr.glob("*.csv"))), schema)
        load_batch(store, read_cordis(schema, sorted((shared_data / "cordis").glob("*.csv"))), schema)
        clear_cache()
        parts = run_named(store, "rec_participations").rows
        busiest = Counter(r["actor"] for r in parts if r["actor"].startswith("rnsr-")).most_common(1)[0][0]
        rnsr = next(r["rnsr"] for r in run_named(store, "rec_actors").rows if r["id"] == busiest)
        assert resolve_ref_ids(store, [f"rnsr:{rnsr}"]) == [busiest]
        q = RecQuery(text="immunothérapie des cancers, essai clinique et biomarqueurs", partners=(busiest,), top=10)
        found = recommend(store, q)
        assert len(found) == 10 and busiest not in {s.actor for s in found}
        projects = {r["project"] for r in parts if r["actor"] == busiest}
        coworkers = {r["actor"] for r in parts if r["project"] in projects}
        assert found[0].actor in coworkers  # the strongest evidence is a shared project
        for s in found:
            for reason in s.reasons:
                for f in reason.facts:
                    if f.rel.startswith("@"):
                        continue
                    rows = run_named(store, "rec_fact", {"source": f.source, "rel": f.rel, "target": f.target}).rows
                    assert rows and rows[0]["facts"] >= 1, (s.actor, reason.text, f)
        hospitals = recommend(store, RecQuery(text=q.text, partners=q.partners, roles=("hospital",), top=5))
        assert hospitals and all(s.kind == "hospital" for s in hospitals)
    finally:
        store.close()
