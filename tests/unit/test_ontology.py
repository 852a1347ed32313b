"""The schema derived from ecosystem.ttl: what the issue requires the ontology to declare."""

from __future__ import annotations

import pytest

from errors import OntologyError
from graph.ddl import falkordb_indexes, neo4j_statements
from ontology import load_schema, load_shape_rules

REQUIRED_DOMAINS = {
    "dom-cancer", "dom-neuro", "dom-infectious",  # the plan's three priorities
    "dom-biotherapies", "dom-bioproduction", "dom-medtech", "dom-surgery", "dom-imaging", "dom-diagnostics",
    "dom-ivd", "dom-digital-health", "dom-health-data", "dom-microbiome", "dom-rare-diseases",
}  # fmt: skip
REQUIRED_AXES = {
    "axis-translational", "axis-clinical-research", "axis-imaging", "axis-bio-tools", "axis-biomarkers",
    "axis-models", "axis-biotherapies-stem-cells", "axis-bio-digital", "axis-bioinformatics", "axis-e-health",
    "axis-bci", "axis-sovereignty", "axis-digital-health-growth", "axis-europe",
}  # fmt: skip


def test_concept_schemes_hold_the_strategy_concepts() -> None:
    s = load_schema()
    assert REQUIRED_DOMAINS <= {c.id for c in s.concepts_of("Domain")}
    assert REQUIRED_AXES <= {c.id for c in s.concepts_of("Axis")}
    assert {c.id for c in s.concepts_of("Sector")} == {"fil-biotech", "fil-medtech", "fil-esante"}
    assert {c.id for c in s.concepts_of("Market")} == {"mkt-drugs", "mkt-imaging", "mkt-bio-tools"}
    deps = {c.notation for c in s.concepts_of("Territory") if c.broader == ("ter-idf",)}
    assert deps == {"75", "77", "78", "91", "92", "93", "94", "95"}


def test_every_concept_has_french_and_english_labels() -> None:
    for c in load_schema().concepts.values():
        assert dict(c.names).keys() == {"fr", "en"}, c.id


def test_sub_themes_roll_up_to_their_axis() -> None:
    s = load_schema()
    assert s.ancestors("axis-bci") == ["axis-bio-digital"]
    assert s.ancestors("dom-ivd") == ["dom-diagnostics"]
    assert s.ancestors("ter-dep-91") == ["ter-idf", "ter-fr"]


def test_actor_kinds_come_from_the_class_hierarchy() -> None:
    kinds = load_schema().kinds
    assert {"sme", "midcap", "large_company", "academic_lab", "university", "research_org", "hospital", "cluster",
            "technology_park", "foundation", "funder", "patient_association", "service_provider",
            "public_body"} <= set(kinds)  # fmt: skip
    assert kinds["hospital"].name("fr") == "Hôpital / CHU"
    assert kinds["hospital"].stage == "clinical"


def test_relationships_join_declared_labels() -> None:
    s = load_schema()
    for rel in s.relationships.values():
        assert rel.source in s.labels and rel.target in s.labels, rel.type
    assert s.rel("COLLABORATES_WITH").symmetric
    assert s.relation_for_concept("dom-cancer") == "WORKS_ON"
    assert s.relation_for_concept("axis-bci") == "CONTRIBUTES_TO"


def test_unknown_terms_raise_with_the_allowed_values() -> None:
    s = load_schema()
    with pytest.raises(OntologyError, match="allowed: academic_lab"):
        s.kind("startup")
    with pytest.raises(OntologyError, match="not declared in ecosystem.ttl"):
        s.rel("KNOWS")


def test_ddl_is_generated_for_both_backends() -> None:
    s = load_schema()
    neo = neo4j_statements(s)
    assert "CREATE CONSTRAINT actor_id_unique IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE" in neo
    assert "CREATE INDEX actor_rnsr IF NOT EXISTS FOR (n:Actor) ON (n.rnsr)" in neo
    falkor = falkordb_indexes(s)
    assert ("Actor", "id", True) in falkor and ("Actor", "siren", False) in falkor
    assert len(neo) == len(falkor)


def test_compiled_shape_rules_name_the_field_and_expectation() -> None:
    rules = load_shape_rules()
    good = {"id": "x-1", "name": "Institut Curie", "kind": "hospital", "sources": ["seed"]}
    assert rules.check("Actor", good) == []
    bad = good | {"kind": "startup", "siren": "12345"}
    problems = {f: msg for f, _v, msg in rules.check("Actor", bad)}
    assert set(problems) == {"kind", "siren"}
    assert "9 digits" in problems["siren"]
    assert rules.check("Actor", {k: v for k, v in good.items() if k != "name"})[0][0] == "name"


def test_departements_come_from_the_territories_with_their_insee_code() -> None:
    deps = load_schema().departements()
    assert list(deps) == ["75", "77", "78", "91", "92", "93", "94", "95"]
    assert deps["91"] == "Essonne" and deps["95"] == "Val-d'Oise"
    assert "11" not in deps and "FR" not in deps  # the region and the country are not départements
