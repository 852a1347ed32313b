"""The recommender's index and scorer on a small hand-built graph: exact, deterministic answers."""

from __future__ import annotations

from dataclasses import fields

import pytest

from errors import QueryError
from ontology import load_schema
from queries.consortium import build_consortium_in
from queries.rec_graph import ActorInfo, ProjectInfo, RecGraph
from queries.rec_text import infer_concepts, tokens
from queries.recommend import RecQuery, Weights, features, recommend_in, score_all, score_top, top_k

SCHEMA = load_schema()


def _graph() -> RecGraph:
    actors = [
        ActorInfo("lab-a", "Laboratoire imagerie tumorale", "academic_lab", departement="75", city="Paris"),
        ActorInfo("lab-b", "Laboratoire neurosciences", "academic_lab", departement="91", city="Orsay"),
        ActorInfo("hosp", "Hôpital Saint-Exemple", "hospital", departement="75", city="Paris"),
        ActorInfo("sme-x", "Imagix SAS", "sme", departement="92", city="Boulogne", ids=(("siren", "123456789"),)),
        ActorInfo("sme-y", "Neurotech SAS", "sme", region="Occitanie", city="Toulouse"),
        ActorInfo("big", "Pharma Group", "large_company", departement="78"),
        ActorInfo("lone", "Isolated lab", "academic_lab", region="Bretagne"),
    ]
    projects = {
        "p1": (ProjectInfo("p1", "ONCO-IMG", 2021, "Imagerie des tumeurs"), "ONCO-IMG Imagerie des tumeurs par IRM"),
        "p2": (
            ProjectInfo("p2", "NEURO", 2015, "Neurodegenerative disease"),
            "NEURO Alzheimer neurodegenerative disease",
        ),
        "p3": (ProjectInfo("p3", "TRIAL", 2020, "Essai clinique cancer"), "TRIAL essai clinique cancer du sein"),
        "p4": (ProjectInfo("p4", "SOLO", 2019, "Solo"), "SOLO microscopie"),
    }
    parts = [
        ("lab-a", "p1", "coordinator"),
        ("hosp", "p1", "partner"),
        ("sme-x", "p1", "partner"),
        ("lab-b", "p2", "coordinator"),
        ("sme-y", "p2", "partner"),
        ("hosp", "p2", "partner"),
        ("hosp", "p3", "coordinator"),
        ("big", "p3", "partner"),
        ("lone", "p4", "coordinator"),
    ]
    tags = [
        ("p1", "ADDRESSES", "dom-cancer"),
        ("p3", "ADDRESSES", "dom-cancer"),
        ("lab-b", "WORKS_ON", "dom-neurodegenerative"),
        ("sme-x", "USES_TECHNOLOGY", "tech-digital"),
    ]
    links = [("lab-a", "SUPERVISED_BY", "big"), ("lab-b", "SUPERVISED_BY", "big")]
    return RecGraph(actors, projects, parts, tags, links, SCHEMA, ref_year=2022)


def test_tokens_fold_accents_and_drop_stop_words() -> None:
    assert tokens("L'Hôpital et les Essais cliniques") == ["hopital", "essai", "clinique"]
    assert tokens(None) == []


def test_infer_concepts_from_labels_in_french_and_english() -> None:
    assert "dom-cancer" in infer_concepts("Essai clinique sur le cancer du sein", SCHEMA)
    assert "axis-clinical-research" in infer_concepts("A phase II clinical trial", SCHEMA)
    assert infer_concepts("quantum cryptography over fibre", SCHEMA) == []


def test_coparticipant_of_partner_ranks_first_with_reasons() -> None:
    g = _graph()
    found = recommend_in(g, RecQuery(partners=("lab-a",), top=3))
    assert [s.actor for s in found][:2] == ["hosp", "sme-x"]
    codes = {r.code for r in found[0].reasons}
    assert "co_participation" in codes and "fills_role" in codes
    co = next(r for r in found[0].reasons if r.code == "co_participation")
    assert co.text == "co-participated with Laboratoire imagerie tumorale in ONCO-IMG (2021)"
    assert {(f.source, f.rel, f.target) for f in co.facts} == {
        ("hosp", "PARTICIPATES_IN", "p1"),
        ("lab-a", "PARTICIPATES_IN", "p1"),
    }


def test_adamic_adar_reaches_partners_of_partners() -> None:
    g = _graph()
    feats = features(g, RecQuery(partners=("lab-a",)))
    assert set(feats["direct"]) == {"hosp", "sme-x"}
    # hosp links lab-a to lab-b, sme-y (p2) and big (p3)
    assert {"lab-b", "sme-y", "big"} <= set(feats["adamic_adar"])
    assert "lone" not in feats["adamic_adar"]


def test_shared_supervisor_is_a_reason() -> None:
    g = _graph()
    found = recommend_in(g, RecQuery(partners=("lab-a",), roles=("academic_lab",), top=2))
    assert found[0].actor == "lab-b"
    shared = [r for r in found[0].reasons if r.code == "shared_link"]
    assert shared and {(f.source, f.rel, f.target) for f in shared[0].facts} == {
        ("lab-b", "SUPERVISED_BY", "big"),
        ("lab-a", "SUPERVISED_BY", "big"),
    }


def test_cold_start_uses_text_and_concepts() -> None:
    g = _graph()
    found = recommend_in(g, RecQuery(text="maladie neurodégénérative Alzheimer", top=3))
    assert found[0].actor == "lab-b"
    assert any(r.code in ("shared_concept", "concept_rollup") for r in found[0].reasons)


def test_concept_rollup_through_broader() -> None:
    g = _graph()
    assert "dom-neuro" in SCHEMA.ancestors("dom-neurodegenerative")
    feats = features(g, RecQuery(domains=("dom-neuro",)))
    assert feats["concept"]["lab-b"] == pytest.approx(0.5)
    found = recommend_in(g, RecQuery(domains=("dom-neuro",), roles=("academic_lab",), top=1))
    rollup = next(r for r in found[0].reasons if r.code == "concept_rollup")
    assert ("lab-b", "WORKS_ON", "dom-neurodegenerative") in {(f.source, f.rel, f.target) for f in rollup.facts}
    assert ("dom-neurodegenerative", "BROADER", "dom-neuro") in {(f.source, f.rel, f.target) for f in rollup.facts}


def test_constraints_roles_exclusions_and_idf() -> None:
    g = _graph()
    found = recommend_in(g, RecQuery(partners=("lab-a",), roles=("sme",), exclude=("sme-x",), top=5))
    assert [s.actor for s in found] == ["sme-y"]
    idf = recommend_in(g, RecQuery(idf_only=True, top=10))
    assert {s.actor for s in idf} == {"lab-a", "hosp", "sme-x", "lab-b", "big"}
    assert all(s.actor not in ("lab-a",) for s in recommend_in(g, RecQuery(partners=("lab-a",), top=10)))


def test_unknown_inputs_raise_with_the_allowed_values() -> None:
    g = _graph()
    with pytest.raises(QueryError, match="unknown partner id"):
        recommend_in(g, RecQuery(partners=("nope",)))
    with pytest.raises(QueryError, match="unknown role 'lab'; allowed: academic_lab"):
        recommend_in(g, RecQuery(roles=("lab",)))
    with pytest.raises(QueryError, match="unknown concept 'dom-x'"):
        recommend_in(g, RecQuery(domains=("dom-x",)))


def test_without_project_removes_every_derived_weight_and_restores_them() -> None:
    g = _graph()
    before = (
        {a: dict(v) for a, v in g.nbr_w.items()},
        {a: dict(v) for a, v in g.actor_tf.items()},
        dict(g.norm),
        {a: set(v) for a, v in g.actor_projects.items()},
        dict(g.priors(1.0, 1.0, 1.0)),
    )
    strength, strongest = g.strength("hosp"), g.strongest("hosp")
    assert {b for b, _ in strongest} == {"lab-a", "sme-x", "lab-b", "sme-y", "big"}
    with g.without_project("p1"):
        assert g.strength("hosp") < strength and {b for b, _ in g.strongest("hosp")} == {"lab-b", "sme-y", "big"}
        assert "sme-x" not in g.nbr_w["hosp"] and "hosp" not in g.nbr_w["lab-a"]
        assert "tumeur" not in g.actor_tf["hosp"]
        assert g.actor_projects["sme-x"] == set()
        assert "hosp" not in g.concept_holders["dom-cancer"] or "p3" in g.actor_projects["hosp"]
        assert "sme-x" not in g.concept_holders["dom-cancer"]
        assert "sme-x" not in features(g, RecQuery(partners=("lab-a",)))["direct"]
    after = (
        {a: dict(v) for a, v in g.nbr_w.items() if v},
        {a: dict(v) for a, v in g.actor_tf.items() if v},
        dict(g.norm),
        {a: set(v) for a, v in g.actor_projects.items() if v},
        dict(g.priors(1.0, 1.0, 1.0)),
    )
    assert after[0] == {a: v for a, v in before[0].items() if v}
    assert after[1] == {a: v for a, v in before[1].items() if v}
    assert after[2] == before[2] and after[4] == before[4]
    assert g.strength("hosp") == pytest.approx(strength)
    assert [b for b, _ in g.strongest("hosp")] == [b for b, _ in strongest]
    assert after[3] == {a: v for a, v in before[3].items() if v}


def test_scores_are_deterministic_and_ties_break_by_id() -> None:
    g = _graph()
    q = RecQuery(text="imagerie", partners=("hosp",), top=6)
    assert [s.actor for s in recommend_in(g, q)] == [s.actor for s in recommend_in(_graph(), q)]
    assert top_k({"b": 1.0, "a": 1.0}, 1) == [(-1.0, "a")]
    zero = Weights(**dict.fromkeys((f.name for f in fields(Weights)), 0.0))
    scores, _ = score_all(g, q, zero)
    assert set(scores.values()) == {0.0} and "hosp" not in scores


def test_consortium_fills_each_seat_with_distinct_actors_and_alternates() -> None:
    g = _graph()
    built = build_consortium_in(g, RecQuery(text="imagerie cancer"), ["hospital", "sme", "academic_lab"], alternates=1)
    holders = [s.holder.actor for s in built.seats if s.holder]
    assert holders[0] == "hosp"
    assert [g.actors[h].kind for h in holders] == ["hospital", "sme", "academic_lab"]
    everyone = holders + [a.actor for s in built.seats for a in s.alternates]
    assert len(everyone) == len(set(everyone))
    assert built.seats[0].alternates == ()  # the only hospital holds the seat
    capped = build_consortium_in(g, RecQuery(partners=("lab-a",)), ["sme", "hospital"], max_size=2)
    assert len(capped.members()) == 2
    with pytest.raises(QueryError, match="at least one role"):
        build_consortium_in(g, RecQuery(), [])


def test_array_top_k_equals_the_dict_scores() -> None:
    g = _graph()
    for q in (
        RecQuery(text="imagerie cancer", partners=("hosp",), top=4),
        RecQuery(partners=("lab-a", "sme-y"), roles=("academic_lab", "large_company"), top=3),
        RecQuery(text="neurodegenerative", idf_only=True, exclude=("lab-b",), top=10),
        RecQuery(top=50),
    ):
        assert score_top(g, q)[0] == top_k(score_all(g, q)[0], q.top)
