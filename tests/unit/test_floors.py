"""No import goes up the floors of DESIGN.md: ontology → graph → ingest, queries → cli, ui, app."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLOOR = {"errors": 0, "ontology": 1, "graph": 2, "ingest": 3, "queries": 3, "cli": 4, "ui": 4, "app": 5}
# packages on the same floor that must not import each other
SIBLINGS_APART = {("ingest", "queries"), ("queries", "ingest"), ("ui", "cli")}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module.split(".")[0])
    return out


def test_no_upward_import() -> None:
    offenders = []
    checked = 0
    for top, floor in FLOOR.items():
        files = [ROOT / f"{top}.py"] if (ROOT / f"{top}.py").exists() else sorted((ROOT / top).rglob("*.py"))
        for f in files:
            checked += 1
            for imported in _imports(f) & set(FLOOR):
                if imported == top:
                    continue
                if FLOOR[imported] > floor or (top, imported) in SIBLINGS_APART:
                    offenders.append(f"{f.relative_to(ROOT)} imports {imported}")
    assert checked > 20
    assert offenders == []


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    bad = tmp_path / "x.py"
    bad.write_text("from ingest.loader import load_batch\nimport graph.store\n")
    assert _imports(bad) == {"ingest", "graph"}
