"""Every name a row of ../shared/data was loaded under finds, as an actor reference, the actor it landed on (issue 14).

A consortium builder types partners as their documents write them: a row's own spelling must
name its actor again, even where resolution merged the row into another actor. A spelling
that landed on several actors (two hospitals writing themselves alike) names one of them,
and the answer says it was ambiguous.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from graph import GraphStore
from ingest.registry import REVIEW_DIR_ENV
from ingest.shared_data import load_shared_data
from ontology import Schema
from queries.actor_refs import compared_form, resolve_refs

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _review_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(REVIEW_DIR_ENV, str(tmp_path))


def test_every_loaded_name_resolves_to_the_actor_its_row_landed_on(
    falkordb_store: GraphStore, schema: Schema, shared_data: Path
) -> None:
    store = falkordb_store
    for loaded in load_shared_data(store, schema, shared_data, refresh=False):
        assert loaded.report.reconciles, loaded.report.lines()
    landed: dict[str, set[str]] = defaultdict(set)
    spelling: dict[str, str] = {}
    for r in store.read("MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.names AS names").rows:
        for n in {r["name"], *(r["names"] or ())} - {None, ""}:
            key = compared_form(n)
            landed[key].add(r["id"])
            spelling.setdefault(key, n)
    refs = sorted(spelling.values())
    found = resolve_refs(store, refs, timeout_ms=None)
    wrong = [(n, found[n] and found[n].id, sorted(landed[compared_form(n)])) for n in refs]
    wrong = [w for w in wrong if w[1] not in w[2]]
    shared = sum(len(v) > 1 for v in landed.values())
    print(f"{len(refs)} loaded names, {shared} of them landed on several actors, {len(wrong)} not found again")
    assert len(refs) > 25_000
    assert not wrong, wrong[:20]
    for n in refs:
        if len(landed[compared_form(n)]) > 1:
            assert found[n] is not None and found[n].ambiguous
