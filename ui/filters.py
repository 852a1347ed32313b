"""The explorer's filters: one frozen value, read from and written to the URL, applied to actor rows.

The state lives in `st.query_params` so a filtered view is a shareable link; this module
keeps the conversion (URL <-> `Filters`) and the selection pure, so tests need no browser.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ontology import Schema

__all__ = [
    "Filters",
    "from_params",
    "to_params",
    "select_actors",
    "departement_of",
    "neighbours",
    "search_actors",
    "FACETS",
]

# URL key -> (Filters field, actor row field it tests)
FACETS: dict[str, tuple[str, str]] = {
    "dom": ("domains", "domains"),
    "axis": ("axes", "axes"),
    "kind": ("kinds", "kind"),
    "dep": ("departements", "departement"),
    "fil": ("sectors", "sectors"),
    "src": ("sources", "sources"),
    "member": ("clusters", "clusters"),
}
_LINK_KEY = "rel"


@dataclass(frozen=True)
class Filters:
    """What the user selected; an empty facet means "no restriction".

    Within a facet the values are alternatives (OR); facets combine with AND. Domains and
    axes roll up: choosing a broad domain keeps actors tagged with a narrower one.
    """

    domains: tuple[str, ...] = ()
    axes: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    departements: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    clusters: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    link_types: tuple[str, ...] = ()
    focus: str = ""
    depth: int = 1
    expanded: tuple[str, ...] = field(default=())

    @property
    def has_years(self) -> bool:
        return self.year_from is not None or self.year_to is not None


def _split(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    return tuple(sorted({str(x).strip() for x in items if str(x).strip()}))


def _int(value: Any) -> int | None:
    try:
        return int(str(value)) if value not in (None, "") else None
    except ValueError:
        return None


def from_params(params: Mapping[str, Any]) -> Filters:
    """Filters from URL query parameters; unknown keys and malformed numbers are ignored.

    Examples
    --------
    >>> f = from_params({"dom": "dom-neuro,dom-cancer", "dep": "91", "y0": "2015", "y1": "x"})
    >>> f.domains, f.departements, f.year_from, f.year_to
    (('dom-cancer', 'dom-neuro'), ('91',), 2015, None)
    """
    values: dict[str, Any] = {name: _split(params.get(key)) for key, (name, _) in FACETS.items()}
    depth = _int(params.get("depth"))
    return Filters(
        **values,
        year_from=_int(params.get("y0")),
        year_to=_int(params.get("y1")),
        link_types=_split(params.get(_LINK_KEY)),
        focus=str(params.get("focus") or ""),
        depth=depth if depth in (1, 2) else 1,
        expanded=_split(params.get("open")),
    )


def to_params(f: Filters) -> dict[str, str]:
    """URL query parameters for `f`; empty facets are left out so links stay short.

    Examples
    --------
    >>> to_params(Filters(domains=("dom-neuro",), departements=("91",), year_from=2015))
    {'dom': 'dom-neuro', 'dep': '91', 'y0': '2015'}
    >>> from_params(to_params(Filters(kinds=("sme",), focus="institut-curie"))) == Filters(kinds=("sme",), focus="institut-curie")
    True
    """
    out: dict[str, str] = {}
    for key, (name, _) in FACETS.items():
        if getattr(f, name):
            out[key] = ",".join(getattr(f, name))
    if f.year_from is not None:
        out["y0"] = str(f.year_from)
    if f.year_to is not None:
        out["y1"] = str(f.year_to)
    if f.link_types:
        out[_LINK_KEY] = ",".join(f.link_types)
    if f.focus:
        out["focus"] = f.focus
        if f.depth != 1:
            out["depth"] = str(f.depth)
    if f.expanded:
        out["open"] = ",".join(f.expanded)
    return out


def departement_of(actor: Mapping[str, Any]) -> str | None:
    """The département code of an actor: its own property, else the postcode's first two digits.

    Examples
    --------
    >>> departement_of({"departement": "75"}), departement_of({"postcode": "91190"}), departement_of({})
    ('75', '91', None)
    """
    dep = actor.get("departement")
    if dep:
        return str(dep).strip()
    postcode = str(actor.get("postcode") or "").strip()
    if len(postcode) == 5 and postcode.isdigit():
        return postcode[:2]
    return None


def _rolled_up(ids: Iterable[str], schema: Schema) -> set[str]:
    out: set[str] = set()
    for cid in ids:
        out.add(cid)
        if cid in schema.concepts:
            out.update(schema.ancestors(cid))
    return out


def _matches(actor: Mapping[str, Any], f: Filters, schema: Schema) -> bool:
    if f.domains and not _rolled_up(actor.get("domains") or (), schema) & set(f.domains):
        return False
    if f.axes and not _rolled_up(actor.get("axes") or (), schema) & set(f.axes):
        return False
    if f.sectors and not _rolled_up(actor.get("sectors") or (), schema) & set(f.sectors):
        return False
    if f.kinds and actor.get("kind") not in f.kinds:
        return False
    if f.departements and departement_of(actor) not in f.departements:
        return False
    if f.sources and not set(actor.get("sources") or ()) & set(f.sources):
        return False
    if f.clusters and not set(actor.get("clusters") or ()) & set(f.clusters):
        return False
    if f.has_years:
        first, last = actor.get("first_year"), actor.get("last_year")
        if first is None or last is None:
            return False
        if f.year_from is not None and int(last) < f.year_from:
            return False
        if f.year_to is not None and int(first) > f.year_to:
            return False
    return True


def neighbours(
    links: Iterable[Mapping[str, Any]], start: str, depth: int = 1, link_types: Sequence[str] = ()
) -> set[str]:
    """Actors within `depth` hops of `start` (itself included), following the chosen link types.

    Examples
    --------
    >>> links = [{"source": "a", "target": "b", "type": "X"}, {"source": "b", "target": "c", "type": "Y"}]
    >>> sorted(neighbours(links, "a")), sorted(neighbours(links, "a", 2)), sorted(neighbours(links, "a", 2, ["X"]))
    (['a', 'b'], ['a', 'b', 'c'], ['a', 'b'])
    """
    adjacency: dict[str, set[str]] = {}
    for link in links:
        if link_types and link["type"] not in link_types:
            continue
        adjacency.setdefault(link["source"], set()).add(link["target"])
        adjacency.setdefault(link["target"], set()).add(link["source"])
    seen, frontier = {start}, {start}
    for _ in range(depth):
        frontier = {n for node in frontier for n in adjacency.get(node, ())} - seen
        seen |= frontier
    return seen


def select_actors(
    actors: Sequence[Mapping[str, Any]], links: Sequence[Mapping[str, Any]], f: Filters, schema: Schema
) -> list[Mapping[str, Any]]:
    """The actors the filters keep, in input order; with a focus, its neighbourhood only (focus always kept).

    "Which SMEs are linked to Institut Curie?" is `Filters(kinds=("sme",), focus="institut-curie")`.
    """
    allowed = neighbours(links, f.focus, f.depth, f.link_types) if f.focus else None
    out = []
    for actor in actors:
        if allowed is not None and actor["id"] not in allowed:
            continue
        if actor["id"] == f.focus or _matches(actor, f, schema):
            out.append(actor)
    return out


def clear_facets(f: Filters) -> Filters:
    """The same view with every facet emptied (focus kept)."""
    return replace(f, **{x.name: x.default for x in fields(f) if x.name not in ("focus", "depth")})


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def search_actors(names: Mapping[str, str], query: str, limit: int = 50) -> list[str]:
    """Ids of the actors whose name (or id) contains every word of `query`, accents and case aside;
    names starting with the query first, then alphabetical.

    Examples
    --------
    >>> names = {"curie": "Institut Curie", "ihu": "IHU Institut Imagine", "ap-hp": "AP-HP"}
    >>> search_actors(names, "institut"), search_actors(names, "CURIE"), search_actors(names, "hp")
    (['curie', 'ihu'], ['curie'], ['ap-hp'])
    """
    words = _fold(query).split()
    if not words:
        return []
    hits = []
    for actor_id, name in names.items():
        text = _fold(f"{name} {actor_id}")
        if all(w in text for w in words):
            hits.append((not _fold(str(name)).startswith(words[0]), _fold(str(name)), actor_id))
    return [actor_id for *_, actor_id in sorted(hits)[:limit]]
