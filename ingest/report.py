"""The outcome of one load: created/updated counts, quarantine, and the row reconciliation."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ingest.records import Quarantined

__all__ = ["FileTally", "LoadReport", "write_quarantine"]


@dataclass(frozen=True)
class FileTally:
    """rows read = loaded + quarantined + merged, for one input file."""

    file: str
    rows_read: int
    loaded: int
    quarantined: int
    merged: int

    @property
    def holds(self) -> bool:
        return self.rows_read == self.loaded + self.quarantined + self.merged

    def line(self) -> str:
        mark = "OK" if self.holds else "MISMATCH"
        return (
            f"{self.file}: {self.rows_read} rows read = {self.loaded} loaded + {self.quarantined} quarantined"
            f" + {self.merged} merged [{mark}]"
        )


@dataclass
class LoadReport:
    source: str
    dry_run: bool
    tallies: list[FileTally] = field(default_factory=list)
    nodes_created: dict[str, int] = field(default_factory=dict)
    nodes_updated: dict[str, int] = field(default_factory=dict)
    links_created: dict[str, int] = field(default_factory=dict)
    links_updated: dict[str, int] = field(default_factory=dict)
    quarantine: list[Quarantined] = field(default_factory=list)
    quarantine_file: str | None = None
    seconds: float = 0.0

    @property
    def reconciles(self) -> bool:
        return all(t.holds for t in self.tallies)

    @property
    def rows_read(self) -> int:
        return sum(t.rows_read for t in self.tallies)

    @property
    def rows_quarantined(self) -> int:
        """Rows kept out (a row may have several entries in the quarantine, one per problem)."""
        return sum(t.quarantined for t in self.tallies)

    def lines(self) -> list[str]:
        return [t.line() for t in self.tallies]

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "reconciles": self.reconciles,
            "files": [t.__dict__ | {"holds": t.holds} for t in self.tallies],
            "nodes_created": dict(sorted(self.nodes_created.items())),
            "nodes_updated": dict(sorted(self.nodes_updated.items())),
            "links_created": dict(sorted(self.links_created.items())),
            "links_updated": dict(sorted(self.links_updated.items())),
            "quarantined": self.rows_quarantined,
            "quarantine_entries": len(self.quarantine),
            "quarantine_file": self.quarantine_file,
            "seconds": round(self.seconds, 3),
        }


def write_quarantine(entries: list[Quarantined], path: Path) -> Path:
    """One CSV a person can open: file, row, column, value, reason (one line per problem of a row).

    A value holding bytes the input's encoding could not decode is written with them as \\xNN.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8", errors="backslashreplace") as fh:
        w = csv.writer(fh)
        w.writerow(["source", "file", "row", "column", "value", "reason"])
        for q in sorted(entries, key=lambda q: (q.file, q.row, q.field)):
            w.writerow([q.source, q.file, q.row, q.field, q.value, q.reason])
    return path
