"""Entity resolution: who is who across rows and sources, before anything is written.

Identifiers first: two actor records that share an RNSR, SIREN, PIC, FINESS, UAI or ROR are
one actor. Then names, for actors known by name alone (a slug id): names are normalised
(accents, case, punctuation, legal forms), compared with rapidfuzz within blocks (first
name token), and city must agree when both sides give one. A publisher acronym (CNRS,
INSERM, AP-HP) stands for the organisation that declares it when that is unambiguous.
Clear matches merge; near matches go to a review CSV; a reviewer's decisions CSV
(`merge` / `keep_apart`) is applied on the next load. Everything is sorted, so the same
input gives the same merges.
"""

from __future__ import annotations

import csv
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from errors import IngestError
from ingest.ids import ID_STRENGTH, acronym_tokens, norm_name, strip_accents
from ingest.places import _OVERSEAS, country, country_words, locate, near
from ingest.records import Batch, LinkRecord, NodeRecord
from ingest.resolution.aliases import AliasIndex, pick

__all__ = [
    "ActorProfile",
    "Decision",
    "Resolution",
    "MERGE_SCORE",
    "REVIEW_SCORE",
    "match_score",
    "pair_score",
    "compare_key",
    "city_key",
    "make_profile",
    "known_actors",
    "block_keys",
    "COMMON_WORDS_FILE",
    "read_decisions",
    "resolve_batch",
    "write_review",
]

log = logging.getLogger(__name__)

MERGE_SCORE = 95.0
"""Name similarity (0–100, rapidfuzz token_sort_ratio on normalised names) from which two actors merge."""
REVIEW_SCORE = 88.0
"""From this score up to MERGE_SCORE a pair goes to the review file instead."""

_ID_KINDS = ("rnsr", "siren", "pic", "finess", "uai", "ror", "wikidata")


@dataclass(frozen=True)
class ActorProfile:
    """What resolution compares: an actor's id, names, place and external ids."""

    id: str
    name: str
    norm: str
    city: str = ""
    acronym: str = ""
    ext: tuple[tuple[str, str], ...] = ()
    in_graph: bool = False
    qualifiers: frozenset[str] = frozenset()
    names: tuple[str, ...] = ()
    """Every other name the actor arrived under (the graph's `names`, a record's own spelling)."""
    merged_ids: tuple[str, ...] = ()
    """Ids of the records earlier loads merged into this actor (the graph's `aliases`)."""

    @property
    def strong(self) -> bool:
        """Named by an external id, not by a name slug."""
        return bool(self.ext)


@dataclass(frozen=True)
class Decision:
    """A reviewer's verdict on a pair of actor ids."""

    a: str
    b: str
    verdict: str  # "merge" | "keep_apart"


@dataclass
class Resolution:
    """The outcome: old id → canonical id, and the pairs left for a person."""

    mapping: dict[str, str] = field(default_factory=dict)
    review: list[tuple[ActorProfile, ActorProfile, float]] = field(default_factory=list)
    merged_by_id: int = 0
    merged_by_name: int = 0
    merged_by_alias: int = 0
    merged_by_model: int = 0
    name_links: list[tuple[str, str, float]] = field(default_factory=list)
    """Each merge by name as (actor, the actor it matched, score): why two actors became one."""


_WORD_FORMS = {
    **dict.fromkeys(
        "university universite universitat universitaet universitet universiteit universidad universidade universita"
        " universitetet universiteti universitatea universitesi univerzita uniwersytet uni".split(),
        "univ",
    ),
    **dict.fromkeys("institute institut instituto istituto instytut".split(), "inst"),
    **dict.fromkeys("centre center centro zentrum".split(), "ctr"),
    "fz": "forschungszentrum",  # "FZ Jülich"
    **dict.fromkeys("laboratoire laboratory laboratorio labo".split(), "lab"),
    **dict.fromkeys("national nationale nazionale nacional".split(), "nat"),
    **dict.fromkeys(
        "technology technologie technological technische technical tecnologia tecnologica teknologi tekniske"
        " technologique teknik technischen".split(),
        "tech",
    ),
    "superieure": "superieur",
    # a few more words of names in the partners' languages, each as its French form that starts with the same
    # letter, so that initials still spell acronyms ("Università Politecnica delle Marche" / "Marche Polytechnic
    # University", "National School of Veterinary Medicine" / "École Nationale de Médecine Vétérinaire")
    **dict.fromkeys("medicine medicina medizin".split(), "medecine"),
    **dict.fromkeys("veterinary veterinaria veterinario".split(), "veterinaire"),
    **dict.fromkeys("polytechnic politecnica politecnico polytechnika politechnika".split(), "polytechnique"),
    **dict.fromkeys("research ricerca ricerche recerca".split(), "recherche"),
    **dict.fromkeys("salud salute saude".split(), "sante"),
    **dict.fromkeys("scienze".split(), "science"),
    **dict.fromkeys("european europea europeo europese".split(), "europeen"),
    **dict.fromkeys("internacional internazionale internationaal".split(), "international"),
    **dict.fromkeys("catholic catolica cattolica".split(), "catholique"),
    **dict.fromkeys("academy academia".split(), "academie"),
    **dict.fromkeys("museo musee".split(), "museum"),
    **dict.fromkeys("observatory osservatorio".split(), "observatoire"),
    **dict.fromkeys("chemistry".split(), "chimie"),
    **dict.fromkeys("physics".split(), "physique"),
    **dict.fromkeys("mathematics matematica".split(), "mathematique"),
    **dict.fromkeys("informatics informatica".split(), "informatique"),
    **dict.fromkeys("environment".split(), "environnement"),
    **dict.fromkeys("economics economy economia".split(), "economie"),
    **dict.fromkeys("energy energia".split(), "energie"),
    "generale": "general",
    "regionale": "regional",
    "internationale": "international",
    "europeenne": "europeen",
}
"""The same word in the languages of the partners' names, so "Universität" meets "University"."""


_GENERIC = frozenset(
    "univ inst ctr lab nat ecole societe group groupe research recherche department departement departamento faculty"
    " faculte school hopital hospital fondation foundation fondazione association unite unit service federal technical"
    " technische superieure superieur regional regionale general generale international cnrs inserm".split()
)
"""Words too common to block on: a name is blocked by its first other word."""


def block_keys(norm: str) -> tuple[str, ...]:
    """The blocking words of a compared name: its first two words that are not generic organisation
    words, and the first in alphabetical order of its distinctive words, so that "Université Lyon 1
    Claude Bernard" meets "Université Claude Bernard Lyon 1".

    >>> block_keys("univ bordeaux"), block_keys("inst nat sante recherche medicale"), block_keys("univ")
    (('bordeaux',), ('sante', 'medicale'), ('univ',))
    >>> block_keys("univ lyon 1 claude bernard")
    ('lyon', '1', 'bernard')
    """
    words = [w for w in norm.split() if w not in _GENERIC]
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


_CITY_WORDS = {
    **{w: "wien" for w in ("vienne", "vienna")},
    **{w: "munchen" for w in ("munich", "muenchen")},
    **{w: "koln" for w in ("cologne", "koeln")},
    **{w: "roma" for w in ("rome",)},
    **{w: "milano" for w in ("milan",)},
    **{w: "napoli" for w in ("naples",)},
    **{w: "venezia" for w in ("venise", "venice")},
    **{w: "torino" for w in ("turin",)},
    **{w: "lisboa" for w in ("lisbonne", "lisbon")},
    **{w: "warszawa" for w in ("varsovie", "warsaw")},
    **{w: "praha" for w in ("prague",)},
    **{w: "gent" for w in ("gand", "ghent")},
    **{w: "frankfurt" for w in ("francfort",)},
    **{w: "geneva" for w in ("geneve", "genf")},
    **{w: "brussels" for w in ("bruxelles", "brussel")},
    **{w: "kobenhavn" for w in ("copenhague", "copenhagen")},
    **{w: "athina" for w in ("athenes", "athens")},
    **{w: "moskva" for w in ("moscou", "moscow")},
    **{w: "beijing" for w in ("pekin", "peking")},
    **{w: "barcelona" for w in ("barcelone",)},
    **{w: "sevilla" for w in ("seville",)},
    **{w: "krakow" for w in ("cracovie", "cracow")},
    **{w: "hamburg" for w in ("hambourg",)},
    **{w: "tubingen" for w in ("tuebingen",)},
    **{w: "bern" for w in ("berne",)},
}
"""A city named inside an organisation's name in French or English, as its own language writes it
("Université de Vienne" = "Universität Wien"). Ambiguous names (Fribourg, Florence) are left out."""


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
        out.append(_word_form(w))
    if "univ" in out[1:] and out[0] in _LEGAL_BODY_WORDS | {"univ"}:
        last = len(out) - 1 - out[::-1].index("univ")
        if set(out[:last]) <= _LEGAL_BODY_WORDS | {"univ"} and set(out[:last]) & _LEGAL_BODY_WORDS:
            out = out[last:]  # "The Regents of the University of California": the university's legal body
    return " ".join(out)


@lru_cache(maxsize=65536)
def _word_form(w: str) -> str:
    """One word as compared: in its unified form, without a plural `s`, German umlauts as typed without them."""
    w = _WORD_FORMS.get(w) or _CITY_WORDS.get(w, w)
    w = w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w
    if "e" in w:
        w = _UMLAUT.sub(lambda m: m.group(0)[0], w)
    return w


_LEGAL_BODY_WORDS = frozenset(
    "regent court chancellor master scholar governing council governor board trustee president fellow provost".split()
)
"""Words of the body that holds a university in law, which its legal name puts first ("The University Court of the
University of St Andrews", "The Chancellor, Masters and Scholars of the University of Oxford")."""


def make_profile(
    aid: str,
    name: str,
    city: str = "",
    acronym: str = "",
    ext: tuple[tuple[str, str], ...] = (),
    in_graph: bool = False,
    names: Iterable[str] = (),
    merged_ids: Iterable[str] = (),
) -> ActorProfile:
    """A profile with its comparison forms computed from the raw name and city."""
    return ActorProfile(
        id=aid,
        name=name,
        norm=_name_norm(name),
        city=city_key(city),
        acronym=_acronym(acronym),
        ext=ext,
        in_graph=in_graph,
        qualifiers=_qualifiers(name),
        names=tuple(sorted({n for n in names if n and n != name})),
        merged_ids=tuple(sorted(set(merged_ids) - {aid})),
    )


def _qualifiers(name: str) -> frozenset[str]:
    """The compared forms of a name's acronyms and qualifiers, each on its own (a set has no order: "MC"
    reads as "medical centre" after another word only, so a joined set would read differently run to run)."""
    return frozenset(w for token in sorted(acronym_tokens(name)) for w in compare_key(token).split())


def _name_norm(name: str) -> str:
    """A name as the resolver compares it (a profile's `norm`): ß and dotted initials spelt out, normalised, compared form."""
    return compare_key(norm_name(_sharp_s(name)))


def _sharp_s(text: str) -> str:
    """German ß in a name as "ss", as other publishers type it ("Großhadern" / "Grosshadern"); accents
    removal would otherwise cut the word in two ("gro hadern"). (Cities keep the form places.tsv is built in.)
    And initials with dots before a space or at the end of a name, which `norm_name` reads only before
    another letter ("NanoSanguis S.A." is "NanoSanguis SA", a legal form).

    >>> make_profile("a", "Klinikum Großhadern").norm == make_profile("b", "KLINIKUM GROSSHADERN").norm
    True
    >>> make_profile("a", "NanoSanguis S.A.").norm
    'nanosangui'
    """
    text = _FINAL_INITIALS.sub(lambda m: m.group(0).replace(".", ""), text)
    return text.replace("ß", "ss").replace("ẞ", "SS")


_FINAL_INITIALS = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}(?=\s|$)")

_FOUNDERS = re.compile(r"(?i)\b(?:[^\W\d_]+-)+(?=(?:universit(?:ät|aet|at|y)|uni)\s+\w)")
"""The names a German university bears joined to its word ("Ruprecht-Karls-Universität Heidelberg", "Georg-August-
University Göttingen"): as the other publishers write it, "Universität Heidelberg".

>>> _FOUNDERS.sub("", "RUPRECHT-KARLS-UNIVERSITAET HEIDELBERG"), _FOUNDERS.sub("", "Université Paris-Sud")
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
    return _EXONYMS.get(city, city)


_LIGATURE_FORMS = {"ß": "ss", "ẞ": "SS", "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"}
_LIGATURES = re.compile("|".join(_LIGATURE_FORMS))
"""Letters that no accent stripping turns into ASCII: dropped, "Oberschleißheim" would read "oberschlei heim"."""


_EXONYMS = dict(
    pair.replace("_", " ").split(":")
    for pair in (
        "vienne:wien munich:munchen cologne:koln londres:london bale:basel berne:bern milan:milano rome:roma"
        " florence:firenze naples:napoli venise:venezia genes:genova turin:torino lisbonne:lisboa varsovie:warszawa"
        " prague:praha anvers:antwerpen louvain:leuven gand:gent francfort:frankfurt mayence:mainz"
        " aix_chapelle:aachen hanovre:hannover geneve:geneva genf:geneva bruxelles:brussels brussel:brussels"
        " copenhague:kobenhavn copenhagen:kobenhavn athenes:athina moscou:moskva pekin:beijing edimbourg:edinburgh"
        " seville:sevilla saragosse:zaragoza cracovie:krakow dresde:dresden nuremberg:nurnberg juliers:julich"
        " constance:konstanz fribourg:freiburg wurtzbourg:wurzburg leyde:leiden haye:den_haag nimegue:nijmegen"
        " salzbourg:salzburg padoue:padova pise:pisa bologne:bologna sienne:siena ratisbonne:regensburg"
        " brunswick:braunschweig barcelone:barcelona grenade:granada cordoue:cordoba hambourg:hamburg"
        " muenchen:munchen koeln:koln tuebingen:tubingen iena:jena"
    ).split(" ")
)
"""French names of foreign cities (as ANR writes them) → the local name (as CORDIS writes it).
Vienne (Isère) reads as Wien too: two organisations still need the same name to meet there."""


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


def profiles_of(batch: Batch) -> dict[str, ActorProfile]:
    """One profile per actor id of the batch (first non-empty values win, as in the loader)."""
    acc: dict[str, dict[str, Any]] = {}
    for rec in batch.nodes:
        if rec.label != "Actor":
            continue
        p = acc.setdefault(rec.id, {"ext": {}, "names": set()})
        for k in ("name", "city", "acronym"):
            if not p.get(k) and rec.props.get(k):
                p[k] = str(rec.props[k])
        p["names"].update(str(n) for n in rec.props.get("names") or ())
        for kind in _ID_KINDS:
            v = rec.props.get(kind)
            if v and kind not in p["ext"]:
                p["ext"][kind] = str(v)
    return {
        aid: ActorProfile(
            id=aid,
            name=p.get("name", ""),
            norm=_name_norm(p.get("name", "")),
            city=city_key(p.get("city", "")),
            acronym=_acronym(p.get("acronym", "")),
            ext=tuple(sorted(p["ext"].items())),
            qualifiers=_qualifiers(p.get("name", "")),
            names=tuple(sorted(p["names"] - {p.get("name", "")})),
        )
        for aid, p in sorted(acc.items())
    }


@lru_cache(maxsize=65536)
def _own_acronyms(name: str) -> tuple[str, ...]:
    """An acronym in parentheses at the end of a name, one word of capitals: the organisation's own.

    >>> _own_acronyms("Leibniz Centre for Agricultural Landscape Research (ZALF)"), _own_acronyms("Inserm (U 1016)")
    (('ZALF',), ())
    """
    m = re.search(r"\(\s*([A-Z][A-Z0-9&]{2,9})\s*\)\s*$", strip_accents(name))
    return (_acronym(m.group(1)),) if m and not m.group(1).isdigit() else ()


def _acronym(text: str) -> str:
    return "".join(ch for ch in strip_accents(text).upper() if ch.isalnum())


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True


def _strength(p: ActorProfile) -> tuple[int, int, int, str]:
    """Sort key of the canonical id of a cluster: in the graph already, then strongest id, then the
    shortest name ("Université Paris Descartes" stands for "…, Université Paris Descartes")."""
    prefix = p.id.split("-", 1)[0]
    rank = ID_STRENGTH.index(prefix) if prefix in ID_STRENGTH else len(ID_STRENGTH)
    return (0 if p.in_graph else 1, rank, len(p.norm), p.id)


def _conflict(members: Iterable[ActorProfile]) -> bool:
    """Two different values of one id kind in a cluster: distinct organisations."""
    seen: dict[str, str] = {}
    for p in members:
        for kind, value in p.ext:
            if seen.setdefault(kind, value) != value:
                return True
    return False


def resolve_profiles(
    profiles: Mapping[str, ActorProfile],
    decisions: Iterable[Decision] = (),
    *,
    merge_score: float = MERGE_SCORE,
    review_score: float = REVIEW_SCORE,
) -> Resolution:
    """Cluster actor profiles; each cluster maps to its strongest id."""
    token = _LAB_ACRONYMS.set(
        frozenset(
            p.acronym.lower() for p in profiles.values() if len(p.acronym) >= 3 and any(k == "rnsr" for k, _ in p.ext)
        )
    )
    words = _NAME_WORDS.set(_NameWords(profiles))
    try:
        return _resolve_profiles(profiles, decisions, merge_score, review_score)
    finally:
        _LAB_ACRONYMS.reset(token)
        _NAME_WORDS.reset(words)


def _resolve_profiles(
    profiles: Mapping[str, ActorProfile], decisions: Iterable[Decision], merge_score: float, review_score: float
) -> Resolution:
    uf = _UnionFind()
    res = Resolution()
    members: dict[str, list[ActorProfile]] = defaultdict(list)
    for p in profiles.values():
        uf.find(p.id)

    cities: dict[str, set[str]] = {}

    def try_union(a: str, b: str, by_name: bool = False, trusted: bool = False) -> bool:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            return False
        merged = members.get(ra, [profiles[ra]]) + members.get(rb, [profiles[rb]])
        if _conflict(merged):
            return False
        ca = cities.get(ra, {profiles[ra].city} - {""})
        cb = cities.get(rb, {profiles[rb].city} - {""})
        # a name match joins two clusters only where their places agree: "X (Paris)" and "X (Lyon)"
        # do not become one through a third "X" with no city; a cluster already on two sites of one
        # organisation (Ramonville, Villeneuve-d'Ascq) takes a record from either
        if by_name and ca and cb and not any(_cities_agree(x, y) for x in ca for y in cb):
            return False
        # two actors the graph already holds stay two: a load cannot fold one node into another,
        # so a name merge between them would only send this load's records to one of them
        if (
            not trusted
            and any(m.in_graph for m in members.get(ra, [profiles[ra]]))
            and any(m.in_graph for m in members.get(rb, [profiles[rb]]))
        ):
            return False
        uf.union(a, b)
        root = uf.find(a)
        members[root] = merged
        cities[root] = ca | cb
        return True

    # 1. identifiers
    by_ext: dict[tuple[str, str], list[str]] = defaultdict(list)
    for p in profiles.values():
        for kv in p.ext:
            by_ext[kv].append(p.id)
    for _kv, ids in sorted(by_ext.items()):
        for other in ids[1:]:
            if try_union(ids[0], other, trusted=True):
                res.merged_by_id += 1

    # a record an earlier load merged into an actor of the graph is that actor again
    remembered: set[str] = set()
    owners: dict[str, set[str]] = defaultdict(set)
    for p in profiles.values():
        for old in p.merged_ids:
            owners[old].add(p.id)
    for old, owner in sorted(owners.items()):
        if old in profiles and len(owner) == 1 and not profiles[old].in_graph:
            if try_union(old, next(iter(owner)), trusted=True):
                res.merged_by_alias += 1
                remembered.add(old)

    apart = {frozenset((d.a, d.b)) for d in decisions if d.verdict == "keep_apart"}
    for d in decisions:
        if d.verdict == "merge" and d.a in profiles and d.b in profiles:
            try_union(d.a, d.b, trusted=True)

    apart_ok = (lambda x, y: frozenset((x, y)) not in apart) if apart else (lambda x, y: True)  # noqa: E731

    # 2. aliases: a name an identified or loaded actor is known under names that actor
    aliased = _join_aliases(profiles, res, uf, try_union, apart_ok, remembered) | remembered

    # 3. names, for actors named by a slug
    by_norm: dict[str, list[ActorProfile]] = defaultdict(list)
    by_compact: dict[str, list[ActorProfile]] = defaultdict(list)
    blocks: dict[str, list[ActorProfile]] = defaultdict(list)
    acronyms: dict[str, set[str]] = defaultdict(set)
    initials: dict[str, set[str]] = defaultdict(set)
    for p in profiles.values():
        if p.norm:
            by_norm[p.norm].append(p)
            by_compact[p.norm.replace(" ", "")].append(p)
            core = _site_core(p)
            if core != p.norm:
                by_compact[core.replace(" ", "")].append(p)
            for key in _profile_keys(p):
                blocks[key].append(p)
            words = p.norm.split()
            if len(words) >= 3:
                initials["".join(w[0] for w in words).upper()].add(p.id)
                written = _written_initials(p.name)  # "Deutsches Zentrum für … Erkrankungen": DZNE
                if written:
                    initials[written].add(p.id)
        if p.acronym and len(p.acronym) >= 3:
            acronyms[p.acronym].add(p.id)
        for own in _own_acronyms(p.name):  # "Leibniz Centre for Agricultural Landscape Research (ZALF)"
            if own != p.acronym:
                acronyms[own].add(p.id)
    for p in (p for p in profiles.values() if not p.strong and p.norm and p.id not in aliased):
        best = _best_match(p, profiles, by_norm, by_compact, blocks, acronyms, initials, apart_ok, review_score)
        if best is None:
            continue
        score, qid = best
        if score >= merge_score:
            bridge = _bridge(p, profiles[qid])
            if bridge is not None and len(members.get(uf.find(bridge.id), ())) > 1:
                continue  # it already joined the organisation it names with another
            q = profiles[qid]
            elsewhere = not _city_ok(p, q)
            if elsewhere and not (_same_name(p, q) or _far_ok(p, q)):
                # the name of an organisation abroad (a subsidiary, a namesake): a person decides
                res.review.append((*sorted((p, q), key=lambda x: x.id), round(score, 1)))
                continue
            # the same distinctive name in two cities of one country is one organisation's two
            # sites: no test of place then, so "X (Paris)" and "X (Lyon)" join through it
            if try_union(p.id, qid, by_name=not elsewhere):
                res.merged_by_name += 1
                res.name_links.append((p.id, qid, round(score, 1)))
        else:
            a, b = sorted((p.id, qid))
            res.review.append((profiles[a], profiles[b], round(score, 1)))

    _join_sites(profiles, res, try_union, apart_ok, acronyms, initials)

    # 4. the learned matcher, for records still alone
    from ingest.resolution.learned import join_learned  # it reads this module's name forms

    learned, unsure = join_learned(profiles, uf.find, try_union, apart_ok)
    res.merged_by_model = len(learned)
    res.name_links.extend(learned)
    res.review.extend((*sorted((profiles[a], profiles[b]), key=lambda x: x.id), s) for a, b, s in unsure)

    groups: dict[str, list[ActorProfile]] = defaultdict(list)
    for i in sorted(profiles):
        groups[uf.find(i)].append(profiles[i])
    for _root, group in sorted(groups.items()):
        if len(group) < 2:
            continue
        canonical = min(group, key=_strength).id
        for p in group:
            if p.id != canonical:
                res.mapping[p.id] = canonical
    res.review = sorted({(a.id, b.id): (a, b, s) for a, b, s in res.review}.values(), key=lambda t: (t[0].id, t[1].id))
    return res


def _join_aliases(
    profiles: Mapping[str, ActorProfile],
    res: Resolution,
    uf: _UnionFind,
    try_union: Callable[..., bool],
    apart_ok: Callable[[str, str], bool],
    done: set[str],
) -> set[str]:
    """Join each name-only record of the load to the organisation one of its names is an alias of.

    Aliases are the names of actors a name may be trusted for: identified ones and those the
    graph holds (every name they were loaded under, their own name and acronym), in a place
    that agrees. A name as written comes first: an actor of the graph that holds that spelling
    is where the spelling landed before, so it lands there again; then its compared form. A
    name held by several actors names the one whose own name or acronym it is, else none.
    Returns the ids so joined.
    """
    trusted = [p for p in profiles.values() if p.strong or p.in_graph]

    def entries(key: Callable[[str], str]) -> Iterable[tuple[str, str, bool]]:
        for p in trusted:
            for n in (p.name, *p.names):
                yield key(n), p.id, n == p.name or (bool(p.acronym) and key(n) == key(p.acronym))

    written, compared = AliasIndex.build(entries(_written_key)), AliasIndex.build(entries(_name_norm))
    joined: set[str] = set()
    for p in profiles.values():
        if p.strong or p.in_graph or not p.norm or p.id in done:
            continue
        spellings = sorted({p.name, *p.names} - {""})
        for index, key, by_name in ((written, _written_key, False), (compared, _name_norm, True)):

            def place_ok(q: str, p: ActorProfile = p) -> bool:
                return _city_ok(p, profiles[q])

            target = None
            for k in sorted({key(n) for n in spellings} - {""}):
                hits = [h for h in index.hits(k) if h.actor_id != p.id and apart_ok(p.id, h.actor_id)]
                target = pick(hits, uf.find, place_ok)
                if target is not None:
                    break
            if target is None:
                continue
            if try_union(p.id, target, by_name=by_name):
                res.merged_by_alias += 1
                res.name_links.append((p.id, target, 100.0))
            if uf.find(p.id) == uf.find(target):
                joined.add(p.id)
            break
    return joined


def _written_key(name: str) -> str:
    """A name as written, up to case and spacing."""
    return " ".join(name.casefold().split())


_CATEGORY_ACRONYMS = frozenset("chu chru chr ch iut satt cci ens insa ifsi ehpad".split())
"""Acronyms of a kind of organisation, not of one organisation: "CHU Toulouse" and "CHU Nantes" are two."""


_SITE_WORDS = frozenset("ctr site campus antenne implantation".split())
"""A body's site named by its city: "CEMAGREF - Centre de Montpellier", "Campus de …"."""


def _site_core(p: ActorProfile) -> str:
    """A compared name without the city it is placed in when the publisher appended it ("Onera Toulouse",
    "IFSTTAR Champs-sur-Marne" → "onera", "ifsttar"); not when the city is part of the name ("CHU de Caen").

    >>> _site_core(make_profile("a", "IFSTTAR Champs sur Marne", "Champs-sur-Marne")), _site_core(make_profile("b", "CHU de Nantes", "Nantes"))
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
    if len(words) < n and len(words) > 1 and words[-1] in _SITE_WORDS:
        words.pop()  # "CEMAGREF - Centre de Montpellier": one of its sites
    elif len(words) < n and re.search(
        rf"\b(?:de|du|d|des|of|di)\W+{re.escape(p.city.split()[0])}", strip_accents(p.name).lower()
    ):
        return p.norm  # "CHU de Caen": the city names the organisation
    if len(words) > 1 and _site_words(" ".join(words[1:]), frozenset(city)):
        return words[0]  # "INRAE Centre Grand Est Colmar", "CIRAD - Paris": a one-word body and its site
    return " ".join(words)


_SITE_NAME_WORDS = _SITE_WORDS | frozenset(
    "siege direction delegation dr regional interregionale nord sud est ouest grand haut france occitanie"
    " aquitaine nouvelle auvergne rhone alpe bretagne normandie pay loire val bourgogne franche comte provence"
    " cote dazur paca corse ile idf antille guyane reunion".split()
)
"""Words of a site of a national body: its kind, its region ("INRAE Centre Hauts-de-France", "… Délégation Est")."""


@lru_cache(maxsize=65536)
def _site_words(rest: str, city: frozenset[str]) -> bool:
    """Whether the words after a body's one-word name only place one of its sites: a site word, with region
    words, the record's city or a place's name ("Centre Grand Est Colmar", "Centre Siège")."""
    words = rest.split()
    if not set(words) & _SITE_KIND_WORDS:
        return False  # "HEC Montréal", "Atmo Hauts-de-France": the place is part of the name
    return all(w in _SITE_NAME_WORDS or w in city or (len(w) >= 4 and locate(w)) for w in words)


def _site_part(part: str) -> bool:
    """A part of a name that names a site ("ctr montpellier")."""
    return bool(set(part.split()) & _SITE_KIND_WORDS)


_SITE_KIND_WORDS = frozenset("ctr site campus antenne implantation siege direction delegation dr".split())
"""What says a name is a site's: "centre", "siège", "délégation"."""


def _one_body_two_sites(p: ActorProfile, q: ActorProfile) -> bool:
    """A one-word body (an acronym: INRAE, IFSTTAR, ONERA) and the same body named with one of its sites."""
    cp, cq = _site_core(p), _site_core(q)
    if cp != cq or " " in cp or (cp == p.norm and cq == q.norm) or len(cp) < 3 or cp in _GENERIC | _CATEGORY_ACRONYMS:
        return False
    # written as an acronym in one of the names: a body's name, not a common word
    # (a one-word name in capitals is one: "ONERA", "INRAE"; so is the first part of a name in capitals
    # before its site: "CEMAGREF - CENTRE DE MONTPELLIER")
    return cp not in _HOSPITAL_WORDS and any(
        (not name.isupper() or len(name.split()) == 1)
        and any(w.isupper() and len(w) <= 8 and compare_key(norm_name(w)) == cp for w in re.findall(r"\w+", name))
        or (name.isupper() and len(_parts(name)) > 1 and _parts(name)[0] == cp and _site_part(_parts(name)[1]))
        for name in (p.name, q.name)
    )


def _same_name(p: ActorProfile, q: ActorProfile) -> bool:
    """Both names are one distinctive name once normalised ("IFP Energies Nouvelles" / "IFP Energies nouvelles"),
    or one body and one of its sites ("IFSTTAR Champs-sur-Marne" / "IFSTTAR", Bouguenais), and both cities are
    known to be in one country (CAMECA in Gennevilliers is not CAMECA in Madison)."""
    same = p.norm.replace(" ", "") == q.norm.replace(" ", "") and _distinctive(p.norm)
    if not (same or _one_body_two_sites(p, q)):
        return False
    cp, cq = country(p.city), country(q.city)
    return bool(cp) and cp == cq  # both placed in one country (AstraZeneca AB, Södertälje, is not AstraZeneca France)


def _near_city(word: str, city: str) -> bool:
    """Whether a word of a name is a place near `city` ("grenoble" near Saint-Martin-d'Hères, "marrakesh" at Marrakech)."""
    return bool(city) and len(word) >= 4 and not word.isdigit() and near(word, city)


def _city_ok(p: ActorProfile, q: ActorProfile) -> bool:
    """Cities agree when one is missing, equal, share their first word (Illkirch / Illkirch-Graffenstaden)
    or are spelt alike in two languages (Hambourg / Hamburg, Milan / Milano)."""
    return _cities_agree(p.city, q.city)


@lru_cache(maxsize=65536)
def _cities_agree(a: str, b: str) -> bool:
    """
    >>> _cities_agree("hambourg", "hamburg"), _cities_agree("rennes", "reims"), _cities_agree("", "lyon")
    (True, False, True)
    >>> _cities_agree("saint martin dheres", "grenoble"), _cities_agree("orsay", "paris")  # 4 km, 20 km apart
    (True, False)
    """
    return not a or not b or a == b or a.split()[0] == b.split()[0] or fuzz.ratio(a, b) >= 80 or near(a, b)


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
    codes = _lab_code_numbers(p.norm)
    if codes and codes == _lab_code_numbers(q.norm) and _code_names_agree(p.norm, q.norm):
        return 100.0
    a, b = set(p.norm.split()), set(q.norm.split())
    if a == b:
        return 100.0  # the same words in another order, or one repeated
    if (
        _same_delegation(p, q)
        or _same_hospital(a, b, (p.city, q.city))
        or _same_cancer_centre(a, b)
        or _one_body_two_sites(p, q)
    ):
        return 100.0
    if _lab_named_after_body(p, q) or _lab_named_after_body(q, p):
        return 100.0
    if _same_foreign_university(p, q):
        return 100.0
    score = float(fuzz.token_sort_ratio(p.norm, q.norm))
    if _same_core(p, q):
        return 100.0
    short, long_ = (p, q) if a < b else (q, p)
    # "INRA - Unité de Recherches Avicoles" is the unit, not INRA
    if (a < b or b < a) and not _lab_of_body(short, long_):
        extra = set(long_.norm.split()) - set(short.norm.split())
        # any country after a university's name ("Cukurova University - Turquie"); after another
        # organisation's, only the few that name no other national body ("Institut Pasteur du Cambodge")
        countries = (
            _PLACE_WORDS | {"studi"} if "univ" in short.norm.split() else _FEW_PLACE_WORDS
        )  # "Università degli Studi di Milano"
        # a body's name with an acronym after a dash names a unit of it ("Université de Strasbourg - ICUBE");
        # in parentheses, or spelling the name, it is the body's own ("University of Bergen (UiB)")
        french = country(long_.city or short.city) == "FR"  # abroad, a department named so is the university
        own = long_.qualifiers
        if "univ" in short.norm.split() and not _distinctive(short.norm):
            own = set()  # "Université de Paris" is not "Université de Paris IX (Dauphine)" nor "… (Panthéon-Assas)"
        elif french and _is_body(short):
            own = _trailing_qualifiers(long_.name) | (own & _numbers(long_.norm))
        allowed = own | countries | _ORG_WORDS | _DELEGATION_WORDS
        if len(short.norm.split()) >= 4:
            allowed |= {"superieur"}  # "Conservatoire national [supérieur] de musique et de danse de Paris"
        if "univ" in short.norm.split() and _abroad(long_.city or short.city, short.norm):
            allowed |= _final_acronym(long_.name)  # "UNIVERSITY OF OSLO ICM": a unit abroad is its university
        if len(short.norm.split()) >= 2:
            allowed |= _UNIT_WORDS  # "University of Munich / Department of Economics" = "… / Economics"
            if _distinctive(short.norm):
                allowed |= _HEAD_WORDS  # "INRIA Centre Bordeaux Sud-Ouest"; not "Institute of" + "Human Genetics"
        if _city_ok(p, q):
            allowed |= set(p.city.split()) | set(q.city.split())  # in that city: naming it adds nothing
            allowed |= {w for w in extra if _near_city(w, p.city or q.city)}  # "Grenoble II" at Saint-Martin-d'Hères
        short_words = short.norm.split()
        if _lab_code_numbers(long_.norm) and not _lab_code_numbers(short.norm):
            # "… Strasbourg (UMR 7516)" names the same lab; "MNHN - IMPMC - UMR 7590" or "Université
            # Aix-Marseille UMR 7265" names a lab of that body, which is not the body
            places = countries | (set(p.city.split()) | set(q.city.split()) if _city_ok(p, q) else set())
            # only a lab's own name: "INSERM PARIS 5 U1163" is a lab, not the delegation Inserm Paris 5
            lab_name = not _is_body(short) and not set(short_words) & _DELEGATION_WORDS
            allowed = _LAB_CODES | _numbers(long_.norm) | places if lab_name else set()
            if allowed and len(short_words) >= 3 and short_words[0] in _LAB_HEADS:
                allowed |= long_.qualifiers  # a lab's name and its own acronym ("… de Marseille CNR2M UMR 7286")
        elif "univ" in short_words and _named_university(short.norm) and not _numbers(short.norm):
            allowed |= {n for n in _numbers(long_.norm) if n.isdigit()}  # "Université Paris 7 - Paris Diderot"
        elif extra & _LAB_CODES and not _numbers(short.norm):
            allowed |= _LAB_CODES | _numbers(long_.norm)  # "Inserm CEA - Imagerie et Psychiatrie"
        one_word = len(short_words) == 1 and len(short_words[0]) >= 4 and _distinctive(short.norm)
        if (
            len(short_words) >= 2
            and any(k == "rnsr" for k, _ in short.ext)
            and long_.norm.split(maxsplit=1)[-1] == short.norm
            and long_.norm.split()[0] in _LAB_HEADS
        ):
            return 100.0  # a registered lab's name after "Laboratoire" ("Laboratoire Immunité et Infections")
        if one_word and len(short_words[0]) >= 5 and p.city and q.city and _city_ok(p, q) and _own_brand(short, extra):
            return 100.0  # a brand in the same city, with more words ("Alphanov" / "Centre technologique Alphanov")
        if (len(short_words) >= 2 or one_word) and all(t in allowed or _initialism(t, short_words) for t in extra):
            return 100.0
        if (
            len(short_words) >= 3
            and extra & {"ctr", "site", "campus"}
            and extra <= _SITE_KIND_WORDS | {"recherche"}
            and p.city
            and q.city
            and _city_ok(p, q)
        ):
            return 100.0  # one site named with and without its site word ("INRIA [Centre de] Bordeaux Sud-Ouest")
        if (
            len(short_words) >= 3
            and len(extra) <= 2
            and long_.norm.startswith(short.norm + " ")
            and p.city
            and p.city == q.city
            and not _numbers(long_.norm)
        ):
            return 100.0  # same city, one name followed by a word or two ("… Medical School")
    if _one_typo(p.norm, q.norm):
        return 100.0
    if _city_ok(p, q) and (_abbreviated(p.norm, q.norm) or _acronym_expanded(p, q) or _acronym_expanded(q, p)):
        return 100.0
    if _part_of_name(p, q) or _part_of_name(q, p):
        return 100.0
    bp, bq = _without_own_qualifier(p), _without_own_qualifier(q)
    if (bp is not None and _part_of_name(bp, q)) or (bq is not None and _part_of_name(bq, p)):
        return _BARE_SCORE  # once its own acronym is left out: a merge, after any plainer match
    for bare, whole, other in ((bp, p, q), (bq, q, p)):
        # the name without the acronym its words spell, as the other writes it ("Conservatoire National des Arts et
        # Métiers (CNAM)" / "… Paris")
        own = _own_acronyms(whole.name)
        if bare is not None and own and _initialism(own[0].lower(), bare.norm.split()):
            if pair_score(bare, other) >= MERGE_SCORE:
                return _BARE_SCORE
    sp, sq = _hospital_of_service(p), _hospital_of_service(q)
    for service, other in ((sp, q), (sq, p)):
        if service is not None and _hospital_only(other) and pair_score(service, other) >= MERGE_SCORE:
            return _BARE_SCORE  # a hospital's department, which has no identity of its own, is the hospital
    fp, fq = _without_founders(p), _without_founders(q)
    if (fp or fq) and pair_score(fp or p, fq or q) >= MERGE_SCORE:
        return _BARE_SCORE  # "Ruprecht-Karls-Universität Heidelberg" as others write it: "Universität Heidelberg"
    if _numbers(p.norm) != _numbers(q.norm):
        score = min(score, REVIEW_SCORE)
    return score


_BARE_SCORE = 99.0
"""The score of a name that is a part of another once its own acronym in parentheses is left out ("Chalmers
University of Technology (CUT)"): a merge, but a match without leaving anything out comes first."""

_CANDIDATE_SCORE = 70.0
"""Blocked candidates scoring this much (rapidfuzz token_set_ratio) get the full comparison: a typo in a
short name ("Unversity of Zürich" / "Universität Zürich", 74) costs a lot of this quick score."""

_HEAD_WORDS = frozenset("ctr lab inst".split())
_LAB_HEADS = frozenset("ctr lab unite equipe".split())
"""First words of a lab's own name: "Centre de recherche …", "Laboratoire …" (not "Institut Pasteur")."""
"""Words a publisher may put before a name that is already an organisation's ("INRIA Centre Bordeaux Sud-Ouest")."""


@lru_cache(maxsize=65536)
def _trailing_qualifiers(name: str) -> frozenset[str]:
    """Compared words a publisher appended to a name: in parentheses or brackets, or its initials
    after a final separator ("Istituto Nazionale dei Tumori di Milano - INT"); not a capitalised word
    inside the name ("ARMINES Centre CIS de l'Ecole…") nor a team after it ("Inria Grenoble - SOCRATE").

    >>> sorted(_trailing_qualifiers("Istituto Nazionale dei Tumori di Milano - INT"))
    ['int']
    >>> sorted(_trailing_qualifiers("ARMINES Centre CIS de lEcole des Mines")), sorted(_trailing_qualifiers("Inria - SOCRATE"))
    ([], [])
    """
    inside = re.findall(r"\(([^)]*)\)|\[([^\]]*)\]", name)
    words = {w for pair in inside for part in pair for w in compare_key(norm_name(part)).split()}
    parts = _SEPARATORS.split(re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", name))
    if len(parts) > 1 and len(parts[-1].split()) == 1 and parts[-1].strip().isupper():
        token = compare_key(norm_name(parts[-1]))
        if _initialism(token, norm_name(" ".join(parts[:-1])).split()):  # its acronym, not a team's name
            words.add(token)
    return frozenset(words)


def _same_delegation(p: ActorProfile, q: ActorProfile) -> bool:
    """One regional delegation of a national body, written two ways ("INSERM Délégation Nouvelle-Aquitaine" /
    "INSERM DR NOUVELLE AQUITAINE", "CNRS Rhône Auvergne (Villeurbanne)" / "CNRS - Délégation régionale
    Rhône-Auvergne"): the same words once the delegation words and the agreeing cities are left out.

    >>> _same_delegation(make_profile("a", "INSERM Délégation Nouvelle-Aquitaine", "Bordeaux"),
    ...                  make_profile("b", "INSERM DR NOUVELLE AQUITAINE", "Pessac"))
    True
    >>> _same_delegation(make_profile("a", "CNRS DR Ile-de-France Sud"), make_profile("b", "CNRS DR Ile-de-France Est"))
    False
    """
    a, b = _delegation_words(p.norm), _delegation_words(q.norm)
    if not (a | b) & _DELEGATION_WORDS:
        return False
    # a delegation's records in two cities of one country (its seat and one of its sites, "CNRS - Délégation
    # Centre Poitou-Charentes" at Orléans and Tours): the same words, with no city left out
    far = not _city_ok(p, q)
    if far and not (_may_share_country(p.city, q.city) and _delegation(p) and _delegation(q)):
        return False
    cities = "" if far else f"{p.city} {q.city}"
    # the city in parentheses, in its compared form ("CNRS Centre Poitou Charentes (Orléans)"); not a city that
    # names the delegation ("CNRS DR Ile de France Paris A" is not "CNRS Ile-de-France Meudon")
    own = _trailing_qualifiers(p.name) | _trailing_qualifiers(q.name)
    drop = _DELEGATION_WORDS | _PLACE_WORDS | set(cities.split()) | (set(compare_key(cities).split()) & own)
    # the delegation's number ("CNRS DR 03 - IDF Secteur Est", "… Languedoc Roussillon - ADR 8"), not a
    # place's ("INSERM DR Paris 6" is not "INSERM Paris 11")
    ca, cb = a - drop - _delegation_numbers(p.norm), b - drop - _delegation_numbers(q.norm)
    return ca == cb and len(ca) >= 2 and bool(ca - _GENERIC) and bool(ca & _LAB_CODES)


@lru_cache(maxsize=65536)
def _delegation_words(norm: str) -> frozenset[str]:
    """A delegation's compared words, its body's name and its region's acronym spelt as one word each ("INSERM
    Délégation Provence-Alpes-Côte d'Azur et Corse" / "INSERM DR PACA ET CORSE", "CNRS DR IDF Secteur Sud").

    >>> sorted(_delegation_words("inserm dr paca corse"))
    ['alpe', 'corse', 'cote', 'dazur', 'dr', 'inserm', 'provence']
    """
    return frozenset(x for w in _body_acronyms(norm).split() for x in _REGION_NAMES.get(w, w).split())


_REGION_NAMES = {"paca": "provence alpe cote dazur", "idf": "ile france"}
"""French regions a delegation is named after, by their acronym."""


def _may_share_country(a: str, b: str) -> bool:
    """Whether two placed cities can be in one country, each read as any place of its name ("Orléans" is in
    France as well as in Canada).

    >>> _may_share_country("orleans", "tours"), _may_share_country("tours", "geneva"), _may_share_country("", "tours")
    (True, False, False)
    """
    ca = {_OVERSEAS.get(cc, cc) for cc, *_ in locate(a)}
    return bool(ca & {_OVERSEAS.get(cc, cc) for cc, *_ in locate(b)})


def _delegation(p: ActorProfile) -> bool:
    """A national body's regional delegation named as such ("CNRS - Délégation régionale …", "INSERM DR …").

    >>> _delegation(make_profile("a", "CNRS - DELEGATION REGIONALE CENTRE POITOU-CHARENTES")), _delegation(make_profile("b", "CNRS"))
    (True, False)
    """
    return _delegation_name(p.norm)


@lru_cache(maxsize=65536)
def _delegation_name(norm: str) -> bool:
    words = set(_body_acronyms(norm).split())
    return bool(words & {"delegation", "dr", "adr"}) and bool(words & _LAB_CODES - _UNIT_CODES)


_UNIT_CODES = frozenset("umr umrs ea u ur upr fre ups usr".split())


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


_HOSPITAL_WORDS = frozenset(
    "hopital hopitaux hospital hospitalier hospitaliere hospitalario ospedale klinikum universitatsklinikum uniklinik"
    " klinik clinic clinique chu chru ircc".split()
)
_TEACHING_WORDS = frozenset("univ universitaire universitario universitair mc chu regional academic".split())
"""Words that make a hospital a teaching or regional one without making it another hospital."""


def _is_hospital(words: set[str]) -> bool:
    """A hospital's name: a hospital word, or a medical centre ("Erasmus Medical Center")."""
    return bool(words & _HOSPITAL_WORDS) or {"medical", "ctr"} <= words


_PUBLIC_HOSPITAL_WORDS = frozenset("hopital hopitaux ctr hospitalier chu chru groupe".split())
"""Words a French public hospital is named with whichever: not "clinique", a private one's."""


_FRENCH_TEACHING_WORDS = frozenset("universitaire chu chru regional".split())
"""In France a city's "Centre Hospitalier" and its "CHU" are one hospital; in Belgium, where the words are the
same, a city has several ("Centre Hospitalier" at Alleur, "CHU de Liège")."""


def _same_hospital(a: set[str], b: set[str], cities: tuple[str, ...] = ()) -> bool:
    """One hospital named with and without its teaching status ("Centre Hospitalier de Poitiers" / "Centre
    Hospitalier Universitaire de Poitiers", "Erasmus MC University Medical Center" / "Erasmus Medical Center").
    A hospital is still not its university: both names must be a hospital's.

    >>> _same_hospital({"ctr", "hospitalier", "poitier"}, {"ctr", "hospitalier", "universitaire", "poitier"})
    True
    >>> _same_hospital({"heidelberg", "univ", "hospital"}, {"heidelberg", "univ"})
    False
    >>> _same_hospital({"ctr", "hospitalier", "liege"}, {"ctr", "hospitalier", "universitaire", "liege"}, ("liege",))
    False
    """
    if not (_is_hospital(a) and _is_hospital(b)):
        return False
    if (a ^ b) & _FRENCH_TEACHING_WORDS and {country(c) for c in cities} - {"", "FR"}:
        return False  # a French teaching word, in a place known to be abroad, names another hospital
    ca, cb = a - _TEACHING_WORDS, b - _TEACHING_WORDS
    if ca != cb and {"groupe", "group"} & (ca | cb):  # "CHU Henri Mondor" / "Groupe hospitalier Henri Mondor"
        ca, cb = ca - _HOSPITAL_WORDS - {"groupe", "group"}, cb - _HOSPITAL_WORDS - {"groupe", "group"}
    if ca != cb:
        # a hospital's own name, whatever word says it is one ("IRCCS San Raffaele" / "Ospedale San Raffaele"),
        # when that name is a proper noun ("Hôpital Saint-Louis" / "Clinique Saint-Louis" may be two)
        pa, pb = ca - _HOSPITAL_WORDS - _ORG_WORDS, cb - _HOSPITAL_WORDS - _ORG_WORDS
        if pa == pb and _distinctive(" ".join(sorted(pa))):
            return True
        if pa == pb and len(pa) >= 2 and (ca | cb) - pa <= _PUBLIC_HOSPITAL_WORDS:
            return True  # a public hospital's own name of two words or more ("Hôpital" / "CHU Henri Mondor")
    return ca == cb and bool(ca - _GENERIC - _HOSPITAL_WORDS - {"medical"})


_CANCER_CENTRE_WORDS = frozenset("ctr lutte contre cancer cancerologie regional clcc crlcc".split())


def _same_cancer_centre(a: set[str], b: set[str]) -> bool:
    """One French cancer centre (CLCC) named with or without its category ("Centre Léon Bérard" / "Centre de
    lutte contre le cancer Léon Bérard", "Centre de cancérologie Georges-François Leclerc").

    >>> _same_cancer_centre({"ctr", "leon", "berard"}, {"ctr", "lutte", "contre", "cancer", "leon", "berard"})
    True
    """
    if not ("ctr" in a and "ctr" in b and (a | b) & {"cancer", "cancerologie", "clcc", "crlcc"}):
        return False
    ca, cb = a - _CANCER_CENTRE_WORDS, b - _CANCER_CENTRE_WORDS
    return ca == cb and len(ca) >= 2 and bool(ca - _GENERIC)


def _lab_named_after_body(lab: ActorProfile, long_: ActorProfile) -> bool:
    """`long_` is a lab's own name after its bodies' ("INSTITUT NATIONAL DE LA SANTE … INSTITUT COCHIN",
    "UMR8601-CNRS, Université Paris Descartes Laboratoire de Chimie …"): it is that lab.

    >>> _lab_named_after_body(make_profile("a", "Institut Cochin", "Paris"),
    ...                       make_profile("b", "Institut National de la Santé et de la Recherche Médicale Institut Cochin", "Paris"))
    True
    """
    words = lab.norm.split()
    # an institute after a lab code is the lab's host ("Inserm U1170, Institut Gustave Roussy" is U1170)
    heads = _LAB_HEADS if _lab_code_numbers(long_.norm) else _LAB_HEADS | {"inst"}
    return (
        len(words) >= 2
        and words[0] in heads
        and long_.norm.endswith(" " + lab.norm)
        and (_distinctive(lab.norm) or len(words) >= 4)
        and bool(lab.city and long_.city)  # placed both: "Institute of Parasitology" is in Zürich and Košice
        and _city_ok(lab, long_)
    )


def _same_core(p: ActorProfile, q: ActorProfile) -> bool:
    """Both names are the same once each drops its own acronyms and qualifiers and the city they share
    ("Fondazione IRCCS Istituto Nazionale dei Tumori di Milano - INT" / "… dei Tumori (INDT)", Milan).

    >>> _same_core(make_profile("a", "Fondazione IRCCS Istituto Nazionale dei Tumori di Milano - INT", ""),
    ...            make_profile("b", "Fondazione IRCCS Istituto Nazionale dei Tumori (INDT)", "Milan"))
    True
    """
    qp, qq = _trailing_qualifiers(p.name), _trailing_qualifiers(q.name)
    if not (qp or qq) or not _city_ok(p, q):
        return False
    places = set(p.city.split()) | set(q.city.split())
    a = set(p.norm.split()) - qp - places
    b = set(q.norm.split()) - qq - places
    # the rest alike, or but for a word that says what it is ("Wageningen University and Research (WUR)" / "…
    # Research Centre")
    alike = a == b or ((a < b or b < a) and a ^ b <= _HEAD_WORDS and len(a & b) >= 3)
    return alike and len(a & b) >= 2 and bool(a - _GENERIC) and _numbers(p.norm) == _numbers(q.norm)


def _bridge(p: ActorProfile, q: ActorProfile) -> ActorProfile | None:
    """The longer of two names matched only because one is a part of the other, else None.

    "CERLIS - Université Paris Descartes" is both the lab and the university: it may join one
    of them, but must not carry the one into the other.
    """
    long_ = (
        q
        if _part_of(p, q) or _lab_named_after_body(p, q)
        else p
        if _part_of(q, p) or _lab_named_after_body(q, p)
        else None
    )
    if long_ is None:
        return None
    plain = (replace(p, name=p.norm), replace(q, name=q.norm))  # no separators left: no part-of
    return long_ if pair_score(*plain) < MERGE_SCORE and not _lab_named_after_body(*plain[::-1]) else None


def _one_typo(a: str, b: str) -> bool:
    """The same words but one long word mistyped or cut short ("Intitut" / "Institut", "Atlant" / "Atlantique").

    >>> _one_typo("iterg inst corp gra", "iterg intitut corp gra"), _one_typo("ctr ci", "ctr sm")
    (True, False)
    >>> _one_typo("ctr m halbwach", "ctr maurice halbwach"), _one_typo("lab m", "lab maurice")
    (True, False)
    """
    wa, wb = [w for w in a.split() if w not in _PLACE_WORDS], [w for w in b.split() if w not in _PLACE_WORDS]
    if len(wa) != len(wb) or len(wa) < 2:
        return False
    diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if x.isdigit() or y.isdigit():
        return False
    if (x in _HOSPITAL_WORDS) != (y in _HOSPITAL_WORDS):
        return False  # "Universitätsklinikum" is not "Universität" cut short
    if len(wa) >= 3 and min(len(x), len(y)) == 1 and max(len(x), len(y)) >= 4 and x[0] == y[0] and x.isalpha():
        return True  # a first name cut to its initial ("Centre M. Halbwachs" / "Centre Maurice Halbwachs")
    xs = [x] + [k for k, v in _WORD_FORMS.items() if v == x]  # "inst" was "institut", "institute"…
    ys = [y] + [k for k, v in _WORD_FORMS.items() if v == y]
    for x in xs:
        for y in ys:
            if min(len(x), len(y)) >= 5 and Levenshtein.distance(x, y) <= 1:
                return True
            if min(len(x), len(y)) >= 6 and abs(len(x) - len(y)) <= 5 and (x.startswith(y) or y.startswith(x)):
                return True
    return False


def _own_brand(short: ActorProfile, extra: set[str]) -> bool:
    """Whether a one-word name and a longer one with `extra` words name one company: the word is no place, few of the
    names resolved have it (not a group's: "Safran", "Total"), and the longer name adds no proper noun of its own
    ("Centre technologique", "Eau & Environnement"; not "Cellectis Bioresearch", "Renault Trucks Defense").

    >>> _own_brand(make_profile("a", "Alphanov"), {"ctr", "tech"}), _own_brand(make_profile("a", "Cellectis"), {"bioresearch"})
    (True, False)
    """
    names = _NAME_WORDS.get()
    if locate(short.norm) or (names is not None and names.count(short.norm) > _BRAND_NAMES):
        return False
    common = _common_words()
    return all(w.isalpha() and (len(w) < 3 or w in common or w in _GENERIC or w in _ORG_WORDS) for w in extra)


@lru_cache(maxsize=65536)
def _match_norm(name: str, norm: str) -> str:
    """The compared name candidates are first screened on: without a German university's founders' names."""
    return _name_norm(_FOUNDERS.sub("", name)) if "-" in name and _FOUNDERS.search(name) else norm


def _hospital_only(p: ActorProfile) -> bool:
    """Whether a name is a hospital's and nothing else: not a department, lab or body at it ("Inserm - Hôpital Bichat")."""
    words = set(p.norm.split())
    return (_is_hospital(words) or "hospice" in words) and not words & (
        _UNIT_WORDS | _LAB_CODES | {"lab", "unite", "equipe"}
    )


_SERVICE_WORDS = frozenset("service department departement dept".split())


def _hospital_of_service(p: ActorProfile) -> ActorProfile | None:
    """The hospital a hospital's department is named with, as a profile ("Service de Biostatistique des Hospices
    Civils de Lyon", "Service de Médecine interne, Hôpital Henri Mondor"), or None.

    >>> _hospital_of_service(make_profile("a", "Service de Médecine interne, Hôpital Henri Mondor")).norm
    'hopital henri mondor'
    >>> _hospital_of_service(make_profile("a", "Service de Physique de l'Etat Condensé")) is None
    True
    """
    words = p.norm.split()
    if len(words) >= 4 and words[0] in ("hospice", *_HOSPITAL_WORDS) and not _lab_code_numbers(p.norm):
        parts = _parts(
            p.name
        )  # the hospital, then its own lab or department ("Hospices Civils de Lyon - Laboratoire …")
        if len(parts) == 2 and parts[1].split()[0] in _SERVICE_WORDS | {"lab"} and len(parts[0].split()) >= 2:
            return replace(p, name=parts[0], norm=parts[0], qualifiers=frozenset())
    if len(words) < 4 or words[0] not in _SERVICE_WORDS:
        return None
    at = next((i for i, w in enumerate(words) if i >= 2 and (w in _HOSPITAL_WORDS or w == "hospice")), None)
    if at is None or len(words) - at < 2:
        return None
    tail = " ".join(words[at:])
    return replace(p, name=tail, norm=tail, qualifiers=frozenset())


def _without_founders(p: ActorProfile) -> ActorProfile | None:
    """The profile named without the names its university bears joined to its word, if any (see `_FOUNDERS`)."""
    if "-" not in p.name:
        return None
    name = _FOUNDERS.sub("", p.name)
    return None if name == p.name else replace(p, name=name, norm=_name_norm(name))


@lru_cache(maxsize=65536)
def _abroad(city: str, norm: str) -> bool:
    """Whether an organisation is placed abroad: by its city, else by a place its name names ("University of Oslo").

    >>> _abroad("", "univ oslo"), _abroad("", "univ bordeaux"), _abroad("paris", "univ oslo")
    (True, False, False)
    """
    if city:
        return country(city) not in ("", "FR")
    return any(country(w) not in ("", "FR") for w in norm.split() if len(w) >= 4 and w not in _GENERIC)


@lru_cache(maxsize=65536)
def _final_acronym(name: str) -> frozenset[str]:
    """The compared form of a name's last word when it is written as an acronym of 2 to 6 capitals after other
    words ("UNIVERSITY OF OSLO ICM"), else nothing.

    >>> _final_acronym("UNIVERSITY OF OSLO ICM"), _final_acronym("University of Oslo")
    (frozenset({'icm'}), frozenset())
    """
    words = strip_accents(name).split()
    last = words[-1] if len(words) >= 3 else ""
    if not re.fullmatch(r"[A-Z]{2,6}", last) or locate(last.lower()):
        return frozenset()
    return frozenset({compare_key(last.lower())})


def _abbreviated(a: str, b: str) -> bool:
    """The same words, some cut short in one name as registers abbreviate them ("INST DEVELOP DURABLE RELAT
    INTERNAT" / "Institut du développement durable et des relations internationales", "FOND. RECHERCHE
    BIODIVERSITE"): each cut word of four letters or more starts its word in the other name.

    >>> _abbreviated("inst develop durable relat internat", "inst developpement durable relation international")
    True
    >>> _abbreviated("ctr bio marine", "ctr biologie marine"), _abbreviated("cnrs dr pari", "cnrs dr parisb")
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


def _acronym_expanded(p: ActorProfile, q: ActorProfile) -> bool:
    """`p` starts with an acronym that spells `q`'s first words, and the rest of both names agree ("INSA Lyon" /
    "Institut National des Sciences Appliquées de Lyon - INSA", "ENS de Mécanique et d'Aérotechnique de Poitiers" /
    "École Nationale Supérieure de Mécanique et d'Aérotechnique (ENSMA)"), the city they are placed in aside.

    >>> _acronym_expanded(make_profile("a", "INSA Lyon", "Villeurbanne"),
    ...                   make_profile("b", "INSTITUT NATIONAL DES SCIENCES APPLIQUEES DE LYON - INSA", "Villeurbanne"))
    True
    >>> _acronym_expanded(make_profile("a", "INSA Toulouse"), make_profile("b", "Institut National des Sciences Appliquées de Lyon"))
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
    own = _trailing_qualifiers(q.name)
    other = [w for w in q.norm.split() if w not in own]
    n = len(first)
    if len(other) <= n or "".join(w[0] for w in other[:n]) != words[0]:
        return False
    places = set(f"{p.city} {q.city} {compare_key(p.city)} {compare_key(q.city)}".split())
    rest_p = {w for w in words[1:] if w not in places and not _near_city(w, q.city or p.city)}
    rest_q = {w for w in other[n:] if w not in places and not _near_city(w, p.city or q.city)}
    return rest_p == rest_q and (bool(rest_p) or bool(set(words[1:]) & set(other[n:])))


_SEPARATORS = re.compile(
    r"\s[-–—]\s|(?<=\S)[-–—]\s|\s[-–—](?=\S)|[/;:()\[\]&]|,(?!\s*[a-zà-ÿ]+(?:\s*,|\s+(?:et|and|und)\s))|(?<=[a-z])-(?=(?:Universi|Institut|Hospital|Hôpital|School)\w*\b)"
)
"""Where a publisher joins an organisation and its unit: " - ", "/", ",", ";", ":", parentheses, "&"; not a comma
before a word in lower case and "et" or another comma, which lists the subjects of one name ("Agroécologie,
génétique et systèmes d'élevage")."""

_UNIT_WORDS = frozenset(
    "department departement dept service equipe team division faculty faculte school section pole program"
    " programme chair dipartimento departamento abteilung fakultat facultad facolta".split()
)
"""First words of a part of an organisation that is not one itself (a department, a team)."""

_DELEGATION_WORDS = frozenset("delegation dr adr regionale regional secteur".split())
"""Words that name a national body's regional delegation: "CNRS DR Ile-de-France Sud" = "CNRS Ile-de-France Sud"."""

_ORG_WORDS = frozenset(
    "fondation foundation fundacion fundacio fondazione fundazioa stiftung association societe groupe group"
    " compagnie company".split()
)
"""Words of an organisation's type that a publisher may add to its name ("Fondation Neurodis" / "NEURODIS")."""

COMMON_WORDS_FILE = Path(__file__).parent.parent / "common_name_words.txt"
"""Words found in many organisation names (scripts/common_name_words.py): not distinctive."""


@lru_cache(maxsize=1)
def _word_counts() -> dict[str, int]:
    lines = COMMON_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return {w: int(c) for w, c in (line.split("\t") for line in lines if line.strip() and not line.startswith("#"))}


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    return frozenset(_word_counts())


_BIG_BLOCK = 80
"""A word found in this many names or more blocks too many candidates to be an extra blocking key."""


def _named_university(norm: str) -> bool:
    """Whether a university's compared name has a name of its own: a distinctive word, or three words besides
    generic ones ("Université Pierre et Marie Curie", whose words are each in many names; not "Université de Paris").

    >>> _named_university("univ pierre marie curie"), _named_university("univ pari"), _named_university("univ uppsala")
    (True, False, True)
    """
    return _distinctive(norm) or len([w for w in norm.split() if w not in _GENERIC and not w.isdigit()]) >= 3


def _distinctive(norm: str) -> bool:
    """Whether a compared name has a word that few organisation names have (a proper noun, a brand).

    >>> _distinctive("univ uppsala"), _distinctive("inst science terre"), _distinctive("lab physique 2")
    (True, False, False)
    """
    common = _common_words()
    return any(len(w) >= 3 and not w.isdigit() and w not in common and w not in _GENERIC for w in norm.split())


@lru_cache(maxsize=65536)
def _parts(name: str) -> tuple[str, ...]:
    """The compared forms of a raw name's parts, cut at its separators, in order; what is in
    parentheses comes last ("Max Planck Institute (MPI) of Biophysics" is one part, then "MPI")."""
    inside = re.findall(r"\(([^)]*)\)", name)
    outside = re.sub(r"\([^)]*\)", " ", name)
    out = (compare_key(norm_name(part)) for part in [*_SEPARATORS.split(outside), *inside])
    return tuple(x for x in out if x)


def _part_of(short: ActorProfile, long_: ActorProfile) -> bool:
    """Whether `short`, or `short` without its own acronym in parentheses ("Chalmers University of Technology
    (CUT)"), is a run of whole parts of `long_`'s name (see `_part_of_name`).

    >>> _part_of(make_profile("a", "University of São Paulo (USP)"),
    ...          make_profile("b", "Laboratory of Human Immunology (LHI), University of Sao Paulo, Brazil", "Sao Paulo"))
    True
    """
    if _part_of_name(short, long_):
        return True
    bare = _without_own_qualifier(short)
    return bare is not None and _part_of_name(bare, long_)


def _without_own_qualifier(p: ActorProfile) -> ActorProfile | None:
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
    norm = _name_norm(bare) if bare else ""
    return (bare, norm) if norm else None


def _unit_before_host(short: ActorProfile, long_: ActorProfile) -> bool:
    """Whether `long_` names a unit by its code first, then `short`, its host ("Inserm U1170, Institut Gustave
    Roussy"): the unit, not the host; unless `short` is the lab's own name ("U791 - LIOAD (Laboratoire …)").

    >>> _unit_before_host(make_profile("a", "Institut Curie"), make_profile("b", "Inserm U932, Institut Curie"))
    True
    """
    if not _lab_code_numbers(long_.norm) or _lab_code_numbers(short.norm) or short.norm.split()[0] in _LAB_HEADS:
        return False
    lead = _parts(long_.name)[:1]
    return bool(lead) and bool(_lab_code_numbers(lead[0])) and not set(short.norm.split()) <= set(lead[0].split())


def _part_of_name(short: ActorProfile, long_: ActorProfile) -> bool:
    """Whether `short` is a run of whole parts of `long_`'s name, and names an organisation of its own.

    >>> _part_of(make_profile("a", "Uppsala University"), make_profile("b", "Uppsala University / Dept of Medicine"))
    True
    >>> _part_of(make_profile("a", "Department of Medicine"), make_profile("b", "Uppsala University / Dept of Medicine"))
    False
    """
    if not short.norm or len(short.norm) >= len(long_.norm) or short.norm.split()[0] in _UNIT_WORDS:
        return False
    if _lab_code_numbers(long_.norm) and not _lab_code_numbers(short.norm) and _is_body(short):
        return False  # a lab named with its body ("MNHN - IMPMC - UMR 7590") is the lab, never the body
    if _unit_before_host(short, long_):
        return False
    long_words = set(long_.norm.split())
    first = set(_parts(long_.name)[0].split()) if _parts(long_.name) else set()
    if _is_hospital(first) and "univ" in short.norm.split() and not _is_hospital(set(short.norm.split())):
        return False  # "Universitätsklinikum Bonn / … / University of Bonn": a hospital is not its university
    target = short.norm
    if (
        len(target.split()) >= 3
        and any(_one_typo(part, target) for part in _parts(long_.name))
        and not _lab_of_body(short, long_)
    ):
        return True  # "Consiglio Nazionale Delle Ricerce" in "Consiglio Nazionale delle Ricerche (CNR), Istituto …"
    if not set(target.split()) <= long_words:
        # "Christian-Albrechts-University Kiel" in "Institute for …, Christian-Albrechts-University": the
        # name without the place it is in; a country only for a university ("INRA - Maroc" is another INRA)
        places = set(short.city.split()) | set(long_.city.split()) if _city_ok(short, long_) else set()
        places |= {w for w in target.split() if _near_city(w, long_.city or short.city)}  # "Marrakesh" / "Marrakech"
        if "univ" in target.split():  # "University of Oxford, UK"; not "Cyprus University of Technology"
            places |= {w for part in _parts(short.name) if part in _PLACE_WORDS for w in (part,)}
        target = " ".join(w for w in target.split() if w not in places or w in long_words)
        if not target or not set(target.split()) <= long_words:
            return False  # a part's words are words of the whole
    parts = _parts(long_.name)
    n = len(target.split())
    if _lab_of_body(short, long_):
        return False  # "Université Paris Descartes - Laboratoire Psychologie de la Perception" is the lab
    if not (_distinctive(target) or n >= 3 or (n == 2 and "univ" in target.split())):
        return False  # "Institut für Mathematik" is no one organisation; "Universität Wien" is
    for part in parts:  # "Duke University School of Medicine": the organisation, then its school
        if part.startswith(target + " ") and set(part[len(target) + 1 :].split()[:2]) & _UNIT_WORDS:
            return True
    if n >= 2 and " ".join(sorted(target.split())) in _units_of(long_.name):
        return True  # "Department of Physics of Oxford University": a unit, then its organisation
    if len(parts) < 2:
        return False
    # a later part ("Institut für Mathematik - Universität Würzburg") names an organisation of its own
    # only if it is a university, or both names are placed in one city
    later_ok = (
        "univ" in short.norm.split()
        or bool(short.city and long_.city and _city_ok(short, long_))
        or parts[0].split()[0] in _UNIT_WORDS  # "Department of Computing, Imperial College London"
    )
    ordered = sorted(target.split())
    for i in range(len(parts) if later_ok else 1):
        run = ""
        for part in parts[i:]:
            run = f"{run} {part}" if run else part
            if len(run.split()) >= n:
                # in any order ("Plymouth University" / "University of Plymouth"), or one typo ("Institue")
                if sorted(run.split()) == ordered or _one_typo(run, target):
                    return not (i > 0 and _lab_before_body(parts[0], short, long_))
                break
    return False


def _lab_before_body(first: str, body: ActorProfile, long_: ActorProfile) -> bool:
    """Whether a French record names a lab by one distinctive word of its own before its body's name
    ("Heudiasyc, Université de Technologie de Compiègne", "LINA/Université de Nantes"): the lab, the most specific
    unit it names; not the body's own acronym ("AFB - Agence Française pour la Biodiversité / Innovation").

    >>> _lab_before_body("heudiasyc", make_profile("a", "Université de Technologie de Compiègne"),
    ...                  make_profile("b", "Heudiasyc, Université de Technologie de Compiègne", "Compiègne"))
    True
    """
    words = first.split()
    return (
        len(words) == 1
        and len(first) >= 4  # not three letters, often the body's own initials in another language (PSE)
        and first.upper() != body.acronym
        and not _initialism(first, body.norm.split())  # the body's own acronym ("AFB - Agence Française …")
        and _is_body(body)
        and country(long_.city or body.city) == "FR"
        and _distinctive(first)
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
def _units_of(name: str) -> frozenset[str]:
    """The organisations a unit's name says it belongs to, as compared names with their words
    sorted ("Department of Physics of Oxford University" → "oxford physic univ", "oxford univ"),
    so that "University of Oxford" meets it; nothing for a name that is not a unit's.

    >>> sorted(_units_of("Department of Chemistry at the Technische Universität München"))
    ['chimie munchen tech univ', 'munchen tech univ']
    """
    out: set[str] = set()
    for part in _SEPARATORS.split(name):
        text = part.strip()
        words = compare_key(norm_name(text)).split()
        if not words or words[0] not in _UNIT_WORDS | {"inst", "lab"}:
            continue
        for m in (_UNIT_OF if words[0] in _UNIT_WORDS else _AT).finditer(text):
            org = compare_key(norm_name(text[m.end() :]))
            if org:
                out.add(" ".join(sorted(org.split())))
    return frozenset(out)


_NAMED_INSTITUTE = re.compile(
    r"Institut\s+(?:de\s+(?:la\s+|l.)?|des\s+|du\s+|d.)?(?!National|Polytechnique|Universitaire|Mines|Pasteur\b|Recherche)[A-Z]"
)
"""In France, an institute with a proper name after a university's is a research unit ("Université de
Technologie de Troyes - Institut Charles Delaunay"); a national or polytechnic institute is a body."""

_UNIT_KINDS = frozenset("ea je umr upr ums umrs equipe unite cic".split())
"""A part that is only a French unit's kind: the next part is that unit's name."""

_SITE_CENTRE = re.compile(r"(?i:centre de recherches?)\s+[A-Z]{2,}\b")
"""A body's centre named after its region: "Centre de Recherche PACA"."""


@lru_cache(maxsize=65536)
def _french_lab_parts(name: str, in_france: bool = False) -> tuple[frozenset[str], ...]:
    """The compared words of each part of a raw name (cut at separators) that is a French research unit's name.

    >>> [sorted(x) for x in _french_lab_parts("Université Paris Descartes - Laboratoire Psychologie de la Perception")]
    [['lab', 'perception', 'psychologie']]
    >>> _french_lab_parts("Uppsala University / Department of Medical Sciences"), _french_lab_parts("INRA - Centre de recherche de Tours")
    ((), ())
    """
    out, raw = [], [strip_accents(part).strip() for part in _SEPARATORS.split(name)]
    for i, part in enumerate(raw):
        lab = (
            _FRENCH_LAB.match(part.lower()) or (in_france and _NAMED_INSTITUTE.match(part))
        ) and not _SITE_CENTRE.match(part)
        after_kind = i > 0 and raw[i - 1].lower() in _UNIT_KINDS  # "EA - PAU DROIT PUBLIC - Université de Pau"
        if (lab or after_kind) and part:
            out.append(frozenset(compare_key(norm_name(part)).split()))
    return tuple(out)


def _is_body(p: ActorProfile) -> bool:
    """A university, a national body, a hospital, or an organisation with a company or school number:
    not a lab's own name."""
    return bool(set(p.norm.split()) & _BODY_WORDS) or any(kind != "rnsr" for kind, _ in p.ext)


def _lab_of_body(short: ActorProfile, long_: ActorProfile) -> bool:
    """`long_` names a French research unit and `short` is not that unit but the body it is named with
    ("Université Paris Descartes - Laboratoire Psychologie de la Perception" is the lab, not the university)."""
    # a laboratory or a hospital named after an institute is the most specific unit named: it, not the institute
    strict = _french_lab_parts(long_.name)
    in_france = country(long_.city or short.city) == "FR"
    labs = strict or _french_lab_parts(long_.name, in_france)
    known = _LAB_ACRONYMS.get()
    if known:  # "Université de Strasbourg - ICUBE": ICUBE is a lab the RNSR knows
        labs += tuple(frozenset(part.split()) for part in _parts(long_.name) if part.replace(" ", "") in known)
    words = set(short.norm.split()) - _LAB_CODES
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
    return _is_body(short) or (bool(strict) and any(words <= set(part.split()) for part in _parts(long_.name)))


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
    parts = [part.strip() for part in _SEPARATORS.split(outside)]
    out = []
    acronym = [bool(re.fullmatch(r"[A-Z][A-Za-z]{2,7}", w)) and sum(ch.isupper() for ch in w) >= 2 for w in parts]
    for i, part in enumerate(parts[1:], 1):
        written = strip_accents(part)
        if not acronym[i] or (i > 1 and acronym[i - 1]) or (i + 1 < len(parts) and acronym[i + 1]):
            continue  # not an acronym, or one of a path of divisions ("CEA / DSSN / SPPS")
        token = compare_key(norm_name(written))
        before = re.findall(r"[a-z]+", strip_accents(" ".join(parts[:i])).lower())
        if token in _common_words() or token in before or locate(token) or _initialism(token, before):
            continue  # a word, a place, or the name's own acronym ("Université de Lyon - UDL")
        out.append(frozenset({token}))
    return tuple(out)


@lru_cache(maxsize=65536)
def _later_parts(name: str) -> tuple[frozenset[str], ...]:
    """The compared words of the parts of a raw name after its first, outside parentheses, of two words or more."""
    outside = re.sub(r"[(\[][^)\]]*[)\]]", " ", name)
    parts = (compare_key(norm_name(part)).split() for part in _SEPARATORS.split(outside)[1:])
    return tuple(frozenset(words) for words in parts if len(words) >= 2)


class _NameWords:
    """How many distinct compared names of a resolution have each word, counted when first asked."""

    def __init__(self, profiles: Mapping[str, ActorProfile]) -> None:
        self._profiles = profiles
        self._counts: Counter[str] | None = None

    def count(self, word: str) -> int:
        if self._counts is None:
            norms = {p.norm for p in self._profiles.values()}
            self._counts = Counter(w for norm in norms for w in set(norm.split()))
        return self._counts[word]


_NAME_WORDS: ContextVar[_NameWords | None] = ContextVar("name_words", default=None)
"""How many of the distinct compared names being resolved have each word: a brand found in many names is a group's,
whose companies are named with it ("Safran Landing Systems", "Total Fluides")."""

_BRAND_NAMES = 3
"""A one-word name found in this many names or fewer is one company's (its own name and a longer form of it)."""


_LAB_ACRONYMS: ContextVar[frozenset[str]] = ContextVar("lab_acronyms", default=frozenset())
"""The acronyms of the research structures (RNSR) among the actors being resolved, compared (lower case):
a part of a name that is one of them names that lab."""


_CODE = re.compile(
    r"\b(?:umr|umrs|u|ea|upr|ur|fre|usr|ums|ups|ura|uar|umi|irl|cic|je|inserm|insermu|cnrs|s)\s(\d{3,4})\b"
)
"""A lab code in a compared name: its kind word, then its 3–4 digit number ("umr 8640", "u 896", "umr s 910")."""


@lru_cache(maxsize=65536)
def _lab_code_numbers(norm: str) -> frozenset[str]:
    """
    >>> sorted(_lab_code_numbers("umr cnrs ens upmc 8640 pasteur")), sorted(_lab_code_numbers("rapport 2016 u 896"))
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


def _code_names_agree(a: str, b: str) -> bool:
    """Two names with the same lab code: they share a real word, or one is the code (and its body) alone;
    two teams of one unit ("Equipe Neuroépidémiologie - … U897", "Equipe Biostatistique - … U897") differ."""
    if a.split()[0] in _UNIT_WORDS and b.split()[0] in _UNIT_WORDS:
        return False
    codes = _lab_code_numbers(a)
    if {n for n in _numbers(a) - codes if n.isdigit()} ^ {n for n in _numbers(b) - codes if n.isdigit()} and (
        {"equipe", "team"} & (set(a.split()) | set(b.split()))
    ):
        return False  # "I2MC UMR 1048 Equipe 7" / "UMR 1048, équipe 5": two teams of one unit
    wa, wb = set(a.split()) - _LAB_CODES, set(b.split()) - _LAB_CODES
    wa, wb = {w for w in wa if not w.isdigit() and len(w) > 1}, {w for w in wb if not w.isdigit() and len(w) > 1}
    return not wa or not wb or bool((wa & wb) - _GENERIC - _UNIT_WORDS)


_LAB_CODES = frozenset("umr umrs ea u ur upr fre ups usr cnrs inserm inra inrae ird".split())
"""Words of a lab code ("UMR 7516", "EA 4114") that a publisher may append to a lab's name."""

_BODY_WORDS = (
    _LAB_CODES
    | _HOSPITAL_WORDS
    | frozenset(
        "univ nat ecole museum commissariat agence office inria cea cirad ifremer irstea ifsttar onera cnes brgm anses"
        " aphp".split()
    )
)
"""Words of a university's, a national body's or a hospital's name: what a lab is named with."""

_FEW_PLACE_WORDS = frozenset(
    "france fr usa us uk germany allemagne deutschland italy italie italia spain espagne espana belgique belgium"
    " suisse switzerland schweiz canada quebec japan japon china chine".split()
)
"""Country words a publisher appends to a name ("Columbia University, USA")."""
_PLACE_WORDS = _FEW_PLACE_WORDS | frozenset(compare_key(w) for w in country_words())
"""Every country's name, in English and French ("Cukurova University - Turquie"). Not the French regions:
"Université de Provence", "Université des Antilles et de la Guyane" are universities of their own."""


def _initialism(token: str, words: list[str]) -> bool:
    """Whether `token` is the initials of `words`, French elisions allowed (CNES = Centre National d'Études Spatiales).

    >>> _initialism("cnes", "centre national detudes spatiales".split()), _initialism("cnes", ["centre", "national"])
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


def _profile_keys(p: ActorProfile) -> tuple[str, ...]:
    """Blocking words of a profile: those of its whole name, and the first distinctive word of each
    part of it, so "Université Paris 5 - Innovations thérapeutiques en hémostase" meets the lab's own name."""
    return _name_keys(p.norm, p.name)


@lru_cache(maxsize=65536)
def _name_keys(norm: str, name: str) -> tuple[str, ...]:
    keys = list(block_keys(norm))
    if _spelt_hospital(norm) != norm:  # "CHRU de Lille" meets "Centre Hospitalier Régional Universitaire de Lille"
        keys += [k for k in block_keys(_spelt_hospital(norm)) if k not in keys]
    # a name's last word when it is a proper noun: two names that differ by their first words still meet
    # ("Centre de lutte contre le cancer Georges François Leclerc" / "Centre de cancérologie … Leclerc")
    last = norm.rsplit(" ", 1)[-1]
    if len(last) >= 4 and not last.isdigit() and last not in keys and last not in _common_words():
        keys.append(last)
    # a lab code meets the same code whatever words surround it ("Inserm U1205" / "Institut national … U1205")
    keys += [f"code {n}" for n in sorted(_lab_code_numbers(norm))]
    if len(norm) > 12 and _SEPARATORS.search(name):
        common = _common_words()
        for part in _parts(name):
            university = "univ" in part.split()  # "…, University of Veterinary Medicine Vienna": its first words
            for k in block_keys(part)[: 2 if university else None]:
                if k not in keys and (university or k not in common):
                    keys.append(k)
    return tuple(keys)


_HOSPITAL_ACRONYMS = {
    "chu": "ctr hospitalier universitaire",
    "chru": "ctr hospitalier regional universitaire",
    "chr": "ctr hospitalier regional",
}


@lru_cache(maxsize=65536)
def _spelt_hospital(norm: str) -> str:
    """A compared name with a French hospital's category acronym spelt out, to screen candidates: "CHRU de Dijon"
    shares one word of five with "Centre Hospitalier Régional Universitaire de Dijon", too few for the screen.

    >>> _spelt_hospital("chru dijon"), _spelt_hospital("univ lille")
    ('ctr hospitalier regional universitaire dijon', 'univ lille')
    """
    words = norm.split()
    if not set(words) & _HOSPITAL_ACRONYMS.keys():
        return norm
    return " ".join(_HOSPITAL_ACRONYMS.get(w, w) for w in words)


def _best_match(
    p: ActorProfile,
    profiles: Mapping[str, ActorProfile],
    by_norm: Mapping[str, list[ActorProfile]],
    by_compact: Mapping[str, list[ActorProfile]],
    blocks: Mapping[str, list[ActorProfile]],
    acronyms: Mapping[str, set[str]],
    initials: Mapping[str, set[str]],
    apart_ok: Any,
    review_score: float,
) -> tuple[float, str] | None:
    """The best partner of a name-only actor: same name, else its unique acronym (declared, or
    spelt by the initials of one name), else fuzzy."""

    def fits(q: ActorProfile) -> bool:
        return q.id != p.id and _cities_agree(p.city, q.city) and apart_ok(p.id, q.id)

    def pcity_ok(q: ActorProfile) -> bool:
        return bool(p.city and q.city) and _cities_agree(p.city, q.city)

    compact = p.norm.replace(" ", "")
    same = {q.id: q for q in (*by_norm.get(p.norm, ()), *by_compact.get(compact, ()))}.values()
    # ("Super Sonic Imagine" / "Supersonic Imagine"); by_compact also holds a body's sites under the body's
    # name ("INRAE Centre Hauts-de-France" under "inra"): those only when they are that body's
    core = _site_core(p).replace(" ", "")
    same = list({q.id: q for q in same if q.norm.replace(" ", "") == compact}.values())
    sites = [q for q in by_compact.get(core, ()) if q not in same and _one_body_two_sites(p, q)]
    exact = sorted((q for q in same if fits(q)), key=_strength)
    if exact:
        strong = {q.ext for q in exact if q.strong}
        # one name, several identified organisations (two labs called "Institut des sciences de la Terre"):
        # a person decides
        return (100.0 if len(strong) <= 1 else review_score, exact[0].id)
    # a site of the body in the same city, after the organisation a bare acronym spells or declares ("ONERA"
    # at Toulouse is Office National d'Études et de Recherches Aérospatiales before "ONERA Centre de Toulouse":
    # the sites join the body afterwards, see _join_sites)
    site = sorted((q for q in sites if fits(q)), key=_strength)
    same += sites
    # the same distinctive name in another city is often one organisation's other site (IFP Energies
    # nouvelles, Rueil and Solaize), sometimes another one (a subsidiary abroad): a person decides
    elsewhere = sorted(
        (
            q
            for q in same
            if q.id != p.id
            and apart_ok(p.id, q.id)
            and (_distinctive(p.norm) or _one_body_two_sites(p, q) or _far_site_ok(p, q))
        ),
        key=_strength,
    )
    key = _acronym(p.name)
    if len(key) <= 10 and " " not in p.name.strip():
        owners = [i for i in sorted(acronyms.get(key, ())) if i != p.id and apart_ok(p.id, i)]
        if len(owners) == 1:  # the acronym of an organisation elsewhere: its site, or a namesake
            owner = profiles[owners[0]]
            ok = (_city_ok(p, owner) or _far_ok(p, owner)) and (bool(p.city) or _unplaced_acronym_ok(key, owner))
            if ok or not site:
                return (100.0 if ok else review_score, owners[0])
        spelt = [
            i
            for i in sorted(initials.get(key, ()))
            if i != p.id and (fits(profiles[i]) or (apart_ok(p.id, i) and _far_ok(p, profiles[i])))
        ]
        # three letters spell too many names: only in the city the spelt name is placed in ("RKI" /
        # "Robert Koch Institute", Berlin)
        placed = len(key) >= 4 or (
            len(spelt) == 1
            and pcity_ok(profiles[spelt[0]])
            and _plain_initials(profiles[spelt[0]].norm, profiles[spelt[0]].name)
        )
        if not owners and len(key) >= 3 and placed and key.isalpha() and p.name.strip().isupper() and len(spelt) == 1:
            return (100.0, spelt[0])  # "SPCSI" = Service de Physique et Chimie des Surfaces et Interfaces
    if site:
        return (100.0 if len({q.ext for q in site if q.strong}) <= 1 else review_score, site[0].id)
    seen: set[str] = {p.id}
    candidates = []
    far = []  # in another city of the country: compared only as one public body's two sites
    pcity = p.city
    delegation = _delegation(p)  # a delegation's two cities are compared as a public body's
    far_country = country(pcity) if pcity and (delegation or _public_body(p)) else ""
    for key in _profile_keys(p):
        for q in blocks.get(key, ()):
            if q.id in seen:
                continue
            seen.add(q.id)  # the same test as fits(q), inlined: this loop runs a million times a load
            if not apart_ok(p.id, q.id):
                continue
            if not pcity or not q.city or _cities_agree(pcity, q.city):
                candidates.append(q)
            elif far_country and (
                _delegation(q) and _may_share_country(pcity, q.city)
                if delegation
                else country(q.city) == far_country and _public_body(q)
            ):
                far.append(q)
    # screened on the compared names, and on those without a German university's founders' names
    choices = [q.norm for q in candidates]
    n, more = len(choices), []
    for i in [i for i, q in enumerate(candidates) if "-" in q.name]:
        plain = _match_norm(candidates[i].name, candidates[i].norm)
        if plain != candidates[i].norm:
            choices.append(plain)
            more.append(i)
    hospital = "hospital" in p.norm or _is_hospital(set(p.norm.split()))  # only a hospital meets a "CHRU" spelt out
    for i in [i for i, q in enumerate(candidates) if _spelt_hospital(q.norm) != q.norm] if hospital else ():
        choices.append(_spelt_hospital(candidates[i].norm))  # and a "CHRU" as "centre hospitalier régional …"
        more.append(i)
    mine = _match_norm(p.name, p.norm) if "-" in p.name else p.norm
    found = process.extract(mine, choices, scorer=fuzz.token_set_ratio, score_cutoff=_CANDIDATE_SCORE, limit=8)
    if mine != p.norm:
        found += process.extract(p.norm, choices, scorer=fuzz.token_set_ratio, score_cutoff=_CANDIDATE_SCORE, limit=8)
    if _spelt_hospital(p.norm) != p.norm:
        found += process.extract(
            _spelt_hospital(p.norm), choices, scorer=fuzz.token_set_ratio, score_cutoff=_CANDIDATE_SCORE, limit=8
        )
    screened = sorted({j if j < n else more[j - n] for _c, _s, j in found})
    scored = sorted(((pair_score(p, candidates[i]), candidates[i].id) for i in screened), key=lambda t: (-t[0], t[1]))
    if far and (not scored or scored[0][0] < MERGE_SCORE):
        found = process.extract(
            p.norm, [q.norm for q in far], scorer=fuzz.token_set_ratio, score_cutoff=_CANDIDATE_SCORE, limit=8
        )
        sites = sorted((q.id for _c, _s, i in found for q in (far[i],) if pair_score(p, q) >= _BARE_SCORE))
        if sites:
            scored = [(100.0, sites[0])]
    if (not scored or scored[0][0] < review_score) and elsewhere:
        return (100.0, elsewhere[0].id)
    if not scored or scored[0][0] < review_score:
        return None
    return scored[0]


@lru_cache(maxsize=65536)
def _numbers(text: str) -> frozenset[str]:
    """Words that tell sites or units apart: numbers and lone letters ("Paris B", "U1149")."""
    return frozenset(w for w in text.split() if len(w) == 1 or any(ch.isdigit() for ch in w))


def known_actors(rows: Iterable[Mapping[str, Any]]) -> list[ActorProfile]:
    """Profiles of the graph's actors from rows with `id`, `name` and optional `city`, `acronym`, id columns.

    This is what a load needs to resolve its actors onto those already in the store; the rows
    come from one read of the store (id, name, city, acronym, rnsr, siren, pic, finess, uai,
    ror, wikidata of every Actor).

    >>> [p.ext for p in known_actors([{"id": "siren-180036048", "name": "INSERM", "siren": "180036048", "pic": None}])]
    [(('siren', '180036048'),)]
    """
    out = []
    for r in rows:
        if not r.get("id") or not r.get("name"):
            continue
        ext = tuple((k, str(r[k])) for k in _ID_KINDS if r.get(k))
        out.append(
            make_profile(
                str(r["id"]),
                str(r["name"]),
                str(r.get("city") or ""),
                str(r.get("acronym") or ""),
                ext,
                in_graph=True,
                names=[str(n) for n in r.get("names") or ()],
                merged_ids=[str(n) for n in r.get("aliases") or ()],
            )
        )
    return out


def read_decisions(path: Path | None) -> list[Decision]:
    """The reviewer's file: the review CSV with its `decision` column filled (merge / keep_apart)."""
    if path is None or not path.exists():
        return []
    out = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"id_a", "id_b", "decision"} - set(reader.fieldnames or [])
        if missing:
            raise IngestError(
                f"{path}: a decisions file needs the columns id_a, id_b, decision; missing {sorted(missing)}"
            )
        for i, row in enumerate(reader, start=2):
            verdict = (row.get("decision") or "").strip().lower().replace(" ", "_").replace("-", "_")
            if not verdict:
                continue
            if verdict not in ("merge", "keep_apart"):
                raise IngestError(f"{path} row {i}, column 'decision': {verdict!r} is not merge or keep_apart")
            out.append(Decision(row["id_a"].strip(), row["id_b"].strip(), verdict))
    return out


def write_review(pairs: list[tuple[ActorProfile, ActorProfile, float]], path: Path) -> Path:
    """Pairs a person should decide on; fill `decision` and pass the file back as decisions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id_a", "name_a", "city_a", "id_b", "name_b", "city_b", "score", "decision"])
        for a, b, score in pairs:
            w.writerow([a.id, a.name, a.city, b.id, b.name, b.city, score, ""])
    return path


def _remap_node(rec: NodeRecord, mapping: Mapping[str, str]) -> NodeRecord:
    new = mapping.get(rec.id)
    if rec.label != "Actor" or new is None:
        return rec
    props = dict(rec.props)
    props["aliases"] = [rec.id]
    return replace(rec, id=new, props=props)


def _remap_link(rec: LinkRecord, mapping: Mapping[str, str], symmetric: bool) -> LinkRecord | None:
    src = mapping.get(rec.source_id, rec.source_id) if rec.source_label == "Actor" else rec.source_id
    dst = mapping.get(rec.target_id, rec.target_id) if rec.target_label == "Actor" else rec.target_id
    if src == rec.source_id and dst == rec.target_id:
        return rec
    if rec.source_label == rec.target_label and src == dst:
        return None  # a lab supervised by itself after a merge says nothing
    if symmetric and src > dst:
        src, dst = dst, src
    return replace(rec, source_id=src, target_id=dst)


def resolve_batch(
    batch: Batch,
    *,
    known: Iterable[ActorProfile] = (),
    decisions: Iterable[Decision] = (),
    symmetric_types: frozenset[str] = frozenset({"COLLABORATES_WITH", "PARTNER_OF"}),
) -> Resolution:
    """Merge the batch's actors among themselves and onto `known` actors of the graph, in place.

    Records of merged actors take the canonical id (the graph's id when the actor is already
    there) and keep their old id in `aliases`; links follow.
    """
    profiles = dict(profiles_of(batch))
    for k in known:
        k = make_profile(k.id, k.name, k.city, k.acronym, k.ext, names=k.names, merged_ids=k.merged_ids)
        if k.id not in profiles:
            profiles[k.id] = replace(k, in_graph=True)
        else:
            mine = profiles[k.id]
            names = tuple(sorted({*mine.names, *k.names, k.name} - {mine.name, ""}))
            profiles[k.id] = replace(mine, in_graph=True, names=names, merged_ids=k.merged_ids)
    res = resolve_profiles(dict(sorted(profiles.items())), list(decisions))
    if res.mapping:
        batch.nodes = [_remap_node(n, res.mapping) for n in batch.nodes]
        links = [_remap_link(rec, res.mapping, rec.type in symmetric_types) for rec in batch.links]
        dropped = {
            (rec.origin.file, rec.origin.row) for rec, new in zip(batch.links, links, strict=True) if new is None
        }
        batch.links = [rec for rec in links if rec is not None]
        if dropped:
            still = {(r.origin.file, r.origin.row) for r in batch.nodes} | {
                (r.origin.file, r.origin.row) for r in batch.links
            }
            for file, row in sorted(dropped - still):
                batch.merge_row(file, row)  # its only fact was folded away by the merge
    log.info(
        "resolution: %d merged by id, %d by alias, %d by name, %d to review",
        res.merged_by_id,
        res.merged_by_alias,
        res.merged_by_name,
        len(res.review),
    )
    return res


def _registered(p: ActorProfile) -> bool:
    """Identified by a company, school or European participant number (not only an RNSR lab number):
    an organisation whose declared acronym names it in any of its sites ("CEA", "THALES", "ORANGE")."""
    return any(kind != "rnsr" for kind, _ in p.ext)


def _same_country(a: str, b: str) -> bool:
    """Both cities placed, in one country."""
    ca = country(a)
    return bool(ca) and ca == country(b)


_PUBLIC_WORDS = frozenset(
    "univ ecole nat inst office agence agency commissariat consejo consiglio academy academie conservatoire"
    " museum observatoire federal federale".split()
)
"""Words of a university's, a school's or a national body's name: one organisation with sites in several cities."""


def _public_body(p: ActorProfile) -> bool:
    """A university, a school, an institute or a national body named as such; not a research unit (an RNSR
    structure, a name starting as a lab's or with a lab code) that is one of many of that name."""
    words = p.norm.split()
    kinds = set(words) & _PUBLIC_WORDS
    if not kinds or set(words) & _LAB_CODES or any(k == "rnsr" for k, _ in p.ext):
        return False
    if kinds == {"inst"} and not _distinctive(p.norm):
        return False  # "Max-Planck Institute" (Köln) is one of many institutes of that name
    if words[:2] == ["lab", "nat"] and not _lab_code_numbers(p.norm):
        return True  # a national laboratory is a national body ("Laboratoire national de métrologie et d'essais")
    return words[0] not in _LAB_HEADS | _UNIT_WORDS and not _lab_code_numbers(p.norm) and not _french_lab_parts(p.name)


def _far_site_ok(p: ActorProfile, q: ActorProfile) -> bool:
    """Two cities of one country that disagree may be two sites of one public body (ONERA in Toulouse and
    Palaiseau, a department of TU Munich in Straubing): such a pair is compared, not a company's two
    entities (STMicroelectronics Tours / Crolles) nor two labs of one name."""
    if not (_public_body(p) and _public_body(q)):
        return False
    if _same_country(p.city, q.city):
        return True
    # one city the places table does not know, the other named by both names: a site of the body named after its
    # city ("Aarhus University" at Tjele / "Aarhus Universitet" at Aarhus)
    known = [c for c in (p.city, q.city) if country(c)]
    if len(known) != 1 or not p.city or not q.city:
        return False
    home = _word_form(known[0].split()[0])
    return home in p.norm.split() and home in q.norm.split()


def _unplaced_acronym_ok(key: str, owner: ActorProfile) -> bool:
    """Whether a bare acronym with no place names the one organisation that declares it: not a research unit's
    acronym of three letters, which many labs and institutes abroad share ("ISP"), and three
    letters declared by an organisation with a company or participant number only when its name spells them or
    starts with them ("AMU" is not Université d'Aix-Marseille's own spelling, "ATB" not Institut für Angewandte
    Systemtechnik Bremen's; "JKI", "AVL LIST GMBH" are). A name's own acronym in parentheses names it.

    >>> _unplaced_acronym_ok("AMU", make_profile("b", "UNIVERSITE D'AIX MARSEILLE", "Marseille", "AMU", (("pic", "1"),)))
    False
    >>> _unplaced_acronym_ok("JKI", make_profile("b", "JULIUS KUHN-INSTITUT", "Quedlinburg", "JKI", (("pic", "2"),)))
    True
    """
    if any(kind == "rnsr" for kind, _ in owner.ext) and not _registered(owner):
        return len(key) > 3
    if len(key) > 3 or key != owner.acronym or not _registered(owner):
        return True  # its own acronym in parentheses ("Technical University of Denmark (DTU)") names it
    words = re.findall(r"[a-z]+", strip_accents(owner.name).lower())
    return bool(words) and (words[0] == key.lower() or _initialism(key.lower(), words))


def _names_body(key: str, q: ActorProfile) -> bool:
    """Whether an acronym names `q` wherever it is: declared by an organisation identified by a company or
    participant number, as its whole name or abbreviating it ("THALES", "CEA"; not "ATOS" for ATOS
    INTEGRATION SAS, nor a lab's acronym, which many labs share), or spelling a public body's name
    ("ONERA", "INRIA")."""
    declared = key == q.acronym and _registered(q) and (q.norm == key.lower() or key.lower() not in q.norm.split())
    return declared or (len(key) >= 4 and key == _plain_initials(q.norm, q.name) and _public_body(q))


def _far_ok(p: ActorProfile, q: ActorProfile) -> bool:
    """A name matched in another city of one country that still names one organisation: one public body's
    two sites, or the declared acronym of an organisation identified by a company or participant number."""
    if _far_site_ok(p, q) or (_delegation(p) and _delegation(q) and _same_delegation(p, q)):
        return True
    if " " in p.name.strip() or not _same_country(p.city, q.city):
        return False
    return _names_body(_acronym(p.name), q)


@lru_cache(maxsize=65536)
def _written_initials(name: str) -> str:
    """The initials of a name's words as written, without its small words: compared names replace some words
    ("Zentrum" is "ctr"), which an acronym does not ("DZNE" is "Deutsches Zentrum für Neurodegenerative
    Erkrankungen"); "" for a name of fewer than four such words.

    >>> _written_initials("Deutsches Zentrum für Neurodegenerative Erkrankungen"), _written_initials("Institut Curie")
    ('DZNE', '')
    """
    words = [w for w in re.findall(r"[a-z]+", strip_accents(name).lower()) if w not in _SMALL_WORDS]
    return "".join(w[0] for w in words).upper() if len(words) >= 4 else ""


_SMALL_WORDS = frozenset(
    "de du des la le les l d et en a au aux sur pour of the and for in at di dei delle del della da do dos das y"
    " zur zu fur fuer und per lo".split()
)


def _plain_initials(norm: str, name: str = "") -> str:
    """The initials of a compared name, upper case; "" when a word may have lost an elision ("linformatique"
    is "l'informatique": "Ecole pour l'Informatique et les Techniques Avancées" is EITA, not ELTA), unless the
    raw name writes that word as a proper noun ("Lausanne", "Loeffler": EPFL, FLI).

    >>> _plain_initials("office nat etude recherche aerospatiale"), _plain_initials("ecole linformatique tech")
    ('ONERA', '')
    >>> _plain_initials("ecole polytechnique federale lausanne", "Ecole Polytechnique Federale de Lausanne")
    'EPFL'
    >>> _plain_initials("ecole linformatique tech", "Ecole pour lInformatique et les Techniques")
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


_UNIT_STARTS = _UNIT_WORDS | frozenset("inst lab ctr professorship group medical".split())
"""First words of a unit of a university abroad: its department, institute, laboratory, centre, chair."""


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
    if country(city) == "FR" or re.search(r"(?i)universit[eé]\b", name) or _french_lab_parts(name):
        return none
    # founders' names joined to "Universität" stay in its name ("Ludwig-Maximilians-Universität München Institut …")
    name = _FOUNDERS.sub(lambda m: m.group(0).replace("-", " "), name)
    parts = [x for x in _parts(re.sub(r"\[[^\]]*\]", " ", name)) if x]
    found, unit = "", []
    for part in parts:
        words = part.split()
        if words[0] in _UNIT_STARTS:
            unit += words
            continue
        if "univ" not in words or found:
            continue
        cut = next((i for i, w in enumerate(words) if i > words.index("univ") and w in _UNIT_CUTS), None)
        if cut is not None:  # "Hacettepe University Faculty of Medicine", "TU Darmstadt Institut für Geschichte"
            words, unit = words[:cut], unit + words[cut:]
        found = " ".join(sorted(words))
    if not (unit and found and len(found.split()) >= 2):
        return none
    return found, frozenset(_UNIT_STEMS.get(w, w[:5]) for w in unit if len(w) > 2)


_UNIT_CUTS = _UNIT_WORDS | frozenset("inst lab professorship group".split())
"""Words after a university's name that start one of its units ("… Universität Darmstadt Institut für …");
not "medical centre" (a university hospital is not its university)."""

_UNIT_STEMS = {"dept": "depar", "dep": "depar", "fac": "facul", "medecine": "medic"}
"""Abbreviated unit words, as the stems of the words they abbreviate."""


def _same_foreign_university(p: ActorProfile, q: ActorProfile) -> bool:
    """A unit of a university abroad and that university (the team's convention: a department or an
    institute abroad is its university), or one unit of it named twice ("Faculty of Medicine" / "Medical
    Faculty"); not two units of it ("School of Chemical …" / "School of Materials …")."""
    (up, sp), (uq, sq) = _foreign_university(p.name, p.city), _foreign_university(q.name, q.city)
    if not (up or uq) or not _named_university(up or uq):
        return False
    if up and uq:
        return up == uq and (sp <= sq or sq <= sp)
    a, b = (up or p.norm).split(), (uq or q.norm).split()
    if _city_ok(p, q) and set(a) != set(b):
        # the university's city named in one name only, as the other's record spells it ("… Cadi Ayyad of
        # Marrakesh" at Marrakech)
        city = p.city or q.city
        a, b = ([w for w in x if not (w in city.split() or (len(w) >= 4 and _cities_agree(w, city)))] for x in (a, b))
    return len(a) >= 2 and sorted(a) == sorted(b)


def _join_sites(
    profiles: Mapping[str, ActorProfile],
    res: Resolution,
    try_union: Any,
    apart_ok: Any,
    acronyms: Mapping[str, set[str]],
    initials: Mapping[str, set[str]],
) -> None:
    """Every record of a one-word body named with one of its sites joins the body ("ONERA Centre de Lille",
    "ONERA CENTRE DE MEUDON", "ONERA"): each record matched one partner by name, so two sites that each
    found another record of the body would otherwise stay two actors. And the body's records join the one
    organisation that declares that acronym or is a public body it spells ("IFREMER" sites and Institut
    Français de Recherche pour l'Exploitation de la Mer), in one country."""
    sites: dict[str, list[ActorProfile]] = defaultdict(list)
    for p in profiles.values():
        if p.norm:
            core = _site_core(p)
            if " " not in core and len(core) >= 3:
                sites[core].append(p)
    for _core, group in sorted(sites.items()):
        if len(group) < 2:
            continue
        group.sort(key=_strength)
        for q in group[1:]:
            for head in group[:5]:
                if head.id == q.id or not apart_ok(head.id, q.id) or not _one_body_two_sites(head, q):
                    continue
                here = _city_ok(head, q)
                if (here or _same_name(head, q)) and try_union(head.id, q.id, by_name=here):
                    res.merged_by_name += 1
                    res.name_links.append((q.id, head.id, 100.0))
                break
    for core, group in sorted(sites.items()):
        key = core.upper()
        heads = [q for q in group if q.norm == core and not q.strong and q.name.strip().isupper()]
        if not heads or len(key) < 4:
            continue
        owners = sorted(acronyms.get(key, ())) or sorted(initials.get(key, ()))
        if len(owners) != 1 or owners[0] in {q.id for q in group}:
            continue
        head, owner = heads[0], profiles[owners[0]]
        placed = {country(c) for c in (*(q.city for q in group), owner.city) if c}
        if (
            _names_body(key, owner)
            and apart_ok(head.id, owner.id)
            and len(placed) <= 1
            and "" not in placed
            and try_union(head.id, owner.id, by_name=False)
        ):
            res.merged_by_name += 1
            res.name_links.append((head.id, owner.id, 100.0))
