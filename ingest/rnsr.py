"""RNSR: every active public research structure, its supervising bodies and parent structures.

One row is one structure. The `tutelles` columns are parallel `;`-joined lists inside one
quoted field (name, acronym, UAI, SIRET, nature, type): item i of each list describes the
same supervising body, which becomes an actor named by its SIREN (else UAI) and the target
of `SUPERVISED_BY`.
"""

from __future__ import annotations

from pathlib import Path

from ingest.classify import erc_panel_tags, keyword_tags
from ingest.common import RowScope, file_label, require_columns
from ingest.csvio import open_table
from ingest.ids import clean_external_id
from ingest.records import Batch
from ontology import Schema

__all__ = ["RNSR_SOURCE", "RNSR_COLUMNS", "TUTELLE_KINDS", "read_rnsr", "is_rnsr_header"]

RNSR_SOURCE = "rnsr"
RNSR_COLUMNS = {
    "rnsr": "numero_national_de_structure",
    "name": "libelle",
    "acronym": "sigle",
    "year": "annee_de_creation",
    "structure_type": "type_de_structure",
    "website": "site_web",
    "address": "adresse",
    "postcode": "code_postal",
    "city": "commune",
    "labels": "label_numero",
    "tutelles": "tutelles",
    "tutelle_acronyms": "sigles_des_tutelles",
    "tutelle_natures": "nature_de_tutelle",
    "tutelle_uais": "uai_des_tutelles",
    "tutelle_sirets": "siret_des_tutelles",
    "tutelle_types": "code_de_type_de_tutelle",
    "parents": "numero_de_structure_parent",
    "scientific_domain": "domaine_scientifique",
    "erc_panels": "panel_erc",
}

TUTELLE_KINDS = {
    "Université": "university",
    "Organismes de type EPST": "research_org",
    "Organismes de type EPIC": "research_org",
    "Autres établissements ESR": "university",
    "Etablissements de santé": "hospital",
    "Fondation et institut particulier (Institut pasteur, Institut Curie, etc.)": "foundation",
    "Etablissement public à caractère administratif": "public_body",
    "Autre opérateur de droit français": "public_body",
    "Site": "university",
    "Société de droit privé française": "large_company",
    "Université étrangère": "university",
    "Opérateur public étranger": "research_org",
}
"""RNSR `nature_de_tutelle` → actor kind; another value quarantines the row (a new category)."""


def is_rnsr_header(header: tuple[str, ...]) -> bool:
    return "numero_national_de_structure" in header and "tutelles" in header


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";")]


def _supervisors(s: RowScope) -> list[tuple[str, str, str, str | None, str | None]] | None:
    """(name, acronym, kind, siren, uai) per supervising body, or None if the row is malformed."""
    names = _split(s.get("tutelles"))
    if names == [""]:
        return []
    lists = {f: _split(s.get(f)) for f in ("tutelle_acronyms", "tutelle_natures", "tutelle_uais", "tutelle_sirets")}
    out = []
    for i, name in enumerate(names):
        if not name:
            continue
        acronym, nature, uai_raw, siret_raw = (lists[f][i] if i < len(lists[f]) else "" for f in lists)
        kind = TUTELLE_KINDS.get(nature)
        if kind is None:
            s.reject(
                "tutelle_natures",
                nature,
                f"is not a known supervising-body category ({', '.join(sorted(TUTELLE_KINDS))})",
            )
            return None
        siret = clean_external_id("siret", siret_raw) if siret_raw else None
        uai = clean_external_id("uai", uai_raw) if uai_raw else None
        out.append((name, acronym, kind, siret[:9] if siret else None, uai))
    return out


def read_rnsr(schema: Schema, paths: list[Path]) -> Batch:
    """Structures as academic labs, supervisors as actors, SUPERVISED_BY and PART_OF links."""
    batch = Batch(source=RNSR_SOURCE)
    for path in paths:
        table = open_table(path)
        require_columns(table, RNSR_COLUMNS.values(), "RNSR structures")
        label = file_label(path)
        batch.files.append(label)
        rows = list(table.rows())
        known = {r.get(RNSR_COLUMNS["rnsr"]).upper() for r in rows}
        for row in rows:
            with RowScope(batch, schema, RNSR_SOURCE, label, row, RNSR_COLUMNS) as s:
                _read_row(s, known)
    return batch


def _read_row(s: RowScope, known: set[str]) -> None:
    """One structure; a parent outside the file (a closed structure) stays a property, not a link."""
    rnsr = s.ext_id("rnsr", "rnsr", required=True)
    s.key = rnsr or ""
    name = s.get("name")
    if not name:
        s.reject("name", name, "is required")
    year_text = s.get("year")
    year = int(year_text) if year_text.isascii() and year_text.isdigit() and 1500 <= int(year_text) <= 2100 else None
    if year_text and year is None:
        s.reject("year", year_text, "is not a year")
    sups = _supervisors(s)
    if not s.ok or rnsr is None or sups is None:
        return
    labels = sorted({x for x in _split(s.get("labels")) if x})
    parents = [p for p in (clean_external_id("rnsr", x) for x in _split(s.get("parents")) if x) if p]
    aid = s.actor(
        {"rnsr": rnsr},
        name,
        "academic_lab",
        {
            "acronym": s.get("acronym") or None,
            "city": s.get("city") or None,
            "address": s.get("address") or None,
            "website": s.get("website") or None,
            "creation_year": year,
            "structure_type": s.get("structure_type") or None,
            "labels": labels or None,
            "scientific_domain": s.get("scientific_domain") or None,
            "country": "FR",
            "parent_rnsr": parents or None,
        },
        postcode=s.get("postcode"),
    )
    for name_t, acronym, kind, siren, uai in sups:
        tid = s.actor({"siren": siren, "uai": uai}, name_t, kind, {"acronym": acronym or None, "country": "FR"})
        s.link("SUPERVISED_BY", ("Actor", aid), ("Actor", tid))
    for parent in parents:
        if parent in known:
            s.link("PART_OF", ("Actor", aid), ("Actor", f"rnsr-{parent.lower()}"))
    s.tag(("Actor", aid), erc_panel_tags(s.get("erc_panels")))
    s.tag(("Actor", aid), keyword_tags(s.schema, name, f"RNSR libelle '{name}'"))
