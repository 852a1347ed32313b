"""The `csv` source: any spreadsheet mapped onto actors by a YAML file."""

from __future__ import annotations

from pathlib import Path

import pytest

from errors import IngestError
from ingest.mapping import read_mapped
from ontology import Schema

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "csv"


def test_a_member_list_maps_onto_actors_tags_and_links(schema: Schema) -> None:
    batch = read_mapped(schema, [FIX / "members.csv", FIX / "members.yaml"])
    actors = {n.id: n.props for n in batch.nodes}
    assert actors["siren-912345678"]["kind"] == "sme" and actors["siren-912345678"]["departement"] == "75"
    assert actors["crm-members-imagerie-du-vivant-plateforme"]["acronym"] == "IDV"
    links = {(r.type, r.source_id, r.target_id) for r in batch.links}
    assert ("MEMBER_OF", "siren-912345678", "medicen") in links
    assert ("WORKS_ON", "siren-912345678", "dom-infectious") in links
    assert ("CONTRIBUTES_TO", "crm-members-hopital-exemple", "axis-clinical-research") in links  # keyword
    assert ("LOCATED_IN", "crm-members-hopital-exemple", "ter-dep-94") in links
    assert {n.origin.source for n in batch.nodes} == {"crm-members"}
    assert sorted((q.row, q.field) for q in batch.quarantine) == [
        (5, "Type"),
        (6, "Raison sociale"),
        (7, "SIREN"),
        (7, "Thématiques"),
    ]


def test_a_mapping_naming_an_unknown_kind_or_column_is_refused(schema: Schema, tmp_path: Path) -> None:
    bad = tmp_path / "m.yaml"
    bad.write_text("source: x\ncolumns: {name: Raison sociale}\nkinds: {PME: startup}\n", encoding="utf-8")
    with pytest.raises(IngestError, match="kind 'startup' is not an actor kind"):
        read_mapped(schema, [FIX / "members.csv", bad])
    bad.write_text("source: x\ncolumns: {name: Nom}\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"column\(s\) \['Nom'\]"):
        read_mapped(schema, [FIX / "members.csv", bad])
    bad.write_text("source: x\ncolumns: {nom: Nom}\n", encoding="utf-8")
    with pytest.raises(IngestError, match="unknown field"):
        read_mapped(schema, [FIX / "members.csv", bad])
