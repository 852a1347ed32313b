"""Sources → typed records → shapes → resolution → batched idempotent upserts."""

from ingest.concepts import concept_batch
from ingest.loader import load_batch
from ingest.records import Batch, LinkRecord, NodeRecord, Origin, Quarantined
from ingest.report import FileTally, LoadReport
from ingest.seed import read_seed

__all__ = [
    "Batch",
    "FileTally",
    "LinkRecord",
    "LoadReport",
    "NodeRecord",
    "Origin",
    "Quarantined",
    "concept_batch",
    "load_batch",
    "read_seed",
]
