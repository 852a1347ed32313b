"""ANR: funded projects and their partners, generic calls (`anr`) and the PIA (`anr-pia`).

Three file kinds, told apart by their header, in any order:
- generic partners (`…-dos-…-partenaires.csv`): one row per partner, with RNSR id;
- PIA partners (`…-dgpie-…-partenaires.csv`): the same without RNSR id, with the action edition;
- PIA projects (`…-dgpie-…-projets.csv`): title, abstract, action, amount.
Project files are read first, so a project's title is its published title, not its acronym.
"""

from __future__ import annotations

from pathlib import Path

from errors import IngestError
from ingest.classify import committee_tags, keyword_tags
from ingest.common import RowScope, file_label
from ingest.csvio import CsvTable, open_table
from ingest.ids import clean_external_id, norm_name
from ingest.records import Batch
from ontology import Schema

__all__ = [
    "ANR_SOURCE",
    "ANR_PIA_SOURCE",
    "ANR_CATEGORIES",
    "PIA_CATEGORIES",
    "anr_file_kind",
    "is_employer_name",
    "read_anr",
    "read_anr_pia",
]

ANR_SOURCE = "anr"
ANR_PIA_SOURCE = "anr-pia"

PARTNER_COLUMNS = {
    "code": "Projet.Code_Decision_ANR",
    "acronym": "Projet.Acronyme",
    "partner_code": "Projet.Partenaire.Code_Decision_ANR",
    "coordinator": "Projet.Partenaire.Est_coordinateur",
    "name": "Projet.Partenaire.Nom_organisme",
    "category": "Projet.Partenaire.Categorie_organisme",
    "rnsr": "Projet.Partenaire.Code_RNSR",
    "city": "Projet.Partenaire.Adresse.Ville",
    "region": "Projet.Partenaire.Adresse.Region",
    "country": "Projet.Partenaire.Adresse.Pays",
    "edition": "Action.Edition",
}
PROJECT_COLUMNS = {
    "code": "Projet.Code_Decision_ANR",
    "start": "Projet.Date_debut",
    "edition": "Action.Edition",
    "action": "Action.Titre.Francais",
    "acronym": "Projet.Acronyme",
    "title": "Projet.Titre.Francais",
    "abstract": "Projet.Resume.Francais",
    "amount": "Projet.Aide_allouee",
}

ANR_CATEGORIES = {
    "Laboratoire public": "academic_lab",
    "Divers public": "research_org",
    "PME": "sme",
    "TPE": "sme",
    "Entreprise autre que TPE ou PME": "large_company",
    "Fondation de recherche": "foundation",
    "Divers privé": "association",
    "Association": "association",
    "ETRANGER": "research_org",
    "FR PUBLIC": "academic_lab",
    "FR PRIVE": "sme",
    "Organisme de recherche": "research_org",
}
"""ANR generic `Categorie_organisme` → actor kind ("" → guessed from the name)."""

PIA_CATEGORIES = {
    "Universités, INSA et INP": "university",
    "Organismes de type EPST": "research_org",
    "Entreprises Privées": "large_company",
    "Grandes écoles publiques": "university",
    "Organismes de Type EPIC": "research_org",
    "ENS et grands établissements": "university",
    "Fondations": "foundation",
    "COMUE Pôle de recherche et d'Enseignement supérieur": "university",
    "Autres établissements (publics)": "public_body",
    "Organismes Médicaux (Hôpitaux)": "hospital",
    "Associations": "association",
    "EPA, GIP, organismes avec autre statut": "public_body",
    "Etablissements de santé": "hospital",
    "Autres écoles (privées)": "university",
    "GIE ou Non-Affecté": "association",
    "Ministères": "public_body",
    "Etranger": "research_org",
    "IEP": "university",
    "Collectivités": "public_body",
    "Observatoires": "research_org",
    "INHA": "research_org",
}
"""ANR PIA `Categorie_organisme` → actor kind ("" and "Non renseigné" → guessed from the name)."""

_NO_NAME = {"", "non renseigné", "non renseigne", "aucuneaide", "n/a", "-"}
_NAME_KINDS = (
    (
        ("universite", "university", "universidad", "universita", "universitat", "college", "school", "ecole"),
        "university",
    ),
    (("hopital", "hospital", "chu ", "ap-hp", "assistance publique", "klinik", "clinic"), "hospital"),
    (("fondation", "foundation", "stiftung"), "foundation"),
    (("association",), "association"),
    ((" sas", " sa", " sarl", " gmbh", " ltd", " inc", " bv", " ag"), "sme"),
)


def _kind_from_name(name: str) -> str:
    """A conservative guess when the publisher gives no category.

    >>> _kind_from_name("University College Dublin"), _kind_from_name("Department of Neurology")
    ('university', 'research_org')
    """
    text = f" {norm_name(name)} ".replace("-", " ")
    folded = " " + name.lower() + " "
    for words, kind in _NAME_KINDS:
        if any(w in text or w in folded for w in words):
            return kind
    return "research_org"


def anr_file_kind(table: CsvTable) -> str:
    """'partners' (generic), 'pia-partners' or 'pia-projects', from the header alone."""
    h = set(table.header)
    if {"Projet.Partenaire.Code_RNSR", "Projet.Partenaire.Nom_organisme"} <= h:
        return "partners"
    if {"Projet.Partenaire.Nom_organisme", "Action.Edition"} <= h:
        return "pia-partners"
    if {"Projet.Titre.Francais", "Projet.Code_Decision_ANR"} <= h:
        return "pia-projects"
    raise IngestError(
        f"{table.path}: not an ANR file; its header has none of 'Projet.Partenaire.Code_RNSR',"
        f" 'Projet.Partenaire.Nom_organisme', 'Projet.Titre.Francais'"
    )


def _project_id(code: str) -> str:
    return code.strip().lower()


def _year(code: str, edition: str) -> int | None:
    """The call year: the action edition if given, else the two digits of the code (ANR-19-… → 2019)."""
    if edition.isascii() and edition.isdigit() and len(edition) == 4:
        return int(edition)
    parts = code.split("-")
    if len(parts) > 1 and parts[1].isascii() and parts[1].isdigit() and len(parts[1]) == 2:
        return 2000 + int(parts[1])
    return None


def read_anr(schema: Schema, paths: list[Path]) -> Batch:
    """Generic-call partners (and PIA files if given): projects, partners, PARTICIPATES_IN."""
    return _read(schema, paths, ANR_SOURCE)


def read_anr_pia(schema: Schema, paths: list[Path]) -> Batch:
    """PIA projects and partners files, in any order."""
    return _read(schema, paths, ANR_PIA_SOURCE)


def _read(schema: Schema, paths: list[Path], source: str) -> Batch:
    batch = Batch(source=source)
    tables = [open_table(p) for p in paths]
    order = {"pia-projects": 0, "partners": 1, "pia-partners": 1}
    kinds = [(order[anr_file_kind(t)], i, t) for i, t in enumerate(tables)]
    titled: set[str] = set()
    lab_names = _lab_names([t for t in tables if anr_file_kind(t) == "partners"])
    for _o, _i, table in sorted(kinds, key=lambda x: (x[0], x[1])):
        kind = anr_file_kind(table)
        label = file_label(table.path)
        batch.files.append(label)
        for row in table.rows():
            if kind == "pia-projects":
                with RowScope(batch, schema, source, label, row, PROJECT_COLUMNS) as s:
                    _project_row(s, titled)
            else:
                with RowScope(batch, schema, source, label, row, PARTNER_COLUMNS) as s:
                    _partner_row(s, titled, lab_names, pia=kind == "pia-partners")
    return batch


_EMPLOYERS = {
    "cnrs", "inserm", "cea", "inra", "inrae", "ird", "inria", "centre national recherche scientifique",
    "institut national sante recherche medicale", "commissariat lenergie atomique energies alternatives",
    "assistance publique hopitaux paris",
}  # fmt: skip


def is_employer_name(name: str) -> bool:
    """Whether an ANR partner name is the lab's employing institution rather than the lab.

    ANR rows with an RNSR id often name the employer ("INSERM", "CNRS - Délégation Paris B");
    the RNSR id is the lab's, so such a name must not become the lab's name.

    >>> is_employer_name("CENTRE NATIONAL DE LA RECHERCHE SCIENTIFIQUE - DELEGATION REGIONALE PROVENCE ET CORSE")
    True
    >>> is_employer_name("INSERM U1222 Antibodies in Therapy and Pathology"), is_employer_name("Institut Cochin")
    (False, False)
    """
    norm = norm_name(name)
    if norm in _EMPLOYERS:
        return True
    words = norm.split()
    heads = ("centre national recherche scientifique", "cnrs", "institut national sante recherche medicale", "inserm")
    return any(norm.startswith(h) for h in heads) and bool({"delegation", "dr", "adr"} & set(words))


def _lab_names(tables: list[CsvTable]) -> dict[str, str]:
    """RNSR id → the name most ANR rows give that lab, employers' names left out (ties: first seen)."""
    counts: dict[str, dict[str, int]] = {}
    for table in tables:
        for row in table.rows():
            rnsr = (
                clean_external_id("rnsr", row.get(PARTNER_COLUMNS["rnsr"]))
                if row.get(PARTNER_COLUMNS["rnsr"])
                else None
            )
            name = row.get(PARTNER_COLUMNS["name"])
            if rnsr and name and name.lower() not in _NO_NAME and not is_employer_name(name):
                names = counts.setdefault(rnsr, {})
                names[name] = names.get(name, 0) + 1
    return {rnsr: max(names, key=lambda n: names[n]) for rnsr, names in counts.items()}


def _project_row(s: RowScope, titled: set[str]) -> None:
    code = s.get("code")
    s.key = code
    if not code.upper().startswith("ANR-"):
        s.reject("code", code, "is not an ANR decision code (ANR-YY-XXXX-NNNN)")
        return
    year = _year(code, s.get("edition"))
    amount_text = s.get("amount").replace(",", ".").replace(" ", "")
    try:
        amount = float(amount_text) if amount_text else None
    except ValueError:
        s.reject("amount", s.get("amount"), "is not a number")
        return
    pid = _project_id(code)
    title = s.get("title") or s.get("acronym") or code
    s.node(
        "Project",
        pid,
        {
            "code": code,
            "acronym": s.get("acronym") or None,
            "title": title,
            "abstract": s.get("abstract") or None,
            "programme": "ANR-PIA",
            "action": s.get("action") or None,
            "call": (code.split("-")[2] if code.count("-") >= 3 else None),
            "year": year,
            "start_date": s.get("start") or None,
            "amount": amount if amount else None,
        },
    )
    titled.add(pid)
    s.tag(("Project", pid), committee_tags(code))
    s.tag(
        ("Project", pid), keyword_tags(s.schema, f"{title}\n{s.get('abstract')}", f"ANR project {code} title/abstract")
    )


def _partner_row(s: RowScope, titled: set[str], lab_names: dict[str, str], *, pia: bool) -> None:
    code = s.get("code")
    s.key = s.get("partner_code") or code
    if not code.upper().startswith("ANR-"):
        s.reject("code", code, "is not an ANR decision code (ANR-YY-XXXX-NNNN)")
    name = s.get("name")
    if name.lower() in _NO_NAME:
        s.reject("name", name, "is required (the organisation is not named)")
    category = s.get("category")
    table = PIA_CATEGORIES if pia else ANR_CATEGORIES
    rnsr = None if pia else s.ext_id("rnsr", "rnsr")
    if category and category != "Non renseigné" and category not in table:
        s.reject("category", category, f"is not a known organisation category ({', '.join(sorted(table))})")
    if not s.ok:
        return
    kind = "academic_lab" if rnsr else table.get(category) or _kind_from_name(name)
    year = _year(code, s.get("edition"))
    pid = _project_id(code)
    programme = "ANR-PIA" if pia else "ANR"
    if pid not in titled:
        acronym = s.get("acronym") or code
        s.node(
            "Project",
            pid,
            {
                "code": code,
                "acronym": s.get("acronym") or None,
                "title": acronym,
                "programme": programme,
                "call": code.split("-")[2] if code.count("-") >= 3 else None,
                "year": year,
            },
        )
        s.tag(("Project", pid), committee_tags(code))
    country = s.get("country")
    if rnsr and rnsr not in lab_names:
        # only the employer is named: the lab is known by its RNSR id alone, so the row states the
        # participation of the lab the RNSR file describes (load RNSR first) and nothing about its name
        role = "coordinator" if s.get("coordinator").lower() == "true" else "partner"
        s.link("PARTICIPATES_IN", ("Actor", f"rnsr-{rnsr.lower()}"), ("Project", pid), {"role": role, "year": year})
        return
    aid = s.actor(
        {"rnsr": rnsr},
        lab_names[rnsr] if rnsr else name,
        kind,
        {"city": s.get("city") if s.get("city") != "Non renseigné" else None, "country": country or None},
        region=s.get("region") if s.get("region") != "Non renseigné" else "",
        country=country,
        written="" if is_employer_name(name) or name.lower() in _NO_NAME else name,
    )
    role = "coordinator" if s.get("coordinator").lower() == "true" else "partner"
    s.link("PARTICIPATES_IN", ("Actor", aid), ("Project", pid), {"role": role, "year": year})
    s.tag(("Actor", aid), committee_tags(code))
