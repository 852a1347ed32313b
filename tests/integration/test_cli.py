"""The `carto` CLI contract: init, ingest seed (+ --dry-run), stats --json, query."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from cli.main import app

runner = CliRunner()


def test_ingest_seed_then_stats_json(tmp_path: Path) -> None:
    uri = f"falkordb://{tmp_path / 'g'}"
    dry = runner.invoke(app, ["ingest", "seed", "--store", uri, "--dry-run", "--quarantine-dir", str(tmp_path / "q")])
    assert dry.exit_code == 0, dry.output
    assert "would create" in dry.output
    res = runner.invoke(app, ["ingest", "seed", "--store", uri, "--quarantine-dir", str(tmp_path / "q")])
    assert res.exit_code == 0, res.output
    assert "seed/actors.csv:" in res.output and "[OK]" in res.output
    stats = runner.invoke(app, ["stats", "--json", "--store", uri])
    assert stats.exit_code == 0, stats.output
    data = json.loads(stats.stdout)
    assert data["actors"] >= 80
    assert data["actors_by_source"]["seed"] == data["actors"]
    assert data["actors_by_kind"]["cluster"] >= 5


def test_query_with_params_and_errors(tmp_path: Path) -> None:
    uri = f"falkordb://{tmp_path / 'g'}"
    assert (
        runner.invoke(app, ["ingest", "seed", "--store", uri, "--quarantine-dir", str(tmp_path / "q")]).exit_code == 0
    )
    res = runner.invoke(app, ["query", "actors_in_domain", "--param", "domain=dom-cancer", "--json", "--store", uri])
    assert res.exit_code == 0, res.output
    ids = {r["id"] for r in json.loads(res.stdout)["rows"]}
    assert {"institut-curie", "gustave-roussy"} <= ids
    bad = runner.invoke(app, ["query", "actors_in_domain", "--param", "nope=1", "--store", uri])
    assert bad.exit_code == 1 and "unknown parameter" in bad.output
    missing = runner.invoke(app, ["query", "no_such_query", "--store", uri])
    assert missing.exit_code == 1 and "unknown query" in missing.output


def test_cli_process_leaves_no_server_behind(tmp_path: Path) -> None:
    uri = f"falkordb://{tmp_path / 'g'}"
    env = os.environ | {"CARTO_STORE": uri}
    out = subprocess.run([sys.executable, "-m", "cli.main", "stats", "--json"], env=env, capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[2])  # fmt: skip
    assert out.returncode == 0, out.stderr
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert str(tmp_path / "g") not in ps
