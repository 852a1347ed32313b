"""Errors of the cartography: one root, narrow subclasses, messages that name the fix."""

from __future__ import annotations

__all__ = [
    "CartoError",
    "OntologyError",
    "StoreError",
    "StoreLockedError",
    "StoreStartError",
    "QueryError",
    "ReadOnlyViolation",
    "QueryTimeout",
    "IngestError",
    "RecordError",
    "UnknownActorError",
]


class CartoError(Exception):
    """Root of every error this project raises on purpose."""


class OntologyError(CartoError):
    """The ontology files are inconsistent or lack a term the code needs."""


class StoreError(CartoError):
    """A graph store could not be opened or answered with an error."""


class StoreLockedError(StoreError):
    """Another running process holds the embedded store's data directory."""


class StoreStartError(StoreError):
    """The embedded server did not start; the message carries its stderr."""


class QueryError(CartoError):
    """A named query is unknown, badly declared, or called with bad parameters."""


class ReadOnlyViolation(QueryError):
    """A write was attempted through a read-only path (console, library)."""


class QueryTimeout(QueryError):
    """A query ran past its time limit and was stopped by the database."""


class IngestError(CartoError):
    """A source file cannot be read at all (not a single bad row: see RecordError)."""


class RecordError(CartoError):
    """One input row breaks the shapes: located by file, row (as a spreadsheet numbers it) and field."""

    def __init__(self, file: str, row: int, field: str, value: object, expectation: str) -> None:
        self.file, self.row, self.field, self.value, self.expectation = file, row, field, value, expectation
        shown = repr(value) if len(repr(value)) <= 120 else repr(value)[:117] + "..."
        super().__init__(f"{file} row {row}, column '{field}': {shown} {expectation}")


class UnknownActorError(QueryError):
    """An actor reference (id, prefixed external id or exact name) matches no actor."""
