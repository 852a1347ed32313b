"""Consortium builder: fill the seats a call requires (an SME, a lab, a hospital…) with alternates.

Seats are filled in order, greedily: each seat takes the best-scoring actor of its kind given the
brief and everyone already seated, so later seats favour actors close to the earlier picks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from errors import QueryError
from graph import GraphStore
from ontology import load_schema
from queries.rec_graph import RecGraph, cached_rec_graph
from queries.recommend import DEFAULT_WEIGHTS, RecQuery, Suggestion, Weights, recommend_in, with_partners

__all__ = ["Seat", "Consortium", "build_consortium_in", "build_consortium"]


@dataclass(frozen=True)
class Seat:
    """One role of the consortium, its proposed holder and the alternates, best first."""

    role: str
    holder: Suggestion | None
    alternates: tuple[Suggestion, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "holder": self.holder.as_dict() if self.holder else None,
            "alternates": [a.as_dict() for a in self.alternates],
        }


@dataclass(frozen=True)
class Consortium:
    partners: tuple[str, ...]
    seats: tuple[Seat, ...]

    def members(self) -> list[str]:
        return [*self.partners, *(s.holder.actor for s in self.seats if s.holder)]

    def as_dict(self) -> dict[str, Any]:
        return {"partners": list(self.partners), "seats": [s.as_dict() for s in self.seats], "members": self.members()}


def build_consortium_in(
    g: RecGraph,
    q: RecQuery,
    roles: Sequence[str],
    *,
    alternates: int = 2,
    max_size: int | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> Consortium:
    """A proposed consortium: one seat per role in `roles` (repeat a role for two seats).

    Seats beyond `max_size` members (partners included) are left out; an actor holds one seat
    at most and is not an alternate elsewhere.
    """
    if not roles:
        raise QueryError("a consortium needs at least one role (an actor kind such as sme, academic_lab, hospital)")
    if alternates < 0:
        raise QueryError(f"alternates must be 0 or more, not {alternates}")
    seats: list[Seat] = []
    current = q
    used: set[str] = set(q.partners) | set(q.exclude)
    for role in roles:
        if max_size is not None and len(current.partners) >= max_size:
            break
        seat_q = replace(current, roles=(role,), exclude=tuple(sorted(used)), top=1 + alternates)
        found = recommend_in(g, seat_q, weights)
        holder = found[0] if found else None
        seats.append(Seat(role, holder, tuple(found[1:])))
        used.update(s.actor for s in found)
        if holder:
            current = with_partners(current, [holder.actor])
    return Consortium(tuple(q.partners), tuple(seats))


def build_consortium(
    store: GraphStore,
    q: RecQuery,
    roles: Sequence[str],
    *,
    alternates: int = 2,
    max_size: int | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> Consortium:
    """`build_consortium_in` on the cached index of a store."""
    g = cached_rec_graph(store, load_schema())
    return build_consortium_in(g, q, roles, alternates=alternates, max_size=max_size, weights=weights)
