"""The sidebar filter panel shared by the network and map pages, kept in sync with the URL.

Widgets are initialised once from `st.query_params` and, after each run, the URL is
rewritten from the widgets: copying the address shares the exact view.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from ontology import Schema, load_schema
from ui.filters import FACETS, Filters, departement_of, from_params, search_actors, to_params
from ui.i18n import lang, tr

__all__ = ["filter_panel", "actor_picker", "request_focus", "sync_url", "DEPARTEMENTS"]

DEPARTEMENTS: dict[str, str] = load_schema().departements()
"""Code -> name of the départements the ontology declares (always offered in the filter)."""

S: dict[str, dict[str, str]] = {
    "filters": {"fr": "Filtres", "en": "Filters"},
    "f.dom": {"fr": "Domaine thérapeutique", "en": "Therapeutic domain"},
    "f.axis": {"fr": "Axe R&D", "en": "R&D axis"},
    "f.kind": {"fr": "Type d'acteur", "en": "Actor kind"},
    "f.dep": {"fr": "Département", "en": "Département"},
    "f.fil": {"fr": "Filière", "en": "Industry sector"},
    "f.src": {"fr": "Source", "en": "Source"},
    "f.member": {"fr": "Membre de", "en": "Member of"},
    "f.years": {"fr": "Années des projets", "en": "Project years"},
    "f.rel": {"fr": "Types de liens", "en": "Link types"},
    "f.focus": {"fr": "Centrer sur un acteur (voisins)", "en": "Focus on an actor (neighbours)"},
    "f.depth": {"fr": "Profondeur", "en": "Depth"},
    "f.none": {"fr": "— aucun —", "en": "— none —"},
    "f.reset": {"fr": "Effacer les filtres", "en": "Clear filters"},
    "f.choose": {"fr": "Choisir…", "en": "Choose…"},
    "f.search": {"fr": "Rechercher un acteur", "en": "Search an actor"},
    "f.search_hint": {"fr": "nom, sigle ou identifiant", "en": "name, acronym or id"},
}

_KEYS = {name: f"f_{key}" for key, (name, _) in FACETS.items()}


def _init(key: str, value: Any) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def _options(
    actors: Sequence[Mapping[str, Any]], schema: Schema, links: Sequence[Mapping[str, Any]]
) -> dict[str, list[str]]:
    names = {a["id"]: a.get("name") or a["id"] for a in actors}
    return {
        "domains": [c.id for c in schema.concepts_of("Domain")],
        "axes": [c.id for c in schema.concepts_of("Axis")],
        "sectors": [c.id for c in schema.concepts_of("Sector")],
        "kinds": sorted(schema.kinds),
        "departements": sorted(set(DEPARTEMENTS) | {d for a in actors if (d := departement_of(a))}),
        "sources": sorted({s for a in actors for s in (a.get("sources") or ())}),
        "clusters": sorted(
            {c for a in actors for c in (a.get("clusters") or ())}, key=lambda c: (str(names.get(c, c)).lower(), c)
        ),
        "link_types": sorted({lk["type"] for lk in links}),
    }


@st.cache_resource(max_entries=4, show_spinner=False)
def _panel_data(
    key: tuple[Any, ...], _actors: Sequence[Mapping[str, Any]], _schema: Schema, _links: Sequence[Mapping[str, Any]]
) -> tuple[dict[str, list[str]], dict[str, str], list[int]]:
    """Options, names and project years of the rows, once per graph state (`key`)."""
    names = {a["id"]: a.get("name") or a["id"] for a in _actors}
    years = sorted({int(y) for a in _actors for y in (a.get("first_year"), a.get("last_year")) if y is not None})
    return _options(_actors, _schema, _links), names, years


def _reset() -> None:
    for key in [*_KEYS.values(), "f_years", "f_rel", "f_focus", "f_depth", "f_open"]:
        if key in st.session_state:
            del st.session_state[key]
    for key in list(st.query_params.keys()):
        if key not in ("lang",):
            del st.query_params[key]
    st.session_state["f_ignore_url"] = True


def request_focus(actor_id: str) -> bool:
    """Make `actor_id` the focus, as if chosen in the picker; True if that changes the focus.

    Must run before `filter_panel` in the run: Streamlit forbids writing a widget's state once the
    widget exists. The expanded communities are dropped (they belong to the previous selection)
    and the depth is kept.
    """
    if st.session_state.get("f_focus") == actor_id:
        return False
    st.session_state["f_focus"] = actor_id
    st.session_state["f_open"] = []
    return True


def filter_panel(
    actors: Sequence[Mapping[str, Any]],
    links: Sequence[Mapping[str, Any]],
    schema: Schema,
    *,
    with_focus: bool = True,
    with_links: bool = True,
    state: tuple[Any, ...] | None = None,
) -> Filters:
    """Draw the filters in the sidebar and return what they select.

    `state` (the graph's fingerprint, see `ui.explorer_data`) lets the options be computed once per graph state.
    """
    url = {} if st.session_state.pop("f_ignore_url", False) else st.query_params.to_dict()
    start = from_params(url)
    if state is not None:
        opts, names, years = _panel_data(state, actors, schema, links)
    else:
        opts, names = _options(actors, schema, links), {a["id"]: a.get("name") or a["id"] for a in actors}
        years = sorted({int(y) for a in actors for y in (a.get("first_year"), a.get("last_year")) if y is not None})
    lg = lang()
    labels = {
        "domains": lambda c: schema.concepts[c].name(lg),
        "axes": lambda c: schema.concepts[c].name(lg),
        "sectors": lambda c: schema.concepts[c].name(lg),
        "kinds": lambda k: schema.kinds[k].name(lg),
        "departements": lambda d: f"{d} {DEPARTEMENTS.get(d, '')}".strip(),
        "sources": str,
        "clusters": lambda c: str(names.get(c, c)),
    }
    sb = st.sidebar
    sb.subheader(tr(S, "filters"))
    chosen: dict[str, tuple[str, ...]] = {}
    for url_key, (name, _) in FACETS.items():
        key = _KEYS[name]
        _init(key, [v for v in getattr(start, name) if v in opts[name]])
        sb.multiselect(
            tr(S, f"f.{url_key}"), opts[name], key=key, format_func=labels[name], placeholder=tr(S, "f.choose")
        )
        chosen[name] = tuple(sorted(st.session_state[key]))
    year_from = year_to = None
    if len(years) >= 2:
        lo, hi = years[0], years[-1]
        y0 = min(max(lo, start.year_from or lo), hi)
        _init("f_years", (y0, max(y0, min(hi, start.year_to or hi))))
        y0, y1 = sb.slider(tr(S, "f.years"), lo, hi, key="f_years")
        year_from = y0 if y0 > lo else None
        year_to = y1 if y1 < hi else None
    link_types: tuple[str, ...] = ()
    if with_links and opts["link_types"]:
        _init("f_rel", [t for t in start.link_types if t in opts["link_types"]])
        sb.multiselect(
            tr(S, "f.rel"),
            opts["link_types"],
            key="f_rel",
            placeholder=tr(S, "f.choose"),
            format_func=lambda r: dict(schema.relationships[r].names).get(lg, r) if r in schema.relationships else r,
        )
        link_types = tuple(sorted(st.session_state["f_rel"]))
    focus, depth = "", 1
    if with_focus:
        focus = actor_picker(sb, names, "f_focus", start.focus if start.focus in names else "", tr(S, "f.focus"))
        if focus:
            _init("f_depth", start.depth)
            depth = int(sb.radio(tr(S, "f.depth"), (1, 2), key="f_depth", horizontal=True))
    sb.button(tr(S, "f.reset"), on_click=_reset)
    return Filters(
        **chosen,
        year_from=year_from,
        year_to=year_to,
        link_types=link_types,
        focus=focus,
        depth=depth,
        expanded=start.expanded,
    )


def actor_picker(container: Any, names: Mapping[str, str], key: str, initial: str, label: str) -> str:
    """A search box and a short list of matching actors (a list of every actor would weigh megabytes)."""
    _init(key, initial)
    current = st.session_state.get(key) or ""
    query = container.text_input(tr(S, "f.search"), key=f"{key}_search", placeholder=tr(S, "f.search_hint"))
    matches = search_actors(names, query) if query else []
    ids = ["", *([current] if current and current not in matches else []), *matches]
    none = tr(S, "f.none")
    container.selectbox(label, ids, key=key, format_func=lambda i: str(names.get(i, none)))
    return str(st.session_state[key] or "")


def sync_url(f: Filters, keep: Sequence[str] = ("lang",)) -> None:
    """Rewrite the URL's query string from `f` (other keys than `keep` are dropped)."""
    wanted = to_params(f)
    for key in list(st.query_params.keys()):
        if key not in keep and key not in wanted:
            del st.query_params[key]
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
