"""French by default, English on request: every UI string goes through `t()`."""

from __future__ import annotations

import streamlit as st

__all__ = ["LANGS", "t", "tr", "lang", "language_switch", "STRINGS"]

LANGS = ("fr", "en")

STRINGS: dict[str, dict[str, str]] = {
    "app.title": {
        "fr": "Cartographie de l'écosystème santé d'Île-de-France",
        "en": "Île-de-France health-ecosystem map",
    },
    "nav.overview": {"fr": "Vue d'ensemble", "en": "Overview"},
    "nav.network": {"fr": "Réseau", "en": "Network"},
    "nav.map": {"fr": "Carte", "en": "Map"},
    "nav.actor": {"fr": "Fiche acteur", "en": "Actor page"},
    "lang.label": {"fr": "Langue", "en": "Language"},
    "overview.actors": {"fr": "Acteurs", "en": "Actors"},
    "overview.projects": {"fr": "Projets", "en": "Projects"},
    "overview.links": {"fr": "Liens", "en": "Links"},
    "overview.by_kind": {"fr": "Acteurs par type", "en": "Actors by kind"},
    "overview.by_domain": {"fr": "Acteurs par domaine thérapeutique", "en": "Actors by therapeutic domain"},
    "overview.network": {"fr": "Réseau des acteurs", "en": "Actor network"},
    "overview.store": {"fr": "Base", "en": "Store"},
    "col.kind": {"fr": "Type", "en": "Kind"},
    "col.domain": {"fr": "Domaine", "en": "Domain"},
    "col.count": {"fr": "Nombre", "en": "Count"},
    "refs.picked": {
        "fr": "« {ref} » désigne {n} acteurs : {picked} est retenu. Autres : {others}.",
        "en": "'{ref}' names {n} actors; using {picked}. Others: {others}.",
    },
    "refs.loaded_name": {
        "fr": "« {ref} » : {picked}, retrouvé par un nom sous lequel il a été chargé.",
        "en": "'{ref}': {picked}, found by a name it was loaded under.",
    },
    "refs.actor": {
        "fr": "{name} ({id} ; {how}, {registered}, {projects} projet(s))",
        "en": "{name} ({id}; {how}, {registered}, {projects} project(s))",
    },
    "refs.registered": {"fr": "immatriculé", "en": "registered"},
    "refs.unregistered": {"fr": "sans identifiant de registre", "en": "not registered"},
    "refs.by.id": {"fr": "identifiant", "en": "id"},
    "refs.by.name": {"fr": "nom", "en": "name"},
    "refs.by.alias": {"fr": "nom de chargement", "en": "loaded name"},
    "refs.by.xref": {"fr": "identifiant {prefix}", "en": "{prefix} id"},
}


def lang() -> str:
    value = st.session_state.get("lang", "fr")
    return value if value in LANGS else "fr"


def t(key: str) -> str:
    """The string for `key` in the current language (the key itself if none is known)."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    return entry.get(lang()) or entry["fr"]


def tr(strings: dict[str, dict[str, str]], key: str) -> str:
    """Like `t`, from a page's own table: each page keeps its strings next to its code."""
    entry = strings.get(key) or STRINGS.get(key)
    if entry is None:
        return key
    return entry.get(lang()) or entry["fr"]


def language_switch() -> None:
    """Sidebar selector bound to session_state['lang'] and to the URL (?lang=en)."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = st.query_params.get("lang", "fr") if st.query_params.get("lang") in LANGS else "fr"
    st.sidebar.radio(
        "Langue / Language",
        LANGS,
        key="lang",
        horizontal=True,
        format_func=lambda x: {"fr": "Français", "en": "English"}[x],
    )
    st.query_params["lang"] = st.session_state["lang"]
