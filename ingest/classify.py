"""Tags onto the ontology's concepts, each with the evidence string that justifies it.

Three kinds of evidence: a code the publisher assigns (ANR committee, i-Lab technology
domain, RNSR ERC panel), and keywords from the ontology's `skos:altLabel` / `hiddenLabel`
found in a title, an abstract or a name. Code tables live here because they describe the
publishers' codes, not our vocabulary; every concept id they name is checked against the
ontology by a unit test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.ids import strip_accents
from ontology import Schema

__all__ = [
    "ANR_COMMITTEES",
    "ERC_PANELS",
    "ILAB_DOMAINS",
    "Tag",
    "anr_committee",
    "committee_tags",
    "erc_panel_tags",
    "ilab_domain_tags",
    "keyword_tags",
]


@dataclass(frozen=True)
class Tag:
    """A concept id and the text that justifies it."""

    concept_id: str
    evidence: str


ANR_COMMITTEES: dict[str, tuple[str, tuple[str, ...]]] = {
    "CE14": ("physiologie et physiopathologie", ("dom-cardiometabolic",)),
    "CE15": ("immunologie, infectiologie et inflammation", ("dom-immunology", "dom-infectious")),
    "CE16": ("neurosciences", ("dom-neuro",)),
    "CE17": ("recherche translationnelle en santé", ("axis-translational",)),
    "CE18": ("innovation biomédicale", ("axis-bio-tools",)),
    "CE19": ("technologies pour la santé", ("dom-medtech",)),
    "CE34": ("contaminants, écosystèmes et santé", ("dom-public-health",)),
    "CE36": ("santé publique", ("dom-public-health",)),
    "CE37": ("santé mentale, neurosciences intégratives et cognitives", ("dom-psychiatry",)),
    "CE45": ("mathématiques et numérique pour la biologie et la santé", ("axis-bioinformatics",)),
    "CE52": ("santé publique, autres thématiques santé", ("dom-public-health",)),
    "RPIB": ("recherche partenariale et innovation biomédicale", ("axis-bio-tools",)),
    "TECS": ("technologies pour la santé", ("dom-medtech",)),
    "MALZ": ("maladie d'Alzheimer et maladies apparentées", ("dom-neurodegenerative",)),
    "PRTS": ("programme de recherche translationnelle en santé", ("axis-translational",)),
    "COVI": ("Covid-19", ("dom-infectious",)),
    "COVR": ("Covid-19 (RA-Covid)", ("dom-infectious",)),
    "NEUR": ("neurosciences", ("dom-neuro",)),
    "JPND": ("maladies neurodégénératives (JPND)", ("dom-neurodegenerative",)),
    "RARE": ("maladies rares (E-Rare)", ("dom-rare-diseases",)),
    "RHUS": ("recherche hospitalo-universitaire en santé (RHU)", ("axis-translational", "axis-clinical-research")),
    "IAHU": ("instituts hospitalo-universitaires (IHU)", ("axis-translational",)),
    "IBHU": ("instituts hospitalo-universitaires (IHU)", ("axis-translational",)),
    "COHO": ("cohortes", ("dom-health-data", "axis-clinical-research")),
    "BTBR": ("biotechnologies et bioressources", ("axis-bio-tools",)),
    "BINF": ("bioinformatique", ("axis-bioinformatics",)),
    "DMES": ("démonstrateurs préindustriels en biotechnologies-santé", ("dom-biotherapies",)),
    "NANB": ("nanobiotechnologies", ("axis-bio-tools",)),
}
"""ANR committee or action code → (its name, concept ids). See ../shared/data/README.md."""

ILAB_DOMAINS: dict[str, tuple[str, ...]] = {
    "Biotechnologies et pharmacie": ("fil-biotech", "tech-biotech", "tech-pharma"),
    "Pharmacie, Sciences du vivant & Biotechnologies": ("fil-biotech", "tech-biotech", "tech-pharma"),
    "Pharmacie & biotechnologies": ("fil-biotech", "tech-biotech", "tech-pharma"),
    "Technologies médicales": ("fil-medtech", "tech-medical-devices"),
    "Services informatiques et autres": ("tech-digital",),
    "Informatique, logiciel & TIC": ("tech-digital",),
    "Numérique, technologies logicielles & communication": ("tech-digital",),
    "Électronique, Signal & Télécommunications": ("tech-medical-devices",),
    "Électronique, traitement du signal & instrumentation": ("tech-medical-devices",),
    "Chimie et matériaux": ("tech-chemistry",),
    "Chimie & Sciences des matériaux": ("tech-chemistry",),
    "Chimie & environnement": ("tech-chemistry",),
    "Chimie & Environnement": ("tech-chemistry",),
    "Génie des procédés": (),
    "Mécanique & Travail des métaux": (),
    "Matériaux, mécanique & procédés industriels": ("tech-chemistry",),
}
"""Every i-Lab `Domaine technologique` value → filières and technologies (empty: none of ours)."""

ERC_PANELS: dict[str, tuple[str, ...]] = {
    "Molecules of Life": ("axis-models",),
    "Integrative Biology": ("axis-bioinformatics",),
    "Cellular, Developmental and Regenerative Biology": ("axis-biotherapies-stem-cells",),
    "Physiology in Health, Disease and Ageing": ("dom-cardiometabolic",),
    "Neuroscience and Disorders of the Nervous System": ("dom-neuro",),
    "Immunity, Infection and Immunotherapy": ("dom-immunology", "dom-infectious"),
    "Prevention, Diagnosis and Treatment of Human Diseases": ("axis-translational", "dom-diagnostics"),
    "Biotechnology and Biosystems Engineering": ("axis-bio-tools",),
}
"""RNSR `panel_erc` (ERC life-science panels, by the title before " : ") → concept ids."""


def anr_committee(code: str) -> str | None:
    """The committee or action code inside an ANR project code.

    >>> anr_committee("ANR-19-CE17-0001"), anr_committee("ANR-10-LABX-0017-01")
    ('CE17', 'LABX')
    """
    parts = code.strip().upper().split("-")
    return parts[2] if len(parts) >= 4 and parts[0] == "ANR" else None


def committee_tags(code: str) -> list[Tag]:
    """Concepts of the committee of an ANR project code, with the committee as evidence."""
    committee = anr_committee(code)
    if committee is None or committee not in ANR_COMMITTEES:
        return []
    name, ids = ANR_COMMITTEES[committee]
    return [Tag(cid, f"ANR committee {committee} ({name}) in {code}") for cid in ids]


def ilab_domain_tags(domain: str) -> list[Tag]:
    return [Tag(cid, f"i-Lab Domaine technologique: {domain}") for cid in ILAB_DOMAINS.get(domain.strip(), ())]


def erc_panel_tags(panels: str) -> list[Tag]:
    out: list[Tag] = []
    for panel in panels.split(";"):
        title = panel.split(" : ", 1)[0].split(":", 1)[0].strip()
        for key, ids in ERC_PANELS.items():
            if title.startswith(key):
                out.extend(Tag(cid, f"RNSR panel_erc: {title}") for cid in ids)
    return out


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.replace("-", " "))


def _singular(token: str) -> str:
    return token[:-1] if len(token) > 3 and token.endswith("s") else token


@cache
def _keyword_index(schema: Schema) -> dict[tuple[bool, tuple[str, ...]], list[tuple[str, str]]]:
    """(case-sensitive?, token tuple) → [(concept id, keyword)] for every alt/hidden label.

    Acronyms (short labels with capitals: PET, SLA, IRM) match case-sensitively; other labels
    match without accents or case, plural `s` ignored.
    """
    out: dict[tuple[bool, tuple[str, ...]], list[tuple[str, str]]] = {}
    for c in sorted(schema.concepts.values(), key=lambda c: c.id):
        if c.label == "Territory":
            continue
        for text, _lang in c.alt_labels:
            exact = len(text) <= 4 and text != text.lower()
            toks = _tokens(text) if exact else [_singular(t) for t in _tokens(strip_accents(text).lower())]
            if toks:
                out.setdefault((exact, tuple(toks)), []).append((c.id, text))
    return out


def keyword_tags(schema: Schema, text: str, where: str) -> list[Tag]:
    """Concepts whose keywords occur in `text` as whole words; evidence names the keyword and where.

    >>> from ontology import load_schema
    >>> [t.concept_id for t in keyword_tags(load_schema(), "Nouveaux vaccins contre le paludisme", "title")]
    ['dom-infectious']
    """
    if not text:
        return []
    index = _keyword_index(schema)
    longest = max((len(k[1]) for k in index), default=1)
    found: dict[str, str] = {}
    for exact, toks in ((True, _tokens(text)), (False, [_singular(t) for t in _tokens(strip_accents(text).lower())])):
        for i in range(len(toks)):
            for n in range(1, min(longest, len(toks) - i) + 1):
                for cid, keyword in index.get((exact, tuple(toks[i : i + n])), ()):
                    found.setdefault(cid, f"keyword '{keyword}' in {where}")
    return [Tag(cid, ev) for cid, ev in sorted(found.items())]
