"""The resolver's gazetteer: positions that decide whether two addresses are one place."""

from __future__ import annotations

import sys
from pathlib import Path

from ingest.places import PLACES_FILE, country, locate, near
from ingest.resolution import city_key

ROOT = Path(__file__).resolve().parents[3]


def test_the_committed_table_is_what_the_build_script_writes(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_places
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    out = tmp_path / "places.tsv"
    assert build_places.main(["--out", str(out)]) == 0
    assert out.read_bytes() == PLACES_FILE.read_bytes()


def test_neighbouring_communes_agree_and_towns_of_one_region_do_not() -> None:
    pairs_near = [("Saint-Martin-d'Hères", "Grenoble"), ("Pessac", "Bordeaux"), ("Shinjuku-ku", "Tokyo"),
                  ("Villeurbanne", "Lyon"), ("Champs-sur-Marne", "Marne-la-Vallée"), ("Créteil", "Paris")]  # fmt: skip
    pairs_far = [("Orsay", "Paris"), ("Lyon", "Grenoble"), ("Gennevilliers", "Madison, Wisconsin")]
    assert all(near(city_key(a), city_key(b)) for a, b in pairs_near)
    assert not any(near(city_key(a), city_key(b)) for a, b in pairs_far)


def test_an_unknown_city_is_unknown_not_guessed() -> None:
    assert locate(city_key("Xqzwv")) == () and country(city_key("Xqzwv")) == ""
    assert not near(city_key("Xqzwv"), city_key("Paris"))


def test_a_name_shared_by_several_places_reads_as_its_most_populous() -> None:
    assert country("paris") == "FR" and len(locate("paris")) > 1  # Paris, Texas exists too
    assert country(city_key("Madison, Wisconsin")) == "US"


def test_a_city_by_its_other_name_or_short_form_is_placed() -> None:
    # GeoNames' alternate names: a city in its own language or in French, a commune's short form
    assert country(city_key("Genova")) == "IT" and near(city_key("Le Cap"), city_key("Rondebosch"))
    assert near(city_key("Fribourg-en-Brisgau"), city_key("Freiburg"))
    assert near(city_key("Auzeville"), city_key("Castanet-Tolosan"))
    # an alternate name never takes a French place's own name: Valence is not Valencia ("Valence" in French)
    assert country("valence") == "FR" and country("lyon") == "FR"


def test_letters_without_accents_are_spelt_out_and_small_towns_abroad_known() -> None:
    assert city_key("Oberschleißheim") == "oberschleissheim" and country("oberschleissheim") == "DE"
    assert near(city_key("Belvaux"), city_key("Esch-sur-Alzette"))


def test_french_overseas_departments_are_in_france() -> None:
    assert country(city_key("Cayenne")) == "FR" and country(city_key("Pointe-à-Pitre")) == "FR"


def test_a_french_name_read_as_a_city_abroad_is_that_city() -> None:
    # city_key reads "Vienne" as "wien": the table places "wien" in Austria, not only at Vienne (Isère)
    assert country(city_key("Wien")) == "AT" and country(city_key("Vienne")) == "AT"
