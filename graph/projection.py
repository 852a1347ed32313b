"""Project a subgraph read by Cypher into networkx, for the analytics Cypher cannot do."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from graph.store import GraphStore

__all__ = ["project_graph", "graph_from_rows"]


def graph_from_rows(
    nodes: Iterable[Mapping[str, Any]],
    edges: Iterable[Mapping[str, Any]],
    groups: Iterable[Mapping[str, Any]] = (),
    *,
    key: str = "id",
    members: str = "members",
    source: str = "source",
    target: str = "target",
    weight: str = "weight",
) -> nx.Graph:
    """An undirected graph from node rows, edge rows and group rows; weights of repeated pairs add up.

    Node rows keep their other columns as node attributes. A group row (a project and its
    `members`) links every pair of its members with weight 1, so a pair's weight counts the
    groups it shares; reading groups instead of pairs keeps a 30-partner project at 30 values
    rather than 435 rows. An edge whose end is not among the node rows is dropped, so the
    node query decides what the network is; a self-loop is dropped too.

    Examples
    --------
    >>> g = graph_from_rows([{"id": "a"}, {"id": "b"}, {"id": "c"}],
    ...                     [{"source": "a", "target": "b", "weight": 2},
    ...                      {"source": "b", "target": "a", "weight": 1},
    ...                      {"source": "a", "target": "z", "weight": 1}])
    >>> sorted(g.nodes), g["a"]["b"]["weight"], g.number_of_edges()
    (['a', 'b', 'c'], 3, 1)
    >>> g = graph_from_rows([{"id": "a"}, {"id": "b"}, {"id": "c"}], [], [{"members": ["a", "b", "c"]}, {"members": ["a", "b"]}])
    >>> g["a"]["b"]["weight"], g["b"]["c"]["weight"]
    (2, 1)
    """
    g = nx.Graph()
    for row in nodes:
        g.add_node(row[key], **{k: v for k, v in row.items() if k != key})
    weights: dict[tuple[Any, Any], Any] = {}

    def add(u: Any, v: Any, w: Any) -> None:
        if u == v or u not in g or v not in g:
            return
        pair = (u, v) if (u, v) in weights or (v, u) not in weights else (v, u)
        weights[pair] = weights.get(pair, 0) + w

    for row in edges:
        w = row.get(weight)
        add(row[source], row[target], 1 if w is None else w)
    for row in groups:
        ids = [m for m in dict.fromkeys(row[members]) if m in g]
        for i, u in enumerate(ids):
            for v in ids[i + 1 :]:
                add(u, v, 1)
    g.add_weighted_edges_from(((u, v, w) for (u, v), w in weights.items()), weight=weight)
    return g


def project_graph(
    store: GraphStore,
    node_query: str,
    edge_queries: Iterable[str],
    params: Mapping[str, Any] | None = None,
    group_queries: Iterable[str] = (),
    *,
    timeout_ms: int | None = 60_000,
) -> nx.Graph:
    """Read the nodes with `node_query` and the edges with each of `edge_queries`.

    The node query returns an `id` column (and any attributes); each edge query returns
    `source`, `target` and optionally `weight`; each group query returns `members`, a list of
    ids to link pairwise. Each query gets only the parameters it uses
    (`$name` in its text), so one mapping can serve them all.
    """
    params = dict(params or {})

    def _own(text: str) -> dict[str, Any]:
        return {k: v for k, v in params.items() if re.search(rf"\${re.escape(k)}\b", text)}

    nodes = store.read(node_query, _own(node_query), timeout_ms=timeout_ms).rows
    edges: list[dict[str, Any]] = []
    for q in edge_queries:
        edges.extend(store.read(q, _own(q), timeout_ms=timeout_ms).rows)
    groups: list[dict[str, Any]] = []
    for q in group_queries:
        groups.extend(store.read(q, _own(q), timeout_ms=timeout_ms).rows)
    return graph_from_rows(nodes, edges, groups)
