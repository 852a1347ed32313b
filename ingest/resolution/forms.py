"""How a name is written and compared: accents, case, word forms across languages, acronyms, parts."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from ingest.ids import norm_name, strip_accents
from ingest.places import country_words, locate
from ingest.resolution.words import (
    CITY_WORDS,
    EXONYMS,
    FEW_PLACE_WORDS,
    GENERIC,
    HOSPITAL_ACRONYMS,
    LEGAL_BODY_WORDS,
    SMALL_WORDS,
    WORD_FORMS,
)


def block_keys(norm: str) -> tuple[str, ...]:
    """The blocking words of a compared name: its first two words that are not generic organisation
    words, and the first in alphabetical order of its distinctive words, so that "Université Lyon 1
    Claude Bernard" meets "Université Claude Bernard Lyon 1".

    >>> block_keys("univ bordeaux"), block_keys("inst nat sante recherche medicale"), block_keys("univ")
    (('bordeaux',), ('sante', 'medicale'), ('univ',))
    >>> block_keys("univ lyon 1 claude bernard")
    ('lyon', '1', 'bernard')
    """
    words = [w for w in norm.split() if w not in GENERIC]
    if not words:
        return tuple(norm.split()[:1])
    keys = words[:2]
    counts = _word_counts()
    first = min((w for w in words if not w.isdigit() and counts.get(w, 0) < _BIG_BLOCK), default=None)
    if first and first not in keys:
        keys.append(first)
    return tuple(keys)


_UMLAUT = re.compile(r"ae(?!$)|oe(?!u)|(?<![qg])ue(?!$)")
"""German umlauts typed as two letters (ae, oe, ue), not French "-que", "-gue" or "oeu"."""


def compare_key(norm: str) -> str:
    """The form names are compared in: multilingual organisation words unified, plural `s` dropped,
    German umlauts as typed without them ("Koeln" / "Köln", "Muenchen" / "München").

    >>> compare_key("institut maladies neurodegeneratives"), compare_key("umea universitet")
    ('inst maladie neurodegenerative', 'umea univ')
    >>> compare_key("universitat zu koeln") == compare_key("universitat zu koln"), compare_key("publique")
    (True, 'publique')
    >>> compare_key("universiteit van amsterdam")
    'univ amsterdam'
    >>> compare_key("regents university california"), compare_key("university court university st andrews")
    ('univ california', 'univ st andrew')
    >>> compare_key("universita degli studi firenze"), compare_key("novozyme biological fr")
    ('univ firenze', 'novozyme biological france')
    >>> compare_key("university vienna") == compare_key("universite vienne") == compare_key("universitat wien")
    True
    """
    out = []
    words = norm.split()
    for i, w in enumerate(words):
        if w == "tu" and i == 0 and len(words) > 1:
            out.append("tech univ")  # "TU Darmstadt" = "Technische Universität Darmstadt"
            continue
        if w == "ur" and (i == len(words) - 1 or not words[i + 1].isdigit()):
            out.append("unite recherche")  # "Institut Pasteur - UR Yersinia"; not a lab code ("UR 892")
            continue
        if w in ("degli", "studi", "van") and out and out[-1] == "univ":
            continue  # "Università degli Studi di Firenze" is "Università di Firenze", "Universiteit van Amsterdam" too
        if w == "fr" and i == len(words) - 1 and i > 1:
            out.append("france")  # "Novozymes Biologicals FR S.A." / "… FRANCE": the country's code at the end
            continue
        if w in ("mc", "umc") and i > 0:  # "Erasmus MC", "Radboud UMC": a (university) medical centre
            out.append("medical ctr" if w == "mc" else "univ medical ctr")
            continue
        out.append(word_form(w))
    if "univ" in out[1:] and out[0] in LEGAL_BODY_WORDS | {"univ"}:
        last = len(out) - 1 - out[::-1].index("univ")
        if set(out[:last]) <= LEGAL_BODY_WORDS | {"univ"} and set(out[:last]) & LEGAL_BODY_WORDS:
            out = out[last:]  # "The Regents of the University of California": the university's legal body
    return " ".join(out)


@lru_cache(maxsize=65536)
def word_form(w: str) -> str:
    """One word as compared: in its unified form, without a plural `s`, German umlauts as typed without them."""
    w = WORD_FORMS.get(w) or CITY_WORDS.get(w, w)
    w = w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w
    if "e" in w:
        w = _UMLAUT.sub(lambda m: m.group(0)[0], w)
    return w


def name_norm(name: str) -> str:
    """A name as the resolver compares it (a profile's `norm`): ß and dotted initials spelt out, normalised, compared form."""
    return compare_key(norm_name(_sharp_s(name)))


def _sharp_s(text: str) -> str:
    """German ß in a name as "ss", as other publishers type it ("Großhadern" / "Grosshadern"); accents
    removal would otherwise cut the word in two ("gro hadern"). (Cities keep the form places.tsv is built in.)
    And initials with dots before a space or at the end of a name, which `norm_name` reads only before
    another letter ("NanoSanguis S.A." is "NanoSanguis SA", a legal form).

    >>> from ingest.resolution.profiles import make_profile
    >>> make_profile("a", "Klinikum Großhadern").norm == make_profile("b", "KLINIKUM GROSSHADERN").norm
    True
    >>> make_profile("a", "NanoSanguis S.A.").norm
    'nanosangui'
    """
    text = _FINAL_INITIALS.sub(lambda m: m.group(0).replace(".", ""), text)
    return text.replace("ß", "ss").replace("ẞ", "SS")


_FINAL_INITIALS = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}(?=\s|$)")


FOUNDERS = re.compile(r"(?i)\b(?:[^\W\d_]+-)+(?=(?:universit(?:ät|aet|at|y)|uni)\s+\w)")
"""The names a German university bears joined to its word ("Ruprecht-Karls-Universität Heidelberg", "Georg-August-
University Göttingen"): as the other publishers write it, "Universität Heidelberg".

>>> FOUNDERS.sub("", "RUPRECHT-KARLS-UNIVERSITAET HEIDELBERG"), FOUNDERS.sub("", "Université Paris-Sud")
('UNIVERSITAET HEIDELBERG', 'Université Paris-Sud')
"""


def city_key(text: str) -> str:
    """A city as compared: no accents, case, "cedex" or numbers; French exonyms in the local spelling.

    >>> city_key("VIENNE"), city_key("Paris Cedex 05"), city_key("Aix-la-Chapelle")
    ('wien', 'paris', 'aachen')
    >>> city_key("Oberschleißheim"), city_key("Courtabœuf")  # letters that lose no accent: spelt out
    ('oberschleissheim', 'courtaboeuf')
    """
    words = norm_name(_LIGATURES.sub(lambda m: _LIGATURE_FORMS[m.group(0)], text)).split()
    city = " ".join(w for w in words if w != "cedex" and not w.isdigit())
    return EXONYMS.get(city, city)


_LIGATURE_FORMS = {"ß": "ss", "ẞ": "SS", "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"}


_LIGATURES = re.compile("|".join(_LIGATURE_FORMS))
"""Letters that no accent stripping turns into ASCII: dropped, "Oberschleißheim" would read "oberschlei heim"."""


def match_score(a: str, b: str) -> float:
    """Similarity of two names after normalisation, 0–100.

    >>> match_score("PALUVAX SAS", "Paluvax")
    100.0
    >>> match_score("Institut Pasteur", "Institut Curie") < 80
    True
    """
    na, nb = norm_name(a), norm_name(b)
    if not na or not nb:
        return 0.0
    return float(fuzz.token_sort_ratio(na, nb))


@lru_cache(maxsize=65536)
def own_acronyms(name: str) -> tuple[str, ...]:
    """An acronym in parentheses at the end of a name, one word of capitals: the organisation's own.

    >>> own_acronyms("Leibniz Centre for Agricultural Landscape Research (ZALF)"), own_acronyms("Inserm (U 1016)")
    (('ZALF',), ())
    """
    m = re.search(r"\(\s*([A-Z][A-Z0-9&]{2,9})\s*\)\s*$", strip_accents(name))
    return (acronym_key(m.group(1)),) if m and not m.group(1).isdigit() else ()


def acronym_key(text: str) -> str:
    return "".join(ch for ch in strip_accents(text).upper() if ch.isalnum())


def written_key(name: str) -> str:
    """A name as written, up to case and spacing."""
    return " ".join(name.casefold().split())


@lru_cache(maxsize=65536)
def trailing_qualifiers(name: str) -> frozenset[str]:
    """Compared words a publisher appended to a name: in parentheses or brackets, or its initials
    after a final separator ("Istituto Nazionale dei Tumori di Milano - INT"); not a capitalised word
    inside the name ("ARMINES Centre CIS de l'Ecole…") nor a team after it ("Inria Grenoble - SOCRATE").

    >>> sorted(trailing_qualifiers("Istituto Nazionale dei Tumori di Milano - INT"))
    ['int']
    >>> sorted(trailing_qualifiers("ARMINES Centre CIS de lEcole des Mines")), sorted(trailing_qualifiers("Inria - SOCRATE"))
    ([], [])
    """
    inside = re.findall(r"\(([^)]*)\)|\[([^\]]*)\]", name)
    words = {w for pair in inside for part in pair for w in compare_key(norm_name(part)).split()}
    parts = SEPARATORS.split(re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", name))
    if len(parts) > 1 and len(parts[-1].split()) == 1 and parts[-1].strip().isupper():
        token = compare_key(norm_name(parts[-1]))
        if initialism(token, norm_name(" ".join(parts[:-1])).split()):  # its acronym, not a team's name
            words.add(token)
    return frozenset(words)


@lru_cache(maxsize=65536)
def match_norm(name: str, norm: str) -> str:
    """The compared name candidates are first screened on: without a German university's founders' names."""
    return name_norm(FOUNDERS.sub("", name)) if "-" in name and FOUNDERS.search(name) else norm


@lru_cache(maxsize=65536)
def final_acronym(name: str) -> frozenset[str]:
    """The compared form of a name's last word when it is written as an acronym of 2 to 6 capitals after other
    words ("UNIVERSITY OF OSLO ICM"), else nothing.

    >>> final_acronym("UNIVERSITY OF OSLO ICM"), final_acronym("University of Oslo")
    (frozenset({'icm'}), frozenset())
    """
    words = strip_accents(name).split()
    last = words[-1] if len(words) >= 3 else ""
    if not re.fullmatch(r"[A-Z]{2,6}", last) or locate(last.lower()):
        return frozenset()
    return frozenset({compare_key(last.lower())})


def abbreviated(a: str, b: str) -> bool:
    """The same words, some cut short in one name as registers abbreviate them ("INST DEVELOP DURABLE RELAT
    INTERNAT" / "Institut du développement durable et des relations internationales", "FOND. RECHERCHE
    BIODIVERSITE"): each cut word of four letters or more starts its word in the other name.

    >>> abbreviated("inst develop durable relat internat", "inst developpement durable relation international")
    True
    >>> abbreviated("ctr bio marine", "ctr biologie marine"), abbreviated("cnrs dr pari", "cnrs dr parisb")
    (False, False)
    """
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 3 or a == b:
        return False
    for x, y in zip(wa, wb, strict=True):
        if x == y:
            continue
        short, long_ = (x, y) if len(x) < len(y) else (y, x)
        if len(short) < 4 or len(long_) < len(short) + 3 or short.isdigit() or not long_.startswith(short):
            return False  # "pari" (Paris) is no cut "parisb"
    return True


SEPARATORS = re.compile(
    r"\s[-–—]\s|(?<=\S)[-–—]\s|\s[-–—](?=\S)|[/;:()\[\]&]|,(?!\s*[a-zà-ÿ]+(?:\s*,|\s+(?:et|and|und)\s))|(?<=[a-z])-(?=(?:Universi|Institut|Hospital|Hôpital|School)\w*\b)"
)
"""Where a publisher joins an organisation and its unit: " - ", "/", ",", ";", ":", parentheses, "&"; not a comma
before a word in lower case and "et" or another comma, which lists the subjects of one name ("Agroécologie,
génétique et systèmes d'élevage")."""


COMMON_WORDS_FILE = Path(__file__).parent.parent / "common_name_words.txt"
"""Words found in many organisation names (scripts/common_name_words.py): not distinctive."""


@lru_cache(maxsize=1)
def _word_counts() -> dict[str, int]:
    lines = COMMON_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return {w: int(c) for w, c in (line.split("\t") for line in lines if line.strip() and not line.startswith("#"))}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    return frozenset(_word_counts())


_BIG_BLOCK = 80
"""A word found in this many names or more blocks too many candidates to be an extra blocking key."""


def named_university(norm: str) -> bool:
    """Whether a university's compared name has a name of its own: a distinctive word, or three words besides
    generic ones ("Université Pierre et Marie Curie", whose words are each in many names; not "Université de Paris").

    >>> named_university("univ pierre marie curie"), named_university("univ pari"), named_university("univ uppsala")
    (True, False, True)
    """
    return is_distinctive(norm) or len([w for w in norm.split() if w not in GENERIC and not w.isdigit()]) >= 3


def is_distinctive(norm: str) -> bool:
    """Whether a compared name has a word that few organisation names have (a proper noun, a brand).

    >>> is_distinctive("univ uppsala"), is_distinctive("inst science terre"), is_distinctive("lab physique 2")
    (True, False, False)
    """
    common = common_words()
    return any(len(w) >= 3 and not w.isdigit() and w not in common and w not in GENERIC for w in norm.split())


@lru_cache(maxsize=65536)
def split_parts(name: str) -> tuple[str, ...]:
    """The compared forms of a raw name's parts, cut at its separators, in order; what is in
    parentheses comes last ("Max Planck Institute (MPI) of Biophysics" is one part, then "MPI")."""
    inside = re.findall(r"\(([^)]*)\)", name)
    outside = re.sub(r"\([^)]*\)", " ", name)
    out = (compare_key(norm_name(part)) for part in [*SEPARATORS.split(outside), *inside])
    return tuple(x for x in out if x)


PLACE_WORDS = FEW_PLACE_WORDS | frozenset(compare_key(w) for w in country_words())
"""Every country's name, in English and French ("Cukurova University - Turquie"). Not the French regions:
"Université de Provence", "Université des Antilles et de la Guyane" are universities of their own."""


def initialism(token: str, words: list[str]) -> bool:
    """Whether `token` is the initials of `words`, French elisions allowed (CNES = Centre National d'Études Spatiales).

    >>> initialism("cnes", "centre national detudes spatiales".split()), initialism("cnes", ["centre", "national"])
    (True, False)
    """
    if len(token) < 3 or not token.isalpha():
        return False
    starts = [{w[0]} | ({w[1]} if len(w) > 2 and w[0] in "dl" else set()) for w in words if w]
    i = 0
    for letters in starts:
        if i < len(token) and token[i] in letters:
            i += 1
    return i == len(token)


@lru_cache(maxsize=65536)
def spelt_hospital(norm: str) -> str:
    """A compared name with a French hospital's category acronym spelt out, to screen candidates: "CHRU de Dijon"
    shares one word of five with "Centre Hospitalier Régional Universitaire de Dijon", too few for the screen.

    >>> spelt_hospital("chru dijon"), spelt_hospital("univ lille")
    ('ctr hospitalier regional universitaire dijon', 'univ lille')
    """
    words = norm.split()
    if not set(words) & HOSPITAL_ACRONYMS.keys():
        return norm
    return " ".join(HOSPITAL_ACRONYMS.get(w, w) for w in words)


@lru_cache(maxsize=65536)
def name_numbers(text: str) -> frozenset[str]:
    """Words that tell sites or units apart: numbers and lone letters ("Paris B", "U1149")."""
    return frozenset(w for w in text.split() if len(w) == 1 or any(ch.isdigit() for ch in w))


@lru_cache(maxsize=65536)
def written_initials(name: str) -> str:
    """The initials of a name's words as written, without its small words: compared names replace some words
    ("Zentrum" is "ctr"), which an acronym does not ("DZNE" is "Deutsches Zentrum für Neurodegenerative
    Erkrankungen"); "" for a name of fewer than four such words.

    >>> written_initials("Deutsches Zentrum für Neurodegenerative Erkrankungen"), written_initials("Institut Curie")
    ('DZNE', '')
    """
    words = [w for w in re.findall(r"[a-z]+", strip_accents(name).lower()) if w not in SMALL_WORDS]
    return "".join(w[0] for w in words).upper() if len(words) >= 4 else ""


def plain_initials(norm: str, name: str = "") -> str:
    """The initials of a compared name, upper case; "" when a word may have lost an elision ("linformatique"
    is "l'informatique": "Ecole pour l'Informatique et les Techniques Avancées" is EITA, not ELTA), unless the
    raw name writes that word as a proper noun ("Lausanne", "Loeffler": EPFL, FLI).

    >>> plain_initials("office nat etude recherche aerospatiale"), plain_initials("ecole linformatique tech")
    ('ONERA', '')
    >>> plain_initials("ecole polytechnique federale lausanne", "Ecole Polytechnique Federale de Lausanne")
    'EPFL'
    >>> plain_initials("ecole linformatique tech", "Ecole pour lInformatique et les Techniques")
    ''
    """
    words = norm.split()
    raw = set(re.findall(r"[A-Za-z]+", strip_accents(name).replace("ß", "ss"))) if name else set()
    if any(len(w) > 4 and w[0] in "dl" and w[1] in "aeiouy" and not _proper_noun(w, raw) for w in words):
        return ""
    return "".join(w[0] for w in words).upper()


def _proper_noun(word: str, raw: set[str]) -> bool:
    """Whether a compared word is written in the raw name as a capitalised word of its own ("Lausanne")."""
    return any(
        len(r) >= len(word) - 1
        and r[0].isupper()
        and r[1:].islower()
        and r.lower()[0] == word[0]
        and compare_key(r.lower()) == word
        for r in raw
    )
