"""Wikidata: organisations from a SPARQL query, in the SPARQL 1.1 JSON results format.

`{"head": {"vars": [...]}, "results": {"bindings": [{var: {"type", "value", "xml:lang"?}}]}}`.
Each binding is one row (numbered from 1, in file order). The query's variables are read by
name: `item` (entity URI, required), `itemLabel` (name, required), `kind` (an actor kind of
the ontology) or `typeLabel` (the instance-of label, mapped below), and, when present,
`siren` (P1616), `rnsr` (P3016), `ror` (P6782), `finess` (P4058), `uai` (P4226 / P7748),
`cityLabel`, `postcode`, `website`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from errors import IngestError
from ingest.common import RowScope, file_label
from ingest.csvio import CsvRow
from ingest.ids import clean_external_id
from ingest.records import Batch
from ontology import Schema

__all__ = ["WIKIDATA_SOURCE", "TYPE_KINDS", "read_wikidata"]

WIKIDATA_SOURCE = "wikidata"
_ID_VARS = ("siren", "rnsr", "ror", "finess", "uai")
TYPE_KINDS = {
    "hôpital": "hospital",
    "hospital": "hospital",
    "centre hospitalier universitaire": "hospital",
    "university hospital": "hospital",
    "université": "university",
    "university": "university",
    "grande école": "university",
    "école d'ingénieurs": "university",
    "laboratoire de recherche": "academic_lab",
    "research laboratory": "academic_lab",
    "unité mixte de recherche": "academic_lab",
    "institut de recherche": "research_org",
    "research institute": "research_org",
    "organisme de recherche": "research_org",
    "entreprise": "sme",
    "start-up": "sme",
    "startup company": "sme",
    "entreprise de biotechnologie": "sme",
    "biotechnology company": "sme",
    "entreprise pharmaceutique": "large_company",
    "pharmaceutical company": "large_company",
    "fondation": "foundation",
    "foundation": "foundation",
    "pôle de compétitivité": "cluster",
    "competitiveness cluster": "cluster",
    "association": "association",
}
"""Labels of instance-of (P31) classes → actor kind; another label quarantines the row."""


def read_wikidata(schema: Schema, paths: list[Path]) -> Batch:
    batch = Batch(source=WIKIDATA_SOURCE)
    for path in paths:
        try:
            doc: Any = json.loads(Path(path).read_bytes().decode("utf-8-sig"))
            variables = doc["head"]["vars"]
            bindings = doc["results"]["bindings"]
        except (ValueError, KeyError, TypeError) as e:
            raise IngestError(f"{path}: not SPARQL JSON results (head.vars, results.bindings): {e}") from e
        missing = {"item", "itemLabel"} - set(variables)
        if missing:
            raise IngestError(f"{path}: the query must select ?item and ?itemLabel; missing {sorted(missing)}")
        label = file_label(Path(path))
        batch.files.append(label)
        columns = {v: v for v in variables}
        for i, binding in enumerate(bindings, start=1):
            values = (
                {k: str(v.get("value", "")) for k, v in binding.items() if isinstance(v, dict)}
                if isinstance(binding, dict)
                else {}
            )
            with RowScope(batch, schema, WIKIDATA_SOURCE, label, CsvRow(i, values), columns) as s:
                _read_binding(s)
    return batch


def _read_binding(s: RowScope) -> None:
    item = s.get("item")
    qid = item.rsplit("/", 1)[-1]
    s.key = qid
    wikidata = clean_external_id("wikidata", qid)
    if wikidata is None:
        s.reject("item", item, "is not a Wikidata entity (http://www.wikidata.org/entity/Q…)")
    name = s.get("itemLabel")
    if len(name) < 2 or (wikidata and name.upper() == wikidata):
        s.reject("itemLabel", name, "is required (an entity with no label in the query's language)")
    kind = s.get("kind") if s.get("kind") in s.schema.kinds else TYPE_KINDS.get(s.get("typeLabel").lower())
    if kind is None:
        s.reject(
            "typeLabel" if s.get("typeLabel") else "kind",
            s.get("typeLabel") or s.get("kind"),
            "is not a known category of organisation",
        )
    ext = {k: s.ext_id(k, k) for k in _ID_VARS if s.get(k)}
    if not s.ok or wikidata is None or kind is None:
        return
    ext["wikidata"] = wikidata
    s.actor(
        ext,
        name,
        kind,
        {"city": s.get("cityLabel") or None, "website": s.get("website") or None},
        postcode=s.get("postcode"),
    )
