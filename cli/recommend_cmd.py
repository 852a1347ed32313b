"""`carto recommend`: partners worth calling for a brief, with reasons; batch mode; consortium builder.

Contract (scripts depend on it): `--json` prints `{"suggestions": [{"actor", "name", "kind",
"ids", "score", "reasons"}]}`; `--batch IN.jsonl --out OUT.jsonl` reads one query per line
`{"id", "text", "domains"?, "with": [refs], "roles"?, "exclude"?, "top"?, "idf_only"?}` and writes
`{"id", "suggestions": [...]}` per line (`{"id", "error"}` for a line that fails; exit code 1).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from cli.common import JsonOpt, StoreOpt, err, fail, opened, print_json, print_table
from errors import CartoError, QueryError
from graph import GraphStore
from ontology import load_schema
from queries.actor_refs import resolve_ref_ids, resolve_refs
from queries.consortium import build_consortium_in
from queries.rec_graph import cached_rec_graph
from queries.recommend import RecQuery, recommend_in

__all__ = ["recommend"]

_BATCH_KEYS = {"id", "text", "domains", "with", "roles", "exclude", "top", "idf_only"}


def _as_list(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise QueryError(f"{where}: expected a string or a list of strings, got {value!r}")


def _run_batch(store: GraphStore, src: Path, out: Path | None) -> int:
    """Run every line of a JSONL file; return the number of failed lines."""
    try:
        lines = src.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise QueryError(f"{src}: cannot read ({e.strerror})") from e
    parsed: list[tuple[int, dict[str, Any] | None, str | None]] = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("not a JSON object")
        except ValueError as e:
            parsed.append((n, None, f"{src} line {n}: not a JSON object ({e})"))
            continue
        unknown = sorted(set(item) - _BATCH_KEYS)
        problem = f"{src} line {n}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_BATCH_KEYS))}"
        parsed.append((n, item, problem if unknown else None))
    refs = sorted({r for _, item, e in parsed if item and not e for r in _as_list_safe(item.get("with"))}
                  | {r for _, item, e in parsed if item and not e for r in _as_list_safe(item.get("exclude"))})  # fmt: skip
    resolved = resolve_refs(store, refs)
    g = cached_rec_graph(store, load_schema())
    failures = 0
    sink = out.open("w", encoding="utf-8") if out else sys.stdout
    try:
        for n, item, problem in parsed:
            qid = item.get("id", n) if item else n
            try:
                if problem:
                    raise QueryError(problem)
                assert item is not None
                q = _query_from(item, resolved, f"{src} line {n}")
                record: dict[str, Any] = {"id": qid, "suggestions": [s.as_dict() for s in recommend_in(g, q)]}
            except CartoError as e:
                failures += 1
                record = {"id": qid, "error": str(e)}
                err.print(f"[red]error:[/red] {e}", markup=True, highlight=False)
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out:
            sink.close()
    return failures


def _as_list_safe(value: Any) -> tuple[str, ...]:
    try:
        return _as_list(value, "")
    except QueryError:
        return ()


def _query_from(item: dict[str, Any], resolved: dict[str, Any], where: str) -> RecQuery:
    def ids(key: str) -> tuple[str, ...]:
        out = []
        for ref in _as_list(item.get(key), f"{where}, {key!r}"):
            hit = resolved.get(ref.strip())
            if hit is None:
                raise QueryError(f"{where}, {key!r}: unknown actor reference {ref!r}")
            out.append(hit.id)
        return tuple(dict.fromkeys(out))

    top = item.get("top", 10)
    if not isinstance(top, int) or top < 1:
        raise QueryError(f"{where}, 'top': expected a positive integer, got {top!r}")
    text = item.get("text") or ""
    if not isinstance(text, str):
        raise QueryError(f"{where}, 'text': expected a string")
    return RecQuery(
        text=text,
        domains=_as_list(item.get("domains"), f"{where}, 'domains'"),
        partners=ids("with"),
        roles=_as_list(item.get("roles"), f"{where}, 'roles'"),
        exclude=ids("exclude"),
        idf_only=bool(item.get("idf_only", False)),
        top=top,
    )


def recommend(
    text: Annotated[
        str | None, typer.Option("--text", help="The brief: title and abstract, French or English.")
    ] = None,
    domain: Annotated[
        list[str] | None, typer.Option("--domain", help="Concept id (dom-…, axis-…); default: inferred from the text.")
    ] = None,
    with_: Annotated[
        list[str] | None,
        typer.Option("--with", help="A partner already in: id, rnsr:/siren:/pic:/finess:/ror: id, or exact name."),
    ] = None,
    role: Annotated[
        list[str] | None, typer.Option("--role", help="Wanted actor kind (sme, academic_lab, hospital…).")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", help="An actor never to suggest (same refs).")
    ] = None,
    idf_only: Annotated[bool, typer.Option("--idf-only", help="Only actors in Île-de-France.")] = False,
    top: Annotated[int, typer.Option("--top", min=1, help="How many suggestions.")] = 10,
    consortium: Annotated[
        bool, typer.Option("--consortium", help="Build a whole consortium: one seat per --role, with alternates.")
    ] = False,
    alternates: Annotated[int, typer.Option("--alternates", min=0, help="Alternates per seat (--consortium).")] = 2,
    max_size: Annotated[
        int | None, typer.Option("--max-size", min=1, help="Most members, partners included (--consortium).")
    ] = None,
    batch: Annotated[Path | None, typer.Option("--batch", help="JSONL file, one query per line.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Where --batch writes its JSONL (default stdout).")] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Suggest partners for a brief, each with the graph facts that make it worth a call."""
    if batch is not None:
        if not batch.exists():
            raise fail(f"--batch {batch}: no such file")
        with opened(store) as s:
            failures = _run_batch(s, batch, out)
        if failures:
            raise fail(f"{failures} line(s) of {batch} failed (see their 'error')")
        return
    if consortium and not role:
        raise fail("--consortium needs at least one --role (one seat per role)")
    with opened(store) as s:
        partners = tuple(resolve_ref_ids(s, with_ or []))
        excluded = tuple(resolve_ref_ids(s, exclude or []))
        q = RecQuery(
            text=text or "",
            domains=tuple(domain or ()),
            partners=partners,
            roles=() if consortium else tuple(role or ()),
            exclude=excluded,
            idf_only=idf_only,
            top=top,
        )
        g = cached_rec_graph(s, load_schema())
        if consortium:
            built = build_consortium_in(g, q, list(role or ()), alternates=alternates, max_size=max_size)
            if as_json:
                print_json({"consortium": built.as_dict()})
            else:
                rows = [
                    {
                        "role": seat.role,
                        "holder": f"{seat.holder.name} ({seat.holder.actor})" if seat.holder else "—",
                        "alternates": "; ".join(f"{a.name} ({a.actor})" for a in seat.alternates),
                    }
                    for seat in built.seats
                ]
                print_table(("role", "holder", "alternates"), rows, title="Proposed consortium")
            return
        found = recommend_in(g, q)
    if as_json:
        print_json({"suggestions": [x.as_dict() for x in found]})
        return
    rows = [
        {
            "rank": i,
            "actor": x.actor,
            "name": x.name,
            "kind": x.kind,
            "score": f"{x.score:.3f}",
            "reasons": "\n".join(r.text for r in x.reasons),
        }
        for i, x in enumerate(found, start=1)
    ]
    print_table(("rank", "actor", "name", "kind", "score", "reasons"), rows, title="Suggested partners")
