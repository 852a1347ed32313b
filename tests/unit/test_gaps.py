"""Pure gap scoring (queries.gaps) and report rendering (queries.gaps_report) on hand-made rows."""

from __future__ import annotations

import json
import random
from pathlib import Path

import networkx as nx
import pytest

from ontology import Schema
from queries.gaps import (
    GAP_KINDS,
    articulation_cuts,
    coverage_gaps,
    network_gaps,
    priority_of,
    prospect_gaps,
    rank_gaps,
    tech_transfer_gaps,
    trend_gaps,
    value_chain_gaps,
    weak_groups,
)
from queries.gaps_report import GapReport, GapSettings, to_csv, to_html, to_json, to_markdown, to_xlsx

DOMS = ("dom-cancer", "dom-neuro", "dom-infectious", "dom-medtech")
PRIORITY_DOMS = (
    "dom-biotherapies", "dom-cancer", "dom-digital-health", "dom-imaging",
    "dom-infectious", "dom-medtech", "dom-neuro", "dom-rare-diseases",
)  # fmt: skip


def _cells(counts: dict[tuple[str, str, str], int]) -> list[dict]:
    return [{"domain": d, "axis": x, "kind": k, "actors": n, "examples": []} for (d, x, k), n in counts.items()]


def _balanced_cells(translational_in_cancer: int = 10) -> dict[tuple[str, str, str], int]:
    counts: dict[tuple[str, str, str], int] = {}
    for d in PRIORITY_DOMS:
        counts[(d, "*", "*")] = 10
        counts[(d, "axis-translational", "*")] = translational_in_cancer if d == "dom-cancer" else 10
        counts[(d, "axis-europe", "*")] = 5
    counts[("*", "*", "*")] = 10 * len(PRIORITY_DOMS)
    counts[("*", "axis-translational", "*")] = sum(counts[(d, "axis-translational", "*")] for d in PRIORITY_DOMS)
    counts[("*", "axis-europe", "*")] = 5 * len(PRIORITY_DOMS)
    return counts


def test_coverage_balanced_table_has_no_gap(schema: Schema) -> None:
    assert coverage_gaps(_cells(_balanced_cells()), schema, {}) == []


def test_coverage_thin_cell_uses_the_pearson_residual(schema: Schema) -> None:
    gaps = coverage_gaps(_cells(_balanced_cells(translational_in_cancer=0)), schema, {})
    assert [(g.kind, g.measure, g.subject) for g in gaps] == [("coverage", "cell", "dom-cancer|axis-translational|*")]
    counts = dict(gaps[0].evidence.counts)
    # E = 10 × 70 / 80 = 8.75; residual (0 − 8.75) / √8.75 = −2.96
    assert counts["expected"] == 8.75 and counts["residual"] == -2.96 and counts["actors"] == 0
    assert gaps[0].severity == 1.0 and gaps[0].weight == 1.0


def test_coverage_skips_cells_the_value_chain_explains(schema: Schema) -> None:
    counts = {("*", "*", "*"): 80}
    for d in PRIORITY_DOMS:
        counts[(d, "*", "*")] = 10
        counts[(d, "*", "hospital")] = 0 if d == "dom-cancer" else 5
    counts[("*", "*", "hospital")] = 35
    flagged = coverage_gaps(_cells(counts), schema, {})
    assert [g.subject for g in flagged] == ["dom-cancer|*|hospital"]
    assert coverage_gaps(_cells(counts), schema, {}, explained={("dom-cancer", "clinical")}) == []


def test_coverage_ignores_cells_outside_the_strategy(schema: Schema) -> None:
    others = ("dom-microbiome", "dom-public-health", "dom-immunology", "dom-diagnostics")
    counts = {("*", "*", "*"): 120, ("*", "*", "sme"): 15}
    for d in PRIORITY_DOMS + others:
        counts[(d, "*", "*")] = 10
    for d in others:
        counts[(d, "*", "sme")] = 0 if d == "dom-microbiome" else 5
    assert coverage_gaps(_cells(counts), schema, {}) == []


def test_coverage_flags_a_thin_priority_domain(schema: Schema) -> None:
    counts = _balanced_cells()
    counts[("dom-rare-diseases", "*", "*")] = 3
    (gap,) = coverage_gaps(_cells(counts), schema, {})
    assert (gap.measure, gap.subject, gap.severity, gap.weight) == ("domain", "dom-rare-diseases", 0.7, 0.5)


def _chain_rows(d: str, **kinds: int) -> list[dict]:
    return [{"domain": d, "kind": k, "actors": n, "examples": [f"{d}-{k}"] if n else []} for k, n in kinds.items() if n]


def test_value_chain_missing_stage(schema: Schema) -> None:
    rows = []
    for d in DOMS:
        rows += _chain_rows(d, academic_lab=4, hospital=0 if d == "dom-neuro" else 3, sme=3, funder=1)
    gaps = value_chain_gaps(rows, schema, {})
    assert [(g.measure, g.subject, g.severity) for g in gaps] == [("clinical", "dom-neuro", 1.0)]
    assert dict(gaps[0].evidence.counts)["research_actors"] == 4


def test_tech_transfer_flags_the_domain_without_industry_partners(schema: Schema) -> None:
    actors, links = [], []
    for d in DOMS:
        actors += [
            {"domain": d, "kind": "academic_lab", "actors": 4, "spinoffs": 1, "examples": [f"{d}-lab"]},
            {"domain": d, "kind": "sme", "actors": 3, "spinoffs": 0, "examples": []},
        ]
        links.append(
            {"domain": d, "kind": "academic_lab", "partner_kind": "sme", "links": 0 if d == "dom-cancer" else 4}
        )
    gaps = tech_transfer_gaps(actors, links, schema, {})
    assert [(g.measure, g.subject, g.severity) for g in gaps] == [("links", "dom-cancer", 1.0)]
    assert dict(gaps[0].evidence.counts)["links"] == 0


def _brute_cuts(g: nx.Graph) -> dict:
    out = {}
    for v in g.nodes:
        comp = nx.node_connected_component(g, v)
        h = g.subgraph(comp - {v})
        parts = sorted((len(c) for c in nx.connected_components(h)), reverse=True)
        if len(parts) >= 2:
            out[v] = (len(comp) - 1 - parts[0], len(comp))
    return out


@pytest.mark.parametrize("seed", range(8))
def test_articulation_cuts_match_networkx_and_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    g = nx.gnm_random_graph(40, rng.randint(35, 60), seed=seed)
    g = nx.relabel_nodes(g, {i: f"a{i:02d}" for i in g.nodes})
    cuts = articulation_cuts(g)
    assert set(cuts) == set(nx.articulation_points(g))
    assert cuts == _brute_cuts(g)


@pytest.mark.parametrize("seed", range(8))
def test_weak_groups_are_cut_off_by_their_bridge(seed: int) -> None:
    g = nx.gnm_random_graph(60, 70, seed=seed)
    groups = weak_groups(g, min_size=3, top=100)
    bridges = {tuple(sorted(e)) for e in nx.bridges(g)}
    seen: set = set()
    for members, bridge in groups:
        assert len(members) >= 3 and not seen.intersection(members)
        seen.update(members)
        if bridge:
            (edge,) = bridge
            assert tuple(sorted(edge)) in bridges
            h = g.copy()
            h.remove_edge(*edge)
            inside = next(u for u in edge if u in members)
            assert set(nx.node_connected_component(h, inside)) == set(members)
            assert len(members) <= len(nx.node_connected_component(g, inside)) - len(members)
        else:
            assert set(nx.node_connected_component(g, members[0])) == set(members)


def _net(edges: list[tuple[str, str]], nodes: dict[str, dict]) -> nx.Graph:
    g = nx.Graph()
    for v, data in nodes.items():
        g.add_node(v, name=v.upper(), **data)
    g.add_edges_from(edges, weight=1)
    return g


def test_network_isolated_and_unlinked_members(schema: Schema) -> None:
    ring = [(f"m{i}", f"m{(i + 1) % 6}") for i in range(6)] + [(f"m{i}", f"m{(i + 2) % 6}") for i in range(6)]
    nodes = {f"m{i}": {"member": True, "domains": ["dom-cancer"]} for i in range(6)}
    nodes["x"] = {"member": False, "domains": []}
    nodes["lone"] = {"member": True, "domains": ["dom-cancer"]}
    nodes["far"] = {"member": True, "domains": []}
    g = _net([*ring, ("far", "x"), ("x", "m0"), ("far", "m3")], nodes)
    by = {(x.measure, x.subject): x for x in network_gaps(g, schema, "medicen")}
    assert set(by) == {("isolated", "dom-cancer"), ("unlinked_members", "medicen")}
    assert dict(by[("isolated", "dom-cancer")].evidence.counts) == {"isolated": 1, "domain_actors": 7}
    unlinked = by[("unlinked_members", "medicen")]
    assert dict(unlinked.evidence.counts) == {"unlinked_members": 1, "members": 8}
    assert [a for a, _ in unlinked.evidence.actors] == ["lone"]


def test_network_broker_and_single_bridge_community(schema: Schema) -> None:
    a = [(f"a{i}", f"a{j}") for i in range(5) for j in range(i + 1, 5)]
    b = [(f"b{i}", f"b{j}") for i in range(5) for j in range(i + 1, 5)]
    nodes = {v: {"member": False, "domains": []} for e in a + b for v in e}
    gaps = network_gaps(_net([*a, *b, ("a0", "b0")], nodes), schema, "medicen")
    measures = sorted((g.measure, g.subject) for g in gaps)
    assert ("broker", "a0") in measures and ("broker", "b0") in measures
    weak = [g for g in gaps if g.measure == "weak_community"]
    assert weak and all(dict(g.evidence.counts)["bridges"] == 1 for g in weak)
    broker = next(g for g in gaps if g.measure == "broker" and g.subject == "a0")
    assert dict(broker.evidence.counts) == {"cut_off": 4, "component_actors": 10, "degree": 5}


def test_prospects_share_of_non_members(schema: Schema) -> None:
    rows = [
        {
            "domain": "dom-cancer",
            "id": i,
            "name": i.upper(),
            "kind": "sme",
            "member": m,
            "participations": p,
            "links": 0,
        }
        for i, m, p in [("a", True, 1), ("b", False, 5), ("c", False, 1), ("d", True, 0)]
    ]
    (gap,) = prospect_gaps(rows, schema, cluster="medicen", region="ter-idf")
    assert gap.severity == 0.5 and [a for a, _ in gap.evidence.actors] == ["b", "c"]
    assert prospect_gaps([r | {"member": True} for r in rows], schema, cluster="medicen", region="ter-idf") == []


def test_trends_falling_regional_share(schema: Schema) -> None:
    flat = [{"domain": "dom-cancer", "year": y, "projects": 4, "regional_projects": 2} for y in range(2015, 2021)]
    assert trend_gaps(flat, schema, region="ter-idf") == []
    falling = [r | {"regional_projects": 4 if r["year"] < 2018 else 1} for r in flat]
    (gap,) = trend_gaps(falling, schema, region="ter-idf")
    counts = dict(gap.evidence.counts)
    assert counts["first_half_share"] == 1.0 and counts["second_half_share"] == 0.25 and gap.severity == 1.0
    rising = [r | {"regional_projects": 1 if r["year"] < 2018 else 4} for r in flat]
    assert trend_gaps(rising, schema, region="ter-idf") == []


def test_priorities_come_from_the_ontology(schema: Schema) -> None:
    assert priority_of(schema, "dom-surgery") == 1  # through BROADER dom-medtech
    assert priority_of(schema, "dom-imaging") == 2
    assert priority_of(schema, "axis-clinical-research") == 1
    assert priority_of(schema, "no-such-concept") is None


def _report(schema: Schema) -> GapReport:
    rows = []
    for d in DOMS:
        rows += _chain_rows(d, academic_lab=4, hospital=0 if d == "dom-neuro" else 3, sme=3, funder=1)
    trend = [
        {"domain": "dom-cancer", "year": y, "projects": 4, "regional_projects": 4 if y < 2018 else 1}
        for y in range(2015, 2021)
    ]
    gaps = rank_gaps(
        [
            *value_chain_gaps(rows, schema, {"dom-neuro-academic_lab": "Lab | ∑"}),
            *trend_gaps(trend, schema, region="ter-idf"),
        ]
    )
    return GapReport(tuple(gaps), GapSettings())


def test_rank_breaks_ties_by_kind_order(schema: Schema) -> None:
    report = _report(schema)
    assert [g.kind for g in report.gaps] == ["value_chain", "trend"]  # both score 1.0
    assert list(GAP_KINDS).index("value_chain") < list(GAP_KINDS).index("trend")


def test_exports(schema: Schema, tmp_path: Path) -> None:
    report = _report(schema)
    data = json.loads(to_json(report))
    assert data["counts"]["value_chain"] == 1 and data["gaps"][0]["rank"] == 1
    assert data["gaps"][0]["evidence"]["queries"][0]["query"] == "gap_value_chain"
    csv_text = to_csv(report, top=1)
    assert len(csv_text.strip().splitlines()) == 2
    md = to_markdown(report, "en")
    assert "| 1 | Value chain |" in md and "`carto query gap_value_chain --param domain=dom-neuro`" in md
    assert "Lab / ∑" in md or "Lab | ∑" in md
    page = to_html(report, "fr")
    assert page.startswith("<!doctype html>") and "Chaîne de valeur" in page and "<script" not in page
    from openpyxl import load_workbook

    wb = load_workbook(to_xlsx(report, tmp_path / "g.xlsx"))
    assert wb["gaps"].max_row == 3 and wb["settings"]["A1"].value == "cluster"


@pytest.mark.parametrize("seed", range(6))
def test_compact_network_has_the_edges_of_the_networkx_projection(seed: int) -> None:
    """The report's CSR network (numpy build from pairs and groups) links what graph_from_rows links."""
    from graph.projection import CompactGraph, graph_from_rows

    rng = random.Random(seed)
    ids = [f"a{i:03d}" for i in range(rng.randint(1, 120))]
    unknown = ["zz-not-an-actor"]
    pairs = [(rng.choice(ids + unknown), rng.choice(ids)) for _ in range(rng.randint(0, 80))]
    groups = [[rng.choice(ids + unknown) for _ in range(rng.randint(0, 9))] for _ in range(rng.randint(0, 40))]
    nxg = graph_from_rows(
        [{"id": v} for v in ids], [{"source": u, "target": v} for u, v in pairs], [{"members": g} for g in groups]
    )
    c = CompactGraph.build(ids, pairs, groups)
    assert c.ids == tuple(sorted(ids)) and c.number_of_edges() == nxg.number_of_edges()
    for i, v in enumerate(c.ids):
        assert [c.ids[w] for w in c.neighbours(i)] == sorted(nxg[v]), v
    back = c.to_networkx()
    assert sorted(back.edges) == sorted(tuple(sorted(e)) for e in nxg.edges)


@pytest.mark.parametrize("seed", range(4))
def test_network_gaps_are_the_same_on_networkx_and_compact_input(seed: int, schema: Schema) -> None:
    from graph.projection import CompactGraph

    g = nx.gnm_random_graph(80, 90, seed=seed)
    g = nx.relabel_nodes(g, {i: f"a{i:02d}" for i in g.nodes})
    rng = random.Random(seed)
    for v in g.nodes:
        g.nodes[v].update(name=v.upper(), kind=rng.choice(["sme", "academic_lab"]), domains=[rng.choice(DOMS)],
                          member=rng.random() < 0.3)  # fmt: skip
    assert network_gaps(g, schema, "medicen") == network_gaps(CompactGraph.from_networkx(g), schema, "medicen")


def test_gc_is_paused_during_overlapping_reports_and_restored_after() -> None:
    import gc

    from queries.gaps_report import _gc_paused

    assert gc.isenabled()
    with _gc_paused():
        assert not gc.isenabled()
        with _gc_paused():  # a second report on another thread
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with _gc_paused():
            raise RuntimeError("a failed read")
    assert gc.isenabled()
