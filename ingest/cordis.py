"""CORDIS Horizon 2020: participants (`organization.csv`) and project topics (`topics.csv`).

A participant row names a project (id, acronym) and an organisation by its PIC; the topics
file gives each project's call topic, from which the project takes its year and its domains
(keywords of the topic title). Either file may come first, or alone.
"""

from __future__ import annotations

import re
from pathlib import Path

from errors import IngestError
from ingest.classify import keyword_tags
from ingest.common import RowScope, file_label
from ingest.csvio import CsvTable, open_table
from ingest.records import Batch
from ontology import Schema

__all__ = ["CORDIS_SOURCE", "ACTIVITY_KINDS", "cordis_file_kind", "read_cordis"]

CORDIS_SOURCE = "cordis"
ORG_COLUMNS = {
    "project": "projectID",
    "acronym": "projectAcronym",
    "pic": "organisationID",
    "vat": "vatNumber",
    "name": "name",
    "short_name": "shortName",
    "sme": "SME",
    "activity": "activityType",
    "street": "street",
    "postcode": "postCode",
    "city": "city",
    "country": "country",
    "nuts": "nutsCode",
    "geolocation": "geolocation",
    "website": "organizationURL",
    "role": "role",
    "contribution": "ecContribution",
}
TOPIC_COLUMNS = {"project": "projectID", "topic": "topic", "title": "title"}

ACTIVITY_KINDS = {
    "PRC": "large_company",
    "HES": "university",
    "REC": "research_org",
    "PUB": "public_body",
    "OTH": "association",
}
"""CORDIS `activityType` → kind (a PRC flagged SME is an SME)."""
ROLES = {"coordinator", "participant", "partner", "thirdparty", "internationalpartner", "associatedpartner"}


def cordis_file_kind(table: CsvTable) -> str:
    h = set(table.header)
    if {"projectID", "organisationID", "name"} <= h:
        return "organizations"
    if {"projectID", "topic", "title"} <= h:
        return "topics"
    raise IngestError(f"{table.path}: not a CORDIS organization.csv or topics.csv; header {list(table.header)[:6]}")


def _unquote(text: str) -> str:
    r"""CORDIS quotes some names twice; the outer quotes go and doubled quotes become one.

    >>> _unquote('"NCSR ""D"" "')
    'NCSR "D"'
    """
    t = text.strip()
    if len(t) >= 2 and t.startswith('"') and t.endswith('"'):
        t = t[1:-1].replace('""', '"')
    return t.strip()


def _topic_year(topic: str) -> int | None:
    """The first year in a topic code: "SC1-BHC-03-2018" → 2018.

    >>> _topic_year("SC1-PM-11-2016-2017"), _topic_year("EIC-SMEInst-2018-2020"), _topic_year("X")
    (2016, 2018, None)
    """
    m = re.search(r"(?<![0-9])(20[0-9]{2})(?![0-9])", topic)
    return int(m.group(1)) if m else None


def read_cordis(schema: Schema, paths: list[Path]) -> Batch:
    batch = Batch(source=CORDIS_SOURCE)
    tables = sorted(
        ((cordis_file_kind(t), i, t) for i, t in enumerate(open_table(p) for p in paths)),
        key=lambda x: (x[0] != "topics", x[1]),
    )
    years: dict[str, int] = {}
    acronyms = {
        row.get("projectID"): row.get("projectAcronym")
        for kind, _i, table in tables
        if kind == "organizations"
        for row in table.rows()
        if row.get("projectAcronym")
    }
    pairs: set[tuple[str, str]] = set()
    for kind, _i, table in tables:
        label = file_label(table.path)
        batch.files.append(label)
        for row in table.rows():
            if kind == "topics":
                with RowScope(batch, schema, CORDIS_SOURCE, label, row, TOPIC_COLUMNS) as s:
                    _topic_row(s, years, acronyms)
            else:
                with RowScope(batch, schema, CORDIS_SOURCE, label, row, ORG_COLUMNS) as s:
                    _org_row(s, years, pairs)
    return batch


def _project_id(s: RowScope) -> str | None:
    pid = s.get("project")
    if not (pid.isascii() and pid.isdigit()):
        s.reject("project", pid, "is not a CORDIS project id (digits)")
        return None
    return pid


def _topic_row(s: RowScope, years: dict[str, int], acronyms: dict[str, str]) -> None:
    pid = _project_id(s)
    topic = s.get("topic")
    s.key = f"{pid}:{topic}"
    if not topic:
        s.reject("topic", topic, "is required")
    if pid is None or not s.ok:
        return
    year = _topic_year(topic)
    if year:
        years[pid] = year
    title = s.get("title")
    props = {"topic": topic, "topic_title": title or None, "programme": "H2020", "year": year}
    s.node("Project", f"cordis-{pid}", {"title": acronyms.get(pid) or f"H2020 project {pid}", **props})
    s.tag(("Project", f"cordis-{pid}"), keyword_tags(s.schema, title, f"CORDIS topic {topic} '{title}'"))


def _org_row(s: RowScope, years: dict[str, int], pairs: set[tuple[str, str]]) -> None:
    pid = _project_id(s)
    pic = s.ext_id("pic", "pic", required=True)
    s.key = f"{pid}:{pic}"
    name = _unquote(s.get("name"))
    if len(name) < 2:
        s.reject("name", name, "is required")
    activity = s.get("activity")
    if activity and activity not in ACTIVITY_KINDS:
        s.reject("activity", activity, f"is not a CORDIS activity type ({', '.join(sorted(ACTIVITY_KINDS))})")
    role = s.get("role")
    if role and role.lower() not in ROLES:
        s.reject("role", role, f"is not a CORDIS role ({', '.join(sorted(ROLES))})")
    sme_text = s.get("sme").lower()
    if sme_text not in ("", "true", "false"):
        s.reject("sme", s.get("sme"), "is not True or False")
    lat = lon = None
    geo = s.get("geolocation")
    if geo:
        try:
            lat, lon = (float(x) for x in geo.split(","))
        except ValueError:
            lat = lon = None  # a malformed point is dropped, the participant is not
    if pid is None or pic is None or not s.ok:
        return
    if (pid, pic) in pairs:
        return  # listed twice for the same project: merged
    pairs.add((pid, pic))
    sme = sme_text == "true"
    kind = "sme" if activity == "PRC" and sme else ACTIVITY_KINDS.get(activity, "research_org")
    country = s.get("country")
    acronym = s.get("acronym")
    project = f"cordis-{pid}"
    s.node(
        "Project",
        project,
        {
            "acronym": acronym or None,
            "title": acronym or f"H2020 project {pid}",
            "programme": "H2020",
            "cordis_id": pid,
            "year": years.get(pid),
        },
    )
    aid = s.actor(
        {"pic": pic},
        name,
        kind,
        {
            "acronym": _unquote(s.get("short_name")) or None,
            "sme": sme if sme_text else None,
            "activity_type": activity or None,
            "city": s.get("city") or None,
            "country": country or None,
            "address": s.get("street") or None,
            "website": s.get("website") or None,
            "vat": s.get("vat") or None,
            "lat": lat,
            "lon": lon,
        },
        postcode=s.get("postcode") if country == "FR" else "",
        country=country,
    )
    s.link("PARTICIPATES_IN", ("Actor", aid), ("Project", project), {"role": role or None, "year": years.get(pid)})
