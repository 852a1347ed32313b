"""Resolve the actor references people type: canonical ids, prefixed external ids, exact names.

`ap-hp`, `rnsr:200112491C`, `siren:180092025`, `pic:999999999`, `finess:…`, `ror:…` and
`Institut Curie` all name one actor. The lookup is the `rec_actor_refs` query; an id match wins
over an external id, which wins over a name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from errors import QueryError
from graph import GraphStore
from queries.library import run_named

__all__ = ["ResolvedRef", "resolve_refs", "resolve_ref_ids"]


@dataclass(frozen=True)
class ResolvedRef:
    """A reference and the actor it names, with how it matched (id, rnsr, siren, pic, …, name)."""

    ref: str
    id: str
    name: str
    matched_by: str


def resolve_refs(store: GraphStore, refs: Sequence[str]) -> dict[str, ResolvedRef | None]:
    """Each reference mapped to its best match, or None when nothing matches.

    A reference that matches several actors at the same rank (two actors with one name) raises,
    naming the candidates, so a script never silently gets the wrong partner.
    """
    wanted = [r.strip() for r in refs if r and r.strip()]
    out: dict[str, ResolvedRef | None] = {r: None for r in wanted}
    if not wanted:
        return out
    rows = run_named(store, "rec_actor_refs", {"refs": sorted(set(wanted))}).rows
    by_ref: dict[str, list[dict]] = {}
    for row in rows:
        by_ref.setdefault(row["ref"], []).append(row)
    for ref in wanted:
        found = by_ref.get(ref, [])
        if not found:
            continue
        best = found[0]["matched_by"]
        tied = sorted({r["id"] for r in found if r["matched_by"] == best})
        if len(tied) > 1:
            raise QueryError(f"actor reference {ref!r} is ambiguous ({best} of {', '.join(tied)}): use an id")
        out[ref] = ResolvedRef(ref, found[0]["id"], found[0]["name"], best)
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
