"""The embedded FalkorDB: persistence, exclusive directory, no orphan server, read-only path."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from errors import QueryError, QueryTimeout, ReadOnlyViolation, StoreLockedError
from graph.falkordb_store import FalkorDBStore
from graph.store import GraphStore


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead for our purpose
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split()[2] != "Z"


def test_data_persists_across_restarts(tmp_path: Path) -> None:
    with FalkorDBStore(tmp_path / "g") as s:
        s.write("CREATE (:Actor {id: $id, name: $name})", {"id": "a1", "name": "Genopole"})
    with FalkorDBStore(tmp_path / "g") as s:
        assert s.read("MATCH (a:Actor) RETURN a.name AS name").rows == [{"name": "Genopole"}]


def test_a_second_instance_on_the_same_directory_fails_fast(tmp_path: Path) -> None:
    with FalkorDBStore(tmp_path / "g"):
        t0 = time.monotonic()
        with pytest.raises(StoreLockedError, match="in use by another running process"):
            FalkorDBStore(tmp_path / "g")
        assert time.monotonic() - t0 < 5


def test_close_stops_the_server(tmp_path: Path) -> None:
    s = FalkorDBStore(tmp_path / "g")
    pid = s.server_pid
    assert _alive(pid)
    s.close()
    assert not _alive(pid)


def test_no_orphan_when_the_owner_is_killed(tmp_path: Path) -> None:
    code = (
        "import sys, time; sys.path.insert(0, {!r})\n"
        "from graph.falkordb_store import FalkorDBStore\n"
        "s = FalkorDBStore({!r}); print(s.server_pid, flush=True); time.sleep(60)\n"
    ).format(str(Path(__file__).resolve().parents[2]), str(tmp_path / "g"))
    owner = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert owner.stdout is not None
    server_pid = int(owner.stdout.readline())
    assert _alive(server_pid)
    owner.send_signal(signal.SIGKILL)
    owner.wait()
    deadline = time.monotonic() + 10
    while _alive(server_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(server_pid)
    with FalkorDBStore(tmp_path / "g"):  # and the directory is free again
        pass


def test_read_path_refuses_writes_and_stops_long_queries(store: GraphStore) -> None:
    with pytest.raises(ReadOnlyViolation):
        store.read("CREATE (:Actor {id: 'x'})")
    assert store.read("MATCH (n) RETURN count(n) AS c").rows == [{"c": 0}]
    with pytest.raises(QueryTimeout):
        store.read(
            "UNWIND range(1, 5000) AS a UNWIND range(1, 5000) AS b WITH a, b WHERE a * b < 0 RETURN count(*) AS c",
            timeout_ms=300,
        )
    capped = store.read("UNWIND range(1, 1000) AS x RETURN x", row_cap=10)
    assert capped.truncated and len(capped.rows) == 10


def test_a_runaway_read_fails_instead_of_hanging_the_server(falkordb_store: GraphStore) -> None:
    """A read that would allocate gigabytes is stopped by the per-query memory cap.

    Without QUERY_MEM_CAPACITY this query, even with a 300 ms timeout, left the server idle
    with 3 GB allocated and never answered.
    """
    with pytest.raises(QueryError, match="mem consumption exceeded capacity"):
        falkordb_store.read("UNWIND range(1, 200000000) AS x WITH x WHERE x < 0 RETURN sum(x) AS s", timeout_ms=300)
    assert falkordb_store.read("RETURN 1 AS one").rows == [{"one": 1}]
