"""Each publisher loader on a tiny hand-written fixture in the publisher's exact format."""

from __future__ import annotations

from pathlib import Path

import pytest

from errors import IngestError
from ingest.anr import read_anr, read_anr_pia
from ingest.cordis import read_cordis
from ingest.ilab import read_ilab
from ingest.records import Batch
from ingest.rnsr import read_rnsr
from ontology import Schema

FIX = Path(__file__).resolve().parents[2] / "fixtures"
RNSR = FIX / "rnsr" / "fr-esr-structures-recherche-publiques-actives.csv"
ILAB = FIX / "ilab" / "fr-esr-laureats-concours-national-i-lab.csv"
ANR = FIX / "anr" / "anr-dos-depuis-2010-projets-finances-partenaires.csv"
PIA_PARTNERS = FIX / "anr" / "anr-dgpie-depuis-2010-projets-finances-partenaires.csv"
PIA_PROJECTS = FIX / "anr" / "anr-dgpie-depuis-2010-projets-finances-projets.csv"
CORDIS_ORG = FIX / "cordis" / "organization.csv"
CORDIS_TOPICS = FIX / "cordis" / "topics.csv"


def _nodes(batch: Batch, label: str) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for n in batch.nodes:
        if n.label == label:
            out.setdefault(n.id, {}).update({k: v for k, v in n.props.items() if k not in out.get(n.id, {})})
    return out


def _links(batch: Batch, rtype: str) -> set[tuple[str, str]]:
    return {(r.source_id, r.target_id) for r in batch.links if r.type == rtype}


def _quarantined(batch: Batch) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for q in batch.quarantine:
        out.setdefault(q.row, set()).add(q.field)
    return out


def test_rnsr_labs_supervisors_parents_and_quarantine(schema: Schema) -> None:
    batch = read_rnsr(schema, [RNSR])
    actors = _nodes(batch, "Actor")
    lab = actors["rnsr-201822637c"]
    assert lab["rnsr"] == "201822637C" and lab["kind"] == "academic_lab"
    assert lab["departement"] == "75" and lab["labels"] == ["U 1999", "UMR 9999"]
    assert actors["siren-180036048"]["kind"] == "research_org"  # Inserm, by the SIREN of its SIRET
    assert actors["siren-267500452"]["kind"] == "hospital"  # AP-HP
    assert {("rnsr-201822637c", "siren-180036048"), ("rnsr-201822637c", "siren-267500452")} <= _links(
        batch, "SUPERVISED_BY"
    )
    assert _links(batch, "PART_OF") == {("rnsr-201822637c", "rnsr-201822638d")}  # 199011111A is not in the file
    assert actors["rnsr-199812345z"]["parent_rnsr"] == ["199011111A"]
    assert ("rnsr-201822637c", "ter-dep-75") in _links(batch, "LOCATED_IN")
    assert ("rnsr-201822638d", "ter-dep-91") in _links(batch, "LOCATED_IN")
    assert ("rnsr-199812345z", "ter-dep-69") not in _links(batch, "LOCATED_IN")  # no such territory: property only
    assert actors["rnsr-199812345z"]["departement"] == "69"
    assert {"dom-immunology", "dom-infectious"} <= {t for s, t in _links(batch, "WORKS_ON") if s == "rnsr-201822637c"}
    q = _quarantined(batch)
    assert q == {
        5: {"numero_national_de_structure"},
        6: {"libelle"},
        7: {"annee_de_creation", "nature_de_tutelle"},
    }


def test_ilab_projects_companies_spin_offs(schema: Schema) -> None:
    batch = read_ilab(schema, [ILAB])
    actors, projects = _nodes(batch, "Actor"), _nodes(batch, "Project")
    assert actors["siren-912345678"]["name"] == "PALUVAX"  # row 4 has no name: the file's name for that SIREN
    assert actors["siren-912345678"]["siret"] == "91234567800012"
    assert projects["ilab-c2101234"]["year"] == 2021 and projects["ilab-c2101234"]["programme"] == "i-Lab"
    assert projects["ilab-pxl-1001"]["title"] == "Capteur implantable pour la surveillance cardiaque"
    assert _links(batch, "SPUN_OFF_FROM") == {("siren-912345678", "rnsr-201822637c")}
    assert ("siren-912345678", "fil-biotech") in _links(batch, "IN_SECTOR")
    assert ("ilab-c2101234", "dom-infectious") in _links(batch, "ADDRESSES")  # 'paludisme' in Moto
    assert ("siren-912345678", "ter-idf") in _links(batch, "LOCATED_IN")
    assert _quarantined(batch) == {5: {"N° SIREN"}, 6: {"Année de concours"}}


def test_anr_generic_partners(schema: Schema) -> None:
    batch = read_anr(schema, [ANR])
    actors, projects = _nodes(batch, "Actor"), _nodes(batch, "Project")
    assert projects["anr-19-ce17-0042"] == {
        "code": "ANR-19-CE17-0042",
        "acronym": "PALUTRANS",
        "title": "PALUTRANS",
        "programme": "ANR",
        "call": "CE17",
        "year": 2019,
    }
    assert actors["rnsr-201822637c"]["rnsr"] == "201822637C"  # lowercase letter in the file, forgiven
    assert actors["anr-paluvax-sas"]["kind"] == "sme"
    assert actors["anr-radboud-university-donders-institute-for-brain-cognition-and-behaviour"]["kind"] == "university"
    part = {(r.source_id, r.target_id): r.props for r in batch.links if r.type == "PARTICIPATES_IN"}
    assert part[("rnsr-201822637c", "anr-19-ce17-0042")] == {"role": "coordinator", "year": 2019}
    assert part[("anr-paluvax", "anr-21-ce19-0007")] == {"role": "partner", "year": 2021}
    assert ("anr-19-ce17-0042", "axis-translational") in _links(batch, "ADDRESSES")
    assert ("anr-21-ce19-0007", "dom-medtech") in _links(batch, "ADDRESSES")
    assert ("anr-paluvax-sas", "ter-idf") in _links(batch, "LOCATED_IN")
    assert _quarantined(batch) == {
        7: {"Projet.Partenaire.Nom_organisme"},
        8: {"Projet.Partenaire.Code_RNSR"},
        9: {"Projet.Partenaire.Categorie_organisme"},
    }


@pytest.mark.parametrize("order", [(PIA_PARTNERS, PIA_PROJECTS), (PIA_PROJECTS, PIA_PARTNERS)])
def test_anr_pia_files_in_any_order(schema: Schema, order: tuple[Path, Path]) -> None:
    batch = read_anr_pia(schema, list(order))
    project = _nodes(batch, "Project")["anr-17-rhus-0008"]
    assert project["title"] == "Cardiac remodelling and obesity"  # the published title, not the acronym
    assert project["amount"] == 8500000.0 and project["year"] == 2017 and project["programme"] == "ANR-PIA"
    assert _nodes(batch, "Actor")["anr-pia-assistance-publique-hopitaux-de-paris"]["kind"] == "hospital"
    addressed = {t for s, t in _links(batch, "ADDRESSES") if s == "anr-17-rhus-0008"}
    assert {"axis-translational", "dom-cardiometabolic", "dom-imaging", "axis-biomarkers"} <= addressed
    assert {(q.file.rsplit("/", 1)[-1], q.row) for q in batch.quarantine} == {
        ("anr-dgpie-depuis-2010-projets-finances-partenaires.csv", 4),
        ("anr-dgpie-depuis-2010-projets-finances-projets.csv", 3),
    }


def test_cordis_participants_and_topics(schema: Schema) -> None:
    batch = read_cordis(schema, [CORDIS_ORG, CORDIS_TOPICS])
    actors, projects = _nodes(batch, "Actor"), _nodes(batch, "Project")
    assert actors["pic-999999001"]["kind"] == "sme" and actors["pic-999999001"]["departement"] == "75"
    assert actors["pic-999999002"]["name"] == 'NATIONAL CENTER FOR SCIENTIFIC RESEARCH "DEMOKRITOS"'
    assert actors["pic-999999001"]["lat"] == pytest.approx(48.8686)
    assert projects["cordis-874700"]["title"] == "MALVAC" and projects["cordis-874700"]["year"] == 2018
    assert ("cordis-874700", "dom-infectious") in _links(batch, "ADDRESSES")
    assert {r.props["role"] for r in batch.links if r.type == "PARTICIPATES_IN"} == {"coordinator", "participant"}
    assert {r for (f, r), fate in batch.rows.items() if fate == "merged"} == {4}  # the same participant twice
    assert _quarantined(batch) == {5: {"organisationID"}, 6: {"activityType"}}


def test_a_file_of_another_source_is_refused_by_its_header(schema: Schema) -> None:
    with pytest.raises(IngestError, match="not an ANR file"):
        read_anr(schema, [CORDIS_ORG])
    with pytest.raises(IngestError, match="not a CORDIS"):
        read_cordis(schema, [ANR])
    with pytest.raises(IngestError, match="missing column"):
        read_rnsr(schema, [ILAB])


def test_a_superscript_digit_is_not_a_year(schema: Schema, tmp_path: Path) -> None:
    """Regression found by the fuzz test: '²'.isdigit() is true, int('²') raises."""
    text = ILAB.read_bytes().decode("utf-8-sig").split("\n")
    header = text[0].split(";")
    row = [""] * len(header)
    row[header.index("Identifiant")], row[header.index("Année de concours")] = "Q1", "²"
    path = tmp_path / ILAB.name
    path.write_text(text[0] + "\n" + ";".join(row) + "\n", encoding="utf-8")
    batch = read_ilab(schema, [path])
    assert [(q.row, q.field) for q in batch.quarantine] == [(2, "Année de concours")]


def test_an_anr_row_naming_the_labs_employer_does_not_rename_the_lab(schema: Schema) -> None:
    batch = read_anr(schema, [ANR])
    names = {n.props["name"] for n in batch.nodes if n.id == "rnsr-201822637c"}
    assert names == {
        "Institut de recherche sur les maladies infectieuses de Paris"
    }  # not "INSTITUT NATIONAL DE LA SANTE…"
    part = {(r.source_id, r.target_id) for r in batch.links if r.type == "PARTICIPATES_IN"}
    assert ("rnsr-201822637c", "anr-21-ce19-0007") in part
    # a lab known only through its employer's name: the participation of the RNSR lab, no node named after CNRS
    assert ("rnsr-199012345k", "anr-21-ce19-0007") in part
    assert not any(n.id == "rnsr-199012345k" for n in batch.nodes)
