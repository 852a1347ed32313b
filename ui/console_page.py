"""Cypher console: a library query with a parameter form, or the analyst's own read query.

The page only collects text and values and renders: checking and running belong to
`queries.console` (database plan check, read-only transaction, timeout, row cap) and
`queries.run_named`. Results are shown as a table, as a graph and as downloads.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st

from errors import CartoError
from queries import NamedQuery, Param, load_library, run_named
from queries.console import DEFAULT_ROW_CAP, ResultGraph, result_graph, run_console
from ui.data import get_store
from ui.i18n import tr

__all__ = ["S", "dot_source", "render"]

S: dict[str, dict[str, str]] = {
    "nav": {"fr": "Console Cypher", "en": "Cypher console"},
    "title": {"fr": "Console Cypher (lecture seule)", "en": "Cypher console (read-only)"},
    "intro": {
        "fr": "Choisissez une requête de la bibliothèque et ses paramètres, ou écrivez votre Cypher. "
        "Toute requête est d'abord analysée par la base : seules les lectures passent, "
        "dans une transaction en lecture seule, avec un délai et un plafond de lignes.",
        "en": "Pick a library query and its parameters, or write your own Cypher. The database plans "
        "every query first: only reads pass, in a read-only transaction, with a timeout and a row cap.",
    },
    "mode": {"fr": "Mode", "en": "Mode"},
    "mode.library": {"fr": "Bibliothèque", "en": "Library"},
    "mode.cypher": {"fr": "Mon Cypher", "en": "My Cypher"},
    "query": {"fr": "Requête", "en": "Query"},
    "cypher": {"fr": "Cypher", "en": "Cypher"},
    "params_json": {"fr": "Paramètres (JSON, facultatif)", "en": "Parameters (JSON, optional)"},
    "timeout": {"fr": "Délai (secondes)", "en": "Timeout (seconds)"},
    "row_cap": {"fr": "Lignes au plus", "en": "At most rows"},
    "run": {"fr": "Exécuter", "en": "Run"},
    "bad_json": {"fr": "Paramètres : JSON invalide ({err})", "en": "Parameters: invalid JSON ({err})"},
    "not_object": {"fr": "Paramètres : un objet JSON est attendu", "en": "Parameters: a JSON object is expected"},
    "rows": {"fr": "{n} ligne(s)", "en": "{n} row(s)"},
    "capped": {"fr": "Résultat plafonné à {n} lignes.", "en": "Result capped at {n} rows."},
    "tab.table": {"fr": "Tableau", "en": "Table"},
    "tab.graph": {"fr": "Graphe", "en": "Graph"},
    "tab.download": {"fr": "Téléchargement", "en": "Download"},
    "no_graph": {
        "fr": "Rien à dessiner : renvoyez des nœuds, des chemins, ou deux colonnes d'identifiants.",
        "en": "Nothing to draw: return nodes, paths, or two id columns.",
    },
    "example": {"fr": "Exemple", "en": "Example"},
    "text": {"fr": "Texte de la requête", "en": "Query text"},
}

_STATE = "console_result"
_EXAMPLE = "MATCH (a:Actor)-[:MEMBER_OF]->(c:Actor)\nRETURN a.id AS source, c.id AS target, 'MEMBER_OF' AS type\nORDER BY source, target\nLIMIT 100"  # fmt: skip


def _param_widget(q: NamedQuery, p: Param) -> Any:
    key = f"console_{q.name}_{p.name}"
    label = f"{p.name} ({p.type})"
    if p.type == "int":
        return st.number_input(label, value=int(p.default) if p.default is not None else 0, step=1, key=key)
    if p.type == "float":
        return st.number_input(label, value=float(p.default) if p.default is not None else 0.0, key=key)
    if p.type == "bool":
        return st.checkbox(label, value=bool(p.default), key=key)
    default = ",".join(map(str, p.default)) if isinstance(p.default, list) else ("" if p.default is None else p.default)
    value = st.text_input(label, value=str(default), key=key)
    return value if value.strip() else None


def dot_source(graph: ResultGraph, limit: int = 400) -> str:
    """A DOT text for `st.graphviz_chart`, every caption escaped (names come from open data).

    Examples
    --------
    >>> dot_source(ResultGraph({'a': 'Say "hi"'}, []))
    'graph { graph [layout=neato, overlap=false, splines=true]; node [shape=box, style=rounded, fontsize=10]; "a" [label="Say \\\\"hi\\\\""]; }'
    """

    def esc(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'

    nodes = list(graph.nodes.items())[:limit]
    keep = {n for n, _ in nodes}
    parts = ["graph { graph [layout=neato, overlap=false, splines=true]; node [shape=box, style=rounded, fontsize=10];"]
    parts += [f"{esc(n)} [label={esc(caption[:40])}];" for n, caption in nodes]
    parts += [
        f"{esc(a)} -- {esc(b)} [label={esc(lbl)}, fontsize=8];" for a, b, lbl in graph.edges if a in keep and b in keep
    ]
    parts.append("}")
    return " ".join(parts)


def _limits() -> tuple[int, int]:
    c1, c2 = st.columns(2)
    timeout_s = c1.number_input(tr(S, "timeout"), min_value=1, max_value=120, value=15, step=1)
    row_cap = c2.number_input(tr(S, "row_cap"), min_value=1, max_value=50_000, value=DEFAULT_ROW_CAP, step=100)
    return int(timeout_s) * 1000, int(row_cap)


def _library_form() -> None:
    lib = load_library()
    name = st.selectbox(tr(S, "query"), sorted(lib), key="console_query")
    q = lib[name]
    st.caption(q.purpose)
    st.code(q.example, language="bash")
    with st.form(f"console_form_{name}"):
        values = {p.name: _param_widget(q, p) for p in q.params}
        timeout_ms, row_cap = _limits()
        submitted = st.form_submit_button(tr(S, "run"))
    with st.expander(tr(S, "text")):
        st.code(q.text, language="cypher")
    if submitted:
        try:
            res = run_named(get_store(), name, values, timeout_ms=timeout_ms, row_cap=row_cap)
        except CartoError as e:
            st.session_state[_STATE] = {"error": str(e)}
        else:
            st.session_state[_STATE] = {"name": name, "columns": res.columns, "rows": res.rows, "truncated": res.truncated, "cap": row_cap}  # fmt: skip


def _cypher_form() -> None:
    with st.form("console_cypher_form"):
        text = st.text_area(tr(S, "cypher"), value=_EXAMPLE, height=180, key="console_text")
        raw_params = st.text_area(tr(S, "params_json"), value="{}", height=68, key="console_params")
        timeout_ms, row_cap = _limits()
        submitted = st.form_submit_button(tr(S, "run"))
    if not submitted:
        return
    try:
        params = json.loads(raw_params or "{}")
    except json.JSONDecodeError as e:
        st.session_state[_STATE] = {"error": tr(S, "bad_json").format(err=e)}
        return
    if not isinstance(params, dict):
        st.session_state[_STATE] = {"error": tr(S, "not_object")}
        return
    try:
        res = run_console(get_store(), text, params, timeout_ms=timeout_ms, row_cap=row_cap)
    except CartoError as e:
        st.session_state[_STATE] = {"error": str(e)}
    else:
        st.session_state[_STATE] = {"name": "console", "columns": res.columns, "rows": res.rows, "truncated": res.truncated, "cap": row_cap}  # fmt: skip


def _cell(value: Any) -> Any:
    """Lists, maps, nodes and paths as JSON text, so the table and the CSV show them whole."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value


def _show_result(state: dict[str, Any]) -> None:
    if "error" in state:
        st.error(state["error"])
        return
    columns, rows = tuple(state["columns"]), state["rows"]
    st.write(tr(S, "rows").format(n=len(rows)))
    if state["truncated"]:
        st.warning(tr(S, "capped").format(n=state["cap"]))
    table, graph, download = st.tabs([tr(S, "tab.table"), tr(S, "tab.graph"), tr(S, "tab.download")])
    frame = pd.DataFrame([{c: _cell(r.get(c)) for c in columns} for r in rows], columns=list(columns))
    with table:
        st.dataframe(frame, hide_index=True, width="stretch")
    with graph:
        g = result_graph(columns, rows)
        if g.nodes:
            st.graphviz_chart(dot_source(g), width="stretch")
        else:
            st.info(tr(S, "no_graph"))
    with download:
        st.download_button("CSV", frame.to_csv(index=False).encode("utf-8"), f"{state['name']}.csv", "text/csv")
        data = json.dumps({"columns": list(columns), "rows": rows}, ensure_ascii=False, indent=1, default=str)
        st.download_button("JSON", data.encode("utf-8"), f"{state['name']}.json", "application/json")


def render() -> None:
    st.title(tr(S, "title"))
    st.caption(tr(S, "intro"))
    mode = st.radio(
        tr(S, "mode"), ["library", "cypher"], horizontal=True, key="console_mode",
        format_func=lambda m: tr(S, f"mode.{m}"),
    )  # fmt: skip
    if mode == "library":
        _library_form()
    else:
        _cypher_form()
    state = st.session_state.get(_STATE)
    if state:
        _show_result(state)
