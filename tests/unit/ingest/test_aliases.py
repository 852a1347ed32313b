"""Alias knowledge: a name an identified or loaded actor arrived under names that actor (issue 14)."""

from __future__ import annotations

from ingest.records import Batch, NodeRecord, Origin
from ingest.resolution import make_profile, resolve_batch


def _batch(*actors: tuple[str, dict]) -> Batch:
    b = Batch(source="test")
    for row, (aid, props) in enumerate(actors, start=2):
        b.read_row("f.csv", row)
        b.nodes.append(NodeRecord("Actor", aid, {"kind": "academic_lab", **props}, Origin("test", "f.csv", row, aid)))
    return b


def test_a_name_the_graph_loaded_an_actor_under_finds_that_actor_again() -> None:
    lab = make_profile(
        "rnsr-201220307j",
        "Groupe d'analyse et de théorie économique Lyon - St-Etienne",
        "Ecully",
        "GATE LSE",
        (("rnsr", "201220307J"),),
        in_graph=True,
        names=["Groupe dAnalyse et de Théorie Economique Lyon St Etienne"],
    )
    b = _batch(("anr-gate", {"name": "GROUPE DANALYSE ET DE THEORIE ECONOMIQUE LYON ST ETIENNE", "city": "Ecully"}))
    res = resolve_batch(b, known=[lab])
    assert res.mapping == {"anr-gate": "rnsr-201220307j"}
    assert res.merged_by_alias == 1


def test_an_alias_in_another_city_or_shared_by_two_organisations_decides_nothing() -> None:
    lyon = make_profile("rnsr-1", "Laboratoire de physique", "Lyon", ext=(("rnsr", "1"),), in_graph=True)
    paris = make_profile("rnsr-2", "Laboratoire de physique", "Paris", ext=(("rnsr", "2"),), in_graph=True)
    b = _batch(("anr-lp", {"name": "Laboratoire de Physique", "city": "Marseille"}))
    res = resolve_batch(b, known=[lyon, paris])
    assert res.merged_by_alias == 0 and "anr-lp" not in res.mapping
    b = _batch(("anr-lp", {"name": "Laboratoire de Physique"}))
    assert resolve_batch(b, known=[lyon, paris]).merged_by_alias == 0


def test_two_actors_the_graph_holds_are_never_folded_by_name() -> None:
    a = make_profile("anr-paluvax", "Paluvax", "Paris", in_graph=True)
    b_ = make_profile("anr-paluvax-sas", "PALUVAX SAS", "Paris", in_graph=True)
    b = _batch(("anr-paluvax-sas", {"name": "PALUVAX SAS", "city": "Paris"}))
    res = resolve_batch(b, known=[a, b_])
    assert res.mapping == {}


def test_a_second_resolution_of_the_same_rows_lands_where_the_first_did() -> None:
    rows = (
        ("rnsr-201822637c", {"name": "Institut de recherche sur les maladies infectieuses", "rnsr": "201822637C"}),
        ("anr-irmi", {"name": "INSTITUT DE RECHERCHE SUR LES MALADIES INFECTIEUSES", "city": "Paris"}),
        ("anr-paluvax", {"name": "Paluvax", "city": "Paris"}),
        ("anr-paluvax-sas", {"name": "PALUVAX SAS", "city": "Paris"}),
    )
    first = _batch(*rows)
    resolve_batch(first)
    graph: dict[str, set[str]] = {}
    for n in first.nodes:
        graph.setdefault(n.id, set()).add(n.props["name"])
    known = [
        make_profile(
            aid,
            sorted(names)[0],
            "Paris",
            ext=(("rnsr", "201822637C"),) if aid.startswith("rnsr") else (),
            in_graph=True,
            names=names,
        )
        for aid, names in graph.items()
    ]
    second = _batch(*rows)
    resolve_batch(second, known=known)
    assert sorted({n.id for n in second.nodes}) == sorted(graph)
