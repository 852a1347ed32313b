"""The records resolution works on: an actor's profile, a reviewer's decision, the outcome."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ingest.ids import ID_STRENGTH, acronym_tokens
from ingest.records import Batch
from ingest.resolution.forms import acronym_key, city_key, compare_key, name_norm

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
        norm=name_norm(name),
        city=city_key(city),
        acronym=acronym_key(acronym),
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
            norm=name_norm(p.get("name", "")),
            city=city_key(p.get("city", "")),
            acronym=acronym_key(p.get("acronym", "")),
            ext=tuple(sorted(p["ext"].items())),
            qualifiers=_qualifiers(p.get("name", "")),
            names=tuple(sorted(p["names"] - {p.get("name", "")})),
        )
        for aid, p in sorted(acc.items())
    }


class UnionFind:
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


def strength(p: ActorProfile) -> tuple[int, int, int, str]:
    """Sort key of the canonical id of a cluster: in the graph already, then strongest id, then the
    shortest name ("Université Paris Descartes" stands for "…, Université Paris Descartes")."""
    prefix = p.id.split("-", 1)[0]
    rank = ID_STRENGTH.index(prefix) if prefix in ID_STRENGTH else len(ID_STRENGTH)
    return (0 if p.in_graph else 1, rank, len(p.norm), p.id)


def conflict(members: Iterable[ActorProfile]) -> bool:
    """Two different values of one id kind in a cluster: distinct organisations."""
    seen: dict[str, str] = {}
    for p in members:
        for kind, value in p.ext:
            if seen.setdefault(kind, value) != value:
                return True
    return False


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
