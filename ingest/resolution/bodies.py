"""Kinds of organisation the names alone mislead on: national bodies' delegations, hospitals, public bodies."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ingest.ids import strip_accents
from ingest.places import country
from ingest.resolution.forms import (
    PLACE_WORDS,
    acronym_key,
    compare_key,
    initialism,
    is_distinctive,
    plain_initials,
    split_parts,
    trailing_qualifiers,
    word_form,
)
from ingest.resolution.profiles import ActorProfile
from ingest.resolution.sites import city_ok, may_share_country, same_country
from ingest.resolution.units import french_lab_parts, lab_code_numbers
from ingest.resolution.words import (
    CANCER_CENTRE_WORDS,
    DELEGATION_WORDS,
    FRENCH_TEACHING_WORDS,
    GENERIC,
    HOSPITAL_WORDS,
    LAB_CODES,
    LAB_HEADS,
    ORG_WORDS,
    PUBLIC_HOSPITAL_WORDS,
    PUBLIC_WORDS,
    REGION_NAMES,
    SERVICE_WORDS,
    TEACHING_WORDS,
    UNIT_CODES,
    UNIT_WORDS,
)


def same_delegation(p: ActorProfile, q: ActorProfile) -> bool:
    """One regional delegation of a national body, written two ways ("INSERM Délégation Nouvelle-Aquitaine" /
    "INSERM DR NOUVELLE AQUITAINE", "CNRS Rhône Auvergne (Villeurbanne)" / "CNRS - Délégation régionale
    Rhône-Auvergne"): the same words once the delegation words and the agreeing cities are left out.

    >>> from ingest.resolution.profiles import make_profile
    >>> same_delegation(make_profile("a", "INSERM Délégation Nouvelle-Aquitaine", "Bordeaux"),
    ...                  make_profile("b", "INSERM DR NOUVELLE AQUITAINE", "Pessac"))
    True
    >>> same_delegation(make_profile("a", "CNRS DR Ile-de-France Sud"), make_profile("b", "CNRS DR Ile-de-France Est"))
    False
    """
    a, b = _delegation_words(p.norm), _delegation_words(q.norm)
    if not (a | b) & DELEGATION_WORDS:
        return False
    # a delegation's records in two cities of one country (its seat and one of its sites, "CNRS - Délégation
    # Centre Poitou-Charentes" at Orléans and Tours): the same words, with no city left out
    far = not city_ok(p, q)
    if far and not (may_share_country(p.city, q.city) and is_delegation(p) and is_delegation(q)):
        return False
    cities = "" if far else f"{p.city} {q.city}"
    # the city in parentheses, in its compared form ("CNRS Centre Poitou Charentes (Orléans)"); not a city that
    # names the delegation ("CNRS DR Ile de France Paris A" is not "CNRS Ile-de-France Meudon")
    own = trailing_qualifiers(p.name) | trailing_qualifiers(q.name)
    drop = DELEGATION_WORDS | PLACE_WORDS | set(cities.split()) | (set(compare_key(cities).split()) & own)
    # the delegation's number ("CNRS DR 03 - IDF Secteur Est", "… Languedoc Roussillon - ADR 8"), not a
    # place's ("INSERM DR Paris 6" is not "INSERM Paris 11")
    ca, cb = a - drop - _delegation_numbers(p.norm), b - drop - _delegation_numbers(q.norm)
    return ca == cb and len(ca) >= 2 and bool(ca - GENERIC) and bool(ca & LAB_CODES)


@lru_cache(maxsize=65536)
def _delegation_words(norm: str) -> frozenset[str]:
    """A delegation's compared words, its body's name and its region's acronym spelt as one word each ("INSERM
    Délégation Provence-Alpes-Côte d'Azur et Corse" / "INSERM DR PACA ET CORSE", "CNRS DR IDF Secteur Sud").

    >>> sorted(_delegation_words("inserm dr paca corse"))
    ['alpe', 'corse', 'cote', 'dazur', 'dr', 'inserm', 'provence']
    """
    return frozenset(x for w in _body_acronyms(norm).split() for x in REGION_NAMES.get(w, w).split())


def is_delegation(p: ActorProfile) -> bool:
    """A national body's regional delegation named as such ("CNRS - Délégation régionale …", "INSERM DR …").

    >>> from ingest.resolution.profiles import make_profile
    >>> is_delegation(make_profile("a", "CNRS - DELEGATION REGIONALE CENTRE POITOU-CHARENTES")), is_delegation(make_profile("b", "CNRS"))
    (True, False)
    """
    return _delegation_name(p.norm)


@lru_cache(maxsize=65536)
def _delegation_name(norm: str) -> bool:
    words = set(_body_acronyms(norm).split())
    return bool(words & {"delegation", "dr", "adr"}) and bool(words & LAB_CODES - UNIT_CODES)


def _delegation_numbers(norm: str) -> set[str]:
    """
    >>> sorted(_delegation_numbers("cnrs dr 03 idf secteur est")), sorted(_delegation_numbers("inserm dr pari 6"))
    (['03'], [])
    """
    words = norm.split()
    return {
        w for prev, w in zip(words, words[1:], strict=False) if prev in ("dr", "adr") and w.isdigit() and len(w) <= 2
    }


_BODY_NAMES = (
    (re.compile(r"\binst nat sante recherche medicale\b"), "inserm"),
    (re.compile(r"\bctr nat recherche scientifique\b"), "cnrs"),
)
"""The two national bodies with regional delegations, written in full."""


def _body_acronyms(norm: str) -> str:
    """
    >>> _body_acronyms("inst nat sante recherche medicale delegation paca")
    'inserm delegation paca'
    """
    for pattern, acronym in _BODY_NAMES:
        norm = pattern.sub(acronym, norm)
    return norm


def is_hospital(words: set[str]) -> bool:
    """A hospital's name: a hospital word, or a medical centre ("Erasmus Medical Center")."""
    return bool(words & HOSPITAL_WORDS) or {"medical", "ctr"} <= words


def same_hospital(a: set[str], b: set[str], cities: tuple[str, ...] = ()) -> bool:
    """One hospital named with and without its teaching status ("Centre Hospitalier de Poitiers" / "Centre
    Hospitalier Universitaire de Poitiers", "Erasmus MC University Medical Center" / "Erasmus Medical Center").
    A hospital is still not its university: both names must be a hospital's.

    >>> same_hospital({"ctr", "hospitalier", "poitier"}, {"ctr", "hospitalier", "universitaire", "poitier"})
    True
    >>> same_hospital({"heidelberg", "univ", "hospital"}, {"heidelberg", "univ"})
    False
    >>> same_hospital({"ctr", "hospitalier", "liege"}, {"ctr", "hospitalier", "universitaire", "liege"}, ("liege",))
    False
    """
    if not (is_hospital(a) and is_hospital(b)):
        return False
    if (a ^ b) & FRENCH_TEACHING_WORDS and {country(c) for c in cities} - {"", "FR"}:
        return False  # a French teaching word, in a place known to be abroad, names another hospital
    ca, cb = a - TEACHING_WORDS, b - TEACHING_WORDS
    if ca != cb and {"groupe", "group"} & (ca | cb):  # "CHU Henri Mondor" / "Groupe hospitalier Henri Mondor"
        ca, cb = ca - HOSPITAL_WORDS - {"groupe", "group"}, cb - HOSPITAL_WORDS - {"groupe", "group"}
    if ca != cb:
        # a hospital's own name, whatever word says it is one ("IRCCS San Raffaele" / "Ospedale San Raffaele"),
        # when that name is a proper noun ("Hôpital Saint-Louis" / "Clinique Saint-Louis" may be two)
        pa, pb = ca - HOSPITAL_WORDS - ORG_WORDS, cb - HOSPITAL_WORDS - ORG_WORDS
        if pa == pb and is_distinctive(" ".join(sorted(pa))):
            return True
        if pa == pb and len(pa) >= 2 and (ca | cb) - pa <= PUBLIC_HOSPITAL_WORDS:
            return True  # a public hospital's own name of two words or more ("Hôpital" / "CHU Henri Mondor")
    return ca == cb and bool(ca - GENERIC - HOSPITAL_WORDS - {"medical"})


def same_cancer_centre(a: set[str], b: set[str]) -> bool:
    """One French cancer centre (CLCC) named with or without its category ("Centre Léon Bérard" / "Centre de
    lutte contre le cancer Léon Bérard", "Centre de cancérologie Georges-François Leclerc").

    >>> same_cancer_centre({"ctr", "leon", "berard"}, {"ctr", "lutte", "contre", "cancer", "leon", "berard"})
    True
    """
    if not ("ctr" in a and "ctr" in b and (a | b) & {"cancer", "cancerologie", "clcc", "crlcc"}):
        return False
    ca, cb = a - CANCER_CENTRE_WORDS, b - CANCER_CENTRE_WORDS
    return ca == cb and len(ca) >= 2 and bool(ca - GENERIC)


def hospital_only(p: ActorProfile) -> bool:
    """Whether a name is a hospital's and nothing else: not a department, lab or body at it ("Inserm - Hôpital Bichat")."""
    words = set(p.norm.split())
    return (is_hospital(words) or "hospice" in words) and not words & (
        UNIT_WORDS | LAB_CODES | {"lab", "unite", "equipe"}
    )


def hospital_of_service(p: ActorProfile) -> ActorProfile | None:
    """The hospital a hospital's department is named with, as a profile ("Service de Biostatistique des Hospices
    Civils de Lyon", "Service de Médecine interne, Hôpital Henri Mondor"), or None.

    >>> from ingest.resolution.profiles import make_profile
    >>> hospital_of_service(make_profile("a", "Service de Médecine interne, Hôpital Henri Mondor")).norm
    'hopital henri mondor'
    >>> hospital_of_service(make_profile("a", "Service de Physique de l'Etat Condensé")) is None
    True
    """
    words = p.norm.split()
    if len(words) >= 4 and words[0] in ("hospice", *HOSPITAL_WORDS) and not lab_code_numbers(p.norm):
        parts = split_parts(
            p.name
        )  # the hospital, then its own lab or department ("Hospices Civils de Lyon - Laboratoire …")
        if len(parts) == 2 and parts[1].split()[0] in SERVICE_WORDS | {"lab"} and len(parts[0].split()) >= 2:
            return replace(p, name=parts[0], norm=parts[0], qualifiers=frozenset())
    if len(words) < 4 or words[0] not in SERVICE_WORDS:
        return None
    at = next((i for i, w in enumerate(words) if i >= 2 and (w in HOSPITAL_WORDS or w == "hospice")), None)
    if at is None or len(words) - at < 2:
        return None
    tail = " ".join(words[at:])
    return replace(p, name=tail, norm=tail, qualifiers=frozenset())


def _registered(p: ActorProfile) -> bool:
    """Identified by a company, school or European participant number (not only an RNSR lab number):
    an organisation whose declared acronym names it in any of its sites ("CEA", "THALES", "ORANGE")."""
    return any(kind != "rnsr" for kind, _ in p.ext)


def public_body(p: ActorProfile) -> bool:
    """A university, a school, an institute or a national body named as such; not a research unit (an RNSR
    structure, a name starting as a lab's or with a lab code) that is one of many of that name."""
    words = p.norm.split()
    kinds = set(words) & PUBLIC_WORDS
    if not kinds or set(words) & LAB_CODES or any(k == "rnsr" for k, _ in p.ext):
        return False
    if kinds == {"inst"} and not is_distinctive(p.norm):
        return False  # "Max-Planck Institute" (Köln) is one of many institutes of that name
    if words[:2] == ["lab", "nat"] and not lab_code_numbers(p.norm):
        return True  # a national laboratory is a national body ("Laboratoire national de métrologie et d'essais")
    return words[0] not in LAB_HEADS | UNIT_WORDS and not lab_code_numbers(p.norm) and not french_lab_parts(p.name)


def far_site_ok(p: ActorProfile, q: ActorProfile) -> bool:
    """Two cities of one country that disagree may be two sites of one public body (ONERA in Toulouse and
    Palaiseau, a department of TU Munich in Straubing): such a pair is compared, not a company's two
    entities (STMicroelectronics Tours / Crolles) nor two labs of one name."""
    if not (public_body(p) and public_body(q)):
        return False
    if same_country(p.city, q.city):
        return True
    # one city the places table does not know, the other named by both names: a site of the body named after its
    # city ("Aarhus University" at Tjele / "Aarhus Universitet" at Aarhus)
    known = [c for c in (p.city, q.city) if country(c)]
    if len(known) != 1 or not p.city or not q.city:
        return False
    home = word_form(known[0].split()[0])
    return home in p.norm.split() and home in q.norm.split()


def unplaced_acronym_ok(key: str, owner: ActorProfile) -> bool:
    """Whether a bare acronym with no place names the one organisation that declares it: not a research unit's
    acronym of three letters, which many labs and institutes abroad share ("ISP"), and three
    letters declared by an organisation with a company or participant number only when its name spells them or
    starts with them ("AMU" is not Université d'Aix-Marseille's own spelling, "ATB" not Institut für Angewandte
    Systemtechnik Bremen's; "JKI", "AVL LIST GMBH" are). A name's own acronym in parentheses names it.

    >>> from ingest.resolution.profiles import make_profile
    >>> unplaced_acronym_ok("AMU", make_profile("b", "UNIVERSITE D'AIX MARSEILLE", "Marseille", "AMU", (("pic", "1"),)))
    False
    >>> unplaced_acronym_ok("JKI", make_profile("b", "JULIUS KUHN-INSTITUT", "Quedlinburg", "JKI", (("pic", "2"),)))
    True
    """
    if any(kind == "rnsr" for kind, _ in owner.ext) and not _registered(owner):
        return len(key) > 3
    if len(key) > 3 or key != owner.acronym or not _registered(owner):
        return True  # its own acronym in parentheses ("Technical University of Denmark (DTU)") names it
    words = re.findall(r"[a-z]+", strip_accents(owner.name).lower())
    return bool(words) and (words[0] == key.lower() or initialism(key.lower(), words))


def names_body(key: str, q: ActorProfile) -> bool:
    """Whether an acronym names `q` wherever it is: declared by an organisation identified by a company or
    participant number, as its whole name or abbreviating it ("THALES", "CEA"; not "ATOS" for ATOS
    INTEGRATION SAS, nor a lab's acronym, which many labs share), or spelling a public body's name
    ("ONERA", "INRIA")."""
    declared = key == q.acronym and _registered(q) and (q.norm == key.lower() or key.lower() not in q.norm.split())
    return declared or (len(key) >= 4 and key == plain_initials(q.norm, q.name) and public_body(q))


def far_ok(p: ActorProfile, q: ActorProfile) -> bool:
    """A name matched in another city of one country that still names one organisation: one public body's
    two sites, or the declared acronym of an organisation identified by a company or participant number."""
    if far_site_ok(p, q) or (is_delegation(p) and is_delegation(q) and same_delegation(p, q)):
        return True
    if " " in p.name.strip() or not same_country(p.city, q.city):
        return False
    return names_body(acronym_key(p.name), q)
