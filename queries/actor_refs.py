"""Resolve the actor references people type, and pick one actor when a reference names several.

A reference is a canonical id (`ap-hp`), a prefixed external id (`rnsr:200112491C`, `siren:…`,
`siret:…`, `pic:…`, `finess:…`, `ror:…`, `uai:…`, `wikidata:…`), an actor's name, or any name a
record of that actor was loaded under (the `names` list; `name` alone on graphs without it).
Names compare without case, accents or extra spaces (`compared_form`).

Ids go through the id index (`rec_actor_refs`), prefixed ids through `rec_actor_xrefs`. Names
go through a table of every actor's names read once per graph state (`rec_actor_names`): neither
store can index a computed form, and a consortium builder types names as their documents write
them, so an exact-property lookup misses most of them.

Two organisations can share a name. Refusing the reference makes every script fail on it, so
one actor is picked (`pick`) and the others are kept on the result, for the caller to say so:
an id beats an external id, which beats a name, which beats a loaded name; then a registered
actor (one with an rnsr/siren/pic/finess/ror/uai id) beats a name-only one; then the larger
track record (PARTICIPATES_IN), then the smaller id.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from errors import QueryTimeout, UnknownActorError
from graph import GraphStore
from ontology.text import strip_accents
from queries.library import run_named

__all__ = [
    "PREFIXES",
    "REGISTRY_IDS",
    "Candidate",
    "ResolvedRef",
    "clear_name_cache",
    "compared_form",
    "pick",
    "resolve_all",
    "resolve_refs",
    "resolve_ref_ids",
]

PREFIXES = ("rnsr", "siren", "siret", "pic", "finess", "ror", "uai", "wikidata")
REGISTRY_IDS = ("rnsr", "siren", "pic", "finess", "ror", "uai")
"""The ids that make an actor "registered": a register vouches for it, not only a name in a file."""

DEFAULT_TIMEOUT_MS = 30_000
NAME_TABLE_TTL_S = 600.0
_RANK = {"id": 0, **{p: 1 for p in PREFIXES}, "name": 2, "alias": 3}
_HOW = {"id": "id", "name": "name", "alias": "loaded name"}
_HINT = (
    "a reference is an actor id, rnsr:/siren:/siret:/pic:/finess:/ror:/uai:/wikidata: and the external id, "
    "or a name the actor was loaded under (case and accents aside)"
)


def compared_form(text: str) -> str:
    """The form names are compared in: no case, no accents, single spaces, one kind of apostrophe.

    >>> compared_form("  Hôpital   FOCH ")
    'hopital foch'
    >>> compared_form("Groupe d’Analyse") == compared_form("GROUPE D'ANALYSE")
    True
    """
    return " ".join(strip_accents(text.replace("’", "'")).casefold().split())


@dataclass(frozen=True)
class Candidate:
    """One actor a reference matched, how, and the facts that break a tie."""

    id: str
    name: str
    matched_by: str
    registered: bool = False
    projects: int = 0

    def sort_key(self) -> tuple[int, bool, int, str]:
        return (_RANK[self.matched_by], not self.registered, -self.projects, self.id)

    def describe(self) -> str:
        """`Name [id] (name, registered, 40 projects)`: enough to tell two namesakes apart."""
        how = _HOW.get(self.matched_by, f"{self.matched_by} id")
        reg = "registered" if self.registered else "not registered"
        return f"{self.name} [{self.id}] ({how}, {reg}, {self.projects} project(s))"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "matched_by": self.matched_by,
            "registered": self.registered,
            "projects": self.projects,
        }


@dataclass(frozen=True)
class ResolvedRef:
    """A reference, the actor picked for it, and the other actors it also names (best first)."""

    ref: str
    id: str
    name: str
    matched_by: str
    registered: bool = False
    projects: int = 0
    alternatives: tuple[Candidate, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return bool(self.alternatives)

    @property
    def picked(self) -> Candidate:
        return Candidate(self.id, self.name, self.matched_by, self.registered, self.projects)

    def notice(self) -> str | None:
        """What a user must be told when the reference named several actors; None otherwise."""
        if not self.alternatives:
            return None
        others = "; ".join(c.describe() for c in self.alternatives)
        return (
            f"{self.ref!r} names {len(self.alternatives) + 1} actors; using {self.picked.describe()} — others: {others}"
        )

    def as_dict(self) -> dict[str, Any]:
        return {"ref": self.ref, **self.picked.as_dict(), "alternatives": [c.as_dict() for c in self.alternatives]}


def pick(ref: str, candidates: Iterable[Candidate]) -> ResolvedRef | None:
    """The best candidate for `ref` with the others as alternatives; one entry per actor (its best match)."""
    best: dict[str, Candidate] = {}
    for c in candidates:
        if c.id not in best or c.sort_key() < best[c.id].sort_key():
            best[c.id] = c
    ranked = sorted(best.values(), key=Candidate.sort_key)
    if not ranked:
        return None
    top = ranked[0]
    return ResolvedRef(ref, top.id, top.name, top.matched_by, top.registered, top.projects, tuple(ranked[1:]))


# -- the name table ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Actor:
    name: str
    registered: bool
    projects: int


@dataclass(frozen=True)
class _NameTable:
    actors: Mapping[str, _Actor]
    by_form: Mapping[str, tuple[tuple[str, str], ...]]
    """compared form -> ((actor id, "name" | "alias"), …)"""

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]]) -> _NameTable:
        actors: dict[str, _Actor] = {}
        by_form: dict[str, dict[str, str]] = {}
        for r in rows:
            aid = r["id"]
            name = r.get("name") or aid
            registered = any(r.get(k) not in (None, "") for k in REGISTRY_IDS)
            actors[aid] = _Actor(name, registered, int(r.get("projects") or 0))
            loaded = r.get("names")
            aliases = [loaded] if isinstance(loaded, str) else list(loaded or ())
            for text, how in ((name, "name"), *((a, "alias") for a in aliases if isinstance(a, str))):
                form = compared_form(text)
                if form:
                    hits = by_form.setdefault(form, {})
                    if hits.get(aid) != "name":
                        hits[aid] = how
        return cls(actors, {f: tuple(sorted(h.items())) for f, h in by_form.items()})

    def candidate(self, aid: str, name: str | None, how: str) -> Candidate:
        known = self.actors.get(aid)
        if known is None:  # written after the table was read: still a match, without tie facts
            return Candidate(aid, name or aid, how)
        return Candidate(aid, known.name, how, known.registered, known.projects)

    def by_name(self, ref: str) -> list[Candidate]:
        return [self.candidate(aid, None, how) for aid, how in self.by_form.get(compared_form(ref), ())]


_TABLES: dict[str, tuple[tuple[Any, ...], float, _NameTable]] = {}
_TABLES_LOCK = threading.Lock()


def clear_name_cache() -> None:
    """Forget every cached name table (a test that rewrites a store to the same counts calls this)."""
    with _TABLES_LOCK:
        _TABLES.clear()


class _Budget:
    """One time limit shared by every read a resolution makes."""

    def __init__(self, timeout_ms: int | None) -> None:
        self.timeout_ms = timeout_ms
        self.deadline = None if timeout_ms is None else time.monotonic() + timeout_ms / 1000.0

    def left_ms(self) -> int | None:
        if self.deadline is None:
            return None
        left = int((self.deadline - time.monotonic()) * 1000)
        if left <= 0:
            raise QueryTimeout(f"the query ran past its time limit and was stopped: {self.timeout_ms} ms")
        return left

    def read(self, store: GraphStore, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        return run_named(store, name, params or {}, timeout_ms=self.left_ms()).rows


def _fingerprint(store: GraphStore, budget: _Budget) -> tuple[Any, ...]:
    """Actor and relationship counts: each a lone count, which both stores answer from counters."""
    return tuple(
        tuple(sorted(r.items())) for q in ("explorer_fingerprint", "explorer_link_count") for r in budget.read(store, q)
    )


def _name_table(store: GraphStore, budget: _Budget) -> _NameTable:
    """The table for the store's current state: re-read when a count changes or after the TTL."""
    fp = _fingerprint(store, budget)
    now = time.monotonic()
    with _TABLES_LOCK:
        hit = _TABLES.get(store.uri)
    if hit is not None and hit[0] == fp and now - hit[1] < NAME_TABLE_TTL_S:
        return hit[2]
    table = _NameTable.from_rows(budget.read(store, "rec_actor_names"))
    with _TABLES_LOCK:
        _TABLES[store.uri] = (fp, now, table)
    return table


# -- entry points ------------------------------------------------------------------------------


def _prefixed(ref: str) -> bool:
    head, sep, tail = ref.partition(":")
    return bool(sep and tail) and head.lower() in PREFIXES


def resolve_refs(
    store: GraphStore, refs: Sequence[str], *, timeout_ms: int | None = DEFAULT_TIMEOUT_MS
) -> dict[str, ResolvedRef | None]:
    """Each reference (stripped, first spelling kept) mapped to the actor picked for it, or None.

    `timeout_ms` bounds all the reads together (QueryTimeout past it).
    """
    wanted = list(dict.fromkeys(r.strip() for r in refs if r and r.strip()))
    if not wanted:
        return {}
    budget = _Budget(timeout_ms)
    table = _name_table(store, budget)
    found: dict[str, list[Candidate]] = {ref: table.by_name(ref) for ref in wanted}
    for row in budget.read(store, "rec_actor_refs", {"refs": sorted(wanted)}):
        found[row["ref"]].append(table.candidate(row["id"], row["name"], "id"))
    prefixed = sorted(r for r in wanted if _prefixed(r))
    if prefixed:
        for row in budget.read(store, "rec_actor_xrefs", {"refs": prefixed}):
            found[row["ref"]].append(table.candidate(row["id"], row["name"], row["matched_by"]))
    return {ref: pick(ref, found[ref]) for ref in wanted}


def resolve_all(
    store: GraphStore, refs: Sequence[str], *, timeout_ms: int | None = DEFAULT_TIMEOUT_MS
) -> list[ResolvedRef]:
    """The picked actor of each reference, in order; unknown references raise, one line each, then a hint."""
    resolved = resolve_refs(store, refs, timeout_ms=timeout_ms)
    missing = [ref for ref, hit in resolved.items() if hit is None]
    if missing:
        raise UnknownActorError("\n".join([*(f"unknown actor reference {ref!r}" for ref in missing), _HINT]))
    return [hit for hit in resolved.values() if hit is not None]


def resolve_ref_ids(
    store: GraphStore, refs: Sequence[str], *, timeout_ms: int | None = DEFAULT_TIMEOUT_MS
) -> list[str]:
    """Canonical ids for the references, in order, duplicates dropped; an unknown reference raises."""
    return list(dict.fromkeys(hit.id for hit in resolve_all(store, refs, timeout_ms=timeout_ms)))
