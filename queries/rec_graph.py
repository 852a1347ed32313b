"""The recommender's in-memory index: co-participation graph, TF-IDF postings and tags, from Cypher rows.

The store is read once (the `rec_*` queries) into plain dicts; every recommendation then runs in
memory, so a warm query costs milliseconds. Every derived weight (co-participation weights, term
counts, track record) is kept by adding or removing one project at a time, so an evaluation can
take a project out (`without_project`) and get exactly the index the graph would give without it.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from graph import GraphStore
from ontology import Schema
from queries.library import run_named
from queries.rec_text import term_counts, tokens

__all__ = [
    "ACTOR_TAG_RELS",
    "EXTERNAL_IDS",
    "ActorInfo",
    "ProjectInfo",
    "RecGraph",
    "fetch_rec_graph",
    "cached_rec_graph",
    "clear_cache",
    "CHECK_INTERVAL_S",
]

ACTOR_TAG_RELS = ("WORKS_ON", "CONTRIBUTES_TO", "USES_TECHNOLOGY", "IN_SECTOR", "TARGETS_MARKET")
EXTERNAL_IDS = ("rnsr", "siren", "pic", "finess", "ror")
IDF_DEPARTEMENTS = frozenset({"75", "77", "78", "91", "92", "93", "94", "95"})
_ROW_CAP = 10_000_000
TEXT_NORM_POWER = 0.5
FANOUT = 200


def _year(value: Any) -> int | None:
    try:
        return int(str(value)[:4]) if value not in (None, "") else None
    except ValueError:
        return None


@dataclass(frozen=True)
class ActorInfo:
    """What a suggestion shows of an actor, and what geography and roles compare."""

    id: str
    name: str
    kind: str
    departement: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    ids: tuple[tuple[str, str], ...] = ()

    @property
    def in_idf(self) -> bool:
        """In Île-de-France by département or region name."""
        if self.departement and self.departement in IDF_DEPARTEMENTS:
            return True
        return bool(self.region) and "le-de-france" in self.region.lower()


@dataclass(frozen=True)
class ProjectInfo:
    id: str
    label: str
    year: int | None
    title: str | None = None


class RecGraph:
    """Co-participation graph plus text and tag indexes, with add/remove of one project.

    Parameters
    ----------
    actors : iterable of ActorInfo
    projects : mapping of project id to (ProjectInfo, project text)
    participations : iterable of (actor id, project id, role)
    tags : iterable of (subject id, relationship type, concept id)
    links : iterable of (source actor, relationship type, target actor)
    schema : Schema
        For the BROADER roll-up of concepts.
    ref_year : int, optional
        The year recency is measured from (default: the latest project year).
    half_life : float, default 5.0
        Years after which a co-participation counts half.
    """

    def __init__(
        self,
        actors: Iterable[ActorInfo],
        projects: Mapping[str, tuple[ProjectInfo, str]],
        participations: Iterable[tuple[str, str, str | None]],
        tags: Iterable[tuple[str, str, str]],
        links: Iterable[tuple[str, str, str]],
        schema: Schema,
        *,
        ref_year: int | None = None,
        half_life: float = 5.0,
    ) -> None:
        self.schema = schema
        self.lock = threading.RLock()
        self.actors: dict[str, ActorInfo] = {a.id: a for a in actors}
        self.ids: list[str] = sorted(self.actors)
        self.index: dict[str, int] = {a: i for i, a in enumerate(self.ids)}
        self._prior_arrays: dict[tuple[float, float, float], np.ndarray] = {}
        self._masks: dict[tuple[tuple[str, ...], bool], np.ndarray] = {}
        self.projects: dict[str, ProjectInfo] = {pid: info for pid, (info, _) in projects.items()}
        self.project_terms: dict[str, Counter[str]] = {pid: term_counts(text) for pid, (_, text) in projects.items()}
        self.members: dict[str, dict[str, str | None]] = defaultdict(dict)
        for actor, project, role in participations:
            if actor in self.actors and project in self.projects:
                self.members[project][actor] = role
        years = [p.year for p in self.projects.values() if p.year]
        self.ref_year = ref_year or (max(years) if years else 2025)
        self.half_life = half_life
        # direct tags and organisational links never change with a project
        self.actor_tags: dict[str, dict[str, str]] = defaultdict(dict)
        self.project_tags: dict[str, set[str]] = defaultdict(set)
        for subject, rel, concept in tags:
            if rel == "ADDRESSES":
                self.project_tags[subject].add(concept)
            elif subject in self.actors:
                self.actor_tags[subject][concept] = rel
        self.links_out: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.links_in: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for src, rel, dst in links:
            if src in self.actors and dst in self.actors:
                self.links_out[src].append((rel, dst))
                self.links_in[dst].append((rel, src))
        self.by_city: dict[str, set[str]] = defaultdict(set)
        self.by_dep: dict[str, set[str]] = defaultdict(set)
        self.by_region: dict[str, set[str]] = defaultdict(set)
        for a in self.actors.values():
            if a.city:
                self.by_city[a.city.lower()].add(a.id)
            if a.departement:
                self.by_dep[a.departement].add(a.id)
            if a.region:
                self.by_region[a.region.lower()].add(a.id)
        # derived, maintained by _apply
        self.actor_projects: dict[str, set[str]] = defaultdict(set)
        self.nbr_w: dict[str, dict[str, float]] = defaultdict(dict)
        self.nbr_n: dict[str, Counter[str]] = defaultdict(Counter)
        self.actor_tf: dict[str, Counter[str]] = defaultdict(Counter)
        self.postings: dict[str, dict[str, int]] = defaultdict(dict)
        self.df: Counter[str] = Counter()
        self.proj_concepts: dict[str, Counter[str]] = defaultdict(Counter)
        self.concept_holders: dict[str, set[str]] = defaultdict(set)
        self._strength: dict[str, float] = {}
        self._strongest: dict[str, list[tuple[str, float]]] = {}
        for a in self.actors.values():
            name_terms = Counter(tokens(a.name))
            for term, n in name_terms.items():
                self.actor_tf[a.id][term] += n
                self.postings[term][a.id] = self.actor_tf[a.id][term]
            for concept in self.actor_tags.get(a.id, {}):
                self.concept_holders[concept].add(a.id)
        for pid in self.members:
            self._apply(pid, +1, refresh=False)
        self.idf: dict[str, float] = {}
        self._refresh_idf()
        self.norm: dict[str, float] = {}
        self.prior_track: dict[str, float] = {}
        self.last_year: dict[str, int | None] = {}
        self._priors: dict[tuple[float, float, float], dict[str, float]] = {}
        for aid in self.actors:
            self._refresh_actor(aid)
        self.track_scale = max(self.prior_track.values(), default=1.0) or 1.0
        self.stage_of = {
            a.id: (schema.kinds[a.kind].stage if a.kind in schema.kinds else "support") for a in self.actors.values()
        }
        self.by_stage: dict[str, set[str]] = defaultdict(set)
        for aid, stage in self.stage_of.items():
            self.by_stage[stage].add(aid)

    # -- derived weights ---------------------------------------------------------------------
    def decay(self, year: int | None) -> float:
        """Recency weight of a fact of `year`: 1 this year, 1/2 after `half_life` years."""
        if year is None:
            return 0.5
        return 0.5 ** (max(0, self.ref_year - year) / self.half_life)

    def _refresh_idf(self) -> None:
        n = max(1, len(self.members))
        self.idf = {t: math.log((n + 1) / (d + 1)) + 1.0 for t, d in self.df.items() if d > 0}
        self._default_idf = math.log(n + 1) + 1.0

    def term_idf(self, term: str) -> float:
        return self.idf.get(term, self._default_idf)

    def _refresh_actor(self, aid: str) -> None:
        tf = self.actor_tf.get(aid)
        total = 0.0
        if tf:
            for term, n in tf.items():
                w = (1.0 + math.log(n)) * self.term_idf(term)
                total += w * w
        self.norm[aid] = math.sqrt(total) or 1.0
        projects = self.actor_projects.get(aid) or ()
        self.prior_track[aid] = math.log1p(len(projects))
        years = [y for y in (self.projects[p].year for p in projects) if y is not None]
        self.last_year[aid] = max(years) if years else None
        for key, values in self._priors.items():
            values[aid] = self._prior_value(aid, key)
        for key, array in self._prior_arrays.items():
            array[self.index[aid]] = self._prior_value(aid, key)

    def _prior_value(self, aid: str, key: tuple[float, float, float]) -> float:
        track, recency, idf = key
        last = self.last_year.get(aid)
        return (
            track * self.prior_track.get(aid, 0.0) / self.track_scale
            + (recency * self.decay(last) if last is not None else 0.0)
            + (idf if self.actors[aid].in_idf else 0.0)
        )

    def prior_array(self, track: float, recency: float, idf: float) -> np.ndarray:
        """`priors` as an array in `ids` order (cached, kept up to date; do not mutate)."""
        key = (track, recency, idf)
        array = self._prior_arrays.get(key)
        if array is None:
            if len(self._prior_arrays) >= 4:
                self._prior_arrays.clear()
            values = self.priors(track, recency, idf)
            array = self._prior_arrays[key] = np.fromiter(
                (values[a] for a in self.ids), dtype=np.float64, count=len(self.ids)
            )
        return array

    def eligible_mask(self, roles: tuple[str, ...], idf_only: bool) -> np.ndarray:
        """Boolean array in `ids` order: actors of one of `roles` (any if empty), in Île-de-France if asked."""
        key = (tuple(sorted(roles)), idf_only)
        mask = self._masks.get(key)
        if mask is None:
            wanted = set(roles)
            mask = self._masks[key] = np.fromiter(
                (
                    (not wanted or self.actors[a].kind in wanted) and (not idf_only or self.actors[a].in_idf)
                    for a in self.ids
                ),
                dtype=bool,
                count=len(self.ids),
            )
        return mask

    def priors(self, track: float, recency: float, idf: float) -> dict[str, float]:
        """Query-independent part of every actor's score (track record, recency, Île-de-France), cached.

        Kept up to date by `without_project`; do not mutate the returned dict.
        """
        key = (track, recency, idf)
        values = self._priors.get(key)
        if values is None:
            if len(self._priors) >= 4:
                self._priors.clear()
            values = self._priors[key] = {aid: self._prior_value(aid, key) for aid in self.actors}
        return values

    def _apply(self, pid: str, sign: int, *, refresh: bool = True) -> None:
        """Add (+1) or remove (-1) one project's contribution to every derived weight."""
        members = list(self.members.get(pid, {}))
        w = self.decay(self.projects[pid].year)
        for a in members:
            self._strength.pop(a, None)
            self._strongest.pop(a, None)
        terms = self.project_terms.get(pid, Counter())
        for term in terms:
            self.df[term] += sign
        for a in members:
            if sign > 0:
                self.actor_projects[a].add(pid)
            else:
                self.actor_projects[a].discard(pid)
            for b in members:
                if a == b:
                    continue
                n = self.nbr_n[a][b] + sign
                if n <= 0:
                    self.nbr_n[a].pop(b, None)
                    self.nbr_w[a].pop(b, None)
                else:
                    self.nbr_n[a][b] = n
                    self.nbr_w[a][b] = self.nbr_w[a].get(b, 0.0) + sign * w
            tf = self.actor_tf[a]
            for term, n in terms.items():
                value = tf[term] + sign * n
                if value <= 0:
                    tf.pop(term, None)
                    self.postings[term].pop(a, None)
                else:
                    tf[term] = value
                    self.postings[term][a] = value
            for concept in self.project_tags.get(pid, ()):
                value = self.proj_concepts[a][concept] + sign
                if value <= 0:
                    self.proj_concepts[a].pop(concept, None)
                    if concept not in self.actor_tags.get(a, {}):
                        self.concept_holders[concept].discard(a)
                else:
                    self.proj_concepts[a][concept] = value
                    self.concept_holders[concept].add(a)
        if refresh:
            for a in members:
                self._refresh_actor(a)

    @contextmanager
    def without_project(self, pid: str) -> Iterator[None]:
        """The index as if project `pid` were not in the graph (for leave-one-out evaluation)."""
        with self.lock:
            if pid not in self.members:
                yield
                return
            self._apply(pid, -1)
            try:
                yield
            finally:
                self._apply(pid, +1)

    # -- reads -------------------------------------------------------------------------------
    def degree(self, aid: str) -> int:
        return len(self.nbr_n.get(aid, ()))

    def strongest(self, aid: str, limit: int = FANOUT) -> list[tuple[str, float]]:
        """An actor's `limit` heaviest co-participants (weight capped at 1), heaviest first then by id; cached.

        Two-hop scores walk these lists, so a hub with thousands of partners costs `limit` steps.
        """
        value = self._strongest.get(aid)
        if value is None:
            ranked = sorted(self.nbr_w.get(aid, {}).items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
            value = self._strongest[aid] = [(b, w if w < 1.0 else 1.0) for b, w in ranked]
        return value

    def strength(self, aid: str) -> float:
        """Sum of an actor's recency-weighted co-participations (1.0 when it has none), cached."""
        value = self._strength.get(aid)
        if value is None:
            value = self._strength[aid] = sum(self.nbr_w.get(aid, {}).values()) or 1.0
        return value

    def concepts_of(self, aid: str) -> set[str]:
        """Concepts an actor is tagged with, directly or through a project it took part in."""
        return set(self.actor_tags.get(aid, {})) | set(self.proj_concepts.get(aid, {}))

    def shared_projects(self, a: str, b: str) -> list[str]:
        """Projects both took part in, latest first then by id."""
        common = self.actor_projects.get(a, set()) & self.actor_projects.get(b, set())
        return sorted(common, key=lambda p: (-(self.projects[p].year or 0), p))

    def text_scores(
        self, query_terms: Counter[str], max_terms: int = 30, max_df: float = 0.05, norm_power: float = TEXT_NORM_POWER
    ) -> dict[str, float]:
        """Cosine of the query's TF-IDF vector with each actor's (projects' text and name).

        Terms in more than `max_df` of the projects carry almost no weight and would cost a walk
        over most actors: they are left out of the query side.
        """
        limit = max_df * max(1, len(self.members))
        weights = {
            t: (1.0 + math.log(n)) * self.term_idf(t)
            for t, n in query_terms.items()
            if self.postings.get(t) and self.df.get(t, 0) <= limit
        }
        if not weights:
            return {}
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:max_terms]
        qnorm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        scores: dict[str, float] = defaultdict(float)
        for term, qw in top:
            idf = self.term_idf(term)
            for aid, n in self.postings[term].items():
                scores[aid] += qw * (1.0 + math.log(n)) * idf
        return {aid: s / (qnorm * self.norm.get(aid, 1.0) ** norm_power) for aid, s in scores.items()}


def _text_of(row: Mapping[str, Any]) -> str:
    parts = [row.get(k) for k in ("acronym", "title", "abstract", "programme", "call")]
    return " ".join(str(p) for p in parts if p)


def fetch_rec_graph(store: GraphStore, schema: Schema, *, timeout_ms: int | None = 300_000) -> RecGraph:
    """Read the `rec_*` queries once and build the index."""

    def rows(name: str) -> list[dict[str, Any]]:
        return run_named(store, name, {}, timeout_ms=timeout_ms, row_cap=_ROW_CAP).rows

    actors = [
        ActorInfo(
            id=r["id"],
            name=r.get("name") or r["id"],
            kind=r.get("kind") or "",
            departement=str(r["departement"]) if r.get("departement") else None,
            city=r.get("city") or None,
            region=r.get("region") or None,
            country=r.get("country") or None,
            ids=tuple((k, str(r[k])) for k in EXTERNAL_IDS if r.get(k)),
        )
        for r in rows("rec_actors")
    ]
    projects = {
        r["id"]: (
            ProjectInfo(r["id"], r.get("acronym") or r.get("title") or r["id"], _year(r.get("year")), r.get("title")),
            _text_of(r),
        )
        for r in rows("rec_projects")
    }
    parts = [(r["actor"], r["project"], r.get("role")) for r in rows("rec_participations")]
    tags = [(r["subject"], r["rel"], r["concept"]) for r in rows("rec_tags")]
    links = [(r["source"], r["rel"], r["target"]) for r in rows("rec_actor_links")]
    return RecGraph(actors, projects, parts, tags, links, schema)


_CACHE: dict[str, tuple[tuple[Any, ...], float, RecGraph]] = {}
_CHECKED: dict[str, float] = {}
_CACHE_LOCK = threading.Lock()
CACHE_TTL_S = 600.0
CHECK_INTERVAL_S = 10.0


def _fingerprint(store: GraphStore) -> tuple[Any, ...]:
    rows = run_named(store, "rec_fingerprint", {}).rows
    return tuple(sorted(rows[0].items())) if rows else ()


def cached_rec_graph(store: GraphStore, schema: Schema) -> RecGraph:
    """The index for this store, rebuilt when the counts of actors, projects or participations change.

    The counts cost a scan of the participations, so they are checked at most every
    `CHECK_INTERVAL_S` seconds; edits that keep every count (a retag, a renamed actor) show after
    `CACHE_TTL_S` seconds. `clear_cache()` forces a rebuild.
    """
    key = store.uri
    now = time.monotonic()
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        fresh = hit is not None and hit[2].schema is schema and now - hit[1] < CACHE_TTL_S
        if fresh and hit is not None and now - _CHECKED.get(key, 0.0) < CHECK_INTERVAL_S:
            return hit[2]
    fp = _fingerprint(store)
    with _CACHE_LOCK:
        _CHECKED[key] = now
        if fresh and hit is not None and hit[0] == fp:
            return hit[2]
    graph = fetch_rec_graph(store, schema)
    with _CACHE_LOCK:
        _CACHE[key] = (fp, now, graph)
        _CHECKED[key] = now
    return graph


def clear_cache() -> None:
    """Forget every cached index (tests that rewrite a store with the same counts call this)."""
    with _CACHE_LOCK:
        _CACHE.clear()
        _CHECKED.clear()
