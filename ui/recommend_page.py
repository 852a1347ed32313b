"""Partner recommendation page: a brief in, partners worth calling out, each with its reasons.

The page collects the brief and renders; resolving actor references, scoring and building a
consortium belong to `queries.actor_refs`, `queries.recommend` and `queries.consortium`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from errors import CartoError
from ontology import load_schema
from queries.actor_refs import Candidate, ResolvedRef, resolve_all
from queries.consortium import build_consortium
from queries.recommend import RecQuery, Suggestion, recommend
from ui.data import get_store
from ui.i18n import lang, tr

__all__ = ["S", "ref_notices", "render", "suggestions_frame"]

S: dict[str, dict[str, str]] = {
    "nav": {"fr": "Partenaires", "en": "Partners"},
    "title": {"fr": "Trouver des partenaires", "en": "Find partners"},
    "intro": {
        "fr": "Décrivez le projet (titre, résumé), indiquez les partenaires déjà présents et les rôles recherchés : "
        "chaque suggestion vient avec les faits du graphe qui la justifient.",
        "en": "Describe the project (title, abstract), name the partners already in and the roles you need: "
        "each suggestion comes with the graph facts behind it.",
    },
    "text": {
        "fr": "Projet (titre et résumé, français ou anglais)",
        "en": "Project (title and abstract, French or English)",
    },
    "domains": {"fr": "Thèmes (sinon déduits du texte)", "en": "Themes (otherwise inferred from the text)"},
    "with": {
        "fr": "Partenaires déjà présents (un par ligne : id, rnsr:…, siren:…, pic:… ou nom)",
        "en": "Partners already in (one per line: id, rnsr:…, siren:…, pic:… or name)",
    },
    "roles": {"fr": "Types d'acteurs recherchés", "en": "Wanted actor kinds"},
    "exclude": {"fr": "À exclure (un par ligne)", "en": "Exclude (one per line)"},
    "idf": {"fr": "Île-de-France uniquement", "en": "Île-de-France only"},
    "top": {"fr": "Nombre de suggestions", "en": "Suggestions"},
    "mode": {"fr": "Mode", "en": "Mode"},
    "mode.list": {"fr": "Liste de partenaires", "en": "Partner list"},
    "mode.consortium": {"fr": "Consortium complet (un siège par rôle)", "en": "Whole consortium (one seat per role)"},
    "alternates": {"fr": "Suppléants par siège", "en": "Alternates per seat"},
    "run": {"fr": "Suggérer", "en": "Suggest"},
    "none": {"fr": "Aucune suggestion pour cette demande.", "en": "No suggestion for this brief."},
    "need_roles": {"fr": "Choisissez au moins un rôle pour composer un consortium.", "en": "Pick at least one role."},
    "seat": {"fr": "Siège", "en": "Seat"},
    "holder": {"fr": "Proposé", "en": "Proposed"},
    "alts": {"fr": "Suppléants", "en": "Alternates"},
    "rank": {"fr": "Rang", "en": "Rank"},
    "name": {"fr": "Acteur", "en": "Actor"},
    "kind": {"fr": "Type", "en": "Kind"},
    "score": {"fr": "Score", "en": "Score"},
    "why": {"fr": "Pourquoi", "en": "Why"},
    "facts": {"fr": "Faits du graphe", "en": "Graph facts"},
}


def _lines(text: str) -> list[str]:
    return [x.strip() for x in text.splitlines() if x.strip()]


def _actor(c: Candidate) -> str:
    how = tr(S, f"refs.by.{c.matched_by}") if c.matched_by in ("id", "name", "alias") else None
    return tr(S, "refs.actor").format(
        name=c.name,
        id=c.id,
        how=how or tr(S, "refs.by.xref").format(prefix=c.matched_by),
        registered=tr(S, "refs.registered" if c.registered else "refs.unregistered"),
        projects=c.projects,
    )


def ref_notices(refs: list[ResolvedRef]) -> list[str]:
    """What the user is told about the references: the actor picked for a namesake, a match by loaded name."""
    out = []
    for r in refs:
        if r.alternatives:
            others = " ; ".join(_actor(c) for c in r.alternatives)
            out.append(
                tr(S, "refs.picked").format(
                    ref=r.ref, n=len(r.alternatives) + 1, picked=_actor(r.picked), others=others
                )
            )
        elif r.matched_by == "alias":
            out.append(tr(S, "refs.loaded_name").format(ref=r.ref, picked=_actor(r.picked)))
    return out


def suggestions_frame(found: list[Suggestion]) -> pd.DataFrame:
    """One row per suggestion, reasons joined, columns named in the current language."""
    schema = load_schema()
    return pd.DataFrame(
        [
            {
                tr(S, "rank"): i,
                tr(S, "name"): s.name,
                tr(S, "kind"): schema.kinds[s.kind].name(lang()) if s.kind in schema.kinds else s.kind,
                tr(S, "score"): round(s.score, 3),
                tr(S, "why"): " · ".join(r.text for r in s.reasons),
                "id": s.actor,
            }
            for i, s in enumerate(found, start=1)
        ]
    )


def _show_reasons(found: list[Suggestion]) -> None:
    for i, s in enumerate(found, start=1):
        with st.expander(f"{i}. {s.name} ({s.actor})"):
            for r in s.reasons:
                st.markdown(f"- {r.text}")
            facts = [{"source": f.source, "rel": f.rel, "target": f.target} for r in s.reasons for f in r.facts]
            if facts:
                st.caption(tr(S, "facts"))
                st.dataframe(pd.DataFrame(facts).drop_duplicates(), hide_index=True)


def render() -> None:
    schema = load_schema()
    st.title(tr(S, "title"))
    st.caption(tr(S, "intro"))
    themes = [c for label in ("Domain", "Axis", "Technology") for c in schema.concepts_of(label)]
    with st.form("recommend"):
        text = st.text_area(tr(S, "text"), key="rec_text", height=140)
        domains = st.multiselect(
            tr(S, "domains"),
            [c.id for c in themes],
            key="rec_domains",
            format_func=lambda cid: schema.concepts[cid].name(lang()),
        )
        left, right = st.columns(2)
        with left:
            partners = st.text_area(tr(S, "with"), key="rec_with", height=100)
            exclude = st.text_area(tr(S, "exclude"), key="rec_exclude", height=68)
        with right:
            roles = st.multiselect(
                tr(S, "roles"),
                sorted(schema.kinds),
                key="rec_roles",
                format_func=lambda k: schema.kinds[k].name(lang()),
            )
            idf_only = st.checkbox(tr(S, "idf"), key="rec_idf")
            top = st.slider(tr(S, "top"), 1, 50, 10, key="rec_top")
            mode = st.radio(
                tr(S, "mode"), ("list", "consortium"), key="rec_mode", format_func=lambda m: tr(S, f"mode.{m}")
            )
            alternates = st.slider(tr(S, "alternates"), 0, 5, 2, key="rec_alternates")
        submitted = st.form_submit_button(tr(S, "run"), type="primary")
    if not submitted:
        return
    store = get_store()
    try:
        refs = resolve_all(store, [*_lines(partners), *_lines(exclude)])
        by_ref = {r.ref: r.id for r in refs}
        for notice in ref_notices(refs):
            st.info(notice)
        q = RecQuery(
            text=text,
            domains=tuple(domains),
            partners=tuple(dict.fromkeys(by_ref[x] for x in _lines(partners))),
            roles=() if mode == "consortium" else tuple(roles),
            exclude=tuple(dict.fromkeys(by_ref[x] for x in _lines(exclude))),
            idf_only=idf_only,
            top=top,
        )
        if mode == "consortium":
            if not roles:
                st.warning(tr(S, "need_roles"))
                return
            built = build_consortium(store, q, list(roles), alternates=alternates)
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            tr(S, "seat"): schema.kinds[seat.role].name(lang()),
                            tr(S, "holder"): seat.holder.name if seat.holder else "—",
                            tr(S, "alts"): " · ".join(a.name for a in seat.alternates),
                        }
                        for seat in built.seats
                    ]
                ),
                hide_index=True,
            )
            _show_reasons([s.holder for s in built.seats if s.holder])
            return
        found = recommend(store, q)
    except CartoError as e:
        st.error(str(e))
        return
    if not found:
        st.info(tr(S, "none"))
        return
    st.dataframe(suggestions_frame(found), hide_index=True)
    _show_reasons(found)
