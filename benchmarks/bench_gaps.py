"""Benchmark the full gap report, warm, on the embedded store: seed, then the seed grown 10× and 100×.

The grown graphs copy the seed's actors, projects and links k times (ids suffixed by the
copy number; concepts shared), then add random PARTNER_OF links between copies (seeded),
one per ten links of a copy, so the network stays one piece rather than k islands.
`--shared-data DIR` also loads the real open data (seed, RNSR, i-Lab, ANR, ANR-PIA, CORDIS, read by
the readers `carto ingest` uses) into one embedded store and measures it twice: as loaded, then
after the COLLABORATES_WITH recompute that `carto ingest` runs after each load (the graph `carto
gaps` sees: ~128k derived links more); `--store URI` measures an already loaded store.

Warm means a warmed-up database and process: one report first, then `--repeat` timed ones, each
computed from scratch (nothing is cached between reports). Each row also has the CPU seconds a
report costs the Python process and the embedded server (the server's from /proc), which vary far
less than wall time on a shared machine, and the 1-minute load average before and after.

    python benchmarks/bench_gaps.py [--scales 1,10,100] [--repeat 3] [--shared-data ../shared/data] [--store URI]

Writes benchmarks/results/gaps.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from measure import server_cpu_seconds  # noqa: E402  (benchmarks/, run as a script)

from graph import GraphStore, clear_graph, open_store
from graph.falkordb_store import FalkorDBStore
from ingest import concept_batch, load_batch, read_seed
from ingest.collaborations import refresh_collaborations
from ingest.records import Batch, LinkRecord
from ontology import Schema, load_schema
from queries import run_named
from queries.gaps_report import build_report

RESULTS = Path(__file__).resolve().parent / "results" / "gaps.json"


def grown_seed(schema: Schema, copies: int, seed: int = 7) -> Batch:
    """The seed batch copied `copies` times, copies joined by random partnerships."""
    base = read_seed(schema)
    out = Batch(source="bench")
    own = {n.id for n in base.nodes}

    def rid(i: str, k: int) -> str:
        return i if i not in own or k == 0 else f"{i}-c{k}"

    actors = [n.id for n in base.nodes if n.label == "Actor"]
    actor_links = [lk for lk in base.links if lk.source_label == "Actor" and lk.target_label == "Actor"]
    rng = random.Random(seed)
    for k in range(copies):
        for n in base.nodes:
            out.nodes.append(replace(n, id=rid(n.id, k)))
        for lk in base.links:
            out.links.append(replace(lk, source_id=rid(lk.source_id, k), target_id=rid(lk.target_id, k)))
        if k:
            for _ in range(max(1, len(actor_links) // 10)):
                a, b = rid(rng.choice(actors), k), rid(rng.choice(actors), rng.randrange(k))
                if a != b:
                    a, b = sorted((a, b))
                    out.links.append(LinkRecord("PARTNER_OF", "Actor", a, "Actor", b, {}, base.nodes[0].origin))
    return out


def load_shared(store: GraphStore, schema: Schema, data_dir: Path) -> dict[str, float]:
    """Seed then every source of ../shared/data, as `carto ingest` reads them; seconds per source."""
    from ingest.registry import REVIEW_DIR_ENV
    from ingest.shared_data import load_shared_data

    os.environ.setdefault(REVIEW_DIR_ENV, tempfile.mkdtemp(prefix="carto-review-"))  # not into the clone
    loads = load_shared_data(store, schema, data_dir, with_seed=True, refresh=False)
    return {loaded.source: round(loaded.seconds, 1) for loaded in loads}


def _process_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _measure(store: GraphStore, repeat: int) -> dict:
    load_before = os.getloadavg()[0]
    build_report(store)  # warm-up: query plans and caches
    runs, client_cpu, server_cpu = [], [], []
    report = None
    for _ in range(repeat):
        c0, s0, t0 = _process_cpu(), server_cpu_seconds(store), time.perf_counter()
        report = build_report(store)
        runs.append(time.perf_counter() - t0)
        client_cpu.append(_process_cpu() - c0)
        s1 = server_cpu_seconds(store)
        if s0 is not None and s1 is not None:
            server_cpu.append(s1 - s0)
    assert report is not None
    counts = {r["label"]: r["nodes"] for r in run_named(store, "nodes_by_label").rows}
    rels = sum(r["relationships"] for r in run_named(store, "relationships_by_type").rows)
    return {
        "actors": counts.get("Actor", 0),
        "projects": counts.get("Project", 0),
        "relationships": rels,
        "gaps": len(report.gaps),
        "warm_seconds_median": round(statistics.median(runs), 4),
        "warm_seconds_min": round(min(runs), 4),
        "load_average_1min_before": round(load_before, 2),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "warm_seconds_runs": [round(r, 4) for r in runs],
        "client_cpu_seconds_median": round(statistics.median(client_cpu), 4),
        "server_cpu_seconds_median": round(statistics.median(server_cpu), 4) if server_cpu else None,
        "stage_seconds_last_run": dict(report.timings),
    }


def _cpu(row: dict) -> float:
    return row["client_cpu_seconds_median"] + (row["server_cpu_seconds_median"] or 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", default="1,10,100")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--store", default=None, help="Also measure an already loaded store (e.g. ../shared/data ingested)."
    )
    ap.add_argument("--shared-data", default=None, help="Also load and measure the real open data of this directory.")
    args = ap.parse_args()
    schema = load_schema()
    results = []
    with tempfile.TemporaryDirectory(prefix="bg-", dir="/tmp") as tmp:
        store = FalkorDBStore(Path(tmp) / "g")
        store.apply_schema(schema)
        try:
            for scale in [int(s) for s in args.scales.split(",")]:
                clear_graph(store)
                t0 = time.perf_counter()
                load_batch(store, concept_batch(schema), schema)
                load_batch(store, grown_seed(schema, scale), schema)
                load_s = time.perf_counter() - t0
                row = {
                    "dataset": f"seed x{scale}",
                    "scale": scale,
                    "load_seconds": round(load_s, 2),
                    **_measure(store, args.repeat),
                }
                print(json.dumps(row))
                results.append(row)
            if args.shared_data:
                clear_graph(store)
                load_batch(store, concept_batch(schema), schema)
                loads = load_shared(store, schema, Path(args.shared_data))
                row = {"dataset": "../shared/data (seed, rnsr, ilab, anr, anr-pia, cordis)", "scale": None,
                       "load_seconds": loads, **_measure(store, args.repeat)}  # fmt: skip
                print(json.dumps(row))
                results.append(row)
                t0 = time.perf_counter()
                refresh_collaborations(store, schema)
                row = {"dataset": "../shared/data as `carto ingest` leaves it (+ derived COLLABORATES_WITH)",
                       "scale": None, "load_seconds": {"refresh_collaborations": round(time.perf_counter() - t0, 1)},
                       **_measure(store, args.repeat)}  # fmt: skip
                print(json.dumps(row))
                results.append(row)
        finally:
            store.close()
    if args.store:
        s = open_store(args.store)
        try:
            row = {"dataset": args.store, "scale": None, **_measure(s, args.repeat)}
            print(json.dumps(row))
            results.append(row)
        finally:
            s.close()
    base = results[0]
    for r in results:
        if r["relationships"] and base["relationships"]:
            r["seconds_per_1k_relationships"] = round(1000 * r["warm_seconds_median"] / r["relationships"], 4)
    scaled = [r for r in results if r["scale"]]
    growth = [
        {
            "scale": r["scale"],
            "relationships_ratio": round(r["relationships"] / scaled[0]["relationships"], 2),
            "seconds_ratio": round(r["warm_seconds_median"] / scaled[0]["warm_seconds_median"], 2),
            "cpu_ratio": round(_cpu(r) / _cpu(scaled[0]), 2),
        }
        for r in scaled
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "full gap report (queries.gaps_report.build_report), warm, embedded FalkorDB",
                "target": "< 1 s warm on the ../shared/data graph; growth no worse than linear in links",
                "command": "python benchmarks/bench_gaps.py "
                + " ".join(f"--{k.replace('_', '-')} {v}" for k, v in vars(args).items() if v),
                "machine": {
                    "python": platform.python_version(),
                    "platform": platform.platform(),
                    "cpus": os.cpu_count(),
                },
                "growth_vs_first_scale": growth,
                "results": results,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
