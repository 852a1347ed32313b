"""Benchmark the whole-graph exports and the Turtle round trip on a real-size graph.

Source graph: the seed plus the real RNSR file of ../shared/data (about 5,000 actors and
16,000 relationships), loaded through the real loader into an embedded store in a temporary
directory, or any store given with `--store`. Measures: snapshot (read every node and
relationship), Turtle, JSON-LD, GEXF and CSV writing, Turtle parsing, import into an empty
embedded store, and whether the re-exported graph is identical.

    python benchmarks/bench_export.py [--store URI] [--no-rnsr]

Writes benchmarks/results/export.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph import open_store  # noqa: E402
from graph.export import snapshot, to_csv_dir, to_gexf, to_jsonld, to_turtle  # noqa: E402
from graph.rdf_import import read_rdf, write_snapshot  # noqa: E402
from ingest import concept_batch, load_batch, read_seed  # noqa: E402
from ontology import load_schema  # noqa: E402

RNSR = ROOT.parent / "shared" / "data" / "rnsr" / "fr-esr-structures-recherche-publiques-actives.csv"


def _timed(fn: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, round(time.perf_counter() - start, 3)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", help="source store URI (default: seed + RNSR in a temporary embedded store)")
    ap.add_argument("--no-rnsr", action="store_true", help="seed only")
    args = ap.parse_args()
    schema = load_schema()
    work = Path(tempfile.mkdtemp(prefix="carto-bench-export-"))
    timings: dict[str, float] = {}
    dataset = args.store or ("seed" if args.no_rnsr else f"seed + {RNSR.name}")
    source = open_store(args.store or f"falkordb://{work / 'source'}")
    try:
        if not args.store:
            source.apply_schema(schema)
            load_batch(source, concept_batch(schema), schema)
            load_batch(source, read_seed(schema), schema)
            if not args.no_rnsr:
                from ingest.registry import READERS

                _, timings["load_rnsr_s"] = _timed(lambda: load_batch(source, READERS["rnsr"](schema, [RNSR]), schema))
        snap, timings["snapshot_s"] = _timed(lambda: snapshot(source))
    finally:
        source.close()
    ttl, timings["turtle_s"] = _timed(lambda: to_turtle(snap, schema))
    (work / "graph.ttl").write_text(ttl, encoding="utf-8")
    _, timings["jsonld_s"] = _timed(lambda: to_jsonld(snap, schema))
    _, timings["gexf_s"] = _timed(lambda: to_gexf(snap, work / "graph.gexf"))
    _, timings["csv_s"] = _timed(lambda: to_csv_dir(snap, work / "csv"))
    parsed, timings["parse_turtle_s"] = _timed(lambda: read_rdf(work / "graph.ttl", schema))
    target = open_store(f"falkordb://{work / 'target'}")
    try:
        target.apply_schema(schema)
        _, timings["import_s"] = _timed(lambda: write_snapshot(target, parsed, schema))
        again, timings["snapshot_again_s"] = _timed(lambda: snapshot(target))
    finally:
        target.close()
    result = {
        "benchmark": "export",
        "dataset": dataset,
        "nodes": len(snap.nodes),
        "relationships": len(snap.relationships),
        "turtle_bytes": len(ttl.encode("utf-8")),
        "round_trip_identical": again.canonical() == snap.canonical() and to_turtle(again, schema) == ttl,
        "timings": timings,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
    }
    out = ROOT / "benchmarks" / "results" / "export.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
