"""Benchmark the ingest of every ANR partner row: batched loads against one row per transaction.

Dataset: `../shared/data/anr/anr-dos-depuis-2010-projets-finances-partenaires.csv` (44,313
partner rows of ANR generic calls). For each store — the embedded FalkorDB (fresh, in a
temporary directory) and Neo4j (the local test server on NEO4J_LOCAL_PORT, emptied first) —
the same run measures:

- batched: read + resolve the whole file, then `load_batch` (UNWIND $rows MERGE in
  transactions of `--batch-size` records); rows/s = partner rows / load seconds, and also
  end to end (read + resolve + load); `--repeat` loads (5), each into an emptied store, the
  one of median load time reported (all load times are in `runs_load_s`);
- one row per transaction: the same file (by default; `--sample N` takes its first N
  partner rows instead, for a quick look), read and resolved the same way, loaded with a
  batch size of 1 (one transaction per record) into an emptied store; rows/s = partner rows
  / load seconds. The store writes them as it writes any batches: the embedded store sends
  transaction i+1 before reading transaction i's reply. The whole file is the measure the
  issue asks for ("the same load"); a sample is another load: the first 2,000 rows fold
  less (2.24 transactions per row, against 1.76 for the whole file) but go into a small
  graph, where each FalkorDB query costs its server about 125 µs instead of about 340 µs
  as the graph fills up (the sample ran at 1,700–2,100 rows/s on 2026-11-23, the whole
  file at 1,200–1,700 rows/s on 2026-11-24).
- informative only, never used for a target: on the embedded store, the same per-row load
  through a client that waits for each transaction's reply before sending the next (no
  pipelining), as a naive loader would (`one_row_per_transaction_unpipelined`). The Neo4j
  store's managed transactions wait for each reply anyway, so there it would only repeat
  the per-row run (five minutes) and is left out.

The speed-up is batched rows/s over per-row (pipelined) rows/s. Both runs go through the
same loader (shape checks, folding, reconciliation, provenance on every node and
relationship); only the batch size differs. Each run also records the client's CPU seconds, the embedded
server's CPU seconds and the load average around it: the machine has two cores and is often
shared, and a figure taken under load says so.

    NEO4J_LOCAL_PORT=7697 NEO4J_LOCAL_HOME=/tmp/neo4j-7697 scripts/neo4j-local start
    python benchmarks/bench_ingest.py [--sample N] [--batch-size 5000] [--repeat 5] [--no-neo4j]

Writes benchmarks/results/ingest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from measure import server_cpu_seconds  # noqa: E402  (benchmarks/, run as a script)

from graph import GraphStore, clear_graph  # noqa: E402
from graph.falkordb_store import FalkorDBStore  # noqa: E402
from ingest import concept_batch, load_batch  # noqa: E402
from ingest.anr import read_anr  # noqa: E402
from ingest.loader import gc_paused  # noqa: E402
from ingest.records import Batch  # noqa: E402
from ingest.resolution import resolve_batch  # noqa: E402
from ontology import Schema, load_schema  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "ingest.json"
DATA = ROOT.parent / "shared" / "data" / "anr" / "anr-dos-depuis-2010-projets-finances-partenaires.csv"


def _sample_file(n: int, out: Path) -> Path:
    """The header and the first `n` records of the ANR file (whole lines: no field spans lines)."""
    with DATA.open(encoding="utf-8") as fh:
        lines = [next(fh) for _ in range(n + 1)]
    out.write_text("".join(lines), encoding="utf-8")
    return out


def _read(schema: Schema, path: Path) -> tuple[Batch, float, float]:
    with gc_paused():  # as the registry's readers do
        t0 = time.perf_counter()
        batch = read_anr(schema, [path])
        t1 = time.perf_counter()
        resolve_batch(batch)
        return batch, t1 - t0, time.perf_counter() - t1


class _Unpipelined:
    """A store whose batched writes wait for each transaction's reply before sending the next.

    Everything else is the wrapped store's; only `write_batches` goes one `write` (one
    transaction, one round trip) at a time.
    """

    def __init__(self, store: GraphStore) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def write_batches(
        self,
        query: str,
        rows: Sequence[Any],
        *,
        batch_size: int,
        params: Mapping[str, Any] | None = None,
    ) -> int:
        for start in range(0, len(rows), batch_size):
            self._store.write(query, {**(params or {}), "rows": list(rows[start : start + batch_size])})
        return len(rows)


_MODES = (
    # (mode, whole file in batches (else the sample, one record per transaction), pipelined)
    ("batched", True, True),
    ("one_row_per_transaction", False, True),
    ("one_row_per_transaction_unpipelined", False, False),
)


def _run(store: GraphStore, schema: Schema, path: Path, size: int, pipelined: bool) -> dict[str, Any]:
    """One load of `path` into the emptied store, in transactions of `size` records."""
    clear_graph(store)
    load_batch(store, concept_batch(schema), schema)
    batch, read_s, resolve_s = _read(schema, path)
    rows = sum(batch.rows_read.values())
    load_before = os.getloadavg()
    server0 = server_cpu_seconds(store)
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    target = store if pipelined else _Unpipelined(store)
    report = load_batch(target, batch, schema, batch_size=size)  # type: ignore[arg-type]
    load_s = time.perf_counter() - t0
    client_cpu = time.process_time() - cpu0
    server1 = server_cpu_seconds(store)
    assert report.reconciles, report.lines()
    return {
        **({} if pipelined else {"informative_only": "client waits for each reply; not used for any target"}),
        "partner_rows": rows,
        "records": len(batch.nodes) + len(batch.links),
        "batch_size": size,
        "read_s": round(read_s, 3),
        "resolve_s": round(resolve_s, 3),
        "load_s": round(load_s, 3),
        "rows_per_s_load": round(rows / load_s, 1),
        "rows_per_s_end_to_end": round(rows / (read_s + resolve_s + load_s), 1),
        "load_client_cpu_s": round(client_cpu, 3),
        "load_server_cpu_s": None if server0 is None or server1 is None else round(server1 - server0, 3),
        "loadavg_1_5_15_before": [round(x, 2) for x in load_before],
        "loadavg_1_5_15_after": [round(x, 2) for x in os.getloadavg()],
        "reconciliation": report.lines(),
    }


def _measure(
    store: GraphStore, schema: Schema, sample: Path, batch_size: int, *, naive: bool, repeat: int
) -> dict[str, Any]:
    """Every mode once, except the batched load: `repeat` times, the run of median load time kept.

    A batched load lasts about two seconds, so a neighbour's burst of work on this shared
    two-core machine moves it by a quarter; a per-row load lasts half a minute and averages
    such bursts out by itself.
    """
    out: dict[str, Any] = {}
    for mode, whole, pipelined in _MODES:
        if not pipelined and not naive:
            continue
        path, size = (DATA, batch_size) if whole else (sample, 1)
        runs = [_run(store, schema, path, size, pipelined) for _ in range(repeat if whole else 1)]
        runs.sort(key=lambda r: r["load_s"])
        result = out[mode] = runs[len(runs) // 2]
        if len(runs) > 1:
            result["runs_load_s"] = [r["load_s"] for r in runs]
        times = ", ".join(f"{r['load_s']:.2f}" for r in runs)
        print(
            f"  {mode}: {result['partner_rows']} rows, load {result['load_s']:.2f}s"
            f" = {result['rows_per_s_load']:,.0f} rows/s"
            + (f" (median of {len(runs)}: {times} s)" if len(runs) > 1 else "")
            + f" (loadavg {os.getloadavg()[0]:.2f})",
            file=sys.stderr,
        )
    out["speedup_batched_vs_per_row"] = round(
        out["batched"]["rows_per_s_load"] / out["one_row_per_transaction"]["rows_per_s_load"], 1
    )
    if naive:
        out["speedup_batched_vs_per_row_unpipelined_informative"] = round(
            out["batched"]["rows_per_s_load"] / out["one_row_per_transaction_unpipelined"]["rows_per_s_load"], 1
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--sample", type=int, default=None, help="partner rows loaded one per transaction (default: the whole file)"
    )
    ap.add_argument("--batch-size", type=int, default=5_000)
    ap.add_argument("--repeat", type=int, default=5, help="batched loads per store; the median is kept")
    ap.add_argument("--no-neo4j", action="store_true")
    args = ap.parse_args()
    schema = load_schema()
    results: dict[str, Any] = {
        "benchmark": "ingest",
        "dataset": str(DATA.relative_to(ROOT.parent)),
        "parameters": {"sample": args.sample, "batch_size": args.batch_size, "repeat": args.repeat},
        "machine": {"platform": platform.platform(), "python": platform.python_version(), "cpus": os.cpu_count()},
        "command": "python benchmarks/bench_ingest.py " + " ".join(sys.argv[1:]),
        "loadavg_1_5_15_at_start": [round(x, 2) for x in os.getloadavg()],
        "targets": {"embedded_rows_per_s": 20_000, "neo4j_rows_per_s": 10_000, "speedup": 20},
        "stores": {},
    }
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        sample = DATA if args.sample is None else _sample_file(args.sample, Path(tmp) / "sample.csv")
        print("embedded FalkorDB", file=sys.stderr)
        store = FalkorDBStore(Path(tmp) / "graph")
        try:
            store.apply_schema(schema)
            results["stores"]["falkordb"] = _measure(
                store, schema, sample, args.batch_size, naive=True, repeat=args.repeat
            )
        finally:
            store.close()
        if not args.no_neo4j:
            from graph.neo4j_store import Neo4jStore

            port = os.environ.get("NEO4J_LOCAL_PORT", "7697")
            password = os.environ.get("NEO4J_LOCAL_PASSWORD", "carto-test-pw")
            print(f"Neo4j on bolt://127.0.0.1:{port}", file=sys.stderr)
            neo = Neo4jStore(f"bolt://127.0.0.1:{port}", user="neo4j", password=password)
            try:
                neo.apply_schema(schema)
                results["stores"]["neo4j"] = _measure(
                    neo, schema, sample, args.batch_size, naive=False, repeat=args.repeat
                )
            finally:
                clear_graph(neo)
                neo.close()
    results["loadavg_1_5_15_at_end"] = [round(x, 2) for x in os.getloadavg()]
    stores, targets = results["stores"], results["targets"]
    results["targets_met"] = {
        "embedded_rows_per_s": stores["falkordb"]["batched"]["rows_per_s_load"] >= targets["embedded_rows_per_s"],
        "embedded_speedup": stores["falkordb"]["speedup_batched_vs_per_row"] >= targets["speedup"],
    }
    if "neo4j" in stores:
        results["targets_met"]["neo4j_rows_per_s"] = (
            stores["neo4j"]["batched"]["rows_per_s_load"] >= targets["neo4j_rows_per_s"]
        )
        results["targets_met"]["neo4j_speedup"] = stores["neo4j"]["speedup_batched_vs_per_row"] >= targets["speedup"]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}", file=sys.stderr)


if __name__ == "__main__":
    main()
