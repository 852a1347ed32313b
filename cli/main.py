"""The `carto` command: one module per command group, registered here."""

from __future__ import annotations

import logging

import typer

from cli.export_cmd import export
from cli.gaps_cmd import gaps
from cli.ingest_cmd import ingest, init
from cli.query_cmd import query
from cli.recommend_cmd import recommend
from cli.serve_cmd import app_cmd, demo, neo4j_app
from cli.stats_cmd import stats

__all__ = ["app", "main"]

app = typer.Typer(
    help="Cartography of the Île-de-France health-innovation ecosystem: load, query, explore.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.command("init")(init)
app.command("ingest")(ingest)
app.command("stats")(stats)
app.command("query")(query)
app.command("gaps")(gaps)
app.command("recommend")(recommend)
app.command("export")(export)
app.command("app")(app_cmd)
app.command("demo")(demo)
app.add_typer(neo4j_app, name="neo4j")


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()


if __name__ == "__main__":
    main()
