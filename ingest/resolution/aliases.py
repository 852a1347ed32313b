"""Alias knowledge: every name an identified or already-loaded organisation arrived under.

A name that a record carrying an identifier (an RNSR, SIREN, PIC, ROR…) gave an organisation
is evidence of how people write it; so is every name an actor of the graph was loaded under
(its `names`), registries' labels, aliases and translations included. A name-only record whose
compared name is such an alias, in a place that agrees, is that organisation: no similarity
score is needed, and a second load of the same row lands where the first one did.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

__all__ = ["AliasIndex", "AliasHit", "pick"]


@dataclass(frozen=True)
class AliasHit:
    """The actor a name is an alias of, and whether the name is its own (its display name)."""

    actor_id: str
    own: bool


@dataclass
class AliasIndex:
    """Compared name → the actors known under it (built from profiles that may be trusted with a name)."""

    by_key: dict[str, dict[str, bool]] = field(default_factory=lambda: defaultdict(dict))

    def add(self, key: str, actor_id: str, *, own: bool) -> None:
        if not key:
            return
        seen = self.by_key[key]
        seen[actor_id] = seen.get(actor_id, False) or own

    def hits(self, key: str) -> list[AliasHit]:
        """Every actor known under `key`, sorted by id."""
        return [AliasHit(a, own) for a, own in sorted(self.by_key.get(key, {}).items())]

    @classmethod
    def build(cls, entries: Iterable[tuple[str, str, bool]]) -> AliasIndex:
        """From (compared name, actor id, is its own name) triples."""
        index = cls()
        for key, actor_id, own in entries:
            index.add(key, actor_id, own=own)
        return index


def pick(hits: list[AliasHit], same_actor: Callable[[str], str], place_ok: Callable[[str], bool]) -> str | None:
    """The one organisation an alias names, or None when it names none or several.

    Hits are first read as organisations (`same_actor` maps an id to its cluster, so two
    records of one organisation count once) and kept where the place agrees; several
    remaining organisations are decided by the one whose own name it is, if only one; else
    the alias says nothing and the name goes to the matcher.

    >>> h = [AliasHit("a", True), AliasHit("b", False)]
    >>> pick(h, str, lambda _: True), pick([AliasHit("a", False), AliasHit("b", False)], str, lambda _: True)
    ('a', None)
    >>> pick([AliasHit("a", False), AliasHit("b", False)], lambda x: "a", lambda _: True)
    'a'
    """
    roots: dict[str, bool] = {}
    for h in hits:
        if not place_ok(h.actor_id):
            continue
        root = same_actor(h.actor_id)
        roots[root] = roots.get(root, False) or h.own
    if len(roots) == 1:
        return next(iter(roots))
    own = [r for r, is_own in roots.items() if is_own]
    return own[0] if len(own) == 1 else None
