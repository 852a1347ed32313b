"""`carto gaps` on the seed graph: a ranked list whose top entries cite real actors and counts
that the cited library queries reproduce (issue 5), on both stores and through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cli.main import app
from graph import GraphStore
from queries import run_named
from queries.gaps import GAP_KINDS, Check, partner_kind_rows
from queries.gaps_report import build_report, check_citations, failed_checks, network_projection, read_network

runner = CliRunner()
TOP = 10


def test_seed_gaps_cite_real_actors_and_reproducible_counts(seeded: GraphStore) -> None:
    report = build_report(seeded)
    assert len(report.gaps) >= TOP
    scores = [g.score for g in report.gaps]
    assert scores == sorted(scores, reverse=True)
    actor_ids = {r["id"] for r in run_named(seeded, "gap_network_actors").rows}
    for gap in report.gaps[:TOP]:
        assert gap.kind in GAP_KINDS
        assert gap.explanation_fr and gap.explanation_en and gap.explanation_fr != gap.explanation_en
        assert gap.evidence.citations, gap
        assert gap.evidence.actors, f"{gap.kind} {gap.subject} names no actor"
        assert {a for a, _ in gap.evidence.actors} <= actor_ids
        assert check_citations(seeded, gap) == [], (gap.kind, gap.subject)
    for gap in report.gaps[TOP:]:
        assert check_citations(seeded, gap) == [], (gap.kind, gap.subject)


def test_partner_kinds_on_the_projection_equal_the_query(seeded: GraphStore) -> None:
    """The report computes gap_tech_transfer_links on its compact network: same rows (and on the networkx form)."""
    rows = run_named(seeded, "gap_tech_transfer_links").rows
    assert rows and partner_kind_rows(read_network(seeded)) == rows
    assert partner_kind_rows(network_projection(seeded)) == rows


def test_compact_network_has_the_links_the_library_queries_name(seeded: GraphStore) -> None:
    """Each actor's neighbours in the report's network are the ones gap_actor_links lists."""
    g = read_network(seeded)
    assert g.ids == tuple(r["id"] for r in run_named(seeded, "gap_network_actors").rows)
    names = {r["id"]: r["name"] or r["id"] for r in run_named(seeded, "gap_network_actors").rows}
    assert g.attrs["name"] == [names[v] for v in g.ids]
    for i, v in enumerate(g.ids):
        expected = [r["id"] for r in run_named(seeded, "gap_actor_links", {"actor": v}).rows]
        assert [g.ids[w] for w in g.neighbours(i)] == expected, v


def test_isolated_and_unlinked_on_the_projection_equal_the_queries(seeded: GraphStore) -> None:
    g = network_projection(seeded)
    isolated = sorted(v for v in g if g.degree(v) == 0)
    c = read_network(seeded)
    assert isolated == [v for i, v in enumerate(c.ids) if c.degree(i) == 0]
    assert isolated == [r["id"] for r in run_named(seeded, "gap_isolated_actors").rows]
    for d in ("dom-cancer", "dom-neuro"):
        in_d = sorted(v for v in isolated if d in (g.nodes[v].get("domains") or []))
        assert in_d == [r["id"] for r in run_named(seeded, "gap_isolated_actors", {"domain": d}).rows]


def test_a_wrong_count_is_caught() -> None:
    rows = [
        {"domain": "dom-cancer", "kind": "sme", "actors": 3},
        {"domain": "dom-cancer", "kind": "hospital", "actors": 2},
    ]
    assert failed_checks(rows, [Check("sum", 3, (("kind", ("sme", "midcap")),), "actors")]) == []
    assert failed_checks(rows, [Check("sum", 4, (("kind", ("sme",)),), "actors")]) == [
        "sum actors = 3, evidence says 4"
    ]
    assert failed_checks(rows, [Check("count", 2), Check("contains", "hospital", (), "kind")]) == []
    assert failed_checks(rows, [Check("contains", "pharma", (), "kind")]) == ["no row has kind = 'pharma'"]


def _cli_params(params: dict) -> list[str]:
    out = []
    for k, v in params.items():
        if v is None:
            continue
        out += ["--param", f"{k}={','.join(v) if isinstance(v, list) else v}"]
    return out


def test_carto_gaps_json_then_carto_query_reproduces(tmp_path: Path) -> None:
    uri = f"falkordb://{tmp_path / 'g'}"
    loaded = runner.invoke(app, ["ingest", "seed", "--store", uri, "--quarantine-dir", str(tmp_path / "q")])
    assert loaded.exit_code == 0, loaded.output
    res = runner.invoke(app, ["gaps", "--json", "--store", uri])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    gaps = data["gaps"]
    assert [g["rank"] for g in gaps] == list(range(1, len(gaps) + 1))
    assert sum(data["counts"].values()) == len(gaps) >= TOP
    for gap in gaps[:TOP]:
        assert gap["evidence"]["actors"]
        for cite in gap["evidence"]["queries"]:
            q = runner.invoke(app, ["query", cite["query"], *_cli_params(cite["params"]), "--json", "--store", uri])
            assert q.exit_code == 0, q.output
            rows = json.loads(q.stdout)["rows"]
            checks = [
                Check(c["op"], c["expected"], tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in c["where"].items()), c["column"])
                for c in cite["checks"]
            ]  # fmt: skip
            assert failed_checks(rows, checks) == [], (gap["kind"], gap["subject"], cite)


def test_carto_gaps_report_formats(tmp_path: Path) -> None:
    uri = f"falkordb://{tmp_path / 'g'}"
    assert (
        runner.invoke(app, ["ingest", "seed", "--store", uri, "--quarantine-dir", str(tmp_path / "q")]).exit_code == 0
    )
    md = runner.invoke(app, ["gaps", "--format", "md", "--top", "3", "--store", uri])
    assert md.exit_code == 0, md.output
    assert md.stdout.startswith("# Lacunes") and "carto query gap_" in md.stdout
    html_out = tmp_path / "gaps.html"
    res = runner.invoke(app, ["gaps", "--format", "html", "--lang", "en", "--out", str(html_out), "--store", uri])
    assert res.exit_code == 0, res.output
    assert "<h1>Ecosystem gaps against the strategy</h1>" in html_out.read_text(encoding="utf-8")
    csv_out = runner.invoke(app, ["gaps", "--format", "csv", "--top", "2", "--store", uri])
    assert csv_out.stdout.splitlines()[0].startswith("rank,kind,measure,subject")
    assert len(csv_out.stdout.strip().splitlines()) >= 3
    xlsx = tmp_path / "gaps.xlsx"
    assert runner.invoke(app, ["gaps", "--format", "xlsx", "--out", str(xlsx), "--store", uri]).exit_code == 0
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx)["gaps"]
    assert sheet.cell(1, 2).value == "kind" and sheet.max_row >= TOP + 1
    table = runner.invoke(app, ["gaps", "--top", "3", "--lang", "en", "--store", uri])
    assert table.exit_code == 0 and "carto gaps" in table.stdout and "value_chain" in table.stdout
    bad = runner.invoke(app, ["gaps", "--format", "pdf", "--store", uri])
    assert bad.exit_code == 1 and "use one of" in bad.output
