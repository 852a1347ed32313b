"""Sources → typed records → shapes → resolution → batched idempotent upserts."""

from ingest.collaborations import refresh_collaborations
from ingest.concepts import concept_batch
from ingest.loader import load_batch
from ingest.records import Batch, LinkRecord, NodeRecord, Origin, Quarantined
from ingest.registry import READERS, Reader
from ingest.report import FileTally, LoadReport
from ingest.resolution import resolve_batch
from ingest.seed import read_seed

__all__ = [
    "Batch",
    "FileTally",
    "LinkRecord",
    "LoadReport",
    "NodeRecord",
    "Origin",
    "Quarantined",
    "READERS",
    "Reader",
    "concept_batch",
    "load_batch",
    "read_seed",
    "refresh_collaborations",
    "resolve_batch",
]
