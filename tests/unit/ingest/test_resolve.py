"""Entity resolution: identifiers first, then names within blocks; review and decisions; determinism."""

from __future__ import annotations

from pathlib import Path

import pytest

from errors import IngestError
from ingest.records import Batch, LinkRecord, NodeRecord, Origin
from ingest.resolution import (
    ActorProfile,
    Decision,
    make_profile,
    read_decisions,
    resolve_batch,
    resolve_profiles,
    write_review,
)


def _batch(*actors: tuple[str, dict], links: tuple[tuple[str, str], ...] = ()) -> Batch:
    b = Batch(source="test")
    for row, (aid, props) in enumerate(actors, start=2):
        o = Origin("test", "f.csv", row, aid)
        b.read_row("f.csv", row)
        b.nodes.append(NodeRecord("Actor", aid, {"kind": "sme", **props}, o))
    for row, (src, dst) in enumerate(links, start=100):
        o = Origin("test", "f.csv", row, f"{src}>{dst}")
        b.read_row("f.csv", row)
        b.links.append(LinkRecord("SUPERVISED_BY", "Actor", src, "Actor", dst, {}, o))
    return b


def _ids(b: Batch) -> set[str]:
    return {n.id for n in b.nodes}


def test_shared_identifier_merges_onto_the_strongest_id() -> None:
    b = _batch(("pic-999999001", {"name": "Paluvax", "pic": "999999001", "siren": "912345678"}),
               ("siren-912345678", {"name": "PALUVAX SAS", "siren": "912345678"}))  # fmt: skip
    res = resolve_batch(b)
    assert res.mapping == {"pic-999999001": "siren-912345678"} and res.merged_by_id == 1
    assert _ids(b) == {"siren-912345678"}
    assert [n.props.get("aliases") for n in b.nodes] == [["pic-999999001"], None]


def test_two_different_identifiers_never_merge_whatever_the_name() -> None:
    b = _batch(("rnsr-200000001a", {"name": "Institut des sciences de la Terre", "rnsr": "200000001A"}),
               ("rnsr-200000002b", {"name": "Institut des sciences de la Terre", "rnsr": "200000002B"}))  # fmt: skip
    assert resolve_batch(b).mapping == {}


def test_name_only_actor_merges_on_normalised_name_in_the_same_city() -> None:
    b = _batch(
        ("anr-paluvax-sas", {"name": "PALUVAX SAS", "city": "Paris"}),
        ("anr-paluvax", {"name": "Paluvax", "city": "PARIS CEDEX 05"}),
        ("anr-paluvax-us", {"name": "Paluvax", "city": "Madison, Wisconsin"}),  # abroad: a person decides
        ("rnsr-201822637c", {"name": "Institut de Recherche sur les Maladies Infectieuses", "rnsr": "201822637C"}),
        ("anr-irmi", {"name": "INSTITUT DE RECHERCHE SUR LES MALADIES INFECTIEUSES", "city": "Paris"}),
    )
    res = resolve_batch(b)
    assert res.mapping == {"anr-paluvax-sas": "anr-paluvax", "anr-irmi": "rnsr-201822637c"}
    assert (res.merged_by_alias, res.merged_by_name) == (1, 1)  # the lab's own name is an alias of it


def test_acronym_of_an_identified_organisation() -> None:
    b = _batch(("siren-180089013", {"name": "Centre national de la recherche scientifique", "acronym": "CNRS", "siren": "180089013"}),
               ("anr-cnrs", {"name": "CNRS"}))  # fmt: skip
    assert resolve_batch(b).mapping == {"anr-cnrs": "siren-180089013"}


def test_near_names_go_to_review_and_a_decision_applies_next_time(tmp_path: Path) -> None:
    actors = (
        ("anr-universite-paris-5", {"name": "Université Paris 5"}),
        ("anr-universite-paris-7", {"name": "Universite Paris 7"}),
    )
    res = resolve_batch(_batch(*actors))
    assert res.mapping == {}
    assert [(a.id, b.id) for a, b, _ in res.review] == [("anr-universite-paris-5", "anr-universite-paris-7")]
    review = write_review(res.review, tmp_path / "review.csv")
    text = review.read_text(encoding="utf-8").replace(",\n", ",merge\n").replace(",\r\n", ",merge\r\n")
    (tmp_path / "decisions.csv").write_text(text, encoding="utf-8")
    decisions = read_decisions(tmp_path / "decisions.csv")
    assert decisions == [Decision("anr-universite-paris-5", "anr-universite-paris-7", "merge")]
    assert resolve_batch(_batch(*actors), decisions=decisions).mapping == {
        "anr-universite-paris-7": "anr-universite-paris-5"
    }


def test_keep_apart_decision_wins_over_an_exact_name() -> None:
    actors = (("anr-a", {"name": "Laboratoire Alpha"}), ("anr-b", {"name": "Laboratoire Alpha"}))
    assert resolve_batch(_batch(*actors)).mapping == {"anr-b": "anr-a"}
    assert resolve_batch(_batch(*actors), decisions=[Decision("anr-a", "anr-b", "keep_apart")]).mapping == {}


def test_known_graph_actor_keeps_its_id_and_links_follow_the_merge() -> None:
    b = _batch(("anr-inserm", {"name": "Institut national de la santé et de la recherche médicale"}),
               ("rnsr-201822637c", {"name": "Lab", "rnsr": "201822637C"}),
               links=(("rnsr-201822637c", "anr-inserm"),))  # fmt: skip
    known = ActorProfile(
        "siren-180036048",
        "Institut national de la santé et de la recherche médicale",
        "",
        ext=(("siren", "180036048"),),
    )
    resolve_batch(b, known=[known])
    assert [(r.source_id, r.target_id) for r in b.links] == [("rnsr-201822637c", "siren-180036048")]


def test_a_link_folded_into_a_self_loop_is_dropped_and_its_row_counted_merged() -> None:
    b = _batch(("anr-x", {"name": "Alpha Beta"}), ("anr-y", {"name": "ALPHA-BETA"}), links=(("anr-x", "anr-y"),))
    resolve_batch(b)
    assert b.links == [] and b.rows[("f.csv", 100)] == "merged"


def test_resolution_is_deterministic_whatever_the_record_order() -> None:
    actors = [
        (f"anr-{i}", {"name": n, "city": "Paris"})
        for i, n in enumerate(["Acme", "ACME SA", "Acme", "Bolt", "Bolt SAS"])
    ]
    first = resolve_batch(_batch(*actors)).mapping
    assert first == resolve_batch(_batch(*reversed(actors))).mapping


def test_a_decisions_file_with_a_bad_verdict_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "d.csv"
    p.write_text("id_a,id_b,decision\nanr-a,anr-b,perhaps\n", encoding="utf-8")
    with pytest.raises(IngestError, match="row 2, column 'decision'"):
        read_decisions(p)


def _pair(a: tuple[str, str, str], b: tuple[str, str, str], **ext: str):
    """Resolve two profiles (id, name, city); `ext` gives b's external ids."""
    pa = make_profile(*a)
    pb = make_profile(*b, ext=tuple(sorted(ext.items())))
    return resolve_profiles({pa.id: pa, pb.id: pb})


def test_a_unit_named_with_its_parent_is_the_parent_but_a_bare_department_is_not() -> None:
    parent = ("anr-uppsala", "Uppsala University", "Uppsala")
    unit = ("anr-uppsala-med", "Uppsala University / Department of Medical Sciences", "Uppsala")
    assert _pair(unit, parent).mapping == {"anr-uppsala-med": "anr-uppsala"}
    dept = ("anr-dept", "Department of Medical Sciences", "Uppsala")
    assert _pair(dept, unit).mapping == {}
    lab = ("rnsr-200616432p", "INNOVATIONS THERAPEUTIQUES EN HEMOSTASE", "Paris")
    named = ("anr-p5-ith", "Université Paris 5 Descartes - Innovations thérapeutiques en hémostase", "Paris")
    assert _pair(named, lab, rnsr="200616432P").mapping == {"anr-p5-ith": "rnsr-200616432p"}


def test_lab_codes_same_number_merges_other_numbers_and_sibling_teams_do_not() -> None:
    assert _pair(("a", "U896-INSERM", "Montpellier"), ("b", "IRCM - U896 INSERM", "Montpellier")).mapping
    assert not _pair(("a", "Inserm U1016", "Paris"), ("b", "Inserm U1017", "Paris")).mapping
    teams = (("a", "Equipe Neuroépidémiologie - centre Inserm U897", "Bordeaux"),
             ("b", "Equipe Biostatistique - centre Inserm U897", "Bordeaux"))  # fmt: skip
    assert not _pair(*teams).mapping


def test_a_distinctive_namesake_elsewhere_in_the_country_merges_abroad_goes_to_review_a_generic_one_nowhere() -> None:
    # one organisation's two sites (the labelled pairs hold a dozen such: IFP, Biogemma, Invenio…)
    res = _pair(("a", "IFP Energies Nouvelles", "Rueil-Malmaison"), ("b", "IFP Energies nouvelles", "Solaize"))
    assert res.mapping == {"b": "a"}
    res = _pair(("a", "CAMECA", "Gennevilliers"), ("b", "Cameca", "Madison, Wisconsin"))  # its US subsidiary
    assert res.mapping == {} and [(x.id, y.id) for x, y, _ in res.review] == [("a", "b")]
    drci = "Délégation à la Recherche Clinique et à l'Innovation"
    res = _pair(("a", drci, "Paris"), ("b", drci, "Saint-Etienne"))
    assert res.mapping == {} and res.review == []


def test_name_merges_do_not_chain_two_cities_through_a_name_without_city() -> None:
    profiles = [make_profile("a", "Laboratoire de Physique des Solides", "Palaiseau"),
                make_profile("b", "Laboratoire de Physique des Solides", ""),
                make_profile("c", "Laboratoire de Physique des Solides", "Bordeaux")]  # fmt: skip
    res = resolve_profiles({p.id: p for p in profiles})
    assert res.mapping == {"b": "a"}


def test_initials_exonyms_and_acronyms_elsewhere() -> None:
    spcsi = _pair(("a", "SPCSI", "Gif-sur-Yvette"), ("b", "Service de Physique et Chimie des Surfaces et Interfaces", "Gif-sur-Yvette"))  # fmt: skip
    assert spcsi.mapping == {"b": "a"}  # one actor (the smaller id stands for it)
    boc = _pair(("a", "BOC Asset Management GmbH", "VIENNE"), ("pic-1", "BOC ASSET MANAGEMENT GMBH", "Wien"), pic="1")
    assert boc.mapping == {"a": "pic-1"}
    orange = make_profile("pic-999908981", "ORANGE SA", "Issy-les-Moulineaux", "ORANGE", (("pic", "999908981"),))
    lannion = make_profile("anr-orange", "ORANGE", "Lannion")
    # the declared acronym of an identified organisation, at another of its sites in the country (heldout set)
    assert resolve_profiles({p.id: p for p in (orange, lannion)}).mapping == {"anr-orange": "pic-999908981"}
    res = resolve_profiles({p.id: p for p in (orange, make_profile("anr-orange-pl", "ORANGE", "Warszawa"))})
    assert res.mapping == {} and len(res.review) == 1  # in another country: a person decides


def test_a_lab_named_with_its_university_joins_one_of_them_never_both() -> None:
    profiles = [make_profile("anr-cerlis", "Centre de recherche sur les liens sociaux", "Paris"),
                make_profile("anr-p5-cerlis", "Université Paris Descartes - Centre de recherche sur les liens sociaux", "Paris"),
                make_profile("anr-p5", "Université Paris Descartes", "Paris")]  # fmt: skip
    res = resolve_profiles({p.id: p for p in profiles})
    root = {i: res.mapping.get(i, i) for i in ("anr-cerlis", "anr-p5-cerlis", "anr-p5")}
    assert root["anr-cerlis"] != root["anr-p5"]
    assert root["anr-p5-cerlis"] in (root["anr-cerlis"], root["anr-p5"])


def test_a_french_lab_named_with_its_body_is_the_lab_never_the_body() -> None:
    mnhn = ("siren-180044174", "Muséum National d'Histoire Naturelle Paris", "")
    assert not _pair(
        ("anr-impmc", "Museum National dHistoire Naturelle de Paris - IMPMC - UMR 7590", "Paris"), mnhn
    ).mapping
    p5 = ("anr-p5", "Université Paris Descartes", "Paris")
    assert not _pair(
        ("anr-lpp", "Université Paris Descartes - Laboratoire Psychologie de la Perception", "Paris"), p5
    ).mapping
    lab = ("anr-lcbpt", "Laboratoire de Chimie et Biochimie Pharmacologiques et Toxicologiques", "Paris")
    named = ("anr-umr", "UMR8601-CNRS, Université Paris Descartes Laboratoire de Chimie et Biochimie Pharmacologiques et Toxicologiques", "Paris")  # fmt: skip
    assert _pair(named, lab).mapping == {"anr-umr": "anr-lcbpt"}
    assert _pair(("a", "Centre Jean Pépin (UMR 8230)", "Villejuif"), ("b", "Centre Jean Pépin", "Villejuif")).mapping
    assert not _pair(("a", "INSERM PARIS 5 U1163", "Paris"), ("b", "INSERM PARIS 5", "Villejuif")).mapping


def test_a_lab_the_rnsr_knows_by_its_acronym_is_not_its_university() -> None:
    profiles = [make_profile("rnsr-201220217c", "Laboratoire des sciences de l'ingénieur, de l'informatique et de l'imagerie", "Illkirch", "ICUBE", (("rnsr", "201220217C"),)),
                make_profile("anr-unistra-icube", "Université de Strasbourg - ICUBE", "Illkirch-Graffenstaden"),
                make_profile("anr-unistra", "Université de Strasbourg", "Strasbourg")]  # fmt: skip
    res = resolve_profiles({p.id: p for p in profiles})
    assert res.mapping.get("anr-unistra") is None and res.mapping.get("anr-unistra-icube") != "anr-unistra"


def test_a_foreign_department_or_institute_is_its_university() -> None:
    assert _pair(
        ("a", "Department of Physics of Oxford University", "Oxford"), ("b", "University of Oxford, UK", "Oxford")
    ).mapping
    kiel = (("a", "Institute for Experimental Medicine, Christian-Albrechts-University", "Kiel"),
            ("b", "Christian-Albrechts-University Kiel", "Kiel"))  # fmt: skip
    assert _pair(*kiel).mapping
    assert _pair(
        ("a", "Department of Computing, Imperial College London", ""), ("b", "Imperial College London", "Londres")
    ).mapping
    tum = (
        ("a", "Department of Chemistry at the Technische Universität München", "Garching"),
        ("b", "University of Munich", ""),
    )
    assert not _pair(*tum).mapping  # the Technical University is not the University of Munich
    assert not _pair(
        ("a", "Universitätsklinikum Bonn / University Hospital of Bonn / Univerity of Bonn", ""),
        ("b", "Université de Bonn", ""),
    ).mapping


def test_delegations_hospitals_and_cancer_centres_written_two_ways() -> None:
    assert _pair(
        ("a", "INSERM Délégation Nouvelle-Aquitaine", "Bordeaux"), ("b", "INSERM DR NOUVELLE AQUITAINE", "Pessac")
    ).mapping
    assert not _pair(("a", "CNRS DR Ile-de-France Sud", "Gif"), ("b", "CNRS DR Ile-de-France Est", "Gif")).mapping
    assert _pair(
        ("a", "Centre Hospitalier de Poitiers", "Poitiers"),
        ("b", "Centre Hospitalier Universitaire de Poitiers", "Poitiers"),
    ).mapping
    assert not _pair(("a", "Heidelberg University Hospital", ""), ("b", "Heidelberg University", "")).mapping
    assert _pair(
        ("a", "Centre Léon Berard", "Lyon"), ("b", "CENTRE DE LUTTE CONTRE LE CANCER LEON BERARD", "Lyon")
    ).mapping


def test_neighbouring_communes_are_one_place_for_a_name_match() -> None:
    assert _pair(
        ("a", "Inserm U1205", "Saint-Martin-d'Hères"),
        ("b", "Institut National de la Santé et de la Recherche Médicale (Inserm) U1205", "Grenoble"),
    ).mapping
    assert not _pair(
        ("a", "Laboratoire de Physique des Solides", "Paris"), ("b", "Laboratoire de Physique des Solides", "Lyon")
    ).mapping


def test_a_city_named_university_is_not_a_numbered_or_named_one_of_that_city() -> None:
    paris = ("siren-130025737", "Université de Paris", "")
    assert not _pair(("a", "Université de Paris IX (Dauphine)", "Paris"), paris, siren="130025737").mapping
    assert not _pair(("a", "Université de Paris II (Panthéon-Assas)", "Paris"), paris, siren="130025737").mapping


def test_a_body_named_with_the_city_of_one_of_its_sites_is_the_body() -> None:
    assert _pair(("a", "IFSTTAR Champs sur Marne", "Champs-sur-Marne"), ("b", "IFSTTAR", "Bouguenais")).mapping
    assert not _pair(("a", "CHU Toulouse", "Toulouse"), ("b", "CHU Nantes", "Nantes")).mapping
    assert not _pair(("a", "Institut Pasteur de Lille", "Lille"), ("b", "Institut Pasteur", "Paris")).mapping


def test_an_acronym_in_parentheses_and_a_neighbouring_place_named_in_the_name() -> None:
    zalf = make_profile("anr-zalf-full", "Leibniz Centre for Agricultural Landscape Research (ZALF)", "Müncheberg")
    bare = make_profile("anr-zalf", "ZALF", "")
    mapping = resolve_profiles({p.id: p for p in (zalf, bare)}).mapping
    assert len(mapping) == 1 and set(mapping.items()) <= {("anr-zalf", "anr-zalf-full"), ("anr-zalf-full", "anr-zalf")}
    upmf = (("a", "Université de Grenoble II (Pierre Mendès France)", "Saint-Martin-d'Hères"),
            ("b", "Université Pierre Mendès-France", "Saint-Martin-d'Hères"))  # fmt: skip
    assert _pair(*upmf).mapping
    assert _pair(("a", "CHU Henri Mondor", "Créteil"), ("b", "Groupe hospitalier Henri Mondor", "Créteil")).mapping
    aphp = (("a", "ASSISTANCE PUBLIQUE HOPITAUX DE PARIS - Groupe Hospitalier Cochin Saint Vincent de Paul", "Paris"),
            ("b", "Assistance Publique-Hôpitaux de Paris", "Paris"))  # fmt: skip
    assert not _pair(*aphp).mapping


def _resolve(*profiles: ActorProfile) -> dict[str, str]:
    return resolve_profiles({p.id: p for p in profiles}).mapping


def test_a_declared_acronym_names_its_identified_organisation_in_another_city_of_the_country() -> None:
    cea = make_profile("pic-999992401", "COMMISSARIAT A L ENERGIE ATOMIQUE ET AUX ENERGIES ALTERNATIVES", "Paris",
                       "CEA", (("pic", "999992401"),))  # fmt: skip
    assert _resolve(make_profile("anr-cea", "CEA", "Lansargues"), cea) == {"anr-cea": "pic-999992401"}
    thales = make_profile("pic-999751938", "THALES", "Courbevoie", "THALES", (("pic", "999751938"),))
    assert _resolve(make_profile("anr-thales", "THALES", "Palaiseau"), thales)
    # abroad, a namesake or a subsidiary: a person decides
    res = resolve_profiles({p.id: p for p in (make_profile("anr-cea-us", "CEA", "Madison, Wisconsin"), cea)})
    assert not res.mapping and res.review
    # the first word of one of a group's companies is not that company elsewhere
    atos = make_profile("pic-996484008", "ATOS INTEGRATION SAS", "Bezons", "ATOS", (("pic", "996484008"),))
    assert not _resolve(make_profile("anr-atos", "ATOS", "Olivet"), atos)
    # a lab's acronym (RNSR) is many labs' elsewhere
    lmps = make_profile("rnsr-202224176m", "Laboratoire de Mécanique Paris-Saclay", "Gif-sur-Yvette", "LMPS",
                        (("rnsr", "202224176M"),))  # fmt: skip
    assert not _resolve(make_profile("anr-lmps", "LMPS", "Le Bourget-du-Lac"), lmps)


def test_an_acronym_spelt_by_a_name_three_letters_in_its_city_a_public_body_in_its_country() -> None:
    assert _resolve(make_profile("a", "RKI", "Berlin"), make_profile("b", "Robert Koch Institute", "Berlin"))
    assert not _resolve(make_profile("a", "UCL", ""), make_profile("b", "Université Catholique de Louvain", ""))
    assert not _resolve(make_profile("a", "IPP", ""), make_profile("b", "Institut Polytechnique de Paris", "Palaiseau"))
    onera = make_profile("b", "Office National des Etudes et Recherches Aérospatiales", "Palaiseau")
    assert _resolve(make_profile("a", "ONERA", "Toulouse"), onera)
    assert not _resolve(make_profile("a", "ONERA", "Madrid"), onera)
    # "l'Informatique" lost its apostrophe: EPITA's initials are not ELTA's
    epita = make_profile("b", "ECOLE POUR LINFORMATIQUE ET LES TECHNIQUES AVANCEES", "Le Kremlin-Bicêtre")
    assert not _resolve(make_profile("a", "ELTA", "Blagnac"), epita)


def test_one_public_body_in_two_cities_of_a_country_but_not_a_company_nor_a_lab() -> None:
    ensg = ("a", "Ecole Nationale des Sciences Géographiques", "Champs-sur-Marne")
    assert _pair(ensg, ("b", "Ecole Nationale des Sciences Géographiques", "Saint-Mandé")).mapping
    tum = ("a", "Technical University Munich / Professorship for Electrobiotechnology", "Straubing")
    assert _pair(tum, ("b", "Technical University of Munich (TUM)", "Munich")).mapping
    st = ("a", "STMICROELECTRONICS (TOURS) SAS", "Tours")
    assert not _pair(st, ("b", "STMicroelectronics SA", "Crolles")).mapping
    lab = ("a", "Laboratoire de Physique des Solides", "Paris")
    assert not _pair(lab, ("b", "Laboratoire de Physique des Solides", "Lyon")).mapping
    mpi = ("a", "Max Planck Institute / Science of Human History Department of Archaeogenetics", "Jena")
    assert not _pair(mpi, ("b", "Max-Planck Institute", "Köln")).mapping
    assert not _pair(ensg, ("b", "Ecole Nationale des Sciences Géographiques", "Madrid")).mapping


def test_a_university_named_with_its_own_acronym_or_short_forms_is_part_of_a_units_name() -> None:
    chalmers = ("b", "Chalmers University of Technology (CUT)", "")
    assert _pair(("a", "Chalmers University of Technology - Department of Applied IT", ""), chalmers).mapping
    usp = ("b", "University of São Paulo (USP)", "")
    assert _pair(
        ("a", "Laboratory of Human Immunology (LHI), University of Sao Paulo, Brazil", "Sao Paulo"), usp
    ).mapping
    gothenburg = ("b", "Center of perinatal medicine and health, University of Gothenburg", "Gothenburg")
    assert _pair(("a", "Uni of Gothenburg", ""), gothenburg).mapping
    assert make_profile("a", "TU Darmstadt").norm == make_profile("b", "Technische Universität Darmstadt").norm
    assert make_profile("a", "Technischen Universität München").norm == make_profile("b", "TU München").norm
    assert make_profile("a", "Klinikum Großhadern").norm == make_profile("b", "KLINIKUM GROSSHADERN").norm


def test_one_unit_of_a_university_abroad_named_twice_but_not_two_units() -> None:
    a = ("a", "Uppsala University / Dept of Medical Sciences [UUT]", "")
    b = (
        "b",
        "Uppsala University / Department of Medical Sciences, Respiratory-, allergy- and sleep research",
        "Uppsala",
    )
    assert _pair(a, b).mapping
    assert _pair(
        ("a", "Hacettepe University Faculty of Medicine", ""), ("b", "Hacettepe University, Medical Faculty", "")
    ).mapping
    scbe = ("a", "Nanyang Technological University / School of Chemical and Biomedical Engineering (SCBE)", "Singapour")
    mse = ("b", "Nanyang Technological University / School of Materials Science and Engineering", "Singapour")
    assert not _pair(scbe, mse).mapping


def test_a_delegation_with_its_number_or_the_body_written_in_full() -> None:
    assert _pair(("a", "CNRS IDF Est (Thiais)", "Thiais"), ("b", "CNRS DR 03 - IDF SECTEUR EST", "Villejuif")).mapping
    lr = "INSTITUT NATIONAL DE LA SANTE ET DE LA RECHERCHE MEDICALE - DELEGATION"
    a, b = (
        (f"{lr} LANGUEDOC ROUSSILLON", "Montpellier"),
        (f"{lr} REGIONALE LANGUEDOC ROUSSILLON - ADR 8", "Montpellier"),
    )
    assert _pair(("a", *a), ("b", *b)).mapping
    assert not _pair(("a", "CNRS DR 03 - IDF Secteur Est", ""), ("b", "CNRS DR 04 - IDF Secteur Sud", "")).mapping
    assert not _pair(("a", "INSERM ADR PARIS 6", "Strasbourg"), ("b", "INSERM PARIS 11", "")).mapping
    paris_a = ("a", "CNRS DR Ile de France Paris A", "Paris")  # its "A" read as a stop word: Paris tells it apart
    assert not _pair(paris_a, ("b", "CNRS Ile-de-France Meudon", "Meudon")).mapping


def test_a_one_word_body_and_one_of_its_sites_named_by_its_place_or_region() -> None:
    inrae = ("b", "INRAE", "Grenoble")
    assert _pair(("a", "INRAE centre Grand Est Colmar", "Colmar"), inrae).mapping
    assert _pair(("a", "INRAE Centre Siège", "Paris"), inrae).mapping
    assert _pair(("a", "Onera TOULOUSE", "Toulouse"), ("b", "ONERA", "Toulouse")).mapping
    assert not _pair(("a", "INRA LBE", "Narbonne"), ("b", "INRA", "Montpellier")).mapping  # a lab of INRA
    # INRAE (2020) is not INRA: a final "ae" is no German umlaut
    assert make_profile("a", "INRAE").norm != make_profile("b", "INRA").norm
    theix = ("b", "INRA CLERMONT- FERRAND/THEIX", "Clermont-Ferrand")
    assert not _pair(("a", "INRAE Clermont-Ferrand", "Clermont-Ferrand"), theix).mapping
    assert not _pair(("a", "INRAE centre Grand Est Colmar", "Colmar"), ("b", "INRA-Colmar", "Colmar")).mapping


def test_every_site_of_a_one_word_body_joins_it() -> None:
    # each site finds the other in its city, and neither searches for the identified body elsewhere
    onera = make_profile("pic-999999999", "ONERA", "Palaiseau", "ONERA", (("pic", "999999999"),))
    lille = [
        make_profile("anr-onera-lille", "ONERA Centre de Lille", "Lille"),
        make_profile("anr-onera-l", "Onera Lille", "Lille"),
    ]
    assert _resolve(onera, *lille) == {"anr-onera-lille": "pic-999999999", "anr-onera-l": "pic-999999999"}
    assert not _resolve(
        make_profile("pic-1", "HEC", "Jouy-en-Josas", "HEC", (("pic", "1"),)),
        make_profile("a", "HEC Montréal", "Montréal"),
    )


def test_a_body_in_capitals_before_its_site_and_names_met_by_their_last_word() -> None:
    assert _pair(("a", "Cemagref", "Antony"), ("b", "CEMAGREF - CENTRE DE MONTPELLIER", "Montpellier")).mapping
    assert not _pair(
        ("a", "STMICROELECTRONICS (TOURS) SAS", "Tours"), ("b", "STMicroelectronics SA", "Crolles")
    ).mapping
    gfl = (("a", "Centre de lutte contre le cancer Georges Francois Leclerc", "Dijon"),
           ("b", "Centre de cancérologie Georges François Leclerc", ""))  # fmt: skip
    assert _pair(*gfl).mapping


def test_abbreviations_of_a_research_centre_and_a_medical_centre() -> None:
    fzj = make_profile("pic-999980470", "FORSCHUNGSZENTRUM JULICH GMBH", "Jülich", "FZJ", (("pic", "999980470"),))
    assert _resolve(make_profile("anr-fz", "FZ Jülich", ""), fzj)
    emc = ("a", "Erasmus MC, University Medical Center Rotterdam - EMC", "")
    assert _pair(emc, ("b", "Erasmus MC", "Rotterdam")).mapping
    assert make_profile("a", "Radboud UMC").norm == make_profile("b", "Radboud University Medical Center").norm
    # a university is not its medical centre, whatever order a set of its acronyms comes in
    assert not _pair(("a", "Erasmus University Rotterdam", ""), emc).mapping
    assert make_profile("a", emc[1]).qualifiers == {"emc", "mc"}


def test_a_unit_named_after_a_university_abroad_without_separator_or_with_its_city() -> None:
    darmstadt = ("a", "Technische universität Darmstadt Institut für Geschichte", "Darmstadt")
    assert _pair(darmstadt, ("b", "TU Darmstadt", "")).mapping
    columbia = ("a", "Columbia University Medical Center", "New York")
    assert not _pair(columbia, ("b", "Columbia University", "New York")).mapping  # its hospital
    cadi = ("a", "Laboratory of Ecology and Environment - University of Cadi Ayyad of Marrakesh", "Marrakech")
    assert _pair(cadi, ("b", "Cadi Ayyad University", "Marrakech")).mapping
    assert _pair(("b", "University of Cadi Ayyad", ""), cadi).mapping


def test_ur_is_a_research_unit_unless_it_is_a_lab_code() -> None:
    assert _pair(
        ("a", "Institut Pasteur - UR Yersinia", "Paris"),
        ("b", "Institut Pasteur - Unité de Recherche Yersinia", "Paris"),
    ).mapping
    assert "ur 892" in make_profile("a", "INRA UR 892").norm


def test_a_dotted_legal_form_at_the_end_of_a_name() -> None:
    assert _pair(("a", "Nanosanguis", "Warsaw"), ("b", "NanoSanguis S.A.", "")).mapping
    assert make_profile("a", "ACME S.A. France").norm == make_profile("b", "ACME SA France").norm


def test_a_hospital_by_its_own_name_whatever_word_says_it_is_one() -> None:
    osr = make_profile("pic-953176030", "OSPEDALE SAN RAFFAELE SRL", "Milano", "OSR", (("pic", "953176030"),))
    assert _resolve(make_profile("anr-hsr", "IRCCS San Raffaele", "Milan"), osr)
    assert not _pair(("a", "Hôpital Saint-Louis", "Paris"), ("b", "Clinique Saint-Louis", "Paris")).mapping


def test_a_bodys_records_join_the_organisation_its_acronym_names() -> None:
    # both "IFREMER" records find each other first; the identified body is found through its declared acronym
    owner = make_profile("siren-330715368", "Institut Français de Recherche pour l'Exploitation de la Mer", "Issy-les-Moulineaux",
                         "IFREMER", (("siren", "330715368"),))  # fmt: skip
    records = [make_profile("anr-ifremer", "IFREMER", "Plouzané"), make_profile("pia-ifremer", "IFREMER", "Plouzané")]
    assert set(_resolve(owner, *records).values()) == {"siren-330715368"}
    lab = make_profile(
        "rnsr-202224176m", "Laboratoire de Mécanique Paris-Saclay", "Gif-sur-Yvette", "LMPS", (("rnsr", "202224176M"),)
    )
    lmps = [
        make_profile("anr-lmps", "LMPS", "Le Bourget-du-Lac"),
        make_profile("pia-lmps", "LMPS", "Le Bourget-du-Lac"),
    ]
    assert "rnsr-202224176m" not in set(_resolve(lab, *lmps).values()) | set(_resolve(lab, *lmps))


def test_a_registered_labs_name_after_its_body_is_the_lab() -> None:
    # an RNSR structure named "body / its own name" is that lab, whatever word its own name starts with
    lab = ("b", "Institut National des Langues et Civilisations Orientales/ Centre dEtudes Japonaises", "Paris")
    body = ("a", "Institut National des Langues et Civilisations Orientales Paris", "Paris")
    assert not _pair(body, lab, rnsr="199213453M").mapping
    assert _pair(body, ("c", "Institut National des Langues et Civilisations Orientales", "Paris")).mapping
    mips = ("b", "Laboratoire Modèles, Intelligence, Processus et Systèmes - Université de Haute-Alsace", "Mulhouse")
    assert not _pair(("a", "Université de Haute Alsace", "Mulhouse"), mips, rnsr="199713883H").mapping


def test_sites_placed_by_a_citys_other_name_or_overseas() -> None:
    # GeoNames' alternate names and France's overseas departments: one public body's two sites in one country
    cnr = make_profile("pic-999979500", "CONSIGLIO NAZIONALE DELLE RICERCHE", "Roma", "CNR", (("pic", "999979500"),))
    assert _resolve(make_profile("a", "CONSIGLIO NAZIONALE DELLE RICERCHE/ISTITUTO DI SCIENZE MARINE", "Gênes"), cnr)
    onf = ("b", "Office National des forêts / Territoriale de Guyane / Pôle Recherche", "Cayenne")
    assert _pair(("a", "Office National des Forêts", "Fontainebleau"), onf).mapping
    tum = ("b", "Technische Universität München", "Oberschleißheim")
    assert _pair(("a", "Technical University Munich", "München"), tum).mapping


def test_a_french_teaching_word_abroad_names_another_hospital() -> None:
    chu = ("b", "CENTRE HOSPITALIER UNIVERSITAIRE DE LIEGE", "Liège")
    assert not _pair(("a", "Centre Hospitalier Liège", "Alleur"), chu, pic="999495276").mapping
    assert _pair(
        ("a", "Centre Hospitalier de Poitiers", "Poitiers"),
        ("b", "Centre Hospitalier Universitaire de Poitiers", "Poitiers"),
    ).mapping


def test_a_bare_acronym_spelt_by_a_name_as_written() -> None:
    # compared names write "Zentrum" as "ctr"; the acronym spells the written words, small words left out
    dzne = ("b", "Deutsches Zentrum fur Neurodegenerative Erkrankungen", "")
    assert _pair(("a", "DZNE", ""), dzne).mapping
    assert not _pair(("a", "DZNX", ""), dzne).mapping


def test_a_labs_acronym_after_a_french_bodys_name_is_the_lab() -> None:
    # "ENSAM - LMFL" names the Lille fluid mechanics lab, not the school; a path of divisions may be a service
    ensam = make_profile("siren-197534720", "Ecole Nationale Supérieure d'Arts et Métiers", "", "ENSAM",
                         (("siren", "197534720"),))  # fmt: skip
    assert not _resolve(make_profile("a", "ECOLE NATIONALE SUPERIEUR DARTS ET METIERS - LMFL", "Lille"), ensam)
    ign = ("a", "Institut national de l'information géographique et forestière", "Saint-Mandé")
    assert not _pair(
        ign, ("b", "Institut national de linformation géographique et forestière / LaSTIG", "Saint-Mandé")
    ).mapping
    assert _pair(
        ign, ("b", "Institut national de l'information géographique et forestière - IGN", "Saint-Mandé")
    ).mapping
    cea = ("a", "Commissariat à l'Energie Atomique et aux Energies Alternatives", "Gif-sur-Yvette")
    assert _pair(
        cea, ("b", "Commissariat à lEnergie Atomique et aux Energies Alternatives / DSSN/SPPS", "Gif-sur-Yvette")
    ).mapping


def test_an_unplaced_bare_acronym_and_the_one_organisation_declaring_it() -> None:
    # three letters name a registered owner only as its name spells them; a lab's three letters name many labs
    amu = make_profile("pic-955518483", "UNIVERSITE D'AIX MARSEILLE", "Marseille", "AMU", (("pic", "955518483"),))
    assert not _resolve(make_profile("a", "AMU", ""), amu)
    jki = make_profile("pic-999494015", "JULIUS KUHN-INSTITUT", "Quedlinburg", "JKI", (("pic", "999494015"),))
    assert _resolve(make_profile("a", "JKI", ""), jki)
    isp = make_profile(
        "rnsr-199117802u", "Infectiologie et Santé Publique", "Nouzilly", "ISP", (("rnsr", "199117802U"),)
    )
    assert not _resolve(make_profile("a", "ISP", ""), isp)
    assert _resolve(make_profile("a", "ISP", "Nouzilly"), isp)
    # its own acronym in parentheses names it, however it is spelt
    assert _pair(("a", "DTU", ""), ("b", "Technical University of Denmark (DTU)", "Lyngby")).mapping


def test_an_italian_universitys_degli_studi_or_a_dutch_ones_van_is_no_word_of_its_name() -> None:
    assert _pair(("a", "Universiteit of Amsterdam", ""), ("b", "UNIVERSITEIT VAN AMSTERDAM", "Amsterdam")).mapping
    firenze = ("b", "Università degli studi di Firenze, Department of Agriculture, Food Environment and Forestry", "")
    assert _pair(("a", "Università di Firenze", ""), firenze).mapping
    assert _pair(
        ("a", "University of Milan Bicocca", "Monza"), ("b", "UNIVERSITA' DEGLI STUDI DI MILANO-BICOCCA", "Milano")
    ).mapping


def test_a_delegation_in_two_cities_of_its_country_but_not_another_delegation() -> None:
    seat = (
        "a",
        "CENTRE NATIONAL DE LA RECHERCHE SCIENTIFIQUE (CNRS) - DELEGATION REGIONALE CENTRE POITOU-CHARENTES",
        "Orléans",
    )
    assert _pair(seat, ("b", "CNRS - DELEGATION REGIONALE CENTRE POITOU-CHARENTES", "Tours")).mapping
    assert not _pair(seat, ("b", "CNRS - DELEGATION REGIONALE CENTRE LIMOUSIN POITOU-CHARENTES", "Tours")).mapping
    paris = ("a", "CNRS - Délégation Paris", "Paris")
    assert not _pair(paris, ("b", "CNRS - Délégation Lyon", "Lyon")).mapping


def test_a_site_named_with_and_without_its_site_word() -> None:
    assert _pair(
        ("a", "INRIA CENTRE DE BORDEAUX SUD OUEST", "Talence"), ("b", "INRIA Bordeaux Sud-ouest", "Talence")
    ).mapping
    assert _pair(
        ("a", "INRIA Nancy Grand Est", "Villers-lès-Nancy"),
        ("b", "INRIA - Centre Nancy Grand-Est", "Villers-lès-Nancy"),
    ).mapping
    assert not _pair(
        ("a", "INRIA Nancy Grand Est", ""), ("b", "INRIA - Centre Nancy Grand-Est", "")
    ).mapping  # unplaced


def test_a_countrys_code_at_the_end_of_a_name_is_the_country() -> None:
    assert _pair(
        ("a", "NOVOZYMES BIOLOGICALS FRANCE", "Le Pecq"), ("b", "Novozymes Biologicals FR S.A.", "Le Pecq")
    ).mapping


def test_a_bare_acronym_spelt_by_a_name_whose_word_only_looks_elided() -> None:
    # "Lausanne", "Loeffler" start like "l'…" but are proper nouns as written: EPFL, FLI
    epfl = ("b", "Ecole Polytechnique Federale de Lausanne", "Lausanne")
    assert _pair(("a", "EPFL", "Genève"), epfl).mapping
    assert _pair(("a", "FLI", "Greifswald"), ("b", "Friedrich Loeffler Institut", "Greifswald - Insel Riems")).mapping
    eita = ("b", "Ecole pour lInformatique et les Techniques Avancees", "Paris")
    assert not _pair(("a", "ELTA", "Lyon"), eita).mapping  # elsewhere, only a spelling that cannot be an elision


def test_words_cut_short_as_registers_abbreviate_them() -> None:
    iddri = ("b", "Institut du développement durable et des relations internationales", "Paris")
    assert _pair(("a", "INST DEVELOP DURABLE RELAT INTERNAT", "Paris"), iddri).mapping
    assert not _pair(("a", "INST DEVELOP DURABLE RELAT INTERNAT", "Lyon"), iddri).mapping
    assert not _pair(("a", "Centre Bio Marine", "Brest"), ("b", "Centre Biologie Marine", "Brest")).mapping
    assert not _pair(
        ("a", "CNRS DR PARISB", "Paris"), ("b", "CNRS-DR PARIS A", "Malakoff")
    ).mapping  # "Paris" as compared


def test_a_leading_acronym_spelling_the_other_names_first_words() -> None:
    insa = ("b", "INSTITUT NATIONAL DES SCIENCES APPLIQUEES DE LYON - INSA", "Villeurbanne")
    assert _pair(("a", "INSA Lyon", "Villeurbanne"), insa).mapping
    ensma = ("b", "ECOLE NATIONALE SUPERIEURE DE MECANIQUE ET DAEROTECHNIQUE (ENSMA)", "Chasseneuil-du-Poitou")
    assert _pair(("a", "ENS DE MECANIQUE ET DAEROTECHNIQUE DE POITIERS", "Poitiers"), ensma).mapping
    assert not _pair(
        ("a", "INSA Toulouse", "Toulouse"), ("b", "Institut National des Sciences Appliquées de Lyon", "")
    ).mapping


def test_a_registered_labs_name_after_laboratoire_and_a_brand_with_more_words_in_its_city() -> None:
    lab = ("b", "Immunité et Infection", "")
    assert _pair(("a", "Laboratoire Immunité et Infections", "Paris"), lab, rnsr="200918541U").mapping
    assert not _pair(("a", "Laboratoire Immunité et Infections", "Paris"), lab).mapping
    assert _pair(("a", "Alphanov", "Talence"), ("b", "CENTRE TECHNOLOGIQUE ALPHANOV", "Talence")).mapping
    assert not _pair(("a", "Alphanov", "Talence"), ("b", "CENTRE TECHNOLOGIQUE ALPHANOV", "")).mapping  # unplaced


def test_a_groups_name_is_no_brand_of_one_of_its_companies() -> None:
    # a one-word name found in many names is a group's: its companies are not it
    group = [
        make_profile(f"c{i}", f"ACMEX {w}", "Lyon") for i, w in enumerate(("TECHNOLOGIES", "SYSTEMES", "INGENIERIE"))
    ]
    mapping = _resolve(make_profile("a", "ACMEX", "Lyon"), *group)
    assert "a" not in mapping and "a" not in mapping.values()
    assert _resolve(make_profile("a", "ACMEX", "Lyon"), group[0])
    # nor a name that adds a proper noun or a number of its own
    assert not _pair(("a", "Cellectis", "Paris"), ("b", "Cellectis Bioresearch", "Paris")).mapping
    assert not _pair(("a", "Reunica", "Levallois"), ("b", "GIE AG2R REUNICA", "Levallois")).mapping


def test_words_of_a_name_in_the_partners_languages() -> None:
    assert _pair(("a", "Marche Polytechnic University", ""), ("b", "Universita politecnica Marche", "")).mapping
    idiap = ("b", "Institut de Recherche Idiap", "Martigny")
    assert _pair(("a", "Idiap Research Institute", "Martigny"), idiap).mapping
    # a unit named twice, in two languages, is still one unit; two units are two
    faculty = ("b", "Hacettepe University, Medical Faculty", "")
    assert _pair(("a", "Hacettepe University Faculty of Medicine", ""), faculty).mapping
    assert not _pair(("a", "Hacettepe University Faculty of Chemistry", ""), faculty).mapping


def test_a_universitys_legal_name_by_the_body_that_holds_it() -> None:
    court = make_profile("pic-999984253", "THE UNIVERSITY COURT OF THE UNIVERSITY OF ST ANDREWS", "St Andrews", "USTAN",
                         (("pic", "999984253"),))  # fmt: skip
    assert _resolve(make_profile("a", "School of Computer Science / Univ. St Andrews", ""), court)
    assert _pair(
        ("a", "University of California", ""), ("b", "The Regents of the University of California", "")
    ).mapping
    assert not _pair(
        ("a", "University of California", ""), ("b", "The Regents Park Institute of California", "")
    ).mapping


def test_a_unit_acronym_after_a_university_abroad_is_the_university() -> None:
    assert _pair(("a", "UNIVERSITY OF OSLO ICM", ""), ("b", "University of Oslo", "Oslo")).mapping
    # in France, the acronym after a university names one of its labs
    assert not _pair(("a", "UNIVERSITE DE BORDEAUX IMS", ""), ("b", "Université de Bordeaux", "Bordeaux")).mapping


def test_a_german_universitys_founders_names_joined_to_its_word() -> None:
    heidelberg = make_profile("pic-999987648", "RUPRECHT-KARLS-UNIVERSITAET HEIDELBERG", "Heidelberg", "UHEI",
                              (("pic", "999987648"),))  # fmt: skip
    assert _resolve(make_profile("a", "Institute for Theoretical Physics, Universität Heidelberg", ""), heidelberg)
    assert _pair(("a", "University of Jena", "Jena"), ("b", "FRIEDRICH-SCHILLER-UNIVERSITAT JENA", "Jena")).mapping
    # a university's medicine (its hospital) is not the university cut short
    assert not _pair(("a", "Universitätsmedizin Berlin", ""), ("b", "Humboldt-Universität zu Berlin", "Berlin")).mapping


def test_a_delegation_named_after_its_region_or_the_regions_acronym() -> None:
    paca = ("b", "INSERM DR PACA ET CORSE", "Nice")
    assert _pair(("a", "INSERM Délégation Provence-Alpes-Côte d'Azur et Corse", "Marseille"), paca).mapping
    assert not _pair(("a", "INSERM Délégation Provence-Alpes-Côte d'Azur", "Marseille"), paca).mapping
    assert _pair(
        ("a", "CNRS DR IDF SECTEUR SUD", "Orsay"), ("b", "CNRS - DR ILE-DE-FRANCE SECTEUR SUD", "Orsay")
    ).mapping


def test_superieur_left_out_of_a_long_name() -> None:
    cnsmdp = ("b", "Conservatoire National Supérieur de Musique et Danse de Paris", "Paris")
    assert _pair(("a", "Conservatoire national de musique et de danse de Paris", "Paris"), cnsmdp).mapping
    assert not _pair(("a", "Ecole Normale", "Paris"), ("b", "Ecole Normale Supérieure", "Paris")).mapping  # short


def test_one_name_with_its_own_acronym_and_with_a_word_saying_what_it_is() -> None:
    wur = ("b", "Wageningen University and Research Centre", "")
    assert _pair(("a", "Wageningen University and Research (WUR)", ""), wur).mapping
    # a word swapped for another is another organisation ("Institut" is not "Centre")
    inrs = ("b", "Institut National de Recherche Scientifique", "")
    assert not _pair(("a", "Centre National de Recherche Scientifique (CNRS)", ""), inrs).mapping


def test_a_university_named_after_a_person_with_its_city_and_number() -> None:
    upmc = ("b", "Université Pierre et Marie Curie", "Paris")
    assert _pair(("a", "Université Pierre et Marie Curie Paris 6", "Paris"), upmc).mapping
    assert not _pair(("a", "Université de Paris 6", "Paris"), ("b", "Université de Paris", "Paris")).mapping


def test_a_name_with_its_own_acronym_and_the_same_name_with_its_city() -> None:
    cnam = ("b", "Conservatoire National des Arts et Métiers Paris", "")
    assert _pair(("a", "CONSERVATOIRE NATIONAL DES ARTS ET METIERS (CNAM)", "Paris"), cnam).mapping
    # the city is the one the record is placed in
    assert not _pair(("a", "CONSERVATOIRE NATIONAL DES ARTS ET METIERS (CNAM)", "Lyon"), cnam).mapping


def test_a_units_code_then_its_host_names_the_unit() -> None:
    host = ("a", "Institut Gustave Roussy", "Villejuif")
    assert not _pair(host, ("b", "Inserm U981 (ex U1009), Institut Gustave Roussy (IGR)", "Villejuif")).mapping
    # a lab's name, then its code, is still the lab
    lab = ("a", "Laboratoire de Physique des Plasmas", "Palaiseau")
    assert _pair(lab, ("b", "Laboratoire de Physique des Plasmas (UMR 7648)", "Palaiseau")).mapping


def test_a_comma_before_a_word_in_lower_case_lists_the_subjects_of_one_name() -> None:
    assert not _pair(
        ("a", "Neuroimmunologie", ""), ("b", "Neuroimmunologie, génétique et thérapie", "Bordeaux")
    ).mapping
    assert _pair(("a", "Uppsala University", ""), ("b", "Uppsala University, Department of Medicine", "")).mapping


def test_a_french_hospitals_category_acronym_meets_its_spelt_name() -> None:
    spelt = make_profile(
        "siren-1", "Centre Hospitalier Régional Universitaire de Lille", "Lille", "", (("siren", "1"),)
    )
    chru = make_profile("siren-2", "CHRU de Lille", "Lille", "", (("siren", "2"),))
    assert _resolve(make_profile("a", "CHRU de Lille", "Lille"), spelt)  # the acronym's name, spelt out
    assert _resolve(make_profile("a", "Centre Hospitalier Régional Universitaire de Lille", "Lille"), chru)
    assert not _resolve(make_profile("a", "CHRU de Nancy", "Lille"), spelt)


def test_a_hospital_department_named_with_its_hospital_is_the_hospital() -> None:
    hcl = ("b", "Hospices Civils de Lyon", "Lyon")
    assert _pair(("a", "Service de Cardiologie des Hospices Civils de Lyon", "Lyon"), hcl).mapping
    assert _pair(
        ("a", "Service de Neurologie, Hôpital Henri Mondor", "Créteil"), ("b", "CHU Henri Mondor", "Créteil")
    ).mapping
    # two departments of one hospital are two
    other = ("b", "Service de Pneumologie des Hospices Civils de Lyon", "Lyon")
    assert not _pair(("a", "Service de Cardiologie des Hospices Civils de Lyon", "Lyon"), other).mapping
    # a private clinic is not the public hospital of the same name
    assert not _pair(("a", "Clinique Saint Louis", "Paris"), ("b", "Hôpital Saint Louis", "Paris")).mapping


def test_a_unit_of_a_german_university_named_with_its_founders_names() -> None:
    lmu = ("b", "Ludwig-Maximilians-Universität", "Munich")
    assert _pair(("a", "Ludwig-Maximilians-Universität München Institut für Ägyptologie", "Munich"), lmu).mapping
    assert not _pair(("a", "Julius-Maximilians-Universität Würzburg Institut für Physik", "Würzburg"), lmu).mapping


def test_a_french_labs_own_word_before_its_bodys_name_names_the_lab() -> None:
    utc = make_profile("siren-1", "Université de Technologie de Compiègne", "", "", (("siren", "1"),))
    assert not _resolve(make_profile("a", "Tribovix, Université de Technologie de Compiègne (UTC)", "Compiègne"), utc)
    # abroad, a unit named so is its university
    uu = make_profile("pic-1", "Uppsala University", "Uppsala", "", (("pic", "1"),))
    assert _resolve(make_profile("a", "Ångström, Uppsala University", "Uppsala"), uu)
    # the body's own acronym first is the body
    anssi = make_profile("siren-2", "Agence nationale de la sécurité des systèmes d'information", "Paris", "",
                         (("siren", "2"),))  # fmt: skip
    assert _resolve(
        make_profile("a", "ANSSI / Agence nationale de la sécurité des systèmes d'information / Expertise", "Paris"),
        anssi,
    )


def test_a_national_laboratory_in_two_cities_of_its_country() -> None:
    lne = ("b", "LABO NAT DE METROLOGIE ET ESSAIS", "Trappes")
    assert _pair(("a", "Laboratoire national de métrologie et d'essais", "Paris"), lne).mapping
    # a lab that is not a national one may be one of many of its name
    lab = ("b", "LABO DE METROLOGIE ET ESSAIS", "Trappes")
    assert not _pair(("a", "Laboratoire de métrologie et d'essais", "Paris"), lab).mapping


def test_a_public_body_named_after_its_city_at_a_site_the_places_table_does_not_know() -> None:
    ghent = make_profile("pic-1", "UNIVERSITEIT GENT", "Gent", "", (("pic", "1"),))
    assert _resolve(make_profile("a", "Universiteit Gent", "Qwzxville"), ghent)
    # not when the known city is not in the name, nor for a company
    assert not _resolve(make_profile("a", "Universiteit Gent", "Qwzxville"),
                        make_profile("pic-2", "UNIVERSITEIT GENT", "Bruxelles", "", (("pic", "2"),)))  # fmt: skip
    acme = make_profile("pic-3", "PHARMA GENT", "Gent", "", (("pic", "3"),))
    assert not _resolve(make_profile("a", "Pharma Gent", "Qwzxville"), acme)


def test_a_hospital_then_its_own_lab_is_the_hospital() -> None:
    hcl = ("a", "Hospices Civils de Lyon", "Lyon")
    assert _pair(hcl, ("b", "Hospices Civils de Lyon - Laboratoire de Biochimie Clinique", "Lyon")).mapping
    # a research unit with a code at the hospital is the unit
    assert not _pair(hcl, ("b", "Hospices Civils de Lyon - Laboratoire de Biochimie UMR 5310", "Lyon")).mapping
