"""Places: whether two records' cities agree, and a body named with one of its sites."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from ingest.ids import norm_name, strip_accents
from ingest.places import _OVERSEAS, country, locate, near
from ingest.resolution.forms import compare_key, is_distinctive, split_parts
from ingest.resolution.profiles import ActorProfile
from ingest.resolution.words import (
    CATEGORY_ACRONYMS,
    GENERIC,
    HOSPITAL_WORDS,
    SITE_KIND_WORDS,
    SITE_NAME_WORDS,
    SITE_WORDS,
)


def site_core(p: ActorProfile) -> str:
    """A compared name without the city it is placed in when the publisher appended it ("Onera Toulouse",
    "IFSTTAR Champs-sur-Marne" → "onera", "ifsttar"); not when the city is part of the name ("CHU de Caen").

    >>> from ingest.resolution.profiles import make_profile
    >>> site_core(make_profile("a", "IFSTTAR Champs sur Marne", "Champs-sur-Marne")), site_core(make_profile("b", "CHU de Nantes", "Nantes"))
    ('ifsttar', 'chu nante')
    """
    return _site_core_of(p.norm, p.city, p.name)


@lru_cache(maxsize=65536)
def _site_core_of(norm: str, city_name: str, name: str) -> str:
    p = ActorProfile(id="", name=name, norm=norm, city=city_name)
    words, city = p.norm.split(), set(compare_key(p.city).split())
    n = len(words)
    while len(words) > 1 and words[-1] in city:
        words.pop()
    if len(words) < n and len(words) > 1 and words[-1] in SITE_WORDS:
        words.pop()  # "CEMAGREF - Centre de Montpellier": one of its sites
    elif len(words) < n and re.search(
        rf"\b(?:de|du|d|des|of|di)\W+{re.escape(p.city.split()[0])}", strip_accents(p.name).lower()
    ):
        return p.norm  # "CHU de Caen": the city names the organisation
    if len(words) > 1 and _site_words(" ".join(words[1:]), frozenset(city)):
        return words[0]  # "INRAE Centre Grand Est Colmar", "CIRAD - Paris": a one-word body and its site
    return " ".join(words)


@lru_cache(maxsize=65536)
def _site_words(rest: str, city: frozenset[str]) -> bool:
    """Whether the words after a body's one-word name only place one of its sites: a site word, with region
    words, the record's city or a place's name ("Centre Grand Est Colmar", "Centre Siège")."""
    words = rest.split()
    if not set(words) & SITE_KIND_WORDS:
        return False  # "HEC Montréal", "Atmo Hauts-de-France": the place is part of the name
    return all(w in SITE_NAME_WORDS or w in city or (len(w) >= 4 and locate(w)) for w in words)


def _site_part(part: str) -> bool:
    """A part of a name that names a site ("ctr montpellier")."""
    return bool(set(part.split()) & SITE_KIND_WORDS)


def one_body_two_sites(p: ActorProfile, q: ActorProfile) -> bool:
    """A one-word body (an acronym: INRAE, IFSTTAR, ONERA) and the same body named with one of its sites."""
    cp, cq = site_core(p), site_core(q)
    if cp != cq or " " in cp or (cp == p.norm and cq == q.norm) or len(cp) < 3 or cp in GENERIC | CATEGORY_ACRONYMS:
        return False
    # written as an acronym in one of the names: a body's name, not a common word
    # (a one-word name in capitals is one: "ONERA", "INRAE"; so is the first part of a name in capitals
    # before its site: "CEMAGREF - CENTRE DE MONTPELLIER")
    return cp not in HOSPITAL_WORDS and any(
        (not name.isupper() or len(name.split()) == 1)
        and any(w.isupper() and len(w) <= 8 and compare_key(norm_name(w)) == cp for w in re.findall(r"\w+", name))
        or (
            name.isupper()
            and len(split_parts(name)) > 1
            and split_parts(name)[0] == cp
            and _site_part(split_parts(name)[1])
        )
        for name in (p.name, q.name)
    )


def same_name(p: ActorProfile, q: ActorProfile) -> bool:
    """Both names are one distinctive name once normalised ("IFP Energies Nouvelles" / "IFP Energies nouvelles"),
    or one body and one of its sites ("IFSTTAR Champs-sur-Marne" / "IFSTTAR", Bouguenais), and both cities are
    known to be in one country (CAMECA in Gennevilliers is not CAMECA in Madison)."""
    same = p.norm.replace(" ", "") == q.norm.replace(" ", "") and is_distinctive(p.norm)
    if not (same or one_body_two_sites(p, q)):
        return False
    cp, cq = country(p.city), country(q.city)
    return bool(cp) and cp == cq  # both placed in one country (AstraZeneca AB, Södertälje, is not AstraZeneca France)


def near_city(word: str, city: str) -> bool:
    """Whether a word of a name is a place near `city` ("grenoble" near Saint-Martin-d'Hères, "marrakesh" at Marrakech)."""
    return bool(city) and len(word) >= 4 and not word.isdigit() and near(word, city)


def city_ok(p: ActorProfile, q: ActorProfile) -> bool:
    """Cities agree when one is missing, equal, share their first word (Illkirch / Illkirch-Graffenstaden)
    or are spelt alike in two languages (Hambourg / Hamburg, Milan / Milano)."""
    return cities_agree(p.city, q.city)


@lru_cache(maxsize=65536)
def cities_agree(a: str, b: str) -> bool:
    """
    >>> cities_agree("hambourg", "hamburg"), cities_agree("rennes", "reims"), cities_agree("", "lyon")
    (True, False, True)
    >>> cities_agree("saint martin dheres", "grenoble"), cities_agree("orsay", "paris")  # 4 km, 20 km apart
    (True, False)
    """
    return not a or not b or a == b or a.split()[0] == b.split()[0] or fuzz.ratio(a, b) >= 80 or near(a, b)


def may_share_country(a: str, b: str) -> bool:
    """Whether two placed cities can be in one country, each read as any place of its name ("Orléans" is in
    France as well as in Canada).

    >>> may_share_country("orleans", "tours"), may_share_country("tours", "geneva"), may_share_country("", "tours")
    (True, False, False)
    """
    ca = {_OVERSEAS.get(cc, cc) for cc, *_ in locate(a)}
    return bool(ca & {_OVERSEAS.get(cc, cc) for cc, *_ in locate(b)})


@lru_cache(maxsize=65536)
def placed_abroad(city: str, norm: str) -> bool:
    """Whether an organisation is placed abroad: by its city, else by a place its name names ("University of Oslo").

    >>> placed_abroad("", "univ oslo"), placed_abroad("", "univ bordeaux"), placed_abroad("paris", "univ oslo")
    (True, False, False)
    """
    if city:
        return country(city) not in ("", "FR")
    return any(country(w) not in ("", "FR") for w in norm.split() if len(w) >= 4 and w not in GENERIC)


def same_country(a: str, b: str) -> bool:
    """Both cities placed, in one country."""
    ca = country(a)
    return bool(ca) and ca == country(b)
