"""FINESS: health establishments, from the Etalab extraction `etalab-cs1100507-stock-*.csv`.

The file is not a plain table: Windows-1252, `;`, no header; a first line
`finess;etalab;…` describes the extraction, then `structureet` lines (one establishment,
31 fields after the section name) and, in the geocoded variant, `geolocalisation` lines
(establishment number, Lambert-93 x and y, source, date). A geolocation line is folded into
its establishment (counted as merged). Only health-innovation actors are kept (hospitals
and cancer centres, by aggregated category); other establishments are quarantined with that
reason, so the reconciliation still holds.
"""

from __future__ import annotations

from pathlib import Path

from errors import IngestError
from ingest.classify import keyword_tags
from ingest.common import RowScope, file_label
from ingest.csvio import CsvRow, decode_bytes
from ingest.ids import clean_external_id
from ingest.records import Batch
from ontology import Schema

__all__ = ["FINESS_SOURCE", "STRUCTURE_FIELDS", "FINESS_KINDS", "read_finess"]

FINESS_SOURCE = "finess"
STRUCTURE_FIELDS = (
    "section", "nofinesset", "nofinessej", "rs", "rslongue", "complrs", "compldistrib", "numvoie", "typvoie", "voie",
    "compvoie", "lieuditbp", "commune", "departement", "libdepartement", "ligneacheminement", "telephone", "telecopie",
    "categetab", "libcategetab", "categagretab", "libcategagretab", "siret", "codeape", "codemft", "libmft", "codesph",
    "libsph", "dateouv", "dateautor", "maj", "numuai",
)  # fmt: skip
"""The published field names of a `structureet` line (the file itself has no header)."""
GEO_FIELDS = ("section", "nofinesset", "coordxet", "coordyet", "sourcecoordet", "datemaj")

FINESS_KINDS = {
    "1101": "hospital",  # Centres Hospitaliers Régionaux
    "1102": "hospital",  # Centres Hospitaliers
    "1106": "hospital",  # Centres de Lutte Contre le Cancer
    "1109": "hospital",  # Etablissements de Soins Pluridisciplinaires
    "1110": "hospital",  # Etablissements de Soins Chirurgicaux
    "1111": "hospital",  # Etablissements de Soins Médicaux
}
"""FINESS aggregated categories (`categagretab`) kept, and their actor kind."""


def read_finess(schema: Schema, paths: list[Path]) -> Batch:
    batch = Batch(source=FINESS_SOURCE)
    for path in paths:
        text, _enc = decode_bytes(Path(path).read_bytes(), path)
        lines = text.replace("\x00", "").splitlines()
        if not lines or not lines[0].lower().startswith("finess;etalab"):
            raise IngestError(
                f"{path}: not a FINESS Etalab extraction (its first line should start with 'finess;etalab')"
            )
        label = file_label(Path(path))
        batch.files.append(label)
        rows = [CsvRow(i + 1, _values(line)) for i, line in enumerate(lines) if i > 0 and line.strip()]
        geo = {r.get("nofinesset"): r for r in rows if r.get("section") == "geolocalisation"}
        for row in rows:
            section = row.get("section")
            if section == "geolocalisation":
                batch.read_row(label, row.row)
                batch.merge_row(label, row.row)  # folded into its establishment
                continue
            columns = {f: f for f in STRUCTURE_FIELDS}
            with RowScope(batch, schema, FINESS_SOURCE, label, row, columns) as s:
                if section != "structureet":
                    s.reject("section", section, "is not a FINESS section (structureet, geolocalisation)")
                    continue
                if len(row.values) != len(STRUCTURE_FIELDS):
                    s.reject(
                        "section",
                        section,
                        f"has {len(row.values)} fields, a structureet line has {len(STRUCTURE_FIELDS)}",
                    )
                    continue
                _establishment(s, geo.get(row.get("nofinesset")))
    return batch


def _values(line: str) -> dict[str, str]:
    fields = line.split(";")
    names = GEO_FIELDS if fields[0] == "geolocalisation" else STRUCTURE_FIELDS
    out = {name: fields[i] if i < len(fields) else "" for i, name in enumerate(names)}
    if len(fields) > len(names):
        out["_extra"] = ";".join(fields[len(names) :])
    return out


def _establishment(s: RowScope, geo: CsvRow | None) -> None:
    finess = s.ext_id("finess", "nofinesset", required=True)
    s.key = finess or ""
    name = s.get("rslongue") or s.get("rs")
    if len(name) < 2:
        s.reject("rslongue", name, "is required")
    category = s.get("categagretab")
    kind = FINESS_KINDS.get(category)
    if kind is None:
        s.reject(
            "categagretab",
            f"{category} {s.get('libcategagretab')}".strip(),
            "is outside the health-innovation scope (hospitals, cancer centres)",
        )
    siret = s.ext_id("siret", "siret") if s.get("siret") else None
    if not s.ok or finess is None or kind is None:
        return
    acheminement = s.get("ligneacheminement")
    postcode, _, city = acheminement.partition(" ")
    props = {
        "finess_ej": clean_external_id("finess", s.get("nofinessej")),
        "category": s.get("libcategetab") or None,
        "category_group": s.get("libcategagretab") or None,
        "city": city.strip() or None,
        "country": "FR",
        "opened": s.get("dateouv") or None,
        "uai": clean_external_id("uai", s.get("numuai")) if s.get("numuai") else None,
    }
    if geo is not None:
        props |= {"lambert93_x": _float(geo.get("coordxet")), "lambert93_y": _float(geo.get("coordyet"))}
    # the SIRET is the site's; its SIREN is the legal entity's (all AP-HP hospitals share one), so it is
    # kept as `siret` only, never as an identifier that would fold the sites into one actor
    aid = s.actor({"finess": finess}, name, kind, props | {"siret": siret}, postcode=postcode)
    s.tag(
        ("Actor", aid),
        keyword_tags(s.schema, f"{name} {s.get('libcategetab')}", f"FINESS rslongue/libcategetab of {finess}"),
    )


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
