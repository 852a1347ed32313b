"""Co-participation pairs: weight, years, symmetric storage, big networks left out."""

from __future__ import annotations

from ingest.collaborations import co_participation


def test_pairs_weight_and_years() -> None:
    parts = [("b", "p1"), ("a", "p1"), ("a", "p2"), ("b", "p2"), ("a", "p3"), ("c", "p3"), ("b", "p1")]
    out = co_participation(parts, {"p1": 2015, "p2": 2012, "p3": None})
    assert [(c.a, c.b, c.weight, c.first_year, c.last_year, c.projects) for c in out] == [
        ("a", "b", 2, 2012, 2015, ("p1", "p2")),
        ("a", "c", 1, None, None, ("p3",)),
    ]


def test_a_programme_wide_network_links_nobody() -> None:
    parts = [(f"x{i:03d}", "big") for i in range(300)] + [("x000", "small"), ("x001", "small")]
    out = co_participation(parts, {}, max_partners=200)
    assert [(c.a, c.b) for c in out] == [("x000", "x001")]


def test_same_input_in_any_order_gives_the_same_pairs() -> None:
    parts = [("a", "p1"), ("b", "p1"), ("c", "p1"), ("c", "p2"), ("a", "p2")]
    assert co_participation(parts, {}) == co_participation(list(reversed(parts)), {})
