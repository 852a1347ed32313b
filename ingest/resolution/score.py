"""How alike two actor names are, 0-100: the comparison every name match goes through."""

from __future__ import annotations

from dataclasses import replace

from rapidfuzz import fuzz

from ingest.places import country, locate
from ingest.resolution.bodies import (
    hospital_of_service,
    hospital_only,
    same_cancer_centre,
    same_delegation,
    same_hospital,
)
from ingest.resolution.context import BRAND_NAMES, NAME_WORDS
from ingest.resolution.forms import (
    FOUNDERS,
    PLACE_WORDS,
    abbreviated,
    common_words,
    final_acronym,
    initialism,
    is_distinctive,
    name_norm,
    name_numbers,
    named_university,
    own_acronyms,
    trailing_qualifiers,
)
from ingest.resolution.name_parts import acronym_expanded, one_typo, part_of, part_of_name, without_own_qualifier
from ingest.resolution.profiles import MERGE_SCORE, REVIEW_SCORE, ActorProfile
from ingest.resolution.sites import city_ok, near_city, one_body_two_sites, placed_abroad
from ingest.resolution.units import (
    code_names_agree,
    is_body,
    lab_code_numbers,
    lab_named_after_body,
    lab_of_body,
    same_foreign_university,
)
from ingest.resolution.words import (
    DELEGATION_WORDS,
    FEW_PLACE_WORDS,
    GENERIC,
    HEAD_WORDS,
    LAB_CODES,
    LAB_HEADS,
    ORG_WORDS,
    SITE_KIND_WORDS,
    UNIT_WORDS,
)


def pair_score(p: ActorProfile, q: ActorProfile) -> float:
    """How alike two names are, 0–100, after normalisation.

    100 when: the names are equal, or equal once their spaces are dropped ("Super Sonic
    Imagine"); both name the same lab code ("UMR 8640", "U896") and share a word or one is
    the code alone; one is the other plus an acronym, qualifier, country, city, lab code or
    organisation-type word ("… Spatiales (CNES)", "Columbia University, USA", "Fondation
    Neurodis"); one is a whole part of the other, cut at its separators, with a distinctive
    word ("Uppsala University / Department of …" names Uppsala University; "Université Paris
    5 - Innovations thérapeutiques en hémostase" names that lab). Numbers that differ ("Paris
    5" / "Paris 7", "U1149" / "UMR1141") cap the score at the review level.
    """
    if p.norm == q.norm or p.norm.replace(" ", "") == q.norm.replace(" ", ""):
        return 100.0
    codes = lab_code_numbers(p.norm)
    if codes and codes == lab_code_numbers(q.norm) and code_names_agree(p.norm, q.norm):
        return 100.0
    a, b = set(p.norm.split()), set(q.norm.split())
    if a == b:
        return 100.0  # the same words in another order, or one repeated
    if (
        same_delegation(p, q)
        or same_hospital(a, b, (p.city, q.city))
        or same_cancer_centre(a, b)
        or one_body_two_sites(p, q)
    ):
        return 100.0
    if lab_named_after_body(p, q) or lab_named_after_body(q, p):
        return 100.0
    if same_foreign_university(p, q):
        return 100.0
    score = float(fuzz.token_sort_ratio(p.norm, q.norm))
    if _same_core(p, q):
        return 100.0
    short, long_ = (p, q) if a < b else (q, p)
    # "INRA - Unité de Recherches Avicoles" is the unit, not INRA
    if (a < b or b < a) and not lab_of_body(short, long_):
        extra = set(long_.norm.split()) - set(short.norm.split())
        # any country after a university's name ("Cukurova University - Turquie"); after another
        # organisation's, only the few that name no other national body ("Institut Pasteur du Cambodge")
        countries = (
            PLACE_WORDS | {"studi"} if "univ" in short.norm.split() else FEW_PLACE_WORDS
        )  # "Università degli Studi di Milano"
        # a body's name with an acronym after a dash names a unit of it ("Université de Strasbourg - ICUBE");
        # in parentheses, or spelling the name, it is the body's own ("University of Bergen (UiB)")
        french = country(long_.city or short.city) == "FR"  # abroad, a department named so is the university
        own = long_.qualifiers
        if "univ" in short.norm.split() and not is_distinctive(short.norm):
            own = set()  # "Université de Paris" is not "Université de Paris IX (Dauphine)" nor "… (Panthéon-Assas)"
        elif french and is_body(short):
            own = trailing_qualifiers(long_.name) | (own & name_numbers(long_.norm))
        allowed = own | countries | ORG_WORDS | DELEGATION_WORDS
        if len(short.norm.split()) >= 4:
            allowed |= {"superieur"}  # "Conservatoire national [supérieur] de musique et de danse de Paris"
        if "univ" in short.norm.split() and placed_abroad(long_.city or short.city, short.norm):
            allowed |= final_acronym(long_.name)  # "UNIVERSITY OF OSLO ICM": a unit abroad is its university
        if len(short.norm.split()) >= 2:
            allowed |= UNIT_WORDS  # "University of Munich / Department of Economics" = "… / Economics"
            if is_distinctive(short.norm):
                allowed |= HEAD_WORDS  # "INRIA Centre Bordeaux Sud-Ouest"; not "Institute of" + "Human Genetics"
        if city_ok(p, q):
            allowed |= set(p.city.split()) | set(q.city.split())  # in that city: naming it adds nothing
            allowed |= {w for w in extra if near_city(w, p.city or q.city)}  # "Grenoble II" at Saint-Martin-d'Hères
        short_words = short.norm.split()
        if lab_code_numbers(long_.norm) and not lab_code_numbers(short.norm):
            # "… Strasbourg (UMR 7516)" names the same lab; "MNHN - IMPMC - UMR 7590" or "Université
            # Aix-Marseille UMR 7265" names a lab of that body, which is not the body
            places = countries | (set(p.city.split()) | set(q.city.split()) if city_ok(p, q) else set())
            # only a lab's own name: "INSERM PARIS 5 U1163" is a lab, not the delegation Inserm Paris 5
            lab_name = not is_body(short) and not set(short_words) & DELEGATION_WORDS
            allowed = LAB_CODES | name_numbers(long_.norm) | places if lab_name else set()
            if allowed and len(short_words) >= 3 and short_words[0] in LAB_HEADS:
                allowed |= long_.qualifiers  # a lab's name and its own acronym ("… de Marseille CNR2M UMR 7286")
        elif "univ" in short_words and named_university(short.norm) and not name_numbers(short.norm):
            allowed |= {n for n in name_numbers(long_.norm) if n.isdigit()}  # "Université Paris 7 - Paris Diderot"
        elif extra & LAB_CODES and not name_numbers(short.norm):
            allowed |= LAB_CODES | name_numbers(long_.norm)  # "Inserm CEA - Imagerie et Psychiatrie"
        one_word = len(short_words) == 1 and len(short_words[0]) >= 4 and is_distinctive(short.norm)
        if (
            len(short_words) >= 2
            and any(k == "rnsr" for k, _ in short.ext)
            and long_.norm.split(maxsplit=1)[-1] == short.norm
            and long_.norm.split()[0] in LAB_HEADS
        ):
            return 100.0  # a registered lab's name after "Laboratoire" ("Laboratoire Immunité et Infections")
        if one_word and len(short_words[0]) >= 5 and p.city and q.city and city_ok(p, q) and _own_brand(short, extra):
            return 100.0  # a brand in the same city, with more words ("Alphanov" / "Centre technologique Alphanov")
        if (len(short_words) >= 2 or one_word) and all(t in allowed or initialism(t, short_words) for t in extra):
            return 100.0
        if (
            len(short_words) >= 3
            and extra & {"ctr", "site", "campus"}
            and extra <= SITE_KIND_WORDS | {"recherche"}
            and p.city
            and q.city
            and city_ok(p, q)
        ):
            return 100.0  # one site named with and without its site word ("INRIA [Centre de] Bordeaux Sud-Ouest")
        if (
            len(short_words) >= 3
            and len(extra) <= 2
            and long_.norm.startswith(short.norm + " ")
            and p.city
            and p.city == q.city
            and not name_numbers(long_.norm)
        ):
            return 100.0  # same city, one name followed by a word or two ("… Medical School")
    if one_typo(p.norm, q.norm):
        return 100.0
    if city_ok(p, q) and (abbreviated(p.norm, q.norm) or acronym_expanded(p, q) or acronym_expanded(q, p)):
        return 100.0
    if part_of_name(p, q) or part_of_name(q, p):
        return 100.0
    bp, bq = without_own_qualifier(p), without_own_qualifier(q)
    if (bp is not None and part_of_name(bp, q)) or (bq is not None and part_of_name(bq, p)):
        return BARE_SCORE  # once its own acronym is left out: a merge, after any plainer match
    for bare, whole, other in ((bp, p, q), (bq, q, p)):
        # the name without the acronym its words spell, as the other writes it ("Conservatoire National des Arts et
        # Métiers (CNAM)" / "… Paris")
        own = own_acronyms(whole.name)
        if bare is not None and own and initialism(own[0].lower(), bare.norm.split()):
            if pair_score(bare, other) >= MERGE_SCORE:
                return BARE_SCORE
    sp, sq = hospital_of_service(p), hospital_of_service(q)
    for service, other in ((sp, q), (sq, p)):
        if service is not None and hospital_only(other) and pair_score(service, other) >= MERGE_SCORE:
            return BARE_SCORE  # a hospital's department, which has no identity of its own, is the hospital
    fp, fq = _without_founders(p), _without_founders(q)
    if (fp or fq) and pair_score(fp or p, fq or q) >= MERGE_SCORE:
        return BARE_SCORE  # "Ruprecht-Karls-Universität Heidelberg" as others write it: "Universität Heidelberg"
    if name_numbers(p.norm) != name_numbers(q.norm):
        score = min(score, REVIEW_SCORE)
    return score


BARE_SCORE = 99.0
"""The score of a name that is a part of another once its own acronym in parentheses is left out ("Chalmers
University of Technology (CUT)"): a merge, but a match without leaving anything out comes first."""


def _same_core(p: ActorProfile, q: ActorProfile) -> bool:
    """Both names are the same once each drops its own acronyms and qualifiers and the city they share
    ("Fondazione IRCCS Istituto Nazionale dei Tumori di Milano - INT" / "… dei Tumori (INDT)", Milan).

    >>> from ingest.resolution.profiles import make_profile
    >>> _same_core(make_profile("a", "Fondazione IRCCS Istituto Nazionale dei Tumori di Milano - INT", ""),
    ...            make_profile("b", "Fondazione IRCCS Istituto Nazionale dei Tumori (INDT)", "Milan"))
    True
    """
    qp, qq = trailing_qualifiers(p.name), trailing_qualifiers(q.name)
    if not (qp or qq) or not city_ok(p, q):
        return False
    places = set(p.city.split()) | set(q.city.split())
    a = set(p.norm.split()) - qp - places
    b = set(q.norm.split()) - qq - places
    # the rest alike, or but for a word that says what it is ("Wageningen University and Research (WUR)" / "…
    # Research Centre")
    alike = a == b or ((a < b or b < a) and a ^ b <= HEAD_WORDS and len(a & b) >= 3)
    return alike and len(a & b) >= 2 and bool(a - GENERIC) and name_numbers(p.norm) == name_numbers(q.norm)


def bridge_of(p: ActorProfile, q: ActorProfile) -> ActorProfile | None:
    """The longer of two names matched only because one is a part of the other, else None.

    "CERLIS - Université Paris Descartes" is both the lab and the university: it may join one
    of them, but must not carry the one into the other.
    """
    long_ = (
        q if part_of(p, q) or lab_named_after_body(p, q) else p if part_of(q, p) or lab_named_after_body(q, p) else None
    )
    if long_ is None:
        return None
    plain = (replace(p, name=p.norm), replace(q, name=q.norm))  # no separators left: no part-of
    return long_ if pair_score(*plain) < MERGE_SCORE and not lab_named_after_body(*plain[::-1]) else None


def _own_brand(short: ActorProfile, extra: set[str]) -> bool:
    """Whether a one-word name and a longer one with `extra` words name one company: the word is no place, few of the
    names resolved have it (not a group's: "Safran", "Total"), and the longer name adds no proper noun of its own
    ("Centre technologique", "Eau & Environnement"; not "Cellectis Bioresearch", "Renault Trucks Defense").

    >>> from ingest.resolution.profiles import make_profile
    >>> _own_brand(make_profile("a", "Alphanov"), {"ctr", "tech"}), _own_brand(make_profile("a", "Cellectis"), {"bioresearch"})
    (True, False)
    """
    names = NAME_WORDS.get()
    if locate(short.norm) or (names is not None and names.count(short.norm) > BRAND_NAMES):
        return False
    common = common_words()
    return all(w.isalpha() and (len(w) < 3 or w in common or w in GENERIC or w in ORG_WORDS) for w in extra)


def _without_founders(p: ActorProfile) -> ActorProfile | None:
    """The profile named without the names its university bears joined to its word, if any (see `FOUNDERS`)."""
    if "-" not in p.name:
        return None
    name = FOUNDERS.sub("", p.name)
    return None if name == p.name else replace(p, name=name, norm=name_norm(name))
