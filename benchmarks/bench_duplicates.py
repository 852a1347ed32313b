"""Duplicate count: pairs of actors with the same compared name in the same city, on the README's full load.

Why: two nodes of one name in one city are, nearly always, one organisation that resolution
failed to join (a hospital under its ANR name and its RNSR name...); the user meets them as an
ambiguous `--with`, as a partner counted twice. The count is the graph-level "before / after"
figure of a resolver change. Compared name: `ingest.ids.norm_name`; city: casefolded, accents
stripped, hyphens read as spaces. Pairs = sum over groups of n·(n-1)/2; actors without a city
are counted apart (their place cannot say they are one).

    python benchmarks/bench_duplicates.py [--store-dir D] [--store falkordb:///path]

Builds (once, cached like bench_holdout.py's stores) an embedded store with the README's full
load sequence, nothing left out, unless `--store` names a loaded one. Writes the key
"duplicates" of benchmarks/results/resolve.json (other keys kept).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_holdout import DATA_DIR, DEFAULT_STORE_DIR, build_store, git_state, update_results  # noqa: E402
from graph.open import open_store  # noqa: E402
from ingest.ids import norm_name, strip_accents  # noqa: E402
from queries import run_named  # noqa: E402

__all__ = ["city_form", "duplicate_groups"]

GROUPS_SHOWN = 20


def city_form(city: str) -> str:
    """A city as compared here.

    >>> city_form("  Saint-Étienne "), city_form("PARIS"), city_form("Gif-sur-Yvette")
    ('saint etienne', 'paris', 'gif sur yvette')
    """
    return re.sub(r"\s+", " ", strip_accents(city.casefold()).replace("-", " ")).strip()


def duplicate_groups(rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Groups of actors sharing a compared name and a city, their pair count, and the biggest groups.

    >>> d = duplicate_groups([{"id": "a", "name": "CHU de Nice", "city": "Nice"},
    ...                       {"id": "b", "name": "CHU DE NICE", "city": "NICE"},
    ...                       {"id": "c", "name": "CHU de Nice", "city": "Lyon"}])
    >>> d["pairs"], d["groups"], d["biggest"][0]["actors"]
    (1, 1, 2)
    """
    placed: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    unplaced: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    actors = 0
    for r in rows:
        norm = norm_name(str(r.get("name") or ""))
        if not r.get("id") or not norm:
            continue
        actors += 1
        city = city_form(str(r.get("city") or ""))
        if city:
            placed[(norm, city)].append(r)
        else:
            unplaced[norm].append(r)
    groups = {k: v for k, v in placed.items() if len(v) > 1}
    loose = {k: v for k, v in unplaced.items() if len(v) > 1}
    biggest = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:GROUPS_SHOWN]
    return {
        "actors": actors,
        "pairs": sum(len(v) * (len(v) - 1) // 2 for v in groups.values()),
        "groups": len(groups),
        "actors_in_groups": sum(len(v) for v in groups.values()),
        "without_city": {
            "pairs": sum(len(v) * (len(v) - 1) // 2 for v in loose.values()),
            "groups": len(loose),
        },
        "biggest": [
            {
                "name": norm,
                "city": city,
                "actors": len(members),
                "ids": sorted(str(m["id"]) for m in members)[:10],
                "names": sorted({str(m["name"]) for m in members})[:5],
            }
            for (norm, city), members in biggest
        ],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--store-dir", type=Path, default=DEFAULT_STORE_DIR, help="Where the built stores are kept.")
    ap.add_argument("--store", default=None, help="Measure this loaded store instead of building one.")
    ap.add_argument("--data-dir", type=Path, default=DATA_DIR)
    ap.add_argument("--label", default="", help="A word for the history line (e.g. before, after).")
    args = ap.parse_args(argv)
    source: dict[str, Any]
    if args.store:
        uri = args.store
        source = {"store": uri}
    else:
        store_dir, built = build_store("full", args.store_dir, args.data_dir)
        meta = json.loads((store_dir / "loaded.json").read_text(encoding="utf-8"))
        uri = f"falkordb://{store_dir / 'graph'}"
        source = {
            "store": str(store_dir),
            "cached": not built,
            "build_seconds": meta["build_seconds"],
            "sources": [x["source"] for x in meta["loads"]],
        }
    t0 = time.perf_counter()
    with open_store(uri) as store:
        rows = run_named(store, "actors_for_resolution", timeout_ms=None).rows
    out = duplicate_groups(rows) | {
        "seconds": round(time.perf_counter() - t0, 2),
        "source": source,
        **git_state(),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "loadavg": [round(x, 2) for x in os.getloadavg()],
        "command": "python benchmarks/bench_duplicates.py " + " ".join(sys.argv[1:] if argv is None else argv),
    }
    summary = {k: out[k] for k in ("pairs", "groups", "actors", "commit", "ingest_digest", "measured_at")}
    update_results("duplicates", None, out, {"label": args.label, **summary})
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
