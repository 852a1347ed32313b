"""Records of one node may share one properties object; folding must never alter it.

`Batch.shared_props` hands equal properties of one node back as the same object, so the
loader checks and folds them once; `_new_fold` keeps a record's properties as its row until
a later record changes the row. These tests pin both: sharing is by equality and per node,
and a fold that fills or unions a property leaves every record's properties as read.
"""

from __future__ import annotations

import copy

from ingest.loader import _fold_links, _fold_nodes
from ingest.records import Batch, LinkRecord, NodeRecord, Origin


def _origin(row: int) -> Origin:
    return Origin("anr", "anr/partners.csv", row, f"K-{row}")


def test_equal_properties_of_one_node_are_shared_and_others_are_not() -> None:
    batch = Batch("anr")
    first = batch.shared_props("Project", "p1", {"title": "A", "year": 2020})
    same = batch.shared_props("Project", "p1", {"title": "A", "year": 2020})
    other_node = batch.shared_props("Project", "p2", {"title": "A", "year": 2020})
    changed = batch.shared_props("Project", "p1", {"title": "A", "year": 2021})
    assert same is first
    assert other_node is not first
    assert changed is not first and changed == {"title": "A", "year": 2021}
    # a node alternating between spellings keeps sharing each of them
    assert batch.shared_props("Project", "p1", {"title": "A", "year": 2021}) is changed
    assert batch.shared_props("Project", "p1", {"title": "A", "year": 2020}) is first


def test_folding_fills_and_unions_without_altering_any_record() -> None:
    batch = Batch("anr")
    shared = batch.shared_props("Actor", "a1", {"name": "Lab", "aliases": ["x", "b"]})
    fuller = batch.shared_props("Actor", "a1", {"name": "Lab", "city": "Paris", "aliases": ["c"]})
    records = [
        NodeRecord("Actor", "a1", shared, _origin(2)),
        NodeRecord("Actor", "a1", shared, _origin(3)),
        NodeRecord("Actor", "a1", fuller, _origin(4)),
    ]
    before = copy.deepcopy([r.props for r in records])
    fold = _fold_nodes(records)[("Actor", ())]["a1"]
    assert fold[0] == {"name": "Lab", "city": "Paris", "aliases": ["b", "c", "x"]}
    assert list(fold[3]) == ["K-2", "K-3", "K-4"]
    assert [r.props for r in records] == before
    assert fold[0] is not shared and fold[0] is not fuller


def test_a_link_stated_once_is_its_own_row_and_a_repeated_one_is_copied_before_filling() -> None:
    once = LinkRecord("PARTICIPATES_IN", "Actor", "a1", "Project", "p1", {"role": "partner"}, _origin(2))
    first = LinkRecord("PARTICIPATES_IN", "Actor", "a2", "Project", "p1", {"role": "partner"}, _origin(3))
    again = LinkRecord("PARTICIPATES_IN", "Actor", "a2", "Project", "p1", {"role": "partner", "year": 2020}, _origin(4))
    folds = _fold_links([once, first, again])
    assert folds[("a1", "p1")][0] is once.props  # nothing to fill: no copy
    assert folds[("a2", "p1")][0] == {"role": "partner", "year": 2020}
    assert first.props == {"role": "partner"} and again.props == {"role": "partner", "year": 2020}
