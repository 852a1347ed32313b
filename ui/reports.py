"""Error reports from the actor page, appended as JSON lines so curators can review them later."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["ErrorReport", "reports_path", "append_report", "read_reports"]


@dataclass(frozen=True)
class ErrorReport:
    """What a staff member says is wrong about an actor, and when."""

    actor_id: str
    field: str
    message: str
    reporter: str = ""
    lang: str = "fr"
    created_at: str = ""


def reports_path() -> Path:
    """`$CARTO_REPORTS`, else `.carto/reports.jsonl` beside the default store."""
    return Path(os.environ.get("CARTO_REPORTS") or ".carto/reports.jsonl")


def append_report(report: ErrorReport, path: Path | None = None) -> ErrorReport:
    """Append one report (stamped now, UTC) and return it as written.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "r.jsonl"
    >>> append_report(ErrorReport("medicen", "kind", "not a cluster"), p).actor_id
    'medicen'
    >>> [r.message for r in read_reports(p)]
    ['not a cluster']
    """
    if not report.message.strip():
        raise ValueError("an error report needs a message saying what is wrong")
    stamped = ErrorReport(
        **{**asdict(report), "created_at": report.created_at or datetime.now(UTC).replace(microsecond=0).isoformat()}
    )
    target = path or reports_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(asdict(stamped), ensure_ascii=False) + "\n")
    return stamped


def read_reports(path: Path | None = None) -> list[ErrorReport]:
    target = path or reports_path()
    if not target.exists():
        return []
    return [ErrorReport(**json.loads(line)) for line in target.read_text(encoding="utf-8").splitlines() if line.strip()]
