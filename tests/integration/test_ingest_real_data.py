"""Every file of ../shared/data loads into both stores through its reader, with the reconciliation holding."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import GraphStore
from ingest.registry import REVIEW_DIR_ENV
from ingest.shared_data import load_shared_data
from ontology import Schema

pytestmark = pytest.mark.slow

EXPECTED_ROWS = {
    "rnsr/fr-esr-structures-recherche-publiques-actives.csv": 4506,
    "ilab/fr-esr-laureats-concours-national-i-lab.csv": 3923,
    "anr/anr-dos-depuis-2010-projets-finances-partenaires.csv": 44313,
    "anr/anr-dgpie-depuis-2010-projets-finances-partenaires.csv": 6050,
    "anr/anr-dgpie-depuis-2010-projets-finances-projets.csv": 1104,
    "cordis/organization.csv": 4063,
    "cordis/topics.csv": 475,
}


def test_all_shared_data_loads_with_the_reconciliation_holding(
    store: GraphStore, schema: Schema, shared_data: Path
) -> None:
    read: dict[str, int] = {}
    for loaded in load_shared_data(store, schema, shared_data, refresh=False):
        report = loaded.report
        assert report.reconciles, report.lines()
        for t in report.tallies:
            read[t.file] = t.rows_read
            assert t.loaded >= 0.95 * t.rows_read, t.line()  # quarantine stays the exception
    assert read == EXPECTED_ROWS
    counts = {
        r["type"]: r["n"]
        for r in store.read("MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n ORDER BY type").rows
    }
    assert counts["PARTICIPATES_IN"] > 50_000 and counts["SUPERVISED_BY"] > 9_000 and counts["SPUN_OFF_FROM"] > 800
    inserm_labs = store.read(
        "MATCH (l:Actor)-[:SUPERVISED_BY]->(:Actor {siren: $siren}) RETURN count(l) AS n", {"siren": "180036048"}
    ).rows[0]["n"]
    assert inserm_labs > 400


@pytest.fixture(autouse=True)
def _review_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Resolution review files go to the test's directory, not the working tree."""
    monkeypatch.setenv(REVIEW_DIR_ENV, str(tmp_path))
