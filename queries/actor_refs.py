"""Resolve the actor references people type: canonical ids, prefixed external ids, exact names.

`ap-hp`, `rnsr:200112491C`, `siren:180092025`, `pic:999999999`, `finess:…`, `ror:…` and
`Institut Curie` all name one actor. Ids and names go through the indexes (`rec_actor_refs`);
only prefixed references scan for an external id (`rec_actor_xrefs`). An id match wins over an
external id, which wins over a name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from errors import QueryError
from graph import GraphStore
from queries.library import run_named

__all__ = ["PREFIXES", "ResolvedRef", "resolve_refs", "resolve_ref_ids"]

PREFIXES = ("rnsr", "siren", "siret", "pic", "finess", "ror", "uai", "wikidata")
_RANK = {"id": 0, **{p: 1 for p in PREFIXES}, "name": 2}


@dataclass(frozen=True)
class ResolvedRef:
    """A reference and the actor it names, with how it matched (id, rnsr, siren, pic, …, name)."""

    ref: str
    id: str
    name: str
    matched_by: str


def _prefixed(ref: str) -> bool:
    head, sep, tail = ref.partition(":")
    return bool(sep and tail) and head.lower() in PREFIXES


def resolve_refs(store: GraphStore, refs: Sequence[str]) -> dict[str, ResolvedRef | None]:
    """Each reference mapped to its best match, or None when nothing matches.

    A reference that matches several actors at the same rank (two actors with one name) raises,
    naming the candidates, so a script never silently gets the wrong partner.
    """
    wanted = list(dict.fromkeys(r.strip() for r in refs if r and r.strip()))
    out: dict[str, ResolvedRef | None] = dict.fromkeys(wanted)
    if not wanted:
        return out
    found: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for row in run_named(store, "rec_actor_refs", {"refs": sorted(wanted)}).rows:
        if row["by_id"]:
            found[row["ref"]].append(("id", row["by_id"], row["id_name"]))
        if row["by_name"]:
            found[row["ref"]].append(("name", row["by_name"], row["name_name"]))
    matched_by_id = {ref for ref, hits in found.items() if any(h[0] == "id" for h in hits)}
    prefixed = sorted(r for r in wanted if _prefixed(r) and r not in matched_by_id)  # an id match wins anyway
    if prefixed:
        for row in run_named(store, "rec_actor_xrefs", {"refs": prefixed}).rows:
            found[row["ref"]].append((row["matched_by"], row["id"], row["name"]))
    for ref in wanted:
        hits = sorted(set(found.get(ref, ())), key=lambda h: (_RANK[h[0]], h[1]))
        if not hits:
            continue
        best = _RANK[hits[0][0]]
        tied = sorted({h[1] for h in hits if _RANK[h[0]] == best})
        if len(tied) > 1:
            raise QueryError(f"actor reference {ref!r} is ambiguous ({hits[0][0]} of {', '.join(tied)}): use an id")
        out[ref] = ResolvedRef(ref, hits[0][1], hits[0][2], hits[0][0])
    return out


def resolve_ref_ids(store: GraphStore, refs: Sequence[str]) -> list[str]:
    """Canonical ids for the references, in order; an unknown reference raises with its text."""
    resolved = resolve_refs(store, refs)
    missing = [r for r, v in resolved.items() if v is None]
    if missing:
        raise QueryError(
            f"unknown actor reference(s): {', '.join(repr(m) for m in missing)} "
            "(use an id, rnsr:/siren:/pic:/finess:/ror: and the external id, or the exact name)"
        )
    return list(dict.fromkeys(v.id for v in resolved.values() if v is not None))
