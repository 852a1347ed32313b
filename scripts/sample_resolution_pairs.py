"""Draw the held-out candidate pairs for entity-resolution labelling from ../shared/data.

Why a script: the labelled pairs that measure the resolver must be drawn by a procedure
anyone can re-run, that does not depend on the resolver being measured (otherwise the
pairs it misses are never drawn and recall looks better than it is).

Procedure (seed 20261123, deterministic):

1. Read every actor of the five publisher files (RNSR, i-Lab, ANR generic, ANR PIA, CORDIS)
   with the project's readers, without resolution. Actors with the same id (an RNSR or SIREN
   named by two files) are one actor; i-Lab's "Entreprise SIREN …" placeholders are dropped.
2. Queries are the actors known by name alone (no RNSR/SIREN/PIC/… id): those are the ones
   the name stage of the resolver decides on. They are shuffled with the seed.
3. For each query, candidates are the other actors whose basic normalised name (accents,
   case, punctuation, legal forms: `ingest.ids.norm_name`, nothing from `ingest.resolution`)
   has a rapidfuzz token_set_ratio ≥ 60 with it and shares a word that is not among the
   300 commonest words. One candidate is drawn at random among the five best.
   Candidates are searched in one source at a time, by stratum (STRATA): ANR/PIA name-only
   actors against RNSR labs and bodies, ANR against ANR, PIA against ANR, any name-only actor
   against CORDIS participants, ANR/PIA against i-Lab start-ups; a query whose name is about
   health (Inserm, AP-HP, hospital, CHU, cancer, Pasteur, Curie…) goes to `health`, searched in
   every source; a query that is one capitalised word (an acronym) goes to `acronym`, whose
   candidates are actors whose acronym or word initials spell it. Each query feeds the
   eligible stratum furthest from its quota.
4. Pairs are taken in query order until every quota is full. Pairs already in
   labelled_pairs.csv (the tuning set) are skipped. Positives and hard negatives (same city,
   near names, sibling units) both come out of the bands of similarity the draw covers.

    python scripts/sample_resolution_pairs.py [--out heldout_candidates.csv]

The output has the columns of the labelled files minus `same` and `reason`, which a person
fills to make tests/fixtures/resolution/heldout_pairs.csv (its first 14 columns are this output, row for row).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from ingest.anr import read_anr, read_anr_pia  # noqa: E402
from ingest.cordis import read_cordis  # noqa: E402
from ingest.ids import strip_accents  # noqa: E402
from ingest.ilab import read_ilab  # noqa: E402
from ingest.rnsr import read_rnsr  # noqa: E402
from ingest.shared_data import SHARED_DATA_FILES  # noqa: E402
from ontology import load_schema  # noqa: E402

SEED = 20261123
STRATA = {
    "anr~rnsr": ({"anr", "anr-pia"}, "rnsr"),
    "anr~anr": ({"anr"}, "anr"),
    "pia~anr": ({"anr-pia"}, "anr"),
    "anr~cordis": ({"anr", "anr-pia", "ilab", "rnsr"}, "cordis"),
    "anr~ilab": ({"anr", "anr-pia"}, "ilab"),
    "health": ({"anr", "anr-pia", "ilab", "rnsr"}, "any"),
}
"""Stratum → (sources of the name-only query, source of the candidates)."""
QUOTAS = {"anr~rnsr": 55, "anr~anr": 40, "pia~anr": 35, "anr~cordis": 40, "anr~ilab": 20, "health": 40, "acronym": 30}
FIXTURES = ROOT / "tests" / "fixtures" / "resolution"
READERS = {"rnsr": read_rnsr, "ilab": read_ilab, "anr": read_anr, "anr-pia": read_anr_pia, "cordis": read_cordis}
HEALTH = re.compile(r"inserm|ap-?hp|h[oô]pita|hospi|\bchu\b|chru|cancer|gustave roussy|curie|pasteur|m[eé]dic", re.I)
COLUMNS = ["stratum", "sim", "source_a", "id_a", "name_a", "city_a", "acronym_a", "ext_a"]
COLUMNS += ["source_b", "id_b", "name_b", "city_b", "acronym_b", "ext_b"]


_LEGAL = set(
    "sa sas sasu sarl eurl sca sci snc gie scop selarl gmbh ag bv nv spa srl sl ltd limited llc inc plc corp co ab as oy".split()
)
_STOP = set(
    "de du des la le les l d et en a au aux of the and for in at di dei delle del della da do dos das y te zur zu fur fuer"
    " und".split()
)
_ROMAN = {r: str(i) for i, r in enumerate("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv".split(), start=1)}
_ID_KINDS = ("rnsr", "siren", "pic", "finess", "uai", "ror", "wikidata")


def norm_name(name: str) -> str:
    """The plain name normalisation the draw was made with, frozen here so that the resolver's own
    normalisation can change without changing the draw: accents, case, punctuation, legal forms,
    stop words, roman numerals."""
    text = strip_accents(name).lower().replace("'", "").replace("’", "").replace("`", "")
    text = re.sub(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z]{3,})", " ", text)
    words = [_ROMAN.get(w, w) for w in re.findall(r"[a-z0-9]+", text)]
    kept = [w for w in words if w not in _LEGAL and w not in _STOP]
    return " ".join(kept or words)


def _city(text: str) -> str:
    return " ".join(w for w in norm_name(text).split() if w != "cedex" and not w.isdigit())


def _acronym(text: str) -> str:
    return "".join(ch for ch in strip_accents(text).upper() if ch.isalnum())


def _actors(data: Path) -> list[dict]:
    """Every actor of the five files, as the readers give them (first non-empty name, city, acronym
    and ids of each actor id, in file order), unresolved."""
    schema = load_schema()
    seen: dict[str, dict] = {}
    for source, files in SHARED_DATA_FILES.items():
        acc: dict[str, dict] = {}
        for rec in READERS[source](schema, [data / f for f in files]).nodes:
            if rec.label != "Actor":
                continue
            a = acc.setdefault(rec.id, {"ext": {}})
            for k in ("name", "city", "acronym"):
                if not a.get(k) and rec.props.get(k):
                    a[k] = str(rec.props[k])
            for kind in _ID_KINDS:
                if rec.props.get(kind) and kind not in a["ext"]:
                    a["ext"][kind] = str(rec.props[kind])
        for aid, a in sorted(acc.items()):
            name = a.get("name", "")
            if aid in seen or not name or name.startswith("Entreprise SIREN"):
                continue
            ext = ";".join(f"{k}:{v}" for k, v in sorted(a["ext"].items()))
            seen[aid] = {"source": source, "id": aid, "name": name, "city": _city(a.get("city", ""))}
            seen[aid] |= {"acronym": _acronym(a.get("acronym", "")), "ext": ext, "norm": norm_name(name)}
    return sorted(seen.values(), key=lambda a: a["id"])


def _initials(norm: str) -> str:
    return "".join(w[0] for w in norm.split())


def _row(stratum: str, sim: float, a: dict, b: dict) -> dict:
    row = {"stratum": stratum, "sim": round(sim, 1)}
    for side, x in (("a", a), ("b", b)):
        row |= {f"source_{side}": x["source"], f"id_{side}": x["id"], f"name_{side}": x["name"]}
        row |= {f"city_{side}": x["city"], f"acronym_{side}": x["acronym"], f"ext_{side}": x["ext"]}
    return row


def sample(data: Path) -> list[dict]:
    """The candidate pairs, in the order they were drawn."""
    rng = random.Random(SEED)
    actors = _actors(data)
    norms = [a["norm"] for a in actors]
    common = {w for w, _ in Counter(w for n in norms for w in set(n.split())).most_common(300)}
    pools: dict[str, list[int]] = {}
    for i, a in enumerate(actors):
        pools.setdefault(a["source"], []).append(i)
    pools["any"] = list(range(len(actors)))
    pool_norms = {k: [norms[i] for i in v] for k, v in pools.items()}
    by_acronym: dict[str, list[int]] = {}
    for i, a in enumerate(actors):
        for key in {a["acronym"].lower(), _initials(a["norm"])}:
            if len(key) >= 2:
                by_acronym.setdefault(key, []).append(i)
    tuning = set()
    with (FIXTURES / "labelled_pairs.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            tuning.add(frozenset((r["id_a"], r["id_b"])))
            tuning.add(frozenset((norm_name(r["name_a"]), norm_name(r["name_b"]))))
    queries = [i for i, a in enumerate(actors) if not a["ext"] and a["norm"]]
    rng.shuffle(queries)
    filled: Counter = Counter()
    out: list[dict] = []
    taken: set[frozenset] = set()
    for qi in queries:
        if all(filled[s] >= n for s, n in QUOTAS.items()):
            break
        q = actors[qi]
        words = q["name"].split()
        if len(words) == 1 and words[0].isupper() and 3 <= len(q["norm"]) <= 10:
            owners = [i for i in by_acronym.get(q["norm"].replace(" ", ""), []) if i != qi]
            if not owners or filled["acronym"] >= QUOTAS["acronym"]:
                continue
            stratum, sim, ci = "acronym", 0.0, rng.choice(owners)
        else:
            eligible = [s for s, (srcs, pool) in STRATA.items() if q["source"] in srcs and filled[s] < QUOTAS[s]]
            if HEALTH.search(q["name"]):
                eligible = ["health"] if filled["health"] < QUOTAS["health"] else eligible
            if not eligible:
                continue
            stratum = max(eligible, key=lambda s: (QUOTAS[s] - filled[s], s))
            pool = pools[STRATA[stratum][1]]
            found = process.extract(
                q["norm"], pool_norms[STRATA[stratum][1]], scorer=fuzz.token_set_ratio, score_cutoff=60, limit=12
            )
            rare = set(q["norm"].split()) - common
            found = [(s, pool[j]) for _n, s, j in found if pool[j] != qi and rare & set(norms[pool[j]].split())][:5]
            if not found:
                continue
            sim, ci = rng.choice(found)
        c = actors[ci]
        key = frozenset((q["id"], c["id"]))
        if key in taken or key in tuning or frozenset((q["norm"], c["norm"])) in tuning:
            continue
        taken.add(key)
        filled[stratum] += 1
        out.append(_row(stratum, sim, q, c))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=Path("heldout_candidates.csv"))
    args = ap.parse_args(argv)
    rows = sample(args.data)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} pairs → {args.out}: {dict(Counter(r['stratum'] for r in rows))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
