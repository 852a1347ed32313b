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
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from errors import IngestError
from ingest.ids import ID_STRENGTH, acronym_tokens, norm_name, strip_accents
from ingest.records import Batch, LinkRecord, NodeRecord

__all__ = [
    "ActorProfile",
    "Decision",
    "Resolution",
    "MERGE_SCORE",
    "REVIEW_SCORE",
    "match_score",
    "pair_score",
    "compare_key",
    "make_profile",
    "known_actors",
    "block_keys",
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


_WORD_FORMS = {
    **dict.fromkeys(
        "university universite universitat universitaet universitet universiteit universidad universidade universita".split(),
        "univ",
    ),
    **dict.fromkeys("institute institut instituto istituto instytut".split(), "inst"),
    **dict.fromkeys("centre center centro zentrum".split(), "ctr"),
    **dict.fromkeys("laboratoire laboratory laboratorio labo".split(), "lab"),
    **dict.fromkeys("national nationale nazionale nacional".split(), "nat"),
}
"""The same word in the languages of the partners' names, so "Universität" meets "University"."""


_GENERIC = frozenset(
    "univ inst ctr lab nat ecole societe group groupe research recherche department departement departamento faculty"
    " faculte school hopital hospital fondation foundation fondazione association unite unit service federal technical"
    " technische superieure superieur regional regionale general generale international cnrs inserm".split()
)
"""Words too common to block on: a name is blocked by its first other word."""


def block_keys(norm: str) -> tuple[str, ...]:
    """The blocking words of a compared name: its first two words that are not generic organisation words.

    >>> block_keys("univ bordeaux"), block_keys("inst nat sante recherche medicale"), block_keys("univ")
    (('bordeaux',), ('sante', 'medicale'), ('univ',))
    """
    words = norm.split()
    keys = tuple(w for w in words if w not in _GENERIC)[:2]
    return keys or tuple(words[:1])


def compare_key(norm: str) -> str:
    """The form names are compared in: multilingual organisation words unified, plural `s` dropped.

    >>> compare_key("institut maladies neurodegeneratives"), compare_key("umea universitet")
    ('inst maladie neurodegenerative', 'umea univ')
    """
    out = []
    for w in norm.split():
        w = _WORD_FORMS.get(w, w)
        out.append(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w)
    return " ".join(out)


def make_profile(
    aid: str,
    name: str,
    city: str = "",
    acronym: str = "",
    ext: tuple[tuple[str, str], ...] = (),
    in_graph: bool = False,
) -> ActorProfile:
    """A profile with its comparison forms computed from the raw name and city."""
    return ActorProfile(
        id=aid,
        name=name,
        norm=compare_key(norm_name(name)),
        city=_city(city),
        acronym=_acronym(acronym),
        ext=ext,
        in_graph=in_graph,
        qualifiers=frozenset(compare_key(" ".join(acronym_tokens(name))).split()),
    )


def _city(text: str) -> str:
    words = norm_name(text).split()
    return " ".join(w for w in words if w != "cedex" and not w.isdigit())


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
        p = acc.setdefault(rec.id, {"ext": {}})
        for k in ("name", "city", "acronym"):
            if not p.get(k) and rec.props.get(k):
                p[k] = str(rec.props[k])
        for kind in _ID_KINDS:
            v = rec.props.get(kind)
            if v and kind not in p["ext"]:
                p["ext"][kind] = str(v)
    return {
        aid: ActorProfile(
            id=aid,
            name=p.get("name", ""),
            norm=compare_key(norm_name(p.get("name", ""))),
            city=_city(p.get("city", "")),
            acronym=_acronym(p.get("acronym", "")),
            ext=tuple(sorted(p["ext"].items())),
            qualifiers=frozenset(compare_key(" ".join(acronym_tokens(p.get("name", "")))).split()),
        )
        for aid, p in sorted(acc.items())
    }


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


def _strength(p: ActorProfile) -> tuple[int, int, str]:
    """Sort key of the canonical id of a cluster: in the graph already, then strongest id."""
    prefix = p.id.split("-", 1)[0]
    rank = ID_STRENGTH.index(prefix) if prefix in ID_STRENGTH else len(ID_STRENGTH)
    return (0 if p.in_graph else 1, rank, p.id)


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
    uf = _UnionFind()
    res = Resolution()
    members: dict[str, list[ActorProfile]] = defaultdict(list)
    for p in profiles.values():
        uf.find(p.id)

    def try_union(a: str, b: str) -> bool:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            return False
        merged = members.get(ra, [profiles[ra]]) + members.get(rb, [profiles[rb]])
        if _conflict(merged):
            return False
        uf.union(a, b)
        members[uf.find(a)] = merged
        return True

    # 1. identifiers
    by_ext: dict[tuple[str, str], list[str]] = defaultdict(list)
    for p in profiles.values():
        for kv in p.ext:
            by_ext[kv].append(p.id)
    for _kv, ids in sorted(by_ext.items()):
        for other in ids[1:]:
            if try_union(ids[0], other):
                res.merged_by_id += 1

    apart = {frozenset((d.a, d.b)) for d in decisions if d.verdict == "keep_apart"}
    for d in decisions:
        if d.verdict == "merge" and d.a in profiles and d.b in profiles:
            try_union(d.a, d.b)

    # 2. names, for actors named by a slug
    apart_ok = lambda x, y: frozenset((x, y)) not in apart  # noqa: E731
    by_norm: dict[str, list[ActorProfile]] = defaultdict(list)
    blocks: dict[str, list[ActorProfile]] = defaultdict(list)
    acronyms: dict[str, set[str]] = defaultdict(set)
    for p in profiles.values():
        if p.norm:
            by_norm[p.norm].append(p)
            for key in block_keys(p.norm):
                blocks[key].append(p)
        if p.acronym and len(p.acronym) >= 3:
            acronyms[p.acronym].add(p.id)
    for p in (p for p in profiles.values() if not p.strong and p.norm):
        best = _best_match(p, by_norm, blocks, acronyms, apart_ok, review_score)
        if best is None:
            continue
        score, qid = best
        if score >= merge_score:
            if try_union(p.id, qid):
                res.merged_by_name += 1
        else:
            a, b = sorted((p.id, qid))
            res.review.append((profiles[a], profiles[b], round(score, 1)))

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


def _city_ok(p: ActorProfile, q: ActorProfile) -> bool:
    """Cities agree when one is missing, equal, or they share their first word (Illkirch / Illkirch-Graffenstaden)."""
    return not p.city or not q.city or p.city == q.city or p.city.split()[0] == q.city.split()[0]


def pair_score(p: ActorProfile, q: ActorProfile) -> float:
    """How alike two names are, 0–100, after normalisation.

    A name that is the other plus an acronym or qualifier the publisher wrote in capitals or
    in parentheses ("… Spatiales (CNES)", "Columbia University, USA") scores 100; numbers that
    differ ("Paris 5" / "Paris 7", "U1149" / "UMR1141") cap the score at the review level.
    """
    if p.norm == q.norm:
        return 100.0
    a, b = set(p.norm.split()), set(q.norm.split())
    score = float(fuzz.token_sort_ratio(p.norm, q.norm))
    if a < b or b < a:
        short, long_ = (p, q) if a < b else (q, p)
        extra = set(long_.norm.split()) - set(short.norm.split())
        allowed = long_.qualifiers | _PLACE_WORDS
        if p.city and q.city and _city_ok(p, q):
            allowed |= set(p.city.split()) | set(q.city.split())  # both in that city: naming it adds nothing
        short_words = short.norm.split()
        if not _numbers(short.norm) and extra & _LAB_CODES:
            allowed |= _LAB_CODES | _numbers(long_.norm)  # "… Strasbourg (UMR 7516)" names the same lab
        if len(short_words) >= 2 and all(t in allowed or _initialism(t, short_words) for t in extra):
            return 100.0
        if (
            len(short_words) >= 3
            and len(extra) <= 2
            and long_.norm.startswith(short.norm + " ")
            and p.city
            and p.city == q.city
            and not _numbers(long_.norm)
        ):
            return 100.0  # same city, one name followed by a word or two ("… Medical School")
    if _numbers(p.norm) != _numbers(q.norm):
        score = min(score, REVIEW_SCORE)
    return score


_LAB_CODES = frozenset("umr umrs ea u ur upr fre ups usr cnrs inserm inra inrae ird".split())
"""Words of a lab code ("UMR 7516", "EA 4114") that a publisher may append to a lab's name."""

_PLACE_WORDS = frozenset(
    "france fr usa us uk germany allemagne deutschland italy italie italia spain espagne espana belgique belgium"
    " suisse switzerland schweiz canada quebec japan japon china chine".split()
)
"""Country words a publisher appends to a name ("Columbia University, USA")."""


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


def _best_match(
    p: ActorProfile,
    by_norm: Mapping[str, list[ActorProfile]],
    blocks: Mapping[str, list[ActorProfile]],
    acronyms: Mapping[str, set[str]],
    apart_ok: Any,
    review_score: float,
) -> tuple[float, str] | None:
    """The best partner of a name-only actor: same name, else its unique acronym, else fuzzy."""

    def fits(q: ActorProfile) -> bool:
        return q.id != p.id and _city_ok(p, q) and apart_ok(p.id, q.id)

    exact = sorted((q for q in by_norm.get(p.norm, ()) if fits(q)), key=_strength)
    if exact:
        strong = {q.ext for q in exact if q.strong}
        # one name, several identified organisations (two labs called "Institut des sciences de la Terre"):
        # a person decides
        return (100.0 if len(strong) <= 1 else review_score, exact[0].id)
    key = _acronym(p.name)
    if len(key) <= 10 and " " not in p.name.strip():
        owners = [i for i in sorted(acronyms.get(key, ())) if i != p.id and apart_ok(p.id, i)]
        if len(owners) == 1:
            return (100.0, owners[0])
    seen: set[str] = set()
    candidates = []
    for key in block_keys(p.norm):
        for q in blocks.get(key, ()):
            if q.id not in seen and fits(q):
                seen.add(q.id)
                candidates.append(q)
    if not candidates:
        return None
    found = process.extract(
        p.norm, [q.norm for q in candidates], scorer=fuzz.token_set_ratio, score_cutoff=review_score - 10, limit=5
    )
    scored = sorted(
        ((pair_score(p, candidates[i]), candidates[i].id) for _c, _s, i in found), key=lambda t: (-t[0], t[1])
    )
    if not scored or scored[0][0] < review_score:
        return None
    return scored[0]


def _numbers(text: str) -> set[str]:
    """Words that tell sites or units apart: numbers and lone letters ("Paris B", "U1149")."""
    return {w for w in text.split() if len(w) == 1 or any(ch.isdigit() for ch in w)}


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
                str(r["id"]), str(r["name"]), str(r.get("city") or ""), str(r.get("acronym") or ""), ext, in_graph=True
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
        k = make_profile(k.id, k.name, k.city, k.acronym, k.ext)
        if k.id not in profiles:
            profiles[k.id] = replace(k, in_graph=True)
        else:
            profiles[k.id] = replace(profiles[k.id], in_graph=True)
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
        "resolution: %d merged by id, %d by name, %d to review", res.merged_by_id, res.merged_by_name, len(res.review)
    )
    return res
