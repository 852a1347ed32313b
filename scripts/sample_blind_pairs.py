"""Draw the blind candidate pairs for entity-resolution labelling (issue #3).

Why a third set: labelled_pairs.csv and heldout_pairs.csv have both been used while tuning
ingest/resolve.py, so their scores flatter the resolver. This set is drawn by the same seeded
procedure (scripts/sample_resolution_pairs.py, unchanged, imported), with another seed, with every
pair of both earlier sets excluded (by id pair and by normalised name pair, in either order), and
labelled by hand without running or importing ingest.resolution.

How it reuses the sampler without editing it: the sampler's seed is the module constant SEED and
it skips the pairs of FIXTURES/labelled_pairs.csv. This wrapper sets SEED, points FIXTURES at a
temporary folder whose labelled_pairs.csv is the union of both earlier sets, and scales the
sampler's quotas (260 pairs) down to 240 pairs in the same proportions, so the stratum mix is kept.

Exact command (from the repository root; deterministic):

    python scripts/sample_blind_pairs.py --out /tmp/blind_candidates.csv

The output has the first 14 columns of tests/fixtures/resolution/blind_pairs.csv, row for row;
`same` and `reason` were then filled by hand (reasons starting "uncertain:" are judgement calls).

Rules applied: a record denotes the most specific unit it names; a lab (UMR, U, EA, named
institute) named with its university or body is that lab, and is not the university or body
alone; a department, faculty, institute or office of a foreign university or body that has no
identity of its own is that university or body; two different units, departments, delegations or
hospitals are different; a university hospital is not its university; a predecessor university
(before a merger or split) is not its successor; a parent company is not its subsidiary. Bare
acronyms were checked against the partner's project and country in the ANR file.

Fresh set (tests/fixtures/resolution/fresh_pairs.csv): once blind_pairs.csv had been used for tuning
too, a fourth set was drawn the same way, with another seed and all three earlier sets excluded
(`--exclude` is repeatable; a name is looked up in tests/fixtures/resolution, else taken as a
path; without it the two sets above are excluded, so the command above is unchanged):

    python scripts/sample_blind_pairs.py --seed 20261125 --exclude labelled_pairs.csv
        --exclude heldout_pairs.csv --exclude blind_pairs.csv --out /tmp/fresh_candidates.csv

(one command, split over two lines here; it prints 750 earlier pairs excluded and 240 drawn).

Its first 14 columns are that output, row for row; it was labelled by hand with the same rules,
without running, importing or reading ingest.resolution or its quality test.

Second fresh set (tests/fixtures/resolution/fresh2_pairs.csv): once fresh_pairs.csv had been used
for tuning too, a fifth set was drawn the same way, with another seed and all four earlier sets
excluded:

    python scripts/sample_blind_pairs.py --seed 20261126 --exclude labelled_pairs.csv
        --exclude heldout_pairs.csv --exclude blind_pairs.csv --exclude fresh_pairs.csv
        --out /tmp/fresh2_candidates.csv

(one command, split over three lines here; it prints 990 earlier pairs excluded and 240 drawn).

Its first 14 columns are that output, row for row; it was labelled by hand with the same rules
(plus: a CH and a CHU of one city are one hospital; a renamed organisation is the same, a merger's
predecessor is not its successor; two delegations or regional centres of one body differ; a bare
ambiguous acronym with nothing to corroborate it is 0), without looking at the resolver's answers
and without opening ingest.resolution, ingest.places or the quality test. (Running this script imports
the `ingest` package, whose __init__ imports ingest.resolution; no resolver function is called.)

Third fresh set (tests/fixtures/resolution/fresh3_pairs.csv): once fresh2_pairs.csv had been used
for tuning too, a sixth set was drawn the same way, with another seed and all five earlier sets
excluded:

    python scripts/sample_blind_pairs.py --seed 20261127 --exclude labelled_pairs.csv
        --exclude heldout_pairs.csv --exclude blind_pairs.csv --exclude fresh_pairs.csv
        --exclude fresh2_pairs.csv --out /tmp/fresh3_candidates.csv

(one command, split over three lines here; it prints 1230 earlier pairs excluded and 240 drawn;
two runs give byte-identical files, and no drawn id pair, in either order, is in an earlier set).

Its first 14 columns are that output, row for row; it was labelled by hand with the same rules as
the second fresh set (a department, institute or site of a body with no research-unit identity of
its own, named with it, is that body; a lab with its own identity named with its body is the lab;
two different teams, departments or hospitals differ), with the projects, countries and RNSR
records of the shared data as context for bare acronyms, without looking at the resolver's answers
and without opening ingest.resolution, ingest.places or the resolver tests.

Fourth fresh set (tests/fixtures/resolution/fresh4_pairs.csv): once fresh3_pairs.csv had been used
for tuning too, a seventh set was drawn the same way, with another seed and all six earlier sets
excluded:

    python scripts/sample_blind_pairs.py --seed 20261128 --exclude labelled_pairs.csv
        --exclude heldout_pairs.csv --exclude blind_pairs.csv --exclude fresh_pairs.csv
        --exclude fresh2_pairs.csv --exclude fresh3_pairs.csv --out /tmp/fresh4_candidates.csv

(one command, split over three lines here; it prints 1470 earlier pairs excluded and 240 drawn;
two runs give byte-identical files, and no drawn id pair, in either order, is in an earlier set).

Its first 14 columns are that output, row for row; it was labelled by hand with the same rules as
the third fresh set, aligned on the reasons of the three fresh sets (e.g. a regional centre of
INRAE is INRAE but an INRA centre is not INRAE; a foreign institute of a national research body
named with it is that body; a university hospital or medical university is not the university; a
team or lab with an Inserm, UMR, EA or RNSR identity is not its host), with the ANR projects,
countries and RNSR records of the shared data as context for bare acronyms, without looking at the
resolver's answers and without opening ingest.resolution, ingest.places or the resolver tests.

Fifth fresh set (tests/fixtures/resolution/fresh5_pairs.csv): once fresh4_pairs.csv had been used
for tuning too, an eighth set was drawn the same way, with another seed and all seven earlier sets
excluded:

    python scripts/sample_blind_pairs.py --seed 20261129 --exclude labelled_pairs.csv
        --exclude heldout_pairs.csv --exclude blind_pairs.csv --exclude fresh_pairs.csv
        --exclude fresh2_pairs.csv --exclude fresh3_pairs.csv --exclude fresh4_pairs.csv
        --out /tmp/fresh5_candidates.csv

(one command, split over four lines here; it prints 1710 earlier pairs excluded and 240 drawn;
two runs give byte-identical files, and no drawn id pair, in either order, is in an earlier set).

Its first 14 columns are that output, row for row; it was labelled by hand with the same rules as
the fourth fresh set, aligned on the reasons of the third and fourth fresh sets (e.g. a hospital
department or clinic named with its hospital is the hospital; a team with no identity of its own
named with its unit is that unit, but a team or lab registered in RNSR is not its host; a site of
a national body or of a unit is that body or unit; a record naming two bodies jointly is neither
alone), with the ANR projects, countries and RNSR records of the shared data as context for bare
acronyms, without looking at the resolver's answers and without opening ingest.resolution,
ingest.places or the resolver tests.

Sixth fresh set (tests/fixtures/resolution/fresh6_pairs.csv): once fresh5_pairs.csv had been used
for tuning too, a ninth set was drawn the same way, with another seed and all eight earlier sets
excluded:

    python scripts/sample_blind_pairs.py --seed 20261130 --exclude labelled_pairs.csv
        --exclude heldout_pairs.csv --exclude blind_pairs.csv --exclude fresh_pairs.csv
        --exclude fresh2_pairs.csv --exclude fresh3_pairs.csv --exclude fresh4_pairs.csv
        --exclude fresh5_pairs.csv --out /tmp/fresh6_candidates.csv

(one command, split over four lines here; it prints 1950 earlier pairs excluded and 240 drawn;
two runs give byte-identical files, and no drawn id pair, in either order, is in an earlier set).

Its first 14 columns are that output, row for row; it was labelled by hand with the same rules as
the fifth fresh set, aligned on the reasons of the fourth and fifth fresh sets (e.g. a lab with a
UMR, EA or RNSR identity named with its school or university is that lab, even a chair since
registered in RNSR; a team, service or platform with no identity of its own named with its unit or
body is that unit or body; a department or institute of a foreign university named with it is
that university, but two different departments differ; a university medical center is not its
university; a group is not its operating subsidiary; a bare acronym is read through its project's
co-partners and country), with the ANR projects, countries and RNSR records of the shared data as
context, without looking at the resolver's answers and without opening ingest.resolution,
ingest.places or the resolver tests.

Seventh fresh set (tests/fixtures/resolution/fresh7_pairs.csv): once fresh6_pairs.csv was being used
for tuning (the eighth pass), a tenth set was drawn the same way, all nine earlier sets excluded
(the sixth set's command with `--seed 20261201` and `--exclude fresh6_pairs.csv` added; it prints
2190 earlier pairs excluded and 233 drawn: fewer candidates are left in some strata).
Its first 14 columns are that output, row for row; it was labelled by a session that never opened
ingest/ nor ran the resolver, with the team's convention and the reasons of the fourth to sixth
fresh sets as examples, the shared data as context for bare acronyms (a project's co-partners).

Eighth fresh set (tests/fixtures/resolution/fresh8_pairs.csv): once fresh7_pairs.csv was being used
for tuning (the ninth pass), an eleventh set was drawn the same way, all ten earlier sets excluded
(the seventh set's command with `--seed 20261202` and `--exclude fresh7_pairs.csv` added; it prints 2423
earlier pairs excluded and 227 drawn), and labelled the same way by a session that never opened
ingest/ nor ran the resolver.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import sample_resolution_pairs as sampler  # noqa: E402

BLIND_SEED = 20261124
TOTAL = 240
EXCLUDED = ("labelled_pairs.csv", "heldout_pairs.csv")


def scaled_quotas(quotas: dict[str, int], total: int) -> dict[str, int]:
    """The sampler's quotas scaled to `total` pairs (largest remainders), so the mix is kept.

    >>> scaled_quotas({"a": 3, "b": 1}, 8)
    {'a': 6, 'b': 2}
    """
    whole = sum(quotas.values())
    exact = {s: n * total / whole for s, n in quotas.items()}
    out = {s: int(x) for s, x in exact.items()}
    for s in sorted(exact, key=lambda s: (out[s] - exact[s], s))[: total - sum(out.values())]:
        out[s] += 1
    return out


def merge_excluded(fixtures: Path, dest: Path, excluded: tuple[str, ...] | list[str] = EXCLUDED) -> int:
    """Write the union of the earlier labelled sets (file names under `fixtures`, or paths) as
    dest/labelled_pairs.csv (what the sampler reads to skip pairs); return how many rows it holds."""
    rows: list[dict] = []
    for name in excluded:
        path = fixtures / name if (fixtures / name).exists() else Path(name)
        with path.open(encoding="utf-8") as fh:
            rows += list(csv.DictReader(fh))
    with (dest / "labelled_pairs.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["id_a", "name_a", "id_b", "name_b"], extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=Path("blind_candidates.csv"))
    ap.add_argument("--seed", type=int, default=BLIND_SEED)
    ap.add_argument(
        "--exclude",
        action="append",
        metavar="CSV",
        help="labelled set whose pairs are skipped (file name in tests/fixtures/resolution, or a path);"
        f" repeatable; default: {' '.join(EXCLUDED)}",
    )
    args = ap.parse_args(argv)
    excluded = args.exclude or list(EXCLUDED)
    fixtures = sampler.FIXTURES
    with tempfile.TemporaryDirectory() as tmp:
        n_excluded = merge_excluded(fixtures, Path(tmp), excluded)
        sampler.SEED = args.seed
        sampler.QUOTAS = scaled_quotas(sampler.QUOTAS, TOTAL)
        sampler.FIXTURES = Path(tmp)
        rows = sampler.sample(args.data)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=sampler.COLUMNS)
        w.writeheader()
        w.writerows(rows)
    mix = dict(Counter(r["stratum"] for r in rows))
    print(f"seed {args.seed}, {n_excluded} earlier pairs excluded: {len(rows)} pairs → {args.out}: {mix}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
