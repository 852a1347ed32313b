"""The one loader all sources share: validate, fold duplicates, upsert in batches, reconcile."""

from __future__ import annotations

import gc
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph import DEFAULT_BATCH, GraphStore
from graph.upsert import existing_links_query, existing_nodes_query, link_upsert_query, node_upsert_query
from ingest.records import Batch, LinkRecord, NodeRecord
from ingest.report import FileTally, LoadReport, write_quarantine
from ontology import Schema, load_shape_rules

__all__ = ["load_batch", "gc_paused", "Progress"]

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
"""Called as progress(stage, done, total) while writing."""

_PROV_LISTS = ("sources", "prov_files", "prov_keys", "evidence")
_UNION_PROPS = ("aliases",)
"""List properties that several records of one node add up (the ids merged into it), instead of first wins."""


def _shape_class(schema: Schema, label: str) -> str:
    return "Concept" if label in schema.concept_labels else label


def _freeze(value: Any) -> Any:
    return tuple(_freeze(v) for v in value) if isinstance(value, (list, tuple)) else value


def _validate_nodes(batch: Batch, schema: Schema) -> list[NodeRecord]:
    rules = load_shape_rules()
    good = []
    seen: dict[Any, list[tuple[str, Any, str]]] = {}  # the same record stated by many rows is checked once
    for rec in batch.nodes:
        if rec.label not in schema.labels:
            batch.reject(rec.origin, "label", rec.label, "is not a node label declared in ecosystem.ttl")
            continue
        try:
            key: Any = (
                rec.label,
                rec.id,
                rec.origin.source,
                tuple(sorted((k, _freeze(v)) for k, v in rec.props.items())),
            )
            hash(key)
        except TypeError:
            key = None
        problems = seen.get(key) if key is not None else None
        if problems is None:
            record = dict(rec.props) | {"id": rec.id, "sources": [rec.origin.source]}
            problems = rules.check(_shape_class(schema, rec.label), record)
            if key is not None:
                seen[key] = problems
        for fld, value, problem in problems:
            batch.reject(rec.origin, fld, value, problem)
        if not problems:
            good.append(rec)
    return good


def _fold_nodes(
    nodes: Iterable[NodeRecord], loaded_at: str
) -> dict[tuple[str, tuple[str, ...]], dict[str, dict[str, Any]]]:
    """One row per (label, id): later records fill properties the first did not set."""
    out: dict[tuple[str, tuple[str, ...]], dict[str, dict[str, Any]]] = defaultdict(dict)
    for rec in nodes:
        group = out[(rec.label, rec.extra_labels)]
        row = group.get(rec.id)
        if row is None:
            row = group[rec.id] = {"id": rec.id, "props": {}, "loaded_at": loaded_at, **{p: [] for p in _PROV_LISTS}}
        for k, v in rec.props.items():
            if k in _UNION_PROPS and isinstance(v, list):
                row["props"][k] = sorted(set(row["props"].get(k, [])) | set(v))
            elif v is not None and v != "" and k not in row["props"]:
                row["props"][k] = v
        _add_prov(row, rec.origin)
    return out


def _add_prov(row: dict[str, Any], origin: Any) -> None:
    for prop, value in (
        ("sources", origin.source),
        ("prov_files", origin.file),
        ("prov_keys", origin.key),
        ("evidence", origin.evidence),
    ):
        if value and value not in row[prop]:
            row[prop].append(value)


def _fold_links(
    links: Iterable[LinkRecord], loaded_at: str
) -> dict[tuple[str, str, str], dict[tuple[str, str], dict[str, Any]]]:
    out: dict[tuple[str, str, str], dict[tuple[str, str], dict[str, Any]]] = defaultdict(dict)
    for rec in links:
        group = out[(rec.type, rec.source_label, rec.target_label)]
        key = (rec.source_id, rec.target_id)
        row = group.get(key)
        if row is None:
            row = group[key] = {
                "src": key[0],
                "dst": key[1],
                "props": {},
                "loaded_at": loaded_at,
                **{p: [] for p in _PROV_LISTS},
            }
        for k, v in rec.props.items():
            if v is not None and v != "" and k not in row["props"]:
                row["props"][k] = v
        _add_prov(row, rec.origin)
    return out


def _existing_ids(store: GraphStore, schema: Schema, label: str, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), DEFAULT_BATCH):
        res = store.read(existing_nodes_query(schema, label), {"ids": ids[start : start + DEFAULT_BATCH]})
        found.update(r["id"] for r in res.rows)
    return found


def _check_links(batch: Batch, schema: Schema, store: GraphStore, node_ids: dict[str, set[str]]) -> list[LinkRecord]:
    """Keep links whose type is declared and whose two ends exist (in this load or the store)."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for rec in batch.links:
        for label, nid in ((rec.source_label, rec.source_id), (rec.target_label, rec.target_id)):
            if label in schema.labels and nid not in node_ids.get(label, set()):
                wanted[label].add(nid)
    known = {
        label: node_ids.get(label, set()) | _existing_ids(store, schema, label, sorted(ids))
        for label, ids in wanted.items()
    }
    good = []
    for rec in batch.links:
        if rec.type not in schema.relationships:
            batch.reject(rec.origin, "type", rec.type, "is not a relationship type declared in ecosystem.ttl")
            continue
        ok = True
        for end, label, nid in (
            ("source", rec.source_label, rec.source_id),
            ("target", rec.target_label, rec.target_id),
        ):
            if label not in schema.labels:
                batch.reject(rec.origin, end, label, "is not a node label declared in ecosystem.ttl")
                ok = False
            elif nid not in node_ids.get(label, set()) and nid not in known.get(label, set()):
                batch.reject(rec.origin, f"{end}_id", nid, f"names no {label} in this load or in the graph")
                ok = False
        if ok:
            good.append(rec)
    return good


def _tally(batch: Batch, written_rows: set[tuple[str, int]]) -> list[FileTally]:
    rejected = {(q.file, q.row) for q in batch.quarantine}
    per_file: dict[str, dict[str, int]] = defaultdict(lambda: {"loaded": 0, "quarantined": 0, "merged": 0})
    for (file, row), fate in batch.rows.items():
        if fate == "merged":
            per_file[file]["merged"] += 1
        elif (file, row) in written_rows:
            per_file[file]["loaded"] += 1
        elif (file, row) in rejected:
            per_file[file]["quarantined"] += 1
    files = sorted(set(batch.rows_read) | set(per_file))
    return [FileTally(f, batch.rows_read.get(f, 0), **per_file[f]) for f in files]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building hundreds of thousands of acyclic records.

    A load allocates dicts and lists by the hundred thousand; CPython's generational
    collector would otherwise re-scan them over and over (about half of a large load's time).
    Nothing a load builds forms reference cycles, so reference counting frees it all.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_batch(
    store: GraphStore,
    batch: Batch,
    schema: Schema,
    *,
    dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    quarantine_dir: Path | None = None,
) -> LoadReport:
    """Write a batch idempotently; rows that break the shapes go to quarantine, the rest load.

    Every input row ends loaded, quarantined or merged, and the report says whether the
    counts add up (`report.reconciles`).
    """
    with gc_paused():
        return _load_batch(store, batch, schema, dry_run, batch_size, progress, quarantine_dir)


def _load_batch(
    store: GraphStore,
    batch: Batch,
    schema: Schema,
    dry_run: bool,
    batch_size: int,
    progress: Progress | None,
    quarantine_dir: Path | None,
) -> LoadReport:
    t0 = time.perf_counter()
    loaded_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    nodes = _validate_nodes(batch, schema)
    node_groups = _fold_nodes(nodes, loaded_at)
    node_ids: dict[str, set[str]] = defaultdict(set)
    for (label, _extra), rows in node_groups.items():
        node_ids[label].update(rows)
    links = _check_links(batch, schema, store, node_ids)
    link_groups = _fold_links(links, loaded_at)
    written_rows = {(r.origin.file, r.origin.row) for r in nodes} | {(r.origin.file, r.origin.row) for r in links}

    report = LoadReport(source=batch.source, dry_run=dry_run, quarantine=list(batch.quarantine))
    for (label, _extra), rows in node_groups.items():
        existing = _existing_ids(store, schema, label, sorted(rows))
        report.nodes_updated[label] = report.nodes_updated.get(label, 0) + len(existing)
        report.nodes_created[label] = report.nodes_created.get(label, 0) + len(rows) - len(existing)
    for (rtype, sl, tl), rows in link_groups.items():
        existing_pairs = 0
        pairs = [list(k) for k in rows]
        for start in range(0, len(pairs), DEFAULT_BATCH):
            res = store.read(
                existing_links_query(schema, rtype, sl, tl), {"pairs": pairs[start : start + DEFAULT_BATCH]}
            )
            existing_pairs += len(res.rows)
        report.links_updated[rtype] = report.links_updated.get(rtype, 0) + existing_pairs
        report.links_created[rtype] = report.links_created.get(rtype, 0) + len(rows) - existing_pairs

    if not dry_run:
        total = sum(len(r) for r in node_groups.values()) + sum(len(r) for r in link_groups.values())
        done = 0
        for (label, extra), rows in sorted(node_groups.items()):
            query = node_upsert_query(schema, label, extra)
            values = [rows[k] for k in sorted(rows)]
            for start in range(0, len(values), batch_size):
                done += store.write_batches(query, values[start : start + batch_size], batch_size=batch_size)
                if progress:
                    progress(f"nodes {label}", done, total)
        for (rtype, sl, tl), rows in sorted(link_groups.items()):
            query = link_upsert_query(schema, rtype, sl, tl)
            values = [rows[k] for k in sorted(rows)]
            for start in range(0, len(values), batch_size):
                done += store.write_batches(query, values[start : start + batch_size], batch_size=batch_size)
                if progress:
                    progress(f"links {rtype}", done, total)

    report.tallies = _tally(batch, written_rows)
    if quarantine_dir is not None and report.quarantine:
        path = write_quarantine(report.quarantine, quarantine_dir / f"{batch.source}-quarantine.csv")
        report.quarantine_file = str(path)
    report.seconds = time.perf_counter() - t0
    log.info("load %s: %s", batch.source, "; ".join(report.lines()))
    return report
