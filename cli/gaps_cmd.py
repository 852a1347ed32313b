"""`carto gaps`: the ranked gaps of the ecosystem against the strategy, as a table, JSON or a report file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cli.common import JsonOpt, StoreOpt, fail, opened, print_table
from queries.gaps_report import FORMATS, GapSettings, build_report, to_csv, to_html, to_json, to_markdown, to_xlsx

__all__ = ["gaps"]


def gaps(
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    fmt: Annotated[str | None, typer.Option("--format", help=f"Report format: {', '.join(FORMATS)}.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write the report to this file (stdout otherwise).")] = None,
    top: Annotated[int | None, typer.Option(help="Keep the first N gaps only.")] = None,
    lang: Annotated[str, typer.Option(help="Language of the Markdown / HTML report: fr or en.")] = "fr",
    cluster: Annotated[str, typer.Option(help="Actor id of the cluster whose members are counted.")] = "medicen",
    region: Annotated[str, typer.Option(help="Territory concept id of the cluster's region.")] = "ter-idf",
) -> None:
    """Rank coverage, value-chain, technology-transfer, network, prospect and trend gaps, with evidence."""
    fmt = "json" if as_json and fmt is None else (fmt or "table")
    if fmt not in (*FORMATS, "table"):
        raise fail(f"--format {fmt!r}: use one of {', '.join(FORMATS)}")
    if lang not in ("fr", "en"):
        raise fail(f"--lang {lang!r}: use fr or en")
    if fmt == "xlsx" and out is None:
        raise fail("--format xlsx needs --out FILE.xlsx")
    with opened(store) as s:
        report = build_report(s, GapSettings(cluster=cluster, region=region))
    if fmt == "table":
        rows = [
            {"rank": i, "kind": g.kind, "subject": g.subject_fr if lang == "fr" else g.subject_en, "score": f"{g.score:.3f}",
             "finding": g.explanation_fr if lang == "fr" else g.explanation_en}
            for i, g in enumerate(report.gaps[:top], start=1)
        ]  # fmt: skip
        print_table(["rank", "kind", "subject", "score", "finding"], rows, title="carto gaps")
        return
    if fmt == "xlsx":
        assert out is not None
        to_xlsx(report, out, top)
        typer.echo(f"wrote {out}", err=True)
        return
    if fmt == "json":
        text = to_json(report, top)
    elif fmt == "csv":
        text = to_csv(report, top)
    else:
        text = (to_markdown if fmt == "md" else to_html)(report, lang, top)
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {out}", err=True)
