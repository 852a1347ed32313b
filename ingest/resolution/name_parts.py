"""One name that is a part of another: a lab and its host, an acronym and its expansion, a typo."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from ingest.resolution.bodies import is_hospital
from ingest.resolution.forms import (
    PLACE_WORDS,
    compare_key,
    is_distinctive,
    name_norm,
    split_parts,
    trailing_qualifiers,
)
from ingest.resolution.profiles import ActorProfile
from ingest.resolution.sites import city_ok, near_city
from ingest.resolution.units import is_body, lab_before_body, lab_code_numbers, lab_of_body, unit_before_host, units_of
from ingest.resolution.words import HOSPITAL_WORDS, UNIT_WORDS, WORD_FORMS


def one_typo(a: str, b: str) -> bool:
    """The same words but one long word mistyped or cut short ("Intitut" / "Institut", "Atlant" / "Atlantique").

    >>> one_typo("iterg inst corp gra", "iterg intitut corp gra"), one_typo("ctr ci", "ctr sm")
    (True, False)
    >>> one_typo("ctr m halbwach", "ctr maurice halbwach"), one_typo("lab m", "lab maurice")
    (True, False)
    """
    wa, wb = [w for w in a.split() if w not in PLACE_WORDS], [w for w in b.split() if w not in PLACE_WORDS]
    if len(wa) != len(wb) or len(wa) < 2:
        return False
    diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if x.isdigit() or y.isdigit():
        return False
    if (x in HOSPITAL_WORDS) != (y in HOSPITAL_WORDS):
        return False  # "Universitätsklinikum" is not "Universität" cut short
    if len(wa) >= 3 and min(len(x), len(y)) == 1 and max(len(x), len(y)) >= 4 and x[0] == y[0] and x.isalpha():
        return True  # a first name cut to its initial ("Centre M. Halbwachs" / "Centre Maurice Halbwachs")
    xs = [x] + [k for k, v in WORD_FORMS.items() if v == x]  # "inst" was "institut", "institute"…
    ys = [y] + [k for k, v in WORD_FORMS.items() if v == y]
    for x in xs:
        for y in ys:
            if min(len(x), len(y)) >= 5 and Levenshtein.distance(x, y) <= 1:
                return True
            if min(len(x), len(y)) >= 6 and abs(len(x) - len(y)) <= 5 and (x.startswith(y) or y.startswith(x)):
                return True
    return False


def acronym_expanded(p: ActorProfile, q: ActorProfile) -> bool:
    """`p` starts with an acronym that spells `q`'s first words, and the rest of both names agree ("INSA Lyon" /
    "Institut National des Sciences Appliquées de Lyon - INSA", "ENS de Mécanique et d'Aérotechnique de Poitiers" /
    "École Nationale Supérieure de Mécanique et d'Aérotechnique (ENSMA)"), the city they are placed in aside.

    >>> from ingest.resolution.profiles import make_profile
    >>> acronym_expanded(make_profile("a", "INSA Lyon", "Villeurbanne"),
    ...                   make_profile("b", "INSTITUT NATIONAL DES SCIENCES APPLIQUEES DE LYON - INSA", "Villeurbanne"))
    True
    >>> acronym_expanded(make_profile("a", "INSA Toulouse"), make_profile("b", "Institut National des Sciences Appliquées de Lyon"))
    False
    """
    if not p.name[:2].isupper():
        return False
    first = p.name.split(maxsplit=1)[0] if p.name.strip() else ""
    words = p.norm.split()
    if (
        not (2 <= len(first) <= 6 and first.isalpha() and first.isupper())
        or len(words) < 2
        or words[0] != first.lower()
    ):
        return False
    own = trailing_qualifiers(q.name)
    other = [w for w in q.norm.split() if w not in own]
    n = len(first)
    if len(other) <= n or "".join(w[0] for w in other[:n]) != words[0]:
        return False
    places = set(f"{p.city} {q.city} {compare_key(p.city)} {compare_key(q.city)}".split())
    rest_p = {w for w in words[1:] if w not in places and not near_city(w, q.city or p.city)}
    rest_q = {w for w in other[n:] if w not in places and not near_city(w, p.city or q.city)}
    return rest_p == rest_q and (bool(rest_p) or bool(set(words[1:]) & set(other[n:])))


def part_of(short: ActorProfile, long_: ActorProfile) -> bool:
    """Whether `short`, or `short` without its own acronym in parentheses ("Chalmers University of Technology
    (CUT)"), is a run of whole parts of `long_`'s name (see `part_of_name`).

    >>> from ingest.resolution.profiles import make_profile
    >>> part_of(make_profile("a", "University of São Paulo (USP)"),
    ...          make_profile("b", "Laboratory of Human Immunology (LHI), University of Sao Paulo, Brazil", "Sao Paulo"))
    True
    """
    if part_of_name(short, long_):
        return True
    bare = without_own_qualifier(short)
    return bare is not None and part_of_name(bare, long_)


def without_own_qualifier(p: ActorProfile) -> ActorProfile | None:
    """The profile named without what its name ends with in parentheses or brackets, if anything."""
    bare = _bare_name(p.name)
    return replace(p, name=bare[0], norm=bare[1]) if bare and bare[1] != p.norm else None


@lru_cache(maxsize=65536)
def _bare_name(name: str) -> tuple[str, str] | None:
    """(name, compared name) without a final part in parentheses or brackets; None if there is none."""
    text = name.rstrip()
    if not text.endswith((")", "]")):
        return None
    start = max(text.rfind("("), text.rfind("["))
    bare = text[:start].rstrip() if start > 0 else ""
    norm = name_norm(bare) if bare else ""
    return (bare, norm) if norm else None


def part_of_name(short: ActorProfile, long_: ActorProfile) -> bool:
    """Whether `short` is a run of whole parts of `long_`'s name, and names an organisation of its own.

    >>> from ingest.resolution.profiles import make_profile
    >>> part_of(make_profile("a", "Uppsala University"), make_profile("b", "Uppsala University / Dept of Medicine"))
    True
    >>> part_of(make_profile("a", "Department of Medicine"), make_profile("b", "Uppsala University / Dept of Medicine"))
    False
    """
    if not short.norm or len(short.norm) >= len(long_.norm) or short.norm.split()[0] in UNIT_WORDS:
        return False
    if lab_code_numbers(long_.norm) and not lab_code_numbers(short.norm) and is_body(short):
        return False  # a lab named with its body ("MNHN - IMPMC - UMR 7590") is the lab, never the body
    if unit_before_host(short, long_):
        return False
    long_words = set(long_.norm.split())
    first = set(split_parts(long_.name)[0].split()) if split_parts(long_.name) else set()
    if is_hospital(first) and "univ" in short.norm.split() and not is_hospital(set(short.norm.split())):
        return False  # "Universitätsklinikum Bonn / … / University of Bonn": a hospital is not its university
    target = short.norm
    if (
        len(target.split()) >= 3
        and any(one_typo(part, target) for part in split_parts(long_.name))
        and not lab_of_body(short, long_)
    ):
        return True  # "Consiglio Nazionale Delle Ricerce" in "Consiglio Nazionale delle Ricerche (CNR), Istituto …"
    if not set(target.split()) <= long_words:
        # "Christian-Albrechts-University Kiel" in "Institute for …, Christian-Albrechts-University": the
        # name without the place it is in; a country only for a university ("INRA - Maroc" is another INRA)
        places = set(short.city.split()) | set(long_.city.split()) if city_ok(short, long_) else set()
        places |= {w for w in target.split() if near_city(w, long_.city or short.city)}  # "Marrakesh" / "Marrakech"
        if "univ" in target.split():  # "University of Oxford, UK"; not "Cyprus University of Technology"
            places |= {w for part in split_parts(short.name) if part in PLACE_WORDS for w in (part,)}
        target = " ".join(w for w in target.split() if w not in places or w in long_words)
        if not target or not set(target.split()) <= long_words:
            return False  # a part's words are words of the whole
    parts = split_parts(long_.name)
    n = len(target.split())
    if lab_of_body(short, long_):
        return False  # "Université Paris Descartes - Laboratoire Psychologie de la Perception" is the lab
    if not (is_distinctive(target) or n >= 3 or (n == 2 and "univ" in target.split())):
        return False  # "Institut für Mathematik" is no one organisation; "Universität Wien" is
    for part in parts:  # "Duke University School of Medicine": the organisation, then its school
        if part.startswith(target + " ") and set(part[len(target) + 1 :].split()[:2]) & UNIT_WORDS:
            return True
    if n >= 2 and " ".join(sorted(target.split())) in units_of(long_.name):
        return True  # "Department of Physics of Oxford University": a unit, then its organisation
    if len(parts) < 2:
        return False
    # a later part ("Institut für Mathematik - Universität Würzburg") names an organisation of its own
    # only if it is a university, or both names are placed in one city
    later_ok = (
        "univ" in short.norm.split()
        or bool(short.city and long_.city and city_ok(short, long_))
        or parts[0].split()[0] in UNIT_WORDS  # "Department of Computing, Imperial College London"
    )
    ordered = sorted(target.split())
    for i in range(len(parts) if later_ok else 1):
        run = ""
        for part in parts[i:]:
            run = f"{run} {part}" if run else part
            if len(run.split()) >= n:
                # in any order ("Plymouth University" / "University of Plymouth"), or one typo ("Institue")
                if sorted(run.split()) == ordered or one_typo(run, target):
                    return not (i > 0 and lab_before_body(parts[0], short, long_))
                break
    return False
