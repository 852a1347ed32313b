"""A big label or link group is checked, folded and queued in parts, so the writer starts early.

`ingest.loader._parts` must never split one key's records over two parts (they fold into one
row), must keep every record once, and keep the records' order inside a part.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ingest.loader import _parts


def _keys(records: list[tuple[str, int]]) -> Iterator[str]:
    return (key for key, _ in records)


def _check(records: list[tuple[str, int]], parts: list[list[tuple[str, int]]]) -> None:
    assert sorted(r for p in parts for r in p) == sorted(records)  # each record once
    for part in parts:
        assert [r for r in records if r in part] == part  # the records' own order
    owners = [{k for k, _ in p} for p in parts]
    assert sum(map(len, owners)) == len(set().union(*owners))  # no key in two parts


def test_records_grouped_by_key_are_cut_where_the_key_changes() -> None:
    records = [(k, i) for i, k in enumerate("aabbbcddddeeffg")]
    parts = _parts(records, _keys, 4)
    _check(records, parts)
    assert [len(p) for p in parts] == [5, 5, 2, 3]  # cuts moved past "b" and "d"
    assert [r for p in parts for r in p] == records  # plain slices of the list


def test_interleaved_keys_go_to_the_part_of_their_key() -> None:
    records = [(k, i) for i, k in enumerate("abcabcabcdefdef")]
    parts = _parts(records, _keys, 4)
    _check(records, parts)
    assert len(parts) == 4
    assert {k for k, _ in parts[0]} == {"a", "b"}


@pytest.mark.parametrize("keys", ["", "a", "aaaaaaaaaaaab", "abcdefgh" * 5, "zyxw"])
def test_any_list_is_cut_without_loss(keys: str) -> None:
    records = [(k, i) for i, k in enumerate(keys)]
    parts = _parts(records, _keys, 3)
    _check(records, parts)
    assert all(parts)  # no empty part
