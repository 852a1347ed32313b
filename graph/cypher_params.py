"""The `CYPHER name=value …` parameter header FalkorDB reads, written fast and exactly.

FalkorDB takes query parameters as Cypher literals in a text header. falkordb-py builds it
with a recursive Python function: for a bulk load, longer than the server spent writing.
Here the text comes from orjson (C, 5× faster), then the few places where JSON and
FalkorDB's Cypher literals differ are fixed:

- map keys: JSON `"key":` becomes `` `key`: `` (plain identifier keys; a load's creates
  send lists, not maps, and need none of this);
- `\\uXXXX` escapes: FalkorDB's parser does not decode them (it does decode `\\n \\t \\r
  \\b \\f \\" \\\\`), so the control characters JSON writes that way are put back raw, as
  falkordb-py sends them;
- anything the fast path cannot write as falkordb-py would (a key that is not an
  identifier, NaN or infinities, non-JSON types) goes through falkordb-py's own
  `stringify_param_value`, so the result, or the error, is the library's.

Strings escape as falkordb-py escapes them (backslash and double quote), plus the JSON
escapes of control characters, which FalkorDB decodes to the same characters; a test
round-trips hostile strings and random JSON values through a real store.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from itertools import chain, compress, repeat
from operator import is_
from typing import Any

import orjson

__all__ = ["params_header", "cypher_literal"]

# Types orjson would write but falkordb-py writes otherwise (dates, dataclasses, str/int
# subclasses such as enums) raise instead, and so go through falkordb-py.
_ORJSON_OPTS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_SUBCLASS
# In JSON text a quote right after `{` or `,` opens a key or a list element, never string
# content (a quote inside a string is always written `\"`); a key is the only string followed
# by `:`. So this matches exactly the identifier keys of every map.
# `true`, `false` and `null` are left for falkordb-py: JSON writes the keys True/False/None so.
_KEY = re.compile(r'([{,])"(?!(?:true|false|null)":)([A-Za-z_][A-Za-z0-9_]*)":')
_KEY_SUB = r"\1`\2`:"
# Escaped backslash pairs are consumed first, so `\\u0001` (a backslash, then text) is left alone.
# Text outside strings, or a whole string literal not followed by a colon (i.e. not a key):
# matching all of a text with it proves no JSON key is left.
_NO_JSON_KEY = re.compile(r'(?:[^"]++|"(?:[^"\\]++|\\.)*+"(?!:))*+')
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_UNICODE_ESCAPE = re.compile(r"\\\\|\\u([0-9a-fA-F]{4})")


def _unescape(m: re.Match[str]) -> str:
    code = m.group(1)
    return m.group(0) if code is None else chr(int(code, 16))


def _has_other_key(text: str) -> bool:
    """Whether a JSON map key (`"…":`) is left in `text`.

    A key always contains `":`; when that pair shows up only inside strings (a value
    starting with a colon, an escaped quote before one), the text is tokenised to be sure.
    """
    return '":' in text and _NO_JSON_KEY.fullmatch(text) is None


def _candidate_keys(value: Any) -> set[str]:
    """The keys of the maps of a list of rows (and of the maps those rows hold), guessed cheaply.

    A guess is enough: a key it misses is still written `"key":`, which `_has_other_key`
    catches, and the slower general pass then handles it.
    """
    if isinstance(value, dict):
        rows: list[Any] = [value]
    elif isinstance(value, (list, tuple)) and value and isinstance(value[0], dict):
        rows = [r for r in value if type(r) is dict]
    else:
        return set()
    keys: set[str] = set().union(*rows)
    for k, v in rows[0].items():
        if type(v) is dict:
            keys.update(*[r[k] for r in rows if type(r.get(k)) is dict])
    return keys


_LEAVES = frozenset({str, int, bool, type(None)})
_WALKED = frozenset({float, list, tuple, dict}) | _LEAVES


def _of_type(level: list[Any], t: type) -> Iterator[Any]:
    """The items of `level` whose type is exactly `t`, picked in C (no Python call per item)."""
    return compress(level, map(is_, map(type, level), repeat(t)))


def _non_finite(value: Any) -> bool:
    """Whether a NaN or an infinity hides anywhere in `value` (containers walked, leaves only typed).

    Level by level, each pass in C: a load's rows are a hundred thousand small values, and
    a Python step per value cost as much as writing them all as JSON.
    """
    level = [value]
    while level:
        types = set(map(type, level))
        if not types <= _WALKED:  # a float subclass or another type: the careful walk
            return _non_finite_walk(level)
        if float in types and not all(map(math.isfinite, _of_type(level, float))):
            return True
        nxt: list[Any] = []
        if list in types:
            nxt.extend(chain.from_iterable(_of_type(level, list)))
        if tuple in types:
            nxt.extend(chain.from_iterable(_of_type(level, tuple)))
        if dict in types:
            nxt.extend(chain.from_iterable(map(dict.values, _of_type(level, dict))))
        level = nxt
    return False


def _non_finite_walk(values: list[Any]) -> bool:
    stack = list(values)
    while stack:
        v = stack.pop()
        t = type(v)
        if t is float:
            if not math.isfinite(v):
                return True
        elif t is list or t is tuple:
            stack.extend(x for x in v if type(x) is not str)
        elif t is dict:
            stack.extend(x for x in v.values() if type(x) is not str)
        elif isinstance(v, float) and not math.isfinite(v):
            return True
    return False


def _json(value: Any) -> str | None:
    """JSON text of `value`, or None for what JSON cannot say as falkordb-py would.

    orjson is five times faster than the standard encoder but writes NaN and infinities as
    null, so a text holding a null is used only once no NaN or infinity is found in `value`
    (falkordb-py writes those as `nan`/`inf`, which FalkorDB refuses).
    """
    try:
        raw = orjson.dumps(value, option=_ORJSON_OPTS)
    except (TypeError, orjson.JSONEncodeError):  # not JSON (dates, sets…), non-str keys, huge ints
        return None
    if b"null" in raw and _non_finite(value):
        return None
    return raw.decode()


def _fast(value: Any) -> str | None:
    """The Cypher literal of a JSON-like value, or None when only falkordb-py can say it."""
    text = _json(value)
    if text is None:
        return None
    if '":' in text:
        for key in _candidate_keys(value):
            if type(key) is str and _IDENT.fullmatch(key) and key not in ("true", "false", "null"):
                text = text.replace(f'{{"{key}":', f"{{`{key}`:").replace(f',"{key}":', f",`{key}`:")
        if _has_other_key(text):
            text = _KEY.sub(_KEY_SUB, text)
            if _has_other_key(text):
                return None
    if "\\u" in text:
        text = _UNICODE_ESCAPE.sub(_unescape, text)
    return text


def cypher_literal(value: Any) -> str:
    """`value` as FalkorDB reads it in a parameter header (same value as falkordb-py's literal)."""
    from falkordb.helpers import stringify_param_value

    text = _fast(value)
    return stringify_param_value(value) if text is None else text


def params_header(params: Mapping[str, Any] | None) -> str:
    """`CYPHER `a`=… `b`=… ` for `params` (empty when there are none), as falkordb-py builds it."""
    if not params:
        return ""
    parts = ["CYPHER "]
    for key, value in params.items():
        name = str(key)
        if name == "" or "`" in name:
            raise ValueError(f"invalid Cypher parameter name: {name!r}")
        parts.append(f"`{name}`={cypher_literal(value)} ")
    return "".join(parts)
