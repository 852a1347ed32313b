"""The embedded store's parameter header: hostile values go in as data and come back unchanged.

`graph.cypher_params` writes FalkorDB's `CYPHER name=value` header itself (JSON encoder and
a few fixes) instead of falkordb-py's recursive writer. Every value here goes through a real
embedded server and is read back: what comes back must equal what went in, injection
strings must stay strings, and what the fast path cannot say must go through falkordb-py.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from falkordb.helpers import stringify_param_value
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from errors import QueryError
from graph.cypher_params import _fast, cypher_literal, params_header
from graph.falkordb_store import FalkorDBStore

INJECTIONS = [
    "'}) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n //',
    "x` ) DETACH DELETE n WITH 1 AS x MATCH (m",
    '"} DETACH DELETE n RETURN 1 //',
    "\\'; DROP GRAPH; --",
    '\\"}) DETACH DELETE n //',
    "$rows",
    '{id: "sentinel"}',
    "Robert'); MATCH (n) SET n.name = 'pwned' //",
]
TRICKY = INJECTIONS + [
    "",
    " ",
    'quote " inside',
    "back\\slash",
    "trailing backslash \\",
    "\\\\",
    '\\"',
    "\\u0041 is not an A",
    "\\\\u0041",
    "\\n is two characters",
    "line\nbreak",
    "crlf\r\nend",
    "tab\there",
    "\b\f\v",
    "\x01\x02\x1b[31m\x1f\x7f",
    ":starts with a colon",
    '":',
    '\\":',
    '{"key":1}',
    ',"a":',
    "`backticks`",
    "🧬 ÉÈ ß ø \ufeff",
    "\u2028\u2029",
    "日本語のテキスト",
    "A" * 100_000,
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FalkorDBStore]:
    s = FalkorDBStore(tmp_path_factory.mktemp("cypher-params") / "graph")
    try:
        yield s
    finally:
        s.close()


def _echo(store: FalkorDBStore, value: Any) -> Any:
    return store.read("RETURN $v AS v", {"v": value}).rows[0]["v"]


@pytest.mark.parametrize("text", TRICKY, ids=range(len(TRICKY)))
def test_a_tricky_string_comes_back_unchanged(store: FalkorDBStore, text: str) -> None:
    assert _fast(text) is not None  # the fast path, not the fallback
    assert _echo(store, text) == text


def test_strings_written_as_properties_read_back_equal_and_injections_stay_data(store: FalkorDBStore) -> None:
    store.write("CREATE (:Sentinel {id: 'sentinel'})")
    rows = [{"id": f"t{i}", "props": {"name": t, "aliases": [t, "x"]}} for i, t in enumerate(TRICKY)]
    store.write_batches("UNWIND $rows AS row CREATE (n:Probe {id: row.id}) SET n += row.props", rows)
    got = {
        r["id"]: (r["name"], r["aliases"])
        for r in store.read("MATCH (n:Probe) RETURN n.id AS id, n.name AS name, n.aliases AS aliases").rows
    }
    assert got == {f"t{i}": (t, [t, "x"]) for i, t in enumerate(TRICKY)}
    assert store.read("MATCH (n:Sentinel) RETURN count(n) AS c").rows == [{"c": 1}]
    assert store.read("MATCH (n) WHERE n.name = 'pwned' RETURN count(n) AS c").rows == [{"c": 0}]


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        False,
        0,
        -7,
        2**63 - 1,
        1.5,
        -0.25,
        1e20,
        1e-7,
        [],
        {},
        [1, "a", None, True, 2.5, [3, ["deep"]]],
        {"a": 1, "b": [1, "x", None], "c": {"d": "e", "f": [{"g": "h"}]}},
        [{"id": "x", "props": {"name": '"}) DETACH DELETE n //', "year": 2020}, "sources": ["anr"]}] * 3,
        {"true": 1, "null": "n", "false": [False]},  # keys JSON spells like literals
        {"a b": 1, "é": 2, "1": 3, "": 4} | {"ok": 5},  # keys that are not identifiers: falkordb-py's path
    ],
    ids=range(17),
)
def test_values_of_every_json_type_come_back_equal(store: FalkorDBStore, value: Any) -> None:
    if isinstance(value, dict) and "" in value:
        with pytest.raises(QueryError):  # falkordb-py refuses an empty key; so does this path
            _echo(store, value)
        return
    assert _echo(store, value) == value


def test_typical_load_rows_take_the_fast_path_and_match_falkordb_py() -> None:
    rows = [
        {"src": f"a{i}", "dst": "p", "props": {"role": "coordinator", "year": 2020 + i % 3, "sources": ["anr"]}}
        for i in range(50)
    ]
    fast = _fast(rows)
    assert fast is not None
    assert fast == stringify_param_value(rows)


def test_what_json_cannot_say_goes_through_falkordb_py() -> None:
    for value in (date(2024, 1, 2), {1, 2}, float("nan"), [math.inf], {"k": b"bytes"}, {1: "int key"}):
        assert _fast(value) is None
        assert cypher_literal(value) == stringify_param_value(value)


def test_a_nul_character_is_refused_not_truncated(store: FalkorDBStore) -> None:
    # FalkorDB reads the query as a C string: a NUL would end it. falkordb-py fails too.
    with pytest.raises(QueryError):
        _echo(store, "before\x00after")


def test_params_header_names_and_order() -> None:
    assert params_header(None) == ""
    assert params_header({}) == ""
    assert params_header({"a": 1, "rows": ["x"]}) == 'CYPHER `a`=1 `rows`=["x"] '
    with pytest.raises(ValueError):
        params_header({"bad`name": 1})


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60)
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | _text,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=_json)
def test_any_json_value_round_trips(store: FalkorDBStore, value: Any) -> None:
    assert _echo(store, value) == value


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=3),
    lambda inner: (
        st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(st.text(max_size=2), inner, max_size=3)
    ),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(_JSONISH)
def test_the_level_by_level_nan_search_finds_what_a_full_walk_finds(value: Any) -> None:
    """`_non_finite` (passes in C, level by level) answers as the plain recursive walk does."""
    from graph.cypher_params import _non_finite

    def walk(v: Any) -> bool:
        if isinstance(v, float):
            return not math.isfinite(v)
        if isinstance(v, (list, tuple)):
            return any(map(walk, v))
        if isinstance(v, dict):
            return any(map(walk, v.values()))
        return False

    assert _non_finite(value) == walk(value)
