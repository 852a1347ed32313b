"""Gap report on the real open data of ../shared/data (issue 5): the top entries cite real
actors and counts that the cited library queries reproduce. Loads every source: slow."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import GraphStore
from ingest.shared_data import load_shared_data
from ontology import Schema
from queries import run_named
from queries.gaps_report import build_report, check_citations

TOP = 10


@pytest.mark.slow
def test_shared_data_gaps_cite_reproducible_evidence(
    falkordb_store: GraphStore, schema: Schema, shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARTO_RESOLUTION_DIR", str(tmp_path / "resolution"))
    for loaded in load_shared_data(falkordb_store, schema, shared_data, with_seed=True, refresh=False):
        assert loaded.report.reconciles, (loaded.source, loaded.report.lines())
    gaps = build_report(falkordb_store, schema=schema).gaps
    assert len(gaps) >= TOP
    assert {g.kind for g in gaps[:50]} >= {"coverage", "network"}
    actors = {r["id"] for r in run_named(falkordb_store, "gap_network_actors").rows}
    for gap in gaps[:TOP]:
        assert gap.evidence.actors, (gap.kind, gap.subject)
        assert {a for a, _ in gap.evidence.actors} <= actors
        assert check_citations(falkordb_store, gap) == [], (gap.kind, gap.subject)
