"""Clicks in the network drawing: the message is validated, then an actor click sets the focus like the picker."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.explorer_seed import XSS_ID
from ui.network_clicks import ID_MAX, Click, parse_click, valid_key
from ui.vis_html import network_html

TIMEOUT = 60
ALL_ACTORS = 82


def test_a_click_is_read_from_the_trigger_values_by_shape_only() -> None:
    assert parse_click({"focus": "institut-curie", "expand": None}) == Click("focus", "institut-curie")
    assert parse_click({"expand": "c2"}) == Click("expand", "c2")
    for bad in (
        None,
        {},
        {"focus": None},
        {"focus": 3},
        {"focus": ["a"]},
        {"focus": ""},
        {"focus": "a" * (ID_MAX + 1)},
    ):
        assert parse_click(bad) is None, bad


def test_only_known_keys_pass_whatever_the_page_sends() -> None:
    names = {"institut-curie": "Institut Curie", XSS_ID: "<img src=x onerror=alert(1)>"}
    assert valid_key("institut-curie", names) == "institut-curie"
    assert valid_key(XSS_ID, names) == XSS_ID  # an id is matched exactly, its name never reaches markup
    for forged in (
        "Institut Curie",
        "institut-curie ",
        "INSTITUT-CURIE",
        "c1",
        "<script>",
        "",
        None,
        1,
        ["institut-curie"],
    ):
        assert valid_key(forged, names) is None, forged


def test_the_drawing_posts_expand_at_once_and_focus_after_a_double_click_window() -> None:
    from ui.layout import NetworkView

    page = network_html(NetworkView(nodes=(), edges=(), communities=(), aggregated=False))
    assert 'carto: "expand"' in page and 'carto: "focus"' in page
    assert "FOCUS_DELAY_MS = 350" in page and "clearTimeout(pendingFocus)" in page


def _network() -> None:
    from ui import network_page

    network_page.render()


def _clicking(monkeypatch: pytest.MonkeyPatch, click: Click | None) -> None:
    import ui.network_page

    monkeypatch.setattr(ui.network_page, "network_click", lambda: click)


def _selected(at: AppTest) -> int:
    return int(next(m.value for m in at.metric if m.label == "Acteurs sélectionnés"))


@pytest.mark.usefixtures("explorer_uri")
def test_clicking_an_actor_focuses_the_view_on_its_neighbours(monkeypatch: pytest.MonkeyPatch) -> None:
    at = AppTest.from_function(_network, default_timeout=TIMEOUT)
    at.session_state["lang"] = "fr"
    at.run()
    assert _selected(at) == ALL_ACTORS and "focus" not in at.query_params
    # The picker exists since the first run: the click must set it before it is drawn again.
    _clicking(monkeypatch, Click("focus", "institut-curie"))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="f_focus").value == "institut-curie"
    assert at.query_params["focus"] in (["institut-curie"], "institut-curie")
    focused = _selected(at)
    assert 1 < focused < ALL_ACTORS
    # The trigger is read once; the next run keeps the focus, now owned by the picker.
    _clicking(monkeypatch, None)
    at.run()
    assert at.selectbox(key="f_focus").value == "institut-curie" and _selected(at) == focused
    # The same as choosing it in the picker.
    picked = AppTest.from_function(_network, default_timeout=TIMEOUT)
    picked.session_state["lang"] = "fr"
    picked.query_params["focus"] = "institut-curie"
    picked.run()
    assert _selected(picked) == focused


@pytest.mark.usefixtures("explorer_uri")
@pytest.mark.parametrize("forged", ["no-such-actor", "<img src=x onerror=alert(1)>", "c1"])
def test_a_click_on_an_unknown_id_changes_nothing(monkeypatch: pytest.MonkeyPatch, forged: str) -> None:
    at = AppTest.from_function(_network, default_timeout=TIMEOUT)
    at.session_state["lang"] = "fr"
    at.query_params["kind"] = "sme"
    at.run()
    before = _selected(at)
    _clicking(monkeypatch, Click("focus", forged))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert "focus" not in at.query_params and at.selectbox(key="f_focus").value == ""
    assert _selected(at) == before
