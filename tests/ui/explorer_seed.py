"""A store for the explorer's tests: the ontology's concepts, the seed, and a few hostile or located actors.

The extra actors go through the real loader (`load_batch`), like any source's records.
"""

from __future__ import annotations

import random
from pathlib import Path

from graph.falkordb_store import FalkorDBStore
from ingest import concept_batch, load_batch, read_seed
from ingest.records import Batch, LinkRecord, NodeRecord, Origin
from ontology import Schema, load_schema

__all__ = ["XSS_NAME", "XSS_ID", "extra_batch", "build_explorer_store", "crowd_batch", "build_crowd_store"]

XSS_NAME = "<img src=x onerror=alert(1)>"
XSS_ID = "xss-probe"


def extra_batch() -> Batch:
    """An actor whose name is markup, and a CORDIS-like actor with its own geolocation."""
    batch = Batch(source="explorer-test")
    file = "explorer-test/actors.csv"
    rows = [
        (XSS_ID, {"name": XSS_NAME, "kind": "sme", "city": "Paris", "departement": "75"}),
        (
            "geo-probe",
            {
                "name": "Geo Probe SAS",
                "kind": "sme",
                "city": "Évry",
                "postcode": "91000",
                "lat": 48.6296,
                "lon": 2.4417,
            },
        ),
    ]
    for i, (actor_id, props) in enumerate(rows, start=2):
        batch.read_row(file, i)
        batch.nodes.append(NodeRecord("Actor", actor_id, props, Origin("explorer-test", file, i, actor_id)))
    links_file = "explorer-test/links.csv"
    for i, (src, dst) in enumerate(((XSS_ID, "medicen"), ("geo-probe", "medicen")), start=2):
        batch.read_row(links_file, i)
        batch.links.append(
            LinkRecord(
                "MEMBER_OF", "Actor", src, "Actor", dst, {}, Origin("explorer-test", links_file, i, f"{src}>{dst}")
            )
        )
    return batch


def build_explorer_store(data_dir: Path, schema: Schema | None = None) -> str:
    """Load concepts, seed and the extra actors into a new embedded store; returns its URI (store closed)."""
    schema = schema or load_schema()
    return _build_store(data_dir, schema, (concept_batch(schema), read_seed(schema), extra_batch()))


def _build_store(data_dir: Path, schema: Schema, batches: tuple[Batch, ...]) -> str:
    """Load `batches` through the real loader into a new embedded store; its URI (store closed)."""
    store = FalkorDBStore(data_dir)
    try:
        store.apply_schema(schema)
        for batch in batches:
            report = load_batch(store, batch, schema)
            if not report.reconciles:
                raise AssertionError("\n".join(report.lines()))
    finally:
        store.close()
    return f"falkordb://{Path(data_dir).resolve()}"


def crowd_batch(schema: Schema, actors: int = 1600, groups: int = 16, seed: int = 3) -> Batch:
    """More actors than the network view draws one by one: `groups` dense groups (each on one domain),
    so the view shows one community super-node per group. Seeded, loaded through the real loader."""
    rng = random.Random(seed)
    domains = [c.id for c in schema.concepts_of("Domain")]
    batch = Batch(source="crowd")
    file, links_file = "crowd/actors.csv", "crowd/links.csv"
    members: dict[int, list[str]] = {}
    for i in range(actors):
        actor_id, group = f"crowd-{i:05d}", i % groups
        members.setdefault(group, []).append(actor_id)
        batch.read_row(file, i + 2)
        origin = Origin("crowd", file, i + 2, actor_id)
        props = {"name": f"Acteur {i}", "kind": "sme" if i % 2 else "academic_lab", "departement": "91"}
        batch.nodes.append(NodeRecord("Actor", actor_id, props, origin))
        batch.links.append(
            LinkRecord("WORKS_ON", "Actor", actor_id, "Domain", domains[group % len(domains)], {}, origin)
        )
    row, seen = 2, set()
    for _group, ids in sorted(members.items()):
        for a in ids:
            for b in rng.sample(ids, 3):
                pair = tuple(sorted((a, b)))
                if a == b or pair in seen:
                    continue
                seen.add(pair)
                batch.read_row(links_file, row)
                origin = Origin("crowd", links_file, row, f"{pair[0]}>{pair[1]}")
                batch.links.append(
                    LinkRecord("COLLABORATES_WITH", "Actor", pair[0], "Actor", pair[1], {"weight": 1}, origin)
                )
                row += 1
    return batch


def build_crowd_store(data_dir: Path, schema: Schema | None = None) -> str:
    """Concepts and a crowd of generated actors in a new embedded store; returns its URI (store closed)."""
    schema = schema or load_schema()
    return _build_store(data_dir, schema, (concept_batch(schema), crowd_batch(schema)))
