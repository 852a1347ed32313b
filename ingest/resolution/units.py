"""Research units: lab codes, a lab named with its bodies, a unit of a university abroad."""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.ids import norm_name, strip_accents
from ingest.places import country, locate
from ingest.resolution.context import LAB_ACRONYMS
from ingest.resolution.forms import (
    FOUNDERS,
    SEPARATORS,
    common_words,
    compare_key,
    initialism,
    is_distinctive,
    name_numbers,
    named_university,
    split_parts,
)
from ingest.resolution.profiles import ActorProfile
from ingest.resolution.sites import cities_agree, city_ok
from ingest.resolution.words import (
    BODY_WORDS,
    GENERIC,
    LAB_CODES,
    LAB_HEADS,
    UNIT_CUTS,
    UNIT_KINDS,
    UNIT_STARTS,
    UNIT_STEMS,
    UNIT_WORDS,
)


def lab_named_after_body(lab: ActorProfile, long_: ActorProfile) -> bool:
    """`long_` is a lab's own name after its bodies' ("INSTITUT NATIONAL DE LA SANTE … INSTITUT COCHIN",
    "UMR8601-CNRS, Université Paris Descartes Laboratoire de Chimie …"): it is that lab.

    >>> from ingest.resolution.profiles import make_profile
    >>> lab_named_after_body(make_profile("a", "Institut Cochin", "Paris"),
    ...                       make_profile("b", "Institut National de la Santé et de la Recherche Médicale Institut Cochin", "Paris"))
    True
    """
    words = lab.norm.split()
    # an institute after a lab code is the lab's host ("Inserm U1170, Institut Gustave Roussy" is U1170)
    heads = LAB_HEADS if lab_code_numbers(long_.norm) else LAB_HEADS | {"inst"}
    return (
        len(words) >= 2
        and words[0] in heads
        and long_.norm.endswith(" " + lab.norm)
        and (is_distinctive(lab.norm) or len(words) >= 4)
        and bool(lab.city and long_.city)  # placed both: "Institute of Parasitology" is in Zürich and Košice
        and city_ok(lab, long_)
    )


def unit_before_host(short: ActorProfile, long_: ActorProfile) -> bool:
    """Whether `long_` names a unit by its code first, then `short`, its host ("Inserm U1170, Institut Gustave
    Roussy"): the unit, not the host; unless `short` is the lab's own name ("U791 - LIOAD (Laboratoire …)").

    >>> from ingest.resolution.profiles import make_profile
    >>> unit_before_host(make_profile("a", "Institut Curie"), make_profile("b", "Inserm U932, Institut Curie"))
    True
    """
    if not lab_code_numbers(long_.norm) or lab_code_numbers(short.norm) or short.norm.split()[0] in LAB_HEADS:
        return False
    lead = split_parts(long_.name)[:1]
    return bool(lead) and bool(lab_code_numbers(lead[0])) and not set(short.norm.split()) <= set(lead[0].split())


def lab_before_body(first: str, body: ActorProfile, long_: ActorProfile) -> bool:
    """Whether a French record names a lab by one distinctive word of its own before its body's name
    ("Heudiasyc, Université de Technologie de Compiègne", "LINA/Université de Nantes"): the lab, the most specific
    unit it names; not the body's own acronym ("AFB - Agence Française pour la Biodiversité / Innovation").

    >>> from ingest.resolution.profiles import make_profile
    >>> lab_before_body("heudiasyc", make_profile("a", "Université de Technologie de Compiègne"),
    ...                  make_profile("b", "Heudiasyc, Université de Technologie de Compiègne", "Compiègne"))
    True
    """
    words = first.split()
    return (
        len(words) == 1
        and len(first) >= 4  # not three letters, often the body's own initials in another language (PSE)
        and first.upper() != body.acronym
        and not initialism(first, body.norm.split())  # the body's own acronym ("AFB - Agence Française …")
        and is_body(body)
        and country(long_.city or body.city) == "FR"
        and is_distinctive(first)
        and not locate(first)
    )


_FRENCH_LAB = re.compile(
    r"(?:laboratoire|labo|equipe|groupe de|groupe hospitalier|hopital|unite(?! d.?enseignement| de formation)|centre de recherches?(?! de | d.| du ))\b"
)
"""How a French research unit's own name starts (a unit with an identity of its own, in the RNSR), or a
hospital of a group ("AP-HP - Hôpital Broca");
not a centre of a body's named after its place ("Centre de recherche de Tours"), nor a teaching unit."""


_UNIT_OF = re.compile(r"\s(?:of|at|de|du|der|di|del|della|degli)\s(?:the\s)?")


_AT = re.compile(r"\sat\s(?:the\s)?")
"""An institute or a laboratory "at" an organisation is a part of it ("… Hematology at Hannover Medical School");
"de" is not enough ("Institut de Biologie de l'École normale supérieure" is a lab of its own)."""


@lru_cache(maxsize=65536)
def units_of(name: str) -> frozenset[str]:
    """The organisations a unit's name says it belongs to, as compared names with their words
    sorted ("Department of Physics of Oxford University" → "oxford physic univ", "oxford univ"),
    so that "University of Oxford" meets it; nothing for a name that is not a unit's.

    >>> sorted(units_of("Department of Chemistry at the Technische Universität München"))
    ['chimie munchen tech univ', 'munchen tech univ']
    """
    out: set[str] = set()
    for part in SEPARATORS.split(name):
        text = part.strip()
        words = compare_key(norm_name(text)).split()
        if not words or words[0] not in UNIT_WORDS | {"inst", "lab"}:
            continue
        for m in (_UNIT_OF if words[0] in UNIT_WORDS else _AT).finditer(text):
            org = compare_key(norm_name(text[m.end() :]))
            if org:
                out.add(" ".join(sorted(org.split())))
    return frozenset(out)


_NAMED_INSTITUTE = re.compile(
    r"Institut\s+(?:de\s+(?:la\s+|l.)?|des\s+|du\s+|d.)?(?!National|Polytechnique|Universitaire|Mines|Pasteur\b|Recherche)[A-Z]"
)
"""In France, an institute with a proper name after a university's is a research unit ("Université de
Technologie de Troyes - Institut Charles Delaunay"); a national or polytechnic institute is a body."""


_SITE_CENTRE = re.compile(r"(?i:centre de recherches?)\s+[A-Z]{2,}\b")
"""A body's centre named after its region: "Centre de Recherche PACA"."""


@lru_cache(maxsize=65536)
def french_lab_parts(name: str, in_france: bool = False) -> tuple[frozenset[str], ...]:
    """The compared words of each part of a raw name (cut at separators) that is a French research unit's name.

    >>> [sorted(x) for x in french_lab_parts("Université Paris Descartes - Laboratoire Psychologie de la Perception")]
    [['lab', 'perception', 'psychologie']]
    >>> french_lab_parts("Uppsala University / Department of Medical Sciences"), french_lab_parts("INRA - Centre de recherche de Tours")
    ((), ())
    """
    out, raw = [], [strip_accents(part).strip() for part in SEPARATORS.split(name)]
    for i, part in enumerate(raw):
        lab = (
            _FRENCH_LAB.match(part.lower()) or (in_france and _NAMED_INSTITUTE.match(part))
        ) and not _SITE_CENTRE.match(part)
        after_kind = i > 0 and raw[i - 1].lower() in UNIT_KINDS  # "EA - PAU DROIT PUBLIC - Université de Pau"
        if (lab or after_kind) and part:
            out.append(frozenset(compare_key(norm_name(part)).split()))
    return tuple(out)


def is_body(p: ActorProfile) -> bool:
    """A university, a national body, a hospital, or an organisation with a company or school number:
    not a lab's own name."""
    return bool(set(p.norm.split()) & BODY_WORDS) or any(kind != "rnsr" for kind, _ in p.ext)


def lab_of_body(short: ActorProfile, long_: ActorProfile) -> bool:
    """`long_` names a French research unit and `short` is not that unit but the body it is named with
    ("Université Paris Descartes - Laboratoire Psychologie de la Perception" is the lab, not the university)."""
    # a laboratory or a hospital named after an institute is the most specific unit named: it, not the institute
    strict = french_lab_parts(long_.name)
    in_france = country(long_.city or short.city) == "FR"
    labs = strict or french_lab_parts(long_.name, in_france)
    known = LAB_ACRONYMS.get()
    if known:  # "Université de Strasbourg - ICUBE": ICUBE is a lab the RNSR knows
        labs += tuple(frozenset(part.split()) for part in split_parts(long_.name) if part.replace(" ", "") in known)
    words = set(short.norm.split()) - LAB_CODES
    if in_france:  # "ENSAM - LMFL", "IGN / LaSTIG": a lab's acronym after its body
        labs += tuple(part for part in _unit_acronyms(long_.name) if not words <= part)
    if any(kind == "rnsr" for kind, _ in long_.ext):  # a registered lab: what follows its body's name is its own
        # ("INALCO / Centre d'Etudes Japonaises" is that centre, not INALCO; "Laboratoire MIPS - Université de
        # Haute-Alsace" is still not the university)
        labs += tuple(part for part in _later_parts(long_.name) if not words <= part)
    if not labs or any(words <= lab for lab in labs):
        return False
    # the body, or another part of the name before a lab's or a hospital's ("Institut Gustave Roussy -
    # Laboratoire de Thérapie Cellulaire", not "CIHEAM - Institut Agronomique Méditerranéen de Montpellier")
    return is_body(short) or (bool(strict) and any(words <= set(part.split()) for part in split_parts(long_.name)))


@lru_cache(maxsize=65536)
def _unit_acronyms(name: str) -> tuple[frozenset[str], ...]:
    """The later parts of a raw name that are one acronym other than the name's own initials: in France, what
    follows a body's name so names one of its units ("ECOLE NATIONALE SUPERIEURE DARTS ET METIERS - LMFL",
    "Institut national de l'information géographique / LaSTIG"); not a place nor a word ("… - PARIS"), nor a step
    of a path of divisions, which may be a service ("CEA / DSSN/SPPS").

    >>> _unit_acronyms("ENSAM - LMFL"), _unit_acronyms("Institut national de l'information / LaSTIG")
    ((frozenset({'lmfl'}),), (frozenset({'lastig'}),))
    >>> _unit_acronyms("Université de Lyon - UDL"), _unit_acronyms("UNIVERSITE DE TOURS - TOURS"), _unit_acronyms("CEA / DSSN/SPPS")
    ((), (), ())
    """
    outside = re.sub(r"[(\[][^)\]]*[)\]]", " ", name)
    parts = [part.strip() for part in SEPARATORS.split(outside)]
    out = []
    acronym = [bool(re.fullmatch(r"[A-Z][A-Za-z]{2,7}", w)) and sum(ch.isupper() for ch in w) >= 2 for w in parts]
    for i, part in enumerate(parts[1:], 1):
        written = strip_accents(part)
        if not acronym[i] or (i > 1 and acronym[i - 1]) or (i + 1 < len(parts) and acronym[i + 1]):
            continue  # not an acronym, or one of a path of divisions ("CEA / DSSN / SPPS")
        token = compare_key(norm_name(written))
        before = re.findall(r"[a-z]+", strip_accents(" ".join(parts[:i])).lower())
        if token in common_words() or token in before or locate(token) or initialism(token, before):
            continue  # a word, a place, or the name's own acronym ("Université de Lyon - UDL")
        out.append(frozenset({token}))
    return tuple(out)


@lru_cache(maxsize=65536)
def _later_parts(name: str) -> tuple[frozenset[str], ...]:
    """The compared words of the parts of a raw name after its first, outside parentheses, of two words or more."""
    outside = re.sub(r"[(\[][^)\]]*[)\]]", " ", name)
    parts = (compare_key(norm_name(part)).split() for part in SEPARATORS.split(outside)[1:])
    return tuple(frozenset(words) for words in parts if len(words) >= 2)


_CODE = re.compile(
    r"\b(?:umr|umrs|u|ea|upr|ur|fre|usr|ums|ups|ura|uar|umi|irl|cic|je|inserm|insermu|cnrs|s)\s(\d{3,4})\b"
)
"""A lab code in a compared name: its kind word, then its 3–4 digit number ("umr 8640", "u 896", "umr s 910")."""


@lru_cache(maxsize=65536)
def lab_code_numbers(norm: str) -> frozenset[str]:
    """
    >>> sorted(lab_code_numbers("umr cnrs ens upmc 8640 pasteur")), sorted(lab_code_numbers("rapport 2016 u 896"))
    (['8640'], ['896'])
    """
    out = set(_CODE.findall(norm))
    words = norm.split()
    for i, w in enumerate(words[:-1]):  # "UMR CNRS ENS UPMC 8640": the number a few words after the code
        if w in ("umr", "umrs", "upr", "ea") and not any(ch.isdigit() for ch in words[i + 1]):
            nxt = next((x for x in words[i + 1 : i + 5] if x.isdigit()), None)
            if nxt and 3 <= len(nxt) <= 4:
                out.add(nxt)
    return frozenset(out)


def code_names_agree(a: str, b: str) -> bool:
    """Two names with the same lab code: they share a real word, or one is the code (and its body) alone;
    two teams of one unit ("Equipe Neuroépidémiologie - … U897", "Equipe Biostatistique - … U897") differ."""
    if a.split()[0] in UNIT_WORDS and b.split()[0] in UNIT_WORDS:
        return False
    codes = lab_code_numbers(a)
    if {n for n in name_numbers(a) - codes if n.isdigit()} ^ {n for n in name_numbers(b) - codes if n.isdigit()} and (
        {"equipe", "team"} & (set(a.split()) | set(b.split()))
    ):
        return False  # "I2MC UMR 1048 Equipe 7" / "UMR 1048, équipe 5": two teams of one unit
    wa, wb = set(a.split()) - LAB_CODES, set(b.split()) - LAB_CODES
    wa, wb = {w for w in wa if not w.isdigit() and len(w) > 1}, {w for w in wb if not w.isdigit() and len(w) > 1}
    return not wa or not wb or bool((wa & wb) - GENERIC - UNIT_WORDS)


@lru_cache(maxsize=65536)
def _foreign_university(name: str, city: str) -> tuple[str, frozenset[str]]:
    """The university a unit's name abroad is named with, its words sorted, and the unit's word stems
    ("Uppsala University / Dept of Medical Sciences" → "univ uppsala", {"depar", "medic", "scien"});
    ("", ∅) when the name is not a unit's, names a French unit (a lab of its own), or is a university's alone.

    >>> _foreign_university("Uppsala University / Dept of Medical Sciences [UUT]", "")[0], _foreign_university("Uppsala University", "")
    ('univ uppsala', ('', frozenset()))
    >>> _foreign_university("Université Paris Descartes - Laboratoire Psychologie de la Perception", "paris")[0]
    ''
    """
    none: tuple[str, frozenset[str]] = ("", frozenset())
    if country(city) == "FR" or re.search(r"(?i)universit[eé]\b", name) or french_lab_parts(name):
        return none
    # founders' names joined to "Universität" stay in its name ("Ludwig-Maximilians-Universität München Institut …")
    name = FOUNDERS.sub(lambda m: m.group(0).replace("-", " "), name)
    parts = [x for x in split_parts(re.sub(r"\[[^\]]*\]", " ", name)) if x]
    found, unit = "", []
    for part in parts:
        words = part.split()
        if words[0] in UNIT_STARTS:
            unit += words
            continue
        if "univ" not in words or found:
            continue
        cut = next((i for i, w in enumerate(words) if i > words.index("univ") and w in UNIT_CUTS), None)
        if cut is not None:  # "Hacettepe University Faculty of Medicine", "TU Darmstadt Institut für Geschichte"
            words, unit = words[:cut], unit + words[cut:]
        found = " ".join(sorted(words))
    if not (unit and found and len(found.split()) >= 2):
        return none
    return found, frozenset(UNIT_STEMS.get(w, w[:5]) for w in unit if len(w) > 2)


def same_foreign_university(p: ActorProfile, q: ActorProfile) -> bool:
    """A unit of a university abroad and that university (the team's convention: a department or an
    institute abroad is its university), or one unit of it named twice ("Faculty of Medicine" / "Medical
    Faculty"); not two units of it ("School of Chemical …" / "School of Materials …")."""
    (up, sp), (uq, sq) = _foreign_university(p.name, p.city), _foreign_university(q.name, q.city)
    if not (up or uq) or not named_university(up or uq):
        return False
    if up and uq:
        return up == uq and (sp <= sq or sq <= sp)
    a, b = (up or p.norm).split(), (uq or q.norm).split()
    if city_ok(p, q) and set(a) != set(b):
        # the university's city named in one name only, as the other's record spells it ("… Cadi Ayyad of
        # Marrakesh" at Marrakech)
        city = p.city or q.city
        a, b = ([w for w in x if not (w in city.split() or (len(w) >= 4 and cities_agree(w, city)))] for x in (a, b))
    return len(a) >= 2 and sorted(a) == sorted(b)
