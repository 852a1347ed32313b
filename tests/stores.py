"""Stores that tests build the same way: one place, so a fixture and a test cannot drift apart."""

from __future__ import annotations

from pathlib import Path

from graph import open_store
from ingest import concept_batch, load_batch, read_seed
from ontology import Schema


def seeded_embedded_store(directory: Path, schema: Schema) -> str:
    """An embedded store in `directory` holding the concepts and the seed; its URI, the store closed.

    Closed because a page or the CLI opens the directory next (one process per directory).
    """
    uri = f"falkordb://{directory}"
    store = open_store(uri)
    try:
        load_batch(store, concept_batch(schema), schema)
        load_batch(store, read_seed(schema), schema)
    finally:
        store.close()
    return uri
