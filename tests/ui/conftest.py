"""An embedded store loaded with the seed and the explorer's probe actors, shared by the UI tests."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.ui.explorer_seed import build_explorer_store


@pytest.fixture(scope="session")
def explorer_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """CARTO_STORE for in-process AppTest runs; the app's cached store is closed at the end."""
    uri = build_explorer_store(tmp_path_factory.mktemp("explorer") / "graph")
    old = os.environ.get("CARTO_STORE")
    os.environ["CARTO_STORE"] = uri
    yield uri
    from ui.data import _store_for

    _store_for(uri).close()
    _store_for.clear()
    if old is None:
        os.environ.pop("CARTO_STORE", None)
    else:
        os.environ["CARTO_STORE"] = old


@pytest.fixture(scope="session")
def explorer_rows(explorer_uri: str) -> tuple[list[dict], list[dict]]:
    """The explorer's actor and link rows, read once through the app's own cached path."""
    from queries import run_named
    from ui.data import _store_for

    store = _store_for(explorer_uri)
    return run_named(store, "explorer_actors").rows, run_named(store, "explorer_links").rows
