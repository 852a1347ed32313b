"""`carto stats`: counts by label, kind, domain and source."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from cli.common import JsonOpt, StoreOpt, err, opened, print_json, print_table
from graph import GraphStore
from ingest.common import side_dir
from ingest.registry import REVIEW_DIR_ENV
from queries import run_named

__all__ = ["stats", "collect_stats"]


def collect_stats(store: GraphStore) -> dict[str, Any]:
    def pairs(name: str, key: str, value: str) -> dict[str, int]:
        return {str(r[key]): r[value] for r in run_named(store, name).rows}

    by_label = pairs("nodes_by_label", "label", "nodes")
    side = side_dir(store)
    return {
        "store": store.uri,
        "side_files": {
            "resolution": str(Path(os.environ.get(REVIEW_DIR_ENV) or side / "resolution")),
            "quarantine": str(side / "quarantine"),
        },
        "actors": by_label.get("Actor", 0),
        "projects": by_label.get("Project", 0),
        "nodes_by_label": by_label,
        "relationships_by_type": pairs("relationships_by_type", "type", "relationships"),
        "actors_by_kind": pairs("actors_by_kind", "kind", "actors"),
        "actors_by_domain": {r["domain"]: r["actors"] for r in run_named(store, "actors_by_domain").rows},
        "actors_by_source": pairs("actors_by_source", "source", "actors"),
    }


def stats(store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """Counts by label, relationship type, actor kind, domain and source; where the store's side files are."""
    with opened(store) as s:
        data = collect_stats(s)
    if as_json:
        print_json(data)
        return
    for kind, where in data["side_files"].items():
        err.print(f"{kind} files: {where}", highlight=False)
    for key in ("nodes_by_label", "relationships_by_type", "actors_by_kind", "actors_by_domain", "actors_by_source"):
        rows = [{"name": k, "count": v} for k, v in data[key].items()]
        print_table(("name", "count"), rows, title=key.replace("_", " "))
