"""Actor page: who it is, what it works on (with evidence), with whom, and where each fact comes from."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

import pandas as pd
import streamlit as st

from graph import store_uri
from ontology import Schema, load_schema
from ui.i18n import lang, tr
from ui.reports import ErrorReport, append_report, reports_path

__all__ = ["render", "SECTIONS", "section_rows"]

S: dict[str, dict[str, str]] = {
    "title": {"fr": "Fiche acteur", "en": "Actor page"},
    "pick": {"fr": "Acteur", "en": "Actor"},
    "missing": {"fr": "Aucun acteur « {id} » dans la base.", "en": "No actor '{id}' in the store."},
    "kind": {"fr": "Type", "en": "Kind"},
    "place": {"fr": "Localisation", "en": "Location"},
    "sources": {"fr": "Sources", "en": "Sources"},
    "ids": {"fr": "Identifiants", "en": "Identifiers"},
    "no_ids": {"fr": "Aucun identifiant externe connu.", "en": "No external identifier known."},
    "sec.concepts": {
        "fr": "Domaines, axes et filières (avec leur justification)",
        "en": "Domains, axes and sectors (with evidence)",
    },
    "sec.projects": {"fr": "Projets", "en": "Projects"},
    "sec.partners": {"fr": "Partenaires et collaborations", "en": "Partners and collaborations"},
    "sec.supervisors": {"fr": "Tutelles", "en": "Supervising bodies"},
    "sec.supervised": {"fr": "Structures sous sa tutelle", "en": "Structures it supervises"},
    "sec.spinoffs": {"fr": "Essaimages (start-up issues de cet acteur)", "en": "Spin-offs"},
    "sec.origin": {"fr": "Issu de", "en": "Spun off from"},
    "sec.memberships": {"fr": "Adhésions, rattachements, hébergement", "en": "Memberships, parents, hosts"},
    "sec.members": {"fr": "Membres, composantes, hébergés", "en": "Members, parts, hosted"},
    "sec.funding": {"fr": "Projets financés", "en": "Funded projects"},
    "sec.other": {"fr": "Autres faits", "en": "Other facts"},
    "col.name": {"fr": "Nom", "en": "Name"},
    "col.what": {"fr": "Relation", "en": "Relation"},
    "col.detail": {"fr": "Détail", "en": "Detail"},
    "col.evidence": {"fr": "Justification", "en": "Evidence"},
    "col.sources": {"fr": "Sources", "en": "Sources"},
    "col.files": {"fr": "Fichiers", "en": "Files"},
    "col.keys": {"fr": "Clés d'enregistrement", "en": "Record keys"},
    "col.link": {"fr": "Fiche", "en": "Page"},
    "prov": {"fr": "Provenance de la fiche", "en": "Provenance of this record"},
    "report": {"fr": "Signaler une erreur", "en": "Report an error"},
    "report.field": {"fr": "Information concernée", "en": "Which information"},
    "report.message": {"fr": "Qu'est-ce qui est faux ?", "en": "What is wrong?"},
    "report.reporter": {"fr": "Votre nom ou e-mail (facultatif)", "en": "Your name or e-mail (optional)"},
    "report.send": {"fr": "Envoyer le signalement", "en": "Send the report"},
    "report.thanks": {
        "fr": "Merci : signalement enregistré dans {path}.",
        "en": "Thank you: report recorded in {path}.",
    },
    "report.empty": {"fr": "Décrivez l'erreur avant d'envoyer.", "en": "Describe the error before sending."},
    "none": {"fr": "—", "en": "—"},
}

# (section key, relationship type, direction, kind of node at the other end)
SECTIONS: tuple[tuple[str, frozenset[tuple[str, str]]], ...] = (
    ("sec.projects", frozenset({("PARTICIPATES_IN", "out")})),
    (
        "sec.partners",
        frozenset(
            {("COLLABORATES_WITH", "out"), ("COLLABORATES_WITH", "in"), ("PARTNER_OF", "out"), ("PARTNER_OF", "in")}
        ),
    ),
    ("sec.supervisors", frozenset({("SUPERVISED_BY", "out")})),
    ("sec.supervised", frozenset({("SUPERVISED_BY", "in")})),
    ("sec.spinoffs", frozenset({("SPUN_OFF_FROM", "in")})),
    ("sec.origin", frozenset({("SPUN_OFF_FROM", "out")})),
    ("sec.memberships", frozenset({("MEMBER_OF", "out"), ("PART_OF", "out"), ("HOSTED_BY", "out")})),
    ("sec.members", frozenset({("MEMBER_OF", "in"), ("PART_OF", "in"), ("HOSTED_BY", "in")})),
    ("sec.funding", frozenset({("FUNDED_BY", "in")})),
)


def _join(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " | ".join(str(v) for v in value if v not in (None, ""))
    return str(value)


def _rel_name(schema: Schema, rel: str, lg: str) -> str:
    spec = schema.relationships.get(rel)
    names = dict(spec.names) if spec else {}
    return names.get(lg) or names.get("fr") or rel


def section_rows(facts: Sequence[Mapping[str, Any]], wanted: frozenset[tuple[str, str]]) -> list[Mapping[str, Any]]:
    """The facts of one section, in query order.

    Examples
    --------
    >>> facts = [{"rel": "SUPERVISED_BY", "direction": "out", "other_id": "cnrs"}, {"rel": "SUPERVISED_BY", "direction": "in", "other_id": "lab"}]
    >>> [r["other_id"] for r in section_rows(facts, frozenset({("SUPERVISED_BY", "out")}))]
    ['cnrs']
    """
    return [r for r in facts if (r["rel"], r["direction"]) in wanted]


def _facts_frame(rows: Sequence[Mapping[str, Any]], schema: Schema, lg: str) -> pd.DataFrame:
    out = []
    for r in rows:
        name = r.get("other_name_en") if lg == "en" and r.get("other_name_en") else r.get("other_name")
        detail = ", ".join(
            x
            for x in (
                schema.kinds[r["other_kind"]].name(lg) if r.get("other_kind") in schema.kinds else "",
                str(r.get("role") or ""),
                str(r.get("year") or ""),
                f"× {r['weight']:g}" if isinstance(r.get("weight"), (int, float)) and r.get("weight") != 1 else "",
            )
            if x
        )
        out.append(
            {
                tr(S, "col.name"): str(name or r.get("other_id")),
                tr(S, "col.what"): _rel_name(schema, r["rel"], lg),
                tr(S, "col.detail"): detail,
                tr(S, "col.evidence"): _join(r.get("evidence")),
                tr(S, "col.sources"): _join(r.get("sources")),
                tr(S, "col.files"): _join(r.get("prov_files")),
                tr(S, "col.keys"): _join(r.get("prov_keys")),
                tr(S, "col.link"): f"actor?id={quote(str(r['other_id']))}" if r.get("other_label") == "Actor" else None,
            }
        )
    return pd.DataFrame(out)


def _show_table(df: pd.DataFrame) -> None:
    st.dataframe(
        df,
        hide_index=True,
        width="stretch",
        column_config={tr(S, "col.link"): st.column_config.LinkColumn(tr(S, "col.link"), display_text="↗")},
    )


def _report_form(actor_id: str, lg: str) -> None:
    with st.expander(tr(S, "report")):
        with st.form("report_form", clear_on_submit=True):
            field = st.text_input(tr(S, "report.field"), key="report_field")
            message = st.text_area(tr(S, "report.message"), key="report_message")
            reporter = st.text_input(tr(S, "report.reporter"), key="report_reporter")
            sent = st.form_submit_button(tr(S, "report.send"))
        if sent:
            if not message.strip():
                st.warning(tr(S, "report.empty"))
            else:
                append_report(ErrorReport(actor_id, field.strip(), message.strip(), reporter.strip(), lg))
                st.success(tr(S, "report.thanks").format(path=reports_path()))


def _pick(uri: str) -> str:
    from ui.explorer_data import explorer_rows
    from ui.filter_panel import actor_picker

    actors, _ = explorer_rows(uri)
    names = {a["id"]: str(a.get("name") or a["id"]) for a in actors}
    wanted = st.query_params.get("id") or ""
    if st.session_state.get("actor_pick_url") != wanted:
        st.session_state["actor_pick_url"] = wanted
        st.session_state["actor_pick"] = wanted if wanted in names else ""
    chosen = actor_picker(st, names, "actor_pick", wanted if wanted in names else "", tr(S, "pick"))
    if chosen and chosen != wanted:
        st.query_params["id"] = chosen
        st.session_state["actor_pick_url"] = chosen
    return chosen or wanted


def render() -> None:
    from ui.data import named_rows

    uri = store_uri()
    schema = load_schema()
    lg = lang()
    st.title(tr(S, "title"))
    actor_id = _pick(uri)
    if not actor_id:
        return
    card = named_rows("explorer_actor", (("actor_id", actor_id),), uri=uri)
    if not card:
        st.warning(tr(S, "missing").format(id=actor_id))
        return
    props: dict[str, Any] = card[0]
    facts = named_rows("explorer_actor_facts", (("actor_id", actor_id),), uri=uri)
    kind = props.get("kind") or ""
    st.header(str(props.get("name") or actor_id))
    c1, c2, c3 = st.columns(3)
    c1.metric(tr(S, "kind"), schema.kinds[kind].name(lg) if kind in schema.kinds else (kind or tr(S, "none")))
    c2.metric(
        tr(S, "place"), ", ".join(str(x) for x in (props.get("city"), props.get("departement")) if x) or tr(S, "none")
    )
    c3.metric(tr(S, "sources"), _join(props.get("sources")) or tr(S, "none"))
    st.subheader(tr(S, "ids"))
    id_props = ["id", "acronym", *schema.labels["Actor"].external_ids]
    ids = {k: str(props[k]) for k in id_props if props.get(k) not in (None, "")}
    st.table(pd.DataFrame({"": list(ids), " ": list(ids.values())}))
    concept_rows = [r for r in facts if r.get("other_label") == "Concept"]
    if concept_rows:
        st.subheader(tr(S, "sec.concepts"))
        _show_table(_facts_frame(concept_rows, schema, lg).drop(columns=[tr(S, "col.link")]))
    shown = {id(r) for r in concept_rows}
    for key, wanted in SECTIONS:
        rows = section_rows(facts, wanted)
        shown.update(id(r) for r in rows)
        if rows:
            st.subheader(f"{tr(S, key)} ({len(rows)})")
            _show_table(_facts_frame(rows, schema, lg))
    rest = [r for r in facts if id(r) not in shown]
    if rest:
        st.subheader(tr(S, "sec.other"))
        _show_table(_facts_frame(rest, schema, lg))
    st.subheader(tr(S, "prov"))
    st.table(
        pd.DataFrame(
            {
                "": [tr(S, "col.sources"), tr(S, "col.files"), tr(S, "col.keys"), tr(S, "col.evidence")],
                " ": [_join(props.get(k)) for k in ("sources", "prov_files", "prov_keys", "evidence")],
            }
        )
    )
    _report_form(actor_id, lg)
