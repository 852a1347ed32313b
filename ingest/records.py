"""Typed records that every source produces and the one loader consumes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Origin", "NodeRecord", "LinkRecord", "Batch", "Quarantined"]


@dataclass(frozen=True)
class Origin:
    """Where a record came from: the provenance every node and relationship carries.

    `row` is the line as a spreadsheet numbers it (the header is row 1); `columns` maps a
    record field to the source column it was read from, so errors name the real column.
    """

    source: str
    file: str
    row: int
    key: str
    evidence: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)

    def column(self, name: str) -> str:
        return self.columns.get(name, name)


@dataclass(frozen=True)
class NodeRecord:
    """A node to upsert: label and key from the ontology, plain properties, provenance."""

    label: str
    id: str
    props: Mapping[str, Any]
    origin: Origin
    extra_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class LinkRecord:
    """A relationship to upsert between two nodes named by label and key."""

    type: str
    source_label: str
    source_id: str
    target_label: str
    target_id: str
    props: Mapping[str, Any]
    origin: Origin


@dataclass(frozen=True)
class Quarantined:
    """A row kept out of the graph, with the reason a person can act on."""

    source: str
    file: str
    row: int
    field: str
    value: str
    reason: str


_SHARED_VARIANTS = 4
"""Distinct properties remembered per node by `Batch.shared_props`: beyond, a record keeps its own."""


@dataclass
class Batch:
    """What one `carto ingest` produces before the write: records, rejects and row tallies.

    `rows_read[file]` counts input rows; each row ends up loaded, quarantined or merged
    (folded into another record of the same load), and the loader checks the sum.
    """

    source: str
    nodes: list[NodeRecord] = field(default_factory=list)
    links: list[LinkRecord] = field(default_factory=list)
    quarantine: list[Quarantined] = field(default_factory=list)
    rows_read: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    rows: dict[tuple[str, int], str] = field(default_factory=dict)
    _shared: dict[tuple[str, str], list[Mapping[str, Any]]] = field(default_factory=dict, repr=False, compare=False)

    def shared_props(self, label: str, nid: str, props: Mapping[str, Any]) -> Mapping[str, Any]:
        """`props`, or the equal properties an earlier record of the same node already holds.

        A project is stated on each of its partner rows, a big lab on hundreds: records of
        one node sharing one properties object let the loader check and fold them once per
        distinct object instead of once per record. A node's rows often alternate between a
        few spellings (a city in capitals or not), so a few variants are remembered per node.
        Records never mutate their properties.
        """
        variants = self._shared.setdefault((label, nid), [])
        for earlier in variants:
            if earlier == props:
                return earlier
        if len(variants) < _SHARED_VARIANTS:
            variants.append(props)
        return props

    def read_row(self, file: str, row: int) -> None:
        """Register an input row; its fate (loaded, merged, quarantined) is settled by the loader."""
        self.rows_read[file] = self.rows_read.get(file, 0) + 1
        self.rows.setdefault((file, row), "pending")

    def merge_row(self, file: str, row: int) -> None:
        """The row was folded into another record of this load (a duplicate of the same entity)."""
        self.rows[(file, row)] = "merged"

    def reject(self, origin: Origin, fld: str, value: Any, reason: str) -> None:
        shown = "" if value is None else str(value)
        self.quarantine.append(
            Quarantined(origin.source, origin.file, origin.row, origin.column(fld), shown[:500], reason)
        )
