"""Clicks in the network drawing, sent back to Python: a click on a community super-node expands it.

The network is a self-contained vis.js page in an iframe (the same page is the "HTML" export),
so it cannot call Streamlit itself. On a click it posts `{carto: "expand", key}` to the
parent window; this invisible `st.components.v2` component, mounted in the app page, listens
for such messages from the page's own origin and hands the key to Python as a trigger value
(transient: it is read once, on the rerun it causes).
"""

from __future__ import annotations

from collections.abc import Collection

import streamlit as st

__all__ = ["clicked_community", "valid_key"]

_JS = """
export default function (component) {
  const { setTriggerValue } = component;
  const onMessage = (event) => {
    const d = event.data;
    if (event.origin !== window.location.origin || !d || d.carto !== "expand") return;
    if (typeof d.key !== "string" || !/^c[0-9]{1,6}$/.test(d.key)) return;
    setTriggerValue("expand", d.key);
  };
  window.addEventListener("message", onMessage);
  return () => window.removeEventListener("message", onMessage);
}
"""

_bridge = st.components.v2.component("carto_network_clicks", js=_JS)


def valid_key(value: object, keys: Collection[str]) -> str | None:
    """The clicked community key if it names one of `keys`, else None (the message comes from a page).

    Examples
    --------
    >>> valid_key("c3", {"c1", "c3"}), valid_key("c9", {"c1"}), valid_key(None, {"c1"}), valid_key(["c1"], {"c1"})
    ('c3', None, None, None)
    """
    return value if isinstance(value, str) and value in keys else None


def clicked_community(keys: Collection[str]) -> str | None:
    """Mount the listener; the community key clicked in the drawing since the last run, if any."""
    result = _bridge(key="network_clicks", height=0, on_expand_change=lambda: None)
    return valid_key(result.get("expand") if result is not None else None, keys)
