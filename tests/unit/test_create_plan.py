"""Rows to create send what every row shares once, as query parameters, and nothing else.

`ingest.loader._create_plan` turns a property or provenance list into a `$parameter` only
when every row holds the same value of the same type (1, 1.0 and True are equal in Python
but not in the graph), and a provenance list only when it holds at most one value (its
order could differ otherwise). The rows then carry only the varying columns, in order.
"""

from __future__ import annotations

from typing import Any

from ingest.loader import _create_plan, _Fold


def _fold(props: dict[str, Any], sources: list[str], files: list[str], keys: list[str], evidence: list[str]) -> _Fold:
    return [
        dict(props),
        dict.fromkeys(sources),
        dict.fromkeys(files),
        dict.fromkeys(keys),
        dict.fromkeys(evidence),
        props,
    ]


def test_shared_values_become_parameters_and_the_rest_stay_columns() -> None:
    folds = [
        _fold({"name": "A", "kind": "sme", "year": 2020}, ["anr"], ["f.csv"], ["k1"], []),
        _fold({"name": "B", "kind": "sme", "year": 2020}, ["anr"], ["f.csv"], ["k2", "k3"], []),
    ]
    plan = _create_plan(folds, ("id",), "2026-01-01T00:00:00+00:00")
    assert plan is not None
    assert plan.params == {
        "first_loaded_at": "2026-01-01T00:00:00+00:00",
        "kind": "sme",
        "year": 2020,
        "sources": ["anr"],
        "prov_files": ["f.csv"],
        "evidence": [],
    }
    assert plan.columns == ("id", "name", "prov_keys")
    assert plan.rows(zip([("a",), ("b",)], folds, strict=True)) == [["a", "A", ["k1"]], ["b", "B", ["k2", "k3"]]]


def test_equal_values_of_other_types_or_several_sources_stay_per_row() -> None:
    folds = [
        _fold({"flag": 1, "n": 1.0, "city": "Paris"}, ["anr", "rnsr"], ["f.csv"], ["k"], ["e"]),
        _fold({"flag": True, "n": 1.0}, ["anr", "rnsr"], ["f.csv"], ["k"], ["e"]),
    ]
    plan = _create_plan(folds, (), "t")
    assert plan is not None
    # True == 1 but is another literal; floats are never shared (-0.0 == 0.0); a property
    # missing on one row is null there; two sources could come in another order.
    assert set(plan.params) == {"first_loaded_at", "prov_files", "prov_keys", "evidence"}
    assert plan.columns == ("city", "flag", "n", "sources")
    rows = plan.rows(zip([("s", "t"), ("s", "u")], folds, strict=True))
    assert rows == [["s", "t", "Paris", 1, 1.0, ["anr", "rnsr"]], ["s", "u", None, True, 1.0, ["anr", "rnsr"]]]


def test_a_property_named_like_a_fixed_column_takes_the_upsert_path() -> None:
    assert _create_plan([_fold({"sources": "x"}, ["anr"], [], [], [])], ("id",), "t") is None
    assert _create_plan([_fold({"bad name": 1}, ["anr"], [], [], [])], ("id",), "t") is None
