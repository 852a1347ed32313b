"""The explorer's actor and link rows, read once per state of the graph and shared by every session.

Reading every actor and link costs seconds on a large graph (parsing tens of thousands of
rows), so the rows are kept while the graph keeps its size: they are cached under the graph's
fingerprint (actor and relationship counts, two queries the store answers from its counters in
milliseconds), at most ten minutes.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from queries import run_named
from ui.data import get_store

__all__ = ["explorer_rows", "fingerprint"]

Rows = list[dict[str, Any]]


def fingerprint(uri: str) -> tuple[Any, ...]:
    """The graph's current state as a cache key."""
    store = get_store()
    counts = [run_named(store, name).rows for name in ("explorer_fingerprint", "explorer_link_count")]
    return tuple(v for rows in counts for v in (rows[0].values() if rows else ()))


@st.cache_resource(ttl=600, max_entries=4, show_spinner="Lecture du graphe… / Reading the graph…")
def _rows(uri: str, state: tuple[Any, ...]) -> tuple[Rows, Rows]:
    store = get_store()
    return run_named(store, "explorer_actors").rows, run_named(store, "explorer_links").rows


def explorer_rows(uri: str) -> tuple[Rows, Rows]:
    """Actor rows (`explorer_actors`) and actor-to-actor links (`explorer_links`); treat them as read-only."""
    return _rows(uri, fingerprint(uri))
