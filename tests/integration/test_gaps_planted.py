"""Planted-gap tests (issue 5): a balanced graph yields no gap; each planted defect ranks first.

The balanced graph gives every top-level priority domain of ecosystem.ttl the same team
(two labs, two hospitals, two SMEs, one funder; each on the same three axes, regional and a
member of the cluster), a 4-connected partnership circulant inside each team, rings across
domains, two non-regional partners and a flat regional share of projects. Each plant breaks
exactly one of those properties in the cancer domain.
"""

from __future__ import annotations

import pytest

from graph import GraphStore
from ingest import concept_batch, load_batch
from ingest.records import Batch, LinkRecord, NodeRecord, Origin
from ontology import Schema
from queries import run_named
from queries.gaps import GAP_KINDS, partner_kind_rows, priority_of
from queries.gaps_report import GapReport, build_report, check_citations, network_projection, read_network

AXES = ("axis-translational", "axis-bio-tools", "axis-bio-digital")
ROLES = (
    ("lab1", "academic_lab"),
    ("lab2", "academic_lab"),
    ("hosp1", "hospital"),
    ("hosp2", "hospital"),
    ("sme1", "sme"),
    ("sme2", "sme"),
    ("fund", "funder"),
)
YEARS = range(2016, 2022)
PLANTED = "dom-cancer"
PLANTS = ("coverage", "value_chain", "tech_transfer", "network", "community", "prospects", "trend")


class _Builder:
    def __init__(self) -> None:
        self.batch = Batch(source="planted")
        self.row = 0
        self.actors: set[str] = set()

    def _origin(self, key: str) -> Origin:
        self.row += 1
        return Origin("planted", "planted.csv", self.row, key)

    def actor(self, aid: str, kind: str, *, dep: str | None = "75", member: bool = True) -> None:
        self.actors.add(aid)
        self.batch.nodes.append(
            NodeRecord("Actor", aid, {"name": aid.replace("-", " ").title(), "kind": kind}, self._origin(aid))
        )
        if dep:
            self.link("LOCATED_IN", aid, "Territory", f"ter-dep-{dep}")
        if member:
            self.link("MEMBER_OF", aid, "Actor", "medicen")

    def link(self, rtype: str, src: str, label: str, dst: str, **props: object) -> None:
        if rtype == "PARTNER_OF" and src > dst:
            src, dst = dst, src
        self.batch.links.append(LinkRecord(rtype, "Actor", src, label, dst, props, self._origin(f"{src}>{dst}")))

    def project(self, pid: str, year: int, domain: str, participants: tuple[str, ...]) -> None:
        props = {"title": pid, "programme": "test", "year": year}
        self.batch.nodes.append(NodeRecord("Project", pid, props, self._origin(pid)))
        self.batch.links.append(LinkRecord("ADDRESSES", "Project", pid, "Domain", domain, {}, self._origin(pid + ">d")))
        for a in participants:
            self.link("PARTICIPATES_IN", a, "Project", pid, year=year)


def build_planted(schema: Schema, plant: str | None = None) -> Batch:
    """The balanced graph, with one defect planted in the cancer domain when `plant` is set."""
    domains = sorted(c.id for c in schema.concepts_of("Domain") if not c.broader and priority_of(schema, c.id))
    b = _Builder()
    b.actor("medicen", "cluster", dep=None, member=False)
    for d in domains:
        here = d == PLANTED
        team = [(f"{d}-{r}", k) for r, k in ROLES if not (here and plant == "value_chain" and k == "hospital")]
        for aid, kind in team:
            b.actor(aid, kind)
            b.link("WORKS_ON", aid, "Domain", d)
            for x in AXES:
                if not (here and plant == "coverage" and x == "axis-translational"):
                    b.link("CONTRIBUTES_TO", aid, "Axis", x)
        ids = [a for a, _ in team]
        pairs = {tuple(sorted((ids[i], ids[(i + s) % len(ids)]))) for i in range(len(ids)) for s in (1, 2)}
        academic_industry = {tuple(sorted((f"{d}-lab1", f"{d}-sme2"))), tuple(sorted((f"{d}-lab2", f"{d}-sme1")))}
        if here and plant == "tech_transfer":
            pairs -= academic_industry
        else:
            pairs |= academic_industry
            b.link("SPUN_OFF_FROM", f"{d}-sme1", "Actor", f"{d}-lab1")
        for u, v in sorted(pairs):
            b.link("PARTNER_OF", u, "Actor", v)
        ext1, ext2 = f"{d}-ext1", f"{d}-ext2"
        b.actor(ext1, "research_org", dep=None, member=False)
        b.actor(ext2, "research_org", dep=None, member=False)
        b.link("LOCATED_IN", ext1, "Territory", "ter-fr")
        b.link("LOCATED_IN", ext2, "Territory", "ter-fr")
        b.link("PARTNER_OF", ext1, "Actor", f"{d}-lab1")
        b.link("PARTNER_OF", ext2, "Actor", f"{d}-lab2")
        for i, y in enumerate(YEARS):
            regional_first = here and plant == "trend"
            local = (f"{d}-lab1", f"{d}-lab2")
            far = (ext1, ext2)
            if regional_first:
                early = i < len(YEARS) // 2
                b.project(f"p-{d}-{y}-a", y, d, local if early else far)
                b.project(f"p-{d}-{y}-b", y, d, local if early else far)
            else:
                b.project(f"p-{d}-{y}-a", y, d, local)
                b.project(f"p-{d}-{y}-b", y, d, far)
    for i, d in enumerate(domains):
        nxt = domains[(i + 1) % len(domains)]
        b.link("PARTNER_OF", f"{d}-lab1", "Actor", f"{nxt}-lab1")
        b.link("PARTNER_OF", f"{d}-sme2", "Actor", f"{nxt}-sme2")
    b.link("PARTNER_OF", "medicen", "Actor", f"{domains[0]}-lab1")
    b.link("PARTNER_OF", "medicen", "Actor", f"{domains[1]}-lab1")
    if plant == "network":
        b.actor(f"{PLANTED}-lonely", "funder")
        b.link("WORKS_ON", f"{PLANTED}-lonely", "Domain", PLANTED)
        for x in AXES:
            b.link("CONTRIBUTES_TO", f"{PLANTED}-lonely", "Axis", x)
    if plant == "community":
        group = [f"{PLANTED}-island{i}" for i in range(4)]
        for g in group:
            b.actor(g, "association")
        for i, u in enumerate(group):
            for v in group[i + 1 :]:
                b.link("PARTNER_OF", u, "Actor", v)
        b.link("PARTNER_OF", group[0], "Actor", f"{PLANTED}-lab1")
    if plant == "prospects":
        pid = f"{PLANTED}-prospect"
        b.actor(pid, "sme", member=False)
        b.link("WORKS_ON", pid, "Domain", PLANTED)
        for x in AXES:
            b.link("CONTRIBUTES_TO", pid, "Axis", x)
        b.link("PARTNER_OF", pid, "Actor", f"{PLANTED}-lab1")
        b.link("PARTNER_OF", pid, "Actor", f"{PLANTED}-hosp1")
    return b.batch


def _load(store: GraphStore, schema: Schema, plant: str | None) -> GapReport:
    load_batch(store, concept_batch(schema), schema)
    report = load_batch(store, build_planted(schema, plant), schema)
    assert not report.quarantine, [q.reason for q in report.quarantine][:5]
    return build_report(store, schema=schema)


def _describe(report: GapReport) -> list[str]:
    return [f"{g.score} {g.kind}/{g.measure} {g.subject}" for g in report.gaps[:8]]


def test_balanced_graph_has_no_gap(falkordb_store: GraphStore, schema: Schema) -> None:
    report = _load(falkordb_store, schema, None)
    assert report.gaps == (), _describe(report)


EXPECTED = {
    "coverage": ("coverage", f"{PLANTED}|axis-translational|*"),
    "value_chain": ("value_chain", PLANTED),
    "tech_transfer": ("tech_transfer", PLANTED),
    "network": ("network", PLANTED),
    "community": ("network", None),
    "prospects": ("prospects", PLANTED),
    "trend": ("trend", PLANTED),
}


@pytest.mark.parametrize("plant", PLANTS)
def test_planted_gap_ranks_first(store: GraphStore, schema: Schema, plant: str) -> None:
    report = _load(store, schema, plant)
    kind, subject = EXPECTED[plant]
    assert report.gaps, f"no gap found for plant {plant}"
    top = report.gaps[0]
    assert top.kind == kind, _describe(report)
    if subject is not None:
        assert top.subject == subject, _describe(report)
    others = {g.kind for g in report.gaps} - {kind}
    assert not others, _describe(report)
    for gap in report.gaps:
        assert check_citations(store, gap) == [], (gap.kind, gap.subject)
    links = run_named(store, "gap_tech_transfer_links").rows
    assert partner_kind_rows(read_network(store)) == links
    assert partner_kind_rows(network_projection(store)) == links


def test_planted_measures_are_the_ones_planted(falkordb_store: GraphStore, schema: Schema) -> None:
    report = _load(falkordb_store, schema, "community")
    measures = {(g.measure, g.subject) for g in report.gaps}
    assert ("weak_community", f"{PLANTED}-island0") in measures or any(m == "weak_community" for m, _ in measures)
    assert ("broker", f"{PLANTED}-lab1") in measures
    weak = next(g for g in report.gaps if g.measure == "weak_community")
    assert dict(weak.evidence.counts) == {"community_actors": 4, "bridges": 1}


def test_every_kind_is_planted() -> None:
    assert {EXPECTED[p][0] for p in PLANTS} == set(GAP_KINDS)
