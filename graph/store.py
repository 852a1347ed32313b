"""The one interface every backend implements, and the plain values queries return."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

__all__ = [
    "batch_params",
    "DEFAULT_BATCH",
    "GraphStore",
    "ReadResult",
    "plain_node",
    "plain_rel",
]

DEFAULT_BATCH = 5_000


@dataclass(frozen=True)
class ReadResult:
    """Rows of a read as plain dicts, with the column order and whether the row cap cut it."""

    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    truncated: bool = False


@runtime_checkable
class GraphStore(Protocol):
    """Five methods: enough for the loaders, the query library, the console and the app.

    Both backends run the same Cypher text with `$parameters`; values come back as plain
    Python (nodes and relationships as dicts with `_labels` / `_type`), so results of the two
    backends compare equal.
    """

    uri: str

    def read(
        self,
        query: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        row_cap: int | None = None,
    ) -> ReadResult:
        """Run a query in a read-only transaction: a write in it is refused by the database."""
        ...

    def write(self, query: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one write query in one transaction and return its rows."""
        ...

    def write_batches(
        self,
        query: str,
        rows: Sequence[Mapping[str, Any] | list[Any]],
        *,
        batch_size: int = DEFAULT_BATCH,
        params: Mapping[str, Any] | None = None,
    ) -> int:
        """Run `query` with `$rows` bound to successive slices of `rows` (maps or lists), one transaction each.

        `params` (never named `rows`) are bound as they are in every transaction: values
        the same for every row are sent once per batch instead of once per row.
        """
        ...

    def apply_schema(self, statements: Iterable[str]) -> None:
        """Create the constraints and indexes generated from the ontology (idempotent)."""
        ...

    def close(self) -> None:
        """Release connections; the embedded backend also stops its server."""
        ...


def plain_node(labels: Iterable[str], props: Mapping[str, Any]) -> dict[str, Any]:
    return {"_labels": sorted(labels), **{k: props[k] for k in sorted(props)}}


def plain_rel(rel_type: str, props: Mapping[str, Any]) -> dict[str, Any]:
    return {"_type": rel_type, **{k: props[k] for k in sorted(props)}}


def batch_params(params: Mapping[str, Any] | None) -> dict[str, Any]:
    """The parameters `write_batches` binds beside `$rows` in every batch (a copy); `rows` is refused,
    as both stores bind it themselves."""
    fixed = dict(params or {})
    if "rows" in fixed:
        raise ValueError("write_batches binds $rows itself: no other parameter may be named 'rows'")
    return fixed
