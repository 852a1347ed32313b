"""`carto export --format ttl|jsonld|csv|gexf OUT`: the whole graph for RDF tools, Gephi, spreadsheets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import StoreOpt, err, fail, opened
from graph.export import EXPORT_FORMATS, export_graph
from ontology import load_schema

__all__ = ["export"]


def export(
    out: Annotated[Path, typer.Argument(help="Output file (a directory for --format csv).")],
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help=f"One of {', '.join(EXPORT_FORMATS)}: Turtle, JSON-LD, CSV per label, GEXF."
        ),
    ] = "ttl",
    store: StoreOpt = None,
) -> None:
    """Export every node and relationship with all properties, using the ontology's IRIs for RDF."""
    if fmt not in EXPORT_FORMATS:
        raise fail(f"--format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    schema = load_schema()
    with opened(store) as s:
        snap = export_graph(s, schema, fmt, out)
    err.print(f"exported {len(snap.nodes)} nodes and {len(snap.relationships)} relationships to {out} ({fmt})")
