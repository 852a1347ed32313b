"""Read a publisher's CSV as it is published: BOM, encoding, separator, quoting, ragged rows.

Open-data portals export the same table with `;` or `,`, with or without a UTF-8 BOM, now
and then in Windows-1252 or in UTF-16 (a spreadsheet's "Unicode text"). This module settles
all that once, so each source module only maps columns, and it numbers rows as a spreadsheet
does (the header is row 1), so every message can send a person to the right line.

A file that cannot be read as a table fails with one `IngestError` naming it (and the line
when there is one). Damage confined to a record is that record's problem instead: a byte
that no encoding of the file can decode, or a NUL byte, quarantines the record with its
column; nothing is repaired silently.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from errors import IngestError

__all__ = ["CsvRow", "CsvTable", "open_table", "sniff_separator", "decode_bytes", "damage_in", "shown"]

_SEPARATORS = (";", ",", "\t", "|")
csv.field_size_limit(64 * 1024 * 1024)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose mark it starts with
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DAMAGE = re.compile("[\x00\ud800-\udfff]")
"""A NUL, a byte the file's encoding cannot decode (kept by `surrogateescape` as U+DC80–U+DCFF), or
another lone surrogate (a JSON `\\ud800` escape): none can be stored as text."""


@dataclass(frozen=True)
class CsvRow:
    """One record: its spreadsheet row number, its values by column, and a defect if any.

    `problem` is set when the record cannot be taken as it is: it does not have as many
    fields as the header (a truncated line or a stray separator; its values are then
    whatever could be read), or a value holds a NUL or an undecodable byte. `column` names
    the publisher's column at fault ("" when the defect is the whole record). `checked` says
    the values were already looked at for damage (`RowScope` looks at the others).
    """

    row: int
    values: dict[str, str]
    problem: str | None = None
    column: str = ""
    checked: bool = False

    def get(self, column: str) -> str:
        """The stripped value of a column, "" when absent."""
        return (self.values.get(column) or "").strip()


def damage_in(values: Mapping[str, str]) -> tuple[str, str] | None:
    """(column, problem) of the first value holding a NUL or an undecodable byte, else None.

    >>> damage_in({"a": "ok", "b": "x\\x00y"})
    ('b', 'holds a NUL byte (\\\\x00) at character 2: the record is kept out rather than repaired')
    >>> damage_in({"a": "ok"}) is None
    True
    """
    for column, value in values.items():
        found = _DAMAGE.search(value) if isinstance(value, str) else None
        if found is None:
            continue
        at = found.start() + 1
        if found.group() == "\x00":
            return column, f"holds a NUL byte (\\x00) at character {at}: the record is kept out rather than repaired"
        code = ord(found.group())
        if code < 0xDC80 or code > 0xDCFF:
            return column, f"holds a lone surrogate U+{code:04X} at character {at}, which is no character"
        return (
            column,
            f"holds the byte 0x{code - 0xDC00:02X} at character {at}, which the file's encoding cannot decode",
        )


def shown(value: str) -> str:
    """A value as a person can read it back in a UTF-8 report: undecodable bytes as \\xNN, NUL as \\x00."""
    if not _DAMAGE.search(value):
        return value
    if re.search("[\ud800-\udc7f\udd00-\udfff]", value):  # a lone surrogate that is no byte: \\uXXXX
        return value.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")
    raw = value.encode("utf-8", "surrogateescape")
    return raw.decode("utf-8", "backslashreplace").replace("\x00", "\\x00")


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
        damaged = _DAMAGE.search(self.text) is not None  # the usual file has no damage: no record is searched
        try:
            for i, fields in enumerate(reader):
                if i == 0:
                    continue
                if not fields:
                    continue  # a blank line is no record
                problem, column = None, ""
                values = {col: (fields[j] if j < len(fields) else "") for j, col in enumerate(self.header)}
                if len(fields) != width:
                    problem = f"has {len(fields)} fields where the header has {width} (separator {self.separator!r})"
                elif damaged and (found := damage_in(values)) is not None:
                    column, problem = found
                yield CsvRow(i + 1, values, problem, column, checked=True)
        except csv.Error as e:
            raise IngestError(f"{self.path}: line {reader.line_num}: cannot be read as CSV ({e})") from e


def _undecodable(raw: bytes, encoding: str, path: object, e: UnicodeDecodeError, bom: bytes) -> IngestError:
    line = raw[len(bom) : e.start].decode(encoding, errors="replace").count("\n") + 1
    return IngestError(
        f"{path}: line {line}: starts with a {encoding.upper()} byte-order mark but byte {e.start + len(bom)} is not "
        f"{encoding.upper()} ({e.reason}); the file is truncated or damaged"
    )


def decode_bytes(raw: bytes, path: object = "the file") -> tuple[str, str]:
    """Text and the encoding it was read with.

    A byte-order mark says the encoding (UTF-8, UTF-16 or UTF-32, either byte order) and is
    dropped. Without one: UTF-8 when the bytes are UTF-8, also when a few bytes are damaged
    among UTF-8 accented letters; else Windows-1252. Bytes the encoding cannot decode are
    kept as U+DC80–U+DCFF (`surrogateescape`), so the records holding them are quarantined
    (`damage_in`) instead of loading garbled. UTF-16 or UTF-32 without a mark is refused.

    >>> decode_bytes("\\ufeffa;b".encode("utf-8"))
    ('a;b', 'utf-8-sig')
    >>> decode_bytes("a;b".encode("utf-16"))[0]
    'a;b'
    >>> decode_bytes("é".encode("cp1252"))
    ('é', 'cp1252')
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError as e:
                if encoding == "utf-8":  # damage in a UTF-8 file: its records say where
                    return raw[len(bom) :].decode(encoding, "surrogateescape"), "utf-8-sig"
                raise _undecodable(raw, encoding, path, e, bom) from e
            return text, "utf-8-sig" if encoding == "utf-8" else encoding
    head = raw[:4096]
    if len(head) >= 8 and head.count(0) * 4 >= len(head):
        raise IngestError(
            f"{path}: looks like UTF-16 or UTF-32 text without a byte-order mark (a NUL in every other byte); "
            "save it as UTF-8, or as UTF-16 with its byte-order mark"
        )
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = raw.decode("utf-8", "surrogateescape")
    invalid = len(re.findall("[\udc80-\udcff]", text))
    accented = sum(1 for ch in text if ch > "\x7f" and not "\udc80" <= ch <= "\udcff")
    if accented > invalid:  # UTF-8 letters with a few damaged bytes among them
        return text, "utf-8"
    return raw.decode("cp1252", "surrogateescape"), "cp1252"


def sniff_separator(header_line: str) -> str:
    """The separator that splits the header into the most columns (`;` wins ties).

    >>> sniff_separator("a;b;c")
    ';'
    >>> sniff_separator("projectID,topic,title")
    ','
    """
    line = re.sub(r"[\r\n]", " ", header_line)  # one line, whatever the caller gives
    counts = {sep: len(next(csv.reader([line], delimiter=sep), [])) for sep in _SEPARATORS}
    best = max(counts.values())
    return next(sep for sep in _SEPARATORS if counts[sep] == best)


def _header_line(path: Path, text: str) -> str:
    """The first line; a carriage return inside it (the file's lines end with \\n) is refused."""
    if "\n" not in text:
        return re.split(r"\r", text, maxsplit=1)[0]  # one line, or lines ending with a bare \r
    first = text.split("\n", 1)[0].removesuffix("\r")
    if "\r" in first:
        at = first.index("\r")
        around = first[max(0, at - 20) : at + 20]
        raise IngestError(
            f"{path}: line 1 (the header): a carriage return (\\r) at character {at + 1}, in {around!r}, "
            "where the lines of the file end with a line feed; remove it so the header is one line"
        )
    return first


def open_table(path: Path, separator: str | None = None) -> CsvTable:
    """Decode a file and read its header; raise IngestError if it is no table."""
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise IngestError(f"{path}: cannot be read ({e.strerror or e})") from e
    text, encoding = decode_bytes(raw, path)
    first = _header_line(Path(path), text)
    if not first.strip():
        raise IngestError(f"{path}: empty file or empty first line; a header row is expected")
    sep = separator or sniff_separator(first)
    try:
        header_fields = next(csv.reader(io.StringIO(text, newline=""), delimiter=sep), [])
    except csv.Error as e:
        raise IngestError(f"{path}: line 1 (the header): cannot be read as CSV ({e})") from e
    header = tuple(h.strip() for h in header_fields)
    found = damage_in({f"column {i + 1}": h for i, h in enumerate(header)})
    if found is not None:
        column, problem = found
        raise IngestError(f"{path}: line 1 (the header), {column}: {shown(header[int(column[7:]) - 1])!r} {problem}")
    return CsvTable(Path(path), header, sep, encoding, text)
