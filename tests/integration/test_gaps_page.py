"""The gaps page, driven by Streamlit's AppTest on a seeded embedded store of its own."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

SCRIPT = """
from ui import gaps_page
gaps_page.render()
"""


def _run(lang: str = "fr") -> AppTest:
    at = AppTest.from_string(SCRIPT, default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_gaps_page_ranks_filters_and_exports(page_store: str) -> None:
    at = _run()
    assert at.title[0].value == "Lacunes au regard de la stratégie du pôle"
    table = at.dataframe[0].value
    assert list(table.columns) == ["Rang", "Type", "Sujet", "Score", "Constat"]
    assert list(table["Score"]) == sorted(table["Score"], reverse=True)
    total = int(at.metric[0].value)
    assert total >= 10 and len(at.expander) == min(25, total)
    assert {b.label for b in at.get("download_button")} == {"JSON", "CSV", "XLSX", "Markdown", "HTML"}
    at.multiselect(key="gaps_kinds").set_value(["value_chain"]).run()
    kinds = set(at.dataframe[0].value["Type"])
    assert kinds == {"Chaîne de valeur"}
    assert int(at.metric[0].value) < total


def test_gaps_page_in_english(page_store: str) -> None:
    at = _run("en")
    assert at.title[0].value == "Gaps against the cluster's strategy"
    assert "Finding" in at.dataframe[0].value.columns
