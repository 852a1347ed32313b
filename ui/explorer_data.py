"""The explorer's actor and link rows, read once per state of the graph and shared by every session.

Reading every actor and link costs seconds on a large graph (parsing tens of thousands of
rows), so the rows are kept while the graph keeps its size: they are cached under the graph's
fingerprint (actor and relationship counts, two queries the store answers from its counters in
milliseconds), at most ten minutes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from ontology import load_schema
from queries import run_named
from ui.data import get_store
from ui.filters import Filters, select_actors

__all__ = ["explorer_rows", "explorer_state", "fingerprint", "actor_names", "selection"]

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


def explorer_state(uri: str) -> tuple[tuple[Any, ...], Rows, Rows]:
    """The graph's fingerprint with its rows: the key under which what is derived from the rows is cached."""
    state = fingerprint(uri)
    actors, links = _rows(uri, state)
    return state, actors, links


@st.cache_resource(max_entries=4, show_spinner=False)
def actor_names(uri: str, state: tuple[Any, ...], _actors: Rows) -> dict[str, str]:
    """Actor id -> display name, once per graph state (a pass over every actor: 0.1 s on the real graph)."""
    return {a["id"]: str(a.get("name") or a["id"]) for a in _actors}


@st.cache_resource(max_entries=32, show_spinner=False)
def selection(uri: str, state: tuple[Any, ...], f: Filters, _actors: Rows, _links: Rows) -> list[Mapping[str, Any]]:
    """`select_actors` for one set of filters, once per graph state (0.1-0.3 s on the real graph).

    The list is shared by every session: treat it as read-only."""
    return select_actors(_actors, _links, f, load_schema())
