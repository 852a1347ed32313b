"""Loading a label or link group in parts leaves the same graph as loading it whole.

The loader cuts big labels and link groups into parts (`ingest.loader._PART` records) so the
writer starts before everything is folded. Here every source's fixture is loaded with parts of
three records (every label and group cut, one key's records kept together) and with no cut at
all: the two graphs, load times aside, are the same, and so are the reports.
"""

from __future__ import annotations

import pytest

import ingest.loader
from graph import GraphStore, clear_graph, snapshot
from ingest import concept_batch, load_batch
from ingest.registry import READERS
from ontology import Schema
from tests.integration.test_ingest_sources import LOADS, _without_load_times


def _load(store: GraphStore, schema: Schema) -> tuple[dict, list[str]]:
    clear_graph(store)
    load_batch(store, concept_batch(schema), schema)
    lines = []
    for source, paths in LOADS:
        report = load_batch(store, READERS[source](schema, paths), schema, batch_size=7)
        assert report.reconciles, report.lines()
        lines += report.lines()
    return _without_load_times(snapshot(store)), lines


def test_a_load_in_parts_leaves_the_graph_a_whole_load_leaves(
    store: GraphStore, schema: Schema, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest.loader, "_PART", 10**9)
    whole, whole_lines = _load(store, schema)
    monkeypatch.setattr(ingest.loader, "_PART", 3)
    in_parts, part_lines = _load(store, schema)
    assert in_parts == whole
    assert part_lines == whole_lines
    assert len(whole["nodes"]) > 50 and len(whole["relationships"]) > 50  # something was loaded
