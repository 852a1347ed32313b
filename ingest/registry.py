"""Source name → reader: the one table `carto ingest SOURCE PATH...` looks up."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from ingest.anr import read_anr, read_anr_pia
from ingest.cordis import read_cordis
from ingest.esr import read_esr
from ingest.finess import read_finess
from ingest.ilab import read_ilab
from ingest.loader import gc_paused
from ingest.mapping import read_mapped
from ingest.records import Batch
from ingest.resolution import ActorProfile, read_decisions, resolve_batch, write_review
from ingest.rnsr import read_rnsr
from ingest.ror import read_ror
from ingest.seed import read_seed
from ingest.sirene import read_sirene
from ingest.wikidata import read_wikidata
from ontology import Schema

__all__ = ["READERS", "Reader", "DECISIONS_ENV", "REVIEW_DIR_ENV", "resolved"]

log = logging.getLogger(__name__)

DECISIONS_ENV = "CARTO_RESOLUTION_DECISIONS"
"""Path of the reviewer's decisions CSV (default `decisions.csv` in the review directory)."""
REVIEW_DIR_ENV = "CARTO_RESOLUTION_DIR"
"""Where `<source>-review.csv` (pairs for a person to decide) is written: overrides the reader's
`review_dir` (`carto ingest` gives the store's, `<side dir>/resolution`), else `.carto/resolution`."""

Reader = Callable[..., Batch]
"""`reader(schema, paths, known=(), review_dir=None)`: reads the given files of one source (each recognised by
its header) into one batch; `known` are profiles of actors already in the store, onto which
the batch's actors resolve."""


def _read_seed(
    schema: Schema, paths: list[Path], known: Iterable[ActorProfile] = (), review_dir: Path | None = None
) -> Batch:
    return read_seed(schema, paths[0] if paths else None)


def resolved(read: Reader) -> Reader:
    """A reader followed by entity resolution, with the reviewer's decisions applied.

    Ambiguous pairs are written to `<review dir>/<source>-review.csv`; fill its `decision`
    column (merge / keep_apart), save it as the decisions file, and the next load applies it.
    """

    def reader(
        schema: Schema, paths: list[Path], known: Iterable[ActorProfile] = (), review_dir: Path | None = None
    ) -> Batch:
        with gc_paused():
            return _read_and_resolve(schema, paths, known, review_dir)

    def _read_and_resolve(
        schema: Schema, paths: list[Path], known: Iterable[ActorProfile], store_dir: Path | None
    ) -> Batch:
        batch = read(schema, paths)
        review_dir = Path(os.environ.get(REVIEW_DIR_ENV) or store_dir or ".carto/resolution")
        decisions = read_decisions(Path(os.environ.get(DECISIONS_ENV) or review_dir / "decisions.csv"))
        res = resolve_batch(batch, known=known, decisions=decisions)
        if res.review:
            path = write_review(res.review, review_dir / f"{batch.source}-review.csv")
            log.warning("%s: %d pairs of actors to review in %s", batch.source, len(res.review), path)
        return batch

    reader.__doc__ = read.__doc__
    return reader


READERS: dict[str, Reader] = {
    "seed": _read_seed,
    "rnsr": resolved(read_rnsr),
    "ilab": resolved(read_ilab),
    "anr": resolved(read_anr),
    "anr-pia": resolved(read_anr_pia),
    "cordis": resolved(read_cordis),
    "csv": resolved(read_mapped),
    "finess": resolved(read_finess),
    "sirene": resolved(read_sirene),
    "wikidata": resolved(read_wikidata),
    "ror": resolved(read_ror),
    "esr": resolved(read_esr),
}
