"""Server-side network layout: communities, their names, aggregation into super-nodes, coordinates.

vis.js with physics on needs minutes for a few thousand nodes (pyvis issue #204), so the
browser only draws: positions are computed here and physics stays off. Communities are
found with Louvain (Blondel et al., "Fast unfolding of communities in large networks",
J. Stat. Mech. 2008) with a fixed seed, run by igraph's C implementation (`community_multilevel`:
0.3 s on the 23,000 actors and 140,000 links of the real graph, where networkx's pure-Python
Louvain takes 8 s), named from the ontology concepts their members
share, and drawn as discs placed by a spring layout of the community graph.
"""

from __future__ import annotations

import math
import random
import threading
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np

from ontology import Schema

__all__ = [
    "AGGREGATE_ABOVE",
    "Community",
    "NetworkView",
    "build_graph",
    "detect_communities",
    "name_communities",
    "bridges",
    "community_layout",
    "build_view",
]

AGGREGATE_ABOVE = 1500
"""Above this many selected actors, communities are drawn as super-nodes (expand on demand)."""

_SEED = 7
_IGRAPH_RNG = threading.Lock()  # igraph's random generator is process-wide: one seeded run at a time


@dataclass(frozen=True)
class Community:
    """A Louvain community: a stable key (`c<rank>`), its members, its name and what it is named after."""

    key: str
    members: tuple[str, ...]
    name: str
    concepts: tuple[str, ...]


@dataclass(frozen=True)
class NetworkView:
    """What the browser draws: vis.js node and edge dicts with positions, plus the communities."""

    nodes: tuple[dict[str, Any], ...]
    edges: tuple[dict[str, Any], ...]
    communities: tuple[Community, ...]
    aggregated: bool


def _year_ok(link: Mapping[str, Any], year_from: int | None, year_to: int | None) -> bool:
    first, last = link.get("first_year"), link.get("last_year")
    if first is None or last is None:
        return True
    return (year_from is None or int(last) >= year_from) and (year_to is None or int(first) <= year_to)


def build_graph(
    actors: Sequence[Mapping[str, Any]],
    links: Iterable[Mapping[str, Any]],
    link_types: Sequence[str] = (),
    year_from: int | None = None,
    year_to: int | None = None,
) -> nx.Graph:
    """Undirected weighted graph of the selected actors; parallel links of several types add up.

    Examples
    --------
    >>> g = build_graph([{"id": "a"}, {"id": "b"}], [{"source": "a", "target": "b", "type": "X", "weight": 2},
    ...                                              {"source": "b", "target": "a", "type": "Y", "weight": 1}])
    >>> g["a"]["b"]["weight"], sorted(g["a"]["b"]["types"])
    (3.0, ['X', 'Y'])
    """
    g = nx.Graph()
    for actor in actors:
        g.add_node(actor["id"])
    for link in links:
        s, t = link["source"], link["target"]
        if s == t or s not in g or t not in g:
            continue
        if link_types and link["type"] not in link_types:
            continue
        if not _year_ok(link, year_from, year_to):
            continue
        w = float(link.get("weight") or 1)
        if g.has_edge(s, t):
            g[s][t]["weight"] += w
            g[s][t]["types"].add(link["type"])
        else:
            g.add_edge(s, t, weight=w, types={link["type"]})
    return g


def detect_communities(g: nx.Graph, seed: int = _SEED, weight: str = "weight") -> list[tuple[str, ...]]:
    """Louvain communities, largest first (ties by smallest member id), each sorted; actors without
    any link are gathered in one last group rather than one community each.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> g.add_nodes_from(["q", "p"])
    >>> detect_communities(g)
    [('a', 'b', 'c'), ('x', 'y', 'z'), ('p', 'q')]
    """
    isolated = tuple(sorted(n for n in g if g.degree(n) == 0))
    linked = sorted(n for n in g if g.degree(n) > 0)
    found = _louvain(g, linked, seed, weight) if linked else []
    ordered = sorted((tuple(sorted(c)) for c in found), key=lambda c: (-len(c), c[0]))
    return ordered + ([isolated] if isolated else [])


def _louvain(g: nx.Graph, nodes: Sequence[str], seed: int, weight: str) -> list[list[str]]:
    """Louvain (igraph multilevel) on `nodes`, numbered in sorted order so a seed gives the same partition."""
    index = {n: i for i, n in enumerate(nodes)}
    pairs = [(index[s], index[t], float(d.get(weight, 1.0))) for s, t, d in g.edges(data=True)]
    h = ig.Graph(n=len(nodes), edges=[(a, b) for a, b, _ in pairs])
    with _IGRAPH_RNG:
        ig.set_random_number_generator(random.Random(seed))
        try:
            membership = h.community_multilevel(weights=[w for *_, w in pairs]).membership
        finally:
            ig.set_random_number_generator(random)
    groups: dict[int, list[str]] = {}
    for n, m in zip(nodes, membership, strict=True):
        groups.setdefault(m, []).append(n)
    return list(groups.values())


def _lifted(
    counts: Counter[str], overall: Counter[str], total: int, size: int, floor: int, schema: Schema, top: int
) -> tuple[str, ...]:
    """The `top` concepts most over-represented in a community of `size`, among those `floor` members carry."""
    scored = [
        (-(n / size) / (overall[c] / total), -n, c) for c, n in counts.items() if n >= floor and c in schema.concepts
    ]
    return tuple(c for _, _, c in sorted(scored)[:top])


def name_communities(
    communities: Sequence[tuple[str, ...]],
    actors_by_id: Mapping[str, Mapping[str, Any]],
    schema: Schema,
    lang: str = "fr",
    top: int = 2,
) -> list[Community]:
    """Name each community after the domains (else axes, else kinds) most of its members carry.

    A concept frequent everywhere (say "digital health" on half the graph) says little, so
    concepts are ranked by how over-represented they are in the community (lift), among
    those carried by at least a quarter of its members. In open data most actors carry no
    concept at all: when none reaches a quarter, the community is named after its main kind
    and the most over-represented concepts carried by at least a twentieth of its members
    (three at least), e.g. "Academic lab · Infectious diseases".
    """
    total = max(len(actors_by_id), 1)
    overall: Counter[str] = Counter()
    for actor in actors_by_id.values():
        overall.update(set(actor.get("domains") or ()) | set(actor.get("axes") or ()))
    out = []
    for rank, members in enumerate(communities, start=1):
        counts: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        for m in members:
            actor = actors_by_id.get(m, {})
            counts.update(set(actor.get("domains") or ()) | set(actor.get("axes") or ()))
            if actor.get("kind"):
                kinds[actor["kind"]] += 1
        chosen = _lifted(counts, overall, total, len(members), max(1, math.ceil(len(members) / 4)), schema, top)
        kind_name = ""
        if kinds:
            kind = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            kind_name = schema.kinds[kind].name(lang) if kind in schema.kinds else kind
        if chosen:
            name = " · ".join(schema.concepts[c].name(lang) for c in chosen)
        else:
            chosen = _lifted(counts, overall, total, len(members), max(3, math.ceil(len(members) / 20)), schema, 1)
            parts = [kind_name] if kind_name else []
            name = " · ".join(parts + [schema.concepts[c].name(lang) for c in chosen]) or "—"
        out.append(Community(f"c{rank}", tuple(members), f"{rank}. {name}", chosen))
    return out


def bridges(g: nx.Graph, communities: Sequence[Community], top: int = 5) -> dict[str, list[tuple[str, int]]]:
    """For each community, its members with the most links leaving it: who connects it to the rest.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "x"), ("x", "y")])
    >>> cs = [Community("c1", ("a", "b"), "A", ()), Community("c2", ("x", "y"), "X", ())]
    >>> bridges(g, cs)
    {'c1': [('b', 1)], 'c2': [('x', 1)]}
    """
    where = {m: c.key for c in communities for m in c.members}
    out: dict[str, list[tuple[str, int]]] = {}
    for c in communities:
        scores = []
        for m in c.members:
            outside = sum(1 for n in g.neighbors(m) if where.get(n) != c.key) if m in g else 0
            if outside:
                scores.append((m, outside))
        out[c.key] = sorted(scores, key=lambda x: (-x[1], x[0]))[:top]
    return out


def _sunflower(members: Sequence[str], centre: tuple[float, float], spacing: float) -> dict[str, tuple[float, float]]:
    """Members on a phyllotaxis spiral around `centre`, first member in the middle: O(n), no overlap."""
    golden = math.pi * (3 - math.sqrt(5))
    return {
        m: (
            centre[0] + spacing * math.sqrt(i) * math.cos(i * golden),
            centre[1] + spacing * math.sqrt(i) * math.sin(i * golden),
        )
        for i, m in enumerate(members)
    }


def _community_graph(g: nx.Graph, communities: Sequence[Community]) -> nx.Graph:
    where = {m: c.key for c in communities for m in c.members}
    cg = nx.Graph()
    cg.add_nodes_from(c.key for c in communities)
    for s, t, data in g.edges(data=True):
        a, b = where.get(s), where.get(t)
        if a and b and a != b:
            w = data.get("weight", 1.0)
            if cg.has_edge(a, b):
                cg[a][b]["weight"] += w
            else:
                cg.add_edge(a, b, weight=w)
    return cg


def _centres(cg: nx.Graph, radii: Mapping[str, float], seed: int) -> dict[str, tuple[float, float]]:
    """Community centres: a spring layout of the community graph, scaled so the largest discs do not overlap."""
    if len(cg) == 1:
        return {next(iter(cg)): (0.0, 0.0)}
    small = cg if len(cg) < 500 else cg.subgraph(sorted(cg, key=lambda k: -radii[k])[:499])
    pos = nx.spring_layout(small, seed=seed, weight=None, method="force", iterations=60)
    rest = [k for k in cg if k not in pos]
    pos.update(_sunflower(rest, (0.0, 0.0), 0.08) if rest else {})
    keys = list(pos)
    r = np.array([radii[k] for k in keys], dtype=float)
    xy = np.array([pos[k] for k in keys], dtype=float)
    if len(keys) > 400:  # pairwise pushes would cost too much: a safe, looser scale
        return {
            k: (float(x), float(y)) for k, (x, y) in zip(keys, xy * 1.2 * r.max() * math.sqrt(len(keys)), strict=True)
        }
    return {k: (float(x), float(y)) for k, (x, y) in zip(keys, _separate(xy, r), strict=True)}


def _separate(xy: np.ndarray, r: np.ndarray, iterations: int = 60) -> np.ndarray:
    """Scale unit-square positions so discs of radii `r` sit about one diameter apart, then push
    overlapping pairs apart (each moves half the overlap) until none overlaps: neighbours stay close."""
    dist = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))
    np.fill_diagonal(dist, np.inf)
    nearest = float(np.median(dist.min(axis=1)))
    out = xy * (1.5 * float(r.mean()) / max(nearest, 1e-6))
    # coincident points need a direction to part along: a fixed small spiral offset
    out += np.stack([np.cos(np.arange(len(r))), np.sin(np.arange(len(r)))], axis=1) * 1e-3
    need = (r[:, None] + r[None, :]) * 1.08
    for _ in range(iterations):
        diff = out[:, None, :] - out[None, :, :]
        dist = np.sqrt((diff**2).sum(axis=2))
        np.fill_diagonal(dist, np.inf)
        overlap = np.clip(need - dist, 0.0, None)
        if float(overlap.max()) < 1e-6:
            break
        out += ((diff / dist[:, :, None]) * (overlap / 2)[:, :, None]).sum(axis=1)
    return out


def community_layout(
    g: nx.Graph,
    communities: Sequence[Community],
    seed: int = _SEED,
    spacing: float = 40.0,
    detail: Iterable[str] | None = None,
) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """Community centres and member positions: communities placed by a spring layout of the community
    graph, members on a disc ordered by degree (hubs in the middle).

    Small communities (4 to 59 members, with links) get a local spring layout instead, which
    shows their shape. Only the communities in `detail` (all when None) get member positions:
    a super-node needs its centre only.
    """
    if not communities:
        return {}, {}
    radii = {c.key: spacing * (1.5 + math.sqrt(len(c.members))) for c in communities}
    centres = _centres(_community_graph(g, communities), radii, seed)
    wanted = None if detail is None else set(detail)
    pos: dict[str, tuple[float, float]] = {}
    for c in communities:
        if wanted is not None and c.key not in wanted:
            continue
        cx, cy = centres[c.key]
        members = sorted(c.members, key=lambda m: (-g.degree(m, weight="weight"), m))
        if 3 < len(members) < 60 and g.subgraph(members).number_of_edges():
            local = nx.spring_layout(g.subgraph(members), seed=seed, method="force", iterations=30)
            r = spacing * math.sqrt(len(members))
            pos.update({m: (cx + float(x) * r, cy + float(y) * r) for m, (x, y) in local.items()})
        else:
            pos.update(_sunflower(members, (cx, cy), spacing))
    return centres, pos


def build_view(
    g: nx.Graph,
    communities: Sequence[Community],
    node_attrs: Mapping[str, Mapping[str, Any]],
    expanded: Iterable[str] = (),
    aggregate_above: int = AGGREGATE_ABOVE,
    seed: int = _SEED,
) -> NetworkView:
    """Nodes and edges to draw: every actor, or, above `aggregate_above`, one super-node per community
    except the `expanded` ones, whose members are drawn individually.

    `node_attrs[id]` holds what vis.js needs besides the position (label, title, color…).
    """
    expanded_keys = set(expanded)
    aggregated = len(g) > aggregate_above
    centres, pos = community_layout(g, communities, seed, detail=expanded_keys if aggregated else None)
    where = {m: c.key for c in communities for m in c.members}
    shown: set[str] = set()
    nodes: list[dict[str, Any]] = []
    for c in communities:
        if aggregated and c.key not in expanded_keys:
            nodes.append(
                {
                    "id": c.key,
                    "label": f"{c.name} ({len(c.members)})",
                    "community": c.key,
                    "super": True,
                    "size": 12 + 4 * math.sqrt(len(c.members)),
                    "x": centres[c.key][0],
                    "y": centres[c.key][1],
                }
            )
        else:
            for m in c.members:
                shown.add(m)
                nodes.append(
                    {**node_attrs.get(m, {"label": m}), "id": m, "community": c.key, "x": pos[m][0], "y": pos[m][1]}
                )

    def end(n: str) -> str:
        return n if n in shown else where.get(n, n)

    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for s, t, data in g.edges(data=True):
        a, b = end(s), end(t)
        if a == b:
            continue
        key = (a, b) if a < b else (b, a)
        entry = merged.setdefault(key, {"from": key[0], "to": key[1], "weight": 0.0, "types": set()})
        entry["weight"] += data.get("weight", 1.0)
        entry["types"] |= set(data.get("types", ()))
    edges = [
        {"from": e["from"], "to": e["to"], "weight": e["weight"], "types": sorted(e["types"])}
        for _, e in sorted(merged.items())
    ]
    return NetworkView(tuple(nodes), tuple(edges), tuple(communities), aggregated)
