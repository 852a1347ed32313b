"""Benchmark entity resolution alone on the 44,313 ANR partner rows, and its quality on the labelled pairs.

Why a separate benchmark: `bench_ingest.py` times resolution inside a whole load (stores,
transactions); this one times only `resolve_batch` on the read batch (what its `resolve_s`
measures), several times, with CPU time beside wall time because the machine is shared, and
records what the resolver decided (merges, pairs to review) and its precision/recall on every
labelled set (the newest, `fresh7_pairs.csv`, is the one nobody tuned on), so a change of rules shows its
cost and its gain together.

    python benchmarks/bench_resolve.py [--repeat 3]

Writes benchmarks/results/resolve.json.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.anr import read_anr  # noqa: E402
from ingest.resolution import resolve_batch  # noqa: E402
from ontology import load_schema  # noqa: E402
from tests.unit.ingest.test_resolution_quality import FIXTURES, SETS, measure  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "resolve.json"
DATA = ROOT.parent / "shared" / "data" / "anr" / "anr-dos-depuis-2010-projets-finances-partenaires.csv"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    batch = read_anr(load_schema(), [DATA])
    runs = []
    for _ in range(args.repeat):
        b = copy.deepcopy(batch)
        load = os.getloadavg()[0]
        t, c = time.perf_counter(), time.process_time()
        res = resolve_batch(b)
        runs.append({"wall_s": round(time.perf_counter() - t, 3), "cpu_s": round(time.process_time() - c, 3)})
        runs[-1] |= {"loadavg_1min_before": round(load, 2)}
    quality = {}
    for name in SETS:
        n, precision, recall, review = measure(FIXTURES / name)
        quality[name] = {"pairs": n, "precision": round(precision, 3), "recall": round(recall, 3), "to_review": review}
    out = {
        "dataset": str(DATA.relative_to(ROOT.parent)),
        "rows": sum(1 for _ in DATA.open(encoding="utf-8")) - 1,
        "resolve_runs": runs,
        "resolve_wall_s_min": min(r["wall_s"] for r in runs),
        "resolve_cpu_s_min": min(r["cpu_s"] for r in runs),
        "merged_by_id": res.merged_by_id,
        "merged_by_name": res.merged_by_name,
        "pairs_to_review": len(res.review),
        "quality": quality,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "loadavg": os.getloadavg()},
        "command": "python benchmarks/bench_resolve.py " + " ".join(sys.argv[1:]),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
