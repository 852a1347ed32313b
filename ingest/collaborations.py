"""COLLABORATES_WITH, derived from co-participation in projects, recomputed from the whole graph.

Two actors that take part in the same project collaborate; the link's `weight` is the
number of projects they share, `first_year` / `last_year` the span of those projects. The
derivation reads every participation in the graph (whatever source brought it), so a
recomputation after any load gives the same links as one after all loads, and running it
twice changes nothing. The link is stored once, from the smaller id to the larger.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from graph import GraphStore, snapshot
from ingest.loader import load_batch
from ingest.records import Batch, LinkRecord, Origin
from ingest.report import LoadReport
from ontology import Schema

__all__ = ["DERIVED_SOURCE", "Collaboration", "co_participation", "collaboration_batch", "refresh_collaborations"]

DERIVED_SOURCE = "derived:co-participation"
_FILE = "graph:PARTICIPATES_IN"


@dataclass(frozen=True)
class Collaboration:
    """Two actors (a < b) and the projects they share."""

    a: str
    b: str
    projects: tuple[str, ...]
    first_year: int | None
    last_year: int | None

    @property
    def weight(self) -> int:
        return len(self.projects)


def co_participation(
    participations: Iterable[tuple[str, str]], years: dict[str, int | None], max_partners: int = 200
) -> list[Collaboration]:
    """Pairs of actors sharing projects, sorted.

    `participations` are (actor id, project id); a project with more than `max_partners`
    participants (a programme-wide network) links nobody, as it says nothing of who works with whom.

    >>> c = co_participation([("a", "p1"), ("b", "p1"), ("b", "p2"), ("a", "p2"), ("c", "p2")], {"p1": 2019, "p2": 2021})
    >>> [(x.a, x.b, x.weight, x.first_year, x.last_year) for x in c]
    [('a', 'b', 2, 2019, 2021), ('a', 'c', 1, 2021, 2021), ('b', 'c', 1, 2021, 2021)]
    """
    members: dict[str, set[str]] = defaultdict(set)
    for actor, project in participations:
        members[project].add(actor)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for project, actors in sorted(members.items()):
        if len(actors) > max_partners:
            continue
        ordered = sorted(actors)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                shared[(a, b)].append(project)
    out = []
    for (a, b), projects in sorted(shared.items()):
        ys = [y for y in (years.get(p) for p in projects) if isinstance(y, int)]
        out.append(Collaboration(a, b, tuple(sorted(projects)), min(ys) if ys else None, max(ys) if ys else None))
    return out


def collaboration_batch(store: GraphStore) -> Batch:
    """Every co-participation pair of the graph as one COLLABORATES_WITH record ("row")."""
    snap = snapshot(store)
    years = {n["id"]: n.get("year") for n in snap["nodes"] if "Project" in n.get("_labels", ()) and n.get("id")}
    participations = [(r["src"], r["dst"]) for r in snap["relationships"] if r["type"] == "PARTICIPATES_IN"]
    batch = Batch(source=DERIVED_SOURCE, files=[_FILE])
    for row, c in enumerate(co_participation(participations, years), start=1):
        origin = Origin(
            DERIVED_SOURCE, _FILE, row, f"{c.a}|{c.b}", f"{c.weight} shared project(s): {', '.join(c.projects[:5])}"
        )
        batch.read_row(_FILE, row)
        props = {"weight": c.weight, "first_year": c.first_year, "last_year": c.last_year}
        batch.links.append(LinkRecord("COLLABORATES_WITH", "Actor", c.a, "Actor", c.b, props, origin))
    return batch


def refresh_collaborations(store: GraphStore, schema: Schema, *, dry_run: bool = False) -> LoadReport:
    """Recompute COLLABORATES_WITH from the graph's participations and upsert it (idempotent)."""
    return load_batch(store, collaboration_batch(store), schema, dry_run=dry_run)
