"""The explorer in a real browser: every page, a filter, an actor page, an export, markup shown as text.

Also takes the README's screenshots (docs/screenshots/network.png and map.png).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ui.explorer_seed import XSS_ID, XSS_NAME

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _open(page, url: str, heading: str, timeout_ms: int = 45_000) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.get_by_role("heading", name=heading).first.wait_for(timeout=timeout_ms)
    _settle(page, timeout_ms)


def _settle(page, timeout_ms: int = 45_000) -> None:  # type: ignore[no-untyped-def]
    """Wait until Streamlit has finished the current run (no "running" indicator)."""
    page.wait_for_timeout(300)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout_ms)
    assert page.locator("[data-testid='stException']").count() == 0, page.locator(
        "[data-testid='stException']"
    ).first.inner_text()


def _network_frame(page, timeout_ms: int = 45_000):  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "Array.from(document.querySelectorAll('iframe')).some(f => f.contentDocument && f.contentDocument.body && f.contentDocument.body.dataset.drawn === '1')",
        timeout=timeout_ms,
    )
    for frame in page.frames:
        if frame != page.main_frame and frame.evaluate("() => document.body && document.body.dataset.drawn === '1'"):
            return frame
    raise AssertionError("no drawn network frame")


def _open_network(page, url: str):  # type: ignore[no-untyped-def]
    """Open a network view and bring its drawing on screen: (its frame, the number of nodes drawn)."""
    _open(page, url, "Réseau des acteurs")
    frame = _network_frame(page)
    drawn = int(frame.locator("#network").get_attribute("data-nodes"))
    frame.frame_element().scroll_into_view_if_needed()
    return frame, drawn


def _metric(page, label: str) -> str:  # type: ignore[no-untyped-def]
    box = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return box.locator("[data-testid='stMetricValue']").inner_text().strip()


def test_every_page_opens(served_app, page) -> None:  # type: ignore[no-untyped-def]
    _open(page, f"{served_app.url}/overview", "Cartographie de l'écosystème santé d'Île-de-France")
    assert _metric(page, "Acteurs") == "82"
    _open(page, f"{served_app.url}/network", "Réseau des acteurs")
    frame = _network_frame(page)
    assert int(frame.locator("#network").get_attribute("data-nodes")) == 82
    _open(page, f"{served_app.url}/map", "Carte de l'Île-de-France")
    page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg").first.wait_for()
    _open(page, f"{served_app.url}/actor?id=institut-curie", "Fiche acteur")
    page.get_by_role("heading", name="Institut Curie").wait_for()


def test_english_switch_translates_the_page(served_app, page) -> None:  # type: ignore[no-untyped-def]
    _open(page, f"{served_app.url}/network?lang=en", "Actor network")
    page.get_by_text("Therapeutic domain").first.wait_for()


def test_a_filter_chosen_in_the_sidebar_lands_in_the_url(served_app, page) -> None:  # type: ignore[no-untyped-def]
    _open(page, f"{served_app.url}/network", "Réseau des acteurs")
    before = int(_metric(page, "Acteurs sélectionnés"))
    box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(has_text="Type d'acteur")
    box.locator("input").click()
    page.keyboard.type("PME")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_url("**kind=sme**")
    _settle(page)
    after = int(_metric(page, "Acteurs sélectionnés"))
    assert 0 < after < before
    # The URL alone reproduces the view: a shared link.
    _open(page, page.url, "Réseau des acteurs")
    assert int(_metric(page, "Acteurs sélectionnés")) == after


def test_markup_in_a_name_shows_as_text(served_app, page) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _open(page, f"{served_app.url}/network?focus={XSS_ID}", "Réseau des acteurs")
    frame = _network_frame(page)
    assert frame.evaluate("() => document.querySelectorAll('img').length") == 0
    # Hover the node so vis.js shows its tooltip, then read the tooltip's text.
    page.mouse.move(*_node_point(page, frame, XSS_ID))
    tooltip = frame.locator(".vis-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    assert XSS_NAME in tooltip.inner_text()
    assert frame.evaluate("() => document.querySelectorAll('img').length") == 0
    _open(page, f"{served_app.url}/actor?id={XSS_ID}", "Fiche acteur")
    page.get_by_role("heading", name=XSS_NAME).wait_for()
    page.wait_for_timeout(500)
    assert dialogs == [], f"a script ran: {dialogs}"


def _node_point(page, frame, node_id: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Where a node is drawn, in page coordinates."""
    point = frame.evaluate(
        "id => { const p = network.getPositions([id])[id]; const d = network.canvasToDOM(p);"
        " const r = document.getElementById('network').getBoundingClientRect(); return {x: d.x + r.left, y: d.y + r.top}; }",
        node_id,
    )
    box = frame.frame_element().bounding_box()
    return box["x"] + point["x"], box["y"] + point["y"]


def test_double_click_on_an_actor_opens_its_page(served_app, page) -> None:  # type: ignore[no-untyped-def]
    _open(page, f"{served_app.url}/network?focus=institut-curie", "Réseau des acteurs")
    frame = _network_frame(page)
    frame.frame_element().scroll_into_view_if_needed()
    x, y = _node_point(page, frame, "institut-curie")
    with page.context.expect_page() as opened:
        page.mouse.dblclick(x, y)
    actor = opened.value
    actor.wait_for_load_state()
    assert "/actor?id=institut-curie" in actor.url
    actor.get_by_role("heading", name="Institut Curie").wait_for()


def test_actor_page_reports_an_error_to_the_file(served_app, page) -> None:  # type: ignore[no-untyped-def]
    _open(page, f"{served_app.url}/actor?id=medicen", "Fiche acteur")
    page.get_by_text("Signaler une erreur").click()
    page.get_by_label("Qu'est-ce qui est faux ?").fill("Le sigle officiel est MEDICEN PARIS REGION")
    page.get_by_role("button", name="Envoyer le signalement").click()
    page.get_by_text("signalement enregistré").wait_for()
    lines = served_app.reports.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[-1])["actor_id"] == "medicen"


def test_network_view_exports_a_csv(served_app, page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _open(page, f"{served_app.url}/network?dom=dom-cancer", "Réseau des acteurs")
    selected = int(_metric(page, "Acteurs sélectionnés"))
    with page.expect_download() as info:
        page.get_by_role("button", name="CSV", exact=True).click()
    target = tmp_path / "export.csv"
    info.value.save_as(target)
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("id,name,kind")
    assert len(lines) == selected + 1
    assert any("Institut Curie" in line for line in lines)


def test_screenshots_for_the_readme(served_app, page) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    _open(page, f"{served_app.url}/network", "Réseau des acteurs")
    frame = _network_frame(page)
    frame.frame_element().scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "network.png"))
    _open(page, f"{served_app.url}/map", "Carte de l'Île-de-France")
    page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg").first.wait_for()
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SCREENSHOTS / "map.png"))
    assert (SCREENSHOTS / "network.png").stat().st_size > 10_000
    assert (SCREENSHOTS / "map.png").stat().st_size > 10_000


def test_clicking_a_super_node_expands_its_community(crowd_app, page) -> None:  # type: ignore[no-untyped-def]
    _open(page, f"{crowd_app.url}/network", "Réseau des acteurs")
    assert int(_metric(page, "Acteurs sélectionnés")) == 1600
    frame = _network_frame(page)
    drawn = int(frame.locator("#network").get_attribute("data-nodes"))
    assert drawn == int(_metric(page, "Communautés")) < 100  # one super-node per community
    frame.frame_element().scroll_into_view_if_needed()
    page.mouse.click(*_node_point(page, frame, "c1"))
    page.wait_for_url("**open=c1**")
    page.wait_for_function(
        "n => Array.from(document.querySelectorAll('iframe')).some(f => f.contentDocument && f.contentDocument.body"
        " && f.contentDocument.body.dataset.drawn === '1' && Number(f.contentDocument.getElementById('network').dataset.nodes) > n)",
        arg=drawn,
    )
    _settle(page)
    frame = _network_frame(page)
    # c1's members are drawn one by one instead of its super-node; the others stay aggregated.
    members = frame.evaluate("() => network.body.data.nodes.get().filter(n => !n.super).length")
    assert members >= 50
    assert frame.evaluate("() => network.body.data.nodes.get('c1')") is None
    assert frame.evaluate("() => network.body.data.nodes.get().filter(n => n.super).length") == drawn - 1
    # The expanded community is in the URL: the shared link reopens it expanded.
    _open(page, page.url, "Réseau des acteurs")
    frame = _network_frame(page)
    assert frame.evaluate("() => network.body.data.nodes.get().filter(n => !n.super).length") == members


def _drawn_nodes(page, other_than: int) -> int:  # type: ignore[no-untyped-def]
    """The node count of the drawing once a new drawing with another count is in the page."""
    page.wait_for_function(
        "n => Array.from(document.querySelectorAll('iframe')).some(f => f.contentDocument && f.contentDocument.body"
        " && f.contentDocument.body.dataset.drawn === '1' && Number(f.contentDocument.getElementById('network').dataset.nodes) !== n)",
        arg=other_than,
    )
    _settle(page)
    return int(_network_frame(page).locator("#network").get_attribute("data-nodes"))


def _top_node_at(page, frame, x: float, y: float) -> str | None:  # type: ignore[no-untyped-def]
    """The node vis.js picks under a page point (nodes may overlap in the whole-graph drawing)."""
    box = frame.frame_element().bounding_box()
    return frame.evaluate(
        "p => { const r = document.getElementById('network').getBoundingClientRect();"
        " return network.getNodeAt({x: p.x - r.left, y: p.y - r.top}) ?? null; }",
        {"x": x - box["x"], "y": y - box["y"]},
    )


def test_clicking_an_actor_centres_the_view_on_its_neighbours(served_app, page) -> None:  # type: ignore[no-untyped-def]
    _open(page, f"{served_app.url}/network", "Réseau des acteurs")
    frame = _network_frame(page)
    before = int(frame.locator("#network").get_attribute("data-nodes"))
    assert before == 82
    frame.frame_element().scroll_into_view_if_needed()
    x, y = _node_point(page, frame, "institut-curie")
    assert _top_node_at(page, frame, x, y) == "institut-curie"
    page.mouse.click(x, y)
    page.wait_for_url("**focus=institut-curie**")
    after = _drawn_nodes(page, before)
    # The drawing is the neighbourhood, the same as choosing the actor in the sidebar's picker.
    assert 1 < after < before
    assert int(_metric(page, "Acteurs sélectionnés")) == after
    frame = _network_frame(page)
    assert frame.evaluate("() => network.body.data.nodes.get('institut-curie') !== null")
    picker = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="Centrer sur")
    assert "Institut Curie" in picker.inner_html(), picker.inner_html()
    # The address alone reproduces the view: a shareable link.
    _open(page, page.url, "Réseau des acteurs")
    assert int(_network_frame(page).locator("#network").get_attribute("data-nodes")) == after


def test_double_click_on_a_neighbour_opens_its_page_and_leaves_the_view(served_app, page) -> None:  # type: ignore[no-untyped-def]
    frame, drawn = _open_network(page, f"{served_app.url}/network?focus=institut-curie")
    neighbour = frame.evaluate("() => network.body.data.nodes.getIds().find(i => i !== 'institut-curie')")
    x, y = _node_point(page, frame, neighbour)
    assert _top_node_at(page, frame, x, y) == neighbour
    url = page.url
    with page.context.expect_page() as opened:
        # Paced like a hand (Playwright's own dblclick sends both clicks within 2 ms): vis.js reports
        # click, click, doubleClick, and the first click must not focus the view behind the new tab.
        page.mouse.click(x, y)
        page.wait_for_timeout(150)
        page.mouse.click(x, y, click_count=2)
    actor = opened.value
    actor.wait_for_load_state()
    assert f"/actor?id={neighbour}" in actor.url
    # The single clicks of the double click were dropped: no focus change behind the new tab.
    page.wait_for_timeout(1500)
    _settle(page)
    assert page.url == url
    assert int(_network_frame(page).locator("#network").get_attribute("data-nodes")) == drawn


def test_clicking_an_actor_with_a_markup_name_focuses_it(served_app, page) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    frame, before = _open_network(page, f"{served_app.url}/network?kind=sme")
    x, y = _node_point(page, frame, XSS_ID)
    assert _top_node_at(page, frame, x, y) == XSS_ID
    page.mouse.click(x, y)
    page.wait_for_url(f"**focus={XSS_ID}**")
    assert _drawn_nodes(page, before) == 1  # its only neighbour is a cluster, not an SME
    assert _network_frame(page).evaluate("() => document.querySelectorAll('img').length") == 0
    assert dialogs == [], f"a script ran: {dialogs}"


def test_clicking_an_actor_of_an_expanded_community_focuses_it(crowd_app, page) -> None:  # type: ignore[no-untyped-def]
    frame, before = _open_network(page, f"{crowd_app.url}/network?open=c1")
    # Zoom on a member as a user would: the whole drawing of 1,600 positions makes an actor smaller than a pixel.
    member = frame.evaluate("() => network.body.data.nodes.get().filter(n => !n.super)[0].id")
    frame.evaluate("id => network.focus(id, {scale: 2, animation: false})", member)
    x, y = _node_point(page, frame, member)
    assert _top_node_at(page, frame, x, y) == member
    page.mouse.click(x, y)
    page.wait_for_url(f"**focus={member}**")
    after = _drawn_nodes(page, before)
    assert "open=" not in page.url  # the expanded communities belonged to the previous selection
    assert 1 < after == int(_metric(page, "Acteurs sélectionnés")) < 1600
    frame = _network_frame(page)
    assert frame.evaluate("() => network.body.data.nodes.get().filter(n => n.super).length") == 0
