"""i-Lab: laureates of the national deep-tech start-up competition (MESR / Bpifrance).

One row is one laureate project of one year. It becomes a `Project` (programme i-Lab); the
company, when the row names it (SIREN, SIRET or company name), becomes an SME actor that
`PARTICIPATES_IN` it as laureate and is `SPUN_OFF_FROM` the public labs whose RNSR ids the
row gives (several ids are joined by commas in one field).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingest.classify import ilab_domain_tags, keyword_tags
from ingest.common import RowScope, file_label, require_columns
from ingest.csvio import CsvRow, open_table
from ingest.ids import clean_external_id
from ingest.records import Batch
from ontology import Schema

__all__ = ["ILAB_SOURCE", "ILAB_COLUMNS", "read_ilab", "is_ilab_header"]

ILAB_SOURCE = "ilab"
ILAB_COLUMNS = {
    "dossier": "Dossier Aide",
    "identifier": "Identifiant",
    "tagline": "Moto",
    "abstract": "Résumé",
    "prize": "Grand-Prix",
    "year": "Année de concours",
    "application": "Type de candidature",
    "domain": "Domaine technologique",
    "region": "Région",
    "siret": "N° SIRET",
    "siren": "N° SIREN",
    "name": "Libellé entreprise",
    "website": "Site web entreprise",
    "lab_rnsr": "Id de l'unité de recherche liée au projet",
    "lab_name": "Unité de recherche liée au projet",
    "lab_acronym": "Sigle de l'unité de recherche liée au projet",
}


def is_ilab_header(header: tuple[str, ...]) -> bool:
    return "Domaine technologique" in header and "N° SIREN" in header


def _project_key(row: CsvRow) -> str:
    """The laureate's file number, else a digest of what identifies the row (stable across exports)."""
    ident = row.get(ILAB_COLUMNS["identifier"]) or row.get(ILAB_COLUMNS["dossier"])
    if ident:
        return ident
    parts = [row.get(ILAB_COLUMNS[f]) for f in ("year", "siren", "siret", "name", "tagline", "domain", "region")]
    return "h" + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:12]


def read_ilab(schema: Schema, paths: list[Path]) -> Batch:
    batch = Batch(source=ILAB_SOURCE)
    for path in paths:
        table = open_table(path)
        require_columns(table, ILAB_COLUMNS.values(), "i-Lab laureates")
        label = file_label(path)
        batch.files.append(label)
        rows = list(table.rows())
        names: dict[str, str] = {}  # the company name any row gives for a SIREN
        for row in rows:
            siren = row.get(ILAB_COLUMNS["siren"])
            if siren and row.get(ILAB_COLUMNS["name"]):
                names.setdefault(siren, row.get(ILAB_COLUMNS["name"]))
        seen: set[str] = set()
        for row in rows:
            with RowScope(batch, schema, ILAB_SOURCE, label, row, ILAB_COLUMNS) as s:
                _read_row(s, names, seen)
    return batch


def _read_row(s: RowScope, names: dict[str, str], seen: set[str]) -> None:
    key = _project_key(s.row)
    s.key = key
    year_text = s.get("year")
    if not (year_text.isascii() and year_text.isdigit() and 1990 <= int(year_text) <= 2100):
        s.reject("year", year_text, "is not a competition year")
    siren = s.ext_id("siren", "siren")
    siret = s.ext_id("siret", "siret")
    labs = []
    for raw in s.get("lab_rnsr").split(","):
        if raw.strip():
            rnsr = clean_external_id("rnsr", raw)
            if rnsr is None:
                s.reject("lab_rnsr", raw.strip(), "is not an RNSR id (9 digits and a letter)")
            labs.append(rnsr)
    if not s.ok:
        return
    pid = "ilab-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in key.lower())
    if pid in seen:
        return  # the same laureate listed twice: the row is merged
    seen.add(pid)
    year = int(year_text)
    tagline = s.get("tagline")
    title = tagline or s.get("name") or key
    domain = s.get("domain")
    s.node(
        "Project",
        pid,
        {
            "acronym": key,
            "title": title,
            "abstract": s.get("abstract") or None,
            "programme": "i-Lab",
            "year": year,
            "application_type": s.get("application") or None,
            "technology_domain": domain or None,
            "prize": s.get("prize") or None,
            "region": s.get("region") or None,
        },
    )
    text_tags = keyword_tags(s.schema, f"{tagline}\n{s.get('abstract')}", f"i-Lab {key} Moto/Résumé")
    s.tag(("Project", pid), text_tags)
    siren = siren or (siret[:9] if siret else None)
    name = s.get("name") or (names.get(siren, "") if siren else "")
    if not siren and not name:
        return  # a laureate project with no company yet: the project alone
    aid = s.actor(
        {"siren": siren, "siret": siret},
        name or f"Entreprise SIREN {siren}",
        "sme",
        {"website": s.get("website") or None, "name_is_placeholder": True if not name else None, "country": "FR"},
        region=s.get("region"),
    )
    s.link("PARTICIPATES_IN", ("Actor", aid), ("Project", pid), {"role": "laureate", "year": year})
    s.tag(("Actor", aid), ilab_domain_tags(domain))
    s.tag(("Actor", aid), text_tags)
    lab_names = [n.strip() for n in s.get("lab_name").split(",")]
    lab_acronyms = [n.strip() for n in s.get("lab_acronym").split(",")]
    for i, rnsr in enumerate(labs):
        assert rnsr is not None
        lid = f"rnsr-{rnsr.lower()}"
        if len(lab_names) == len(labs) and len(lab_names[i]) >= 2:
            acronym = lab_acronyms[i] if len(lab_acronyms) == len(labs) else None
            s.actor({"rnsr": rnsr}, lab_names[i], "academic_lab", {"acronym": acronym or None})
        s.link("SPUN_OFF_FROM", ("Actor", aid), ("Actor", lid), {"year": year})
