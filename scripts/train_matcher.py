"""Train the learned name matcher on pairs that identifiers label, and pick its thresholds.

Ground truth costs nothing here: an ANR partner row that carries an RNSR id names that lab, so
(row's name, the lab) is a true pair and (row's name, another lab its words resemble) a false
one. Projects are split by a hash of their code (`benchmarks/holdout_split.py`): rows of
"train" projects teach the weights, rows of "dev" projects draw the precision–recall curve the
thresholds are read from, and "holdout" projects are never opened here (they are the
benchmark's, read once). The labelled pair sets (all but the untouched `fresh8_pairs.csv`)
add pairs of other kinds than ANR-to-RNSR.

    python scripts/train_matcher.py [--data ../shared/data] [--out ingest/resolution/matcher_weights.json]

Writes the weights with the figures they were chosen from (pairs, dev precision/recall per threshold).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from benchmarks.holdout_split import split_of  # noqa: E402
from ingest.anr import _NO_NAME, PARTNER_COLUMNS, is_employer_name  # noqa: E402
from ingest.ids import clean_external_id  # noqa: E402
from ingest.resolution.forms import name_norm  # noqa: E402
from ingest.resolution.learned import FEATURES, WEIGHTS_FILE, MatchContext, levels  # noqa: E402
from ingest.resolution.profiles import ActorProfile, make_profile  # noqa: E402

RNSR = "rnsr/fr-esr-structures-recherche-publiques-actives.csv"
ANR = "anr/anr-dos-depuis-2010-projets-finances-partenaires.csv"
LABELLED = ROOT / "tests" / "fixtures" / "resolution"
UNTOUCHED = {"fresh8_pairs.csv"}
PRECISION_GOAL = 0.97
REVIEW_AT = 0.9


def _rnsr_labs(path: Path) -> dict[str, ActorProfile]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    out = {}
    for r in rows:
        code = clean_external_id("rnsr", r["numero_national_de_structure"] or "")
        if code and r["libelle"]:
            aid = f"rnsr-{code.lower()}"
            out[aid] = make_profile(aid, r["libelle"], r["commune"] or "", r["sigle"] or "", (("rnsr", code),))
    return out


def _tutelle_names(path: Path) -> set[str]:
    """Compared names of every supervising body the RNSR lists: a row so named names the body, not its lab."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    out = set()
    for r in rows:
        for col in ("tutelles", "sigles_des_tutelles"):
            out.update(name_norm(n) for n in (r.get(col) or "").split(";") if n.strip())
    return out - {""}


def names_the_lab(name: str, bodies: set[str]) -> bool:
    """Whether an ANR row's name can name its lab: not an employer's, not a supervising body's."""
    return not (name.lower() in _NO_NAME or is_employer_name(name) or name_norm(name) in bodies)


def _anr_rows(path: Path, bodies: set[str] = frozenset()) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    out = []
    for r in rows:
        name = (r.get(PARTNER_COLUMNS["name"]) or "").strip()
        raw = r.get(PARTNER_COLUMNS["rnsr"]) or ""
        code = clean_external_id("rnsr", raw) if raw else None
        if not code or not name or not names_the_lab(name, bodies):
            continue
        out.append(
            {
                "lab": f"rnsr-{code.lower()}",
                "name": name,
                "city": (r.get(PARTNER_COLUMNS["city"]) or "").replace("Non renseigné", ""),
                "split": split_of(r[PARTNER_COLUMNS["code"]]),
            }
        )
    return out


def _with_aliases(labs: dict[str, ActorProfile], rows: list[dict[str, str]]) -> dict[str, ActorProfile]:
    """The labs with the names train rows gave them, as the graph's `names` would hold them."""
    names: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r["split"] == "train" and r["lab"] in labs:
            names[r["lab"]].add(r["name"])
    return {
        aid: make_profile(p.id, p.name, p.city, p.acronym, p.ext, names=names.get(aid, ())) for aid, p in labs.items()
    }


def _alias_index(labs: dict[str, ActorProfile]) -> dict[str, set[str]]:
    idx: dict[str, set[str]] = defaultdict(set)
    for p in labs.values():
        for n in (p.name, *p.names):
            idx[name_norm(n)].add(p.id)
    return idx


def _residual(rows, labs):
    """Rows the alias stage leaves to the matcher: their name is no alias of exactly one lab."""
    idx = _alias_index(labs)
    return [r for r in rows if r["lab"] in labs and len(idx.get(name_norm(r["name"]), ())) != 1]


def _body_names(rows) -> set[str]:
    """Names train rows give two labs or more: a body's name, not a lab's (noise as a label)."""
    codes: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        codes[name_norm(r["name"])].add(r["lab"])
    return {k for k, v in codes.items() if len(v) > 1}


def _pairs(rows, labs, ctx, rng, limit):
    """(features, label, row index) for each row's candidates; the true lab always among them."""
    x, y, group = [], [], []
    rows = [r for r in rows if r["lab"] in labs]
    rng.shuffle(rows)
    for i, r in enumerate(rows[:limit]):
        p = make_profile(f"anr-row-{i}", r["name"], r["city"])
        cands = ctx.candidates(p)
        truth = labs[r["lab"]]
        own = name_norm(r["name"])  # the row's own spelling is not yet an alias of its lab
        labs_r = {**labs, r["lab"]: replace(truth, names=tuple(n for n in truth.names if name_norm(n) != own))}
        qs = list(dict.fromkeys([*cands, r["lab"]]))
        for q, v in zip(qs, levels(p, [labs_r[q] for q in qs], ctx), strict=True):
            x.append(v)
            y.append(int(q == r["lab"]))
            group.append(i)
    return np.array(x), np.array(y), np.array(group)


def _labelled_pairs(ctx):
    x, y = [], []
    for path in sorted(LABELLED.glob("*_pairs.csv")):
        if path.name in UNTOUCHED:
            continue
        for r in csv.DictReader(path.open(encoding="utf-8")):
            sides = []
            for s in "ab":
                ext = tuple(tuple(v.split(":", 1)) for v in r[f"ext_{s}"].split(";") if v)
                sides.append(make_profile(r[f"id_{s}"], r[f"name_{s}"], r[f"city_{s}"], r[f"acronym_{s}"], ext))
            a, b = sides
            if a.strong and not b.strong:
                a, b = b, a
            x.append(levels(a, [b], ctx)[0])  # a lone pair: no other candidate stands beside it
            y.append(int(r["same"] == "1"))
    return np.array(x), np.array(y)


def _curve(model, x, y, group):
    """Per threshold: precision and recall of taking each row's best candidate when its probability reaches it."""
    prob = model.predict_proba(x)[:, 1]
    best: dict[int, tuple[float, int]] = {}
    for pr, label, g in zip(prob, y, group, strict=True):
        if g not in best or pr > best[g][0]:
            best[g] = (float(pr), int(label))
    rows = len(best)
    out = []
    for t in [i / 100 for i in range(50, 100)]:
        taken = [lab for pr, lab in best.values() if pr >= t]
        right = sum(taken)
        out.append(
            {"threshold": t, "precision": right / len(taken) if taken else 1.0, "recall": right / rows if rows else 0}
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=WEIGHTS_FILE)
    ap.add_argument("--rows", type=int, default=12000, help="train rows sampled (seeded)")
    args = ap.parse_args()
    rng = random.Random(20261207)
    labs = _rnsr_labs(args.data / RNSR)
    rows = _anr_rows(args.data / ANR, _tutelle_names(args.data / RNSR))
    labs = _with_aliases(labs, rows)
    ctx = MatchContext.build(labs.values())
    body = _body_names([r for r in rows if r["split"] == "train"])
    train = [r for r in rows if r["split"] == "train" and name_norm(r["name"]) not in body]
    dev = _residual([r for r in rows if r["split"] == "dev"], labs)
    xt, yt, _ = _pairs(train, labs, ctx, rng, args.rows)
    xl, yl = _labelled_pairs(ctx)
    x = np.vstack([xt, xl])
    y = np.concatenate([yt, yl])
    model = LogisticRegression(C=1.0, max_iter=2000, random_state=0).fit(x, y)
    xd, yd, gd = _pairs(dev, labs, ctx, random.Random(1), 10**9)
    curve = _curve(model, xd, yd, gd)
    ok = [c for c in curve if c["precision"] >= PRECISION_GOAL]
    # no threshold reaching the precision goal on dev: the matcher merges nothing, its best
    # candidates from REVIEW_AT up go to the review file for a person
    merge = ok[0]["threshold"] if ok else None
    review = min(REVIEW_AT, merge) if merge is not None else REVIEW_AT
    at = next(c for c in curve if c["threshold"] == (merge or review))
    out = {
        "features": list(FEATURES),
        "weights": [round(float(w), 6) for w in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 6),
        "merge": merge,
        "review": review,
        "trained_on": {
            "anr_rows": int(len(set(_ for _ in range(min(len(train), args.rows))))),
            "anr_pairs": int(len(yt)),
            "labelled_pairs": int(len(yl)),
            "dev_rows": int(len(set(gd.tolist()))),
            "dev_at_threshold": at,
            "precision_goal": PRECISION_GOAL,
        },
        "dev_curve": curve,
    }
    args.out.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: out[k] for k in ("weights", "bias", "merge", "review", "trained_on")}, indent=1))


if __name__ == "__main__":
    main()
