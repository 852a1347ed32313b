"""Partner recommendation: hybrid, explainable scores over the co-participation graph and the ontology.

A score is a weighted sum of features, each scaled to about [0, 1]:

- proximity to the partners already in: recency-weighted co-participation, the share of the
  partners it already worked with, and Adamic–Adar over shared co-participants [1]_ (weighted
  by recency; the walk goes through each partner's `FANOUT` best-weighted co-participants and on
  to their `FANOUT` heaviest partners, so hubs cost a bounded walk), plus shared organisational
  links;
- thematic fit: the brief's concepts (given, or inferred from its text through the ontology's
  labels) held by the candidate directly or through its projects, with roll-up along BROADER;
  and TF-IDF similarity between the brief and the text of the candidate's projects and name
  (cosine with a pivoted length norm, so a long track record is not drowned);
- complementarity: a kind (value-chain stage) the consortium lacks, and the brief's concepts no
  partner holds but the candidate does;
- track record (projects in the graph) and recency (latest project);
- geography: same city / département / region as a partner; an Île-de-France bonus
  (`Weights.idf`, 0 by default: the benchmark is national) and the `idf_only` filter.

Every suggestion carries reasons, and each reason lists the graph facts it rests on
(`Fact(source, rel, target)`: a relationship, or `@property` = value of a node), so a test can
check each one against the store.

References
----------
.. [1] L. A. Adamic and E. Adar, "Friends and neighbors on the Web", Social Networks 25 (2003).
"""

from __future__ import annotations

import functools
import heapq
import itertools
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np

from errors import QueryError
from graph import GraphStore
from ontology import Schema, load_schema
from queries.rec_graph import FANOUT, RecGraph, cached_rec_graph
from queries.rec_text import infer_concepts, term_counts

__all__ = [
    "DEFAULT_WEIGHTS",
    "Fact",
    "Reason",
    "RecQuery",
    "Suggestion",
    "Weights",
    "features",
    "score_all",
    "score_top",
    "recommend_in",
    "recommend",
]


@dataclass(frozen=True)
class Weights:
    """How much each feature counts.

    The defaults come from `benchmarks/bench_recommend.py`'s coordinate search on 800 tuning
    consortia (ANR, PIA, CORDIS; leave-one-out), disjoint from its test cases; `complement`
    and `links` are kept small but non-zero (the benchmark data has no roles asked and no
    supervision links), `idf` is 0 (ranking is national; `idf_only` restricts instead).
    """

    direct: float = 6.0
    cover: float = 4.0
    share: float = 16.0
    salton: float = 0.5
    resource_allocation: float = 0.0
    adamic_adar: float = 1.5
    links: float = 1.0
    concept: float = 4.0
    text: float = 3.0
    complement: float = 0.25
    track: float = 1.2
    recency: float = 1.6
    geo: float = 2.4
    idf: float = 0.0


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class RecQuery:
    """A brief: text, concepts, the partners already in (resolved ids), wanted kinds and constraints."""

    text: str = ""
    domains: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    idf_only: bool = False
    top: int = 10


@dataclass(frozen=True)
class Fact:
    """One graph fact: a relationship (source)-[rel]->(target), or `@prop` of source equal to target."""

    source: str
    rel: str
    target: str


@dataclass(frozen=True)
class Reason:
    code: str
    text: str
    facts: tuple[Fact, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "text": self.text, "facts": [asdict(f) for f in self.facts]}


@dataclass(frozen=True)
class Suggestion:
    actor: str
    name: str
    kind: str
    ids: dict[str, str]
    score: float
    reasons: tuple[Reason, ...] = ()
    features: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "name": self.name,
            "kind": self.kind,
            "ids": dict(self.ids),
            "score": round(self.score, 6),
            "reasons": [r.as_dict() for r in self.reasons],
        }


# -- features ----------------------------------------------------------------------------------


def target_concepts(g: RecGraph, q: RecQuery) -> list[str]:
    """The brief's concepts: given ones (unknown ids raise), else those its text names."""
    for d in q.domains:
        if d not in g.schema.concepts:
            raise QueryError(f"unknown concept {d!r}: use an id of ecosystem.ttl such as dom-cancer or axis-imaging")
    return sorted(set(q.domains)) if q.domains else _inferred(q.text, g.schema)


@functools.lru_cache(maxsize=256)
def _inferred(text: str, schema: Schema) -> list[str]:
    return infer_concepts(text, schema)


def _descendants(schema: Schema, cid: str) -> set[str]:
    return {c.id for c in schema.concepts.values() if cid in schema.ancestors(c.id)}


def features(g: RecGraph, q: RecQuery, weights: Weights | None = None) -> dict[str, dict[str, float]]:
    """Sparse features per name: {feature: {actor: value in [0, 1]}}; absent means 0.

    With `weights`, a feature of weight 0 is left empty (not computed).
    """
    skip_ra = weights is not None and not weights.resource_allocation
    exp = math.exp
    partners = [p for p in q.partners if p in g.actors]
    out: dict[str, dict[str, float]] = {}
    direct: dict[str, float] = defaultdict(float)
    cover: dict[str, float] = defaultdict(float)
    aa: dict[str, float] = defaultdict(float)
    share: dict[str, float] = defaultdict(float)
    salton: dict[str, float] = defaultdict(float)
    ra: dict[str, float] = defaultdict(float)
    n = len(partners)
    for s in partners:
        strength = g.strength(s)
        hops = []
        for z, w_sz in g.nbr_w.get(s, {}).items():
            direct[z] += w_sz
            cover[z] += 1.0 / n
            share[z] += w_sz / strength / n
            salton[z] += w_sz / math.sqrt(strength * g.strength(z)) / n
            dz = g.degree(z)
            if dz >= 2:
                hops.append((w_sz / math.log(1 + dz), w_sz / dz, z))
        if len(hops) > FANOUT:
            hops = heapq.nlargest(FANOUT, hops)
        for spread, flow, z in hops:
            if skip_ra:
                for c, w in g.strongest(z):
                    aa[c] += spread * w
                continue
            for c, w in g.strongest(z):
                aa[c] += spread * w
                ra[c] += flow * w
    out["direct"] = {a: 1.0 - exp(-v) for a, v in direct.items()}
    out["cover"] = dict(cover)
    out["share"] = dict(share)
    out["salton"] = dict(salton)
    out["resource_allocation"] = {a: 1.0 - exp(-2.0 * v) for a, v in ra.items()}
    out["adamic_adar"] = {a: 1.0 - exp(-0.5 * v) for a, v in aa.items()}
    links: dict[str, float] = defaultdict(float)
    for s in partners:
        for _, parent in g.links_out.get(s, ()):
            links[parent] += 1.0
            for _, sibling in g.links_in.get(parent, ()):
                links[sibling] += 0.5
        for _, child in g.links_in.get(s, ()):
            links[child] += 1.0
    out["links"] = {a: min(1.0, v) for a, v in links.items()}
    concepts = target_concepts(g, q)
    concept: dict[str, float] = defaultdict(float)
    if concepts:
        for t in concepts:
            near = set(g.schema.ancestors(t)) | _descendants(g.schema, t)
            hits: dict[str, float] = {}
            for c in near:
                for a in g.concept_holders.get(c, ()):
                    hits[a] = 0.5
            for a in g.concept_holders.get(t, ()):
                hits[a] = 1.0
            for a, v in hits.items():
                concept[a] += v / len(concepts)
    out["concept"] = {a: v for a, v in concept.items() if v > 0}
    out["text"] = g.text_scores(term_counts(q.text)) if q.text else {}
    stages_in = {g.stage_of[p] for p in partners}
    missing = [g.by_stage[stage] for stage in sorted(g.by_stage) if stage not in stages_in] if partners else []
    complement = dict.fromkeys(itertools.chain.from_iterable(missing), 0.5)
    if partners and concepts:
        held = set().union(*(g.concepts_of(p) for p in partners))
        lacking = [t for t in concepts if t not in held]
        for t in lacking:
            for a in g.concept_holders.get(t, ()):
                complement[a] = complement.get(a, 0.0) + 0.5 / len(lacking)
    out["complement"] = complement
    infos = [g.actors[s] for s in partners]
    geo: dict[str, float] = {}  # nearest level wins: region 0.3 < département 0.6 < city 1.0
    for pools, value in (
        ([g.by_region.get(i.region.lower(), ()) for i in infos if i.region], 0.3),
        ([g.by_dep.get(i.departement, ()) for i in infos if i.departement], 0.6),
        ([g.by_city.get(i.city.lower(), ()) for i in infos if i.city], 1.0),
    ):
        for pool in pools:
            geo.update(dict.fromkeys(pool, value))
    out["geo"] = geo
    return out


def _eligible(g: RecGraph, q: RecQuery) -> set[str] | None:
    """Candidates allowed by the constraints; None means every actor."""
    if not q.roles and not q.idf_only:
        return None
    return {a.id for a in g.actors.values() if (not q.roles or a.kind in q.roles) and (not q.idf_only or a.in_idf)}


def score_all(
    g: RecGraph, q: RecQuery, weights: Weights = DEFAULT_WEIGHTS
) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """Score every eligible candidate (partners and exclusions removed); also return the features."""
    feats = features(g, q, weights)
    prior = g.priors(weights.track, weights.recency, weights.idf)
    eligible = _eligible(g, q)
    if eligible is None:
        scores = dict(prior)
    else:
        scores = {a: prior[a] for a in eligible}
    for a in (*q.partners, *q.exclude):
        scores.pop(a, None)
    for name, values in feats.items():
        w = getattr(weights, name)
        if not w:
            continue
        for a, v in values.items():
            if a in scores:
                scores[a] += w * v
    return scores, feats


def score_top(
    g: RecGraph, q: RecQuery, weights: Weights = DEFAULT_WEIGHTS
) -> tuple[list[tuple[float, str]], dict[str, dict[str, float]]]:
    """The `q.top` best as (-score, id), like `top_k(score_all(...))`, with array arithmetic.

    Same additions in the same order as `score_all`, so the scores are equal to the last bit;
    only the bookkeeping runs in numpy, which keeps a warm query in milliseconds.
    """
    feats = features(g, q, weights)
    scores = g.prior_array(weights.track, weights.recency, weights.idf).copy()
    index = g.index
    for name, values in feats.items():
        w = getattr(weights, name)
        if not w or not values:
            continue
        idx = np.fromiter(map(index.__getitem__, values), dtype=np.intp, count=len(values))
        scores[idx] += w * np.fromiter(values.values(), dtype=np.float64, count=len(values))
    if q.roles or q.idf_only:
        scores[~g.eligible_mask(q.roles, q.idf_only)] = -np.inf
    for a in (*q.partners, *q.exclude):
        if a in index:
            scores[index[a]] = -np.inf
    k = min(q.top, int(np.isfinite(scores).sum()))
    if k <= 0:
        return [], feats
    threshold = scores[np.argpartition(-scores, k - 1)[:k]].min()
    best = sorted((-float(scores[i]), g.ids[i]) for i in np.nonzero(scores >= threshold)[0])
    return best[:k], feats


def top_k(scores: dict[str, float], k: int) -> list[tuple[float, str]]:
    """The k best as (-score, id), ties broken by id so results are the same on every run and store.

    Examples
    --------
    >>> top_k({"b": 1.0, "a": 1.0, "c": 2.0}, 2)
    [(-2.0, 'c'), (-1.0, 'a')]
    """
    if not scores or k <= 0:
        return []
    threshold = heapq.nlargest(k, scores.values())[-1]
    best = [(-s, a) for a, s in scores.items() if s >= threshold]
    best.sort()
    return best[:k]


# -- reasons -----------------------------------------------------------------------------------


def _name(g: RecGraph, aid: str) -> str:
    return g.actors[aid].name if aid in g.actors else aid


def _concept_name(g: RecGraph, cid: str) -> str:
    c = g.schema.concepts.get(cid)
    return c.name("en") if c else cid


def _broader_path(schema: Schema, child: str, ancestor: str) -> list[str] | None:
    """Concept ids from child up to ancestor along BROADER, both ends included."""
    todo = [[child]]
    while todo:
        path = todo.pop(0)
        if path[-1] == ancestor:
            return path
        todo.extend(path + [b] for b in schema.concepts[path[-1]].broader if b not in path)
    return None


def _concept_reason(g: RecGraph, aid: str, t: str) -> Reason | None:
    """Why `aid` fits concept t: a direct tag, a project addressing it, or a BROADER neighbour."""
    schema = g.schema
    candidates = [t] + schema.ancestors(t) + sorted(_descendants(schema, t))
    for c in candidates:
        rel = g.actor_tags.get(aid, {}).get(c)
        via_project = None
        if not rel:
            projects = sorted(
                (p for p in g.actor_projects.get(aid, ()) if c in g.project_tags.get(p, ())),
                key=lambda p: (-(g.projects[p].year or 0), p),
            )
            via_project = projects[0] if projects else None
            if via_project is None:
                continue
        facts: list[Fact] = []
        if rel:
            facts.append(Fact(aid, rel, c))
            how = f"tagged {_concept_name(g, c)}"
        else:
            assert via_project is not None
            facts += [Fact(aid, "PARTICIPATES_IN", via_project), Fact(via_project, "ADDRESSES", c)]
            how = f"took part in {g.projects[via_project].label}, which addresses {_concept_name(g, c)}"
        if c == t:
            return Reason("shared_concept", f"{how}, a theme of the brief", tuple(facts))
        up = _broader_path(schema, c, t)
        down = None if up else _broader_path(schema, t, c)
        path = up or down or []
        facts += [Fact(a, "BROADER", b) for a, b in zip(path, path[1:], strict=False)]
        relation = "narrower than" if up else "broader than"
        return Reason("concept_rollup", f"{how}, {relation} {_concept_name(g, t)} of the brief", tuple(facts))
    return None


def reasons_for(g: RecGraph, q: RecQuery, aid: str, feats: dict[str, dict[str, float]], limit: int = 6) -> list[Reason]:
    """Reasons for one suggestion, strongest evidence first; each names only graph facts."""
    out: list[Reason] = []
    partners = [p for p in q.partners if p in g.actors]
    info = g.actors[aid]
    for s in partners:
        for p in g.shared_projects(aid, s)[:2]:
            proj = g.projects[p]
            year = f" ({proj.year})" if proj.year else ""
            out.append(
                Reason(
                    "co_participation",
                    f"co-participated with {_name(g, s)} in {proj.label}{year}",
                    (Fact(aid, "PARTICIPATES_IN", p), Fact(s, "PARTICIPATES_IN", p)),
                )
            )
    if feats["adamic_adar"].get(aid, 0) > 0:
        best: tuple[float, str, str] | None = None
        mine = g.nbr_w.get(aid, {})
        for s in partners:
            theirs = g.nbr_w.get(s, {})
            for z in sorted(theirs.keys() & mine.keys()):
                if z == aid or z in partners:
                    continue
                cand = (theirs[z] * mine[z] / math.log(1 + g.degree(z)), s, z)
                if best is None or cand[0] > best[0]:
                    best = cand
        if best:
            _, s, z = best
            p1, p2 = g.shared_projects(aid, z)[0], g.shared_projects(s, z)[0]
            out.append(
                Reason(
                    "common_partner",
                    f"worked with {_name(g, z)} ({g.projects[p1].label}), a partner of {_name(g, s)} ({g.projects[p2].label})",
                    (
                        Fact(aid, "PARTICIPATES_IN", p1),
                        Fact(z, "PARTICIPATES_IN", p1),
                        Fact(z, "PARTICIPATES_IN", p2),
                        Fact(s, "PARTICIPATES_IN", p2),
                    ),
                )
            )
    for rel, parent in sorted(g.links_out.get(aid, ())):
        shared = [s for s in partners if (rel, parent) in g.links_out.get(s, ())]
        if shared:
            out.append(
                Reason(
                    "shared_link",
                    f"{rel.lower().replace('_', ' ')} {_name(g, parent)}, like {_name(g, shared[0])}",
                    (Fact(aid, rel, parent), Fact(shared[0], rel, parent)),
                )
            )
        elif parent in partners:
            out.append(Reason("link", f"{rel.lower().replace('_', ' ')} {_name(g, parent)}", (Fact(aid, rel, parent),)))
        elif rel == "SUPERVISED_BY":
            out.append(Reason("supervision", f"supervised by {_name(g, parent)}", (Fact(aid, rel, parent),)))
    for rel, child in sorted(g.links_in.get(aid, ())):
        if child in partners:
            out.append(
                Reason("link", f"{_name(g, child)} {rel.lower().replace('_', ' ')} it", (Fact(child, rel, aid),))
            )
    held = set().union(*(g.concepts_of(p) for p in partners)) if partners else None
    for t in target_concepts(g, q):
        r = _concept_reason(g, aid, t)
        if r and held is not None and r.code == "shared_concept" and t not in held:
            r = Reason(
                "fills_competence",
                r.text.replace("a theme of the brief", "a theme of the brief no partner covers"),
                r.facts,
            )
        if r:
            out.append(r)
    if feats["text"].get(aid, 0) > 0:
        q_terms = term_counts(q.text)
        scored = []
        for p in g.actor_projects.get(aid, ()):
            common = sorted(set(q_terms) & set(g.project_terms.get(p, ())))
            if common:
                scored.append((-len(common), -(g.projects[p].year or 0), p, common))
        if scored:
            _, _, p, common = min(scored)
            out.append(
                Reason(
                    "text_match",
                    f"project {g.projects[p].label} shares the brief's terms: {', '.join(common[:5])}",
                    (Fact(aid, "PARTICIPATES_IN", p),),
                )
            )
    if partners and info.kind and info.kind not in {g.actors[s].kind for s in partners}:
        kind = g.schema.kinds.get(info.kind)
        label = kind.name("en") if kind else info.kind
        wanted = " wanted" if info.kind in q.roles else ""
        out.append(
            Reason(
                "fills_role",
                f"fills the missing{wanted} {label.lower()} role",
                (Fact(aid, "@kind", info.kind),) + tuple(Fact(s, "@kind", g.actors[s].kind) for s in partners),
            )
        )
    elif not partners and info.kind in q.roles:
        out.append(Reason("fills_role", f"is a wanted {info.kind}", (Fact(aid, "@kind", info.kind),)))
    for s in partners:
        other = g.actors[s]
        if info.city and other.city and info.city.lower() == other.city.lower():
            out.append(
                Reason(
                    "geography",
                    f"in {info.city}, like {other.name}",
                    (Fact(aid, "@city", info.city), Fact(s, "@city", other.city)),
                )
            )
            break
        if info.departement and info.departement == other.departement:
            out.append(
                Reason(
                    "geography",
                    f"in département {info.departement}, like {other.name}",
                    (Fact(aid, "@departement", info.departement), Fact(s, "@departement", other.departement)),
                )
            )
            break
    projects = g.actor_projects.get(aid, set())
    if projects:
        latest = sorted(projects, key=lambda p: (-(g.projects[p].year or 0), p))[0]
        year = g.projects[latest].year
        out.append(
            Reason(
                "track_record",
                f"{len(projects)} project(s) in the graph, latest {g.projects[latest].label}"
                + (f" ({year})" if year else ""),
                (Fact(aid, "PARTICIPATES_IN", latest),),
            )
        )
    return _prioritised(out, limit)


_REASON_ORDER = (
    "co_participation",
    "fills_role",
    "fills_competence",
    "shared_concept",
    "concept_rollup",
    "common_partner",
    "link",
    "shared_link",
    "supervision",
    "text_match",
    "geography",
    "track_record",
)


def _prioritised(reasons: list[Reason], limit: int) -> list[Reason]:
    """Strongest kinds of evidence first, at most two of a kind, `limit` in all (0: no limit)."""
    seen: dict[str, int] = defaultdict(int)
    out = []
    for r in sorted(reasons, key=lambda r: _REASON_ORDER.index(r.code)):
        if seen[r.code] < 2:
            seen[r.code] += 1
            out.append(r)
    return out[:limit] if limit else out


# -- entry points ------------------------------------------------------------------------------


def recommend_in(g: RecGraph, q: RecQuery, weights: Weights = DEFAULT_WEIGHTS) -> list[Suggestion]:
    """Top suggestions with reasons, from a built index."""
    unknown = [p for p in q.partners if p not in g.actors]
    if unknown:
        raise QueryError(
            f"unknown partner id(s) {', '.join(unknown)}: resolve references with queries.actor_refs first"
        )
    for role in q.roles:
        if role not in g.schema.kinds:
            raise QueryError(f"unknown role {role!r}; allowed: {', '.join(sorted(g.schema.kinds))}")
    with g.lock:
        best, feats = score_top(g, q, weights)
        out = []
        for neg, aid in best:
            info = g.actors[aid]
            out.append(
                Suggestion(
                    actor=aid,
                    name=info.name,
                    kind=info.kind,
                    ids=dict(info.ids),
                    score=-neg,
                    reasons=tuple(reasons_for(g, q, aid, feats)),
                    features={k: round(v.get(aid, 0.0), 6) for k, v in feats.items()},
                )
            )
    return out


def recommend(
    store: GraphStore, q: RecQuery, *, weights: Weights = DEFAULT_WEIGHTS, schema: Schema | None = None
) -> list[Suggestion]:
    """Suggestions from a store: the index is read once, then cached until the graph changes."""
    g = cached_rec_graph(store, schema or load_schema())
    return recommend_in(g, q, weights)


def with_partners(q: RecQuery, partners: Iterable[str]) -> RecQuery:
    """The same brief with more partners in (used by the consortium builder)."""
    return replace(q, partners=tuple(dict.fromkeys([*q.partners, *partners])))
