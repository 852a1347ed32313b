"""Any spreadsheet of organisations, mapped column by column onto the model by a YAML file.

Staff load their own lists (a CRM export of members, a partner list) without code:

```yaml
source: crm-members            # provenance: the source id every node and link carries
separator: ";"                 # optional; sniffed from the header otherwise
columns:                       # model field: spreadsheet column
  name: Raison sociale
  kind: Type
  siren: SIREN
  city: Ville
  postcode: Code postal
  acronym: Sigle
  website: Site web
kinds:                         # spreadsheet value → actor kind of the ontology
  Start-up: sme
  Laboratoire: academic_lab
default_kind: sme              # when the kind column is empty (omit it to require a kind)
concepts: Thématiques          # optional column of concept ids of ecosystem.ttl, `;`-separated
keywords: [Description]        # optional columns tagged with the ontology's keywords
links:                         # optional: every row is linked to a fixed actor
  - {type: MEMBER_OF, target: medicen, role: adhérent}
```

The reader is `carto ingest csv MAPPING.yaml FILE.csv...`: the YAML file among the paths is
the mapping, every other path is a spreadsheet (CSV) it applies to.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from errors import IngestError
from ingest.classify import Tag, keyword_tags
from ingest.common import RowScope, file_label
from ingest.csvio import open_table
from ingest.ids import EXTERNAL_ID_PATTERNS
from ingest.records import Batch
from ontology import Schema

__all__ = ["Mapping", "MappedLink", "load_mapping", "read_mapped"]

_FIELDS = {"name", "kind", "city", "postcode", "acronym", "website", "country", "region", *EXTERNAL_ID_PATTERNS}


class MappedLink(BaseModel):
    """A relationship from every row's actor to one fixed actor (the cluster, the funder)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    type: str
    target: str
    role: str | None = None


class Mapping(BaseModel):
    """A spreadsheet's columns mapped onto actor fields, checked before any row is read."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    source: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    separator: str | None = Field(default=None, min_length=1, max_length=1)
    columns: dict[str, str]
    kinds: dict[str, str] = {}
    default_kind: str | None = None
    concepts: str | None = None
    keywords: list[str] = []
    links: list[MappedLink] = []

    @field_validator("columns")
    @classmethod
    def _known_fields(cls, v: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(v) - _FIELDS)
        if unknown:
            raise ValueError(f"unknown field(s) {unknown}; allowed: {sorted(_FIELDS)}")
        if "name" not in v:
            raise ValueError("the column holding the organisation's name must be mapped: columns.name")
        return v


def load_mapping(path: Path, schema: Schema) -> Mapping:
    """Read and check a mapping file: fields, kinds and link types must exist in the ontology."""
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        mapping = Mapping.model_validate(raw)
    except (OSError, yaml.YAMLError) as e:
        raise IngestError(f"{path}: cannot be read as YAML ({e})") from e
    except ValidationError as e:
        raise IngestError(f"{path}: not a valid mapping: {e}") from e
    for value in [*mapping.kinds.values(), *([mapping.default_kind] if mapping.default_kind else [])]:
        if value not in schema.kinds:
            raise IngestError(
                f"{path}: kind {value!r} is not an actor kind of ecosystem.ttl ({', '.join(sorted(schema.kinds))})"
            )
    for link in mapping.links:
        spec = schema.relationships.get(link.type)
        if spec is None or spec.source != "Actor" or spec.target != "Actor":
            raise IngestError(f"{path}: link type {link.type!r} is not an actor-to-actor relationship of ecosystem.ttl")
    return mapping


def read_mapped(schema: Schema, paths: list[Path]) -> Batch:
    """Apply the one YAML mapping among `paths` to every other path (a spreadsheet)."""
    yamls = [p for p in paths if Path(p).suffix.lower() in (".yaml", ".yml")]
    data = [p for p in paths if p not in yamls]
    if len(yamls) != 1 or not data:
        raise IngestError("csv: give one mapping file (.yaml) and at least one spreadsheet (.csv)")
    mapping = load_mapping(Path(yamls[0]), schema)
    batch = Batch(source=mapping.source)
    for path in data:
        table = open_table(Path(path), mapping.separator)
        missing = [
            c
            for c in [*mapping.columns.values(), *mapping.keywords, *([mapping.concepts] if mapping.concepts else [])]
            if c not in table.header
        ]
        if missing:
            raise IngestError(f"{path}: column(s) {missing} of the mapping are not in the header {list(table.header)}")
        label = file_label(Path(path))
        batch.files.append(label)
        columns = dict(mapping.columns) | {f"keywords:{c}": c for c in mapping.keywords}
        if mapping.concepts:
            columns["concepts"] = mapping.concepts
        for row in table.rows():
            with RowScope(batch, schema, mapping.source, label, row, columns) as s:
                _read_row(s, mapping)
    return batch


def _read_row(s: RowScope, m: Mapping) -> None:
    name = s.get("name")
    s.key = name
    if len(name) < 2:
        s.reject("name", name, "is required (2 characters at least)")
    raw_kind = s.get("kind") if "kind" in m.columns else ""
    kind = (
        m.kinds.get(raw_kind)
        or (raw_kind if raw_kind in s.schema.kinds else None)
        or (None if raw_kind else m.default_kind)
    )
    if kind is None:
        s.reject("kind", raw_kind, f"is not a kind of the mapping ({', '.join(sorted(m.kinds))}) nor of the ontology")
    ext = {k: s.ext_id(k, k) for k in EXTERNAL_ID_PATTERNS if k in m.columns}
    if ext.get("siret") and not ext.get("siren"):
        ext["siren"] = ext["siret"][:9]
    concept_ids = [c.strip() for c in s.get("concepts").split(";") if c.strip()] if m.concepts else []
    for cid in concept_ids:
        if cid not in s.schema.concepts:
            s.reject("concepts", cid, "is not a concept id of ecosystem.ttl")
    if not s.ok or kind is None:
        return
    props = {k: s.get(k) or None for k in ("city", "acronym", "website", "country") if k in m.columns}
    place = {k: s.get(k) if k in m.columns else "" for k in ("postcode", "region", "country")}
    aid = s.actor(ext, name, kind, props, **place)
    tags = [Tag(cid, f"{m.source}: column '{m.concepts}'") for cid in concept_ids]
    for col in m.keywords:
        tags += keyword_tags(s.schema, s.get(f"keywords:{col}"), f"{m.source} column '{col}'")
    s.tag(("Actor", aid), tags)
    for link in m.links:
        s.link(link.type, ("Actor", aid), ("Actor", link.target), {"role": link.role})
