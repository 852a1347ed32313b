"""`write_batches(..., params=…)` on both stores: shared values reach every batch, and `rows` stays the rows."""

from __future__ import annotations

import pytest

from graph import GraphStore


def test_shared_parameters_reach_every_batch(store: GraphStore) -> None:
    rows = [[i] for i in range(7)]
    query = "UNWIND $rows AS row CREATE (:P {i: row[0], source: $source, files: $files})"
    assert store.write_batches(query, rows, batch_size=3, params={"source": "anr", "files": ["a.csv"]}) == 7
    got = store.read("MATCH (n:P) RETURN n.i AS i, n.source AS source, n.files AS files ORDER BY i").rows
    assert got == [{"i": i, "source": "anr", "files": ["a.csv"]} for i in range(7)]


def test_a_parameter_named_rows_is_refused_and_nothing_written(store: GraphStore) -> None:
    with pytest.raises(ValueError, match="rows"):
        store.write_batches("UNWIND $rows AS row CREATE (:Q {i: row[0]})", [[1], [2]], params={"rows": []})
    assert store.read("MATCH (n:Q) RETURN count(n) AS c").rows[0]["c"] == 0
