"""What every publisher loader does with one row: provenance, rejects, actors, places, tags.

A `RowScope` binds a batch to one input record, so a loader states facts ("this actor",
"this link", "this tag") and the scope fills in the origin, the real column names of the
publisher and the row number a person will look up.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from errors import IngestError
from graph import GraphStore
from ingest.classify import Tag
from ingest.csvio import CsvRow, CsvTable, damage_in, shown
from ingest.ids import actor_id, clean_external_id, departement_of_postcode, norm_name
from ingest.records import Batch, LinkRecord, NodeRecord, Origin
from ontology import Schema

__all__ = ["RowScope", "file_label", "require_columns", "side_dir", "IDF_REGION_NAMES"]

IDF_REGION_NAMES = {"ile-de-france", "île-de-france", "idf", "r11", "11"}


def file_label(path: Path) -> str:
    """A short, stable name for a file in provenance and reports: its folder and name."""
    p = Path(path)
    return f"{p.parent.name}/{p.name}" if p.parent.name else p.name


def side_dir(store: GraphStore) -> Path:
    """Where a store's side files go (the resolution's review and decisions, the quarantine).

    They describe one graph, so they live with it, never in whatever directory a command runs
    from: an embedded store keeps them in its data directory; a server store in a folder of
    `.carto/stores/` named for its address and database (the user name left out).
    """
    data_dir = getattr(store, "data_dir", None)
    if data_dir is not None:
        return Path(data_dir)
    parts = urlsplit(store.uri)
    database = getattr(store, "database", "") or ""
    key = f"{parts.scheme}://{parts.hostname or ''}:{parts.port or ''}/{database}"
    slug = re.sub(r"[^A-Za-z0-9.-]+", "-", f"{parts.hostname or 'server'}-{parts.port or ''}-{database}").strip("-")
    return Path(".carto") / "stores" / f"{slug}-{hashlib.sha1(key.encode()).hexdigest()[:8]}"


def require_columns(table: CsvTable, columns: Iterable[str], kind: str) -> None:
    missing = [c for c in columns if c not in table.header]
    if missing:
        raise IngestError(f"{table.path}: not a {kind} file; missing column(s) {', '.join(repr(c) for c in missing)}")


@dataclass
class RowScope:
    """One input record being turned into records of a batch."""

    batch: Batch
    schema: Schema
    source: str
    file: str
    row: CsvRow
    columns: Mapping[str, str]
    key: str = ""
    ok: bool = True
    nodes: list[NodeRecord] = field(default_factory=list)
    links: list[LinkRecord] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.batch.read_row(self.file, self.row.row)
        problem, column = self.row.problem, self.row.column
        if problem is None and not self.row.checked and (found := damage_in(self.row.values)) is not None:
            column, problem = found  # a record not read by csvio (JSON, a fixed layout): looked at here
        if problem:
            self.reject(column or "row", self.row.values.get(column, ""), problem)

    def __enter__(self) -> RowScope:
        return self

    def __exit__(self, *exc: object) -> None:
        self.finish()

    def get(self, fld: str) -> str:
        """The stripped value of a record field, read from its publisher column."""
        return self.row.get(self.columns.get(fld, fld))

    def origin(self, evidence: str | None = None) -> Origin:
        return Origin(self.source, self.file, self.row.row, self.key or f"row {self.row.row}", evidence, self.columns)

    def reject(self, fld: str, value: Any, reason: str) -> None:
        """Quarantine the whole row, naming the publisher's column."""
        self.batch.reject(self.origin(), fld, shown(value) if isinstance(value, str) else value, reason)
        self.ok = False

    def ext_id(self, kind: str, fld: str, *, required: bool = False) -> str | None:
        """A checked external id from a field; a malformed one quarantines the row."""
        raw = self.get(fld)
        if not raw:
            if required:
                self.reject(fld, raw, f"is required ({kind})")
            return None
        value = clean_external_id(kind, raw)
        if value is None:
            self.reject(fld, raw, f"is not a {kind.upper()} id ({_EXPECT[kind]})")
        return value

    def node(self, label: str, nid: str, props: Mapping[str, Any], evidence: str | None = None) -> None:
        clean = {k: v for k, v in props.items() if v is not None and v != "" and v != []}
        self.nodes.append(NodeRecord(label, nid, self.batch.shared_props(label, nid, clean), self.origin(evidence)))

    def actor(
        self,
        ext: Mapping[str, str | None],
        name: str,
        kind: str,
        props: Mapping[str, Any],
        *,
        postcode: str = "",
        region: str = "",
        country: str = "",
        written: str = "",
    ) -> str:
        """Add an actor with its canonical id (strongest identifier, else a name slug) and place.

        `written` is the name the row itself gives when `name` is another (a lab's usual name
        stands for the row's spelling): every spelling is kept in `names`, the alias knowledge
        that resolution and actor references read, so a row's name finds its actor again.
        """
        ids = {k: v for k, v in ext.items() if v}
        aid = actor_id(ids, self.source, name)
        place = self.place(aid, postcode=postcode, region=region, country=country)
        names = sorted({n.strip() for n in (name, written, *(props.get("names") or ())) if n and n.strip()})
        self.node(
            "Actor",
            aid,
            {"name": name, "kind": kind, "norm_name": norm_name(name), **ids, **props, **place, "names": names},
        )
        return aid

    def link(
        self,
        rtype: str,
        src: tuple[str, str],
        dst: tuple[str, str],
        props: Mapping[str, Any] | None = None,
        evidence: str | None = None,
    ) -> None:
        clean = {k: v for k, v in (props or {}).items() if v is not None and v != ""}
        spec = self.schema.rel(rtype)
        (sl, sid), (dl, did) = src, dst
        if spec.symmetric and sid > did:
            (sl, sid), (dl, did) = (dl, did), (sl, sid)
        self.links.append(LinkRecord(rtype, sl, sid, dl, did, clean, self.origin(evidence)))

    def tag(self, subject: tuple[str, str], tags: Iterable[Tag]) -> None:
        """WORKS_ON / CONTRIBUTES_TO / IN_SECTOR / … for an actor; ADDRESSES for a project."""
        label, sid = subject
        for t in tags:
            concept = self.schema.concepts.get(t.concept_id)
            if concept is None:
                continue
            rtype = "ADDRESSES" if label == "Project" else self.schema.relation_for_concept(concept.id)
            self.link(rtype, subject, (concept.label, concept.id), evidence=t.evidence)

    def place(self, aid: str, *, postcode: str = "", region: str = "", country: str = "") -> dict[str, Any]:
        """Place properties of an actor, and LOCATED_IN its Île-de-France département or region."""
        props: dict[str, Any] = {}
        dep = departement_of_postcode(postcode) if country in ("", "FR", "France") else None
        if dep:
            props["departement"] = dep
        if postcode:
            props["postcode"] = postcode
        if region:
            props["region"] = region
        territory = None
        if dep and f"ter-dep-{dep}" in self.schema.concepts:
            territory = f"ter-dep-{dep}"
        elif region.strip().lower() in IDF_REGION_NAMES or region.strip() == "Île-de-France":
            territory = "ter-idf"
        if territory:
            self.link("LOCATED_IN", ("Actor", aid), ("Territory", territory))
        return props

    def finish(self) -> None:
        """Hand the row's records to the batch, or none of them if the row was quarantined.

        A valid row that states nothing new (an exact duplicate) counts as merged, so the
        reconciliation still holds.
        """
        if not self.ok:
            return
        if not self.nodes and not self.links:
            self.batch.merge_row(self.file, self.row.row)
            return
        self.batch.nodes.extend(self.nodes)
        self.batch.links.extend(self.links)


_EXPECT = {
    "rnsr": "9 digits and a letter",
    "siren": "9 digits",
    "siret": "14 digits",
    "pic": "9 digits",
    "uai": "7 digits and a letter",
    "finess": "9 characters",
    "ror": "9 characters starting with 0",
    "wikidata": "Q followed by digits",
    "grid": "grid. digits . a check character",
    "isni": "16 digits, the last may be X",
}
