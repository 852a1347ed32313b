"""Network view: filtered actors, their links and communities, laid out server-side, with exports."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote

import networkx as nx
import pandas as pd
import streamlit as st

from graph import store_uri
from ontology import Schema, load_schema
from ui.exports import actors_frame, links_frame, to_csv, to_gexf, to_xlsx
from ui.filter_panel import filter_panel, request_focus, sync_url
from ui.filters import Filters
from ui.i18n import lang, tr
from ui.layout import (
    AGGREGATE_ABOVE,
    Community,
    NetworkView,
    bridges,
    build_graph,
    build_view,
    detect_communities,
    name_communities,
)
from ui.network_clicks import network_click, valid_key
from ui.vis_html import KIND_COLORS, actor_node_attrs, network_html

__all__ = ["render", "Analysis", "analyse", "view_for"]

S: dict[str, dict[str, str]] = {
    "title": {"fr": "Réseau des acteurs", "en": "Actor network"},
    "selected": {"fr": "Acteurs sélectionnés", "en": "Selected actors"},
    "links": {"fr": "Liens", "en": "Links"},
    "communities": {"fr": "Communautés", "en": "Communities"},
    "computing": {
        "fr": "Communautés et disposition de {n} acteurs… (calculées une fois, puis gardées)",
        "en": "Communities and layout of {n} actors… (computed once, then kept)",
    },
    "unlinked": {"fr": "Acteurs sans lien dans la sélection", "en": "Actors without a link in the selection"},
    "aggregated": {
        "fr": "Plus de {n} acteurs : chaque communauté est un super-nœud. Cliquez sur un super-nœud (ou choisissez-le "
        "ci-dessous) pour voir ses membres.",
        "en": "More than {n} actors: each community is a super-node. Click a super-node (or choose it below) to see "
        "its members.",
    },
    "expand": {"fr": "Déplier des communautés", "en": "Expand communities"},
    "empty": {"fr": "Aucun acteur ne correspond à ces filtres.", "en": "No actor matches these filters."},
    "col.community": {"fr": "Communauté", "en": "Community"},
    "col.size": {"fr": "Acteurs", "en": "Actors"},
    "col.top": {"fr": "Principaux membres", "en": "Main members"},
    "col.bridges": {"fr": "Passerelles vers les autres communautés", "en": "Bridges to other communities"},
    "exports": {"fr": "Exporter la vue", "en": "Export the view"},
    "legend": {
        "fr": "Couleur = type d'acteur ; clic : voisins ; double-clic : fiche.",
        "en": "Colour = actor kind; click: neighbours; double-click: page.",
    },
    "share": {
        "fr": "Lien partageable : l'adresse de cette page contient les filtres.",
        "en": "Shareable link: this page's address carries the filters.",
    },
    "timing": {"fr": "Calcul du réseau : {s:.2f} s", "en": "Network computed in {s:.2f} s"},
    "open_actor": {"fr": "Ouvrir la fiche", "en": "Open the actor page"},
}


@dataclass(frozen=True)
class Analysis:
    """The graph of a selection and its named communities; shared read-only between reruns."""

    graph: nx.Graph
    communities: tuple[Community, ...]
    community_of: dict[str, str]


def analyse(
    selected: Sequence[Mapping[str, Any]], links: Sequence[Mapping[str, Any]], f: Filters, schema: Schema, lg: str
) -> Analysis:
    """Graph, Louvain communities (seeded) and their names for the selected actors."""
    g = build_graph(selected, links, f.link_types, f.year_from, f.year_to)
    by_id = {a["id"]: a for a in selected}
    named = name_communities(detect_communities(g), by_id, schema, lg)
    if named and all(g.degree(m) == 0 for m in named[-1].members):
        named[-1] = replace(named[-1], name=f"{named[-1].key[1:]}. {S['unlinked'][lg]}", concepts=())
    communities = tuple(named)
    return Analysis(g, communities, {m: c.key for c in communities for m in c.members})


def view_for(
    analysis: Analysis,
    selected: Sequence[Mapping[str, Any]],
    schema: Schema,
    lg: str,
    expanded: Sequence[str] = (),
    aggregate_above: int = AGGREGATE_ABOVE,
) -> NetworkView:
    """The drawable view (positions, labels, escaped tooltips) of an analysis; tooltips are built
    only for the actors drawn one by one."""
    drawn: set[str] | None = None
    if len(analysis.graph) > aggregate_above:
        open_keys = set(expanded)
        drawn = {m for c in analysis.communities if c.key in open_keys for m in c.members}
    attrs = {a["id"]: actor_node_attrs(a, schema, lg) for a in selected if drawn is None or a["id"] in drawn}
    return build_view(analysis.graph, analysis.communities, attrs, expanded, aggregate_above)


def selection_key(ids: Sequence[str]) -> str:
    """A short digest of the selected ids for the caches' keys: Streamlit hashes a 23,000-id tuple
    element by element (0.15 s on each call), a digest of the joined ids takes 0.5 ms.

    Examples
    --------
    >>> selection_key(["a", "b"]) == selection_key(("a", "b")) != selection_key(["ab"])
    True
    """
    return hashlib.sha1("\n".join(ids).encode("utf-8")).hexdigest() + f":{len(ids)}"


@st.cache_resource(max_entries=6, show_spinner=False)
def _cached_analysis(uri: str, ids: str, f: Filters, lg: str, _selected: Any, _links: Any) -> Analysis:
    return analyse(_selected, _links, f, load_schema(), lg)


@st.cache_resource(max_entries=6, show_spinner=False)
def _cached_page(
    uri: str, ids: str, f: Filters, lg: str, expanded: tuple[str, ...], _analysis: Analysis, _selected: Any
) -> tuple[NetworkView, str]:
    view = view_for(_analysis, _selected, load_schema(), lg, expanded)
    return view, network_html(view, lang=lg, title=S["title"][lg])


@st.cache_resource(max_entries=6, show_spinner=False)
def _cached_table(uri: str, ids: str, f: Filters, lg: str, _analysis: Analysis, _names: Any) -> pd.DataFrame:
    """The communities' table (bridges need a pass over every link: 0.4 s on the whole graph), once per view."""
    return _community_table(_analysis, _names)


def _load(uri: str) -> tuple[tuple[Any, ...], list[dict[str, Any]], list[dict[str, Any]]]:
    from ui.explorer_data import explorer_state

    return explorer_state(uri)


def _community_table(analysis: Analysis, names: Mapping[str, str]) -> pd.DataFrame:
    g = analysis.graph
    bridge = bridges(g, analysis.communities)
    rows = []
    for c in analysis.communities:
        top = sorted(c.members, key=lambda m: (-g.degree(m), m))[:5]
        rows.append(
            {
                tr(S, "col.community"): c.name,
                tr(S, "col.size"): len(c.members),
                tr(S, "col.top"): ", ".join(names.get(m, m) for m in top),
                tr(S, "col.bridges"): ", ".join(f"{names.get(m, m)} ({n})" for m, n in bridge[c.key]),
            }
        )
    return pd.DataFrame(rows)


def _exports(
    analysis: Analysis, selected: Sequence[Mapping[str, Any]], page_html: str, names: Mapping[str, str]
) -> None:
    """Download buttons; each file is built only when its button is clicked (big views stay fast)."""
    st.subheader(tr(S, "exports"))
    stamp = time.strftime("%Y%m%d")

    def community_of() -> dict[str, str]:
        community_name = {c.key: c.name for c in analysis.communities}
        return {m: community_name[k] for m, k in analysis.community_of.items()}

    def csv() -> bytes:
        return to_csv(actors_frame(selected, community_of()))

    def xlsx() -> bytes:
        sheets = {
            "acteurs": actors_frame(selected, community_of()),
            "liens": links_frame(analysis.graph),
            "communautes": _community_table(analysis, names),
        }
        return to_xlsx(sheets)

    def gexf() -> bytes:
        return to_gexf(analysis.graph, selected, community_of())

    def page() -> bytes:
        return page_html.encode("utf-8")

    xlsx_mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    c1, c2, c3, c4 = st.columns(4)
    c1.download_button("CSV", csv, f"acteurs-{stamp}.csv", "text/csv", key="dl_csv", on_click="ignore")
    c2.download_button("XLSX", xlsx, f"reseau-{stamp}.xlsx", xlsx_mime, key="dl_xlsx", on_click="ignore")
    c3.download_button(
        "GEXF (Gephi)", gexf, f"reseau-{stamp}.gexf", "application/xml", key="dl_gexf", on_click="ignore"
    )
    c4.download_button("HTML", page, f"reseau-{stamp}.html", "text/html", key="dl_html", on_click="ignore")


def render() -> None:
    uri = store_uri()
    schema = load_schema()
    lg = lang()
    st.title(tr(S, "title"))
    from ui.explorer_data import actor_names, selection

    state, actors, links = _load(uri)
    names = actor_names(uri, state, actors)
    # The drawing's clicks are read before the filter panel draws its widgets: a click on an actor
    # sets the focus picker's value, which Streamlit allows only before the picker exists in the run.
    click = network_click()
    if click and click.action == "focus" and (actor := valid_key(click.key, names)):
        request_focus(actor)
    f = filter_panel(actors, links, schema, state=state)
    selected = selection(uri, state, replace(f, expanded=()), actors, links)
    if not selected:
        sync_url(f)
        st.info(tr(S, "empty"))
        return
    started = time.perf_counter()
    ids = selection_key([a["id"] for a in selected])
    analysis_key = replace(f, expanded=(), focus="", depth=1)
    with st.spinner(tr(S, "computing").format(n=len(selected))):
        analysis = _cached_analysis(uri, ids, analysis_key, lg, selected, links)
    aggregated = len(selected) > AGGREGATE_ABOVE
    expanded: tuple[str, ...] = ()
    if aggregated:
        st.info(tr(S, "aggregated").format(n=AGGREGATE_ABOVE))
        keys = [c.key for c in analysis.communities]
        label = {c.key: f"{c.name} ({len(c.members)})" for c in analysis.communities}
        if "f_open" not in st.session_state:
            st.session_state["f_open"] = [k for k in f.expanded if k in label]
        clicked = valid_key(click.key, label) if click and click.action == "expand" else None
        if clicked and clicked not in st.session_state["f_open"]:
            st.session_state["f_open"] = [*st.session_state["f_open"], clicked]
        st.multiselect(tr(S, "expand"), keys, key="f_open", format_func=lambda k: label[k], placeholder="…")
        expanded = tuple(sorted(st.session_state["f_open"]))
    f = replace(f, expanded=expanded)
    sync_url(f)
    view, page_html = _cached_page(uri, ids, analysis_key, lg, expanded, analysis, selected)
    elapsed = time.perf_counter() - started
    c1, c2, c3 = st.columns(3)
    c1.metric(tr(S, "selected"), len(selected))
    c2.metric(tr(S, "links"), analysis.graph.number_of_edges())
    c3.metric(tr(S, "communities"), len(analysis.communities))
    st.iframe(page_html, height=660)
    legend = " ".join(
        f"<span style='color:{color}'>●</span> {schema.kinds[k].name(lg)}"
        for k, color in KIND_COLORS.items()
        if k in schema.kinds
    )
    st.caption(tr(S, "legend"))
    st.markdown(legend, unsafe_allow_html=True)
    st.caption(tr(S, "share") + " · " + tr(S, "timing").format(s=elapsed))
    if f.focus:
        st.link_button(f"{tr(S, 'open_actor')} : {names.get(f.focus, f.focus)}", f"actor?id={quote(f.focus)}")
    st.subheader(tr(S, "communities"))
    st.dataframe(_cached_table(uri, ids, analysis_key, lg, analysis, names), hide_index=True, width="stretch")
    _exports(analysis, selected, page_html, names)
