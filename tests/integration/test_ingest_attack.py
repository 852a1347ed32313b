"""Attacking every loader through `carto ingest`: damaged bytes, encodings, line endings, hostile values.

Each publisher fixture (tests/fixtures/<source>/, in the publisher's exact format) is
damaged one way at a time, as a careless export or a hostile user would: a carriage return
in the header, UTF-16/UTF-32 with their byte-order marks, Latin-1, bytes no encoding
decodes, NUL bytes, a truncated file, mixed line endings, another separator, a 1 MB field,
Cypher injection and HTML. For every damaged file the CLI either ends with one clear line
naming the file (exit 1) and leaves the graph as it was, or prints a reconciliation that
holds. A refused file changes nothing; a refused row writes nothing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli.main import app
from graph import GraphStore, snapshot
from graph.falkordb_store import FalkorDBStore
from ingest import concept_batch, load_batch
from ingest.common import side_dir
from ingest.csvio import decode_bytes
from ingest.loader import _tally
from ingest.records import Batch, Quarantined
from ingest.registry import READERS, REVIEW_DIR_ENV
from ontology import Schema

FIX = Path(__file__).resolve().parents[1] / "fixtures"
runner = CliRunner()

MAIN = {  # the file attacked, then the files that go with it unchanged
    "rnsr": [FIX / "rnsr" / "fr-esr-structures-recherche-publiques-actives.csv"],
    "ilab": [FIX / "ilab" / "fr-esr-laureats-concours-national-i-lab.csv"],
    "anr": [FIX / "anr" / "anr-dos-depuis-2010-projets-finances-partenaires.csv"],
    "anr-pia": [
        FIX / "anr" / "anr-dgpie-depuis-2010-projets-finances-partenaires.csv",
        FIX / "anr" / "anr-dgpie-depuis-2010-projets-finances-projets.csv",
    ],
    "cordis": [FIX / "cordis" / "organization.csv", FIX / "cordis" / "topics.csv"],
    "finess": [FIX / "finess" / "etalab-cs1100507-stock-20240105-0336.csv"],
    "sirene": [FIX / "sirene" / "StockEtablissement_utf8.csv", FIX / "sirene" / "StockUniteLegale_utf8.csv"],
    "wikidata": [FIX / "wikidata" / "query.json"],
    "csv": [FIX / "csv" / "members.csv", FIX / "csv" / "members.yaml"],
}
CSV_SOURCES = sorted(set(MAIN) - {"wikidata"})
INJECTION = "x'}) DETACH DELETE n // ` ) MATCH (m) DETACH DELETE m //"
HTML = "<script>alert('x')</script><img src=x onerror=alert(1)>"
HUGE = "A" * 1_000_000


def _sep(text: str) -> str:
    first = text.split("\n", 1)[0]
    return max((";", ",", "\t", "|"), key=first.count)


def _in_line_2(text: str, value: str) -> str:
    """`value` put at the start of the second field of the first record."""
    lines = text.split("\n")
    sep = _sep(text)
    lines[1] = lines[1].replace(sep, sep + value, 1)
    return "\n".join(lines)


def _header_cr(text: str) -> str:
    return text[:5] + "\r" + text[5:]


def _mixed_endings(text: str) -> str:
    lines = text.rstrip("\n").split("\n")
    ends = ["\r\n", "\n", "\r\n", "\r"]
    return "".join(line.rstrip("\r") + ends[i % len(ends)] for i, line in enumerate(lines))


def _rows_with_separator(text: str, sep: str) -> str:
    """The records written with another separator than the header's (every record ragged)."""
    header, rest = text.split("\n", 1)
    return header + "\n" + rest.replace(_sep(text), sep)


def _truncated(raw: bytes) -> bytes:
    """The file cut after the header, three fifths into its records (maybe inside a character)."""
    start = raw.index(b"\n") + 1
    return raw[: start + (len(raw) - start) * 3 // 5]


def _invalid_bytes(raw: bytes) -> bytes:
    at = raw.index(b"\n") + 8
    return raw[:at] + b"\xff\x81\xc3" + raw[at:]


Attack = Callable[[str], bytes]
CSV_ATTACKS: dict[str, Attack] = {
    "header-cr": lambda t: _header_cr(t).encode("utf-8"),
    "utf-8-bom": lambda t: t.encode("utf-8-sig"),
    "utf-16-le-bom": lambda t: t.encode("utf-16"),
    "utf-16-be-bom": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "utf-32-bom": lambda t: t.encode("utf-32"),
    "utf-16-no-bom": lambda t: t.encode("utf-16-le"),
    "utf-16-truncated": lambda t: t.encode("utf-16")[:-1],
    "latin-1": lambda t: t.encode("latin-1", errors="replace"),
    "invalid-bytes": lambda t: _invalid_bytes(t.encode("utf-8")),
    "nul": lambda t: _in_line_2(t, "\x00").encode("utf-8"),
    "truncated": lambda t: _truncated(t.encode("utf-8")),
    "mixed-endings": lambda t: _mixed_endings(t).encode("utf-8"),
    "other-separator": lambda t: _rows_with_separator(t, "|").encode("utf-8"),
    "huge-field": lambda t: _in_line_2(t, HUGE).encode("utf-8"),
    "injection": lambda t: _in_line_2(t, INJECTION).encode("utf-8"),
    "html": lambda t: _in_line_2(t, HTML).encode("utf-8"),
    "empty": lambda t: b"",
}
REFUSED = {"header-cr", "utf-16-no-bom", "utf-16-truncated", "empty"}
"""Attacks no loader can read as a table: one error line, the graph untouched."""
JSON_REFUSED = {"utf-16-le-bom", "truncated", "not-sparql"}


def _json_attacks(doc: dict) -> dict[str, bytes]:
    def with_label(value: str) -> bytes:
        d = json.loads(json.dumps(doc))
        d["results"]["bindings"][0]["itemLabel"]["value"] = value
        return json.dumps(d).encode("utf-8")

    text = json.dumps(doc)
    return {
        "utf-16-le-bom": text.encode("utf-16"),
        "truncated": text.encode("utf-8")[: len(text) // 2],
        "nul": with_label("Institut\x00 Exemple"),
        "lone-surrogate": text.replace('"value": "', '"value": "\\ud800', 3).encode("utf-8"),
        "huge-field": with_label(HUGE),
        "injection": with_label(INJECTION),
        "html": with_label(HTML),
        "not-sparql": b'{"head": {}}',
    }


def _invoke(source: str, attacked: Path, others: list[Path], uri: str) -> tuple[int, str, str]:
    args = ["ingest", source, str(attacked), *map(str, others), "--store", uri, "--json"]
    res = runner.invoke(app, args)
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    assert "Traceback" not in res.output
    return res.exit_code, res.stdout, res.stderr


def _graph(data_dir: Path) -> dict[str, list]:
    store = FalkorDBStore(data_dir)
    try:
        return snapshot(store)
    finally:
        store.close()


@pytest.mark.parametrize("source", sorted(MAIN))
def test_every_attack_on_every_loader_ends_in_one_clear_line_or_a_true_reconciliation(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # nothing may land in the working directory
    data_dir = tmp_path / "g"
    uri = f"falkordb://{data_dir}"
    main, *others = MAIN[source]
    code, _, stderr = _invoke(source, main, others, uri)  # the fixture as published loads
    assert code == 0, stderr
    original = main.read_bytes()
    if source == "wikidata":
        attacks = _json_attacks(json.loads(original))
    else:
        attacks = {name: attack(decode_bytes(original)[0]) for name, attack in CSV_ATTACKS.items()}
    attacked = tmp_path / "in" / main.name
    attacked.parent.mkdir()
    outcomes = {}
    before = _graph(data_dir)
    expected_refused = REFUSED if source in CSV_SOURCES else JSON_REFUSED
    refused_first = sorted(attacks, key=lambda n: n not in expected_refused)
    for name in refused_first:  # those expected refused first: one snapshot of the graph serves them all
        attacked.write_bytes(attacks[name])
        code, stdout, stderr = _invoke(source, attacked, others, uri)
        outcomes[name] = code
        if code == 1:
            errors = [line for line in stderr.splitlines() if line.strip()]
            assert len(errors) == 1 and errors[0].startswith("error:"), (name, stderr)
            assert main.name in errors[0], (name, errors[0])  # the file is named
            assert name in expected_refused, (name, errors[0])
            assert _graph(data_dir) == before, name  # a refused file changes nothing
        else:
            assert code == 0, (name, stderr)
            report = json.loads(stdout)
            assert report["reconciles"], (name, report["files"])
            assert all(f["holds"] for f in report["files"])
            assert report["quarantined"] == sum(f["quarantined"] for f in report["files"])
            assert "MISMATCH" not in stderr
    if source in CSV_SOURCES:
        assert {n for n, c in outcomes.items() if c == 1} == REFUSED, outcomes
        expected_ok = {"utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-32-bom", "html", "injection"}
        assert {n for n, c in outcomes.items() if c == 0} >= expected_ok
    else:
        assert {n for n, c in outcomes.items() if c == 1} == JSON_REFUSED, outcomes
    assert not (tmp_path / ".carto").exists()  # the side files live with the store


def test_a_unicode_file_loads_as_its_utf8_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """UTF-16 and UTF-32 (with their byte-order marks) are read, not garbled as Windows-1252."""
    monkeypatch.chdir(tmp_path)
    main = MAIN["rnsr"][0]
    text = main.read_text(encoding="utf-8-sig")
    graphs = []
    for i, data in enumerate(
        [text.encode("utf-8"), text.encode("utf-16"), b"\x00\x00\xfe\xff" + text.encode("utf-32-be")]
    ):
        path = tmp_path / f"in{i}" / main.name
        path.parent.mkdir()
        path.write_bytes(data)
        code, stdout, stderr = _invoke("rnsr", path, [], f"falkordb://{tmp_path / f'g{i}'}")
        assert code == 0, stderr
        report = json.loads(stdout)
        graphs.append((report["nodes_created"], report["links_created"], report["files"][0]["loaded"]))
    assert graphs[1] == graphs[0] and graphs[2] == graphs[0]


def test_a_nul_byte_or_an_undecodable_byte_quarantines_its_row_and_says_so(tmp_path: Path) -> None:
    main = MAIN["rnsr"][0]
    text = main.read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    lines[2] = lines[2].replace(";", ";PA\x00RIS", 1)  # row 3
    raw = "\n".join(lines).encode("utf-8")
    at = raw.index(b"\n", raw.index(b"\n", raw.index(b"\n") + 1) + 1) + 12  # inside row 4
    path = tmp_path / main.name
    path.write_bytes(raw[:at] + b"\xff" + raw[at:])
    code, stdout, stderr = _invoke("rnsr", path, [], f"falkordb://{tmp_path / 'g'}")
    assert code == 0, stderr
    report = json.loads(stdout)
    quarantine = Path(report["quarantine_file"]).read_text(encoding="utf-8")
    assert "holds a NUL byte" in quarantine and "PA\\x00RIS" in quarantine
    assert "holds the byte 0xFF" in quarantine and "\\xff" in quarantine
    rows = {line.split(",")[2] for line in quarantine.splitlines()[1:] if "holds" in line}
    assert rows == {"3", "4"}
    assert Path(report["quarantine_file"]).parent == tmp_path / "g" / "quarantine"


def test_a_row_refused_by_the_shapes_writes_nothing_and_is_counted_quarantined(tmp_path: Path) -> None:
    """Issue 15 point 3: a 1 MB `libelle` on row 4 is quarantined; the summary counts it as such."""
    main = MAIN["rnsr"][0]
    lines = main.read_text(encoding="utf-8-sig").split("\n")
    header = lines[0].split(";")
    fields = lines[3].split(";")
    rnsr_id = fields[0]
    fields[header.index("libelle")] = HUGE
    lines[3] = ";".join(fields)
    path = tmp_path / main.name
    path.write_text("\n".join(lines), encoding="utf-8")
    clean = tmp_path / "clean" / main.name
    clean.parent.mkdir()
    clean.write_text("\n".join(lines[:3] + lines[4:]), encoding="utf-8")
    uri = f"falkordb://{tmp_path / 'g'}"
    code, stdout, stderr = _invoke("rnsr", path, [], uri)
    assert code == 0, stderr
    report = json.loads(stdout)
    (tally,) = report["files"]
    clean_uri = f"falkordb://{tmp_path / 'g-clean'}"
    code, clean_out, _ = _invoke("rnsr", clean, [], clean_uri)
    (clean_tally,) = json.loads(clean_out)["files"]
    assert tally["rows_read"] == clean_tally["rows_read"] + 1
    assert tally["loaded"] == clean_tally["loaded"]  # row 4 is not counted loaded
    assert tally["quarantined"] == clean_tally["quarantined"] + 1
    assert report["quarantined"] == tally["quarantined"] < report["quarantine_entries"]
    graph = _graph(tmp_path / "g")
    assert not [n for n in graph["nodes"] if (n.get("rnsr") or "").upper() == rnsr_id.upper()]
    clean_graph = _graph(tmp_path / "g-clean")
    strip = {"first_loaded_at", "last_loaded_at", "loaded_at", "prov_files", "prov_keys"}

    def plain(g: dict[str, list]) -> list[tuple[str, ...]]:
        return sorted(tuple(sorted((k, repr(v)) for k, v in n.items() if k not in strip)) for n in g["nodes"])

    assert plain(graph) == plain(clean_graph)  # nothing of row 4 was written, not even its supervisors


def test_the_tally_fails_when_a_row_is_both_written_and_kept_out() -> None:
    batch = Batch(source="t")
    for row in (2, 3, 4):
        batch.read_row("f.csv", row)
    batch.quarantine.append(Quarantined("t", "f.csv", 4, "libelle", "A", "too long"))
    (ok,) = _tally(batch, {("f.csv", 2), ("f.csv", 3)}, {("f.csv", 4)})
    assert ok.holds and (ok.loaded, ok.quarantined) == (2, 1)
    (both,) = _tally(batch, {("f.csv", 2), ("f.csv", 3), ("f.csv", 4)}, {("f.csv", 4)})
    assert not both.holds  # row 4 written and quarantined: counted twice
    (lost,) = _tally(batch, {("f.csv", 2)}, {("f.csv", 4)})
    assert not lost.holds  # row 3 neither written nor quarantined


def test_side_files_stay_with_their_store_and_the_socket_folder_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(REVIEW_DIR_ENV, raising=False)
    uri = f"falkordb://{tmp_path / 'one'}"
    sockets_before = set(Path("/tmp").glob(f"carto-{os.getuid()}-*"))
    code, _, stderr = _invoke("anr", MAIN["anr"][0], [], uri)
    assert code == 0, stderr
    assert (tmp_path / "one" / "quarantine" / "anr-quarantine.csv").is_file()
    assert not (tmp_path / ".carto").exists()
    res = runner.invoke(app, ["stats", "--store", uri])
    assert res.exit_code == 0
    assert f"resolution files: {tmp_path / 'one' / 'resolution'}" in res.stderr
    assert f"quarantine files: {tmp_path / 'one' / 'quarantine'}" in res.stderr
    stats = json.loads(runner.invoke(app, ["stats", "--store", uri, "--json"]).stdout)
    assert stats["side_files"]["quarantine"] == str(tmp_path / "one" / "quarantine")
    monkeypatch.setenv(REVIEW_DIR_ENV, str(tmp_path / "elsewhere"))  # the override still wins
    stats = json.loads(runner.invoke(app, ["stats", "--store", uri, "--json"]).stdout)
    assert stats["side_files"]["resolution"] == str(tmp_path / "elsewhere")
    assert set(Path("/tmp").glob(f"carto-{os.getuid()}-*")) <= sockets_before  # no socket folder left


@pytest.mark.neo4j
def test_a_server_store_keeps_its_side_files_in_a_folder_of_its_own(neo4j_store: GraphStore) -> None:
    where = side_dir(neo4j_store)
    assert where.parts[:2] == (".carto", "stores") and str(neo4j_store.database) in where.name  # type: ignore[attr-defined]
    assert side_dir(neo4j_store) == where  # the same store, the same folder


# -- in-process, on both stores: generated damage never changes the graph for refused input --

_damage = st.sampled_from(sorted(CSV_ATTACKS))
_value = st.sampled_from([INJECTION, HTML, "\x00", "'", "`", '"}) DETACH DELETE n //', "\r", "\r\n"])


def _fingerprint(store: GraphStore) -> dict[str, list]:
    return snapshot(store)


@pytest.mark.parametrize("source", CSV_SOURCES)
def test_generated_damage_never_touches_the_graph_when_refused(
    store: GraphStore, schema: Schema, source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from errors import IngestError

    monkeypatch.setenv(REVIEW_DIR_ENV, str(tmp_path))
    load_batch(store, concept_batch(schema), schema)
    main, *others = MAIN[source]
    load_batch(store, READERS[source](schema, MAIN[source]), schema)
    text = decode_bytes(main.read_bytes())[0]
    path = tmp_path / main.name

    @settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(_damage, _value)
    def check(attack: str, value: str) -> None:
        damaged = _in_line_2(text, value) if attack in ("injection", "html") else text
        data = CSV_ATTACKS[attack](damaged)
        path.write_bytes(data)
        before = _fingerprint(store)
        try:
            batch = READERS[source](schema, [path, *others])
        except IngestError as e:
            assert str(path) in str(e) or path.name in str(e)
            assert _fingerprint(store) == before
            return
        report = load_batch(store, batch, schema)
        assert report.reconciles, report.lines()
        assert store.read("MATCH (n) RETURN count(n) AS n").rows[0]["n"] >= len(before["nodes"])  # nothing deleted

    check()
