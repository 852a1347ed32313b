"""Precision and recall of the resolver on eleven sets of real partner-name pairs labelled by hand.

`labelled_pairs.csv` (250 pairs) — the tuning set: pairs from the ANR generic and PIA partner
files (candidates the resolver merged, sent to review, or nearly matched). The rules were
written while looking at it, so its figures are optimistic.

`heldout_pairs.csv` (260 pairs) — the held-out set: drawn by `scripts/sample_resolution_pairs.py`
(seed 20261123) from all five publisher files of ../shared/data (RNSR, i-Lab, ANR, PIA,
CORDIS), by a procedure that does not use the resolver (name-only actors against each
source's actors by plain rapidfuzz similarity, in strata by source pair, plus health names
and acronyms), and labelled with a reason per pair BEFORE the rules were changed. The
resolver of that time scored precision 0.944, recall 0.481 on it.

Labels: `same` = 1 when both names designate one organisation. A unit or site named with its
parent counts as the parent ("Uppsala University / Department of …" = "Uppsala University"),
and a lab named with its parent counts as the lab; two different units, teams, delegations
or sites of one parent are different; a university hospital is not its university; 0 when the
names alone cannot tell (a bare "UCL" without a city, "Siemens" / "Siemens AG").

How a decision counts: each pair is resolved on its own, and only an automatic merge counts
as "merged". A pair sent to the review file is NOT merged — a person has not decided yet — so a
true pair in review is a miss for recall, and a false pair in review costs no precision.

`blind_pairs.csv` (240 pairs) — drawn by `scripts/sample_blind_pairs.py` (seed 20261124, every
pair of the two sets above excluded) and labelled by a second person who never ran the resolver
nor saw its answers. When it was added the resolver scored precision 0.931, recall 0.491 on it;
it was then used for tuning too (2026-11-23, second session).

`fresh_pairs.csv` (240 pairs) — drawn the same way (seed 20261125, the three sets above
excluded), labelled by a session that never ran the resolver, and measured once, before any
rule was changed for it: precision 0.935, recall 0.679 (the resolver of commit 492f810; the one
before that session's changes scored 0.942 / 0.613); then used for tuning.

`fresh2_pairs.csv` (240 pairs) — drawn the same way (seed 20261126, the four sets above
excluded), labelled blind, measured once before any rule was changed for it: precision 0.892,
recall 0.673 (commit ba73674; the resolver of the day before: 0.868 / 0.602); then used for
tuning.

`fresh3_pairs.csv` (240 pairs) — drawn the same way (seed 20261127, the five sets above
excluded), labelled blind, measured once before any rule was changed for it: precision 0.953,
recall 0.610 (commit 6278508; the resolver of the day before: 0.949 / 0.560); then used for
tuning.

`fresh4_pairs.csv` (240 pairs) — drawn the same way (seed 20261128, the six sets above excluded),
labelled blind: precision 0.933, recall 0.644 for the resolver of commit 5692618 (the resolver of
the day before: 0.923 / 0.552); then used for tuning (2026-11-24, sixth pass) once the next set
(`scripts/sample_blind_pairs.py --seed 20261129 --exclude …`) was being drawn, nobody having
looked at it: that next set is the honest measure of the resolver.

`fresh5_pairs.csv` (240 pairs) — drawn the same way (seed 20261129, the seven sets above
excluded), labelled blind (104 same, 14 judgement calls marked "uncertain:") while the sixth pass
was being written by someone who never saw it, and measured once, after that pass: precision
0.986, recall 0.673 (commit c434c31). The resolver before the sixth pass (861a4d0) scored 0.984 /
0.606 on it, the one of 2026-11-23 morning (dc2651a) 0.982 / 0.529. Whoever changes a rule while
looking at its misses must first draw the next set (`--seed 20261130`, all eight excluded).

The sixth pass (2026-11-24) wrote general rules for the largest groups of misses of all seven sets:
one public body (a university, a school, a national institute or office) in two cities of one country
(ONERA Toulouse / Palaiseau, a department of TU Munich in Straubing); a bare acronym declared by an
organisation with a company or participant number (CEA, THALES, DFKI) or spelling a public body's
name, at another of its sites in the country, and three-letter acronyms in the spelt name's own city
(RKI, Berlin); a one-word body named with a site word and its place (INRAE Centre Grand Est Colmar,
CEMAGREF - CENTRE DE MONTPELLIER), every such site joining the body; a university named with its own
acronym in parentheses; a unit of a university abroad (without separator, its city spelt in it) and
one unit named twice; a hospital by its own proper name (IRCCS / Ospedale San Raffaele); a
delegation's number (CNRS DR 03), Inserm and CNRS written in full; "TU", "Uni", "Technischen",
"FZ", "(U)MC", "UR", dotted legal forms ("S.A."); names met by their last proper noun.
Figures before → after: labelled 0.982/0.895 → 0.982/0.901, heldout 0.988/0.775 → 0.988/0.833,
blind 0.987/0.691 → 0.988/0.718, fresh 0.976/0.755 → 0.978/0.840, fresh2 0.945/0.704 → 0.949/0.755,
fresh3 0.971/0.670 → 0.975/0.780, fresh4 0.933/0.644 → 0.956/0.747. (INRAE is no longer read as
INRA, the labels' convention: a final "ae" is no German umlaut.)

The seventh pass (2026-11-24, while a sixth fresh set was being drawn and labelled, unseen) placed more
cities: the places table (scripts/build_places.py) now holds GeoNames' alternate names in Latin script of
French places and of cities abroad of 100,000 inhabitants or more, unless a French place or a more
populous one has that name as its own ("Genova", "Le Cap", "Fribourg-en-Brisgau", "Auzeville" for
Auzeville-Tolosane, "Illkirch"), towns abroad from 5,000 inhabitants (Oberschleißheim, Belvaux), and
France's overseas departments count as France (ONF, Fontainebleau / Cayenne); "ß", "œ", "æ" are spelt out
in cities instead of dropped. An RNSR structure named "body / its own name" is that lab whatever word its
name starts with (INALCO / Centre d'Études Japonaises); a French teaching word ("Centre Hospitalier
Universitaire") in a place known to be abroad names another hospital (Liège); a bare acronym is also spelt by
a name's words as written, small words left out (DZNE, "Zentrum" being "ctr" once compared). Figures before → after:
labelled 0.982/0.901 → 0.982/0.901, heldout 0.988/0.833 → 0.989/0.843, blind 0.988/0.718 → 0.988/0.736,
fresh 0.978/0.840 → 0.978/0.840, fresh2 0.949/0.755 → 0.949/0.755, fresh3 0.975/0.780 → 0.975/0.780,
fresh4 0.956/0.747 → 0.957/0.770, fresh5 0.986/0.673 → 0.987/0.712 (fresh5 was tuned on in this pass: its
blind figure is the one above). Part-word blocking (a name's later parts looked up by words that block few
names, "Max Planck Institue for Heart and Lung Research") found two more blind pairs but was left out: on
../shared/data its new merges were 83% right and it lost a dozen right ones (CNRS delegations, Helmholtz
München), name-only records linking to another single partner. So were a rule on a university's full name
adding proper nouns before "University" (City University of Hong Kong is not the University of Hong Kong), one on
a shared rare acronym (ARMINES centres, IRCCS hospitals: under 85% right on real data) and reading an ambiguous
city's other countries (Berne).

`fresh6_pairs.csv` (240 pairs) — drawn the same way (seed 20261130, the eight sets above excluded),
labelled blind (104 same, 29 judgement calls marked "uncertain:") while the seventh pass was being
written by someone who never saw it, and measured once, after that pass: precision 0.903, recall
0.625 (commit 6e70683). The resolver after the sixth pass (aa29d14) scored the same, 0.903 / 0.625;
the one before it (861a4d0) 0.896 / 0.577. It was then used for tuning (the eighth pass, below) while the
next set (`--seed 20261201`, all nine excluded) was being drawn and labelled by someone else, unseen by that
pass: that seventh fresh set is the honest measure of the resolver.

The eighth pass (2026-11-24) looked at the false merges first (fresh6 precision 0.903) and wrote: a lab's
acronym after a French body's name names the lab, not the body ("ENSAM - LMFL", "IGN / LaSTIG"; not a step of
a path of divisions, "CEA / DSSN/SPPS", nor the name's own initials); an unplaced bare acronym of three letters
names an owner with a company or participant number only as the owner's name spells it ("AMU" is not
Université d'Aix-Marseille's spelling), never an RNSR lab's three letters ("ISP"); a delegation in two cities
of its country ("CNRS - Délégation Centre Poitou-Charentes", Orléans / Tours) and by its region's acronym
(PACA, IDF); a site named with or without its site word ("INRIA [Centre de] Bordeaux Sud-Ouest"); "degli
Studi" and a Dutch "van" after a university word, a final "FR", a university's legal body ("The Regents of
the University of California"), "supérieur" in a long name, and German founders' names joined to
"Universität" ("Ruprecht-Karls-Universität Heidelberg") left out when compared; a bare acronym spelt by a
name whose word only looks elided ("Lausanne": EPFL, FLI); words cut short as registers abbreviate them
("INST DEVELOP DURABLE RELAT INTERNAT"); a leading acronym spelling the other name's first words ("INSA Lyon",
"ENS de Mécanique et d'Aérotechnique de Poitiers"); a registered lab's name after "Laboratoire"/"Unité"; a
one-word brand and a longer form of it in its city, unless the word is a group's (found in more than three
names: Safran, Total) or the longer name adds a proper noun or a number ("Cellectis Bioresearch"); a unit's
acronym after a university's name abroad ("UNIVERSITY OF OSLO ICM"); one name with its own acronym and with a
word saying what it is ("Wageningen University and Research (WUR)" / "… Centre"); and a score of words of
names in the partners' languages (Polytechnic, Medicine, Research, Catholic…) as their French form starting
with the same letter, so that initials still spell acronyms. Figures before → after: labelled 0.982/0.901 →
0.982/0.912, heldout 0.989/0.843 → 0.989/0.863, blind 0.988/0.736 → 0.988/0.745, fresh 0.978/0.840 →
0.978/0.858, fresh2 0.949/0.755 → 0.949/0.765, fresh3 0.975/0.780 → 0.975/0.790, fresh4 0.957/0.770 →
0.986/0.816, fresh5 0.987/0.712 → 1.000/0.740, fresh6 0.903/0.625 → 0.962/0.731 (tuned on: its blind figure
is the one before). On ../shared/data (all five sources resolved as `carto ingest` does, each against the
actors before it: `scripts/real_name_links.py dump`, then `compare` against commit 5060405's dump), 257 name links joined actors that the seventh pass
kept apart; read by hand, 249 are right, 2 uncertain ("Musée National d'Histoire Naturelle" with no city) and
6 wrong (97%): two companies of one name (Cedrat / Cedrat Technologies), Barcelona's Centre de Recerca
Matemàtica and Montréal's Centre de recherches mathématiques, an unplaced "Informatics Research Institute"
and IRIT, a joint record of Utrecht University and its medical centre (twice), a Rennes 1 team. Of the 44
links it no longer makes, about half were wrong (labs and hospitals named after their body: LMFL, IRIT,
CRICM, Hôpital Tenon, FOTON) and half right ones lost, mostly a record now linking to another record of the
same organisation that does not reach the body's cluster (INRA PACA centres, CEA / DSSN/SPPS, ENAC / LII).
Left out after that check: a bare three-letter acronym spelt by a name in another or no city
(UPC, PHE, LMU: most new merges wrong on the labelled sets), a record naming two bodies of different kinds
as neither ("University of Oslo / Oslo University Hospital": the labels take a university hospital's
joint records as the hospital), elided articles glued to a word ("dElectronique": they let "Équipe de
recherche de l'École du Louvre" meet the school), and a one-word brand with more words without the group
test (Renault Trucks Defense, Siemens Healthcare, Total Fluides).

`fresh7_pairs.csv` (233 pairs) — drawn the same way (seed 20261201, the nine sets above excluded: 2,190
earlier pairs; 233 drawn), labelled blind (100 same, 23 judgement calls marked "uncertain:") while the eighth
pass was being written by someone who never saw it, and measured once, after that pass: precision 0.944,
recall 0.680 (commit 462eeb7). The resolver before the eighth pass (5060405) scored 0.942 / 0.650 on it.
It was then used for tuning (the ninth pass, below) while the next set (`--seed 20261202`, all ten excluded) was
being drawn and labelled by someone else, unseen by that pass: that eighth fresh set is the honest measure.

The ninth pass (2026-11-24) read fresh7's 32 misses and 4 false merges and wrote: a unit's code first, then its
host, names the unit ("Inserm U1170 (ex U1009), Institut Gustave Roussy (IGR)"; not the lab's own name after its
code, "U791 - LIOAD (Laboratoire …)"); in France, one distinctive word of a lab's own before its body's name names
the lab ("Heudiasyc, Université de Technologie de Compiègne", LINA, LIAFA, CITERES; not the body's own initials,
"ANSSI / Agence nationale …", nor three letters); a comma followed by a word in lower case and "et" or another
comma lists the subjects of one name ("Agroécologie, génétique et systèmes d'élevage tropicaux"); a university
named after a person (three words besides generic ones, each common: "Pierre et Marie Curie") is followed by its
city's number; a name with the acronym its words spell, left out, against the same name with its city ("… Arts
et Métiers (CNAM)" / "… Arts et Métiers Paris"); CHU, CHRU, CHR spelt out to block and screen candidates
("CHRU de Dijon" / "Centre Hospitalier Régional Universitaire de Dijon"); a hospital's department named with a
hospital is that hospital ("Service de Biostatistique des Hospices Civils de Lyon"; not a lab or Inserm at it,
nor two departments), and a public hospital's own name of two words with any public hospital word ("Hôpital" /
"CHU Henri Mondor"; not a "Clinique"); a German university's founders' names kept in the name of one of its
units ("Ludwig-Maximilians-Universität München Institut für …"); a national laboratory ("Laboratoire national de
métrologie et d'essais", Paris / Trappes) is a national body with sites, not a lab of many of its name; a public
body's name naming a city, at that city and at a town the places table does not know ("Aarhus University" at Tjele /
Aarhus, Technische Universität München at Oberschleißheim); a hospital's name, then its own lab or department
without a code ("Hospices Civils de Lyon - Laboratoire de Cytogénétique"), is the hospital. Figures before → after: labelled 0.982/0.912 → 0.982/0.912, heldout 0.989/0.863 → 0.989/0.863, blind 0.988/0.745 → 0.988/0.745, fresh 0.978/0.858 →
0.978/0.858, fresh2 0.949/0.765 → 0.949/0.765, fresh3 0.975/0.790 → 0.988/0.790, fresh4 0.986/0.816 →
0.986/0.828, fresh5 1.000/0.740 → 1.000/0.740, fresh6 0.962/0.731 → 0.963/0.750, fresh7 0.944/0.680 →
0.987/0.760 (tuned on: its blind figure is the one before). On ../shared/data (`scripts/real_name_links.py`
dumps of commit 1b99429 and of this pass, compared), 47 name links are new; read by hand all 47 are right (about
ten by the convention that a department or unit without an identity of its own, a hospital's or abroad, is its
parent: "Service de Dermatologie CHU Nice", "Swansea University / SEMI"); most are CHU / CHRU records and their
spelt names (Lille, Toulouse, Nantes, Caen, Bordeaux, Dijon). Of the 13 links no longer made, 9 were wrong (a
unit's code then Gustave Roussy twice, LINA, LIAFA twice, CITERES twice, a Besançon lab, a bare "Rheumatology"),
3 are records now linked to another record of the same organisation (LMU twice, USP) and one right link is lost
(Centre Hospitalier Régional de Tours / CHU Tours). Resolution time, runs alternated on the shared
machine (`real_name_links.py dump`, CPU seconds for the five sources): 20.3, 21.4, 21.0 s against 19.7, 19.8,
20.3, 18.8 s for the eighth pass's resolver, about 6% slower (once a hospital's name only screens spelt-out
CHU names). Left out: reading a city's compared form as the city ("Paris" is "pari" once compared), which let
"University of Illinois at Chicago" meet "The University of Chicago" and Quilmes meet Buenos Aires; a "COMUE" read
as a university (12 new links, one wrong, "COMUE Université de Paris Est" / "Université Paris-Est Créteil", two
uncertain: successors of a ComUE). The national-laboratory rule changes no link on ../shared/data; the unknown-town
rule adds two, both right (Aarhus Universitet at Tjele, University of Dundee at Invergowrie); the hospital-then-lab
rule adds eight, all right by the convention (CHU Grenoble - Laboratoire de Génétique Chromosomique, CHU de Nantes -
Service de Dermatologie…), one link re-pointed within CHU de Rennes's records.

`fresh8_pairs.csv` (227 pairs) — drawn the same way (seed 20261202, the ten sets above excluded: 2,423
earlier pairs; 227 drawn), labelled blind (82 same, 19 judgement calls marked "uncertain:") while the ninth
pass was being written by someone who never saw it, and measured once, after that pass: precision 0.965,
recall 0.671 (commit 676ab47) — the same as the resolver before the ninth pass (1b99429): 0.965 / 0.671. The
ninth pass's rules, right on the set they were written from and on ../shared/data, found none of fresh8's
misses. NOBODY HAS TUNED ON IT: it is the honest measure of the resolver. Whoever changes a rule while looking
at its misses must first draw the next set (`--seed 20261203`, all eleven excluded) and measure on it.

The team's labelling convention (all sets; four held-out labels of the older convention were
relabelled on 2026-11-23, their reasons say so): a record denotes the most specific unit it
names; a French research unit with an identity of its own (UMR, U, EA, a named lab, an RNSR
structure) named with its university or body is that unit, not the body; a department,
faculty, institute, site or office without such an identity (usually abroad) is its parent.

The issue's targets are precision >= 0.97 and recall >= 0.90 on each set. They are reached on the
tuning set only (0.982 / 0.912); on the others recall is 0.74–0.86 (precision 0.949 on fresh2, 0.963 on
fresh6); the seventh fresh set scored 0.944 / 0.680 untouched, 0.987 / 0.760 once tuned on; the untouched
eighth fresh set scores 0.965 / 0.671:
`test_issue_targets` states them, a plain test on the sets in `MET` and a strict expected failure on
the others, so the gap shows in every run and a set moves to `MET`
once the resolver meets them. The floors below are the measured figures, asserted so that they
cannot silently drop. The misses left are names that share no rule-readable evidence (renamed
bodies, a university's legal or founder's name against its short one — "Ruprecht-Karls-Universität
Heidelberg" / "Universität Heidelberg" —, sites in a city the places table does not know, a unit
named without its parent, foreign-language names of one body, companies and their subsidiaries).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ingest.resolution import make_profile, resolve_profiles

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "resolution"

PRECISION_TARGET = 0.97
RECALL_TARGET = 0.90
"""The issue's targets."""

SETS = (
    "labelled_pairs.csv",
    "heldout_pairs.csv",
    "blind_pairs.csv",
    "fresh_pairs.csv",
    "fresh2_pairs.csv",
    "fresh3_pairs.csv",
    "fresh4_pairs.csv",
    "fresh5_pairs.csv",
    "fresh6_pairs.csv",
    "fresh7_pairs.csv",
    "fresh8_pairs.csv",
    "fresh9_pairs.csv",
)
FLOORS = {
    "labelled_pairs.csv": (0.98, 0.91),
    "heldout_pairs.csv": (0.98, 0.86),
    "blind_pairs.csv": (0.98, 0.74),
    "fresh_pairs.csv": (0.97, 0.85),
    "fresh2_pairs.csv": (0.94, 0.76),
    "fresh3_pairs.csv": (0.98, 0.79),
    "fresh4_pairs.csv": (0.98, 0.82),
    "fresh5_pairs.csv": (1.00, 0.74),
    "fresh6_pairs.csv": (0.96, 0.75),
    "fresh7_pairs.csv": (0.98, 0.76),
    "fresh8_pairs.csv": (0.96, 0.67),
    "fresh9_pairs.csv": (0.91, 0.57),
}
"""(precision, recall) measured on each set, kept from dropping: 0.982/0.912, 0.989/0.863,
0.988/0.745, 0.978/0.858, 0.949/0.765, 0.988/0.790, 0.986/0.828, 1.000/0.740, 0.963/0.750, 0.987/0.760,
0.965/0.671, 0.917/0.579 (fresh9, drawn and labelled blind after the alias stage, read once)."""


def _profile(row: dict[str, str], side: str):
    ext = tuple(tuple(x.split(":", 1)) for x in row[f"ext_{side}"].split(";") if x)
    return make_profile(row[f"id_{side}"], row[f"name_{side}"], row[f"city_{side}"], row[f"acronym_{side}"], ext)


def measure(path: Path) -> tuple[int, float, float, int]:
    """(pairs, precision, recall, pairs sent to review) of the resolver on a labelled file."""
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    tp = fp = fn = review = 0
    for row in rows:
        a, b = _profile(row, "a"), _profile(row, "b")
        res = resolve_profiles({a.id: a, b.id: b})
        merged, same = bool(res.mapping), row["same"] == "1"
        review += bool(res.review)
        tp += merged and same
        fp += merged and not same
        fn += same and not merged
    return len(rows), tp / (tp + fp), tp / (tp + fn), review


@pytest.mark.parametrize("name", SETS)
def test_resolver_precision_and_recall_on_labelled_pairs(name: str) -> None:
    n, precision, recall, review = measure(FIXTURES / name)
    print(
        f"resolver on {name} ({n} pairs): precision {precision:.3f} (target {PRECISION_TARGET}), "
        f"recall {recall:.3f} (target {RECALL_TARGET}), {review} pairs to review"
    )
    assert n >= 200
    assert precision >= FLOORS[name][0]
    assert recall >= FLOORS[name][1]


MET = ("labelled_pairs.csv",)
"""The sets on which the resolver meets the issue's targets: asserted as plain tests; on the others the
targets are strict expected failures, so that the gap shows and a set that reaches them must move here."""

_BELOW = pytest.mark.xfail(
    strict=True, reason="issue #3: resolver below the issue's targets (see the module docstring)"
)


@pytest.mark.parametrize("name", [n if n in MET else pytest.param(n, marks=_BELOW) for n in SETS])
def test_issue_targets(name: str) -> None:
    _, precision, recall, _ = measure(FIXTURES / name)
    assert precision >= PRECISION_TARGET and recall >= RECALL_TARGET


def test_every_held_out_pair_has_a_label_and_a_reason() -> None:
    rows = list(csv.DictReader((FIXTURES / "heldout_pairs.csv").open(encoding="utf-8")))
    assert {r["same"] for r in rows} == {"0", "1"}
    assert all(r["reason"].strip() for r in rows)
    assert len({frozenset((r["id_a"], r["id_b"])) for r in rows}) == len(rows)
    tuning = {frozenset((r["id_a"], r["id_b"])) for r in csv.DictReader((FIXTURES / "labelled_pairs.csv").open())}
    assert not tuning & {frozenset((r["id_a"], r["id_b"])) for r in rows}  # held out: no pair of the tuning set


@pytest.mark.parametrize("index", range(2, len(SETS)))
def test_each_later_set_is_new_and_labelled(index: int) -> None:
    rows = list(csv.DictReader((FIXTURES / SETS[index]).open(encoding="utf-8")))
    assert {r["same"] for r in rows} == {"0", "1"}
    assert all(r["reason"].strip() for r in rows)
    pairs = {frozenset((r["id_a"], r["id_b"])) for r in rows}
    assert len(pairs) == len(rows)
    for other in SETS[:index]:
        earlier = {frozenset((r["id_a"], r["id_b"])) for r in csv.DictReader((FIXTURES / other).open(encoding="utf-8"))}
        assert not pairs & earlier
