"""The publisher files of ../shared/data, and a full load of them as `carto ingest` does it.

Tests, benchmarks and the browser checks all load the same files in the same order (RNSR
first, so later sources resolve onto its labs); this module is the one place that says so.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from graph import GraphStore
from ingest.collaborations import refresh_collaborations
from ingest.concepts import concept_batch
from ingest.loader import load_batch
from ingest.registry import READERS
from ingest.report import LoadReport
from ontology import Schema

__all__ = ["SHARED_DATA_FILES", "SourceLoad", "load_shared_data"]

SHARED_DATA_FILES: dict[str, tuple[str, ...]] = {
    "rnsr": ("rnsr/fr-esr-structures-recherche-publiques-actives.csv",),
    "ilab": ("ilab/fr-esr-laureats-concours-national-i-lab.csv",),
    "anr": ("anr/anr-dos-depuis-2010-projets-finances-partenaires.csv",),
    "anr-pia": (
        "anr/anr-dgpie-depuis-2010-projets-finances-partenaires.csv",
        "anr/anr-dgpie-depuis-2010-projets-finances-projets.csv",
    ),
    "cordis": ("cordis/organization.csv", "cordis/topics.csv"),
}
"""Source → its files under ../shared/data, in load order."""


@dataclass(frozen=True)
class SourceLoad:
    """One source's load: its report and the seconds spent reading, resolving and writing."""

    source: str
    report: LoadReport
    seconds: float


def load_shared_data(
    store: GraphStore, schema: Schema, data_dir: Path, *, with_seed: bool = False, refresh: bool = True
) -> list[SourceLoad]:
    """Concepts, optionally the seed, then every source of `data_dir`; COLLABORATES_WITH last."""
    load_batch(store, concept_batch(schema), schema)
    sources = [("seed", ())] if with_seed else []
    out = []
    for source, files in [*sources, *SHARED_DATA_FILES.items()]:
        t0 = time.perf_counter()
        report = load_batch(store, READERS[source](schema, [data_dir / f for f in files]), schema)
        out.append(SourceLoad(source, report, time.perf_counter() - t0))
    if refresh:
        refresh_collaborations(store, schema)
    return out
