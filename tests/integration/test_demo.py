"""The README's first command: `carto demo` serves the explorer on the seed graph, and stops cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from graph.falkordb_store import FalkorDBStore
from queries import run_named

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_health(port: int, proc: subprocess.Popen[bytes], timeout_s: float = 90) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.5)
    return False


def test_demo_serves_the_seed_graph_and_stops_cleanly(tmp_path: Path) -> None:
    port = _free_port()
    store_dir = tmp_path / "graph"
    env = os.environ | {"CARTO_STORE": f"falkordb://{store_dir}"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "demo", "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        assert _wait_health(port, proc), (
            proc.stdout.read() if proc.stdout and proc.poll() is not None else b""
        ).decode()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
            assert r.status == 200
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert str(store_dir) not in ps  # no orphan server
    with FalkorDBStore(store_dir) as s:
        labels = {r["label"]: r["nodes"] for r in run_named(s, "nodes_by_label").rows}
    assert labels["Actor"] >= 80
