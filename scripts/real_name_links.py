"""Resolve every source of ../shared/data as `carto ingest` does and compare the name links of two resolvers.

Why: a resolver rule is kept only if the merges it adds on real data are right when read by hand (the
labelled sets are small). `dump` resolves the sources in load order, each against the actors read before it,
and writes each merge by name as a JSON line (plus the id mapping); `compare` lists the links of the second
dump that join actors the first kept apart, and the links of the first that the second no longer makes, as a
sample to read.

    python scripts/real_name_links.py dump /tmp/before.jsonl      # with the resolver of one commit
    python scripts/real_name_links.py dump /tmp/after.jsonl       # with the other
    python scripts/real_name_links.py compare /tmp/before.jsonl /tmp/after.jsonl [--sample 80] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.anr import read_anr, read_anr_pia  # noqa: E402
from ingest.cordis import read_cordis  # noqa: E402
from ingest.ilab import read_ilab  # noqa: E402
from ingest.resolution import profiles_of, resolve_batch  # noqa: E402
from ingest.rnsr import read_rnsr  # noqa: E402
from ingest.shared_data import SHARED_DATA_FILES  # noqa: E402
from ontology import load_schema  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
READERS = {"rnsr": read_rnsr, "ilab": read_ilab, "anr": read_anr, "anr-pia": read_anr_pia, "cordis": read_cordis}


def dump(out: Path) -> None:
    """Resolve the sources in load order; write the merges by name and the id mapping."""
    schema = load_schema()
    known: dict = {}
    links, maps = [], []
    for source, files in SHARED_DATA_FILES.items():
        batch = READERS[source](schema, [DATA / f for f in files])
        names = {**known, **profiles_of(batch)}
        cpu = time.process_time()
        res = resolve_batch(batch, known=list(known.values()))
        print(f"{source}: {res.merged_by_name} by name, {len(res.review)} to review, "
              f"{time.process_time() - cpu:.1f} s CPU", file=sys.stderr)  # fmt: skip
        for a, b, score in res.name_links:
            pa, pb = names[a], names[b]
            links.append({"src": source, "a": a, "na": pa.name, "ca": pa.city, "b": b, "nb": pb.name, "cb": pb.city,
                          "s": score})  # fmt: skip
        maps += sorted(res.mapping.items())
        for aid, p in profiles_of(batch).items():
            known.setdefault(aid, p)
    out.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in links), encoding="utf-8")
    Path(f"{out}.map.json").write_text(json.dumps({"maps": maps}), encoding="utf-8")


def _load(path: Path) -> tuple[list[dict], Callable[[str], str]]:
    links = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in json.loads(Path(f"{path}.map.json").read_text(encoding="utf-8"))["maps"]:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return links, find


def compare(before: Path, after: Path, sample: int, seed: int) -> None:
    """Print the new links (joining actors kept apart before) and the undone ones, sampled."""
    lb, fb = _load(before)
    la, fa = _load(after)
    new = [o for o in la if fb(o["a"]) != fb(o["b"])]
    gone = [o for o in lb if fa(o["a"]) != fa(o["b"])]
    print(f"name links before {len(lb)}, after {len(la)}; new {len(new)}; undone {len(gone)}")
    rng = random.Random(seed)
    for title, found in (("NEW", new), ("UNDONE", gone)):
        print("==", title, len(found))
        shown = found if len(found) <= sample else rng.sample(found, sample)
        for i, o in enumerate(shown, 1):
            print(f"{i:3d} {o['src']:7s} {o['s']:5.1f} | {o['na']} [{o['ca']}]  <=>  {o['nb']} [{o['cb']}]")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--sample", type=int, default=80)
    c.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.command == "dump":
        dump(args.out)
    else:
        compare(args.before, args.after, args.sample, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
