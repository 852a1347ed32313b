"""The review file a person decides on, and the decisions file read back."""

from __future__ import annotations

import csv
from pathlib import Path

from errors import IngestError
from ingest.resolution.profiles import ActorProfile, Decision


def read_decisions(path: Path | None) -> list[Decision]:
    """The reviewer's file: the review CSV with its `decision` column filled (merge / keep_apart)."""
    if path is None or not path.exists():
        return []
    out = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"id_a", "id_b", "decision"} - set(reader.fieldnames or [])
        if missing:
            raise IngestError(
                f"{path}: a decisions file needs the columns id_a, id_b, decision; missing {sorted(missing)}"
            )
        for i, row in enumerate(reader, start=2):
            verdict = (row.get("decision") or "").strip().lower().replace(" ", "_").replace("-", "_")
            if not verdict:
                continue
            if verdict not in ("merge", "keep_apart"):
                raise IngestError(f"{path} row {i}, column 'decision': {verdict!r} is not merge or keep_apart")
            out.append(Decision(row["id_a"].strip(), row["id_b"].strip(), verdict))
    return out


def write_review(pairs: list[tuple[ActorProfile, ActorProfile, float]], path: Path) -> Path:
    """Pairs a person should decide on; fill `decision` and pass the file back as decisions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id_a", "name_a", "city_a", "id_b", "name_b", "city_b", "score", "decision"])
        for a, b, score in pairs:
            w.writerow([a.id, a.name, a.city, b.id, b.name, b.city, score, ""])
    return path
