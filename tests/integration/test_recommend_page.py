"""The partners page, driven headless through Streamlit's AppTest on a seeded embedded store."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from cli.main import app


def _page() -> None:
    from ui.recommend_page import render

    render()


def test_page_lists_suggestions_with_reasons_and_builds_a_consortium(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uri = f"falkordb://{tmp_path / 'g'}"
    assert (
        CliRunner().invoke(app, ["ingest", "seed", "--store", uri, "--quarantine-dir", str(tmp_path / "q")]).exit_code
        == 0
    )
    monkeypatch.setenv("CARTO_STORE", uri)
    at = AppTest.from_function(_page, default_timeout=120)
    at.run()
    at.text_area(key="rec_text").input("essai clinique cancer et imagerie")
    at.text_area(key="rec_with").input("AP-HP")
    at.button[0].click()
    at.run()
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    assert len(table) == 10 and "ap-hp" not in set(table["id"])
    assert table.iloc[0]["id"] == "medicen" and "co-participated with AP-HP" in table.iloc[0]["Pourquoi"]
    at.radio(key="rec_mode").set_value("consortium")
    at.multiselect(key="rec_roles").set_value(["sme", "hospital"])
    at.button[0].click()
    at.run()
    assert not at.exception and not at.error
    seats = at.dataframe[0].value
    assert list(seats["Siège"]) == ["PME / start-up", "Hôpital / CHU"]
    at.text_area(key="rec_with").input("nobody at all")
    at.button[0].click()
    at.run()
    assert at.error and "unknown actor reference" in at.error[0].value
