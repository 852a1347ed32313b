"""The curated seed: organisations, tags, projects and links stated in the strategy documents.

Each row cites the document and the verbatim sentence that supports it; that sentence is the
`evidence` of the node or relationship it produces.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from errors import IngestError
from ingest.records import Batch, LinkRecord, NodeRecord, Origin
from ontology import Schema

__all__ = ["SEED_DIR", "SEED_SOURCE", "SEED_FILES", "read_seed"]

SEED_SOURCE = "seed"
SEED_DIR = Path(__file__).resolve().parent.parent / "data" / "seed"
SEED_FILES = {
    "actors.csv": ["id", "name", "kind", "acronym", "city", "departement", "country", "doc", "evidence"],
    "projects.csv": ["id", "acronym", "title", "programme", "year", "doc", "evidence"],
    "tags.csv": ["subject_id", "concept_id", "doc", "evidence"],
    "links.csv": ["source_id", "type", "target_id", "role", "doc", "evidence"],
}


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    expected = SEED_FILES[path.name]
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames != expected:
                raise IngestError(f"{path}: header {reader.fieldnames} is not the seed header {expected}")
            for i, row in enumerate(reader, start=2):
                yield i, {k: (v or "").strip() for k, v in row.items() if k is not None}
    except UnicodeDecodeError as e:
        raise IngestError(f"{path}: not UTF-8 ({e})") from e


def _origin(path: Path, row: int, key: str, rec: dict[str, str]) -> Origin:
    return Origin(SEED_SOURCE, f"seed/{path.name}", row, f"{path.name}:{key}", rec.get("evidence") or None)


def _require_provenance(batch: Batch, origin: Origin, rec: dict[str, str]) -> bool:
    ok = True
    for fld in ("doc", "evidence"):
        if not rec.get(fld):
            batch.reject(origin, fld, rec.get(fld), "is required: every seed fact cites its document and sentence")
            ok = False
    return ok


def read_seed(schema: Schema, seed_dir: Path | None = None) -> Batch:
    """Read the four seed files into one batch (valid rows load; the rest are quarantined)."""
    seed_dir = seed_dir or SEED_DIR
    batch = Batch(source=SEED_SOURCE)
    missing = [n for n in SEED_FILES if not (seed_dir / n).exists()]
    if missing:
        raise IngestError(f"{seed_dir}: missing seed file(s) {', '.join(missing)}")
    project_ids: set[str] = set()
    actor_ids: set[str] = set()

    path = seed_dir / "actors.csv"
    batch.files.append(str(path))
    for row, rec in _rows(path):
        origin = _origin(path, row, rec["id"], rec)
        batch.read_row(origin.file, row)
        if rec["id"] in actor_ids:
            batch.reject(origin, "id", rec["id"], "duplicates an earlier row's id")
            continue
        if not _require_provenance(batch, origin, rec):
            continue
        actor_ids.add(rec["id"])
        props = {
            "name": rec["name"],
            "kind": rec["kind"],
            "acronym": rec["acronym"] or None,
            "city": rec["city"] or None,
            "departement": rec["departement"] or None,
            "country": rec["country"] or "FR",
            "seed_doc": rec["doc"],
        }
        batch.nodes.append(NodeRecord("Actor", rec["id"], {k: v for k, v in props.items() if v is not None}, origin))
        if rec["departement"]:
            ter = f"ter-dep-{rec['departement']}"
            if ter in schema.concepts:
                batch.links.append(LinkRecord("LOCATED_IN", "Actor", rec["id"], "Territory", ter, {}, origin))
            else:
                batch.reject(origin, "departement", rec["departement"], "is outside the territories of ecosystem.ttl")

    path = seed_dir / "projects.csv"
    batch.files.append(str(path))
    for row, rec in _rows(path):
        origin = _origin(path, row, rec["id"], rec)
        batch.read_row(origin.file, row)
        if not _require_provenance(batch, origin, rec):
            continue
        year: int | str | None = None
        if rec["year"]:
            try:
                year = int(rec["year"])
            except ValueError:
                year = rec["year"]  # the shapes reject it with the column named
        project_ids.add(rec["id"])
        props = {
            "acronym": rec["acronym"] or None,
            "title": rec["title"] or rec["acronym"] or None,
            "programme": rec["programme"] or None,
            "year": year,
            "seed_doc": rec["doc"],
        }
        batch.nodes.append(NodeRecord("Project", rec["id"], {k: v for k, v in props.items() if v is not None}, origin))

    path = seed_dir / "tags.csv"
    batch.files.append(str(path))
    for row, rec in _rows(path):
        origin = _origin(path, row, f"{rec['subject_id']}>{rec['concept_id']}", rec)
        batch.read_row(origin.file, row)
        if not _require_provenance(batch, origin, rec):
            continue
        concept = schema.concepts.get(rec["concept_id"])
        if concept is None:
            batch.reject(origin, "concept_id", rec["concept_id"], "is not a concept id of ecosystem.ttl")
            continue
        if rec["subject_id"] in project_ids:
            batch.links.append(
                LinkRecord("ADDRESSES", "Project", rec["subject_id"], concept.label, concept.id, {}, origin)
            )
        else:
            rel = schema.relation_for_concept(concept.id)
            batch.links.append(LinkRecord(rel, "Actor", rec["subject_id"], concept.label, concept.id, {}, origin))

    path = seed_dir / "links.csv"
    batch.files.append(str(path))
    for row, rec in _rows(path):
        origin = _origin(path, row, f"{rec['source_id']}-{rec['type']}-{rec['target_id']}", rec)
        batch.read_row(origin.file, row)
        if not _require_provenance(batch, origin, rec):
            continue
        rtype = rec["type"]
        spec = schema.relationships.get(rtype)
        if spec is None or spec.source != "Actor":
            batch.reject(origin, "type", rtype, "is not an actor relationship type declared in ecosystem.ttl")
            continue
        src, dst = rec["source_id"], rec["target_id"]
        if spec.symmetric and src > dst:
            src, dst = dst, src  # one stored direction, so the same fact never loads twice
        props = {"role": rec["role"] or None}
        batch.links.append(
            LinkRecord(rtype, "Actor", src, spec.target, dst, {k: v for k, v in props.items() if v is not None}, origin)
        )
    return batch
