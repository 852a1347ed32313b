"""The one loader all sources share: validate, fold duplicates, upsert in batches, reconcile."""

from __future__ import annotations

import gc
import logging
import queue
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from itertools import compress, count, pairwise
from operator import attrgetter, itemgetter, not_, or_
from pathlib import Path
from typing import Any

from graph import DEFAULT_BATCH, GraphStore
from graph.upsert import (
    APPENDED_PROPS,
    PROPERTY_NAME,
    any_node_query,
    existing_links_query,
    existing_nodes_query,
    link_create_query,
    link_upsert_query,
    node_create_query,
    node_upsert_query,
)
from ingest.records import Batch, LinkRecord, NodeRecord
from ingest.report import FileTally, LoadReport, write_quarantine
from ontology import Schema, load_shape_rules

__all__ = ["load_batch", "gc_paused", "Progress"]

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
"""Called as progress(stage, done, total) while writing."""

_PROV_LISTS = ("sources", "prov_files", "prov_keys", "evidence")
_UNION_PROPS = ("aliases", "names")
"""List properties that several records of one node add up (the ids merged into it, the names it was
loaded under), instead of first wins."""


def _validate_nodes(
    batch: Batch,
    schema: Schema,
    records: list[tuple[int, NodeRecord]],
    positions: list[int],
    label: str | None = None,
) -> list[NodeRecord]:
    """Records whose label is declared and whose values pass the shapes; the others go to quarantine.

    Every record is checked: field by field over the whole list, each distinct value once
    (`ShapeRules.suspects`); only the records holding a value that may break a rule are
    checked one by one, for their problems. `positions` gets the record position of each
    quarantine entry added, so the loader can put them back in file order after checking
    label by label; it names that `label` when every record has it (no pass to find out).
    """
    rules = load_shape_rules()
    labels, concepts = schema.labels, schema.concept_labels
    quarantine = batch.quarantine
    by_cls: dict[str, list[int]] = defaultdict(list)
    present = {label} if label is not None else {rec.label for _, rec in records}
    if len(present) == 1:  # the loader checks label by label: no need to sort the records out
        (only,) = present
        if only in labels:
            by_cls["Concept" if only in concepts else only] = list(range(len(records)))
    else:
        for i, (_, rec) in enumerate(records):
            if rec.label in labels:
                by_cls["Concept" if rec.label in concepts else rec.label].append(i)
    suspect: set[int] = set()
    for cls, members in by_cls.items():
        recs = [records[i][1] for i in members] if len(members) < len(records) else list(map(_RECORD, records))
        # Records of one node sharing one properties object (`Batch.shared_props`) are one
        # record to the rules: each distinct (properties, id, source) is checked once.
        keys = list(zip(map(id, map(_PROPS, recs)), map(_ID, recs), map(_SOURCE, recs), strict=True))
        picked = list(dict(zip(keys, range(len(keys)), strict=True)).values())  # one position per key
        distinct = [recs[j] for j in picked]
        fixed = {"id": [r.id for r in distinct], "sources": [(r.origin.source,) for r in distinct]}
        found = rules.suspects(cls, [r.props for r in distinct], fixed)
        if found:
            bad_keys = {keys[picked[k]] for k in found}
            suspect.update(members[j] for j, key in enumerate(keys) if key in bad_keys)
    if not suspect and sum(map(len, by_cls.values())) == len(records):  # the usual case: all pass
        return list(map(_RECORD, records))
    good = []
    for i, (pos, rec) in enumerate(records):
        if i not in suspect and rec.label in labels:
            good.append(rec)
            continue
        before = len(quarantine)
        if rec.label not in labels:
            batch.reject(rec.origin, "label", rec.label, "is not a node label declared in ecosystem.ttl")
        else:
            record = {**rec.props, "id": rec.id, "sources": [rec.origin.source]}
            problems = rules.check("Concept" if rec.label in concepts else rec.label, record)
            for fld, value, problem in problems:
                batch.reject(rec.origin, fld, value, problem)
            if not problems:
                good.append(rec)
        positions.extend([pos] * (len(quarantine) - before))
    return good


_Fold = list[Any]
"""[props, sources, prov_files, prov_keys, evidence, first record's props]: the provenance lists as
insertion-ordered dicts."""


def _fold_into(fold: _Fold, props: Any, origin: Any, union: tuple[str, ...]) -> None:
    """Add one record to its folded row: later records fill the properties the first did not set.

    Properties equal to the first record's add nothing (what they state is already in the
    row, and unions are sets): a project named on every partner row folds without a loop.
    A row may still be the first record's own properties (see `_new_fold`): it is copied
    before its first change, so a record is never altered.
    """
    if props is not fold[5] and props != fold[5]:
        row_props = fold[0]
        if row_props is fold[5]:
            row_props = fold[0] = dict(row_props)
        for k, v in props.items():
            if k in row_props:
                if k in union and isinstance(v, list):
                    row_props[k] = sorted(set(row_props[k]) | set(v))
            elif v is not None and v != "":
                row_props[k] = sorted(set(v)) if k in union and isinstance(v, list) else v
    # The four provenance lists, kept as dicts (ordered sets): a big lab states hundreds of keys.
    if origin.source:
        fold[1][origin.source] = None
    if origin.file:
        fold[2][origin.file] = None
    if origin.key:
        fold[3][origin.key] = None
    if origin.evidence:
        fold[4][origin.evidence] = None


def _new_fold(props: Any, origin: Any, union: tuple[str, ...]) -> _Fold:
    """The folded row of a first record: what `_fold_into` leaves on an empty fold, built at once.

    The usual record (no empty value, no list to union) is its own row, uncopied: most
    rows are never folded into (a link is stated once), and `_fold_into` copies first.
    """
    values = props.values()
    if None in values or "" in values:
        row_props = {k: v for k, v in props.items() if v is not None and v != ""}
    else:  # the usual case: nothing to leave out
        row_props = props
    for k in union:
        v = row_props.get(k)
        if isinstance(v, list):
            if row_props is props:
                row_props = dict(props)
            row_props[k] = sorted(set(v))
    source, file, key, evidence = origin.source, origin.file, origin.key, origin.evidence
    return [
        row_props,
        {source: None} if source else {},
        {file: None} if file else {},
        {key: None} if key else {},
        {evidence: None} if evidence else {},
        props,
    ]


def _fold_nodes(nodes: Iterable[NodeRecord]) -> dict[tuple[str, tuple[str, ...]], dict[str, _Fold]]:
    """One row per (label, id): later records fill properties the first did not set."""
    out: dict[tuple[str, tuple[str, ...]], dict[str, _Fold]] = defaultdict(dict)
    union = _UNION_PROPS
    for rec in nodes:
        group = out[(rec.label, rec.extra_labels)]
        fold = group.get(rec.id)
        if fold is None:
            group[rec.id] = _new_fold(rec.props, rec.origin, union)
        else:
            _fold_into(fold, rec.props, rec.origin, union)
    return out


def _group_links(links: Iterable[LinkRecord]) -> dict[tuple[str, str, str], list[LinkRecord]]:
    """The links of each (type, source label, target label), in the order given."""
    out: dict[tuple[str, str, str], list[LinkRecord]] = defaultdict(list)
    for rec in links:
        out[(rec.type, rec.source_label, rec.target_label)].append(rec)
    return out


def _fold_links(links: Iterable[LinkRecord]) -> dict[tuple[str, str], _Fold]:
    """One row per (source id, target id) of links of one group: later records fill properties the first did not set."""
    group: dict[tuple[str, str], _Fold] = {}
    for rec in links:
        key = (rec.source_id, rec.target_id)
        fold = group.get(key)
        if fold is None:
            group[key] = _new_fold(rec.props, rec.origin, ())
        else:
            _fold_into(fold, rec.props, rec.origin, ())
    return group


@dataclass(frozen=True)
class _CreatePlan:
    """How rows to create are sent: per-row `columns` after the head, and `params` the same for every row.

    A submission states its load time, source and file once per row otherwise: as query
    parameters they are written and parsed once per batch (a fifth of the embedded store's
    parameter text on a big load).
    """

    columns: tuple[str, ...]
    """The head (the key, for nodes; nothing for links, whose ends lead each row), then the varying columns."""
    params: dict[str, Any]
    """Properties of the same value on every row, by name: `$name` in the query."""
    names: tuple[str, ...]
    """The property columns that vary, in row order after the head."""
    prov: tuple[int, ...]
    """Positions in a fold of the provenance lists that vary, in row order after `names`."""

    @property
    def consts(self) -> tuple[str, ...]:
        return tuple(self.params)

    def rows(self, items: Iterable[tuple[tuple[str, ...], _Fold]]) -> list[list[Any]]:
        """Rows of (head values, fold) pairs in `columns` order: with `params`, the same the upsert
        would leave on a new node or link."""
        names, prov = self.names, self.prov
        if prov == (3,):  # the usual case: only the record keys differ from row to row
            return [[*h, *map(f[0].get, names), [*f[3]]] for h, f in items]
        return [[*h, *map(f[0].get, names), *[[*f[k]] for k in prov]] for h, f in items]


_CONST_TYPES = frozenset({str, int, bool})
"""Types a property must have on every row to be sent once: equal values of them write the same literal."""


def _same_everywhere(folds: list[_Fold], name: str) -> bool:
    """Whether property `name` holds one value, of one plain type, on every fold (stops at the first difference)."""
    v0 = folds[0][0].get(name)
    t0 = type(v0)
    if t0 not in _CONST_TYPES:
        return False
    for f in folds:
        v = f[0].get(name)
        if v is not v0 and (type(v) is not t0 or v != v0):
            return False
    return True


def _create_plan(folds: list[_Fold], head: tuple[str, ...], loaded_at: str) -> _CreatePlan | None:
    """The columns and parameters of rows to create: `head`, first_loaded_at, every property, the provenance.

    None when a property name cannot be spelled into a query or collides with the fixed
    columns (their precedence would then matter): those rows take the upsert path.
    Properties and provenance lists of the same value on every row (a provenance list
    only when it holds at most one value, so its order cannot differ) become parameters.
    """
    names: set[str] = set().union(*(f[0] for f in folds))
    fixed = (*head, "first_loaded_at")
    if names & {*fixed, *_PROV_LISTS} or not all(PROPERTY_NAME.fullmatch(n) for n in names):
        return None
    params: dict[str, Any] = {"first_loaded_at": loaded_at}
    varying: list[str] = []
    for name in sorted(names):
        if folds and name != "rows" and _same_everywhere(folds, name):
            params[name] = folds[0][0].get(name)
        else:
            varying.append(name)
    prov: list[int] = []
    for k, name in enumerate(_PROV_LISTS, 1):
        first = folds[0][k] if folds else {}
        if folds and len(first) <= 1 and all(f[k] == first for f in folds):
            params[name] = [*first]
        else:
            prov.append(k)
    columns = (*head, *varying, *(_PROV_LISTS[k - 1] for k in prov))
    return _CreatePlan(columns, params, tuple(varying), tuple(prov))


def _upsert_row(fold: _Fold, loaded_at: str, ends: dict[str, str]) -> dict[str, Any]:
    props = fold[0]
    row: dict[str, Any] = {**ends, "loaded_at": loaded_at}
    for name in APPENDED_PROPS:  # added to what the store holds, never overwriting it
        if name in props:
            props = {k: v for k, v in props.items() if k != name}
            row[name] = fold[0][name]
    row["props"] = props
    for name, values in zip(_PROV_LISTS, fold[1:5], strict=True):
        row[name] = list(values)
    return row


def _existing_ids(store: GraphStore, schema: Schema, label: str, ids_of: Callable[[str], Collection[str]]) -> set[str]:
    """The ids of `ids_of(label)` the store holds a `label` node for (looked up in sorted order).

    One query first asks whether the store has any node of the label: on a first load it
    has none, and the ids need not even be gathered.
    """
    found: set[str] = set()
    if not store.read(any_node_query(schema, label)).rows:
        return found
    wanted = sorted(ids_of(label))
    for start in range(0, len(wanted), DEFAULT_BATCH):
        res = store.read(existing_nodes_query(schema, label), {"ids": wanted[start : start + DEFAULT_BATCH]})
        found.update(r["id"] for r in res.rows)
    return found


def _link_ends(
    groups: dict[tuple[str, str, str], list[LinkRecord]],
) -> tuple[dict[tuple[str, str, str], tuple[set[str], set[str]]], dict[str, set[str]]]:
    """The source and target ids of each group of links, and every id a link names, per label (sets built in C)."""
    ends_of = {key: (set(map(_SOURCE_ID, recs)), set(map(_TARGET_ID, recs))) for key, recs in groups.items()}
    ends: dict[str, set[str]] = defaultdict(set)
    for (_, sl, tl), (sources, targets) in ends_of.items():
        ends[sl].update(sources)
        ends[tl].update(targets)
    return ends_of, ends


def _check_links(
    batch: Batch,
    schema: Schema,
    groups: dict[tuple[str, str, str], list[LinkRecord]],
    ends_of: dict[tuple[str, str, str], tuple[set[str], set[str]]],
    known: dict[str, set[str]],
) -> dict[tuple[str, str, str], list[LinkRecord]]:
    """Links whose type is declared and whose two ends exist, by group.

    `known` holds, per label, every id a link may name: this load's checked nodes and the
    store's. Groups are (type, source label, target label), in the order the links first
    state them. Each group's ends are checked as sets (in C); only a group naming an
    unknown end is looked at link by link, and its rejects are quarantined in the order of
    the links.
    """
    labels, rels = schema.labels, schema.relationships
    none: frozenset[str] = frozenset()
    good: dict[tuple[str, str, str], list[LinkRecord]] = {}
    bad: set[int] = set()  # id() of the links rejected
    for key, recs in groups.items():
        rtype, sl, tl = key
        ks, kt = known.get(sl, none), known.get(tl, none)
        sources, targets = ends_of[key]
        if rtype in rels and sources <= ks and targets <= kt:  # the usual case: every end known
            good[key] = recs
            continue
        if rtype not in rels:
            bad.update(map(id, recs))
            continue
        # A few unknown ids: each link's ends are looked up in them in C, one end at a time.
        rejected = [False] * len(recs)
        for unknown, end_of in ((sources - ks, _SOURCE_ID), (targets - kt, _TARGET_ID)):
            if unknown:
                rejected = list(map(or_, rejected, map(unknown.__contains__, map(end_of, recs))))
        bad.update(map(id, compress(recs, rejected)))
        kept = list(compress(recs, map(not_, rejected)))
        if kept:
            good[key] = kept
    # Rejects in the order of the links: their positions found in C (no record is read).
    where = compress(count(), map(bad.__contains__, map(id, batch.links))) if bad else ()
    for rec in map(batch.links.__getitem__, where):
        if rec.type not in rels:
            batch.reject(rec.origin, "type", rec.type, "is not a relationship type declared in ecosystem.ttl")
            continue
        for end, label, nid in (
            ("source", rec.source_label, rec.source_id),
            ("target", rec.target_label, rec.target_id),
        ):
            if label not in labels:
                batch.reject(rec.origin, end, label, "is not a node label declared in ecosystem.ttl")
            elif nid not in known.get(label, none):
                batch.reject(rec.origin, f"{end}_id", nid, f"names no {label} in this load or in the graph")
    return good


_PART = 10_000
"""Records of one label or link group checked, folded and queued at a time: the writer starts
on the first part of a big label or group while the next parts are prepared."""


def _parts(records: list[Any], key_of: Callable[[list[Any]], Iterable[str]], size: int) -> list[list[Any]]:
    """`records` cut into parts of about `size`, all records of one key in one part (so they fold
    together), records in their order.

    Files usually state one key's records together (a project's partner rows): the list is
    then cut where the key changes, in C. Otherwise each record goes to the part of its key,
    keys spread over the parts in the order the records first name them.
    """
    if len(records) <= size:
        return [records] if records else []
    keys = list(key_of(records))
    cuts = [0]
    for end in range(size, len(keys), size):
        while end < len(keys) and keys[end] == keys[end - 1]:
            end += 1
        if end < len(keys) and end > cuts[-1]:
            cuts.append(end)
    cuts.append(len(keys))
    spans = list(pairwise(cuts))
    if sum(len(set(keys[a:b])) for a, b in spans) == len(set(keys)):  # no key in two parts
        return [records[a:b] for a, b in spans]
    first = dict.fromkeys(keys)
    n = len(first)
    part_of = dict(zip(first, [i * len(spans) // n for i in range(n)], strict=True))
    where = list(map(part_of.__getitem__, keys))
    parts = [list(compress(records, map(part.__eq__, where))) for part in range(len(spans))]
    return [p for p in parts if p]  # fewer keys than parts leaves some empty


def _node_parts(
    by_label: dict[str, list[tuple[int, NodeRecord]]], size: int
) -> Iterator[tuple[str, list[tuple[int, NodeRecord]]]]:
    """Each label's (position, record) pairs in parts by node id, labels in name order."""
    for label in sorted(by_label):
        for part in _parts(by_label[label], _record_ids, size):
            yield label, part


def _link_parts(
    groups: dict[tuple[str, str, str], list[LinkRecord]], size: int
) -> Iterator[tuple[tuple[str, str, str], list[LinkRecord]]]:
    """The groups' links in parts that fold on their own, smallest groups first.

    Small groups are folded in a moment and keep the writer busy while the big ones are
    folded; a big group is cut into parts of about `size` records by target (two records of
    one link always fold together). The writer then starts on a big group's first part
    while its next parts are folded, instead of waiting for the whole group.
    """
    for key, records in sorted(groups.items(), key=lambda kv: (len(kv[1]), kv[0])):
        for part in _parts(records, _target_ids, size):
            yield key, part


_SOURCE_ID, _TARGET_ID = attrgetter("source_id"), attrgetter("target_id")
_PROPS, _ID, _SOURCE = attrgetter("props"), attrgetter("id"), attrgetter("origin.source")
_RECORD = itemgetter(1)


def _record_ids(pairs: list[tuple[int, NodeRecord]]) -> Iterator[str]:
    return map(_ID, map(_RECORD, pairs))


def _target_ids(links: list[LinkRecord]) -> Iterator[str]:
    return map(_TARGET_ID, links)


_FILE, _ROW = attrgetter("origin.file"), attrgetter("origin.row")


def _existing_pairs(
    store: GraphStore, schema: Schema, key: tuple[str, str, str], pairs: list[list[str]]
) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for start in range(0, len(pairs), DEFAULT_BATCH):
        res = store.read(existing_links_query(schema, *key), {"pairs": pairs[start : start + DEFAULT_BATCH]})
        found.update((r["src"], r["dst"]) for r in res.rows)
    return found


def _tally(batch: Batch, written_rows: set[tuple[str, int]], kept_out: set[tuple[str, int]]) -> list[FileTally]:
    """Per file, the rows written, the rows quarantined and the rows merged, each counted on its own.

    A row is quarantined when it was kept out whole (`kept_out`), or when all it stated was
    refused (a row of links only). Each fate a row really had is counted: a row kept out
    yet written counts twice, a row with no fate not at all, and the reconciliation fails.
    """
    refused = {(q.file, q.row) for q in batch.quarantine}
    per_file: dict[str, dict[str, int]] = defaultdict(lambda: {"loaded": 0, "quarantined": 0, "merged": 0})
    for key, fate in batch.rows.items():
        counts = per_file[key[0]]
        written = key in written_rows
        counts["merged"] += fate == "merged"
        counts["loaded"] += written
        counts["quarantined"] += key in kept_out or (key in refused and not written)
    files = sorted(set(batch.rows_read) | set(per_file))
    return [FileTally(f, batch.rows_read.get(f, 0), **per_file[f]) for f in files]


def _row_keys(records: Iterable[NodeRecord | LinkRecord]) -> Iterator[tuple[str, int]]:
    """(file, row) of each record, built in C."""
    return zip(map(_FILE, records), map(_ROW, records), strict=True)


def _without_rows(records: list[Any], rows: set[tuple[str, int]]) -> list[Any]:
    """`records` less those of `rows` (the list itself when none is: the usual case, decided in C)."""
    if rows.isdisjoint(_row_keys(records)):
        return records
    return list(compress(records, map(not_, map(rows.__contains__, _row_keys(records)))))


def _whole_rows(
    batch: Batch,
    schema: Schema,
    checked: list[tuple[str, list[NodeRecord]]],
    link_groups: dict[tuple[str, str, str], list[LinkRecord]],
    ends_of: dict[tuple[str, str, str], tuple[set[str], set[str]]],
    in_store: dict[str, set[str]],
) -> tuple[list[tuple[str, list[NodeRecord]]], dict[tuple[str, str, str], list[LinkRecord]], set[tuple[str, int]]]:
    """The checked nodes and links to write, and the rows kept out whole.

    A row whose data is refused (by its reader, or a node of it by the shapes: a 1 MB
    name) writes nothing: its other nodes and links stay out too, so the reconciliation
    counts it quarantined and nothing of it is in the graph. A link is then refused alone
    when its far end is not in the graph nor in this load (a lab the file names but which
    is another source's, or a row kept out): the rest of its row is good data and loads.
    """
    none: frozenset[str] = frozenset()
    refused = {(q.file, q.row) for q in batch.quarantine}
    if refused:
        checked = [(label, _without_rows(good, refused)) for label, good in checked]
        kept = {key: _without_rows(recs, refused) for key, recs in link_groups.items()}
        changed = [key for key, recs in kept.items() if recs is not link_groups[key]]
        link_groups = {key: recs for key, recs in kept.items() if recs}
        ends_of = {
            **ends_of,
            **{key: (set(map(_SOURCE_ID, kept[key])), set(map(_TARGET_ID, kept[key]))) for key in changed},
        }
    node_ids: dict[str, set[str]] = defaultdict(set)
    for label, good in checked:
        node_ids[label].update(map(_ID, good))
    ends = {label for _, sl, tl in link_groups for label in (sl, tl)}
    known = {label: node_ids.get(label, none) | in_store.get(label, none) for label in ends}
    return checked, _check_links(batch, schema, link_groups, ends_of, known), refused


_BATCHES_PER_CALL = 4
"""Batches handed to the store per write_batches call: enough to pipeline, few enough for progress."""


class _Writer:
    """Writes batches in a thread, in the order they are given, while the loader prepares the next.

    The store's client mostly waits on its socket while the server writes, and the loader's
    own work (checking and folding the links) is pure Python: on two cores the two overlap.
    Nodes are given before the links that need them, and one thread writes in order, so a
    link is never written before its ends. A failed batch stops the writer; its error is
    raised by `close()`, and nothing given after it is written.
    """

    def __init__(self, store: GraphStore, batch_size: int, progress: Progress | None, total: int) -> None:
        self._store, self._batch_size, self._progress = store, batch_size, progress
        self.total, self.done = total, 0
        self._jobs: queue.SimpleQueue[tuple[str, str, list[Any], dict[str, Any] | None] | None] = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._cancelled = False
        self._thread = threading.Thread(target=self._run, name="carto-load-writer", daemon=True)
        self._thread.start()

    def submit(self, stage: str, query: str, rows: list[Any], params: dict[str, Any] | None = None) -> None:
        """Queue `rows` (maps or lists, as `query` reads them) to be written in batches, with `params` in each."""
        if rows:
            self._jobs.put((stage, query, rows, params))

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            if self._error is not None or self._cancelled:
                continue  # drain: nothing after a failed batch (or a failed loader) is written
            stage, query, rows, params = job
            try:
                # A few batches per call: a store may pipeline them (the embedded one does).
                window = self._batch_size * _BATCHES_PER_CALL
                for start in range(0, len(rows), window):
                    if self._cancelled:
                        break
                    chunk = rows[start : start + window]
                    self.done += self._store.write_batches(query, chunk, batch_size=self._batch_size, params=params)
                    if self._progress:
                        self._progress(stage, self.done, self.total)
            except BaseException as e:  # re-raised in the loader's thread by close()
                self._error = e

    def cancel(self) -> None:
        """The loader failed: write nothing more than the batch under way."""
        self._cancelled = True

    def close(self) -> None:
        """Wait for the batches given so far (unless cancelled); raise the first write error."""
        self._jobs.put(None)
        self._thread.join()
        if self._error is not None and not self._cancelled:
            raise self._error


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


@contextmanager
def _quick_handover() -> Iterator[None]:
    """Hand the GIL over more often while the writer thread runs beside the loader.

    When a reply arrives, the writer needs the GIL back to send the next batch; by default
    it waits up to 5 ms for the loader's pure-Python work to yield it, and the server idles
    meanwhile. A shorter interval keeps the server fed; it is restored after the load.
    """
    before = sys.getswitchinterval()
    sys.setswitchinterval(_SWITCH_INTERVAL_S)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


_SWITCH_INTERVAL_S = 0.0005


def _queue(
    writer: _Writer,
    stage: str,
    folds: dict[Any, _Fold],
    keys: list[Any],
    new_keys: list[Any],
    loaded_at: str,
    *,
    head: tuple[str, ...],
    create: Callable[[tuple[str, ...], tuple[str, ...]], str],
    upsert: str,
    key_fields: Callable[[Any], dict[str, str]],
) -> list[Any]:
    """Queue folded rows, nodes or links alike: `new_keys` (absent from the store) by create, the
    other `keys` by upsert. A node's key is its id (its create rows start with it, `head`), a
    link's its (source, target) pair (its rows start with both, no `head`); `create` spells the
    create query of a plan's columns and constants, `key_fields` an upsert row's key fields. Returns the
    keys created."""
    new_folds = [folds[k] for k in new_keys]
    plan = _create_plan(new_folds, head, loaded_at)
    if plan is None:
        new_keys = []
    else:
        heads = zip(new_keys) if head else new_keys  # a node's row starts with its id, a link's with its ends
        writer.submit(
            stage, create(plan.columns, plan.consts), plan.rows(zip(heads, new_folds, strict=True)), plan.params
        )
    if len(new_keys) < len(keys):
        new_set = set(new_keys)
        writer.submit(
            stage, upsert, [_upsert_row(folds[k], loaded_at, key_fields(k)) for k in keys if k not in new_set]
        )
    return new_keys


def _id_fields(node_id: str) -> dict[str, str]:
    return {"id": node_id}


def _pair_fields(pair: tuple[str, str]) -> dict[str, str]:
    return {"src": pair[0], "dst": pair[1]}


def _queue_nodes(
    writer: _Writer,
    schema: Schema,
    groups: list[tuple[tuple[str, tuple[str, ...]], dict[str, _Fold]]],
    existing_of: dict[tuple[str, tuple[str, ...]], set[str]],
    loaded_at: str,
) -> None:
    """Queue folded nodes, in id order: those the store lacks by create, the others by upsert."""
    created: set[str] = set()  # a node in two groups (extra labels) is created once
    for (label, extra), folds in groups:
        existing = existing_of[(label, extra)]
        ids = sorted(folds)
        new_ids = [i for i in ids if i not in existing and i not in created] if existing or created else ids
        created.update(
            _queue(
                writer,
                f"nodes {label}",
                folds,
                ids,
                new_ids,
                loaded_at,
                head=(schema.label_for(label).key,),
                create=partial(node_create_query, schema, label, extra),
                upsert=node_upsert_query(schema, label, extra),
                key_fields=_id_fields,
            )
        )


def _queue_links(
    writer: _Writer,
    schema: Schema,
    key: tuple[str, str, str],
    folds: dict[tuple[str, str], _Fold],
    existing_pairs: set[tuple[str, str]],
    loaded_at: str,
) -> None:
    """Queue folded links, in the order the file states them (sorting 40k pairs costs more than it
    buys): those the store lacks by create, the others by upsert."""
    pairs = list(folds)
    new_pairs = [p for p in pairs if p not in existing_pairs] if existing_pairs else pairs
    _queue(
        writer,
        f"links {key[0]}",
        folds,
        pairs,
        new_pairs,
        loaded_at,
        head=(),
        create=partial(link_create_query, schema, *key),
        upsert=link_upsert_query(schema, *key),
        key_fields=_pair_fields,
    )


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
    with gc_paused(), _quick_handover():
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
    report = LoadReport(source=batch.source, dry_run=dry_run)
    # Every node checked and every link's ends first (a row is written whole or not at all:
    # `_whole_rows`), then label by label and part by part (folded, then queued: `_PART`), so
    # the writer starts on the first part's nodes while the next is being folded.
    by_label: dict[str, list[tuple[int, NodeRecord]]] = defaultdict(list)
    for pos, rec in enumerate(batch.nodes):
        by_label[rec.label].append((pos, rec))
    quarantine_start, positions = len(batch.quarantine), []
    # Every lookup before the first write: on the embedded store a read waits behind the
    # write under way. Ids of records not checked yet are looked up too (a few extra ids).
    link_groups = _group_links(batch.links)
    ends_of, ends = _link_ends(link_groups)

    def ids_named(label: str) -> set[str]:
        """Ids of `label` this load's records and links name."""
        return set(map(_ID, map(_RECORD, by_label.get(label, ())))) | ends.get(label, set())

    in_store = {
        label: _existing_ids(store, schema, label, ids_named)
        for label in dict.fromkeys([*sorted(by_label), *ends])
        if label in schema.labels
    }
    written_rows: set[tuple[str, int]] = set()  # (file, row) of every record written
    node_rows = 0  # rows folded
    fresh: dict[str, set[str]] = defaultdict(set)  # ids of this load the store did not hold, per label
    writer = None if dry_run else _Writer(store, batch_size, progress, len(batch.nodes) + len(batch.links))
    try:
        checked = [
            (label_name, _validate_nodes(batch, schema, part, positions, label_name))
            for label_name, part in _node_parts(by_label, _PART)
        ]
        # Quarantine entries back in the order of the records, as one pass would have left them.
        added = batch.quarantine[quarantine_start:]
        order = sorted(range(len(added)), key=positions.__getitem__)
        batch.quarantine[quarantine_start:] = [added[i] for i in order]
        checked, link_groups, kept_out = _whole_rows(batch, schema, checked, link_groups, ends_of, in_store)
        for _, good in checked:
            groups = sorted(_fold_nodes(good).items())
            existing_of: dict[tuple[str, tuple[str, ...]], set[str]] = {}
            for group, folds in groups:
                label = group[0]
                node_rows += len(folds)
                existing = existing_of[group] = in_store.get(label, set()) & folds.keys()
                fresh[label].update(folds.keys() - existing if existing else folds)
                report.nodes_updated[label] = report.nodes_updated.get(label, 0) + len(existing)
                report.nodes_created[label] = report.nodes_created.get(label, 0) + len(folds) - len(existing)
            if writer is not None:
                _queue_nodes(writer, schema, groups, existing_of, loaded_at)
            written_rows.update(zip(map(_FILE, good), map(_ROW, good), strict=True))

        # Folded while the nodes are being written. The only reads left ask about pairs
        # the node writes do not touch (links between nodes the store held before).
        links_updated: dict[tuple[str, str, str], int] = {}
        links_created: dict[tuple[str, str, str], int] = {}
        report.quarantine = list(batch.quarantine)
        unfolded, folded = sum(map(len, link_groups.values())), 0  # records not folded yet, rows folded so far
        for key, records in _link_parts(link_groups, _PART):
            _, sl, tl = key
            folds = _fold_links(records)
            unfolded, folded = unfolded - len(records), folded + len(folds)
            if writer is not None:  # progress, in rows: exact once every group is folded
                writer.total = node_rows + folded + unfolded
            # A link to or from a node the store did not hold cannot exist yet: only the
            # others are looked up (on a first load, none).
            fresh_src, fresh_dst = fresh.get(sl, set()), fresh.get(tl, set())
            maybe = (
                [[a, b] for a, b in folds if a not in fresh_src and b not in fresh_dst]
                if in_store.get(sl) and in_store.get(tl)  # else every end is new (unknown ones were rejected)
                else []
            )
            existing_pairs = _existing_pairs(store, schema, key, maybe)
            links_updated[key] = links_updated.get(key, 0) + len(existing_pairs)
            links_created[key] = links_created.get(key, 0) + len(folds) - len(existing_pairs)
            if writer is not None:
                _queue_links(writer, schema, key, folds, existing_pairs, loaded_at)
            # (file, row) of every record written, gathered part by part in C (a call over all the
            # records would hold the interpreter long enough to stall the writer).
            written_rows.update(zip(map(_FILE, records), map(_ROW, records), strict=True))
        for key in sorted(links_created):  # counted by type, in type order whatever order they were written in
            report.links_updated[key[0]] = report.links_updated.get(key[0], 0) + links_updated[key]
            report.links_created[key[0]] = report.links_created.get(key[0], 0) + links_created[key]

        report.tallies = _tally(batch, written_rows, kept_out)
    except BaseException:
        if writer is not None:
            writer.cancel()  # the loader's own error is the one raised
        raise
    finally:
        if writer is not None:
            writer.close()

    if quarantine_dir is not None and report.quarantine:
        path = write_quarantine(report.quarantine, quarantine_dir / f"{batch.source}-quarantine.csv")
        report.quarantine_file = str(path)
    report.seconds = time.perf_counter() - t0
    log.info("load %s: %s", batch.source, "; ".join(report.lines()))
    return report
