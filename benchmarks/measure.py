"""What the benchmarks read off the machine besides wall time."""

from __future__ import annotations

import os
from pathlib import Path

from graph import GraphStore


def server_cpu_seconds(store: GraphStore) -> float | None:
    """CPU seconds the embedded server process has used so far (None for a remote server).

    On two shared cores a wall time alone cannot tell a slower code from a busier machine;
    the server's own CPU time can.
    """
    pid = getattr(store, "server_pid", None)
    if pid is None:
        return None
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
