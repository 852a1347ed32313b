"""An embedded store loaded with the seed and the explorer's probe actors, shared by the UI tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ui.explorer_seed import build_explorer_store


@pytest.fixture(scope="session")
def explorer_store_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The store, built once; the app's cached connection to it is closed at the end."""
    uri = build_explorer_store(tmp_path_factory.mktemp("explorer") / "graph")
    yield uri
    from ui.data import _store_for

    _store_for(uri).close()
    _store_for.clear()


@pytest.fixture
def explorer_uri(explorer_store_uri: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """CARTO_STORE for in-process AppTest runs, set for one test only (other tests keep theirs)."""
    monkeypatch.setenv("CARTO_STORE", explorer_store_uri)
    return explorer_store_uri


@pytest.fixture(scope="session")
def explorer_rows(explorer_store_uri: str) -> tuple[list[dict], list[dict]]:
    """The explorer's actor and link rows, read once through the app's cached connection."""
    from queries import run_named
    from ui.data import _store_for

    store = _store_for(explorer_store_uri)
    return run_named(store, "explorer_actors").rows, run_named(store, "explorer_links").rows
