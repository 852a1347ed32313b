"""The store shared by every session (cache_resource) and cached query results (cache_data)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from graph import GraphStore, open_store, store_uri
from queries import run_named

__all__ = ["get_store", "named_rows"]


@st.cache_resource(show_spinner=False)
def _store_for(uri: str) -> GraphStore:
    return open_store(uri)


def get_store() -> GraphStore:
    """The store named by CARTO_STORE (credentials stay in the environment, not in the cache key)."""
    return _store_for(store_uri())


@st.cache_data(ttl=60, show_spinner=False)
def named_rows(name: str, params: tuple[tuple[str, Any], ...] = (), uri: str = "") -> list[dict[str, Any]]:
    """Rows of a library query; the URI is part of the key so two stores never share results."""
    return run_named(_store_for(uri or store_uri()), name, dict(params)).rows
