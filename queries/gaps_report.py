"""The gap report: run the gap queries, score them (queries.gaps), export JSON, CSV, XLSX, Markdown, HTML."""

from __future__ import annotations

import csv
import gc
import html
import io
import json
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from graph import GraphStore
from graph.projection import CompactGraph
from ontology import Schema, load_schema
from queries.gaps import (
    GAP_KINDS,
    Check,
    Gap,
    coverage_gaps,
    network_gaps,
    partner_kind_rows,
    prospect_gaps,
    rank_gaps,
    tech_transfer_gaps,
    trend_gaps,
    value_chain_gaps,
)
from queries.library import get_query, run_named

__all__ = [
    "GapSettings",
    "GapReport",
    "build_report",
    "network_from_rows",
    "network_projection",
    "read_network",
    "check_citations",
    "failed_checks",
    "to_csv",
    "to_html",
    "to_json",
    "to_markdown",
    "to_xlsx",
    "FORMATS",
    "KIND_TITLES",
]

FORMATS = ("json", "csv", "xlsx", "md", "html")
READ_THREADS = 3
"""Concurrent reads of one report: the embedded server's two query threads, plus one parsing."""


@dataclass(frozen=True)
class GapSettings:
    """Who the cluster is, which region is "ours", which priorities count as prospects' domains."""

    cluster: str = "medicen"
    region: str = "ter-idf"
    max_priority: int = 1
    timeout_ms: int = 120_000


@dataclass(frozen=True)
class GapReport:
    """Ranked gaps with the settings used and the seconds each stage took."""

    gaps: tuple[Gap, ...]
    settings: GapSettings
    timings: Mapping[str, float] = field(default_factory=dict)

    def by_kind(self, kind: str) -> list[Gap]:
        return [g for g in self.gaps if g.kind == kind]

    def to_dict(self, top: int | None = None) -> dict[str, Any]:
        """Settings, the number of gaps of each kind, timings and the ranked gaps (the first `top`)."""
        return {
            "settings": self.settings.__dict__,
            "counts": {k: len(self.by_kind(k)) for k in GAP_KINDS},
            "timings_s": dict(self.timings),
            "gaps": [{"rank": i, **g.to_dict()} for i, g in enumerate(self.gaps[:top], start=1)],
        }


def _rows(store: GraphStore, name: str, params: Mapping[str, Any], timeout_ms: int) -> list[dict[str, Any]]:
    return run_named(store, name, params, timeout_ms=timeout_ms).rows


_NETWORK_READS = ("gap_network_actors_by_kind", "gap_network_links", "gap_network_coprojects", "gap_actor_domains",
                  "gap_cluster_members")  # fmt: skip
_GAP_READS = ("gap_coverage", "gap_prospects", "gap_tech_transfer", "gap_value_chain", "gap_trends")
# the slowest first, so that the short ones fill in behind them
_READ_ORDER = ("gap_coverage", "gap_network_coprojects", "gap_network_actors_by_kind", "gap_network_links",
               "gap_prospects", "gap_tech_transfer", "gap_actor_domains", "gap_value_chain", "gap_trends",
               "gap_cluster_members")  # fmt: skip


def _params(name: str, settings: GapSettings) -> dict[str, Any]:
    every = {"cluster": settings.cluster, "region": settings.region, "max_priority": settings.max_priority}
    declared = {p.name for p in get_query(name).params}
    return {k: v for k, v in every.items() if k in declared}


def network_from_rows(
    actor_groups: Sequence[Mapping[str, Any]],
    links: Sequence[Mapping[str, Any]],
    coprojects: Sequence[Mapping[str, Any]],
    domains: Sequence[Mapping[str, Any]],
    members: Sequence[Mapping[str, Any]],
) -> CompactGraph:
    """The collaboration network from the rows of the five `_NETWORK_READS` queries.

    Every actor is a node (attributes `name`, `kind`, `domains`, `member`); an edge joins a
    stated link's ends and every two actors of a shared project. Edge weights are not kept: no
    network measure uses them.
    """
    name: dict[str, Any] = {}
    kind: dict[str, Any] = {}
    for row in actor_groups:
        k = row["kind"]
        for i, n in zip(row["ids"], row["names"], strict=True):
            name[i] = n
            kind[i] = k
    attrs = {
        "name": name,
        "kind": kind,
        "domains": {r["id"]: r["domains"] for r in domains},
        "member": dict.fromkeys((r["id"] for r in members), True),
    }
    graph = CompactGraph.build(
        name, ((r["source"], r["target"]) for r in links), (r["members"] for r in coprojects), attrs
    )
    graph.attrs["member"] = [bool(m) for m in graph.attrs["member"]]
    return graph


def read_network(store: GraphStore, settings: GapSettings | None = None) -> CompactGraph:
    """The collaboration network as the report reads it: every actor (name, kind, `member` of the
    cluster, rolled-up domains), linked by PARTNER_OF, stated COLLABORATES_WITH and shared projects."""
    settings = settings or GapSettings()
    rows = [_rows(store, q, _params(q, settings), settings.timeout_ms) for q in _NETWORK_READS]
    return network_from_rows(*rows)


def network_projection(store: GraphStore, settings: GapSettings | None = None) -> nx.Graph:
    """`read_network` as a networkx graph (node attributes `name`, `kind`, `domains`, `member`)."""
    return read_network(store, settings).to_networkx()


_gc_lock = threading.Lock()
_gc_depth = 0
_gc_was_enabled = True


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a report is built (reference counting still frees memory).

    A report parses some 150k values into lists and dicts that all live until it ends, so the
    collector keeps promoting them and rescanning the growing older generations for cycles
    there are none of: with it on, the Python side took 0.75 s of CPU instead of 0.46 s in a
    process that had loaded the data (benchmarks/bench_gaps.py). Reports may overlap on several
    threads (the explorer), hence the depth count: the last one out restores the setting.
    """
    global _gc_depth, _gc_was_enabled
    with _gc_lock:
        if _gc_depth == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_was_enabled:
                gc.enable()


def build_report(store: GraphStore, settings: GapSettings | None = None, schema: Schema | None = None) -> GapReport:
    """Run every gap query once, score each gap kind and rank them all together.

    The reads are independent, so they run on a few threads at once (both stores take
    concurrent reads: the embedded server runs two query threads, the Neo4j driver opens a
    session per read); the network is built and analysed as soon as its reads are in, while
    the gap queries may still run. The cyclic garbage collector is paused meanwhile (see
    `_gc_paused`). `timings` has each read's own seconds, then the network and scoring stages and
    the `total`.
    """
    with _gc_paused():
        return _build_report(store, settings or GapSettings(), schema or load_schema())


def _build_report(store: GraphStore, settings: GapSettings, schema: Schema) -> GapReport:
    tm = settings.timeout_ms
    timings: dict[str, float] = {}
    t_start = time.perf_counter()

    def read(name: str) -> list[dict[str, Any]]:
        t0 = time.perf_counter()
        rows = _rows(store, name, _params(name, settings), tm)
        timings[name] = round(time.perf_counter() - t0, 4)
        return rows

    with ThreadPoolExecutor(max_workers=READ_THREADS, thread_name_prefix="gap-read") as pool:
        futures = {name: pool.submit(read, name) for name in _READ_ORDER}
        net_rows = [futures[name].result() for name in _NETWORK_READS]
        t0 = time.perf_counter()
        graph = network_from_rows(*net_rows)
        timings["network_build"] = round(time.perf_counter() - t0, 4)
        t0 = time.perf_counter()
        network = network_gaps(graph, schema, settings.cluster)
        # gap_tech_transfer_links on the network: the same rows without a second partner expansion
        tt_links = partner_kind_rows(graph)
        timings["network"] = round(time.perf_counter() - t0, 4)
        rows = {name: futures[name].result() for name in _GAP_READS}

    t0 = time.perf_counter()
    name_of = graph.attrs["name"]
    names = {v: name_of[i] or v for i, v in enumerate(graph.ids)}
    chain_rows = rows["gap_value_chain"]
    chain = value_chain_gaps(chain_rows, schema, names)
    explained = {(g.subject, g.measure) for g in chain}
    gaps = [
        *coverage_gaps(rows["gap_coverage"], schema, names, explained),
        *chain,
        *tech_transfer_gaps(rows["gap_tech_transfer"], tt_links, schema, names),
        *prospect_gaps(
            rows["gap_prospects"],
            schema,
            cluster=settings.cluster,
            region=settings.region,
            max_priority=settings.max_priority,
        ),
        *trend_gaps(rows["gap_trends"], schema, region=settings.region, chain_rows=chain_rows, names=names),
        *network,
    ]
    ranked = tuple(rank_gaps(gaps))
    timings["scoring"] = round(time.perf_counter() - t0, 4)
    timings["total"] = round(time.perf_counter() - t_start, 4)
    return GapReport(ranked, settings, timings)


# --- verification -------------------------------------------------------------------------
def _matches(row: Mapping[str, Any], where: Sequence[tuple[str, Any]]) -> bool:
    for col, value in where:
        got = row.get(col)
        if isinstance(value, (tuple, list)):
            if got not in value:
                return False
        elif got != value:
            return False
    return True


def failed_checks(rows: Sequence[Mapping[str, Any]], checks: Sequence[Check]) -> list[str]:
    """The checks these query rows do not reproduce, each said in one line."""
    return [p for p in (_check(rows, c) for c in checks) if p]


def _check(rows: Sequence[Mapping[str, Any]], check: Check) -> str | None:
    hit = [r for r in rows if _matches(r, check.where)]
    if check.op == "count":
        got: Any = len(hit)
    elif check.op == "sum":
        got = sum(r.get(check.column) or 0 for r in hit)
    elif check.op == "contains":
        values = [r.get(check.column) for r in hit]
        found = any(check.expected == v or (isinstance(v, list) and check.expected in v) for v in values)
        return None if found else f"no row has {check.column} = {check.expected!r}"
    else:
        return f"unknown check {check.op!r}"
    return (
        None
        if got == check.expected
        else f"{check.op} {check.column or 'rows'} = {got}, evidence says {check.expected}"
    )


def check_citations(store: GraphStore, gap: Gap) -> list[str]:
    """Run the queries a gap cites with its parameters; list every check they do not reproduce."""
    problems = []
    for cite in gap.evidence.citations:
        q = get_query(cite.query)
        rows = store.read(q.text, q.bind(dict(cite.params))).rows
        problems += [f"{cite.query} {dict(cite.params)}: {p}" for p in failed_checks(rows, cite.checks)]
    return problems


# --- exports --------------------------------------------------------------------------------------
_COLUMNS = ("rank", "kind", "measure", "subject", "subject_fr", "subject_en", "score", "severity", "weight",
            "explanation_fr", "explanation_en", "counts", "actors", "queries")  # fmt: skip


def _flat(report: GapReport) -> list[dict[str, Any]]:
    out = []
    for i, g in enumerate(report.gaps, start=1):
        d = g.to_dict()
        ev = d.pop("evidence")
        out.append(
            {
                **{k: d[k] for k in _COLUMNS if k in d},
                "rank": i,
                "counts": json.dumps(ev["counts"], ensure_ascii=False),
                "actors": "; ".join(f"{a['name']} ({a['id']})" for a in ev["actors"]),
                "queries": "; ".join(
                    f"{q['query']} {json.dumps(q['params'], ensure_ascii=False)}" for q in ev["queries"]
                ),
            }
        )
    return out


def to_json(report: GapReport, top: int | None = None) -> str:
    return json.dumps(report.to_dict(top), ensure_ascii=False, indent=2, default=str)


def to_csv(report: GapReport, top: int | None = None) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(_COLUMNS))
    w.writeheader()
    w.writerows(_flat(report)[:top])
    return buf.getvalue()


def to_xlsx(report: GapReport, path: Path, top: int | None = None) -> Path:
    """One sheet of gaps (the CSV columns) and one of settings, for the cluster's spreadsheets."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "gaps"
    ws.append(list(_COLUMNS))
    for row in _flat(report)[:top]:
        ws.append([row[c] for c in _COLUMNS])
    meta = wb.create_sheet("settings")
    for k, v in report.settings.__dict__.items():
        meta.append([k, str(v)])
    wb.save(path)
    return path


KIND_TITLES = {
    "coverage": ("Couverture", "Coverage"),
    "value_chain": ("Chaîne de valeur", "Value chain"),
    "tech_transfer": ("Transfert de technologie", "Technology transfer"),
    "network": ("Trous du réseau", "Network holes"),
    "prospects": ("Adhérents potentiels", "Prospects"),
    "trend": ("Tendances", "Trends"),
}


def _lang_index(lang: str) -> int:
    return 0 if lang == "fr" else 1


def to_markdown(report: GapReport, lang: str = "fr", top: int | None = None) -> str:
    """A printable report: a ranked table, then each gap with its evidence."""
    li = _lang_index(lang)
    head = (
        ("Rang", "Type", "Sujet", "Score", "Constat")
        if lang == "fr"
        else ("Rank", "Kind", "Subject", "Score", "Finding")
    )
    title = (
        "Lacunes de l'écosystème au regard de la stratégie" if lang == "fr" else "Ecosystem gaps against the strategy"
    )
    gaps = report.gaps[:top] if top else report.gaps
    lines = [f"# {title}", ""]
    counts = ", ".join(f"{KIND_TITLES[k][li]} : {len(report.by_kind(k))}" if lang == "fr" else f"{KIND_TITLES[k][li]}: {len(report.by_kind(k))}" for k in GAP_KINDS)  # fmt: skip
    lines += [counts, "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for i, g in enumerate(gaps, start=1):
        subject = g.subject_fr if lang == "fr" else g.subject_en
        text = g.explanation_fr if lang == "fr" else g.explanation_en
        lines.append(f"| {i} | {KIND_TITLES[g.kind][li]} | {subject} | {g.score:.3f} | {text.replace('|', '/')} |")
    lines.append("")
    ev_word = "Preuves" if lang == "fr" else "Evidence"
    for i, g in enumerate(gaps, start=1):
        d = g.to_dict()["evidence"]
        lines += [f"## {i}. {KIND_TITLES[g.kind][li]} — {g.subject_fr if lang == 'fr' else g.subject_en}", ""]
        lines += [g.explanation_fr if lang == "fr" else g.explanation_en, "", f"**{ev_word}**", ""]
        lines += [f"- {k}: {v}" for k, v in d["counts"].items()]
        if d["actors"]:
            lines.append("- " + ", ".join(f"{a['name']} (`{a['id']}`)" for a in d["actors"]))
        for q in d["queries"]:
            params = " ".join(
                f"--param {k}={','.join(v) if isinstance(v, list) else v}" for k, v in q["params"].items()
            )
            lines.append(f"- `carto query {q['query']} {params}`".rstrip())
        lines.append("")
    return "\n".join(lines)


def to_html(report: GapReport, lang: str = "fr", top: int | None = None) -> str:
    """The Markdown report's content as a standalone, printable HTML page."""
    li = _lang_index(lang)
    title = (
        "Lacunes de l'écosystème au regard de la stratégie" if lang == "fr" else "Ecosystem gaps against the strategy"
    )
    gaps = report.gaps[:top] if top else report.gaps
    e = html.escape
    parts = [
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{e(title)}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid #bbb;padding:4px;vertical-align:top;font-size:.9em}section{page-break-inside:avoid}"
        "code{font-size:.85em}@media print{a{color:black}}</style></head><body>",
        f"<h1>{e(title)}</h1><table><tr><th>#</th><th>{'Type' if lang == 'fr' else 'Kind'}</th>"
        f"<th>{'Sujet' if lang == 'fr' else 'Subject'}</th><th>Score</th><th>{'Constat' if lang == 'fr' else 'Finding'}</th></tr>",
    ]
    for i, g in enumerate(gaps, start=1):
        subject = g.subject_fr if lang == "fr" else g.subject_en
        text = g.explanation_fr if lang == "fr" else g.explanation_en
        parts.append(
            f"<tr><td>{i}</td><td>{e(KIND_TITLES[g.kind][li])}</td><td>{e(subject)}</td><td>{g.score:.3f}</td><td>{e(text)}</td></tr>"
        )
    parts.append("</table>")
    for i, g in enumerate(gaps, start=1):
        d = g.to_dict()["evidence"]
        subject = g.subject_fr if lang == "fr" else g.subject_en
        items = [f"<li>{e(str(k))}: {e(str(v))}</li>" for k, v in d["counts"].items()]
        if d["actors"]:
            items.append(
                "<li>" + ", ".join(f"{e(a['name'])} (<code>{e(a['id'])}</code>)" for a in d["actors"]) + "</li>"
            )
        for q in d["queries"]:
            items.append(f"<li><code>{e(q['query'])} {e(json.dumps(q['params'], ensure_ascii=False))}</code></li>")
        parts.append(
            f"<section><h2>{i}. {e(KIND_TITLES[g.kind][li])} — {e(subject)}</h2>"
            f"<p>{e(g.explanation_fr if lang == 'fr' else g.explanation_en)}</p><ul>{''.join(items)}</ul></section>"
        )
    parts.append("</body></html>")
    return "\n".join(parts)
