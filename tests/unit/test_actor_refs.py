"""The reference picker: which actor a reference naming several gets, and what the user is told."""

from __future__ import annotations

from queries.actor_refs import Candidate, _NameTable, compared_form, pick


def test_compared_form_ignores_case_accents_spaces_and_apostrophe_kinds() -> None:
    assert compared_form("  CENTRE Hospitalier\tUniversitaire de  Nice ") == "centre hospitalier universitaire de nice"
    assert compared_form("Hôpital Foch") == compared_form("HOPITAL FOCH")
    assert compared_form("Groupe d’Analyse") == compared_form("groupe d'analyse")
    assert compared_form("Institut Curie") != compared_form("Institut-Curie")  # punctuation is not whitespace


def test_an_id_beats_an_external_id_beats_a_name_beats_a_loaded_name() -> None:
    alias = Candidate("z-alias", "Z", "alias", registered=True, projects=99)
    name = Candidate("y-name", "Y", "name", registered=True, projects=50)
    xref = Candidate("x-rnsr", "X", "rnsr", registered=True, projects=1)
    ident = Candidate("w-id", "W", "id", registered=False, projects=0)
    got = pick("ref", [alias, name, xref, ident])
    assert got is not None and (got.id, got.matched_by) == ("w-id", "id")
    assert [c.id for c in got.alternatives] == ["x-rnsr", "y-name", "z-alias"]
    got = pick("ref", [alias, name])
    assert got is not None and got.id == "y-name"  # an exact name wins over a bigger track record by alias


def test_among_namesakes_registered_then_track_record_then_smaller_id() -> None:
    busy = Candidate("anr-chu", "CHU", "name", registered=False, projects=40)
    registered = Candidate("rnsr-chu", "CHU", "name", registered=True, projects=2)
    got = pick("CHU", [busy, registered])
    assert got is not None and got.id == "rnsr-chu" and [c.id for c in got.alternatives] == ["anr-chu"]
    small = Candidate("a-small", "CHU", "name", projects=1)
    got = pick("CHU", [small, busy])
    assert got is not None and got.id == "anr-chu"
    twin = Candidate("b-twin", "CHU", "name", projects=1)
    got = pick("CHU", [twin, small])
    assert got is not None and got.id == "a-small"


def test_one_actor_matched_twice_is_one_candidate_at_its_best_match() -> None:
    got = pick("ap-hp", [Candidate("ap-hp", "AP-HP", "name"), Candidate("ap-hp", "AP-HP", "id")])
    assert got is not None and got.matched_by == "id" and not got.ambiguous and got.notice() is None
    assert pick("nobody", []) is None


def test_the_notice_names_the_pick_why_and_the_others() -> None:
    got = pick(
        "Centre Hospitalier Universitaire de Nice",
        [
            Candidate("anr-chu-nice", "Centre Hospitalier Universitaire de Nice", "name", projects=3),
            Candidate("rnsr-199323262v", "Centre Hospitalier Universitaire de Nice", "name", True, 40),
        ],
    )
    assert got is not None
    notice = got.notice()
    assert notice is not None
    assert notice.startswith("'Centre Hospitalier Universitaire de Nice' names 2 actors; using ")
    using, others = notice.split(" — others: ")
    assert "[rnsr-199323262v] (name, registered, 40 project(s))" in using
    assert "[anr-chu-nice] (name, not registered, 3 project(s))" in others
    d = got.as_dict()
    assert d["id"] == "rnsr-199323262v" and [a["id"] for a in d["alternatives"]] == ["anr-chu-nice"]


def test_the_name_table_reads_names_and_falls_back_to_name() -> None:
    table = _NameTable.from_rows(
        [
            {
                "id": "lab-a",
                "name": "Lab A",
                "names": ["Lab A", "UMR 1 Lab A - CNRS Délégation"],
                "rnsr": "1",
                "projects": 4,
            },
            {"id": "lab-b", "name": "UMR 1 LAB A - CNRS DELEGATION", "names": None, "projects": 0},
            {"id": "old", "name": "Old Graph Actor", "projects": 2},
        ]
    )
    hits = {c.id: c for c in table.by_name("umr 1 lab a - cnrs delegation")}
    assert (hits["lab-a"].matched_by, hits["lab-a"].registered, hits["lab-a"].projects) == ("alias", True, 4)
    assert hits["lab-b"].matched_by == "name" and not hits["lab-b"].registered
    got = pick("umr 1 lab a - cnrs delegation", hits.values())
    assert got is not None and got.id == "lab-b"
    assert [c.id for c in table.by_name("OLD GRAPH ACTOR")] == ["old"]
    assert [c.matched_by for c in table.by_name("lab a")] == ["name"]  # its own name listed in names stays "name"
    assert table.by_name("Lab") == []
