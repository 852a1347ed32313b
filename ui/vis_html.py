"""A self-contained vis.js page for a laid-out network: physics off, names always shown as text.

A click on a community super-node posts `{carto: "expand", key}` to the embedding page
(`ui/network_clicks.py` turns it into an expanded community); a click on an actor posts
`{carto: "focus", key}` (the view centres on its neighbours) after a short delay, so that a
double click, which opens the actor's page in a new tab, leaves the view as it was.

Names come from open data and may hold markup (`<img src=x onerror=…>`). Three guards:
the data is embedded as JSON with `<`, `>` and `&` written as unicode escapes (a name cannot
close the `<script>`); tooltips are built here from `html.escape`d parts and turned into DOM
elements in the page (vis-network shows a string title with `innerText`, an element as is);
labels are drawn on the canvas, which never interprets markup.
"""

from __future__ import annotations

import html
import importlib.util
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from ontology import Schema
from ui.layout import NetworkView

__all__ = ["KIND_COLORS", "actor_node_attrs", "network_html", "script_json"]

KIND_COLORS: dict[str, str] = {
    "cluster": "#d62728",
    "hospital": "#1f77b4",
    "research_org": "#2ca02c",
    "academic_lab": "#98df8a",
    "university": "#17becf",
    "sme": "#ff7f0e",
    "midcap": "#ffbb78",
    "large_company": "#9467bd",
    "funder": "#8c564b",
    "foundation": "#c49c94",
    "public_body": "#7f7f7f",
    "association": "#bcbd22",
    "patient_association": "#e377c2",
    "service_provider": "#dbdb8d",
    "technology_park": "#aec7e8",
}
_SUPER_COLOR = "#4c6ef5"
_LABEL_MAX = 40


def script_json(value: Any) -> str:
    """JSON safe inside an inline `<script>`: no `<`, `>` or `&` can end the element.

    Examples
    --------
    >>> script_json({"name": "</script><img src=x>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def actor_node_attrs(actor: Mapping[str, Any], schema: Schema, lang: str = "fr") -> dict[str, Any]:
    """Label (plain text, drawn on the canvas), tooltip (escaped HTML) and colour of one actor."""
    name = str(actor.get("name") or actor["id"])
    kind = str(actor.get("kind") or "")
    kind_name = schema.kinds[kind].name(lang) if kind in schema.kinds else kind
    lines = [f"<b>{html.escape(name)}</b>", html.escape(kind_name)]
    place = ", ".join(str(x) for x in (actor.get("city"), actor.get("departement")) if x)
    if place:
        lines.append(html.escape(place))
    concepts = [schema.concepts[c].name(lang) for c in (actor.get("domains") or ()) if c in schema.concepts]
    if concepts:
        lines.append(html.escape(", ".join(concepts[:4])))
    return {
        "label": name if len(name) <= _LABEL_MAX else name[: _LABEL_MAX - 1] + "…",
        "title": "<br>".join(lines),
        "color": KIND_COLORS.get(kind, "#7f7f7f"),
        "kind": kind,
    }


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet as shipped inside the pyvis wheel (no CDN, works offline)."""
    spec = importlib.util.find_spec("pyvis")  # located, not imported: pyvis pulls in IPython and jinja
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("the network view needs vis-network as shipped in the pyvis wheel: pip install pyvis")
    lib = Path(spec.origin).resolve().parent / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(
        encoding="utf-8"
    )


def _vis_nodes(view: NetworkView) -> list[dict[str, Any]]:
    out = []
    for n in view.nodes:
        if n.get("super"):
            out.append(
                {
                    "id": n["id"],
                    "label": n["label"],
                    "title": html.escape(n["label"]),
                    "x": round(n["x"], 1),
                    "y": round(n["y"], 1),
                    "size": round(n["size"], 1),
                    "shape": "dot",
                    "color": _SUPER_COLOR,
                    "font": {"size": 22},
                    "super": True,
                }
            )
        else:
            out.append(
                {
                    "id": n["id"],
                    "label": n.get("label", n["id"]),
                    "title": n.get("title") or html.escape(str(n.get("label", n["id"]))),
                    "x": round(n["x"], 1),
                    "y": round(n["y"], 1),
                    "color": n.get("color", "#7f7f7f"),
                    "shape": "dot",
                    "size": 8,
                }
            )
    return out


def _vis_edges(view: NetworkView) -> list[dict[str, Any]]:
    return [
        {
            "from": e["from"],
            "to": e["to"],
            "title": html.escape(", ".join(e["types"]) + f" ({e['weight']:g})"),
            "width": min(1 + e["weight"] ** 0.5, 8),
        }
        for e in view.edges
    ]


_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<style>{css}
html, body {{ margin: 0; padding: 0; font-family: sans-serif; }}
#network {{ width: 100%; height: {height}px; border: 1px solid #ddd; }}
</style></head>
<body><div id="network" data-nodes="{n_nodes}" data-edges="{n_edges}"></div>
<script>{js}</script>
<script>
(function () {{
  var nodes = {nodes};
  var edges = {edges};
  nodes.forEach(function (n) {{
    var el = document.createElement("div");
    el.innerHTML = n.title;  /* built server-side from html.escape()d parts */
    n.title = el;
  }});
  edges.forEach(function (e) {{
    var el = document.createElement("div");
    el.innerHTML = e.title;
    e.title = el;
  }});
  var options = {{
    physics: false,
    layout: {{ improvedLayout: false }},
    interaction: {{ hover: true, tooltipDelay: 120, hideEdgesOnDrag: true, hideEdgesOnZoom: {many} }},
    nodes: {{ font: {{ size: 14, multi: false }} }},
    edges: {{ smooth: false, color: {{ color: "#b0b0b0", opacity: 0.6 }} }}
  }};
  var network = new vis.Network(document.getElementById("network"),
    {{ nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) }}, options);
  network.once("afterDrawing", function () {{ window.networkDrawn = Date.now(); document.body.dataset.drawn = "1"; }});
  /* Clicks go to the app (ui/network_clicks.py): a super-node expands at once; an actor becomes
     the focus after FOCUS_DELAY_MS unless a double click (open its page in a new tab) claims it.
     vis.js reports each tap of a double click as a click too, in an order that depends on the
     gesture recogniser (seen in Chromium: click, click with tapCount 2, doubleClick), so a click
     cancels the pending one and is dropped when it is a second tap or comes just after a double
     click: a double click never changes the view behind the new tab. */
  var FOCUS_DELAY_MS = 350, pendingFocus = null, lastDouble = 0;
  function post(message) {{
    try {{ window.parent.postMessage(message, window.parent.location.origin); }}
    catch (err) {{ /* not embedded in the app (the HTML export): nothing to tell */ }}
  }}
  network.on("click", function (params) {{
    if (params.nodes.length !== 1) return;
    var node = network.body.data.nodes.get(params.nodes[0]);
    if (!node) return;
    if (node.super) {{ post({{ carto: "expand", key: String(node.id) }}); return; }}
    var tapCount = params.event && typeof params.event.tapCount === "number" ? params.event.tapCount : null;
    var second = tapCount === null ? pendingFocus !== null : tapCount > 1;
    if (pendingFocus !== null) {{ clearTimeout(pendingFocus); pendingFocus = null; }}
    if (second || Date.now() - lastDouble < FOCUS_DELAY_MS) return;
    pendingFocus = setTimeout(function () {{
      pendingFocus = null;
      post({{ carto: "focus", key: String(node.id) }});
    }}, FOCUS_DELAY_MS);
  }});
  network.on("doubleClick", function (params) {{
    lastDouble = Date.now();
    if (pendingFocus !== null) {{ clearTimeout(pendingFocus); pendingFocus = null; }}
    if (params.nodes.length !== 1) return;
    var node = network.body.data.nodes.get(params.nodes[0]);
    if (!node || node.super) return;
    try {{
      var base = window.parent.location.origin + window.parent.location.pathname.replace(/\\/[^\\/]*$/, "");
      window.open(base + "/{actor_path}?id=" + encodeURIComponent(params.nodes[0]), "_blank");
    }} catch (err) {{ /* not embedded in the app: nothing to open */ }}
  }});
  window.network = network;
}})();
</script></body></html>
"""


def network_html(
    view: NetworkView, height: int = 640, lang: str = "fr", title: str = "Réseau", actor_path: str = "actor"
) -> str:
    """A complete HTML page drawing `view`; also the "HTML" export of the network view."""
    js, css = _vis_assets()
    return _PAGE.format(
        lang=html.escape(lang),
        title=html.escape(title),
        css=css,
        js=js,
        height=int(height),
        n_nodes=len(view.nodes),
        n_edges=len(view.edges),
        nodes=script_json(_vis_nodes(view)),
        edges=script_json(_vis_edges(view)),
        many="true" if len(view.edges) > 3000 else "false",
        actor_path=actor_path,
    )
