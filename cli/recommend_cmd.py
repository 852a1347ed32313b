"""`carto recommend`: partners worth calling for a brief, with reasons; batch mode; consortium builder.

Contract (scripts depend on it): `--json` prints `{"suggestions": [{"actor", "name", "kind",
"ids", "score", "reasons"}], "references": [...]}`; `--batch IN.jsonl --out OUT.jsonl` reads one
query per line `{"id", "text", "domains"?, "with": [refs], "roles"?, "exclude"?, "top"?,
"idf_only"?, "timeout_ms"?}` and writes one line per query, in the same order (blank lines
skipped): `{"id", "line", "suggestions", "references"}`, or `{"id", "line", "error"}` for a query
that cannot be answered. A failed query never stops the others: the exit code is 0 unless
`--strict` is given and a query failed. `references` says, for each reference, the actor picked
and the other actors it also names (`queries.actor_refs`).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.markup import escape

from cli.common import JsonOpt, StoreOpt, err, fail, opened, print_json, print_table
from errors import CartoError, QueryError, UnknownActorError
from graph import GraphStore
from ontology import Schema, load_schema
from queries.actor_refs import DEFAULT_TIMEOUT_MS, ResolvedRef, resolve_all
from queries.consortium import build_consortium_in
from queries.rec_graph import cached_rec_graph
from queries.recommend import RecQuery, recommend_in

__all__ = ["recommend", "BatchSummary", "run_batch"]

_BATCH_KEYS = {"id", "text", "domains", "with", "roles", "exclude", "top", "idf_only", "timeout_ms"}


@dataclass(frozen=True)
class BatchSummary:
    answered: int
    failed: int

    def line(self, src: Path) -> str:
        return f"{src}: {self.answered} answered, {self.failed} failed (of {self.answered + self.failed} queries)"


def _as_list(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise QueryError(f"{where}: expected a string or a list of strings, got {value!r}")


def _positive_int(item: dict[str, Any], key: str, default: int) -> int:
    value = item.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise QueryError(f"{key!r}: expected a positive integer, got {value!r}")
    return value


def _notify(refs: list[ResolvedRef], where: str = "") -> None:
    for hit in refs:
        notice = hit.notice()
        if notice:
            err.print(f"[yellow]notice:[/yellow] {escape(where + notice)}", markup=True, highlight=False)


def _parse(line: str) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except ValueError as e:
        raise QueryError(f"not JSON ({e})") from e
    if not isinstance(item, dict):
        raise QueryError(f"expected a JSON object, got {type(item).__name__}")
    unknown = sorted(set(item) - _BATCH_KEYS)
    if unknown:
        raise QueryError(f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_BATCH_KEYS))}")
    return item


def _answer(store: GraphStore, schema: Schema, item: dict[str, Any], where: str, timeout_ms: int) -> dict[str, Any]:
    """One batch query's answer: its references resolved within its time limit, then the index."""
    partners = _as_list(item.get("with"), "'with'")
    excluded = _as_list(item.get("exclude"), "'exclude'")
    top = _positive_int(item, "top", 10)
    limit = _positive_int(item, "timeout_ms", timeout_ms)
    text = item.get("text") or ""
    if not isinstance(text, str):
        raise QueryError(f"'text': expected a string, got {text!r}")
    domains = _as_list(item.get("domains"), "'domains'")
    roles = _as_list(item.get("roles"), "'roles'")
    refs = resolve_all(store, [*partners, *excluded], timeout_ms=limit)
    by_ref = {r.ref: r.id for r in refs}
    q = RecQuery(
        text=text,
        domains=domains,
        partners=tuple(dict.fromkeys(by_ref[r.strip()] for r in partners if r.strip())),
        roles=roles,
        exclude=tuple(dict.fromkeys(by_ref[r.strip()] for r in excluded if r.strip())),
        idf_only=bool(item.get("idf_only", False)),
        top=top,
    )
    _notify(refs, f"{where}: ")
    found = recommend_in(cached_rec_graph(store, schema), q)
    return {"suggestions": [s.as_dict() for s in found], "references": [r.as_dict() for r in refs]}


def run_batch(store: GraphStore, src: Path, sink: IO[str], *, timeout_ms: int = DEFAULT_TIMEOUT_MS) -> BatchSummary:
    """Answer every query of a JSONL file it can; one line out per query, an error line for the others.

    Each line is written and flushed as soon as it is known, so an interrupted batch keeps the
    answers it gave. The index is asked for per query, so a read that failed for one query is
    tried again for the next.
    """
    try:
        lines = src.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{src}: cannot read ({getattr(e, 'strerror', None) or e})") from e
    schema = load_schema()
    answered = failed = 0
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{src} line {n}"
        item: dict[str, Any] | None = None
        try:
            item = _parse(line)
            record: dict[str, Any] = {
                "id": item.get("id", n),
                "line": n,
                **_answer(store, schema, item, where, timeout_ms),
            }
            answered += 1
        except CartoError as e:
            failed += 1
            message = f"{where}: {'; '.join(str(e).splitlines())}"
            record = {"id": item.get("id", n) if item else n, "line": n, "error": message}
            err.print(f"[red]error:[/red] {escape(message)}", markup=True, highlight=False)
        sink.write(json.dumps(record, ensure_ascii=False) + "\n")
        sink.flush()
    return BatchSummary(answered, failed)


def _resolved(store: GraphStore, refs: list[str], timeout_ms: int) -> list[ResolvedRef]:
    try:
        return resolve_all(store, refs, timeout_ms=timeout_ms)
    except UnknownActorError as e:
        *lines, hint = str(e).splitlines()
        for line in lines:
            err.print(f"[red]error:[/red] {escape(line)}", markup=True, highlight=False)
        err.print(f"hint: {hint}", markup=False, highlight=False)
        raise typer.Exit(code=1) from e


def _ids(refs: list[ResolvedRef], typed: list[str]) -> tuple[str, ...]:
    by_ref = {r.ref: r.id for r in refs}
    return tuple(dict.fromkeys(by_ref[t.strip()] for t in typed if t.strip()))


def recommend(
    text: Annotated[
        str | None, typer.Option("--text", help="The brief: title and abstract, French or English.")
    ] = None,
    domain: Annotated[
        list[str] | None, typer.Option("--domain", help="Concept id (dom-…, axis-…); default: inferred from the text.")
    ] = None,
    with_: Annotated[
        list[str] | None,
        typer.Option(
            "--with",
            help="A partner already in: id, rnsr:/siren:/pic:/finess:/ror:/uai:/wikidata: id, or a name it was "
            "loaded under (case and accents aside). A name of several actors picks one and says which.",
        ),
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
    strict: Annotated[
        bool, typer.Option("--strict", help="--batch: exit 1 when any query failed (default: exit 0, errors as lines).")
    ] = False,
    timeout_ms: Annotated[
        int,
        typer.Option(
            "--timeout-ms",
            min=1,
            help="Time limit of each query's reference look-ups (a batch line's timeout_ms wins).",
        ),
    ] = DEFAULT_TIMEOUT_MS,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Suggest partners for a brief, each with the graph facts that make it worth a call."""
    if batch is not None:
        if not batch.exists():
            raise fail(f"--batch {batch}: no such file")
        with opened(store) as s:
            if out is None:
                summary = run_batch(s, batch, sys.stdout, timeout_ms=timeout_ms)
            else:
                try:
                    sink = out.open("w", encoding="utf-8")
                except OSError as e:
                    raise fail(f"--out {out}: cannot write ({e.strerror})") from e
                with sink:
                    summary = run_batch(s, batch, sink, timeout_ms=timeout_ms)
        err.print(summary.line(batch), highlight=False)
        if strict and summary.failed:
            raise fail(f"--strict: {summary.failed} query(ies) of {batch} failed (see their 'error')")
        return
    if consortium and not role:
        raise fail("--consortium needs at least one --role (one seat per role)")
    with opened(store) as s:
        refs = _resolved(s, [*(with_ or []), *(exclude or [])], timeout_ms)
        _notify(refs)
        q = RecQuery(
            text=text or "",
            domains=tuple(domain or ()),
            partners=_ids(refs, with_ or []),
            roles=() if consortium else tuple(role or ()),
            exclude=_ids(refs, exclude or []),
            idf_only=idf_only,
            top=top,
        )
        g = cached_rec_graph(s, load_schema())
        references = [r.as_dict() for r in refs]
        if consortium:
            built = build_consortium_in(g, q, list(role or ()), alternates=alternates, max_size=max_size)
            if as_json:
                print_json({"consortium": built.as_dict(), "references": references})
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
        print_json({"suggestions": [x.as_dict() for x in found], "references": references})
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
