"""The console page, driven by Streamlit's AppTest on a seeded embedded store of its own."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

SCRIPT = """
from ui import console_page
console_page.render()
"""


def test_library_query_with_its_form(page_store: str) -> None:
    at = AppTest.from_string(SCRIPT, default_timeout=60).run()
    at.selectbox(key="console_query").set_value("cluster_members").run()
    at.text_input(key="console_cluster_members_cluster_id").set_value("task-force-e-sante")
    at.button[0].click().run()
    assert not at.exception
    assert any("4 ligne" in m.value for m in at.markdown)
    frame = at.dataframe[0].value
    assert sorted(frame["id"]) == ["advancity", "cap-digital", "medicen", "systematic"]


def test_own_cypher_is_read_only(page_store: str) -> None:
    at = AppTest.from_string(SCRIPT, default_timeout=60).run()
    at.radio(key="console_mode").set_value("cypher").run()
    at.text_area(key="console_text").set_value("MATCH (n) DETACH DELETE n")
    at.button[0].click().run()
    assert at.error and "refused" in at.error[0].value.lower()
    at.text_area(key="console_text").set_value(
        "MATCH (a:Actor)-[:MEMBER_OF]->(c:Actor {id: $c}) RETURN a.id AS source, c.id AS target ORDER BY source"
    )
    at.text_area(key="console_params").set_value('{"c": "canceropole-ile-de-france"}')
    at.button[0].click().run()
    assert not at.error and not at.exception
    assert len(at.dataframe[0].value) == 8
    # the graph tab drew the membership star
    assert at.get("graphviz_chart") and "canceropole-ile-de-france" in at.get("graphviz_chart")[0].proto.spec
