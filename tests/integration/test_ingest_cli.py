"""`carto ingest SOURCE PATH...` for the publisher sources: files recognised by header, reconciliation printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from ingest.registry import REVIEW_DIR_ENV

FIX = Path(__file__).resolve().parents[1] / "fixtures"
runner = CliRunner()


def test_ingest_publisher_files_in_any_order_prints_the_reconciliation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(REVIEW_DIR_ENV, str(tmp_path / "resolution"))
    uri = f"falkordb://{tmp_path / 'g'}"
    common = ["--store", uri, "--quarantine-dir", str(tmp_path / "q")]
    projects = FIX / "anr" / "anr-dgpie-depuis-2010-projets-finances-projets.csv"
    partners = FIX / "anr" / "anr-dgpie-depuis-2010-projets-finances-partenaires.csv"
    res = runner.invoke(app, ["ingest", "anr-pia", str(partners), str(projects), *common, "--json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert report["reconciles"] and report["nodes_created"] == {"Actor": 2, "Project": 1}
    assert {f["file"]: (f["rows_read"], f["loaded"], f["quarantined"]) for f in report["files"]} == {
        "anr/anr-dgpie-depuis-2010-projets-finances-partenaires.csv": (3, 2, 1),
        "anr/anr-dgpie-depuis-2010-projets-finances-projets.csv": (2, 1, 1),
    }
    quarantine = (tmp_path / "q" / "anr-pia-quarantine.csv").read_text(encoding="utf-8")
    assert "Projet.Partenaire.Nom_organisme" in quarantine and "Projet.Code_Decision_ANR" in quarantine
    again = runner.invoke(app, ["ingest", "anr-pia", str(projects), str(partners), *common, "--json"])
    assert again.exit_code == 0, again.output
    assert set(json.loads(again.stdout)["nodes_created"].values()) == {0}  # re-running creates nothing


def test_a_file_of_another_source_fails_with_its_name(tmp_path: Path) -> None:
    res = runner.invoke(
        app,
        [
            "ingest",
            "cordis",
            str(FIX / "rnsr" / "fr-esr-structures-recherche-publiques-actives.csv"),
            "--store",
            f"falkordb://{tmp_path / 'g'}",
        ],
    )
    assert res.exit_code == 1
    assert "not a CORDIS" in res.output
