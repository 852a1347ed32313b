"""Each page run by Streamlit's AppTest against the seeded embedded store: widgets, URL state, outputs."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.explorer_seed import XSS_ID, XSS_NAME

TIMEOUT = 60


def _overview() -> None:
    from ui import overview_page

    overview_page.render()


def _network() -> None:
    from ui import network_page

    network_page.render()


def _map() -> None:
    from ui import map_page

    map_page.render()


def _actor() -> None:
    from ui import actor_page

    actor_page.render()


def _run(page, params: dict[str, str] | None = None, lang: str = "fr") -> AppTest:
    at = AppTest.from_function(page, default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.usefixtures("explorer_uri")
def test_overview_counts_kinds_with_ontology_names_in_both_languages() -> None:
    at = _run(_overview)
    assert _metric(at, "Acteurs") == "82"
    subheaders = [s.value for s in at.subheader]
    assert "Acteurs par type" in subheaders and "Domaines × axes (acteurs étiquetés des deux)" in subheaders
    en = _run(_overview, lang="en")
    assert "Actors by kind" in [s.value for s in en.subheader]
    sources = en.dataframe[0].value
    assert set(sources["Source"]) == {"seed", "explorer-test"}


@pytest.mark.usefixtures("explorer_uri")
def test_network_filters_come_from_and_go_to_the_url() -> None:
    at = _run(_network, {"kind": "sme", "dep": "91"})
    assert at.multiselect(key="f_kind").value == ["sme"]
    assert _metric(at, "Acteurs sélectionnés") == "1"
    at.multiselect(key="f_dep").set_value([]).run()
    assert "dep" not in at.query_params
    assert at.query_params["kind"] in (["sme"], "sme")
    assert int(_metric(at, "Acteurs sélectionnés")) > 1


@pytest.mark.usefixtures("explorer_uri")
def test_network_focus_shows_the_neighbourhood_and_offers_exports() -> None:
    at = _run(_network, {"focus": "medicen", "kind": "sme"})
    assert at.selectbox(key="f_focus").value == "medicen"
    assert int(_metric(at, "Acteurs sélectionnés")) >= 3
    labels = {b.label for b in at.get("download_button")}
    assert {"CSV", "XLSX", "GEXF (Gephi)", "HTML"} <= labels
    communities = at.dataframe[0].value
    assert int(communities["Acteurs"].sum()) == int(_metric(at, "Acteurs sélectionnés"))


@pytest.mark.usefixtures("explorer_uri")
def test_network_reports_an_empty_selection() -> None:
    at = _run(_network, {"dep": "77", "kind": "hospital"})
    assert any("Aucun acteur" in i.value for i in at.info)


@pytest.mark.usefixtures("explorer_uri")
def test_map_counts_actors_by_departement() -> None:
    at = _run(_map)
    table = at.dataframe[0].value
    values = dict(zip(table["Département"], table["Valeur"], strict=True))
    assert values["91 Essonne"] == 1 and values["75 Paris"] >= 1
    at.selectbox(key="map_measure").set_value("clinical").run()
    assert (
        dict(zip(at.dataframe[0].value["Département"], at.dataframe[0].value["Valeur"], strict=True))["91 Essonne"] == 0
    )


@pytest.mark.usefixtures("explorer_uri")
def test_actor_page_shows_facts_with_provenance() -> None:
    at = _run(_actor, {"id": "institut-curie"})
    assert at.header[0].value == "Institut Curie"
    subheaders = [s.value for s in at.subheader]
    assert "Domaines, axes et filières (avec leur justification)" in subheaders
    assert any(s.startswith("Adhésions") for s in subheaders)
    frames = [d.value for d in at.dataframe]
    assert any("seed/links.csv" in " ".join(map(str, f.get("Fichiers", []))) for f in frames)


@pytest.mark.usefixtures("explorer_uri")
def test_actor_page_shows_a_markup_name_as_text() -> None:
    at = _run(_actor, {"id": XSS_ID})
    assert at.header[0].value == XSS_NAME


def test_report_form_appends_to_the_reports_file(explorer_uri: str, tmp_path, monkeypatch) -> None:
    target = tmp_path / "reports.jsonl"
    monkeypatch.setenv("CARTO_REPORTS", str(target))
    at = _run(_actor, {"id": "medicen"})
    at.text_input(key="report_field").input("kind")
    at.text_area(key="report_message").input("Medicen est un pôle, pas une entreprise")
    submit = [b for b in at.button if b.label == "Envoyer le signalement"]
    submit[0].click().run()
    assert not at.exception
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and '"actor_id": "medicen"' in lines[0]
    assert any("signalement enregistré" in s.value for s in at.success)


@pytest.mark.usefixtures("explorer_uri")
def test_searching_an_actor_focuses_the_network_on_it() -> None:
    at = _run(_network)
    at.text_input(key="f_focus_search").input("curie").run()
    assert "Institut Curie" in at.selectbox(key="f_focus").options
    at.selectbox(key="f_focus").set_value("institut-curie").run()
    assert not at.exception
    assert at.query_params["focus"] in (["institut-curie"], "institut-curie")
    selected = int(_metric(at, "Acteurs sélectionnés"))
    assert 1 < selected < 82


@pytest.mark.usefixtures("explorer_uri")
def test_years_from_the_url_are_clamped_to_the_data() -> None:
    at = _run(_network, {"y0": "1900", "y1": "2999"})
    lo, hi = at.slider(key="f_years").value
    assert 1900 < lo <= hi < 2999
    at = _run(_network, {"y0": "2022", "y1": "2022"})
    assert at.slider(key="f_years").value == (2022, 2022)
    assert int(_metric(at, "Acteurs sélectionnés")) >= 1
