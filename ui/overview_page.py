"""First page: what the graph holds, counted by kind, domain, axis, filière, département and source."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from graph import store_uri
from ontology import Schema, load_schema
from ui.data import named_rows
from ui.explorer_data import explorer_rows
from ui.filter_panel import DEPARTEMENTS
from ui.filters import departement_of
from ui.i18n import lang, t, tr

__all__ = ["render", "concept_counts", "domain_axis_matrix"]

S: dict[str, dict[str, str]] = {
    "by_axis": {"fr": "Acteurs par axe R&D", "en": "Actors by R&D axis"},
    "by_sector": {"fr": "Acteurs par filière", "en": "Actors by industry sector"},
    "by_dep": {"fr": "Acteurs par département", "en": "Actors by département"},
    "by_source": {"fr": "Sources et derniers chargements", "en": "Sources and last loads"},
    "matrix": {"fr": "Domaines × axes (acteurs étiquetés des deux)", "en": "Domains × axes (actors tagged with both)"},
    "col.axis": {"fr": "Axe", "en": "Axis"},
    "col.sector": {"fr": "Filière", "en": "Sector"},
    "col.dep": {"fr": "Département", "en": "Département"},
    "col.source": {"fr": "Source", "en": "Source"},
    "col.loaded": {"fr": "Dernier chargement", "en": "Last loaded"},
    "unknown": {"fr": "(inconnu)", "en": "(unknown)"},
    "empty": {
        "fr": "La base est vide : chargez des données avec `carto ingest`.",
        "en": "The store is empty: load data with `carto ingest`.",
    },
}


def concept_counts(actors: Sequence[Mapping[str, Any]], field: str, schema: Schema, lg: str) -> pd.DataFrame:
    """Actors per concept of one list field (``axes``, ``sectors``…), named in `lg`, most frequent first."""
    counts: Counter[str] = Counter(c for a in actors for c in set(a.get(field) or ()))
    rows = sorted(
        ((schema.concepts[c].name(lg) if c in schema.concepts else c, n) for c, n in counts.items()),
        key=lambda r: (-r[1], r[0]),
    )
    return pd.DataFrame(rows, columns=["name", "actors"])


def domain_axis_matrix(actors: Sequence[Mapping[str, Any]], schema: Schema, lg: str) -> pd.DataFrame:
    """Long table (domain, axis, actors) over every domain and axis of the ontology, zeros included.

    Examples
    --------
    >>> from ontology import load_schema
    >>> m = domain_axis_matrix([{"domains": ["dom-cancer"], "axes": ["axis-imaging"]}], load_schema(), "en")
    >>> int(m["actors"].sum()), len(m) == len(load_schema().concepts_of("Domain")) * len(load_schema().concepts_of("Axis"))
    (1, True)
    """
    counts: Counter[tuple[str, str]] = Counter(
        (d, x) for a in actors for d in set(a.get("domains") or ()) for x in set(a.get("axes") or ())
    )
    rows = [
        {"domain": d.name(lg), "axis": x.name(lg), "actors": counts[(d.id, x.id)]}
        for d in schema.concepts_of("Domain")
        for x in schema.concepts_of("Axis")
    ]
    return pd.DataFrame(rows, columns=["domain", "axis", "actors"])


def _bar(df: pd.DataFrame, label: str, count: str) -> alt.Chart:
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X("actors:Q", title=count), y=alt.Y("name:N", sort="-x", title=label), tooltip=["name:N", "actors:Q"]
        )
        .properties(height=max(120, 22 * len(df)))
    )


def render() -> None:
    uri = store_uri()
    schema = load_schema()
    lg = lang()
    st.title(t("app.title"))
    actors, _ = explorer_rows(uri)
    labels = {r["label"]: r["nodes"] for r in named_rows("nodes_by_label", uri=uri)}
    rels = sum(r["relationships"] for r in named_rows("relationships_by_type", uri=uri))
    c1, c2, c3 = st.columns(3)
    c1.metric(t("overview.actors"), labels.get("Actor", 0))
    c2.metric(t("overview.projects"), labels.get("Project", 0))
    c3.metric(t("overview.links"), rels)
    if not actors:
        st.info(tr(S, "empty"))
        return
    count = t("col.count")
    kinds = Counter(str(a.get("kind") or "") for a in actors)
    kind_df = pd.DataFrame(
        sorted(
            ((schema.kinds[k].name(lg) if k in schema.kinds else (k or tr(S, "unknown")), n) for k, n in kinds.items()),
            key=lambda r: (-r[1], r[0]),
        ),
        columns=["name", "actors"],
    )
    domain_rows = named_rows("actors_by_domain", uri=uri)
    domain_df = pd.DataFrame(
        [
            {
                "name": schema.concepts[r["domain"]].name(lg) if r["domain"] in schema.concepts else r["domain"],
                "actors": r["actors"],
            }
            for r in domain_rows
            if r["actors"]
        ],
        columns=["name", "actors"],
    )
    deps = Counter(departement_of(a) or "" for a in actors)
    dep_df = pd.DataFrame(
        sorted(
            ((f"{d} {DEPARTEMENTS.get(d, '')}".strip() if d else tr(S, "unknown"), n) for d, n in deps.items()),
            key=lambda r: (-r[1], r[0]),
        ),
        columns=["name", "actors"],
    )
    left, right = st.columns(2)
    with left:
        st.subheader(t("overview.by_kind"))
        st.altair_chart(_bar(kind_df, t("col.kind"), count), width="stretch")
        st.subheader(tr(S, "by_axis"))
        st.altair_chart(_bar(concept_counts(actors, "axes", schema, lg), tr(S, "col.axis"), count), width="stretch")
        st.subheader(tr(S, "by_dep"))
        st.altair_chart(_bar(dep_df, tr(S, "col.dep"), count), width="stretch")
    with right:
        st.subheader(t("overview.by_domain"))
        st.altair_chart(_bar(domain_df, t("col.domain"), count), width="stretch")
        st.subheader(tr(S, "by_sector"))
        st.altair_chart(
            _bar(concept_counts(actors, "sectors", schema, lg), tr(S, "col.sector"), count), width="stretch"
        )
        st.subheader(tr(S, "by_source"))
        loads = named_rows("explorer_source_loads", uri=uri)
        st.dataframe(
            pd.DataFrame(loads, columns=["source", "actors", "last_loaded"]).rename(
                columns={"source": tr(S, "col.source"), "actors": count, "last_loaded": tr(S, "col.loaded")}
            ),
            hide_index=True,
        )
    st.subheader(tr(S, "matrix"))
    matrix = domain_axis_matrix(actors, schema, lg)
    heat = (
        alt.Chart(matrix)
        .mark_rect()
        .encode(
            x=alt.X("axis:N", title=tr(S, "col.axis")),
            y=alt.Y("domain:N", title=t("col.domain")),
            color=alt.Color("actors:Q", scale=alt.Scale(scheme="oranges"), title=count),
            tooltip=["domain:N", "axis:N", "actors:Q"],
        )
        .properties(height=26 * matrix["domain"].nunique())
    )
    st.altair_chart(heat, width="stretch")
    st.caption(f"{t('overview.store')}: {uri}")
