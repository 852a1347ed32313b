"""Partner recommendation on the real consortia of ../shared/data: leave-one-out and time split.

Protocol
--------
- Data: ANR generic calls (partners), ANR PIA (partners, titles, abstracts), CORDIS H2020
  (participants, topics), read by a small loader below (same ids and kinds as the graph uses:
  RNSR id, else PIC, else the normalised name), projects tagged with the ontology concepts their
  text names (ADDRESSES).
- Leave-one-out: consortia with >= 3 partners; one partner (seeded draw) is hidden, the others
  and the project's text are the query. The whole project is taken out of the index for its own
  test case (`RecGraph.without_project`): its participations, its share of every
  co-participation weight, its text in each partner's TF-IDF profile, its tags, the partners'
  track record and recency. (Only the IDF table keeps the full corpus' document frequencies: it
  holds no partner information.) The index never reads COLLABORATES_WITH: proximity is derived
  from PARTICIPATES_IN, so no derived weight can leak the held-out participation. The hidden
  partner must still have another project (it must appear elsewhere in the graph).
- Time split: the index holds projects up to `--cutoff`; the queries are the later consortia.
- Ranking against every actor of the index (no sampled negatives); ties count half
  (expected rank under random tie-breaking). Hits@1, Hits@10, MRR for the hybrid scorer and the
  baselines popularity, common neighbours, Adamic–Adar and text-only, on the same cases.
- Weights: tuned by random search on a tuning sample disjoint from the test cases (LOO), then
  frozen for both splits; the defaults of `queries.recommend` are measured too.
- Latency: the same data loaded into the embedded store (FalkorDB) through the project's loader;
  `recommend(store, …)` warm (p50/p95 over the queries), and `carto recommend --batch`'s
  function on a JSONL file (queries per second).

Run: `python benchmarks/bench_recommend.py` (writes benchmarks/results/recommend.json); on a
shared machine, `nice python benchmarks/bench_recommend.py --no-latency` then
`python benchmarks/bench_recommend.py --latency-only` (merges the store timings in).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import platform
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.anr import ANR_CATEGORIES, PIA_CATEGORIES  # noqa: E402
from ingest.cordis import ACTIVITY_KINDS  # noqa: E402
from ingest.records import Batch, LinkRecord, NodeRecord, Origin  # noqa: E402
from ontology import Schema, load_schema  # noqa: E402
from queries.rec_graph import CHECK_INTERVAL_S, ActorInfo, ProjectInfo, RecGraph  # noqa: E402
from queries.rec_text import fold, infer_concepts, term_counts  # noqa: E402
from queries.recommend import DEFAULT_WEIGHTS, RecQuery, Weights, features, score_all  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "benchmarks" / "results" / "recommend.json"

_HOSPITAL = re.compile(r"\b(hopital|hospital|chu|ap-hp|assistance publique|centre hospitalier|hospices)\b")
_NO_NAME = {"", "non renseigne", "n/a", "-"}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:120]


@dataclass
class Corpus:
    """Actors, projects, participations and project tags read from the publishers' files."""

    actors: dict[str, ActorInfo] = field(default_factory=dict)
    projects: dict[str, tuple[ProjectInfo, str]] = field(default_factory=dict)
    parts: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    tags: list[tuple[str, str, str]] = field(default_factory=list)
    by_name: dict[str, str] = field(default_factory=dict)
    source: dict[str, str] = field(default_factory=dict)

    def actor(self, aid: str, name: str, kind: str, **kw: str | None) -> str:
        if aid not in self.actors:
            if _HOSPITAL.search(fold(name)):
                kind = "hospital"
            self.actors[aid] = ActorInfo(aid, name, kind, **kw)  # type: ignore[arg-type]
            self.by_name.setdefault(_slug(name), aid)
        return aid


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(fh, delimiter=";")]


def read_corpus(data: Path, schema: Schema) -> Corpus:
    c = Corpus()
    # ANR generic calls: RNSR id when known, else the normalised name
    for r in _rows(data / "anr" / "anr-dos-depuis-2010-projets-finances-partenaires.csv"):
        code, name = r["Projet.Code_Decision_ANR"], r["Projet.Partenaire.Nom_organisme"]
        if not code or fold(name) in _NO_NAME:
            continue
        parts = code.split("-")
        pid = "anr:" + code.lower()
        if pid not in c.projects:
            year = 2000 + int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else None
            call = parts[2] if len(parts) > 2 else ""
            text = f"{r['Projet.Acronyme']} anr-{call.lower()}"
            c.projects[pid] = (ProjectInfo(pid, r["Projet.Acronyme"] or code, year, r["Projet.Acronyme"]), text)
            c.source[pid] = "anr"
        rnsr = r["Projet.Partenaire.Code_RNSR"]
        aid = f"rnsr:{rnsr.lower()}" if rnsr else f"org:{_slug(name)}"
        kind = ANR_CATEGORIES.get(r["Projet.Partenaire.Categorie_organisme"], "research_org")
        region = r["Projet.Partenaire.Adresse.Region"]
        c.actor(
            aid,
            name,
            kind,
            city=r["Projet.Partenaire.Adresse.Ville"] or None,
            region=None if fold(region) in _NO_NAME else region,
            country=r["Projet.Partenaire.Adresse.Pays"] or None,
            ids=(("rnsr", rnsr),) if rnsr else (),
        )  # type: ignore[arg-type]
        c.parts[pid][aid] = "coordinator" if r["Projet.Partenaire.Est_coordinateur"] == "True" else "partner"
    # ANR PIA: titles and abstracts; partners by name (joined to the generic-call actors by name)
    pia = {
        r["Projet.Code_Decision_ANR"]: r
        for r in _rows(data / "anr" / "anr-dgpie-depuis-2010-projets-finances-projets.csv")
    }
    for r in _rows(data / "anr" / "anr-dgpie-depuis-2010-projets-finances-partenaires.csv"):
        code, name = r["Projet.Code_Decision_ANR"], r["Projet.Partenaire.Nom_organisme"]
        if not code or fold(name) in _NO_NAME:
            continue
        pid = "anr:" + code.lower()
        if pid not in c.projects:
            p = pia.get(code, {})
            edition = r.get("Action.Edition") or p.get("Action.Edition") or ""
            year = int(edition) if edition.isdigit() else None
            title = p.get("Projet.Titre.Francais") or r["Projet.Acronyme"]
            text = " ".join(
                [r["Projet.Acronyme"], title, p.get("Projet.Resume.Francais", ""), p.get("Action.Titre.Francais", "")]
            )
            c.projects[pid] = (ProjectInfo(pid, r["Projet.Acronyme"] or code, year, title), text)
            c.source[pid] = "anr-pia"
        aid = c.by_name.get(_slug(name)) or f"org:{_slug(name)}"
        region = r["Projet.Partenaire.Adresse.Region"]
        c.actor(
            aid,
            name,
            PIA_CATEGORIES.get(r["Projet.Partenaire.Categorie_organisme"], "research_org"),
            city=r["Projet.Partenaire.Adresse.Ville"] or None,
            region=None if fold(region) in _NO_NAME else region,
            country=r["Projet.Partenaire.Adresse.Pays"] or None,
        )
        c.parts[pid][aid] = "coordinator" if r["Projet.Partenaire.Est_coordinateur"] == "True" else "partner"
    # CORDIS H2020: PIC ids, topic code and title as the text, year from the topic code
    topics = {r["projectID"]: r for r in _rows(data / "cordis" / "topics.csv")}
    for r in _rows(data / "cordis" / "organization.csv"):
        pid = "h2020:" + r["projectID"]
        if pid not in c.projects:
            t = topics.get(r["projectID"], {})
            m = re.search(r"20\d\d", t.get("topic", ""))
            text = " ".join([r["projectAcronym"], t.get("topic", "").replace("-", " "), t.get("title", "")])
            c.projects[pid] = (
                ProjectInfo(pid, r["projectAcronym"], int(m.group()) if m else None, t.get("title")),
                text,
            )
            c.source[pid] = "cordis"
        sme = r["activityType"] == "PRC" and r["SME"] == "True"
        kind = "sme" if sme else ACTIVITY_KINDS.get(r["activityType"], "research_org")
        post = r["postCode"].replace(" ", "")
        dep = post[:2] if r["country"] == "FR" and len(post) == 5 and post.isdigit() else None
        aid = c.by_name.get(_slug(r["name"])) if r["country"] == "FR" else None
        aid = aid or f"pic:{r['organisationID']}"
        c.actor(
            aid,
            r["name"],
            kind,
            city=r["city"].title() or None,
            departement=dep,
            country=r["country"] or None,
            ids=(("pic", r["organisationID"]),),
        )  # type: ignore[arg-type]
        c.parts[pid][aid] = r["role"] or "participant"
    for pid, (_, text) in c.projects.items():
        for concept in infer_concepts(text, schema):
            c.tags.append((pid, "ADDRESSES", concept))
    return c


def build_graph(
    c: Corpus, schema: Schema, keep: set[str] | None = None, ref_year: int | None = None, half_life: float = 5.0
) -> RecGraph:
    projects = {p: v for p, v in c.projects.items() if keep is None or p in keep}
    parts = [(a, p, role) for p, members in c.parts.items() if p in projects for a, role in members.items()]
    tags = [t for t in c.tags if t[0] in projects]
    return RecGraph(c.actors.values(), projects, parts, tags, [], schema, ref_year=ref_year, half_life=half_life)


# -- evaluation --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    project: str
    hidden: str
    given: tuple[str, ...]
    text: str


def expected_rank(scores: dict[str, float], target: str) -> float:
    """1 + candidates scoring higher + half of those tied (random tie-breaking on average)."""
    s = scores.get(target, float("-inf"))
    higher = sum(1 for v in scores.values() if v > s)
    tied = sum(1 for v in scores.values() if v == s) - (1 if target in scores else 0)
    return 1 + higher + tied / 2


def baseline_scores(g: RecGraph, q: RecQuery, name: str) -> dict[str, float]:
    skip = set(q.partners)
    pool = {a: 0.0 for a in g.actors if a not in skip}
    if name == "popularity":
        for a in pool:
            pool[a] = len(g.actor_projects.get(a, ()))
        return pool
    if name == "text_only":
        for a, v in g.text_scores(term_counts(q.text)).items():
            if a in pool:
                pool[a] = v
        return pool
    for s in q.partners:
        for z in g.nbr_n.get(s, {}):
            dz = g.degree(z)
            inc = 1.0 if name == "common_neighbours" else (1.0 / math.log(dz) if dz > 1 else 0.0)
            for c in g.nbr_n[z]:
                if c in pool and c != s:
                    pool[c] += inc
    return pool


METHODS = ("hybrid", "hybrid_defaults", "popularity", "common_neighbours", "adamic_adar", "text_only")


def evaluate(g: RecGraph, cases: list[Case], weights: Weights, *, loo: bool, methods=METHODS) -> dict:
    ranks: dict[str, list[float]] = {m: [] for m in methods}
    for case in cases:
        q = RecQuery(text=case.text, partners=tuple(p for p in case.given if p in g.actors), top=10)
        ctx = g.without_project(case.project) if loo else _null()
        with ctx:
            if loo and not g.actor_projects.get(case.hidden):
                raise AssertionError(f"{case.hidden} has no other project: the case should have been filtered")
            for m in methods:
                if m == "hybrid":
                    scores = score_all(g, q, weights)[0]
                elif m == "hybrid_defaults":
                    scores = score_all(g, q, DEFAULT_WEIGHTS)[0]
                else:
                    scores = baseline_scores(g, q, m)
                ranks[m].append(expected_rank(scores, case.hidden))
    return {m: _metrics(r) for m, r in ranks.items()}


class _null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _metrics(ranks: list[float]) -> dict:
    n = len(ranks) or 1
    return {
        "cases": len(ranks),
        "hits@1": round(sum(r <= 1 for r in ranks) / n, 4),
        "hits@10": round(sum(r <= 10 for r in ranks) / n, 4),
        "mrr": round(sum(1 / r for r in ranks) / n, 4),
        "median_rank": statistics.median(ranks) if ranks else None,
    }


def loo_cases(c: Corpus, g: RecGraph, rng: random.Random) -> list[Case]:
    out = []
    for pid in sorted(c.parts):
        members = sorted(c.parts[pid])
        if len(members) < 3:
            continue
        eligible = [a for a in members if len(g.actor_projects.get(a, ())) >= 2]
        if not eligible:
            continue
        hidden = rng.choice(eligible)
        out.append(Case(pid, hidden, tuple(a for a in members if a != hidden), c.projects[pid][1]))
    return out


def time_cases(c: Corpus, g: RecGraph, cutoff: int, rng: random.Random) -> list[Case]:
    out = []
    for pid in sorted(c.parts):
        year = c.projects[pid][0].year
        members = sorted(c.parts[pid])
        if year is None or year <= cutoff or len(members) < 3:
            continue
        eligible = [a for a in members if g.actor_projects.get(a)]
        if not eligible:
            continue
        hidden = rng.choice(eligible)
        out.append(Case(pid, hidden, tuple(a for a in members if a != hidden), c.projects[pid][1]))
    return out


class FastTuner:
    """Features of every tuning case computed once (with its project taken out); weights scored in numpy.

    The hybrid score is linear in its weights, so a weight vector's ranks need only a few vector
    operations per case; the test cases are then scored by the real `score_all`.
    """

    def __init__(self, g: RecGraph, cases: list[Case]) -> None:
        import numpy as np

        self.np = np
        self.ids = sorted(g.actors)
        idx = {a: i for i, a in enumerate(self.ids)}
        self.names = [f.name for f in fields(Weights) if f.name not in ("track", "recency", "idf")]
        self.track, self.recency, self.idf = (
            np.array(v, dtype=np.float64) for v in zip(*(self._dense(g, a) for a in self.ids), strict=True)
        )
        self.cases = []
        for case in cases:
            q = RecQuery(text=case.text, partners=tuple(p for p in case.given if p in g.actors))
            with g.without_project(case.project):
                feats = features(g, q)
                over = [(idx[a], *self._dense(g, a)) for a in g.members[case.project]]
            sparse = {
                name: (
                    np.fromiter((idx[a] for a in feats[name]), dtype=np.int32, count=len(feats[name])),
                    np.fromiter(feats[name].values(), dtype=np.float64, count=len(feats[name])),
                )
                for name in self.names
                if feats.get(name)
            }
            skip = np.array([idx[p] for p in q.partners], dtype=np.int32)
            self.cases.append((idx[case.hidden], skip, over, sparse))

    @staticmethod
    def _dense(g: RecGraph, aid: str) -> tuple[float, float, float]:
        last = g.last_year.get(aid)
        return (
            g.prior_track.get(aid, 0.0) / g.track_scale,
            g.decay(last) if last is not None else 0.0,
            1.0 if g.actors[aid].in_idf else 0.0,
        )

    def ranks(self, w: Weights) -> list[float]:
        np = self.np
        base = w.track * self.track + w.recency * self.recency + w.idf * self.idf
        out = []
        for hidden, skip, over, sparse in self.cases:
            s = base.copy()
            for i, t, r, f in over:
                s[i] = w.track * t + w.recency * r + w.idf * f
            for name, (ix, vals) in sparse.items():
                weight = getattr(w, name)
                if weight:
                    np.add.at(s, ix, weight * vals)
            s[skip] = -np.inf
            h = s[hidden]
            out.append(1 + float((s > h).sum()) + (float((s == h).sum()) - 1) / 2)
        return out

    def objective(self, w: Weights) -> float:
        m = _metrics(self.ranks(w))
        return m["hits@10"] + m["mrr"]


def tune(g: RecGraph, cases: list[Case], rounds: int) -> tuple[Weights, dict]:
    """Coordinate search over each weight (x0, x0.25, x0.5, x2, x4, or 0.5 if it was 0), `rounds` passes."""
    tuner = FastTuner(g, cases)
    best, best_obj = DEFAULT_WEIGHTS, tuner.objective(DEFAULT_WEIGHTS)
    start = best_obj
    for _ in range(rounds):
        improved = False
        for f in fields(Weights):
            current = getattr(best, f.name)
            for value in sorted(
                {0.0, current * 0.25, current * 0.5, current * 2, current * 4, 0.5 if current == 0 else current}
            ):
                trial = replace(best, **{f.name: round(value, 4)})
                obj = tuner.objective(trial)
                if obj > best_obj + 1e-9:
                    best, best_obj, improved = trial, obj, True
        if not improved:
            break
    return best, {
        "objective": "hits@10 + mrr",
        "defaults": round(start, 4),
        "tuned": round(best_obj, 4),
        **_metrics(tuner.ranks(best)),
    }


# -- latency -----------------------------------------------------------------------------------


def to_batch(c: Corpus) -> Batch:
    b = Batch(source="bench-recommend")
    origin = Origin("bench-recommend", "bench", 0, "bench")
    for a in c.actors.values():
        props = {
            "name": a.name,
            "kind": a.kind,
            "city": a.city,
            "region": a.region,
            "country": a.country,
            "departement": a.departement,
            **dict(a.ids),
        }
        b.nodes.append(NodeRecord("Actor", a.id, {k: v for k, v in props.items() if v}, origin))
    for pid, (info, text) in c.projects.items():
        props = {
            "title": info.title or info.label,
            "acronym": info.label,
            "programme": c.source[pid],
            "year": info.year,
            "abstract": text,
        }
        b.nodes.append(NodeRecord("Project", pid, {k: v for k, v in props.items() if v}, origin))
    for pid, members in c.parts.items():
        year = c.projects[pid][0].year
        for aid, role in members.items():
            props = {"role": role, "year": year} if year else {"role": role}
            b.links.append(LinkRecord("PARTICIPATES_IN", "Actor", aid, "Project", pid, props, origin))
    schema = load_schema()
    for pid, _, concept in c.tags:
        label = schema.concepts[concept].label
        b.links.append(LinkRecord("ADDRESSES", "Project", pid, label, concept, {}, origin))
    return b


def latency(c: Corpus, cases: list[Case], schema: Schema, store_dir: Path | None) -> dict:
    from cli.recommend_cmd import _run_batch
    from graph.falkordb_store import FalkorDBStore
    from ingest import concept_batch, load_batch
    from queries import run_named
    from queries.actor_refs import resolve_ref_ids
    from queries.recommend import recommend

    tmp = Path(tempfile.mkdtemp(prefix="rec", dir=store_dir or "/tmp"))
    store = FalkorDBStore(tmp / "g")
    try:
        store.apply_schema(schema)
        t0 = time.perf_counter()
        load_batch(store, concept_batch(schema), schema)
        report = load_batch(store, to_batch(c), schema)
        load_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        recommend(store, RecQuery(text="warm-up"))
        index_s = time.perf_counter() - t0
        loaded = {r["id"] for r in run_named(store, "rec_actors").rows}  # quarantined rows are not in the store
        cases = [replace(c, given=tuple(a for a in c.given if a in loaded)) for c in cases]
        for case in cases[:20]:  # warm the server's caches too
            recommend(store, RecQuery(text=case.text, partners=case.given, top=10))
        load_before = os.getloadavg()
        server_cpu0 = _proc_cpu_s(store.server_pid)
        times, cpu, resolve = [], [], []
        for case in cases:
            t0, c0 = time.perf_counter(), time.process_time()
            partners = tuple(resolve_ref_ids(store, list(case.given)))
            t1 = time.perf_counter()
            recommend(store, RecQuery(text=case.text, partners=partners, top=10))
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            resolve.append((t1 - t0) * 1000)
        server_cpu = (_proc_cpu_s(store.server_pid) - server_cpu0) * 1000 / max(1, len(cases))
        load_after = os.getloadavg()
        fingerprint = []
        for _ in range(10):
            t0 = time.perf_counter()
            run_named(store, "rec_fingerprint")
            fingerprint.append((time.perf_counter() - t0) * 1000)
        times.sort()
        cpu.sort()
        jsonl = tmp / "batch.jsonl"
        with jsonl.open("w", encoding="utf-8") as fh:
            for i, case in enumerate(cases):
                fh.write(json.dumps({"id": i, "text": case.text, "with": list(case.given), "top": 10}) + "\n")
        t0, c0 = time.perf_counter(), time.process_time()
        failures = _run_batch(store, jsonl, tmp / "out.jsonl")
        batch_s, batch_cpu = time.perf_counter() - t0, time.process_time() - c0
        return {
            "store": "falkordb (embedded)",
            "load_seconds": round(load_s, 1),
            "loaded": {
                "nodes": dict(report.nodes_created),
                "links": dict(report.links_created),
                "quarantined": len(report.quarantine),
            },
            "index_build_seconds": round(index_s, 2),
            "queries": len(times),
            "p50_ms": round(times[len(times) // 2], 1),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
            "max_ms": round(times[-1], 1),
            "client_cpu_p50_ms": round(cpu[len(cpu) // 2], 1),
            "client_cpu_p95_ms": round(cpu[int(len(cpu) * 0.95) - 1], 1),
            "server_cpu_mean_ms": round(server_cpu, 1),
            "resolve_refs_p50_ms": round(statistics.median(resolve), 1),
            "staleness_check_ms": round(statistics.median(fingerprint), 1),
            "staleness_check_every_s": CHECK_INTERVAL_S,
            "load_average_1min": {"before": round(load_before[0], 2), "after": round(load_after[0], 2)},
            "cpus": os.cpu_count(),
            "batch_queries": len(cases),
            "batch_failures": failures,
            "batch_queries_per_s": round(len(cases) / batch_s, 1),
            "batch_queries_per_cpu_s": round(len(cases) / batch_cpu, 1),
        }
    finally:
        store.close()
        shutil.rmtree(tmp, ignore_errors=True)


def _proc_cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process (the embedded server), from /proc."""
    fields_ = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields_[11]) + int(fields_[12])) / os.sysconf("SC_CLK_TCK")


# -- main --------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cases", type=int, default=1000, help="LOO test cases (sampled, seeded)")
    ap.add_argument("--tune-cases", type=int, default=300)
    ap.add_argument("--tune-rounds", type=int, default=3)
    ap.add_argument("--cutoff", type=int, default=2018)
    ap.add_argument("--latency-queries", type=int, default=200)
    ap.add_argument("--no-latency", action="store_true")
    ap.add_argument(
        "--latency-only",
        action="store_true",
        help="only the store part (run it un-niced); merged into --out if it exists",
    )
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()

    schema = load_schema()
    t0 = time.perf_counter()
    corpus = read_corpus(args.data, schema)
    g = build_graph(corpus, schema)
    build_s = time.perf_counter() - t0
    print(
        f"corpus: {len(corpus.actors)} actors, {len(corpus.projects)} projects, "
        f"{sum(len(m) for m in corpus.parts.values())} participations ({build_s:.1f} s)",
        file=sys.stderr,
    )
    rng = random.Random(args.seed)
    all_loo = loo_cases(corpus, g, rng)
    rng.shuffle(all_loo)
    tune_cases, test_cases = all_loo[: args.tune_cases], all_loo[args.tune_cases : args.tune_cases + args.cases]
    if args.latency_only:
        measured = latency(corpus, test_cases[: args.latency_queries], schema, None)
        print(json.dumps(measured, indent=2), file=sys.stderr)
        if args.out.exists():  # merge into the accuracy run's results
            result = json.loads(args.out.read_text(encoding="utf-8"))
            result["latency"] = measured
            args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            print(f"updated {args.out}", file=sys.stderr)
        return
    t0 = time.perf_counter()
    weights, tuning = tune(g, tune_cases, args.tune_rounds)
    print(f"tuning ({time.perf_counter() - t0:.0f} s): {tuning} {weights}", file=sys.stderr)
    t0 = time.perf_counter()
    loo = evaluate(g, test_cases, weights, loo=True)
    print(f"LOO ({time.perf_counter() - t0:.0f} s): {json.dumps(loo)}", file=sys.stderr)

    keep = {p for p, (info, _) in corpus.projects.items() if info.year is not None and info.year <= args.cutoff}
    g_time = build_graph(corpus, schema, keep, ref_year=args.cutoff)
    t_cases = time_cases(corpus, g_time, args.cutoff, random.Random(args.seed + 2))
    rng.shuffle(t_cases)
    t_cases = t_cases[: args.cases]
    split = evaluate(g_time, t_cases, weights, loo=False)
    print(f"time split: {json.dumps(split)}", file=sys.stderr)

    result = {
        "benchmark": "recommend",
        "dataset": {
            "files": [
                "anr/anr-dos-depuis-2010-projets-finances-partenaires.csv",
                "anr/anr-dgpie-depuis-2010-projets-finances-partenaires.csv",
                "anr/anr-dgpie-depuis-2010-projets-finances-projets.csv",
                "cordis/organization.csv",
                "cordis/topics.csv",
            ],
            "actors": len(corpus.actors),
            "projects": len(corpus.projects),
            "participations": sum(len(m) for m in corpus.parts.values()),
            "projects_by_source": dict(Counter(corpus.source.values())),
            "loo_eligible_consortia": len(all_loo),
        },
        "parameters": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "weights_tuned": asdict(weights),
        "weights_default": asdict(DEFAULT_WEIGHTS),
        "tuning": {"cases": len(tune_cases), **tuning},
        "leave_one_out": loo,
        "time_split": {"cutoff_year": args.cutoff, "graph_projects": len(keep), **split},
        "ratio_hits10_vs_adamic_adar": {
            "leave_one_out": _ratio(loo["hybrid"]["hits@10"], loo["adamic_adar"]["hits@10"]),
            "time_split": _ratio(split["hybrid"]["hits@10"], split["adamic_adar"]["hits@10"]),
        },
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
        },
    }
    if not args.no_latency:
        lat_cases = [c for c in test_cases[: args.latency_queries]]
        result["latency"] = latency(corpus, lat_cases, schema, None)
        print(f"latency: {json.dumps(result['latency'])}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


if __name__ == "__main__":
    main()
