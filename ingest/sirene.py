"""SIRENE (INSEE): companies of the health value chain, selected by NAF code.

Two published files, recognised by their header, in any order: `StockUniteLegale_utf8.csv`
(one legal unit per SIREN: name, category PME/ETI/GE, main NAF code) and
`StockEtablissement_utf8.csv` (one establishment per SIRET: address, NAF code, head-office
flag). Both are comma-separated UTF-8 with a header. A company is one actor named by its
SIREN; its establishments add their place. Rows outside the health NAF codes, closed units
and unnamed ones are quarantined with that reason, so every row is accounted for.
"""

from __future__ import annotations

from pathlib import Path

from errors import IngestError
from ingest.common import RowScope, file_label
from ingest.csvio import CsvTable, open_table
from ingest.records import Batch
from ontology import Schema

__all__ = ["SIRENE_SOURCE", "HEALTH_NAF", "read_sirene"]

SIRENE_SOURCE = "sirene"
HEALTH_NAF = {
    "21.10Z": "Fabrication de produits pharmaceutiques de base",
    "21.20Z": "Fabrication de préparations pharmaceutiques",
    "26.60Z": "Fabrication d'équipements d'irradiation médicale, électromédicaux et électrothérapeutiques",
    "32.50A": "Fabrication de matériel médico-chirurgical et dentaire",
    "72.11Z": "Recherche-développement en biotechnologie",
    "72.19Z": "Recherche-développement en autres sciences physiques et naturelles",
    "86.10Z": "Activités hospitalières",
}
"""NAF rév. 2 codes kept: the health-innovation value chain."""
_CATEGORY_KINDS = {"PME": "sme", "ETI": "midcap", "GE": "large_company"}
UNIT_COLUMNS = {
    "siren": "siren",
    "name": "denominationUniteLegale",
    "acronym": "sigleUniteLegale",
    "category": "categorieEntreprise",
    "naf": "activitePrincipaleUniteLegale",
    "state": "etatAdministratifUniteLegale",
    "created": "dateCreationUniteLegale",
}
SITE_COLUMNS = {
    "siren": "siren",
    "siret": "siret",
    "head_office": "etablissementSiege",
    "postcode": "codePostalEtablissement",
    "city": "libelleCommuneEtablissement",
    "naf": "activitePrincipaleEtablissement",
    "state": "etatAdministratifEtablissement",
    "name": "denominationUsuelleEtablissement",
    "sign": "enseigne1Etablissement",
}


def _kind(table: CsvTable) -> str:
    h = set(table.header)
    if set(UNIT_COLUMNS.values()) <= h:
        return "units"
    if set(SITE_COLUMNS.values()) <= h:
        return "sites"
    raise IngestError(
        f"{table.path}: not a SIRENE StockUniteLegale or StockEtablissement file; header {list(table.header)[:8]}"
    )


def read_sirene(schema: Schema, paths: list[Path]) -> Batch:
    batch = Batch(source=SIRENE_SOURCE)
    tables = sorted(
        ((_kind(t), i, t) for i, t in enumerate(open_table(Path(p)) for p in paths)),
        key=lambda x: (x[0] != "units", x[1]),
    )
    units: dict[str, str] = {}  # SIREN → name, for establishments that carry none
    for kind, _i, table in tables:
        label = file_label(table.path)
        batch.files.append(label)
        if kind == "units":
            for row in table.rows():
                if row.get("denominationUniteLegale"):
                    units.setdefault(row.get("siren"), row.get("denominationUniteLegale"))
        for row in table.rows():
            with RowScope(
                batch, schema, SIRENE_SOURCE, label, row, UNIT_COLUMNS if kind == "units" else SITE_COLUMNS
            ) as s:
                if kind == "units":
                    _unit(s)
                else:
                    _site(s, units)
    return batch


def _in_scope(s: RowScope) -> bool:
    naf = s.get("naf")
    if naf not in HEALTH_NAF:
        s.reject("naf", naf, "is outside the health NAF codes (" + ", ".join(sorted(HEALTH_NAF)) + ")")
    if s.get("state") != "A":
        s.reject("state", s.get("state"), "is not an active unit (A)")
    return s.ok


def _unit(s: RowScope) -> None:
    siren = s.ext_id("siren", "siren", required=True)
    s.key = siren or ""
    name = s.get("name")
    if len(name) < 2:
        s.reject("name", name, "is required (a person's sole proprietorship has no published name)")
    if not _in_scope(s) or siren is None:
        return
    kind = _CATEGORY_KINDS.get(s.get("category"), "sme")
    s.actor(
        {"siren": siren},
        name,
        kind,
        {
            "acronym": s.get("acronym") or None,
            "naf": s.get("naf"),
            "country": "FR",
            "company_category": s.get("category") or None,
        },
    )


def _site(s: RowScope, units: dict[str, str]) -> None:
    siren = s.ext_id("siren", "siren", required=True)
    siret = s.ext_id("siret", "siret", required=True)
    s.key = siret or ""
    name = units.get(s.get("siren")) or s.get("name") or s.get("sign")
    if len(name) < 2:
        s.reject("name", name, "is required: load StockUniteLegale with it, or the site has a usual name")
    if not _in_scope(s) or siren is None or siret is None:
        return
    head = s.get("head_office").lower() == "true"
    props = {
        "naf": s.get("naf"),
        "country": "FR",
        "city": s.get("city") if head else None,
        "head_office_siret": siret if head else None,
    }
    s.actor({"siren": siren}, name, "sme", props, postcode=s.get("postcode") if head else "")
