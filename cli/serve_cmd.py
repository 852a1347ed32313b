"""`carto app`, `carto demo` and `carto neo4j`: serve the explorer, run the local Neo4j."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from cli.common import StoreOpt, err, fail, opened
from cli.ingest_cmd import prepare_store, print_report, run_load
from graph import store_uri
from ingest import read_seed
from ontology import load_schema

__all__ = ["app_cmd", "demo", "neo4j_app", "NEO4J_SCRIPT"]

ROOT = Path(__file__).resolve().parent.parent
NEO4J_SCRIPT = ROOT / "scripts" / "neo4j-local"

PortOpt = Annotated[int, typer.Option(help="Port of the explorer on 127.0.0.1.")]


def _serve(uri: str, port: int, address: str) -> None:
    app_file = ROOT / "app.py"
    env = os.environ | {"CARTO_STORE": uri}
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(app_file),
        "--server.headless", "true", "--server.port", str(port), "--server.address", address,
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    err.print(f"explorer on http://{address}:{port}  (store {uri}; Ctrl-C stops it)")
    # Replace this process: signals reach Streamlit directly and no parent is left waiting.
    os.execve(sys.executable, cmd, env)


def app_cmd(store: StoreOpt = None, port: PortOpt = 8501, address: str = "127.0.0.1") -> None:
    """Start the Streamlit explorer on the store."""
    _serve(store_uri(store), port, address)


def demo(store: StoreOpt = None, port: PortOpt = 8501, address: str = "127.0.0.1") -> None:
    """Load the bundled seed graph into the embedded store, then start the explorer."""
    uri = store_uri(store)
    schema = load_schema()
    batch = read_seed(schema)
    with opened(uri) as s:
        prepare_store(s, schema)
        report = run_load(s, batch, schema, dry_run=False, quarantine_dir=Path(".carto/quarantine"))
    print_report(report, as_json=False)
    if not report.reconciles:
        raise fail("the seed load does not reconcile")
    _serve(uri, port, address)


neo4j_app = typer.Typer(help="Run the local Neo4j Community 5.26 server used by tests (scripts/neo4j-local).")


def _script(action: str) -> None:
    raise typer.Exit(subprocess.call(["bash", str(NEO4J_SCRIPT), action]))


@neo4j_app.command("start")
def neo4j_start() -> None:
    """Fetch (first time) and start Neo4j on bolt://127.0.0.1:7697."""
    _script("start")


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Stop the local Neo4j."""
    _script("stop")


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Say whether the local Neo4j runs."""
    _script("status")
