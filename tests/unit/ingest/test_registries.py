"""The registries (ROR records, the ministry's establishments list) on real records copied verbatim."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from errors import IngestError
from ingest.esr import read_esr
from ingest.records import Batch
from ingest.ror import read_ror
from ontology import Schema

FIX = Path(__file__).resolve().parents[2] / "fixtures"
ROR = FIX / "ror" / "ror-records-subset.jsonl"
ESR = FIX / "esr" / "fr-esr-principaux-etablissements-enseignement-superieur.json"


def _actors(batch: Batch) -> dict[str, dict]:
    """Each actor's first record (the organisation's own; a withdrawn record adds only names)."""
    out: dict[str, dict] = {}
    for n in batch.nodes:
        if n.label == "Actor":
            out.setdefault(n.id, dict(n.props))
    return out


def _links(batch: Batch, rtype: str) -> list[tuple[str, str]]:
    return [(r.source_id, r.target_id) for r in batch.links if r.type == rtype]


def test_ror_records_are_actors_named_by_their_ror_id_with_every_name(schema: Schema) -> None:
    batch = read_ror(schema, [ROR])
    actors = _actors(batch)
    cite = actors["ror-05f82e368"]
    assert cite["name"] == "Université Paris Cité" and cite["ror"] == "05f82e368"
    assert cite["names"] == ["University of Paris", "Université Paris Cité", "Université de Paris"]
    assert (cite["kind"], cite["status"], cite["country"], cite["city"]) == ("university", "active", "FR", "Paris")
    assert (cite["wikidata"], cite["grid"], cite["isni"]) == ("Q55849612", "grid.508487.6", "0000000478857602")
    assert cite["creation_year"] == 2019 and cite["ror_types"] == ["education", "funder"]
    assert actors["ror-0220k9r37"]["status"] == "inactive"  # Paris Descartes
    assert "Université Paris 5 René Descartes" in actors["ror-0220k9r37"]["names"]
    inserm = actors["ror-02vjkv261"]
    assert (
        inserm["acronym"] == "INSERM" and "Institut National de la Santé et de la Recherche Médicale" in inserm["names"]
    )
    muthesius = actors["ror-000tpgs13"]  # names in German and English
    assert {"Muthesius Kunsthochschule", "Muthesius University of Fine Arts and Design"} <= set(muthesius["names"])
    assert actors["ror-05qsjq305"]["names"] == ["CHU de Nice", "Centre Hospitalier Universitaire de Nice"]


@pytest.mark.parametrize(
    ("ror", "kind"),
    [
        ("05f82e368", "university"),  # education + funder
        ("05qsjq305", "hospital"),  # CHU de Nice: funder + healthcare
        ("02vjkv261", "public_body"),  # Inserm: funder + government
        ("0495fxg12", "foundation"),  # Institut Pasteur: funder + nonprofit
        ("01qdqrj31", "research_org"),  # Bioscar: a facility
    ],
)
def test_ror_types_map_to_the_ontologys_kinds(schema: Schema, ror: str, kind: str) -> None:
    assert _actors(read_ror(schema, [ROR]))[f"ror-{ror}"]["kind"] == kind
    assert kind in schema.kinds


def test_successors_and_parents_become_links_once_each_and_absent_ends_are_left_out(schema: Schema) -> None:
    batch = read_ror(schema, [ROR])
    # Paris Descartes and Paris Diderot name Paris Cité as successor (Paris Cité does not name them back)
    assert sorted(_links(batch, "SUCCEEDED_BY")) == [
        ("ror-0220k9r37", "ror-05f82e368"),
        ("ror-02n7qrg46", "ror-05f82e368"),
    ]
    # Bioscar names Paris Cité as parent and Paris Cité names Bioscar as child: one link. Robert-Debré's
    # parent (AP-HP) and the hundreds of Inserm's children are not in the file: no link to them.
    assert _links(batch, "PART_OF") == [("ror-01qdqrj31", "ror-05f82e368")]
    ids = {n.id for n in batch.nodes}
    assert all(r.source_id in ids and r.target_id in ids for r in batch.links)


def test_a_withdrawn_record_adds_its_names_to_the_record_that_replaced_it(schema: Schema) -> None:
    batch = read_ror(schema, [ROR])
    ids = {n.id for n in batch.nodes}
    assert "ror-029gxzx35" not in ids  # "Centre Chirurgical Marie Lannelongue", withdrawn
    records = [n for n in batch.nodes if n.id == "ror-02ndr3r66"]
    own, withdrawn = records
    assert own.props["name"] == "Hôpital Marie Lannelongue" and own.props["ror_withdrawn"] == ["029gxzx35"]
    assert withdrawn.props["names"] == ["CCML", "Centre Chirurgical Marie Lannelongue"]
    assert withdrawn.props["name"] == own.props["name"] and withdrawn.props["kind"] == own.props["kind"]
    assert (withdrawn.origin.row, withdrawn.origin.key) == (4, "029gxzx35")  # its provenance is its own line
    assert batch.rows_read == {"ror/ror-records-subset.jsonl": 12} and not batch.quarantine


def test_bad_ror_lines_are_quarantined_with_line_and_field(schema: Schema, tmp_path: Path) -> None:
    good = ROR.read_text(encoding="utf-8").splitlines()
    record = json.loads(good[0])
    no_id = {k: v for k, v in record.items() if k != "id"}
    bad_status = {**record, "id": "https://ror.org/0abcde012", "status": "closed"}
    bad_type = {**record, "id": "https://ror.org/0abcde123", "types": ["school"]}
    lines = [good[0], "{not json", json.dumps(no_id), "", json.dumps(bad_status), json.dumps(bad_type), *good[1:3]]
    path = tmp_path / "ror.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    batch = read_ror(schema, [path])
    assert sorted((q.row, q.field) for q in batch.quarantine) == [(2, "line"), (3, "id"), (5, "status"), (6, "types")]
    assert {q.file for q in batch.quarantine} == {f"{tmp_path.name}/ror.jsonl"}
    assert {n.id for n in batch.nodes} == {"ror-000tpgs13", "ror-01qdqrj31", "ror-0220k9r37"}
    assert batch.rows_read == {f"{tmp_path.name}/ror.jsonl": 7}  # the blank line is no record


def test_a_file_that_is_not_ror_records_is_refused(schema: Schema) -> None:
    with pytest.raises(IngestError, match="not ROR records"):
        read_ror(schema, [ESR])
    with pytest.raises(IngestError, match="no JSON object"):
        read_ror(schema, [FIX / "rnsr" / "fr-esr-structures-recherche-publiques-actives.csv"])


def test_establishments_carry_their_identifiers_and_names(schema: Schema) -> None:
    batch = read_esr(schema, [ESR])
    actors = _actors(batch)
    paris = actors["siren-130025737"]  # "Université de Paris" (2021), ROR 05f82e368: Université Paris Cité
    assert (paris["ror"], paris["uai"], paris["siret"]) == ("05f82e368", "0755976N", "13002573700011")
    assert paris["names"] == ["University of Paris", "Université de Paris"] and paris["kind"] == "university"
    assert (paris["departement"], paris["country"]) == ("75", "FR") and paris["lat"] == pytest.approx(48.85, abs=0.05)
    assert ("siren-130025737", "ter-dep-75") in _links(batch, "LOCATED_IN")
    # its Wikidata id is the ROR record's to give: the list's (Q13531686) and ROR's (Q109409389) disagree
    assert "wikidata" not in actors["siren-130026024"]
    # Junia and HEI share the SIREN of their legal entity: it names neither
    assert actors["uai-0597165t"]["legal_entity_siren"] == actors["uai-0590348h"]["legal_entity_siren"] == "783707003"
    assert "siren" not in actors["uai-0590348h"] and actors["uai-0590348h"]["acronym"] == "HEI"
    assert actors["uai-0590348h"]["names"] == ["HEI", "Hautes études d'ingénieur"]


def test_bad_establishments_are_quarantined_with_row_and_field(schema: Schema, tmp_path: Path) -> None:
    rows = json.loads(ESR.read_text(encoding="utf-8"))
    rows[1]["fields"]["type_d_etablissement"] = "Lycée"
    rows[2]["fields"]["anciens_codes_uai"] = "0590348H;12345"
    path = tmp_path / "esr.json"
    path.write_text(json.dumps([*rows, "not an object"]), encoding="utf-8")
    batch = read_esr(schema, [path])
    assert sorted((q.row, q.field) for q in batch.quarantine) == [
        (2, "type_d_etablissement"),
        (3, "anciens_codes_uai"),
        (5, "row"),
    ]
    assert set(_actors(batch)) == {"siren-130026024", "siren-130025737"}
    with pytest.raises(IngestError, match="not the MESR establishments list"):
        read_esr(schema, [ROR])
