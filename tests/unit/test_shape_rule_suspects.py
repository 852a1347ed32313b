"""The loader's column-wise pre-check never lets a record through that `check` would reject.

`ShapeRules.suspects` judges each distinct value of a field once over a whole list of
records; records it does not name skip `check`. So every record `check` finds a problem in
must be a suspect, whatever the mix of types (1, 1.0, True), lists, missing and empty
fields, and clean records of plain values must not be (or the pre-check would save nothing).
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from ontology import load_shape_rules
from ontology.rules import ShapeRules

_FIXED = ("id", "sources")

PROJECT_VALUES: dict[str, list[Any]] = {
    "id": ["p1", "P1", "", "p 2", "p-3"],
    "title": ["T", "", None, "Title", 1],
    "programme": ["ANR", None, "", "H2020"],
    "year": [2020, True, 2020.0, 1, "2020", None, [2020, 2021], float("nan")],
    "acronym": ["X", None, ["a"]],
}
ACTOR_VALUES: dict[str, list[Any]] = {
    "id": ["a1", "rnsr-199812345z", "A!", ""],
    "name": ["Institut Pasteur", "I", "X" * 401, "", None],
    "kind": ["academic_lab", "sme", "not-a-kind", None, ["sme"]],
    "siren": ["123456789", "12345", 123456789],
    "departement": ["75", "2A", "96", ["75", "92"], ("75",)],
    "rnsr": ["199812345Z", "199812345z"],
    "city": ["Paris", None],
}


def _records(values: dict[str, list[Any]], n: int, seed: int) -> list[tuple[dict[str, Any], str, str]]:
    """(props, id, source) triples: props with a random subset of fields, ids and sources apart."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        props = {k: rng.choice(v) for k, v in values.items() if k != "id" and rng.random() < 0.7}
        if rng.random() < 0.1:
            props["id"] = "overridden"  # the loader's own id and sources win over the props'
        out.append((props, rng.choice(values["id"]), rng.choice(["anr", "", "rnsr"])))
    return out


@pytest.mark.parametrize(("cls", "values"), [("Project", PROJECT_VALUES), ("Actor", ACTOR_VALUES)])
@pytest.mark.parametrize("seed", range(5))
def test_every_record_check_rejects_is_a_suspect(cls: str, values: dict[str, list[Any]], seed: int) -> None:
    rules = ShapeRules(by_class=load_shape_rules().by_class)
    records = _records(values, 400, seed)
    props = [p for p, _, _ in records]
    fixed = {"id": [i for _, i, _ in records], "sources": [(s,) for _, _, s in records]}
    suspects = rules.suspects(cls, props, fixed)
    verdicts = [rules.check(cls, {**p, "id": i, "sources": [s]}) for p, i, s in records]
    rejected = {n for n, v in enumerate(verdicts) if v}
    assert rejected and len(rejected) < len(records)  # the corpus has good and bad records
    assert rejected <= suspects


def test_clean_plain_records_are_not_suspects_and_a_bad_one_is_found() -> None:
    rules = ShapeRules(by_class=load_shape_rules().by_class)
    good = {"title": "T", "programme": "ANR", "year": 2020}
    props = [dict(good) for _ in range(50)] + [good | {"year": 2020.0}, {"title": "T"}]
    fixed = {"id": [f"p{i}" for i in range(52)], "sources": [("anr",)] * 52}
    assert rules.suspects("Project", props, fixed) == {50, 51}  # a float year; no programme
    fixed["sources"][3] = ()  # no source at all
    assert rules.suspects("Project", props, fixed) == {3, 50, 51}


_TEXTS = ["", "a", "A", "p-3", "x" * 401, "199812345Z", "75", "2A", "sme", "academic_lab", "Q42", " ", "é", "a\nb"]


def test_failing_strings_agrees_with_problem_on_every_rule() -> None:
    """The set-at-once verdict of a rule on strings is the per-value one, rule by rule."""
    from ontology.rules import FieldRule

    rules = [r for cls in load_shape_rules().by_class.values() for r in cls]
    rules += [  # bounds whose problem is the empty message pass the value and end its checks
        FieldRule("f", min_length=2, max_length=3),
        FieldRule("f", min_length=2, max_length=3, message="bad length"),
        FieldRule("f", pattern="^[a-z]+$", allowed=("a", "sme", "A"), message="m"),
        FieldRule("f", min_count=2),
        FieldRule("f", max_count=0),
        FieldRule("f", integer=True),
        FieldRule("f", min_count=1, max_length=1),
    ]
    texts = set(_TEXTS)
    for rule in rules:
        assert rule.failing_strings(texts) == {t for t in texts if rule.problem(t)}, rule
