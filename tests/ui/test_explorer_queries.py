"""The explorer's queries on both backends, with the seed loaded: same answers, deterministic lists."""

from __future__ import annotations

from graph import GraphStore
from queries import run_named


def test_actor_rows_carry_sorted_concept_lists(seeded: GraphStore) -> None:
    rows = {r["id"]: r for r in run_named(seeded, "explorer_actors").rows}
    assert len(rows) == 80
    for row in rows.values():
        for field in ("domains", "axes", "sectors", "clusters"):
            assert row[field] == sorted(row[field])
    assert "dom-cancer" in rows["institut-curie"]["domains"]
    assert "canceropole-ile-de-france" in rows["institut-curie"]["clusters"]


def test_links_are_actor_to_actor_with_a_weight(seeded: GraphStore) -> None:
    rows = run_named(seeded, "explorer_links").rows
    assert rows and all(r["weight"] >= 1 for r in rows)
    assert {"MEMBER_OF", "PARTNER_OF"} <= {r["type"] for r in rows}
    assert rows == sorted(rows, key=lambda r: (r["source"], r["target"], r["type"]))


def test_actor_card_and_facts_carry_provenance(seeded: GraphStore) -> None:
    props = run_named(seeded, "explorer_actor", {"actor_id": "institut-curie"}).rows[0]
    assert props["name"] == "Institut Curie" and props["sources"] == ["seed"]
    facts = run_named(seeded, "explorer_actor_facts", {"actor_id": "institut-curie"}).rows
    member = [f for f in facts if f["rel"] == "MEMBER_OF" and f["other_id"] == "canceropole-ile-de-france"]
    assert member and member[0]["direction"] == "out" and member[0]["prov_files"] == ["seed/links.csv"]
    assert any(f["other_label"] == "Concept" and f["evidence"] for f in facts)


def test_source_loads_count_actors_per_source(seeded: GraphStore) -> None:
    rows = run_named(seeded, "explorer_source_loads").rows
    assert [(r["source"], r["actors"]) for r in rows] == [("seed", 80)]
    assert len(rows[0]["last_loaded"]) == 10, "a day: YYYY-MM-DD"
