"""Exports of the current view: CSV, XLSX, GEXF (Gephi); bytes ready for `st.download_button`."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
import pandas as pd

__all__ = ["actors_frame", "links_frame", "to_csv", "to_xlsx", "to_gexf"]

_LIST_SEP = "; "


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        return _LIST_SEP.join(str(v) for v in value)
    return value


def actors_frame(actors: Sequence[Mapping[str, Any]], community_of: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per actor, list columns joined with "; " so spreadsheets read them."""
    columns = ["id", "name", "kind", "departement", "city", "postcode", "lat", "lon", "domains", "axes", "sectors", "clusters", "sources", "first_year", "last_year"]  # fmt: skip
    rows = [{c: _flat(a.get(c)) for c in columns} for a in actors]
    df = pd.DataFrame(rows, columns=columns)
    if community_of is not None:
        df["community"] = [community_of.get(a["id"], "") for a in actors]
    return df


def links_frame(g: nx.Graph) -> pd.DataFrame:
    """The links drawn between the selected actors, sorted."""
    rows = sorted(
        (min(s, t), max(s, t), _LIST_SEP.join(sorted(d.get("types", ()))), d.get("weight", 1.0))
        for s, t, d in g.edges(data=True)
    )
    return pd.DataFrame(rows, columns=["source", "target", "types", "weight"])


def to_csv(df: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM, so Excel opens accented names correctly."""
    return df.to_csv(index=False).encode("utf-8-sig")


def to_xlsx(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """One workbook, one sheet per frame (names cut to Excel's 31 characters)."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, df in sheets.items():
            df.to_excel(writer, sheet_name=name[:31], index=False)
    return buf.getvalue()


def to_gexf(g: nx.Graph, actors: Sequence[Mapping[str, Any]], community_of: Mapping[str, str] | None = None) -> bytes:
    """GEXF for Gephi: nodes carry name, kind, département, domains and community as attributes.

    Examples
    --------
    >>> g = nx.Graph(); g.add_edge("a", "b", weight=2.0, types={"X"})
    >>> b"<gexf" in to_gexf(g, [{"id": "a", "name": "A & co", "domains": ["d1"]}, {"id": "b", "name": "B"}])
    True
    """
    out = nx.Graph()
    by_id = {a["id"]: a for a in actors}
    for node in sorted(g):
        a = by_id.get(node, {})
        out.add_node(
            node,
            label=str(a.get("name") or node),
            kind=str(a.get("kind") or ""),
            departement=str(a.get("departement") or ""),
            domains=_flat(a.get("domains") or []),
            community=(community_of or {}).get(node, ""),
        )
    for s, t, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1])):
        out.add_edge(s, t, weight=float(d.get("weight", 1.0)), types=_LIST_SEP.join(sorted(d.get("types", ()))))
    buf = io.BytesIO()
    nx.write_gexf(out, buf)
    return buf.getvalue()
