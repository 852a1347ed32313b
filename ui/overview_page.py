"""First page: counts by kind and domain, and a network view of the graph."""

from __future__ import annotations

import html

import networkx as nx
import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from graph import store_uri
from ui.data import named_rows
from ui.i18n import lang, t

__all__ = ["render"]


def _network_html(nodes: list[dict], edges: list[dict], height: int = 620) -> str:
    """vis.js network with a server-side layout and physics off (no client-side simulation)."""
    from pyvis.network import Network

    g = nx.Graph()
    g.add_nodes_from(n["id"] for n in nodes)
    g.add_edges_from((e["source"], e["target"]) for e in edges)
    pos = nx.spring_layout(g, seed=7, k=0.35) if len(g) else {}
    net = Network(height=f"{height}px", width="100%", bgcolor="#ffffff", cdn_resources="in_line")
    net.toggle_physics(False)
    palette = {
        "cluster": "#d62728",
        "hospital": "#1f77b4",
        "research_org": "#2ca02c",
        "academic_lab": "#98df8a",
        "university": "#17becf",
        "sme": "#ff7f0e",
        "large_company": "#9467bd",
        "midcap": "#c5b0d5",
    }
    for n in nodes:
        x, y = pos.get(n["id"], (0.0, 0.0))
        net.add_node(
            n["id"], label=n["name"][:40], title=html.escape(f"{n['name']} ({n['kind']})"),
            x=float(x) * 900, y=float(y) * 900, color=palette.get(n["kind"], "#7f7f7f"), physics=False,
        )  # fmt: skip
    for e in edges:
        if e["source"] in pos and e["target"] in pos:
            net.add_edge(e["source"], e["target"], title=html.escape(e["type"]))
    return net.generate_html(notebook=False)


def render() -> None:
    uri = store_uri()
    st.title(t("app.title"))
    kinds = named_rows("actors_by_kind", uri=uri)
    domains = named_rows("actors_by_domain", uri=uri)
    labels = {r["label"]: r["nodes"] for r in named_rows("nodes_by_label", uri=uri)}
    rels = sum(r["relationships"] for r in named_rows("relationships_by_type", uri=uri))
    c1, c2, c3 = st.columns(3)
    c1.metric(t("overview.actors"), labels.get("Actor", 0))
    c2.metric(t("overview.projects"), labels.get("Project", 0))
    c3.metric(t("overview.links"), rels)
    left, right = st.columns(2)
    with left:
        st.subheader(t("overview.by_kind"))
        st.dataframe(
            pd.DataFrame(kinds).rename(columns={"kind": t("col.kind"), "actors": t("col.count")}), hide_index=True
        )
    with right:
        st.subheader(t("overview.by_domain"))
        name_col = "name_fr" if lang() == "fr" else "name_en"
        df = pd.DataFrame([{t("col.domain"): r[name_col], t("col.count"): r["actors"]} for r in domains])
        st.dataframe(df, hide_index=True)
    st.subheader(t("overview.network"))
    actors = named_rows("actors_summary", (("top", 2000),), uri=uri)
    edges = named_rows("actor_network", (("top", 5000),), uri=uri)
    components.html(_network_html(actors, edges), height=640, scrolling=False)
    st.caption(f"{t('overview.store')}: {uri}")
