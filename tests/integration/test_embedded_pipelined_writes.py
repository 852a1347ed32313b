"""The embedded store pipelines batched writes: every row lands, and a failing batch still fails.

`FalkorDBStore.write_batches` sends batch i+1 before reading batch i's reply. Each batch is
still its own query (one transaction); a failed batch must raise, leave the batches before it
written, and leave the connection usable.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from errors import QueryError
from graph.falkordb_store import FalkorDBStore


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[FalkorDBStore]:
    s = FalkorDBStore(tmp_path / "graph")
    try:
        yield s
    finally:
        s.close()


def _count(store: FalkorDBStore, label: str) -> int:
    return store.read(f"MATCH (n:{label}) RETURN count(n) AS c").rows[0]["c"]


def test_every_row_of_every_batch_is_written_once(store: FalkorDBStore) -> None:
    rows = [[i, f"name {i}"] for i in range(25)]
    assert store.write_batches("UNWIND $rows AS row CREATE (:T {i: row[0], name: row[1]})", rows, batch_size=4) == 25
    got = store.read("MATCH (n:T) RETURN n.i AS i, n.name AS name ORDER BY i").rows
    assert got == [{"i": i, "name": f"name {i}"} for i in range(25)]
    maps = [{"i": i} for i in range(7)]  # maps too
    assert store.write_batches("UNWIND $rows AS row CREATE (:M {i: row.i})", maps, batch_size=3) == 7
    assert _count(store, "M") == 7


def test_a_failing_batch_raises_and_the_connection_stays_usable(store: FalkorDBStore) -> None:
    rows = [[1]] * 8 + [[0]] + [[1]] * 11  # the third batch of four divides by zero
    with pytest.raises(QueryError):
        store.write_batches("UNWIND $rows AS row CREATE (:U {v: 10 / row[0]})", rows, batch_size=4)
    # Batches one and two are written, the failed one is not; the one already sent behind it may be.
    assert _count(store, "U") in (8, 12)
    assert store.read("RETURN 1 AS x").rows == [{"x": 1}]
    assert store.write_batches("UNWIND $rows AS row CREATE (:V)", [[1]] * 9, batch_size=2) == 9
    assert _count(store, "V") == 9
