"""The ministry's list of the main higher-education establishments (MESR open data, JSON export).

The export is a JSON list of `{"datasetid", "recordid", "fields": {...}, "geometry"}`; each
item is one establishment, numbered from 1 in file order. Its identifiers (UAI, SIREN, SIRET,
ROR, Wikidata, GRID, ISNI) are what make it the same actor as an RNSR supervising body (by
SIREN or UAI) and as a ROR record (by ROR id), with no name compared.

Two choices follow from the data. A SIREN that several establishments of the list share names
their common legal entity (Junia for HEI and ISA Lille), not any of them: it is kept as
`legal_entity_siren`, not as the establishment's id. And where the row gives a ROR id, its
Wikidata id is left to the ROR record (maintained by the registry, where the list is of 2021):
the two disagree for Université Paris-Saclay, and two ids of one kind in conflict would keep
the establishment and its ROR record apart.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from errors import IngestError
from ingest.common import RowScope, file_label
from ingest.csvio import CsvRow
from ingest.ids import clean_external_id
from ingest.records import Batch
from ingest.ror import json_records
from ontology import Schema

__all__ = ["ESR_SOURCE", "ESR_COLUMNS", "ESR_KINDS", "read_esr"]

ESR_SOURCE = "esr"
ESR_COLUMNS = {
    "name": "uo_lib",
    "official_name": "uo_lib_officiel",
    "english_name": "uo_lib_en",
    "acronym": "sigle",
    "short_name": "nom_court",
    "type": "type_d_etablissement",
    "legal_status": "statut_juridique_court",
    "uai": "uai",
    "former_uai": "anciens_codes_uai",
    "siren": "siren",
    "siret": "siret",
    "ror": "identifiant_ror",
    "wikidata": "identifiant_wikidata",
    "grid": "identifiant_grid",
    "isni": "identifiant_isni",
    "city": "com_nom",
    "postcode": "code_postal_uai",
    "address": "adresse_uai",
    "region": "reg_nom",
    "country": "pays_etranger_acheminement",
    "website": "url",
    "year": "date_creation",
    "closure_year": "date_fermeture",
    "coordinates": "coordonnees",
}

ESR_KINDS = {
    "Université": "university",
    "École": "university",
    "Grand établissement": "university",
    "Autre établissement": "university",
}
"""`type_d_etablissement` → actor kind (the ontology's "Université / école"); another value
quarantines the row (a new category to map)."""

COUNTRIES = {"France": "FR", "Grèce": "GR", "Espagne": "ES", "Italie": "IT", "Égypte": "EG"}
"""`pays_etranger_acheminement` → ISO code, as the other sources store a country; the schools
abroad (Athens, Madrid, Rome, Cairo) are the list's only foreign addresses."""

_EXT_FIELDS = ("uai", "siret", "ror", "wikidata", "grid", "isni")


def read_esr(schema: Schema, paths: list[Path]) -> Batch:
    """Establishments as actors with their identifiers and every name the list gives them."""
    batch = Batch(source=ESR_SOURCE)
    files = []
    for path in paths:
        records = json_records(Path(path), "the MESR establishments list")
        rows = [(r, _fields(r.value) if r.problem is None else {}) for r in records]
        if not any("uo_lib" in f for _r, f in rows):
            raise IngestError(f"{path}: not the MESR establishments list; no record has the field 'uo_lib'")
        files.append((file_label(Path(path)), rows))
    sirens = Counter(_text(f.get("siren")) for _l, rows in files for _r, f in rows if _text(f.get("siren")))
    shared = {s for s, n in sirens.items() if n > 1}
    for label, rows in files:
        batch.files.append(label)
        for rec, fields in rows:
            values = {k: _text(v) for k, v in fields.items() if not isinstance(v, (list, dict))}
            values["recordid"] = _text(rec.value.get("recordid")) if rec.problem is None else ""
            with RowScope(batch, schema, ESR_SOURCE, label, CsvRow(rec.row, values, rec.problem), ESR_COLUMNS) as s:
                if s.ok:
                    _read_row(s, fields, shared)
    return batch


def _fields(item: Mapping[str, Any]) -> Mapping[str, Any]:
    """The establishment's fields: under `fields` in the portal's export, the item itself in a flat one."""
    inner = item.get("fields")
    return inner if isinstance(inner, dict) else item


def _text(value: Any) -> str:
    return "" if value is None else re.sub(r"\s+", " ", str(value)).strip()


def _year(s: RowScope, fld: str) -> int | None:
    text = s.get(fld)
    if not text:
        return None
    m = re.fullmatch(r"([0-9]{4})(-[0-9]{2}-[0-9]{2})?", text)
    if m is None or not 1000 <= int(m.group(1)) <= 2100:
        s.reject(fld, text, "is not a year")
        return None
    return int(m.group(1))


def _read_row(s: RowScope, fields: Mapping[str, Any], shared: set[str]) -> None:
    name = s.get("name") or s.get("official_name")
    if len(name) < 2:
        s.reject("name", name, "is required")
    kind = ESR_KINDS.get(s.get("type"))
    if kind is None:
        s.reject("type", s.get("type"), f"is not a known type of establishment ({', '.join(sorted(ESR_KINDS))})")
    ext = {k: s.ext_id(k, k) for k in _EXT_FIELDS if s.get(k)}
    siren = s.ext_id("siren", "siren") if s.get("siren") else None
    s.key = ext.get("uai") or siren or s.get("recordid") or name
    former = [clean_external_id("uai", u) for u in s.get("former_uai").split(";") if u.strip()]
    if None in former:
        s.reject("former_uai", s.get("former_uai"), "is not a list of UAI codes (7 digits and a letter) joined by ;")
    year, closed = _year(s, "year"), _year(s, "closure_year")
    if not s.ok or kind is None:
        return
    if siren and siren not in shared:
        ext["siren"] = siren
    if ext.get("ror"):
        ext.pop("wikidata", None)
    acronym = s.get("acronym") or (s.get("short_name") if re.fullmatch(r"[A-Z0-9-]{2,12}", s.get("short_name")) else "")
    names = {s.get(f) for f in ("name", "official_name", "english_name", "acronym", "short_name")} - {""}
    lat, lon = _point(fields.get(ESR_COLUMNS["coordinates"]))
    country = COUNTRIES.get(s.get("country"), "")
    s.actor(
        ext,
        name,
        kind,
        {
            "acronym": acronym or None,
            "names": sorted(names),
            "official_name": s.get("official_name") or None,
            "uai_former": sorted({u for u in former if u and u != ext.get("uai")}) or None,
            "legal_entity_siren": siren if siren in shared else None,
            "establishment_type": s.get("type"),
            "legal_status": s.get("legal_status") or None,
            "city": s.get("city") or None,
            "address": s.get("address") or None,
            "country": country or None,
            "website": s.get("website") or None,
            "creation_year": year,
            "closure_year": closed,
            "lat": lat,
            "lon": lon,
        },
        postcode=s.get("postcode") if country == "FR" else "",
        region=s.get("region"),
        country=country,
    )


def _point(value: Any) -> tuple[float | None, float | None]:
    """`coordonnees` is [latitude, longitude]; anything else leaves the position unknown."""
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
        lat, lon = float(value[0]), float(value[1])
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return lat, lon
    return None, None
