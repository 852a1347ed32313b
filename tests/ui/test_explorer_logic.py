"""The explorer's page logic without a browser: filters, communities, aggregation, escaping, exports, map."""

from __future__ import annotations

import doctest
import io
import json
import re

import networkx as nx
import openpyxl
import pandas as pd
import pytest

import ui.actor_page
import ui.exports
import ui.filters
import ui.geo
import ui.layout
import ui.map_page
import ui.network_clicks
import ui.network_page
import ui.overview_page
import ui.reports
import ui.vis_html
from ontology import Schema
from tests.ui.explorer_seed import XSS_ID, XSS_NAME
from ui.exports import actors_frame, links_frame, to_csv, to_gexf, to_xlsx
from ui.filters import Filters, from_params, select_actors, to_params
from ui.geo import locate
from ui.layout import AGGREGATE_ABOVE, build_graph, detect_communities, name_communities
from ui.map_page import departement_measures, place_points
from ui.network_page import analyse, view_for
from ui.reports import ErrorReport, append_report, read_reports
from ui.vis_html import network_html

MODULES = [
    ui.filters,
    ui.layout,
    ui.vis_html,
    ui.exports,
    ui.geo,
    ui.reports,
    ui.map_page,
    ui.overview_page,
    ui.actor_page,
    ui.network_page,
    ui.network_clicks,
]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_docstring_examples(module) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_url_round_trip_keeps_every_facet() -> None:
    f = Filters(
        domains=("dom-neuro",),
        axes=("axis-imaging",),
        kinds=("academic_lab", "sme"),
        departements=("91",),
        sectors=("fil-biotech",),
        sources=("rnsr",),
        clusters=("medicen",),
        year_from=2015,
        year_to=2020,
        link_types=("COLLABORATES_WITH",),
        focus="institut-curie",
        depth=2,
        expanded=("c3",),
    )
    params = to_params(f)
    assert from_params(params) == f
    assert params["kind"] == "academic_lab,sme"


def test_domain_filter_rolls_up_to_narrower_domains(explorer_rows, schema: Schema) -> None:
    actors, links = explorer_rows
    biotherapies = {a["id"] for a in select_actors(actors, links, Filters(domains=("dom-biotherapies",)), schema)}
    narrow = {a["id"] for a in actors if "dom-bioproduction" in a["domains"] and "dom-biotherapies" not in a["domains"]}
    assert narrow and narrow <= biotherapies


def test_focus_keeps_linked_actors_of_the_chosen_kind(explorer_rows, schema: Schema) -> None:
    """Which SMEs are linked to Medicen? The focus and its SME neighbours, nothing else."""
    actors, links = explorer_rows
    chosen = select_actors(actors, links, Filters(kinds=("sme",), focus="medicen"), schema)
    ids = {a["id"] for a in chosen}
    assert {"medicen", XSS_ID, "geo-probe"} <= ids
    assert all(a["kind"] == "sme" for a in chosen if a["id"] != "medicen")


def test_departement_filter_uses_postcode_when_needed(explorer_rows, schema: Schema) -> None:
    actors, links = explorer_rows
    essonne = select_actors(actors, links, Filters(departements=("91",)), schema)
    assert [a["id"] for a in essonne] == ["geo-probe"]


def _two_cliques(n: int) -> tuple[list[dict], list[dict]]:
    actors = [
        {"id": f"a{i:05d}", "name": f"A{i}", "kind": "sme", "domains": ["dom-cancer"] if i < n // 2 else ["dom-neuro"]}
        for i in range(n)
    ]
    links = []
    for i in range(n):
        half = 0 if i < n // 2 else n // 2
        links.append(
            {
                "source": f"a{i:05d}",
                "target": f"a{half + (i - half + 1) % (n // 2):05d}",
                "type": "COLLABORATES_WITH",
                "weight": 1,
            }
        )
        links.append(
            {
                "source": f"a{i:05d}",
                "target": f"a{half + (i - half + 7) % (n // 2):05d}",
                "type": "COLLABORATES_WITH",
                "weight": 1,
            }
        )
    links.append({"source": "a00000", "target": f"a{n // 2:05d}", "type": "PARTNER_OF", "weight": 1})
    return actors, links


def test_communities_are_named_from_their_dominant_domain(schema: Schema) -> None:
    actors, links = _two_cliques(200)
    g = build_graph(actors, links)
    communities = name_communities(detect_communities(g), {a["id"]: a for a in actors}, schema, "en")
    names = " ".join(c.name for c in communities)
    assert "Cancer" in names and "Neuro" in names
    assert detect_communities(g) == detect_communities(g), "seeded: same communities every run"


def test_large_selection_is_drawn_as_super_nodes_until_expanded(schema: Schema) -> None:
    actors, links = _two_cliques(AGGREGATE_ABOVE + 100)
    analysis = analyse(actors, links, Filters(), schema, "fr")
    view = view_for(analysis, actors, schema, "fr")
    assert view.aggregated
    assert len(view.nodes) == len(analysis.communities) < 100
    assert all(n.get("super") for n in view.nodes)
    first = analysis.communities[0]
    opened = view_for(analysis, actors, schema, "fr", expanded=(first.key,))
    individual = [n for n in opened.nodes if not n.get("super")]
    assert len(individual) == len(first.members)
    ends = {e["from"] for e in opened.edges} | {e["to"] for e in opened.edges}
    assert ends <= {n["id"] for n in opened.nodes}, "every edge ends on a drawn node"


def test_small_selection_is_drawn_actor_by_actor_with_positions(schema: Schema) -> None:
    actors, links = _two_cliques(100)
    analysis = analyse(actors, links, Filters(), schema, "fr")
    view = view_for(analysis, actors, schema, "fr")
    assert not view.aggregated and len(view.nodes) == 100
    positions = {(round(n["x"], 3), round(n["y"], 3)) for n in view.nodes}
    assert len(positions) == 100, "no two actors drawn on the same spot"


def test_markup_in_a_name_never_reaches_the_page_as_markup(explorer_rows, schema: Schema) -> None:
    actors, links = explorer_rows
    analysis = analyse(actors, links, Filters(), schema, "fr")
    page = network_html(view_for(analysis, actors, schema, "fr"))
    assert XSS_NAME not in page
    assert "<img" not in page.split("<script>", 1)[0]
    data = re.search(r"var nodes = (\[.*?\]);\n", page, re.S)
    assert data is not None
    node = next(n for n in json.loads(data.group(1)) if n["id"] == XSS_ID)
    assert node["label"] == XSS_NAME, "the canvas label shows the name as typed"
    assert "&lt;img src=x onerror=alert(1)&gt;" in node["title"], "the tooltip HTML carries it escaped"


def test_exports_are_readable_by_their_tools(explorer_rows, schema: Schema) -> None:
    actors, links = explorer_rows
    analysis = analyse(actors, links, Filters(), schema, "fr")
    frame = actors_frame(actors, analysis.community_of)
    csv = pd.read_csv(io.BytesIO(to_csv(frame)), encoding="utf-8-sig")
    assert len(csv) == len(actors) and XSS_NAME in set(csv["name"])
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx({"acteurs": frame, "liens": links_frame(analysis.graph)})))
    assert book.sheetnames == ["acteurs", "liens"]
    assert book["liens"].max_row == analysis.graph.number_of_edges() + 1
    g = nx.read_gexf(io.BytesIO(to_gexf(analysis.graph, actors, analysis.community_of)))
    assert g.number_of_nodes() == len(actors)
    assert g.nodes[XSS_ID]["label"] == XSS_NAME


def test_map_places_by_source_then_commune_then_departement(explorer_rows, schema: Schema) -> None:
    actors, _ = explorer_rows
    by_id = {a["id"]: a for a in actors}
    assert locate(by_id["geo-probe"]).precision == "source"
    paris = locate(by_id[XSS_ID], {"paris": (48.85, 2.35)})
    assert paris is not None and paris.precision == "commune"
    assert locate({"departement": "93"}, {}).precision == "departement"
    points, precision = place_points(actors, schema, "fr", {"paris": (48.85, 2.35)})
    assert int(points["actors"].sum()) == sum(v for k, v in precision.items() if k != "none")
    assert departement_measures(actors, schema)["91"] == 1


def test_error_reports_append_one_json_line_each(tmp_path) -> None:
    path = tmp_path / "reports.jsonl"
    append_report(ErrorReport("medicen", "kind", "c'est un pôle"), path)
    append_report(ErrorReport("ap-hp", "", "doublon"), path)
    assert [r.actor_id for r in read_reports(path)] == ["medicen", "ap-hp"]
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2
    with pytest.raises(ValueError, match="needs a message"):
        append_report(ErrorReport("medicen", "", "   "), path)


def test_map_shades_departement_outlines_by_the_measure(explorer_rows, schema: Schema) -> None:
    from ui.geo import DEPARTEMENT_CENTRES
    from ui.map_page import _chart

    actors, _ = explorer_rows
    values = departement_measures(actors, schema)
    deps = pd.DataFrame(
        [
            {"dep": d, "label": d, "short": d, "lat": c[0], "lon": c[1], "value": values[d]}
            for d, c in DEPARTEMENT_CENTRES.items()
        ]
    )
    points, _ = place_points(actors, schema, "fr", {})
    spec = _chart(points, deps, "Acteurs").to_dict()
    shade = spec["layer"][0]
    assert shade["mark"]["type"] == "geoshape"
    assert {f["properties"]["code"] for f in shade["data"]["values"]} == set(DEPARTEMENT_CENTRES)
    assert shade["transform"][0]["lookup"] == "properties.code"
    assert shade["encoding"]["color"]["field"] == "value"
