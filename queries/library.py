"""The Cypher library: one named query per `queries/*.cypher`, declared by its header.

Header lines (`//` comments before the first Cypher line)::

    // name: actors_by_domain
    // purpose: actors working on a domain or any narrower one
    // params: domain: str = dom-cancer, top: int = 50
    // returns: id, name, kind
    // example: carto query actors_by_domain --param domain=dom-neuro

Parameters are typed; values from a command line or a form are converted and checked here,
then passed to the database as parameters, never pasted into the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from errors import QueryError
from graph import GraphStore, ReadResult

__all__ = ["QUERY_DIR", "NamedQuery", "Param", "load_library", "get_query", "run_named", "coerce"]

QUERY_DIR = Path(__file__).resolve().parent
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_TYPES = ("str", "int", "float", "bool", "list[str]", "list[int]")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any
    required: bool


@dataclass(frozen=True)
class NamedQuery:
    name: str
    purpose: str
    params: tuple[Param, ...]
    returns: tuple[str, ...]
    example: str
    text: str
    path: Path

    def bind(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Typed parameters for this query, defaults filled; unknown or missing names raise."""
        unknown = sorted(set(values) - {p.name for p in self.params})
        if unknown:
            allowed = ", ".join(p.name for p in self.params) or "none"
            raise QueryError(f"query {self.name}: unknown parameter(s) {', '.join(unknown)}; allowed: {allowed}")
        out = {}
        for p in self.params:
            if p.name in values and values[p.name] is not None:
                out[p.name] = coerce(values[p.name], p.type, f"{self.name}.{p.name}")
            elif p.required:
                raise QueryError(f"query {self.name}: parameter {p.name} ({p.type}) is required")
            else:
                out[p.name] = p.default
        return out


def coerce(value: Any, type_: str, where: str) -> Any:
    """Convert a form or CLI value to the declared type.

    Examples
    --------
    >>> coerce("12", "int", "q.top"), coerce("a,b", "list[str]", "q.x"), coerce("yes", "bool", "q.b")
    (12, ['a', 'b'], True)
    """
    try:
        if type_ == "str":
            return str(value)
        if type_ == "int":
            return int(value)
        if type_ == "float":
            return float(value)
        if type_ == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("1", "true", "yes", "oui", "y"):
                return True
            if text in ("0", "false", "no", "non", "n"):
                return False
            raise ValueError(value)
        if type_.startswith("list["):
            items = value if isinstance(value, (list, tuple)) else [x for x in str(value).split(",") if x.strip()]
            inner = type_[5:-1]
            return [coerce(x.strip() if isinstance(x, str) else x, inner, where) for x in items]
    except (TypeError, ValueError):
        raise QueryError(f"{where}: {value!r} is not a valid {type_}") from None
    raise QueryError(f"{where}: unsupported type {type_}")


def _parse_default(raw: str, type_: str, where: str) -> Any:
    raw = raw.strip()
    if raw in ("null", "None", ""):
        return None
    if type_.startswith("list[") and raw == "[]":
        return []
    return coerce(raw, type_, where)


def parse_query_file(path: Path) -> NamedQuery:
    header: dict[str, str] = {}
    body: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not body and line.startswith("//"):
            m = re.match(r"//\s*(\w+):\s?(.*)$", line)
            if m:
                header[m.group(1)] = (header.get(m.group(1), "") + " " + m.group(2)).strip()
            continue
        if line.strip() or body:
            body.append(line)
    name = header.get("name", "")
    if name != path.stem or not _NAME.match(name):
        raise QueryError(f"{path}: header 'name: {name}' must equal the file name ({path.stem})")
    for required in ("purpose", "returns", "example"):
        if not header.get(required):
            raise QueryError(f"{path}: header line '// {required}: …' is missing")
    params = []
    for part in [p.strip() for p in header.get("params", "").split(",") if p.strip() and p.strip() != "none"]:
        m = re.match(r"^(\w+)\s*:\s*([\w\[\]]+)\s*(?:=\s*(.*))?$", part)
        if not m or m.group(2) not in _TYPES:
            raise QueryError(f"{path}: bad parameter declaration {part!r} (name: type [= default]; types {_TYPES})")
        pname, ptype, pdefault = m.group(1), m.group(2), m.group(3)
        params.append(Param(pname, ptype, _parse_default(pdefault or "", ptype, f"{name}.{pname}"), pdefault is None))
    text = "\n".join(body).strip().rstrip(";")
    if ";" in text:
        raise QueryError(f"{path}: one statement per file")
    return NamedQuery(
        name=name,
        purpose=header["purpose"],
        params=tuple(params),
        returns=tuple(x.strip() for x in header["returns"].split(",")),
        example=header["example"],
        text=text,
        path=path,
    )


@cache
def load_library(directory: Path = QUERY_DIR) -> dict[str, NamedQuery]:
    return {p.stem: parse_query_file(p) for p in sorted(directory.glob("*.cypher"))}


def get_query(name_or_path: str) -> NamedQuery:
    """A library query by name, or a .cypher file with the same header format."""
    if name_or_path.endswith(".cypher") and Path(name_or_path).exists():
        return parse_query_file(Path(name_or_path))
    lib = load_library()
    if name_or_path not in lib:
        raise QueryError(f"unknown query {name_or_path!r}; known: {', '.join(sorted(lib))}")
    return lib[name_or_path]


def run_named(
    store: GraphStore,
    name: str,
    params: Mapping[str, Any] | None = None,
    *,
    timeout_ms: int | None = 30_000,
    row_cap: int | None = None,
) -> ReadResult:
    """Run a library query in a read transaction with typed parameters."""
    q = get_query(name)
    return store.read(q.text, q.bind(params or {}), timeout_ms=timeout_ms, row_cap=row_cap)
