"""FINESS (Etalab extraction) and Wikidata (SPARQL JSON results) on fixtures in their published formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from errors import IngestError
from ingest.finess import read_finess
from ingest.wikidata import read_wikidata
from ontology import Schema

FIX = Path(__file__).resolve().parents[2] / "fixtures"
FINESS = FIX / "finess" / "etalab-cs1100507-stock-20240105-0336.csv"
WIKIDATA = FIX / "wikidata" / "query.json"


def test_finess_keeps_hospitals_folds_geolocation_and_quarantines_the_rest(schema: Schema) -> None:
    batch = read_finess(schema, [FINESS])
    actors = {n.id: n.props for n in batch.nodes}
    assert set(actors) == {"finess-750100125", "finess-940000573"}
    hop = actors["finess-750100125"]
    assert hop["name"] == "HÔPITAL EXEMPLE AP-HP" and hop["kind"] == "hospital"  # Windows-1252 decoded
    assert hop["siret"] == "26750045200011" and "siren" not in hop  # a site, not the legal entity
    assert hop["departement"] == "75" and hop["lambert93_x"] == pytest.approx(652845.2)
    assert ("WORKS_ON", "finess-940000573", "dom-cancer") in {(r.type, r.source_id, r.target_id) for r in batch.links}
    fates = {row: fate for (_f, row), fate in batch.rows.items()}
    assert fates[6] == fates[7] == "merged"
    assert sorted((q.row, q.field) for q in batch.quarantine) == [(4, "categagretab"), (5, "nofinesset")]


def test_finess_refuses_a_file_without_its_extraction_line(schema: Schema, tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_text("structureet;750100125\n", encoding="cp1252")
    with pytest.raises(IngestError, match="not a FINESS Etalab extraction"):
        read_finess(schema, [p])


def test_wikidata_bindings_become_actors_with_their_identifiers(schema: Schema) -> None:
    batch = read_wikidata(schema, [WIKIDATA])
    actors = {n.id: n.props for n in batch.nodes}
    assert actors["siren-130026024"]["wikidata"] == "Q1000002" and actors["siren-130026024"]["ror"] == "03xjwb503"
    assert actors["finess-750100125"]["kind"] == "hospital" and actors["finess-750100125"]["departement"] == "75"
    assert sorted((q.row, q.field) for q in batch.quarantine) == [(3, "typeLabel"), (4, "itemLabel")]


def test_sirene_units_and_sites_by_naf_code(schema: Schema) -> None:
    from ingest.sirene import read_sirene

    sirene = FIX / "sirene"
    batch = read_sirene(schema, [sirene / "StockEtablissement_utf8.csv", sirene / "StockUniteLegale_utf8.csv"])
    actors: dict[str, dict] = {}
    for n in batch.nodes:
        actors.setdefault(n.id, {}).update({k: v for k, v in n.props.items() if k not in actors.get(n.id, {})})
    assert actors["siren-395030844"]["kind"] == "large_company" and actors["siren-395030844"]["departement"] == "92"
    assert actors["siren-912345678"]["name"] == "PALUVAX" and actors["siren-912345678"]["kind"] == "sme"
    assert actors["siren-600000003"]["name"] == "LABO ENSEIGNE"  # no unit row: the site's sign
    quarantined = sorted((q.file.rsplit("/", 1)[-1], q.row, q.field) for q in batch.quarantine)
    assert quarantined == [
        ("StockEtablissement_utf8.csv", 6, "denominationUsuelleEtablissement"),
        ("StockEtablissement_utf8.csv", 6, "siret"),
        ("StockUniteLegale_utf8.csv", 4, "activitePrincipaleUniteLegale"),
        ("StockUniteLegale_utf8.csv", 5, "etatAdministratifUniteLegale"),
    ]
