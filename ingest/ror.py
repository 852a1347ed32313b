"""ROR, the Research Organization Registry: organisations with every name they go by.

A record (ROR schema v2, one JSON object a line, or the data dump's JSON list) is one
organisation: its ROR id, status, types, names of every kind and language, place, external
ids and its relationships to other records. Each becomes an actor named by its ROR id, whose
`names` list holds every name of the record: the alias knowledge that lets a later load find
"Paris Descartes University" or "Université René Descartes" again.

Relationships become `PART_OF` (a `parent` or `child`) and `SUCCEEDED_BY` (a `successor`
or `predecessor`: ROR writes the successor on the old record, the predecessor on the new
one; a pair stated both ways is one link). A relationship naming a record absent from the
file is not an error of the file (the subset holds part of ROR): it is left out, counted in
the log, and the loader never sees it.

A withdrawn record that ROR replaced by another of the file is that other organisation
under a name it no longer uses (a duplicate, an absorbed campus): it adds its names to its
successor instead of standing as a second actor with the same name.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from errors import IngestError
from ingest.common import RowScope, file_label
from ingest.csvio import CsvRow
from ingest.ids import clean_external_id, norm_name, strip_accents
from ingest.records import Batch, LinkRecord, Origin
from ontology import Schema

__all__ = ["ROR_SOURCE", "ROR_COLUMNS", "TYPE_KINDS", "JsonRecord", "json_records", "read_ror"]

log = logging.getLogger(__name__)

ROR_SOURCE = "ror"
ROR_COLUMNS = {
    "ror": "id",
    "status": "status",
    "types": "types",
    "names": "names",
    "country": "country_code",
    "city": "city",
    "year": "established",
    "external_ids": "external_ids",
    "relationships": "relationships",
    "row": "line",
}

TYPE_KINDS: tuple[tuple[str, str], ...] = (
    ("education", "university"),
    ("healthcare", "hospital"),
    ("company", "large_company"),
    ("facility", "research_org"),
    ("government", "public_body"),
    ("nonprofit", "association"),
    ("funder", "funder"),
    ("archive", "research_org"),
    ("other", "research_org"),
)
"""ROR type → actor kind, the first type of the record in this order deciding ("education" and
"funder": a university). ROR says nothing of a company's size: a company is a large company,
as CORDIS's is when not flagged SME. A nonprofit that funds research or whose name says so is a
foundation (Institut Pasteur, IKEA Foundation), another nonprofit an association. Archives,
museums and libraries, and ROR's "other", are research organisations: the registry lists them
as places of research."""

_FOUNDATION_WORDS = frozenset(
    "fondation foundation stiftung fundacion fundacao fondazione stichting fundacja fonds fund saatio".split()
)
"""Words naming a foundation in the registry's languages (compared without accents)."""

_STATUSES = frozenset({"active", "inactive", "withdrawn"})
_EXTERNAL_KINDS = ("grid", "isni", "wikidata")
_LINKS = {"parent": ("PART_OF", False), "child": ("PART_OF", True), "successor": ("SUCCEEDED_BY", False)}
_LINKS["predecessor"] = ("SUCCEEDED_BY", True)
"""Relationship type of a record → (graph type, reversed): a `child` or `predecessor` is the link seen from
its other end."""


@dataclass(frozen=True)
class JsonRecord:
    """One record of a JSON source: its position (line of a JSON Lines file, rank in a JSON list,
    counted from 1), the object, or why it is not one."""

    row: int
    value: Any
    problem: str | None = None


def json_records(path: Path, kind: str) -> list[JsonRecord]:
    """The records of a JSON list or of a JSON Lines file, each with its position.

    A line that is not JSON is a record with a problem (quarantined by the reader); a file
    that is neither form raises IngestError naming what was expected.
    """
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as e:
        raise IngestError(f"{path}: cannot be read ({e.strerror or e})") from e
    except UnicodeDecodeError as e:
        raise IngestError(f"{path}: not UTF-8 text, so not {kind} ({e})") from e
    if text.lstrip().startswith("["):
        try:
            doc = json.loads(text)
        except ValueError as e:
            raise IngestError(f"{path}: a JSON list that does not parse ({e}); {kind} expected") from e
        return [JsonRecord(i, v, None if isinstance(v, dict) else "is not a JSON object") for i, v in enumerate(doc, 1)]
    out = []
    for i, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue  # a blank line is no record
        try:
            value = json.loads(line)
        except ValueError as e:
            out.append(JsonRecord(i, None, f"is not JSON ({e.msg} at column {e.colno})"))
            continue
        out.append(JsonRecord(i, value, None if isinstance(value, dict) else "is not a JSON object"))
    if not any(r.problem is None for r in out):
        raise IngestError(f"{path}: no JSON object in it; {kind} expected (a JSON list or one object a line)")
    return out


def _ror_of(url: Any) -> str | None:
    """The 9-character id of a ROR URL ("https://ror.org/05f82e368")."""
    return clean_external_id("ror", str(url).rstrip("/").rsplit("/", 1)[-1]) if isinstance(url, str) else None


@dataclass(frozen=True)
class _Entry:
    file: str
    rec: JsonRecord
    ror: str | None

    @property
    def obj(self) -> Mapping[str, Any]:
        return self.rec.value if isinstance(self.rec.value, dict) else {}


def read_ror(schema: Schema, paths: list[Path]) -> Batch:
    """ROR records as actors with all their names; PART_OF and SUCCEEDED_BY between them."""
    batch = Batch(source=ROR_SOURCE)
    entries: list[_Entry] = []
    for path in paths:
        label = file_label(Path(path))
        batch.files.append(label)
        records = json_records(Path(path), "ROR records")
        if not any("names" in r.value and "id" in r.value for r in records if r.problem is None):
            raise IngestError(f"{path}: not ROR records; each record needs 'id' and 'names' (ROR schema v2)")
        entries += [_Entry(label, r, _ror_of(r.value.get("id")) if r.problem is None else None) for r in records]
    by_ror = {e.ror: e for e in reversed(entries) if e.ror}  # the first record of an id
    folded = _folded(by_ror)
    loaded: dict[str, tuple[str, str]] = {}  # ROR id → (name, kind) of each actor loaded
    stated: list[tuple[Origin, str, Any]] = []
    replaced: dict[str, list[str]] = {}
    for w, target in sorted(folded.items()):
        replaced.setdefault(target, []).append(w)
    for e in entries:
        if e.ror not in folded:
            _read_record(batch, schema, e, loaded, stated, replaced.get(e.ror or ""))
    for e in entries:
        if e.ror in folded:
            _read_withdrawn(batch, schema, e, folded[e.ror], loaded, stated)
    _add_links(batch, stated, {**{r: r for r in loaded}, **{w: t for w, t in folded.items() if t in loaded}})
    return batch


def _folded(by_ror: Mapping[str, _Entry]) -> dict[str, str]:
    """Withdrawn record → the record of the file that replaces it, following a chain of withdrawals."""

    def successor(ror: str) -> str | None:
        obj = by_ror[ror].obj
        if obj.get("status") != "withdrawn" or not isinstance(obj.get("relationships"), list):
            return None
        nxt = {
            _ror_of(r.get("id")) for r in obj["relationships"] if isinstance(r, dict) and r.get("type") == "successor"
        }
        nxt.discard(None)
        return next(iter(nxt)) if len(nxt) == 1 and next(iter(nxt)) in by_ror else None  # split: not one body

    out: dict[str, str] = {}
    for ror in by_ror:
        seen, cur = {ror}, successor(ror)
        while cur is not None and successor(cur) is not None and successor(cur) not in seen:
            seen.add(cur)
            cur = successor(cur)
        if cur is not None and cur != ror and successor(cur) is None:
            out[ror] = cur
    return out


def _scope(batch: Batch, schema: Schema, e: _Entry) -> RowScope:
    obj = e.obj
    values = {k: str(v) for k, v in obj.items() if isinstance(v, (str, int, float)) and not isinstance(v, bool)}
    return RowScope(batch, schema, ROR_SOURCE, e.file, CsvRow(e.rec.row, values, e.rec.problem), ROR_COLUMNS)


@dataclass(frozen=True)
class _Org:
    """What one valid record says of its organisation."""

    name: str
    kind: str
    ror: str
    names: list[str]
    props: dict[str, Any]


def _parse(s: RowScope, obj: Mapping[str, Any]) -> _Org | None:
    """The organisation of a record, or None (the row rejected with its field) if the record is malformed."""
    ror = _ror_of(obj.get("id"))
    s.key = ror or ""
    if s.row.problem:
        return None
    if ror is None:
        s.reject("ror", obj.get("id"), "is required: a ROR id (https://ror.org/ and 9 characters starting with 0)")
    status = obj.get("status")
    if status not in _STATUSES:
        s.reject("status", status, f"is not a ROR status ({', '.join(sorted(_STATUSES))})")
    names, display, acronym = _names(s, obj.get("names"))
    kind = _kind(s, obj.get("types"), names)
    year = obj.get("established")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 2100):
        s.reject("year", year, "is not a year")
    ext = _external_ids(s, obj.get("external_ids"))
    rels = obj.get("relationships")
    if rels is not None and not (
        isinstance(rels, list) and all(isinstance(r, dict) and _ror_of(r.get("id")) for r in rels)
    ):
        s.reject("relationships", rels, "is not a list of relationships, each to a ROR id")
    country, city, lat, lon = _place(obj)
    if not s.ok or ror is None or display is None or kind is None:
        return None
    props = {
        **ext,
        "acronym": acronym,
        "status": status,
        "creation_year": year,
        "ror_types": sorted(obj["types"]),
        "country": country,
        "city": city,
        "lat": lat,
        "lon": lon,
        "website": _website(obj.get("links")),
    }
    return _Org(display, kind, ror, names, props)


def _names(s: RowScope, raw: Any) -> tuple[list[str], str | None, str | None]:
    """Every name (sorted, once each), the display name and the first acronym."""
    if not isinstance(raw, list):
        s.reject("names", raw, "is not a list of names")
        return [], None, None
    entries = [n for n in raw if isinstance(n, dict) and isinstance(n.get("value"), str) and n["value"].strip()]
    kinds = [n.get("types") if isinstance(n.get("types"), list) else [] for n in entries]
    display = next((n["value"].strip() for n, k in zip(entries, kinds, strict=True) if "ror_display" in k), None)
    if display is None or len(display) < 2:
        s.reject("names", display or "", "has no ror_display name of 2 characters or more")
    acronym = next((n["value"].strip() for n, k in zip(entries, kinds, strict=True) if "acronym" in k), None)
    return sorted({n["value"].strip() for n in entries}), display, acronym


def _kind(s: RowScope, types: Any, names: list[str]) -> str | None:
    known = {t for t, _ in TYPE_KINDS}
    if not isinstance(types, list) or not types or not all(t in known for t in types):
        s.reject("types", types, f"is not a list of ROR types ({', '.join(sorted(known))})")
        return None
    kind = next(k for t, k in TYPE_KINDS if t in types)
    if kind == "association" and ("funder" in types or _foundation_named(names)):
        return "foundation"
    return kind


def _foundation_named(names: list[str]) -> bool:
    words = {w for n in names for w in strip_accents(n).lower().replace("-", " ").split()}
    return not words.isdisjoint(_FOUNDATION_WORDS)


def _external_ids(s: RowScope, raw: Any) -> dict[str, str]:
    """GRID, ISNI and Wikidata ids: the preferred value of each, else its first; a malformed one rejects the row."""
    out: dict[str, str] = {}
    if raw is None:
        return out
    if not isinstance(raw, list):
        s.reject("external_ids", raw, "is not a list of external ids")
        return out
    for item in raw:
        kind = item.get("type") if isinstance(item, dict) else None
        if kind not in _EXTERNAL_KINDS or kind in out:
            continue
        values = item.get("all") if isinstance(item.get("all"), list) else []
        value = item.get("preferred") or (values[0] if values else None)
        if value is None:
            continue
        clean = clean_external_id(kind, str(value).rstrip("/").rsplit("/", 1)[-1])  # an id or its URL
        if clean is None:
            s.reject("external_ids", f"{kind} {value}", f"is not a {kind.upper()} id")
            continue
        out[kind] = clean
    return out


def _place(obj: Mapping[str, Any]) -> tuple[str | None, str | None, float | None, float | None]:
    """Country code, city and position: the record's own fields, else its first GeoNames location (v2 dumps)."""
    geo: Mapping[str, Any] = {}
    locations = obj.get("locations")
    if isinstance(locations, list) and locations and isinstance(locations[0], dict):
        details = locations[0].get("geonames_details")
        geo = details if isinstance(details, dict) else {}
    country = obj.get("country_code") or geo.get("country_code")
    city = obj.get("city") or geo.get("name")
    lat, lon = geo.get("lat"), geo.get("lng")
    ok = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (lat, lon))
    return (
        str(country).upper() if country else None,
        str(city).strip() if city else None,
        float(lat) if ok else None,
        float(lon) if ok else None,
    )


def _website(links: Any) -> str | None:
    """The first web address: a string in this file, a {type, value} object in ROR v2 dumps."""
    for link in links if isinstance(links, list) else []:
        value = link.get("value") if isinstance(link, dict) else link
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _read_record(
    batch: Batch,
    schema: Schema,
    e: _Entry,
    loaded: dict[str, tuple[str, str]],
    stated: list[tuple[Origin, str, Any]],
    replaced: list[str] | None = None,
) -> None:
    """One organisation; `replaced` are the ids of withdrawn records ROR folded into it."""
    with _scope(batch, schema, e) as s:
        org = _parse(s, e.obj)
        if org is None:
            return
        s.actor({"ror": org.ror}, org.name, org.kind, {**org.props, "names": org.names, "ror_withdrawn": replaced})
        loaded.setdefault(org.ror, (org.name, org.kind))
        stated.append((s.origin(), org.ror, e.obj.get("relationships")))


def _read_withdrawn(
    batch: Batch,
    schema: Schema,
    e: _Entry,
    target: str,
    loaded: dict[str, tuple[str, str]],
    stated: list[tuple[Origin, str, Any]],
) -> None:
    """A withdrawn record replaced by `target`: its names go to the target's actor, with its provenance.

    When the target itself was not loaded (quarantined), the record stands as its own actor.
    """
    if target not in loaded:
        _read_record(batch, schema, e, loaded, stated)
        return
    with _scope(batch, schema, e) as s:
        org = _parse(s, e.obj)
        if org is None:
            return
        name, kind = loaded[target]
        props = {"name": name, "kind": kind, "norm_name": norm_name(name), "ror": target, "names": org.names}
        s.node("Actor", f"ror-{target}", props, evidence=f"withdrawn ROR record {org.ror}, replaced by {target}")


def _add_links(batch: Batch, stated: list[tuple[Origin, str, Any]], actor_of: Mapping[str, str]) -> None:
    """PART_OF and SUCCEEDED_BY between loaded records, each pair once, with the first record that states it."""
    seen: set[tuple[str, str, str]] = set()
    absent: dict[str, int] = {}
    for origin, ror, rels in stated:
        for rtype, src, dst in _pairs(ror, rels):
            a, b = actor_of.get(src), actor_of.get(dst)
            if a is None or b is None:
                absent[rtype] = absent.get(rtype, 0) + 1
                continue
            if a == b or (rtype, a, b) in seen:
                continue
            seen.add((rtype, a, b))
            batch.links.append(LinkRecord(rtype, "Actor", f"ror-{a}", "Actor", f"ror-{b}", {}, origin))
    if absent:
        told = ", ".join(f"{n} {t}" for t, n in sorted(absent.items()))
        log.warning("ror: relationships naming a record absent from the file(s), not loaded: %s", told)


def _pairs(ror: str, rels: Any) -> Iterator[tuple[str, str, str]]:
    for rel in rels if isinstance(rels, list) else []:
        if not isinstance(rel, dict) or rel.get("type") not in _LINKS:
            continue  # "related": no relationship of the ontology says it
        other = _ror_of(rel.get("id"))
        if other is None:
            continue
        rtype, reverse = _LINKS[rel["type"]]
        yield (rtype, other, ror) if reverse else (rtype, ror, other)
