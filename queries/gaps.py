"""Score and rank the gaps of the ecosystem against the cluster's strategy, from query rows.

Every function here is pure: it takes the rows of the `queries/gap_*.cypher` queries (and,
for network holes, a networkx projection of the collaboration network) and returns frozen
`Gap` records. What counts as a priority comes from `ecosystem.ttl` through the `Schema`
(`Concept.priority`, inherited down `BROADER`; `KindSpec.stage` for the value chain), so a
change of strategy is a change of the ontology, not of this code.

Scores
------
Each gap has a `severity` in [0, 1] (how thin or how broken, defined per measure below) and
a `weight` from the strategy: ``1 / priority`` for a concept annotated with
``carto:strategicPriority`` (1 → 1.0, 2 → 0.5), `UNRANKED_WEIGHT` for concepts outside the
strategy, 1.0 for network and membership measures. ``score = severity × weight``; the list is
sorted by score, then kind, measure and subject, so it is stable.

- coverage, cell ``(domain, axis, kind)`` (``'*'`` = any): the expected count if the
  domain's actors had the axis/kind profile of all tagged actors is
  ``E = n(domain,*,*) × n(*,axis,kind) / n(*,*,*)``; the Pearson residual
  ``(O − E) / √E`` (a z-score under a Poisson model, Agresti, *Categorical Data Analysis*,
  2002, §3.3) flags a priority cell when ≤ `COVERAGE_Z` and ``E ≥`` `COVERAGE_MIN_EXPECTED`;
  severity ``1 − O/E``. Coverage of a whole top-level priority domain is its actor count
  against the median of the top-level domains that have actors: flagged at
  ``≤ COVERAGE_DOMAIN_RATIO × median``, severity ``1 − n/median``.
- value chain: a domain's actors per stage (research, clinical, industry, support) against
  the stage shares pooled over the top-level domains; a stage is missing (severity 1) when
  none is found where ``E ≥ 1``, thin when ``O/E ≤ VALUE_CHAIN_THIN`` with ``E ≥ 2``.
- technology transfer: for domains with strong academic activity (research-stage actors ≥
  the median of top-level domains and ≥ `TT_MIN_ACADEMIC`), companies, academic–industry
  partners and spin-offs per academic actor against the median ratio of the top-level
  domains; a ratio below ``TT_RATIO_FLOOR × median`` has deficit ``1 − ratio/median``;
  severity is the largest deficit.
- network holes, on the projection where a link is COLLABORATES_WITH, PARTNER_OF or a shared
  project: isolated actors (share of a domain's actors with no link), groups of ≥ 3
  actors joined to the rest by no link or by a single bridge (``0.8 or 1 × s / (s + 5)``), brokers
  (articulation points, Hopcroft & Tarjan 1973) weighted by the actors they cut off
  (``c / (c + 5)``), members of the cluster with no link to another member (their share).
- prospects: regional actors of a priority domain that are not members; severity is the
  share of non-members among the domain's regional actors.
- trends: a domain's regional share of projects, first half of its years against the
  second half; a fall of at least `TREND_MIN_DROP` with a negative weighted least-squares
  slope is a gap, severity ``min(1, drop / 0.5)``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from statistics import median
from typing import Any

import networkx as nx
import numpy as np

from graph.projection import CompactGraph
from ontology import Schema

__all__ = [
    "GAP_KINDS",
    "STAGES",
    "Check",
    "Citation",
    "Evidence",
    "Gap",
    "articulation_cuts",
    "weak_groups",
    "coverage_gaps",
    "network_gaps",
    "partner_kind_rows",
    "priority_of",
    "prospect_gaps",
    "rank_gaps",
    "tech_transfer_gaps",
    "trend_gaps",
    "value_chain_gaps",
    "weight_of",
]

GAP_KINDS = ("coverage", "value_chain", "tech_transfer", "network", "prospects", "trend")
STAGES = ("research", "clinical", "industry", "support")
ANY = "*"

UNRANKED_WEIGHT = 0.25
COVERAGE_Z = -2.0
COVERAGE_MIN_EXPECTED = 2.0
COVERAGE_DOMAIN_RATIO = 0.5
VALUE_CHAIN_MIN_ACTORS = 3
VALUE_CHAIN_THIN = 0.34
TT_MIN_ACADEMIC = 2
TT_RATIO_FLOOR = 0.5
NETWORK_MIN_ACTORS = 3
COMMUNITY_MIN_SIZE = 3
BROKER_MIN_CUT = 2
BROKER_TOP = 20
COMMUNITY_CHECK_MAX = 300
TREND_MIN_YEARS = 4
TREND_MIN_PROJECTS = 8
TREND_MIN_DROP = 0.15
EXAMPLES = 5

_STAGE_FR = {"research": "recherche", "clinical": "clinique", "industry": "industrie", "support": "soutien"}


@dataclass(frozen=True)
class Check:
    """A fact the cited query reproduces on the rows that match `where`.

    `op` is ``count`` (number of rows), ``sum`` (total of `column`) or ``contains`` (some
    row's `column` list, or value, holds `expected`). A tuple value in `where` means "one of".
    """

    op: str
    expected: Any
    where: tuple[tuple[str, Any], ...] = ()
    column: str | None = None


@dataclass(frozen=True)
class Citation:
    """A library query with its parameters and what it must show."""

    query: str
    params: tuple[tuple[str, Any], ...]
    checks: tuple[Check, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """What supports a gap: counts, example actors (id, name) and the queries that show it."""

    counts: tuple[tuple[str, Any], ...]
    actors: tuple[tuple[str, str], ...]
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Gap:
    """One place where the strategy lacks actors, links or partners, with its evidence."""

    kind: str
    measure: str
    subject: str
    subject_fr: str
    subject_en: str
    severity: float
    weight: float
    score: float
    explanation_fr: str
    explanation_en: str
    evidence: Evidence = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (tuples of pairs become objects)."""
        d = asdict(self)
        ev = self.evidence
        d["evidence"] = {
            "counts": dict(ev.counts),
            "actors": [{"id": i, "name": n} for i, n in ev.actors],
            "queries": [
                {
                    "query": c.query,
                    "params": dict(c.params),
                    "checks": [
                        {"op": k.op, "where": dict(k.where), "column": k.column, "expected": k.expected}
                        for k in c.checks
                    ],
                }
                for c in ev.citations
            ],
        }
        return d


# --- strategy ---------------------------------------------------------------------------
def priority_of(schema: Schema, concept_id: str) -> int | None:
    """The concept's strategic priority, or the nearest broader concept's.

    Examples
    --------
    >>> from ontology import load_schema
    >>> s = load_schema()
    >>> priority_of(s, "dom-neurodegenerative"), priority_of(s, "dom-microbiome")
    (1, None)
    """
    if concept_id not in schema.concepts:
        return None
    for cid in [concept_id, *schema.ancestors(concept_id)]:
        p = schema.concepts[cid].priority
        if p is not None:
            return p
    return None


def weight_of(priority: int | None) -> float:
    """Strategy weight of a priority rank.

    Examples
    --------
    >>> weight_of(1), weight_of(2), weight_of(None)
    (1.0, 0.5, 0.25)
    """
    return UNRANKED_WEIGHT if priority is None else 1.0 / max(priority, 1)


def _names(schema: Schema, cid: str) -> tuple[str, str]:
    if cid == ANY:
        return ("tous", "all")
    c = schema.concepts.get(cid)
    return (c.name("fr"), c.name("en")) if c else (cid, cid)


def _kind_names(schema: Schema, kind: str) -> tuple[str, str]:
    if kind == ANY:
        return ("tous types", "all kinds")
    spec = schema.kinds.get(kind)
    return (spec.name("fr"), spec.name("en")) if spec else (kind, kind)


def _stage(schema: Schema, kind: str) -> str | None:
    spec = schema.kinds.get(kind)
    return spec.stage if spec else None


def _kinds_of_stage(schema: Schema, stage: str) -> tuple[str, ...]:
    return tuple(sorted(k for k, spec in schema.kinds.items() if spec.stage == stage))


def _top_domains(schema: Schema) -> list[str]:
    return [c.id for c in schema.concepts_of("Domain") if not c.broader]


def _actors(ids: Iterable[str], names: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((i, names.get(i, i)) for i in list(ids)[:EXAMPLES])


def _fmt(x: float, lang: str) -> str:
    text = f"{x:.2f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))
    return text.replace(".", ",").replace("-", "−") if lang == "fr" else text


def _gap(
    kind: str,
    measure: str,
    subject: str,
    schema: Schema,
    severity: float,
    weight: float,
    fr: str,
    en: str,
    counts: Mapping[str, Any],
    actors: tuple[tuple[str, str], ...],
    citations: Sequence[Citation],
    subject_names: tuple[str, str] | None = None,
) -> Gap:
    sfr, sen = subject_names or _names(schema, subject)
    severity = round(min(1.0, max(0.0, severity)), 4)
    return Gap(
        kind=kind,
        measure=measure,
        subject=subject,
        subject_fr=sfr,
        subject_en=sen,
        severity=severity,
        weight=round(weight, 4),
        score=round(severity * weight, 4),
        explanation_fr=fr,
        explanation_en=en,
        evidence=Evidence(tuple(counts.items()), actors, tuple(citations)),
    )


def _cite(query: str, params: Mapping[str, Any], *checks: Check) -> Citation:
    return Citation(query, tuple(params.items()), tuple(checks))


# --- coverage -----------------------------------------------------------------------------
def coverage_gaps(
    rows: Sequence[Mapping[str, Any]],
    schema: Schema,
    names: Mapping[str, str],
    explained: Iterable[tuple[str, str]] = (),
) -> list[Gap]:
    """Thin priority cells of the domain × axis × kind table (rows of `gap_coverage`).

    `explained` holds (domain, stage) pairs the value chain already reports: a kind cell of
    such a stage is not reported twice.

    Examples
    --------
    >>> from ontology import load_schema
    >>> schema = load_schema()
    >>> tops = [d for d in _top_domains(schema) if priority_of(schema, d)]
    >>> rows = [{"domain": d, "axis": "*", "kind": "*", "actors": 1 if d == "dom-cancer" else 10, "examples": []}
    ...         for d in tops] + [{"domain": "*", "axis": "*", "kind": "*", "actors": 71, "examples": []}]
    >>> [(g.measure, g.subject, g.severity) for g in coverage_gaps(rows, schema, {})]
    [('domain', 'dom-cancer', 0.9)]
    """
    cells = {(r["domain"], r["axis"], r["kind"]): r for r in rows}
    n = {k: int(r["actors"]) for k, r in cells.items()}
    total = n.get((ANY, ANY, ANY), 0)
    if total == 0:
        return []
    skip = set(explained)
    out: list[Gap] = []
    tops = _top_domains(schema)
    present = [n[(d, ANY, ANY)] for d in tops if n.get((d, ANY, ANY), 0) > 0]
    mid = median(present) if present else 0
    if mid >= 2:
        for d in tops:
            prio = priority_of(schema, d)
            count = n.get((d, ANY, ANY), 0)
            if prio is None or count > COVERAGE_DOMAIN_RATIO * mid:
                continue
            dfr, den = _names(schema, d)
            ex = cells.get((d, ANY, ANY), {}).get("examples") or []
            out.append(
                _gap(
                    "coverage",
                    "domain",
                    d,
                    schema,
                    1 - count / mid,
                    weight_of(prio),
                    f"Domaine prioritaire « {dfr} » peu couvert : {count} acteur(s), contre une médiane de "
                    f"{_fmt(mid, 'fr')} pour les domaines thérapeutiques de premier niveau.",
                    f"Priority domain “{den}” is thinly covered: {count} actor(s) against a median of "
                    f"{_fmt(mid, 'en')} for the top-level therapeutic domains.",
                    {"actors": count, "median_top_level_domain": mid},
                    _actors(ex, names),
                    [
                        _cite(
                            "gap_coverage",
                            {"domain": d, "axis": ANY, "kind": ANY},
                            Check("sum", count, (("domain", d), ("axis", ANY), ("kind", ANY)), "actors"),
                        )
                    ],
                )  # fmt: skip
            )
    domains = sorted({d for (d, x, k) in n if d != ANY and x == ANY and k == ANY})
    slices = sorted({(x, k) for (d, x, k) in n if d == ANY and (x, k) != (ANY, ANY)})
    for d in domains:
        n_d = n[(d, ANY, ANY)]
        for x, k in slices:
            stage = _stage(schema, k) if k != ANY else None
            if stage is not None and (d, stage) in skip:
                continue
            p_d = priority_of(schema, d)
            p_x = priority_of(schema, x) if x != ANY else None
            if p_d is None and p_x is None:
                continue
            expected = n_d * n[(ANY, x, k)] / total
            observed = n.get((d, x, k), 0)
            if expected < COVERAGE_MIN_EXPECTED:
                continue
            z = (observed - expected) / math.sqrt(expected)
            if z > COVERAGE_Z:
                continue
            weight = max(weight_of(p_d) if p_d else 0.0, weight_of(p_x) if p_x else 0.0)
            dfr, den = _names(schema, d)
            xfr, xen = _names(schema, x) if x != ANY else ("tous axes", "all axes")
            kfr, ken = _kind_names(schema, k)
            ex = cells.get((d, x, k), {}).get("examples") or []
            domain_ex = [] if ex else list(cells[(d, ANY, ANY)].get("examples") or [])[:EXAMPLES]
            out.append(
                _gap(
                    "coverage",
                    "cell",
                    f"{d}|{x}|{k}",
                    schema,
                    1 - observed / expected,
                    weight,
                    f"Case peu couverte « {dfr} » × « {xfr} » × {kfr} : {observed} acteur(s) pour "
                    f"{_fmt(expected, 'fr')} attendu(s) au vu du profil des autres domaines (résidu {_fmt(z, 'fr')}).",
                    f"Thin cell “{den}” × “{xen}” × {ken}: {observed} actor(s) where the profile of the other "
                    f"domains predicts {_fmt(expected, 'en')} (residual {_fmt(z, 'en')}).",
                    {
                        "actors": observed,
                        "expected": round(expected, 2),
                        "residual": round(z, 2),
                        "domain_actors": n_d,
                        "slice_actors": n[(ANY, x, k)],
                        "tagged_actors": total,
                    },
                    _actors(ex or domain_ex, names),
                    [
                        _cite(
                            "gap_coverage",
                            {"domain": d, "axis": x, "kind": k},
                            Check("count", 1 if observed else 0),
                            *([Check("sum", observed, (), "actors")] if observed else []),
                        ),
                        _cite(
                            "gap_coverage",
                            {"domain": d, "axis": ANY, "kind": ANY},
                            Check("sum", n_d, (), "actors"),
                            *[Check("contains", a, (), "examples") for a in domain_ex],
                        ),
                    ],
                    subject_names=(f"{dfr} × {xfr} × {kfr}", f"{den} × {xen} × {ken}"),
                )  # fmt: skip
            )
    return out


# --- value chain ----------------------------------------------------------------------------
def value_chain_gaps(rows: Sequence[Mapping[str, Any]], schema: Schema, names: Mapping[str, str]) -> list[Gap]:
    """Missing or thin value-chain stages per domain (rows of `gap_value_chain`)."""
    by_domain: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STAGES, 0))
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows:
        stage = _stage(schema, r["kind"])
        if stage is None:
            continue
        by_domain[r["domain"]][stage] += int(r["actors"])
        examples[(r["domain"], stage)].extend(r.get("examples") or [])
    tops = set(_top_domains(schema))
    pooled = dict.fromkeys(STAGES, 0)
    for d, stages in by_domain.items():
        if d in tops:
            for s, c in stages.items():
                pooled[s] += c
    grand = sum(pooled.values())
    if grand == 0:
        return []
    out: list[Gap] = []
    for d in sorted(by_domain):
        stages = by_domain[d]
        n_d = sum(stages.values())
        if n_d < VALUE_CHAIN_MIN_ACTORS:
            continue
        prio = priority_of(schema, d)
        dfr, den = _names(schema, d)
        present = [ex for s in STAGES for ex in examples[(d, s)]]
        for s in STAGES:
            expected = n_d * pooled[s] / grand
            observed = stages[s]
            if observed == 0 and expected >= 1:
                severity, what_fr, what_en = 1.0, "absent", "missing"
            elif expected >= 2 and observed / expected <= VALUE_CHAIN_THIN:
                severity, what_fr, what_en = 1 - observed / expected, "mince", "thin"
            else:
                continue
            kinds = _kinds_of_stage(schema, s)
            out.append(
                _gap(
                    "value_chain",
                    s,
                    d,
                    schema,
                    severity,
                    weight_of(prio),
                    f"Chaîne de valeur de « {dfr} » : maillon {_STAGE_FR[s]} {what_fr} ({observed} acteur(s) "
                    f"pour {_fmt(expected, 'fr')} attendu(s) ; {n_d} acteurs dans le domaine).",
                    f"Value chain of “{den}”: {s} stage {what_en} ({observed} actor(s) where "
                    f"{_fmt(expected, 'en')} are expected; {n_d} actors in the domain).",
                    {
                        "stage_actors": observed,
                        "expected": round(expected, 2),
                        "domain_actors": n_d,
                        **{f"{x}_actors": stages[x] for x in STAGES},
                    },
                    _actors(examples[(d, s)] or present, names),
                    [
                        _cite(
                            "gap_value_chain",
                            {"domain": d},
                            Check("sum", observed, (("domain", d), ("kind", kinds)), "actors"),
                            Check("sum", n_d, (("domain", d), ("kind", tuple(sorted(schema.kinds)))), "actors"),
                        )
                    ],
                )  # fmt: skip
            )
    return out


# --- technology transfer ----------------------------------------------------------------------
def partner_kind_rows(g: nx.Graph | CompactGraph) -> list[dict[str, Any]]:
    """The rows `gap_tech_transfer_links` returns, computed on the network (`read_network`).

    For each domain (node attribute `domains`, rolled up) and actor kind, the number of
    distinct (actor, partner) pairs by the partner's kind; the report uses this instead of
    running the query, which stays the evidence a reader can run.

    Examples
    --------
    >>> g = nx.Graph([("lab", "sme"), ("lab", "hosp")])
    >>> nx.set_node_attributes(g, {"lab": "academic_lab", "sme": "sme", "hosp": "hospital"}, "kind")
    >>> nx.set_node_attributes(g, {"lab": ["dom-cancer"], "sme": ["dom-cancer"]}, "domains")
    >>> [tuple(r.values()) for r in partner_kind_rows(g)]
    [('dom-cancer', 'academic_lab', 'hospital', 1), ('dom-cancer', 'academic_lab', 'sme', 1), ('dom-cancer', 'sme', 'academic_lab', 1)]
    """
    c = _compact(g)
    kind_of = [k or "unknown" for k in (c.attrs.get("kind") or [None] * c.n)]
    indptr, indices = c.indptr, c.indices
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    for v, domains in enumerate(c.attrs.get("domains") or []):
        if not domains:
            continue
        kinds: dict[str, int] = defaultdict(int)
        for w in indices[indptr[v] : indptr[v + 1]]:
            kinds[kind_of[w]] += 1
        kind = kind_of[v]
        for d in domains:
            for pk, n in kinds.items():
                counts[(d, kind, pk)] += n
    return [{"domain": d, "kind": k, "partner_kind": pk, "links": n} for (d, k, pk), n in sorted(counts.items())]


def tech_transfer_gaps(
    actor_rows: Sequence[Mapping[str, Any]],
    link_rows: Sequence[Mapping[str, Any]],
    schema: Schema,
    names: Mapping[str, str],
) -> list[Gap]:
    """Domains strong in research but weak in companies, industry partners or spin-offs.

    `actor_rows` are rows of `gap_tech_transfer`, `link_rows` rows of `gap_tech_transfer_links`.
    """
    research, industry = _kinds_of_stage(schema, "research"), _kinds_of_stage(schema, "industry")
    stats: dict[str, dict[str, int]] = defaultdict(lambda: {"academic": 0, "companies": 0, "links": 0, "spinoffs": 0})
    examples: dict[str, list[str]] = defaultdict(list)
    for r in actor_rows:
        s = stats[r["domain"]]
        if r["kind"] in research:
            s["academic"] += int(r["actors"])
            s["spinoffs"] += int(r["spinoffs"])
            examples[r["domain"]].extend(r.get("examples") or [])
        elif r["kind"] in industry:
            s["companies"] += int(r["actors"])
    for r in link_rows:
        if r["kind"] in research and r["partner_kind"] in industry:
            stats[r["domain"]]["links"] += int(r["links"])
    tops = [d for d in _top_domains(schema) if stats.get(d, {}).get("academic", 0) >= TT_MIN_ACADEMIC]
    if not tops:
        return []
    strong = max(TT_MIN_ACADEMIC, median(stats[d]["academic"] for d in tops))
    measures = ("companies", "links", "spinoffs")
    ref = {m: median(stats[d][m] / stats[d]["academic"] for d in tops) for m in measures}
    label_fr = {"companies": "entreprises", "links": "partenaires industriels", "spinoffs": "essaimages (spin-offs)"}
    label_en = {"companies": "companies", "links": "industry partners", "spinoffs": "spin-offs"}
    out: list[Gap] = []
    for d in sorted(stats):
        s = stats[d]
        if s["academic"] < strong:
            continue
        deficits = {}
        for m in measures:
            ratio = s[m] / s["academic"]
            if ref[m] > 0 and ratio < TT_RATIO_FLOOR * ref[m]:
                deficits[m] = 1 - ratio / ref[m]
        if not deficits:
            continue
        dfr, den = _names(schema, d)
        parts_fr = ", ".join(f"{s[m]} {label_fr[m]} ({_fmt(s[m] / s['academic'], 'fr')} par acteur académique, "
                             f"médiane {_fmt(ref[m], 'fr')})" for m in sorted(deficits))  # fmt: skip
        parts_en = ", ".join(f"{s[m]} {label_en[m]} ({_fmt(s[m] / s['academic'], 'en')} per academic actor, "
                             f"median {_fmt(ref[m], 'en')})" for m in sorted(deficits))  # fmt: skip
        out.append(
            _gap(
                "tech_transfer",
                "+".join(sorted(deficits)),
                d,
                schema,
                max(deficits.values()),
                weight_of(priority_of(schema, d)),
                f"Transfert de technologie faible en « {dfr} » : {s['academic']} acteurs académiques mais {parts_fr}.",
                f"Weak technology transfer in “{den}”: {s['academic']} academic actors but {parts_en}.",
                {**s, **{f"median_{m}_per_academic": round(ref[m], 3) for m in measures}},
                _actors(examples[d], names),
                [
                    _cite(
                        "gap_tech_transfer",
                        {"domain": d},
                        Check("sum", s["academic"], (("domain", d), ("kind", research)), "actors"),
                        Check("sum", s["companies"], (("domain", d), ("kind", industry)), "actors"),
                        Check("sum", s["spinoffs"], (("domain", d), ("kind", research)), "spinoffs"),
                    ),
                    _cite(
                        "gap_tech_transfer_links",
                        {"domain": d},
                        Check(
                            "sum", s["links"], (("domain", d), ("kind", research), ("partner_kind", industry)), "links"
                        ),
                    ),
                ],
            )  # fmt: skip
        )
    return out


# --- network holes ----------------------------------------------------------------------------
def _compact(g: nx.Graph | CompactGraph) -> CompactGraph:
    return g if isinstance(g, CompactGraph) else CompactGraph.from_networkx(g)


@dataclass
class _Forest:
    """Depth-first forest of a compact graph, on node numbers: discovery order, low points, subtree
    sizes, parents (-1 for a root) and the root of each node's tree."""

    order: list[int]
    disc: list[int]
    low: list[int]
    size: list[int]
    parent: list[int]
    root_of: list[int]

    def subtree(self, v: int) -> list[int]:
        i = self.disc[v]
        return self.order[i : i + self.size[v]]


def _forest(g: CompactGraph) -> _Forest:
    """One iterative DFS per component (Hopcroft & Tarjan 1973), roots and neighbours in id order.

    The search itself only finds the tree (discovery order and parents): its inner loop runs once
    per adjacency entry, so it does nothing else. Low points then come vectorised (the smallest
    discovery number among each node's neighbours other than its parent) and are carried up the
    tree with the subtree sizes, children before parents.
    """
    n, indptr, indices = g.n, g.indptr, g.indices
    disc = [-1] * n
    parent = [-1] * n
    root_of = list(range(n))
    order: list[int] = []
    pos = indptr[:-1]  # the next neighbour to look at, per node (a copy: slicing a list copies)
    for root in range(n):
        if disc[root] >= 0:
            continue
        disc[root] = len(order)
        order.append(root)
        stack = [root]
        while stack:
            v = stack[-1]
            p, end = pos[v], indptr[v + 1]
            while p < end:
                w = indices[p]
                p += 1
                if disc[w] < 0:
                    break
            else:
                pos[v] = p
                stack.pop()
                continue
            pos[v] = p
            disc[w] = len(order)
            order.append(w)
            parent[w], root_of[w] = v, root
            stack.append(w)
    low = _direct_low(g, disc, parent)
    size = [1] * n
    for v in reversed(order):
        p = parent[v]
        if p >= 0:
            if low[v] < low[p]:
                low[p] = low[v]
            size[p] += size[v]
    return _Forest(order, disc, low, size, parent, root_of)


def _direct_low(g: CompactGraph, disc: list[int], parent: list[int]) -> list[int]:
    """Per node, the smallest discovery number among itself and its neighbours other than its parent."""
    if not g.indices:
        return list(disc)
    d = np.asarray(disc, dtype=np.int64)
    ptr = np.asarray(g.indptr, dtype=np.int64)
    nbr = np.asarray(g.indices, dtype=np.int64)
    owner = np.repeat(np.arange(g.n), np.diff(ptr))
    values = np.where(nbr == np.asarray(parent, dtype=np.int64)[owner], d[owner], d[nbr])
    low = d.copy()
    has = ptr[1:] > ptr[:-1]
    low[has] = np.minimum(d[has], np.minimum.reduceat(values, ptr[:-1][has]))
    return low.tolist()


def articulation_cuts(g: nx.Graph | CompactGraph, forest: _Forest | None = None) -> dict[Any, tuple[int, int]]:
    """For each articulation point: (actors cut off from the largest remaining part, component size).

    Depth-first search with subtree sizes (Hopcroft & Tarjan, "Efficient algorithms for graph
    manipulation", CACM 16(6), 1973): a child whose low point does not climb above the
    vertex separates its whole subtree when the vertex goes.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e")])
    >>> articulation_cuts(g)
    {'c': (2, 5), 'd': (1, 5)}
    """
    c = _compact(g)
    f = forest or _forest(c)
    pieces: dict[int, list[int]] = defaultdict(list)
    for v in f.order:
        p = f.parent[v]
        if p >= 0 and f.low[v] >= f.disc[p]:
            pieces[p].append(f.size[v])
    out: dict[Any, tuple[int, int]] = {}
    for v, parts in pieces.items():
        comp = f.size[f.root_of[v]]
        rest = comp - 1 - sum(parts)
        all_parts = parts + ([rest] if rest > 0 else [])
        if len(all_parts) >= 2:
            out[c.ids[v]] = (comp - 1 - max(all_parts), comp)
    return {v: out[v] for v in sorted(out, key=str)}


def weak_groups(
    g: nx.Graph | CompactGraph, min_size: int = 3, top: int = 20, forest: _Forest | None = None
) -> list[tuple[list[Any], list[tuple[Any, Any]]]]:
    """Groups of actors joined to the rest of the network by no link or by a single one.

    A component other than the largest is a group with no bridge; the smaller side of a
    bridge (an edge whose removal disconnects its component, Tarjan, "A note on finding the
    bridges of a graph", IPL 2(6), 1974) is a group with one. Largest groups first; a group
    inside a larger reported one is skipped.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e"), ("e", "f"), ("f", "d")])
    >>> g.add_edges_from([("x", "y"), ("y", "z")])
    >>> weak_groups(g)
    [(['d', 'e', 'f'], [('c', 'd')]), (['x', 'y', 'z'], [])]
    """
    c = _compact(g)
    if c.n == 0:
        return []
    ids = c.ids
    f = forest or _forest(c)
    roots = [v for v in f.order if f.parent[v] < 0]
    giant = max(roots, key=lambda r: (f.size[r], -f.disc[r]))
    candidates: list[tuple[int, int, int, int]] = []
    for r in roots:
        if r != giant and f.size[r] >= min_size:
            candidates.append((f.size[r], f.disc[r], r, -1))
    for v in f.order:
        p = f.parent[v]
        if p < 0 or f.low[v] <= f.disc[p]:
            continue
        comp = f.size[f.root_of[v]]
        side = min(f.size[v], comp - f.size[v])
        if side >= min_size:
            candidates.append((side, f.disc[v], v, p))
    taken: set[int] = set()
    out: list[tuple[list[Any], list[tuple[Any, Any]]]] = []
    for side, _, v, p in sorted(candidates, key=lambda t: (-t[0], t[1])):
        if len(out) >= top:
            break
        if p < 0:
            members, bridge = f.subtree(v), []
        elif f.size[v] == side:
            members, bridge = f.subtree(v), [tuple(sorted((ids[p], ids[v]), key=str))]
        else:
            inner = set(f.subtree(v))
            members = [w for w in f.subtree(f.root_of[v]) if w not in inner]
            bridge = [tuple(sorted((ids[p], ids[v]), key=str))]
        if taken.intersection(members):
            continue
        taken.update(members)
        out.append((sorted((ids[w] for w in members), key=str), bridge))
    return sorted(out, key=lambda m: (-len(m[0]), str(m[0][0])))


def network_gaps(g: nx.Graph | CompactGraph, schema: Schema, cluster: str) -> list[Gap]:
    """Isolated actors, weakly bridged communities, brokers and unlinked members.

    `g` is the collaboration network (see `gaps_report.read_network`): node attributes `name`,
    `kind`, `domains` (from `gap_actor_domains`) and `member` (from `gap_cluster_members`), edges
    from `gap_network_links` and `gap_network_coprojects`. A networkx graph with the same node
    attributes works too (it is converted).
    """
    c = _compact(g)
    ids = c.ids
    name_of = c.attrs.get("name") or [None] * c.n
    names = {v: name_of[i] or v for i, v in enumerate(ids)}
    domains_of = c.attrs.get("domains") or [None] * c.n
    member_of = c.attrs.get("member") or [None] * c.n
    index = c.index
    degrees = np.diff(np.asarray(c.indptr, dtype=np.int64)).tolist()

    def degree(v: Any) -> int:
        return degrees[index[v]]

    out: list[Gap] = []
    isolated = [v for v, k in zip(ids, degrees, strict=True) if k == 0]
    by_domain: dict[str, list[str]] = defaultdict(list)
    for i, doms in enumerate(domains_of):
        for d in doms or []:
            by_domain[d].append(ids[i])
    iso = set(isolated)
    for d in sorted(by_domain):
        members = by_domain[d]
        lonely = sorted(v for v in members if v in iso)
        if not lonely or len(members) < NETWORK_MIN_ACTORS:
            continue
        dfr, den = _names(schema, d)
        out.append(
            _gap(
                "network",
                "isolated",
                d,
                schema,
                len(lonely) / len(members),
                weight_of(priority_of(schema, d)),
                f"{len(lonely)} acteur(s) sur {len(members)} de « {dfr} » n'ont aucun lien de collaboration "
                "(ni partenariat, ni projet commun).",
                f"{len(lonely)} of {len(members)} actors of “{den}” have no collaboration link "
                "(no partnership, no shared project).",
                {"isolated": len(lonely), "domain_actors": len(members)},
                _actors(lonely, names),
                [
                    _cite(
                        "gap_isolated_actors",
                        {"domain": d},
                        Check("count", len(lonely)),
                        *[Check("contains", v, (), "id") for v in lonely[:EXAMPLES]],
                    )
                ],
            )  # fmt: skip
        )
    forest = _forest(c)  # isolated actors are single-node trees: no group, no broker
    for com, bridges in weak_groups(c, COMMUNITY_MIN_SIZE, BROKER_TOP, forest):
        hub = max(com, key=lambda v: (degree(v), str(v)))
        severity = (1.0 if not bridges else 0.8) * len(com) / (len(com) + 5)
        checks = [Check("count", len(bridges))] if len(com) <= COMMUNITY_CHECK_MAX else []
        params = {"members": com[:COMMUNITY_CHECK_MAX]}
        what_fr = "aucun lien" if not bridges else f"un seul lien ({names[bridges[0][0]]} – {names[bridges[0][1]]})"
        what_en = "no link" if not bridges else f"a single link ({names[bridges[0][0]]} – {names[bridges[0][1]]})"
        out.append(
            _gap(
                "network",
                "weak_community",
                hub,
                schema,
                severity,
                1.0,
                f"Groupe de {len(com)} acteurs autour de {names[hub]} relié au reste du réseau par {what_fr}.",
                f"Group of {len(com)} actors around {names[hub]} joined to the rest of the network by {what_en}.",
                {"community_actors": len(com), "bridges": len(bridges)},
                _actors(sorted(com, key=lambda v: (-degree(v), str(v))), names),
                [_cite("gap_community_bridges", params, *checks)],
                subject_names=(f"groupe de {names[hub]}", f"group of {names[hub]}"),
            )  # fmt: skip
        )
    cuts = articulation_cuts(c, forest)
    ranked = sorted(
        ((c, comp, v) for v, (c, comp) in cuts.items() if c >= BROKER_MIN_CUT), key=lambda t: (-t[0], str(t[2]))
    )
    for cut, comp, v in ranked[:BROKER_TOP]:
        deg = degree(v)
        out.append(
            _gap(
                "network",
                "broker",
                v,
                schema,
                cut / (cut + 5),
                1.0,
                f"{names[v]} est un point de passage obligé : sans lui, {cut} acteur(s) sur {comp} seraient coupés "
                f"du reste de leur composante ({deg} liens directs).",
                f"{names[v]} is a broker: without it, {cut} of {comp} actors would be cut off from the rest of "
                f"their component ({deg} direct links).",
                {"cut_off": cut, "component_actors": comp, "degree": deg},
                ((v, names[v]), *_actors(sorted((ids[w] for w in c.neighbours(index[v])), key=str), names)),
                [_cite("gap_actor_links", {"actor": v}, Check("count", deg))],
                subject_names=(names[v], names[v]),
            )  # fmt: skip
        )
    members = sorted(v for i, v in enumerate(ids) if member_of[i])
    if members:
        mset = {index[v] for v in members}
        unlinked = [v for v in members if not any(w in mset for w in c.neighbours(index[v]))]
        if unlinked:
            out.append(
                _gap(
                    "network",
                    "unlinked_members",
                    cluster,
                    schema,
                    len(unlinked) / len(members),
                    1.0,
                    f"{len(unlinked)} membre(s) sur {len(members)} du pôle n'ont aucun lien avec un autre membre.",
                    f"{len(unlinked)} of the cluster's {len(members)} members have no link to another member.",
                    {"unlinked_members": len(unlinked), "members": len(members)},
                    _actors(unlinked, names),
                    [
                        _cite(
                            "gap_unlinked_members",
                            {"cluster": cluster},
                            Check("count", len(unlinked)),
                            *[Check("contains", v, (), "id") for v in unlinked[:EXAMPLES]],
                        )
                    ],
                    subject_names=(names.get(cluster, cluster), names.get(cluster, cluster)),
                )  # fmt: skip
            )
    return out


# --- prospects ------------------------------------------------------------------------------------
def prospect_gaps(
    rows: Sequence[Mapping[str, Any]],
    schema: Schema,
    *,
    cluster: str,
    region: str,
    max_priority: int = 1,
) -> list[Gap]:
    """Regional actors of priority domains that are not members (rows of `gap_prospects`)."""
    by_domain: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for r in rows:
        by_domain[r["domain"]].append(r)
    rfr, ren = _names(schema, region)
    out: list[Gap] = []
    for d in sorted(by_domain):
        regional = by_domain[d]
        prospects = sorted(
            (r for r in regional if not r["member"]), key=lambda r: (-(r["participations"] + r["links"]), r["id"])
        )
        if not prospects:
            continue
        members = len(regional) - len(prospects)
        dfr, den = _names(schema, d)
        names = {r["id"]: r["name"] or r["id"] for r in prospects}
        params = {"cluster": cluster, "region": region, "max_priority": max_priority, "domain": d}
        out.append(
            _gap(
                "prospects",
                "non_members",
                d,
                schema,
                len(prospects) / len(regional),
                weight_of(priority_of(schema, d)),
                f"{len(prospects)} acteur(s) de « {rfr} » actifs en « {dfr} » (domaine prioritaire) ne sont pas "
                f"membres du pôle ({members} le sont) : des adhérents potentiels.",
                f"{len(prospects)} actor(s) of “{ren}” active in the priority domain “{den}” are not members "
                f"of the cluster ({members} are): prospective members.",
                {"prospects": len(prospects), "members": members, "regional_actors": len(regional)},
                _actors([r["id"] for r in prospects], names),
                [
                    _cite(
                        "gap_prospects",
                        params,
                        Check("count", len(prospects), (("member", False),)),
                        *[Check("contains", r["id"], (("member", False),), "id") for r in prospects[:EXAMPLES]],
                    )
                ],
            )  # fmt: skip
        )
    return out


# --- trends -----------------------------------------------------------------------------------------
def _slope(xs: Sequence[float], ys: Sequence[float], ws: Sequence[float]) -> float:
    """Weighted least-squares slope.

    Examples
    --------
    >>> _slope([2020, 2021, 2022], [0.5, 0.4, 0.3], [1, 1, 1])
    -0.1
    """
    sw = sum(ws)
    mx = sum(w * x for x, w in zip(xs, ws, strict=True)) / sw
    my = sum(w * y for y, w in zip(ys, ws, strict=True)) / sw
    var = sum(w * (x - mx) ** 2 for x, w in zip(xs, ws, strict=True))
    if var == 0:
        return 0.0
    return round(sum(w * (x - mx) * (y - my) for x, y, w in zip(xs, ys, ws, strict=True)) / var, 6)


def trend_gaps(
    rows: Sequence[Mapping[str, Any]],
    schema: Schema,
    *,
    region: str,
    chain_rows: Sequence[Mapping[str, Any]] = (),
    names: Mapping[str, str] | None = None,
) -> list[Gap]:
    """Priority domains whose regional share of projects is falling (rows of `gap_trends`).

    `chain_rows` (rows of `gap_value_chain`) name the domain's most active actors as examples.
    """
    examples: dict[str, list[str]] = defaultdict(list)
    for r in chain_rows:
        examples[r["domain"]].extend(r.get("examples") or [])
    by_domain: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for r in rows:
        if isinstance(r["year"], int):
            by_domain[r["domain"]].append(r)
    rfr, ren = _names(schema, region)
    out: list[Gap] = []
    for d in sorted(by_domain):
        prio = priority_of(schema, d)
        series = sorted(by_domain[d], key=lambda r: r["year"])
        total = sum(int(r["projects"]) for r in series)
        if prio is None or len(series) < TREND_MIN_YEARS or total < TREND_MIN_PROJECTS:
            continue
        years = [r["year"] for r in series]
        shares = [r["regional_projects"] / r["projects"] for r in series]
        slope = _slope(years, shares, [r["projects"] for r in series])
        half = len(series) // 2
        first, second = series[:half], series[-half:]
        s1 = sum(r["regional_projects"] for r in first) / sum(r["projects"] for r in first)
        s2 = sum(r["regional_projects"] for r in second) / sum(r["projects"] for r in second)
        drop = s1 - s2
        if slope >= 0 or drop < TREND_MIN_DROP:
            continue
        dfr, den = _names(schema, d)
        span = f"{years[0]}–{years[-1]}"
        regional_total = sum(int(r["regional_projects"]) for r in series)
        out.append(
            _gap(
                "trend",
                "regional_share_falling",
                d,
                schema,
                drop / 0.5,
                weight_of(prio),
                f"En « {dfr} », la part des projets avec un acteur de « {rfr} » baisse : {_fmt(round(100 * s1), 'fr')} % "
                f"puis {_fmt(round(100 * s2), 'fr')} % ({span}, {total} projets, pente {_fmt(round(100 * slope, 1), 'fr')} points/an).",
                f"In “{den}”, the share of projects with an actor of “{ren}” is falling: {round(100 * s1)}% then "
                f"{round(100 * s2)}% ({span}, {total} projects, slope {round(100 * slope, 1)} points/year).",
                {
                    "projects": total,
                    "regional_projects": regional_total,
                    "first_half_share": round(s1, 3),
                    "second_half_share": round(s2, 3),
                    "slope_per_year": slope,
                    "years": len(series),
                },
                _actors(examples[d], names or {}),
                [
                    _cite(
                        "gap_trends",
                        {"region": region, "domain": d},
                        Check("sum", total, (), "projects"),
                        Check("sum", regional_total, (), "regional_projects"),
                    ),
                    *(
                        [
                            _cite(
                                "gap_value_chain",
                                {"domain": d},
                                *[Check("contains", a, (), "examples") for a in examples[d][:EXAMPLES]],
                            )
                        ]
                        if examples[d]
                        else []
                    ),
                ],
            )  # fmt: skip
        )
    return out


# --- ranking ------------------------------------------------------------------------------------------
def rank_gaps(gaps: Iterable[Gap]) -> list[Gap]:
    """Highest score first; ties by kind (in `GAP_KINDS` order), measure and subject."""
    order = {k: i for i, k in enumerate(GAP_KINDS)}
    return sorted(gaps, key=lambda g: (-g.score, order.get(g.kind, len(order)), g.measure, g.subject))
