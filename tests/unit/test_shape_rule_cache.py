"""Shape rules remember their verdicts per value: the remembered verdict is always the rule's own.

`ShapeRules.check` caches each rule's verdict by value for bulk loads. Values that are equal
as dict keys but not to a rule (1, 1.0, True), lists, missing and empty fields must each get
the verdict `FieldRule.problem` gives, in the order of the rules, however often they repeat.
"""

from __future__ import annotations

from typing import Any

import pytest

from ontology import load_shape_rules
from ontology.rules import ShapeRules


def _uncached(rules: ShapeRules, cls: str, record: dict[str, Any]) -> list[tuple[str, Any, str]]:
    out = []
    for rule in rules.by_class[cls]:
        if rule.target_class is None:
            value = record.get(rule.field)
            problem = rule.problem(value)
            if problem:
                out.append((rule.field, value, problem))
    return out


PROJECTS = [
    {"id": "p1", "title": "T", "programme": "ANR", "sources": ["anr"], "year": 2020},
    {"id": "p1", "title": "T", "programme": "ANR", "sources": ["anr"], "year": True},  # a bool is no integer
    {"id": "p1", "title": "T", "programme": "ANR", "sources": ["anr"], "year": 2020.0},
    {"id": "p1", "title": "T", "programme": "ANR", "sources": ["anr"], "year": 1},
    {"id": "p1", "title": "", "programme": None, "sources": [], "year": "2020"},
    {"id": "p1", "sources": ["anr", "cordis"]},
    {"id": "", "title": "T", "programme": "ANR", "sources": [""]},
    {"title": "T", "programme": "ANR", "sources": ["anr"], "year": [2020, 2021]},
]
ACTORS = [
    {"id": "a1", "name": "Institut Pasteur", "kind": "academic_lab", "sources": ["rnsr"], "siren": "123456789"},
    {"id": "a1", "name": "Institut Pasteur", "kind": "academic_lab", "sources": ["rnsr"], "siren": "12345"},
    {"id": "a1", "name": "I", "kind": "not-a-kind", "sources": ["rnsr"], "departement": "75"},
    {"id": "a1", "name": "X" * 401, "kind": "sme", "sources": ["rnsr"], "departement": ["75", "92"]},
    {"id": "a1", "kind": "sme", "sources": ["rnsr"], "rnsr": "199812345Z"},
    {"id": "a1", "name": "Institut Pasteur", "kind": "academic_lab", "sources": ["rnsr"], "unknown_field": object()},
]


@pytest.mark.parametrize(("cls", "records"), [("Project", PROJECTS), ("Actor", ACTORS)])
def test_cached_verdicts_equal_the_rules_own_on_every_repeat(cls: str, records: list[dict[str, Any]]) -> None:
    rules = ShapeRules(by_class=load_shape_rules().by_class)  # a fresh cache
    expected = [_uncached(rules, cls, r) for r in records]
    assert any(expected) and not all(expected)  # the corpus has good and bad records
    for _ in range(3):  # first sight, then from the cache, in two orders
        assert [rules.check(cls, r) for r in records] == expected
        assert [rules.check(cls, r) for r in reversed(records)] == expected[::-1]


def test_an_integer_year_and_an_equal_float_are_told_apart() -> None:
    rules = ShapeRules(by_class=load_shape_rules().by_class)
    base = {"id": "p", "title": "T", "programme": "ANR", "sources": ["anr"]}
    assert rules.check("Project", base | {"year": 2020}) == []
    assert [f for f, _, _ in rules.check("Project", base | {"year": 2020.0})] == ["year"]  # 2020 == 2020.0 as keys
    assert rules.check("Project", base | {"year": 2020}) == []
