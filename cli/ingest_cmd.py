"""`carto init` and `carto ingest`: apply the schema, load sources with progress and reconciliation."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cli.common import JsonOpt, StoreOpt, err, fail, opened, print_json
from errors import CartoError
from graph import GraphStore
from ingest import Batch, LoadReport, concept_batch, load_batch
from ingest.collaborations import refresh_collaborations
from ingest.common import side_dir
from ingest.registry import READERS
from ingest.resolution import known_actors
from ontology import Schema, load_schema
from queries import run_named

__all__ = ["init", "ingest", "READERS", "prepare_store"]


def prepare_store(store: GraphStore, schema: Schema) -> LoadReport:
    """Constraints and indexes from the ontology, then the concept schemes as nodes."""
    store.apply_schema(schema)
    return load_batch(store, concept_batch(schema), schema)


def _bar_progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


def run_load(store: GraphStore, batch: Batch, schema: Schema, *, dry_run: bool, quarantine_dir: Path) -> LoadReport:
    with _bar_progress() as bar:
        task = bar.add_task(f"loading {batch.source}", total=None)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, description=f"{batch.source}: {stage}", completed=done, total=total)

        return load_batch(store, batch, schema, dry_run=dry_run, progress=progress, quarantine_dir=quarantine_dir)


def print_report(report: LoadReport, as_json: bool) -> None:
    if as_json:
        print_json(report.as_dict())
    for line in report.lines():
        err.print(line, highlight=False)
    verb = "would create" if report.dry_run else "created"
    created = ", ".join(f"{k} {v}" for k, v in sorted(report.nodes_created.items()) if v) or "none"
    updated = ", ".join(f"{k} {v}" for k, v in sorted(report.nodes_updated.items()) if v) or "none"
    links = ", ".join(f"{k} {v}" for k, v in sorted(report.links_created.items()) if v) or "none"
    err.print(f"{report.source}: {verb} nodes: {created}; updated: {updated}; {verb} links: {links}", highlight=False)
    if report.quarantine:
        partly = len({(q.file, q.row) for q in report.quarantine}) - report.rows_quarantined
        also = f"; {partly} rows loaded without a link they name (its other end is absent)" if partly > 0 else ""
        err.print(
            f"{report.rows_quarantined} rows quarantined, nothing of them written ({len(report.quarantine)} problems)"
            + also,
            highlight=False,
        )
    for q in report.quarantine[:20]:
        err.print(f"[yellow]quarantined[/yellow] {q.file} row {q.row}, column '{q.field}': {q.value!r} {q.reason}")
    if len(report.quarantine) > 20:
        err.print(f"… {len(report.quarantine) - 20} more in {report.quarantine_file}")
    elif report.quarantine_file:
        err.print(f"quarantine report: {report.quarantine_file}")


def init(store: StoreOpt = None) -> None:
    """Apply the schema derived from the ontology and load its concept schemes."""
    schema = load_schema()
    with opened(store) as s:
        report = prepare_store(s, schema)
    err.print(
        f"schema applied; {sum(report.nodes_created.values())} concepts created, "
        f"{sum(report.nodes_updated.values())} already present"
    )


def ingest(
    source: Annotated[str, typer.Argument(help="seed | " + " | ".join(sorted(set(READERS) - {"seed"})))],
    paths: Annotated[list[Path] | None, typer.Argument(help="Files (or the seed directory) to load.")] = None,
    store: StoreOpt = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would be created or updated; write nothing.")
    ] = False,
    quarantine_dir: Annotated[
        Path | None,
        typer.Option(help="Where the quarantine report goes (default: the store's side folder, see `carto stats`)."),
    ] = None,
    mapping: Annotated[
        Path | None, typer.Option("--mapping", help="With `csv`: the YAML file mapping columns onto the model.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Load one source: read, validate, resolve against the graph, upsert in batches, reconcile rows.

    After a load, COLLABORATES_WITH is recomputed from all co-participations (idempotent).
    """
    if source not in READERS:
        raise fail(f"unknown source {source!r}; known: {', '.join(sorted(READERS))}")
    if mapping is not None and source != "csv":
        raise fail("--mapping goes with the `csv` source")
    if source == "csv" and mapping is None and not paths:
        raise fail("csv needs --mapping M.yaml and one or more spreadsheet files")
    files = ([mapping] if mapping is not None else []) + list(paths or [])
    schema = load_schema()
    with opened(store) as s:
        known = known_actors(run_named(s, "actors_for_resolution", timeout_ms=None).rows)
        side = side_dir(s)
        try:
            batch = READERS[source](schema, files, known=known, review_dir=side / "resolution")
        except CartoError as e:
            raise fail(str(e)) from e
        except (OSError, UnicodeError, csv.Error) as e:  # a reader's own check missed it: still one line
            raise fail(f"{', '.join(map(str, files))}: cannot be read ({type(e).__name__}: {e})") from e
        if not dry_run:  # only once the files are read: a file refused leaves the store untouched
            prepare_store(s, schema)
        report = run_load(s, batch, schema, dry_run=dry_run, quarantine_dir=quarantine_dir or side / "quarantine")
        if not dry_run and report.reconciles:
            with _bar_progress() as bar:
                bar.add_task("recomputing COLLABORATES_WITH from co-participations", total=None)
                collab = refresh_collaborations(s, schema)
            made = collab.links_created.get("COLLABORATES_WITH", 0)
            err.print(f"collaborations: {made} new COLLABORATES_WITH links", highlight=False)
    print_report(report, as_json)
    if not report.reconciles:
        raise fail("the reconciliation does not hold: rows read ≠ loaded + quarantined + merged")
