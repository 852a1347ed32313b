"""Gaps page: the ranked gaps of the ecosystem against the strategy, with evidence and exports.

The page renders `queries.gaps_report.build_report`; it holds no Cypher and no scoring.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from graph import store_uri
from queries.gaps_report import (
    KIND_TITLES,
    GapReport,
    GapSettings,
    build_report,
    to_csv,
    to_html,
    to_json,
    to_markdown,
    to_xlsx,
)
from ui.data import get_store
from ui.i18n import lang, tr

__all__ = ["S", "render"]

S: dict[str, dict[str, str]] = {
    "nav": {"fr": "Lacunes", "en": "Gaps"},
    "title": {"fr": "Lacunes au regard de la stratégie du pôle", "en": "Gaps against the cluster's strategy"},
    "intro": {
        "fr": "Chaque lacune a un score (gravité × poids stratégique tiré de l'ontologie), une explication et ses "
        "preuves : comptes, acteurs exemples et la requête de la bibliothèque qui les montre.",
        "en": "Each gap has a score (severity × strategic weight from the ontology), an explanation and its evidence: "
        "counts, example actors and the library query that shows them.",
    },
    "kinds": {"fr": "Types de lacune", "en": "Gap kinds"},
    "top": {"fr": "Nombre de lacunes affichées", "en": "Gaps shown"},
    "rank": {"fr": "Rang", "en": "Rank"},
    "kind": {"fr": "Type", "en": "Kind"},
    "subject": {"fr": "Sujet", "en": "Subject"},
    "score": {"fr": "Score", "en": "Score"},
    "finding": {"fr": "Constat", "en": "Finding"},
    "evidence": {"fr": "Preuves", "en": "Evidence"},
    "actors": {"fr": "Acteurs exemples", "en": "Example actors"},
    "queries": {"fr": "Requêtes qui le montrent", "en": "Queries that show it"},
    "none": {"fr": "Aucune lacune de ce type.", "en": "No gap of these kinds."},
    "total": {"fr": "Lacunes", "en": "Gaps"},
    "downloads": {"fr": "Exporter le rapport", "en": "Export the report"},
}


@st.cache_data(ttl=300, show_spinner=False)
def _report(uri: str, cluster: str, region: str) -> GapReport:
    """The gap report for one store; the URI is in the key so two stores never share it."""
    return build_report(get_store(), GapSettings(cluster=cluster, region=region))


def _xlsx_bytes(report: GapReport) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = to_xlsx(report, Path(tmp) / "gaps.xlsx")
        return path.read_bytes()


def _table(gaps: list[Any], language: str) -> pd.DataFrame:
    idx = 0 if language == "fr" else 1
    return pd.DataFrame(
        [
            {
                tr(S, "rank"): rank,
                tr(S, "kind"): KIND_TITLES[g.kind][idx],
                tr(S, "subject"): g.subject_fr if language == "fr" else g.subject_en,
                tr(S, "score"): g.score,
                tr(S, "finding"): g.explanation_fr if language == "fr" else g.explanation_en,
            }
            for rank, g in gaps
        ]
    )


def render() -> None:
    language = lang()
    idx = 0 if language == "fr" else 1
    st.title(tr(S, "title"))
    st.caption(tr(S, "intro"))
    report = _report(store_uri(), "medicen", "ter-idf")
    kinds = st.multiselect(
        tr(S, "kinds"),
        list(KIND_TITLES),
        default=list(KIND_TITLES),
        format_func=lambda k: f"{KIND_TITLES[k][idx]} ({len(report.by_kind(k))})",
        key="gaps_kinds",
    )
    ranked = [(i, g) for i, g in enumerate(report.gaps, start=1) if g.kind in kinds]
    top = st.slider(tr(S, "top"), 1, max(1, len(ranked)), min(25, max(1, len(ranked))), key="gaps_top")
    st.metric(tr(S, "total"), len(ranked))
    if not ranked:
        st.info(tr(S, "none"))
        return
    shown = ranked[:top]
    st.dataframe(_table(shown, language), hide_index=True, use_container_width=True)
    for rank, g in shown:
        subject = g.subject_fr if language == "fr" else g.subject_en
        with st.expander(f"{rank}. {KIND_TITLES[g.kind][idx]} — {subject} ({g.score:.3f})"):
            st.write(g.explanation_fr if language == "fr" else g.explanation_en)
            ev = g.to_dict()["evidence"]
            st.markdown(f"**{tr(S, 'evidence')}**")
            st.json(ev["counts"], expanded=True)
            if ev["actors"]:
                st.markdown(f"**{tr(S, 'actors')}**: " + ", ".join(f"{a['name']} (`{a['id']}`)" for a in ev["actors"]))
            st.markdown(f"**{tr(S, 'queries')}**")
            for q in ev["queries"]:
                st.code(f"carto query {q['query']} " + json.dumps(q["params"], ensure_ascii=False), language="text")
    st.subheader(tr(S, "downloads"))
    c1, c2, c3, c4, c5 = st.columns(5)
    c1.download_button("JSON", to_json(report), "gaps.json", "application/json", key="gaps_json")
    c2.download_button("CSV", to_csv(report), "gaps.csv", "text/csv", key="gaps_csv")
    c3.download_button("XLSX", _xlsx_bytes(report), "gaps.xlsx", key="gaps_xlsx")
    c4.download_button("Markdown", to_markdown(report, language), "gaps.md", "text/markdown", key="gaps_md")
    c5.download_button("HTML", to_html(report, language), "gaps.html", "text/html", key="gaps_html")
