"""Source name → reader: the one table `carto ingest SOURCE PATH...` looks up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.anr import read_anr, read_anr_pia
from ingest.cordis import read_cordis
from ingest.ilab import read_ilab
from ingest.records import Batch
from ingest.rnsr import read_rnsr
from ingest.seed import read_seed
from ontology import Schema

__all__ = ["READERS", "Reader"]

Reader = Callable[[Schema, list[Path]], Batch]
"""Reads the given files of one source (each recognised by its header) into one batch."""


def _read_seed(schema: Schema, paths: list[Path]) -> Batch:
    return read_seed(schema, paths[0] if paths else None)


READERS: dict[str, Reader] = {
    "seed": _read_seed,
    "rnsr": read_rnsr,
    "ilab": read_ilab,
    "anr": read_anr,
    "anr-pia": read_anr_pia,
    "cordis": read_cordis,
}
