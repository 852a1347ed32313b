"""The explorer on the real open data of ../shared/data: every page opens, a filter applies, an actor page shows.

Also takes docs/screenshots/network-shared-data.png and map-shared-data.png.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from graph.falkordb_store import FalkorDBStore
from ingest.registry import REVIEW_DIR_ENV
from ingest.shared_data import load_shared_data
from ontology import Schema
from queries import run_named
from tests.browser.conftest import ServedApp, serve
from tests.browser.test_explorer_browser import SCREENSHOTS, _metric, _network_frame, _node_point, _open, _settle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SLOW_MS = 240_000


@pytest.fixture(scope="module")
def real_app(
    tmp_path_factory: pytest.TempPathFactory, shared_data: Path, schema: Schema
) -> Iterator[tuple[ServedApp, dict]]:
    """The app on every file of ../shared/data, and one Essonne lab to open."""
    work = tmp_path_factory.mktemp("served-real")
    old = os.environ.get(REVIEW_DIR_ENV)
    os.environ[REVIEW_DIR_ENV] = str(work / "resolution")
    store = FalkorDBStore(work / "graph")
    try:
        store.apply_schema(schema)
        for loaded in load_shared_data(store, schema, shared_data):
            assert loaded.report.reconciles, loaded.report.lines()
        actors = run_named(store, "explorer_actors").rows
        lab = next(a for a in actors if a["kind"] == "academic_lab" and a["departement"] == "91" and a["domains"])
    finally:
        store.close()
        if old is None:
            os.environ.pop(REVIEW_DIR_ENV, None)
        else:
            os.environ[REVIEW_DIR_ENV] = old
    with serve(f"falkordb://{(work / 'graph').resolve()}", work) as app:
        yield app, lab


def test_pages_open_on_the_real_graph(real_app: tuple[ServedApp, dict], page) -> None:  # type: ignore[no-untyped-def]
    app, lab = real_app
    page.set_default_timeout(180_000)
    _open(page, f"{app.url}/overview", "Cartographie de l'écosystème santé d'Île-de-France", timeout_ms=SLOW_MS)
    assert int(_metric(page, "Acteurs").replace("\u202f", "").replace(",", "")) > 5000
    _open(page, f"{app.url}/network?dep=91", "Réseau des acteurs")
    assert int(_metric(page, "Acteurs sélectionnés")) > 100
    frame = _network_frame(page)
    assert int(frame.locator("#network").get_attribute("data-nodes")) > 0
    frame.frame_element().scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "network-shared-data.png"))
    # The whole graph (about 24,000 actors): the first visit computes its communities (tens of
    # seconds on a loaded 2-core machine, then cached); it draws through community super-nodes.
    _open(page, f"{app.url}/network", "Réseau des acteurs", timeout_ms=SLOW_MS)
    frame = _network_frame(page, timeout_ms=SLOW_MS)
    assert page.get_by_text("super-nœud").count() >= 1
    # A click on the largest community's super-node draws its members in place.
    frame.frame_element().scroll_into_view_if_needed()
    page.mouse.click(*_node_point(page, frame, "c1"))
    page.wait_for_url("**open=c1**", timeout=SLOW_MS)
    _settle(page, SLOW_MS)
    # The iframe's new page replaces the old one once drawn: wait for the drawing without c1's super-node.
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('iframe')).some(f => f.contentWindow && f.contentWindow.network"
        " && f.contentDocument.body.dataset.drawn === '1' && f.contentWindow.network.body.data.nodes.get('c1') === null"
        " && f.contentWindow.network.body.data.nodes.get().filter(n => !n.super).length > 50)",
        timeout=SLOW_MS,
    )
    page.screenshot(path=str(SCREENSHOTS / "network-expanded-shared-data.png"))
    _open(page, f"{app.url}/map?kind=academic_lab", "Carte de l'Île-de-France")
    page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg").first.wait_for()
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SCREENSHOTS / "map-shared-data.png"))
    _open(page, f"{app.url}/actor?id={quote(lab['id'])}", "Fiche acteur")
    page.get_by_role("heading", name=lab["name"]).first.wait_for()
    page.get_by_text("Domaines, axes et filières").first.wait_for()
