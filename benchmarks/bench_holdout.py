"""Identifier-holdout benchmark: do partner rows whose RNSR id is hidden land on the lab that id names?

Why: the labelled pair sets measure the resolver on pairs someone chose; this measures it where
users meet it, on whole real rows, with the answer given by the publisher's own identifier. The
ANR partner rows of a seeded fifth of the projects (`benchmarks/holdout_split.py`) are kept out of
the graph, their `Projet.Partenaire.Code_RNSR` blanked, and they are read and resolved against the
graph's actors exactly as `carto ingest anr` would, after everything else. Whatever the resolver
is, it is measured through its public path (a reader of `READERS` and the known actors of the
store), so a rewrite of the resolver is measured by the same figures.

    python benchmarks/bench_holdout.py --split dev       # tuning set: figures and the misses file
    python benchmarks/bench_holdout.py --split holdout   # read once, at the end: aggregates only

The store is built once per split and per state of the inputs (data files, `ingest/`, the split)
and kept under `--store-dir` (default `.carto/bench-holdout/`): the README's load sequence (seed,
rnsr, the registries if a reader exists, ilab, anr, anr-pia, cordis), each source resolved against
the actors already loaded as `carto ingest` does, with the ANR partner file replaced by a copy
without the evaluated rows (split=dev: dev and holdout projects left out; split=holdout: holdout
only). Metrics, over rows whose RNSR id names a lab of the graph and whose name names that lab
(not only its employer, by the ANR reader's own rule): right = landed on that lab, wrong = on
another actor already in the graph, new = on a node the graph does not have; precision =
right / (right + wrong), recall = right / rows. A plain baseline is measured on the same rows:
rapidfuzz's best match (token_set_ratio >= 90) of the compared name against RNSR names and acronyms
(`extractOne`, and a variant breaking its frequent ties at 100 by plain ratio).

Writes the key "identifier_holdout" of benchmarks/results/resolve.json (other keys kept) and, for
split=dev only, benchmarks/results/holdout-dev-misses.csv.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.holdout_split import split_of  # noqa: E402
from graph.falkordb_store import FalkorDBStore  # noqa: E402
from ingest.anr import _NO_NAME, PARTNER_COLUMNS, is_employer_name  # noqa: E402
from ingest.collaborations import refresh_collaborations  # noqa: E402
from ingest.concepts import concept_batch  # noqa: E402
from ingest.csvio import decode_bytes  # noqa: E402
from ingest.ids import clean_external_id, norm_name  # noqa: E402
from ingest.loader import load_batch  # noqa: E402
from ingest.records import Batch  # noqa: E402
from ingest.shared_data import SHARED_DATA_FILES  # noqa: E402
from ontology import Schema, load_schema  # noqa: E402
from queries import run_named  # noqa: E402

# isort: split
# The resolver under test: the ONLY imports of resolution code here (repoint these if it moves).
from ingest.registry import DECISIONS_ENV, READERS, REVIEW_DIR_ENV  # noqa: E402
from ingest.resolution import known_actors  # noqa: E402

__all__ = [
    "ANR_PARTNERS",
    "DATA_DIR",
    "REMOVED",
    "CsvRecords",
    "build_store",
    "filter_records",
    "git_state",
    "load_sequence",
    "read_records",
    "update_results",
]

DATA_DIR = ROOT.parent / "shared" / "data"
ANR_PARTNERS = "anr/anr-dos-depuis-2010-projets-finances-partenaires.csv"
RESULTS = ROOT / "benchmarks" / "results" / "resolve.json"
MISSES = ROOT / "benchmarks" / "results" / "holdout-dev-misses.csv"
DEFAULT_STORE_DIR = ROOT / ".carto" / "bench-holdout"

REMOVED: dict[str, frozenset[str]] = {
    "full": frozenset(),
    "dev": frozenset({"dev", "holdout"}),
    "holdout": frozenset({"holdout"}),
}
"""Store kind → the splits whose ANR partner rows the store leaves out (dev is measured with the
holdout out too, so tuning on dev never sees a holdout row)."""

REGISTRY_FILES: dict[str, tuple[str, ...]] = {
    "ror": ("registries/ror-records-subset.jsonl",),
    "esr": ("registries/fr-esr-principaux-etablissements-enseignement-superieur.json",),
}
"""Registries loaded when a reader for them exists and `SHARED_DATA_FILES` does not already place them."""

TARGET = {"precision": 0.97, "recall": 0.90}
BASELINE_CUTOFF = 90
MISSES_SHOWN = 20


# -- the publisher's CSV, record by record, byte for byte ----------------------------------------------


@dataclass(frozen=True)
class CsvRecords:
    """A CSV file cut into its header line and records, each kept as the exact bytes published.

    Cutting on bytes (a record ends at a line end outside quotes) instead of re-writing parsed
    fields is what keeps a filtered copy in the publisher's format: same header line, separator,
    encoding, BOM, quoting and line ends.
    """

    header_line: bytes
    header: tuple[str, ...]
    separator: str
    encoding: str
    records: tuple[bytes, ...]

    def fields(self, record: bytes) -> list[str]:
        text = record.decode("cp1252" if self.encoding == "cp1252" else "utf-8", errors="replace")
        return next(csv.reader(io.StringIO(text, newline=""), delimiter=self.separator), [])

    @property
    def line_end(self) -> str:
        return "\r\n" if self.header_line.endswith(b"\r\n") else "\n"


def read_records(path: Path) -> CsvRecords:
    """The header line and records of a delimited file (quoted fields may span lines)."""
    from ingest.csvio import sniff_separator

    raw = path.read_bytes()
    text, encoding = decode_bytes(raw)
    first = text.split("\n", 1)[0].rstrip("\r")
    sep = sniff_separator(first)
    lines = raw.splitlines(keepends=True)
    if not lines:
        raise ValueError(f"{path}: empty file, a header row is expected")
    header_line, records, pending = lines[0], [], b""
    for line in lines[1:]:
        pending += line
        if pending.count(b'"') % 2 == 0:
            if pending.strip():
                records.append(pending)
            pending = b""
    if pending.strip():
        records.append(pending)
    header = tuple(h.strip() for h in next(csv.reader([first], delimiter=sep)))
    return CsvRecords(header_line, header, sep, encoding, tuple(records))


def filter_records(table: CsvRecords, dst: Path, keep: Callable[[list[str]], bool]) -> tuple[int, int]:
    """Write the header and the records `keep` accepts to `dst`, unchanged; (kept, left out)."""
    kept = [r for r in table.records if keep(table.fields(r))]
    dst.parent.mkdir(parents=True, exist_ok=True)
    with dst.open("wb") as fh:
        fh.write(table.header_line)
        for r in kept:
            fh.write(r if r.endswith((b"\n", b"\r")) else r + table.line_end.encode())
    return len(kept), len(table.records) - len(kept)


def write_rows(table: CsvRecords, rows: Iterable[list[str]], dst: Path) -> None:
    """Rows of fields written in the table's format (its header line, separator, minimal quoting, line end)."""
    out = io.StringIO(newline="")
    w = csv.writer(out, delimiter=table.separator, quoting=csv.QUOTE_MINIMAL, lineterminator=table.line_end)
    for fields in rows:
        w.writerow(fields)
    enc = "cp1252" if table.encoding == "cp1252" else "utf-8"
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(table.header_line + out.getvalue().encode(enc))


def _code_index(table: CsvRecords) -> int:
    return table.header.index(PARTNER_COLUMNS["code"])


def project_split(table: CsvRecords, fields: list[str]) -> str:
    i = _code_index(table)
    return split_of(fields[i]) if i < len(fields) else "train"


# -- provenance of a measure ---------------------------------------------------------------------------


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def git_state() -> dict[str, Any]:
    """The commit, the tree of ingest/ at HEAD, and a digest of ingest/ as it is on disk (uncommitted edits too)."""
    files = sorted(set(_git("ls-files", "-co", "--exclude-standard", "--", "ingest").splitlines()))
    h = hashlib.sha256()
    for f in files:
        p = ROOT / f
        if p.is_file():
            h.update(f.encode() + b"\0" + p.read_bytes() + b"\0")
    dirty = bool(_git("status", "--porcelain", "--", "ingest"))
    return {
        "commit": _git("rev-parse", "HEAD"),
        "ingest_tree_at_head": _git("rev-parse", "HEAD:ingest"),
        "ingest_dirty": dirty,
        "ingest_digest": h.hexdigest()[:16],
    }


def _loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# -- the store: the README's load sequence, evaluated rows left out --------------------------------------


def load_sequence() -> list[tuple[str, tuple[str, ...]]]:
    """Sources in the README's order, as `carto ingest` runs them: the seed, then `SHARED_DATA_FILES`
    (the one place that orders the publisher files), with the registries right after RNSR when a
    reader exists for them and `SHARED_DATA_FILES` does not already list them."""
    seq: list[tuple[str, tuple[str, ...]]] = [("seed", ())]
    registries = [(k, f) for k, f in REGISTRY_FILES.items() if k in READERS and k not in SHARED_DATA_FILES]
    for source, files in SHARED_DATA_FILES.items():
        seq.append((source, files))
        if source == "rnsr":
            seq.extend(registries)
    return seq


def _inputs_digest(kind: str, data_dir: Path) -> str:
    h = hashlib.sha256(f"{kind}\0".encode())
    for source, files in load_sequence():
        h.update(f"{source}\0".encode())
        for f in files:
            h.update(f.encode() + b"\0" + hashlib.sha256((data_dir / f).read_bytes()).digest())
    h.update((ROOT / "benchmarks" / "holdout_split.py").read_bytes())
    h.update(git_state()["ingest_digest"].encode())
    return h.hexdigest()[:16]


def _isolated_resolution_files(tmp: Path) -> None:
    """Review files into a scratch directory and no reviewer's decisions: the load a fresh checkout makes."""
    os.environ[REVIEW_DIR_ENV] = str(tmp / "resolution")
    os.environ[DECISIONS_ENV] = str(tmp / "resolution" / "no-decisions.csv")


def _known(store: FalkorDBStore) -> tuple[list[Mapping[str, Any]], list[Any]]:
    rows = run_named(store, "actors_for_resolution", timeout_ms=None).rows
    return rows, known_actors(rows)


def _load(store: FalkorDBStore, schema: Schema, source: str, paths: list[Path], tmp: Path) -> dict[str, Any]:
    t0 = time.perf_counter()
    _rows, known = _known(store)
    batch: Batch = READERS[source](schema, paths, known=known)
    report = load_batch(store, batch, schema, quarantine_dir=tmp / "quarantine")
    if not report.reconciles:
        raise RuntimeError(f"{source}: rows read ≠ loaded + quarantined + merged; the store would not be the README's")
    return {"source": source, "rows_read": report.rows_read, "seconds": round(time.perf_counter() - t0, 1)}


def build_store(kind: str, store_root: Path, data_dir: Path = DATA_DIR, *, rebuild: bool = False) -> tuple[Path, bool]:
    """The directory of an embedded store loaded for `kind` ("full", "dev", "holdout"), and whether
    it was built now (False: an earlier build of the same inputs was reused).

    The directory is named by the kind and a digest of everything the graph depends on here, so
    a change of data, split or ingest code builds a new store instead of measuring a stale one.
    """
    key = _inputs_digest(kind, data_dir)
    out = store_root / f"{kind}-{key}"
    done = out / "loaded.json"
    if done.exists() and not rebuild:
        return out, False
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    schema = load_schema()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="holdout-load-") as tmp_name:
        tmp = Path(tmp_name)
        _isolated_resolution_files(tmp)
        partners = read_records(data_dir / ANR_PARTNERS)
        left_out = REMOVED[kind]
        kept, removed = filter_records(
            partners, tmp / ANR_PARTNERS, lambda fields: project_split(partners, fields) not in left_out
        )
        loads = []
        with FalkorDBStore(out / "graph") as store:
            store.apply_schema(schema)
            load_batch(store, concept_batch(schema), schema)
            for source, files in load_sequence():
                paths = [(tmp if f == ANR_PARTNERS else data_dir) / f for f in files]
                loads.append(_load(store, schema, source, paths, tmp))
                print(f"  loaded {source}: {loads[-1]}", file=sys.stderr)
            refresh_collaborations(store, schema)
    meta = {
        "kind": kind,
        "key": key,
        "anr_partner_rows_kept": kept,
        "anr_partner_rows_left_out": removed,
        "splits_left_out": sorted(left_out),
        "loads": loads,
        "build_seconds": round(time.perf_counter() - t0, 1),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        **git_state(),
    }
    done.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return out, True


# -- the measure ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvalRow:
    """One evaluated partner row: its number in the written file, what it says, and the lab its id named."""

    row: int
    name: str
    city: str
    true_id: str
    names_lab: bool


def _scores(outcomes: Iterable[str]) -> dict[str, Any]:
    c = Counter(outcomes)
    right, wrong = c["right"], c["wrong"]
    total = sum(c.values())
    return {
        "rows": total,
        "right": right,
        "wrong": wrong,
        "new": c["new"],
        "quarantined": c["quarantined"],
        "precision": round(right / (right + wrong), 4) if right + wrong else None,
        "recall": round(right / total, 4) if total else None,
    }


def _outcome(landed: str | None, true_id: str, in_graph: set[str]) -> str:
    if landed is None:
        return "quarantined"
    if landed == true_id:
        return "right"
    return "wrong" if landed in in_graph else "new"


def _baseline(
    rows: list[EvalRow], known_rows: list[Mapping[str, Any]]
) -> tuple[dict[int, str | None], dict[int, str | None], float]:
    """Row → the RNSR lab rapidfuzz's best match names (token_set_ratio >= 90), None below it; twice.

    First as `process.extractOne` returns it: among equal scores, the first choice in the graph's
    id order. token_set_ratio gives 100 to any name whose words are a subset of the other's
    ("Laboratoire de Chimie" for "Laboratoire de Chimie des Processus Biologiques"), so ties at
    the top are common and that order decides many rows; hence also a tie-broken variant: of the
    choices at the best score, the one closest by plain `fuzz.ratio`. Last: seconds for both.
    """
    from rapidfuzz import fuzz, process

    choices: list[str] = []
    owners: list[str] = []
    for r in known_rows:
        if not str(r["id"]).startswith("rnsr-"):
            continue
        for text in (r.get("name"), r.get("acronym")):
            norm = norm_name(str(text)) if text else ""
            if norm:
                choices.append(norm)
                owners.append(str(r["id"]))
    t0 = time.perf_counter()
    memo: dict[str, tuple[str | None, str | None]] = {}
    first: dict[int, str | None] = {}
    broken: dict[int, str | None] = {}
    for row in rows:
        q = norm_name(row.name)
        if q not in memo:
            if not q:
                memo[q] = (None, None)
            else:
                best = process.extractOne(q, choices, scorer=fuzz.token_set_ratio, score_cutoff=BASELINE_CUTOFF)
                found = process.extract(
                    q, choices, scorer=fuzz.token_set_ratio, score_cutoff=BASELINE_CUTOFF, limit=None
                )
                top = max((m[1] for m in found), default=None)
                tied = [m for m in found if m[1] == top]
                pick = max(tied, key=lambda m: (fuzz.ratio(q, m[0]), -m[2])) if tied else None
                memo[q] = (owners[best[2]] if best else None, owners[pick[2]] if pick else None)
        first[row.row], broken[row.row] = memo[q]
    return first, broken, time.perf_counter() - t0


def _eval_rows(table: CsvRecords, split: str, in_graph: set[str]) -> tuple[list[list[str]], list[EvalRow], Counter]:
    """The split's partner rows with their RNSR id blanked, and what each is measured against."""
    col = {k: table.header.index(v) for k, v in PARTNER_COLUMNS.items() if v in table.header}
    written: list[list[str]] = []
    rows: list[EvalRow] = []
    tally: Counter = Counter()
    for record in table.records:
        fields = table.fields(record)
        if project_split(table, fields) != split:
            continue
        tally["rows_of_split"] += 1
        fields = fields + [""] * (len(table.header) - len(fields))
        raw_rnsr = fields[col["rnsr"]].strip()
        fields[col["rnsr"]] = ""
        written.append(fields)
        row_number = len(written) + 1  # as a spreadsheet numbers it: the header is row 1
        rnsr = clean_external_id("rnsr", raw_rnsr) if raw_rnsr else None
        if not raw_rnsr:
            tally["rows_without_rnsr"] += 1
            continue
        true_id = f"rnsr-{(rnsr or raw_rnsr).lower()}"
        if true_id not in in_graph:
            tally["rows_lab_not_in_graph"] += 1
            continue
        name = fields[col["name"]].strip()
        names_lab = not (name.lower() in _NO_NAME or is_employer_name(name))
        tally["rows_naming_lab" if names_lab else "rows_employer_only"] += 1
        rows.append(EvalRow(row_number, name, fields[col["city"]].strip(), true_id, names_lab))
    return written, rows, tally


def evaluate(split: str, store_dir: Path, data_dir: Path = DATA_DIR) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The figures of one split on its store, and (for reading on dev only) its misses, most frequent first."""
    table = read_records(data_dir / ANR_PARTNERS)
    schema = load_schema()
    with FalkorDBStore(store_dir / "graph") as store:
        known_rows, known = _known(store)
    in_graph = {str(r["id"]) for r in known_rows}
    names = {str(r["id"]): str(r.get("name") or "") for r in known_rows}
    written, rows, tally = _eval_rows(table, split, in_graph)
    with tempfile.TemporaryDirectory(prefix="holdout-eval-") as tmp_name:
        tmp = Path(tmp_name)
        _isolated_resolution_files(tmp)
        path = tmp / ANR_PARTNERS
        write_rows(table, written, path)
        load_before = os.getloadavg()[0]
        t0, c0 = time.perf_counter(), time.process_time()
        batch: Batch = READERS["anr"](schema, [path], known=known)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    landed: dict[int, str] = {}
    landed_name: dict[str, str] = {}
    for n in batch.nodes:
        if n.label == "Actor":
            landed.setdefault(n.origin.row, n.id)
            landed_name.setdefault(n.id, str(n.props.get("name") or ""))
    base, tie_broken, base_s = _baseline(rows, known_rows)
    lab_rows = [r for r in rows if r.names_lab]
    employer_rows = [r for r in rows if not r.names_lab]
    resolver_out = {r.row: _outcome(landed.get(r.row), r.true_id, in_graph) for r in rows}
    baseline_out = {r.row: "new" if base[r.row] is None else _outcome(base[r.row], r.true_id, in_graph) for r in rows}
    broken_out = {
        r.row: "new" if tie_broken[r.row] is None else _outcome(tie_broken[r.row], r.true_id, in_graph) for r in rows
    }
    rnsr_labs = {i for i in in_graph if i.startswith("rnsr-")}
    figures = {
        "target": TARGET,
        "counts": dict(sorted(tally.items())),
        "resolver": _scores(resolver_out[r.row] for r in lab_rows)
        | {
            "wrong_on_an_rnsr_lab": sum(
                1 for r in lab_rows if resolver_out[r.row] == "wrong" and landed[r.row] in rnsr_labs
            )
        },
        "baseline": _scores(baseline_out[r.row] for r in lab_rows),
        "baseline_ties_broken_by_ratio": _scores(broken_out[r.row] for r in lab_rows),
        "employer_only_rows": {
            "resolver": _employer(resolver_out[r.row] for r in employer_rows),
            "baseline": _employer(baseline_out[r.row] for r in employer_rows),
        },
        "resolve_wall_s": round(wall, 2),
        "resolve_cpu_s": round(cpu, 2),
        "baseline_s": round(base_s, 2),
        "loadavg_1min_before": round(load_before, 2),
    }
    misses = Counter()
    for r in lab_rows:
        if resolver_out[r.row] != "right":
            got = landed.get(r.row)
            misses[(r.name, r.city, r.true_id, got or "", resolver_out[r.row])] += 1
    top = [
        {
            "rows": count,
            "row_name": name,
            "city": city,
            "true_id": true_id,
            "true_name": names.get(true_id, ""),
            "landed_id": got,
            "landed_name": names.get(got) or landed_name.get(got, ""),
            "outcome": outcome,
        }
        for (name, city, true_id, got, outcome), count in sorted(misses.items(), key=lambda kv: (-kv[1], kv[0]))[
            :MISSES_SHOWN
        ]
    ]
    return figures, top


def _employer(outcomes: Iterable[str]) -> dict[str, int]:
    """Where rows naming only the employer landed (the lab itself, another actor of the graph, a new node)."""
    c = Counter(outcomes)
    return {
        "rows": sum(c.values()),
        "on_the_lab": c["right"],
        "on_another_actor": c["wrong"],
        "new": c["new"],
        "quarantined": c["quarantined"],
    }


def update_results(
    key: str, sub: str | None, value: Mapping[str, Any], summary: Mapping[str, Any], path: Path = RESULTS
) -> None:
    """Set one key (or one sub-key) of the results file, keeping every other key as it is.

    The figures of each run replace the previous ones, and a one-line summary is appended to the
    key's `history`, so a "before" figure survives the "after" run that replaces it.
    """
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    section = data.get(key) if isinstance(data.get(key), dict) else {}
    history = list(section.get("history", []))
    if sub is None:
        section = dict(value)
    else:
        section[sub] = dict(value)
    section["history"] = [*history, dict(summary)]
    data[key] = section
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)


def _write_misses(top: list[dict[str, Any]], path: Path = MISSES) -> None:
    cols = ["rows", "row_name", "city", "true_id", "true_name", "landed_id", "landed_name", "outcome"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        w.writerows(top)


def _nothing_to_measure(split: str, data_dir: Path, label: str, command: str) -> int:
    """Say so, and record it, when the data directory holds no partner row of the split.

    The publisher of ../shared/data kept aside exactly the projects this split calls holdout
    (none of its ANR, PIA or CORDIS projects has sha256(code) % 5 == 0): there, the holdout is
    the independent evaluation's, measured by whoever holds the full files (`--data-dir`).
    """
    note = (
        f"{data_dir / ANR_PARTNERS} holds no partner row of a {split} project: nothing measured."
        " The holdout projects are the ones the data's publisher kept aside for an independent evaluation;"
        " run this with --data-dir pointing at the full files to measure them."
    )
    print(note, file=sys.stderr)
    out = {"counts": {"rows_of_split": 0}, "note": note, **git_state(), "command": command}
    out["measured_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    summary = {"label": label, "split": split, "commit": out["commit"], "measured_at": out["measured_at"]}
    update_results("identifier_holdout", split, out, summary | {"rows_of_split": 0})
    return 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--split", choices=("dev", "holdout"), required=True)
    ap.add_argument("--store-dir", type=Path, default=DEFAULT_STORE_DIR, help="Where the built stores are kept.")
    ap.add_argument("--data-dir", type=Path, default=DATA_DIR)
    ap.add_argument("--rebuild", action="store_true", help="Build the store again even if one is cached.")
    ap.add_argument("--label", default="", help="A word for the history line (e.g. before, after).")
    args = ap.parse_args(argv)
    command = "python benchmarks/bench_holdout.py " + " ".join(sys.argv[1:] if argv is None else argv)
    table = read_records(args.data_dir / ANR_PARTNERS)
    present = sum(1 for r in table.records if project_split(table, table.fields(r)) == args.split)
    if not present:
        return _nothing_to_measure(args.split, args.data_dir, args.label, command)
    store_dir, built = build_store(args.split, args.store_dir, args.data_dir, rebuild=args.rebuild)
    meta = json.loads((store_dir / "loaded.json").read_text(encoding="utf-8"))
    figures, top = evaluate(args.split, store_dir, args.data_dir)
    out = figures | {
        "store": {
            "dir": str(store_dir),
            "cached": not built,
            "build_seconds": meta["build_seconds"],
            "anr_partner_rows_left_out": meta["anr_partner_rows_left_out"],
            "splits_left_out": meta["splits_left_out"],
            "sources": [x["source"] for x in meta["loads"]],
        },
        **git_state(),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "loadavg": _loadavg(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "command": command,
    }
    summary = {
        "label": args.label,
        "split": args.split,
        "commit": out["commit"],
        "ingest_digest": out["ingest_digest"],
        "measured_at": out["measured_at"],
        **{f"resolver_{k}": out["resolver"][k] for k in ("precision", "recall")},
        **{f"baseline_{k}": out["baseline"][k] for k in ("precision", "recall")},
        **{f"baseline_tie_broken_{k}": out["baseline_ties_broken_by_ratio"][k] for k in ("precision", "recall")},
    }
    update_results("identifier_holdout", args.split, out, summary)
    if args.split == "dev":
        _write_misses(top)
        print(f"misses (top {len(top)}) written to {MISSES.relative_to(ROOT)}", file=sys.stderr)
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
