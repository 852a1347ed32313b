"""Read a publisher's CSV as it is published: BOM, encoding, separator, quoting, ragged rows.

Open-data portals export the same table with `;` or `,`, with or without a UTF-8 BOM, and
now and then in Windows-1252. This module settles all that once, so each source module only
maps columns, and it numbers rows as a spreadsheet does (the header is row 1), so every
message can send a person to the right line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from errors import IngestError

__all__ = ["CsvRow", "CsvTable", "open_table", "sniff_separator", "decode_bytes"]

_SEPARATORS = (";", ",", "\t", "|")
csv.field_size_limit(64 * 1024 * 1024)


@dataclass(frozen=True)
class CsvRow:
    """One record: its spreadsheet row number, its values by column, and a defect if ragged.

    `problem` is set when the record does not have as many fields as the header (a
    truncated line or a stray separator); its values are then whatever could be read.
    """

    row: int
    values: dict[str, str]
    problem: str | None = None

    def get(self, column: str) -> str:
        """The stripped value of a column, "" when absent."""
        return (self.values.get(column) or "").strip()


@dataclass(frozen=True)
class CsvTable:
    """A decoded table: the file path, its header, separator and encoding, and its records."""

    path: Path
    header: tuple[str, ...]
    separator: str
    encoding: str
    text: str

    def rows(self) -> Iterator[CsvRow]:
        """Each record after the header, numbered as a spreadsheet numbers it (first record = 2)."""
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.separator)
        width = len(self.header)
        for i, fields in enumerate(reader):
            if i == 0:
                continue
            if not fields:
                continue  # a blank line is no record
            problem = None
            if len(fields) != width:
                problem = f"has {len(fields)} fields where the header has {width} (separator {self.separator!r})"
            values = {col: (fields[j] if j < len(fields) else "") for j, col in enumerate(self.header)}
            yield CsvRow(i + 1, values, problem)


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with: UTF-8 (BOM dropped), else Windows-1252.

    >>> decode_bytes("\\ufeffa;b".encode("utf-8"))
    ('a;b', 'utf-8-sig')
    >>> decode_bytes("é".encode("cp1252"))
    ('é', 'cp1252')
    """
    try:
        return raw.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "cp1252"


def sniff_separator(header_line: str) -> str:
    """The separator that splits the header into the most columns (`;` wins ties).

    >>> sniff_separator("a;b;c")
    ';'
    >>> sniff_separator("projectID,topic,title")
    ','
    """
    counts = {sep: len(next(csv.reader([header_line], delimiter=sep), [])) for sep in _SEPARATORS}
    best = max(counts.values())
    return next(sep for sep in _SEPARATORS if counts[sep] == best)


def open_table(path: Path, separator: str | None = None) -> CsvTable:
    """Decode a file and read its header; raise IngestError if it has none."""
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise IngestError(f"{path}: cannot be read ({e.strerror or e})") from e
    text, encoding = decode_bytes(raw)
    text = text.replace("\x00", "")
    first = text.split("\n", 1)[0].rstrip("\r")
    if not first.strip():
        raise IngestError(f"{path}: empty file or empty first line; a header row is expected")
    sep = separator or sniff_separator(first)
    header_fields = next(csv.reader(io.StringIO(text, newline=""), delimiter=sep), [])
    header = tuple(h.strip() for h in header_fields)
    return CsvTable(Path(path), header, sep, encoding, text)
