"""SHACL shapes compiled to plain Python checks, for loads too large for pyshacl.

pyshacl validates the RDF form of a record (used for the seed and in tests); bulk loads of
tens of thousands of rows use these compiled rules instead. Both read the same shapes.ttl,
and a test checks that they agree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from ontology.schema import ONTOLOGY_DIR

__all__ = ["FieldRule", "ShapeRules", "load_shape_rules"]

SH = Namespace("http://www.w3.org/ns/shacl#")
_XSD_INT = URIRef("http://www.w3.org/2001/XMLSchema#integer")


@dataclass(frozen=True)
class FieldRule:
    """One sh:property of a node shape, on a record field named like the property's local name."""

    field: str
    min_count: int = 0
    max_count: int | None = None
    pattern: str | None = None
    allowed: tuple[str, ...] | None = None
    integer: bool = False
    min_length: int | None = None
    max_length: int | None = None
    min_value: int | None = None
    max_value: int | None = None
    target_class: str | None = None
    message: str = ""

    def problem(self, value: Any) -> str | None:
        """Why `value` breaks this rule, or None. Lists stand for several values."""
        values = [] if value is None or value == "" else (list(value) if isinstance(value, (list, tuple)) else [value])
        if len(values) < self.min_count:
            return self.message or "is required"
        if self.max_count is not None and len(values) > self.max_count:
            return self.message or f"takes at most {self.max_count} value(s)"
        for v in values:
            if self.integer:
                if isinstance(v, bool) or not isinstance(v, int):
                    return self.message or "must be an integer"
                if self.min_value is not None and v < self.min_value:
                    return self.message
                if self.max_value is not None and v > self.max_value:
                    return self.message
                continue
            text = str(v)
            if self.pattern is not None and not re.search(self.pattern, text):
                return self.message or f"does not match {self.pattern}"
            if self.allowed is not None and text not in self.allowed:
                return self.message or f"is not one of {', '.join(self.allowed)}"
            if self.min_length is not None and len(text) < self.min_length:
                return self.message
            if self.max_length is not None and len(text) > self.max_length:
                return self.message
        return None

    def failing_strings(self, texts: set[str]) -> set[str]:
        """The strings of `texts` that `problem` finds a problem with (a truthy one), judged as a set.

        The same checks, in the same order, as `problem` on one string: a regex compiled once
        and set arithmetic instead of a call per value. A check whose problem is the empty
        message passes the value, and, as in `problem`, ends its checks.
        """
        bad = {""} if "" in texts and self.min_count > 0 else set()
        rest = texts - {""}
        if not rest:
            return bad
        if self.min_count > 1 or (self.max_count is not None and self.max_count < 1) or self.integer:
            return bad | rest  # one value: too few, too many, or not an integer
        if self.pattern is not None:
            search = re.compile(self.pattern).search
            failed = {t for t in rest if not search(t)}
            bad |= failed
            rest -= failed
        if self.allowed is not None:
            failed = rest.difference(self.allowed)
            bad |= failed
            rest -= failed
        for bound, too_far in ((self.min_length, lambda t, n: len(t) < n), (self.max_length, lambda t, n: len(t) > n)):
            if bound is not None:
                failed = {t for t in rest if too_far(t, bound)}
                if self.message:
                    bad |= failed
                rest -= failed
        return bad


_Entry = tuple[int, FieldRule, dict[Any, str | None]]
"""(rule's position, rule, its verdicts so far by value)."""
_Compiled = tuple[dict[str, list[_Entry]], tuple[tuple[int, FieldRule, str], ...]]
"""(the rules of each field, the (position, rule, problem) of rules a missing field breaks)."""
_MAX_VERDICTS = 200_000


@dataclass(frozen=True)
class ShapeRules:
    """The compiled rules of each node shape, keyed by the local name of its target class."""

    by_class: dict[str, tuple[FieldRule, ...]]
    _compiled: dict[str, _Compiled] = field(default_factory=dict, compare=False, repr=False)

    def _compile(self, cls: str) -> _Compiled:
        rules = [rule for rule in self.by_class.get(cls, ()) if rule.target_class is None]
        by_field: dict[str, list[_Entry]] = {}
        for i, rule in enumerate(rules):  # a field may have several sh:property shapes
            by_field.setdefault(rule.field, []).append((i, rule, {}))
        when_absent = tuple((i, rule, p) for i, rule in enumerate(rules) if (p := rule.problem(None)))
        compiled = self._compiled[cls] = (by_field, when_absent)
        return compiled

    def check(self, cls: str, record: dict[str, Any]) -> list[tuple[str, Any, str]]:
        """Every (field, value, problem) of a record; object-property rules are checked by the loader.

        A bulk load states the same values over and over (a kind, a city, a programme), so
        each rule remembers its verdict on the values it has seen: a load of 90,000 records
        runs a few thousand regex and list checks instead of a million. Only the fields a
        record has are looked at, plus the required ones it lacks.
        """
        by_field, when_absent = self._compiled.get(cls) or self._compile(cls)
        found: list[tuple[int, str, Any, str]] = []
        for name, value in record.items():
            entries = by_field.get(name)
            if entries is None:
                continue
            key = _verdict_key(value)
            for i, rule, seen in entries:
                if problem := self._verdict(rule, seen, value, key):
                    found.append((i, name, value, problem))
        for i, rule, problem in when_absent:
            if rule.field not in record:
                found.append((i, rule.field, None, problem))
        if len(found) > 1:
            found.sort(key=lambda f: f[0])  # in rule order, as shapes.ttl lists them
        return [(name, value, problem) for _, name, value, problem in found]

    def suspects(self, cls: str, props: list[Mapping[str, Any]], fixed: dict[str, list[Any]]) -> set[int]:
        """Positions of records that may break a rule of `cls`; `check` is certain to pass the others.

        A record is `props[i]` with the fields of `fixed` set to `fixed[name][i]` (the loader
        adds the id and the sources so; the rules read a tuple as the list the record holds).
        Field by field over the whole list, each distinct (type, value) is judged once, so a
        load of 90,000 records asks a few thousand verdicts and never builds a record dict
        just to check it; fields no record has cost nothing. A value of a type whose equality
        may hide differences (anything but str, int, float, bool, None and tuples of str)
        makes its record a suspect, to be checked in full.
        """
        by_field, when_absent = self._compiled.get(cls) or self._compile(cls)
        required = {rule.field for _, rule, _ in when_absent}
        present: set[str] = set().union(*set(map(tuple, props)))
        out: set[int] = set()
        for name, entries in by_field.items():
            values = fixed.get(name)
            if values is None:
                if name not in present:
                    if name in required:
                        out.update(range(len(props)))
                    continue
                values = [p.get(name, _ABSENT) for p in props]
            types = set(map(type, values))
            if str in types and types <= _TEXT_OR_ABSENT:  # names, ids, codes: each distinct string judged at once
                texts = set(values)
                absent = _ABSENT in texts
                texts.discard(_ABSENT)
                if all(type(v) is str for v in texts):  # no other bare object() stands among them
                    bad_texts: set[Any] = set().union(*(rule.failing_strings(texts) for _, rule, _ in entries))
                    if absent and name in required:
                        bad_texts.add(_ABSENT)
                    if bad_texts:
                        out.update(i for i, v in enumerate(values) if v in bad_texts)
                    continue
            if len(types) == 1 and (t := next(iter(types))) in _PLAIN:  # one other plain type
                bad_values = {v for v in set(values) if self._bad(name, entries, required, t, v)}
                if bad_values:
                    out.update(i for i, v in enumerate(values) if v in bad_values)
                continue
            try:
                distinct = set(zip(map(type, values), values, strict=True))
            except TypeError:  # an unhashable value (a list): those records are checked in full
                out.update(i for i, v in enumerate(values) if not (v is _ABSENT or _plain(type(v), v)))
                distinct = {(type(v), v) for v in values if v is _ABSENT or _plain(type(v), v)}
            bad = {(t, v) for t, v in distinct if self._bad(name, entries, required, t, v)}
            if bad:
                out.update(
                    i for i, v in enumerate(values) if (v is _ABSENT or _plain(type(v), v)) and (type(v), v) in bad
                )
        return out

    def _bad(self, name: str, entries: list[_Entry], required: set[str], t: type, value: Any) -> bool:
        """Whether a record whose field `name` holds `value` (of type `t`) may break a rule."""
        if value is _ABSENT:
            return name in required
        if not _plain(t, value):
            return True
        key = _verdict_key(value)
        return any(self._verdict(rule, seen, value, key) for _, rule, seen in entries)

    @staticmethod
    def _verdict(rule: FieldRule, seen: dict[Any, str | None], value: Any, key: Any) -> str | None:
        """The rule's problem with `value`, remembered under `key` (its `_verdict_key`)."""
        if key is _UNCACHED:
            return rule.problem(value)
        try:
            return seen[key]
        except KeyError:
            if len(seen) >= _MAX_VERDICTS:  # a long-lived process loads file after file
                seen.clear()
            problem = seen[key] = rule.problem(value)
            return problem


_PLAIN = frozenset({str, int, float, bool, type(None)})
"""Types whose equal values (of the same type) always get the same verdict."""
_ABSENT = object()
"""A field a record lacks (None is a value it states)."""
_TEXT_OR_ABSENT = frozenset({str, object})
"""Types of a field's values that `failing_strings` judges: strings, and `_ABSENT` (a bare object)."""


def _plain(t: type, value: Any) -> bool:
    """Whether every value equal to `value` and of type `t` gets its verdict: plain scalars, tuples of str."""
    return t in _PLAIN or (t is tuple and all(type(x) is str for x in value))


_UNCACHED = object()


def _verdict_key(value: Any) -> Any:
    """A key under which a rule's verdict on `value` can be remembered, or _UNCACHED.

    Keys are typed exactly: 1, 1.0 and True are equal as dict keys but not to a rule.
    """
    t = type(value)
    if t is str or value is None:
        return value
    if t is list and len(value) == 1 and type(value[0]) is str:  # sources: [the source]
        return ("[str]", value[0])
    if t is int:
        return ("int", value)
    return _UNCACHED


def _int(g: Graph, node: Any, prop: URIRef) -> int | None:
    v = g.value(node, prop, any=False)
    return None if v is None else int(v)


@cache
def load_shape_rules(path: Path | None = None) -> ShapeRules:
    g = Graph().parse(path or ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    by_class: dict[str, tuple[FieldRule, ...]] = {}
    for shape in g.subjects(RDF.type, SH.NodeShape):
        target = g.value(shape, SH.targetClass, any=False)
        rules = []
        for prop in g.objects(shape, SH.property):
            path_ = g.value(prop, SH.path, any=False)
            allowed_node = g.value(prop, SH["in"], any=False)
            allowed = tuple(str(x) for x in Collection(g, allowed_node)) if allowed_node is not None else None
            pattern = g.value(prop, SH.pattern, any=False)
            cls = g.value(prop, SH["class"], any=False)
            message = g.value(prop, SH.message, any=False)
            rules.append(
                FieldRule(
                    field=str(path_).rsplit("#", 1)[-1],
                    min_count=_int(g, prop, SH.minCount) or 0,
                    max_count=_int(g, prop, SH.maxCount),
                    pattern=str(pattern) if pattern is not None else None,
                    allowed=allowed,
                    integer=g.value(prop, SH.datatype, any=False) == _XSD_INT,
                    min_length=_int(g, prop, SH.minLength),
                    max_length=_int(g, prop, SH.maxLength),
                    min_value=_int(g, prop, SH.minInclusive),
                    max_value=_int(g, prop, SH.maxInclusive),
                    target_class=str(cls).rsplit("#", 1)[-1] if cls is not None else None,
                    message=str(message) if isinstance(message, Literal) else "",
                )
            )
        by_class[str(target).rsplit("#", 1)[-1]] = tuple(sorted(rules, key=lambda r: r.field))
    return ShapeRules(by_class=by_class)
