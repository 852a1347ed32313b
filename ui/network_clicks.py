"""Clicks in the network drawing, sent back to Python: a super-node expands, an actor becomes the focus.

The network is a self-contained vis.js page in an iframe (the same page is the "HTML" export),
so it cannot call Streamlit itself. On a click it posts `{carto: "expand", key}` (community
super-node) or `{carto: "focus", key}` (actor) to the parent window; this invisible
`st.components.v2` component, mounted in the app page, listens for such messages from the
page's own origin and hands the key to Python as a trigger value (transient: it is read once,
on the rerun it causes).

The page is not trusted: the listener only checks the shape of the message, and Python keeps
a key only if it names a community of the current analysis or a known actor (`valid_key`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

__all__ = ["Click", "ID_MAX", "network_click", "parse_click", "valid_key"]

ID_MAX = 300  # actor ids are slugs of open-data names; anything longer is not one of ours

_JS = """
export default function (component) {
  const { setTriggerValue } = component;
  const onMessage = (event) => {
    const d = event.data;
    if (event.origin !== window.location.origin || !d || typeof d.key !== "string") return;
    if (d.carto === "expand" && /^c[0-9]{1,6}$/.test(d.key)) setTriggerValue("expand", d.key);
    else if (d.carto === "focus" && d.key.length > 0 && d.key.length <= ID_MAX) setTriggerValue("focus", d.key);
  };
  window.addEventListener("message", onMessage);
  return () => window.removeEventListener("message", onMessage);
}
""".replace("ID_MAX", str(ID_MAX))

_bridge = st.components.v2.component("carto_network_clicks", js=_JS)


@dataclass(frozen=True)
class Click:
    """What was clicked in the drawing: `action` is "expand" (a community key) or "focus" (an actor id)."""

    action: str
    key: str


def parse_click(result: Mapping[str, Any] | None) -> Click | None:
    """The click carried by the component's trigger values, if any (shape only: keys are checked by `valid_key`).

    Examples
    --------
    >>> parse_click({"expand": "c3", "focus": None}), parse_click({"focus": "institut-curie"})
    (Click(action='expand', key='c3'), Click(action='focus', key='institut-curie'))
    >>> parse_click(None), parse_click({"focus": ["x"]}), parse_click({"focus": "x" * 301}), parse_click({"focus": ""})
    (None, None, None, None)
    """
    if result is None:
        return None
    for action in ("focus", "expand"):
        value = result.get(action)
        if isinstance(value, str) and 0 < len(value) <= ID_MAX:
            return Click(action, value)
    return None


def valid_key(value: object, keys: Collection[str]) -> str | None:
    """`value` if it names one of `keys` (communities drawn, or actors known), else None: the message comes from a page.

    Examples
    --------
    >>> valid_key("c3", {"c1", "c3"}), valid_key("c9", {"c1"}), valid_key(None, {"c1"}), valid_key(["c1"], {"c1"})
    ('c3', None, None, None)
    """
    return value if isinstance(value, str) and value in keys else None


def network_click() -> Click | None:
    """Mount the listener (once per run, before anything that depends on a click); the click since the last run."""
    result = _bridge(key="network_clicks", height=0, on_expand_change=lambda: None, on_focus_change=lambda: None)
    return parse_click(result)
