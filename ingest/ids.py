"""Identifiers and names: canonical actor ids, external-id checks, name normalisation, places.

An actor's canonical id comes from its strongest identifier (RNSR, then SIREN, PIC, UAI),
so the same lab named by two sources lands on one node without any fuzzy matching; only
actors known by name alone get a slug, scoped to their source.
"""

from __future__ import annotations

import re

from ontology.text import strip_accents

__all__ = [
    "EXTERNAL_ID_PATTERNS",
    "ID_STRENGTH",
    "acronym_tokens",
    "actor_id",
    "clean_external_id",
    "departement_of_postcode",
    "norm_name",
    "slug",
    "strip_accents",
]

EXTERNAL_ID_PATTERNS: dict[str, str] = {
    "rnsr": r"[0-9]{9}[A-Z]",
    "siren": r"[0-9]{9}",
    "siret": r"[0-9]{14}",
    "pic": r"[0-9]{9}",
    "uai": r"[0-9]{7}[A-Z]",
    "finess": r"[0-9]{2}[0-9AB][0-9]{6}",
    "ror": r"0[a-z0-9]{6}[0-9]{2}",
    "wikidata": r"Q[0-9]+",
    "grid": r"grid\.[0-9]+\.[0-9a-f]+",
    "isni": r"[0-9]{15}[0-9X]",
}
"""The shapes.ttl patterns of each external id, without anchors."""

ID_STRENGTH: tuple[str, ...] = ("rnsr", "siren", "finess", "pic", "uai", "ror", "wikidata")
"""Which external id names an actor's canonical id, strongest first."""

_LEGAL_FORMS = {
    "sa", "sas", "sasu", "sarl", "eurl", "sca", "sci", "snc", "gie", "scop", "selarl",
    "gmbh", "ag", "bv", "nv", "spa", "srl", "sl", "ltd", "limited", "llc", "inc", "plc", "corp", "co", "ab", "as", "oy", "ets",
}  # fmt: skip
_STOP = {
    "de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "a", "au", "aux", "sur", "pour",  # French
    "of", "the", "and", "for", "in", "at",  # English
    "di", "dei", "delle", "del", "della", "da", "do", "dos", "das", "y", "te", "zur", "zu", "fur", "fuer", "und", "per", "lo",
}  # fmt: skip


def norm_name(name: str) -> str:
    """A comparison key for organisation names: no accents, case, punctuation, legal forms.

    Apostrophes are dropped without a space, as several publishers already do
    ("Commissariat à lEnergie" and "Commissariat à l'énergie" meet).

    >>> norm_name("Commissariat à l'Énergie Atomique et aux Énergies Alternatives")
    'commissariat lenergie atomique energies alternatives'
    >>> norm_name("ALTERIX LTD")
    'alterix'
    >>> norm_name("Université de Paris VI"), norm_name("Université Lyon1"), norm_name("S.A.S. BROUARD")
    ('universite paris 6', 'universite lyon 1', 'brouard')
    >>> norm_name("Université Paris I Panthéon"), norm_name("Universitetet i Bergen")
    ('universite paris 1 pantheon', 'universitetet bergen')
    """
    text = re.sub(r"\b([dl])['’]\s+", r"\1'", strip_accents(name).lower())  # "d' Administration" as "d'Administration"
    text = text.replace("'", "").replace("’", "").replace("`", "")
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)  # "S.A.S." → "sas", "P.A.S.T.E.U.R." → "pasteur"
    text = re.sub(r"\bap[\s-]?hp\b", "aphp", text)  # "AP-HP", "AP HP", "APHP"
    text = re.sub(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z]{3,})", " ", text)  # "lyon1" → "lyon 1"
    raw = re.findall(r"[a-z0-9]+", text)
    words = [_roman(w, raw[i - 1] if i else "", i == len(raw) - 1) for i, w in enumerate(raw)]
    kept = [w for w in words if w not in _LEGAL_FORMS and w not in _STOP]
    return " ".join(kept or words)


_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}[a-z]?\b\.?")
"""Initials written with dots."""

_ROMAN = {r: str(i) for i, r in enumerate("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv".split(), start=1)}
"""Roman numerals as whole words ("Paris VI", "Bordeaux I") read as digits, as other publishers write them."""

_NUMBERED = frozenset(
    "paris lyon bordeaux grenoble montpellier toulouse lille aix marseille nancy rennes strasbourg clermont ferrand"
    " caen nantes orleans poitiers reims tours dijon besancon metz rouen amiens jaume".split()
)
"""Words a lone "I" follows as a numeral ("Paris I", "Jaume I"); elsewhere it is a word of another
language ("Universitetet i Bergen", "Rovira i Virgili") and is dropped."""


def _roman(word: str, before: str, last: bool) -> str:
    if word != "i":
        return _ROMAN.get(word, word)
    return "1" if last or before in _NUMBERED else "de"  # "de": a stop word, dropped with the others


def acronym_tokens(name: str) -> set[str]:
    """Normalised words that are an acronym or qualifier in the original name: in parentheses or
    brackets, or short words written in capitals inside a name that is not all capitals.

    >>> sorted(acronym_tokens("Centre National d'Études Spatiales (CNES)"))
    ['cnes']
    >>> sorted(acronym_tokens("German Center for Neurodegenerative Diseases DZNE"))
    ['dzne']
    >>> sorted(acronym_tokens("INSTITUT PASTEUR DE LILLE")), sorted(acronym_tokens("UNIVERSITE DE ROUEN [HAUTE-NORMANDIE]"))
    ([], ['haute', 'normandie'])
    """
    out = set()
    for inside in re.findall(r"\(([^)]*)\)|\[([^\]]*)\]", name):
        inside = "".join(inside)
        out.update(norm_name(inside).split())
    letters = [c for c in name if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) < 0.8 * len(letters):
        for word in re.findall(r"[A-Za-z0-9]+", strip_accents(name)):
            if 2 <= len(word) <= 6 and word.isupper():  # an acronym, not a word typed in capitals
                out.update(norm_name(word).split())
    return out


def slug(text: str, limit: int = 80) -> str:
    """A lowercase id fragment that matches the shapes' id pattern.

    >>> slug("Institut Pasteur (BP)")
    'institut-pasteur-bp'
    """
    s = re.sub(r"[^a-z0-9]+", "-", strip_accents(text).lower()).strip("-")
    return s[:limit].rstrip("-") or "x"


def clean_external_id(kind: str, value: str) -> str | None:
    """The external id in its canonical form, or None if it does not match its pattern.

    Case and blanks are forgiven (ANR writes some RNSR ids in lowercase); anything else is not.

    >>> clean_external_id("rnsr", " 199917859w ")
    '199917859W'
    >>> clean_external_id("rnsr", "493902662") is None
    True
    >>> clean_external_id("isni", "0000 0004 0383 060x"), clean_external_id("grid", "GRID.464092.D")
    ('000000040383060X', 'grid.464092.d')
    """
    v = re.sub(r"\s+", "", value or "")
    v = v.lower() if kind in ("ror", "grid") else v.upper()
    return v if re.fullmatch(EXTERNAL_ID_PATTERNS[kind], v) else None


def actor_id(ext: dict[str, str], source: str, name: str) -> str:
    """The canonical id: the strongest external id, else a name slug within the source.

    >>> actor_id({"siren": "433572203", "pic": "999627875"}, "ilab", "NMRTEC")
    'siren-433572203'
    >>> actor_id({}, "anr", "Institut Pasteur")
    'anr-institut-pasteur'
    """
    for kind in ID_STRENGTH:
        if ext.get(kind):
            return f"{kind}-{ext[kind].lower()}"
    return f"{source}-{slug(name)}"


def departement_of_postcode(postcode: str) -> str | None:
    """The département code of a French postcode (Corsica 2A/2B, overseas 971–976).

    >>> departement_of_postcode("91120"), departement_of_postcode("20090"), departement_of_postcode("97400")
    ('91', '2A', '974')
    >>> departement_of_postcode("A1090") is None
    True
    """
    pc = (postcode or "").strip().replace(" ", "")
    if not re.fullmatch(r"[0-9]{5}", pc):
        return None
    if pc.startswith("20"):
        return "2A" if pc[:3] in {"200", "201"} else "2B"
    if pc.startswith("97"):
        return pc[:3] if pc[:3] in {"971", "972", "973", "974", "976"} else None
    if pc.startswith(("98", "00")):
        return None
    return pc[:2]
