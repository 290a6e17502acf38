"""The pictures, read as markup: the screening matrix and its JSON twin (filters, best
rating per cell, basis on hover), the guideline chart on a contaminant's page (log axis, one
mark per value, soil and groundwater apart), and the world map of cases (one shape per
country of the atlas, coloured ones linking to their cases)."""

from __future__ import annotations

import math
import re

import pytest

from webapp import charts, maps, matrix

BENZENE = "/id/contaminant/benzene"


def test_matrix_page_and_json_twin_agree(client):
    html = client.get("/matrix").get_data(as_text=True)
    data = client.get("/matrix.json").json
    assert [c["id"] for c in data["columns"]][:8] == list(matrix.FRTR_ORDER)
    assert {"pahs", "pcbs", "pfas", "metals-and-metalloids", "pesticides"} <= {c["id"] for c in data["columns"]}
    cells = sum(len(r["cells"]) for r in data["rows"])
    assert html.count('<rect class="cell"') == cells > 100
    assert re.search(r'<rect class="cell" data-rating="better"[^>]*fill="#0b5c3b"><title>[^<]+Basis: [a-z]', html)
    assert 'style="' not in html.split('<svg id="matrix"', 1)[1].split("</svg>", 1)[0]


@pytest.mark.parametrize(("query", "check"), [
    ("medium=groundwater", lambda row, cell: cell["medium"] in (None, "groundwater")),
    ("role=component", lambda row, cell: row["role"] == "component"),
])
def test_matrix_filters(client, query, check):
    whole = client.get("/matrix.json").json
    data = client.get(f"/matrix.json?{query}").json
    assert 0 < data["count"] < whole["count"] and data["filters"] == dict([query.split("=")])
    assert all(check(row, cell) for row in data["rows"] for cell in row["cells"].values())
    html = client.get(f"/matrix?{query}").get_data(as_text=True)
    assert html.count('<rect class="cell"') == sum(len(r["cells"]) for r in data["rows"])
    assert f'value="{query.split("=")[1]}" selected' in html


def test_matrix_ignores_unknown_filter_values(client):
    assert client.get("/matrix.json?medium=lava&role=%27").json["filters"] == {}


def test_matrix_cell_holds_the_best_rating(app):
    with app.test_request_context("/matrix"):
        view = matrix.matrix_view({"medium": "", "role": ""})
        statements = matrix.select(matrix.get_store(), "matrix-applicability")
    scores = {"better": 1.0, "average": 0.6, "below_average": 0.25, "listed": 0.5, "not_applicable": 0.0}
    for row in view["rows"]:
        for group, cell in row["cells"].items():
            rivals = [s for s in statements if s["technique"] == row["iri"] and s["group"].endswith("/" + group)]
            assert scores[cell["rating"]] == max(s["score"] for s in rivals)


def test_log_axis_spans_whole_decades():
    assert charts.log_axis([0.5, 40]) == (-1, 2)
    assert charts.log_axis([10, 10]) == (0, 2)  # one value still gets an axis


def test_contaminant_page_charts_each_guideline_value(client, app):
    html = client.get(BENZENE).get_data(as_text=True)
    with app.test_request_context(BENZENE):
        rows = charts.select(charts.get_store(), "guideline-chart",
                             contaminant="https://w3id.org/remediate/id/contaminant/benzene")
    svgs = re.findall(r'<svg class="chart guideline-chart" data-unit="([^"]+)".*?</svg>', html, re.S)
    assert svgs == ["mg/kg", "µg/L"]
    assert html.count('<circle class="mark"') == len(rows) > 10
    soil = html.split('data-unit="mg/kg"', 1)[1].split("</svg>", 1)[0]
    assert soil.count('<circle class="mark"') == sum(1 for r in rows if r["medium"] == "soil")
    assert "Belgium (Flanders)" in soil and "residential · risk screening" in soil


def test_marks_sit_on_a_log_scale():
    rows = [{"jurisdiction": "j", "jurisdictionLabel": "J", "landUse": "any", "instrumentClass": None,
             "valueType": "target", "value": v, "guideline": f"g{v}"} for v in (0.1, 1, 10, 100)]
    chart = charts.panel(rows, "mg/kg", "soil")
    xs = [m["x"] for m in chart["marks"]]
    steps = [b - a for a, b in zip(xs, xs[1:], strict=False)]
    assert max(steps) - min(steps) < 0.2  # equal steps for equal ratios (positions rounded to 0.1)
    assert [t["text"] for t in chart["ticks"]] == ["0.1", "1", "10", "100"]


def test_other_entities_have_no_chart(client):
    assert "guideline-chart" not in client.get("/id/technique/bioventing").get_data(as_text=True)


def test_world_map_shapes_and_links(client):
    html = client.get("/case-studies/map").get_data(as_text=True)
    data = client.get("/case-studies/map.json").json
    assert html.count('<path class="country"') == 177  # the countries of world-atlas 110m
    coloured = re.findall(r'<a href="/case-studies\?country=([A-Z]{2})"><path class="country" data-country="\1" '
                          r'data-cases="(\d+)"', html)
    counts = {c["country"]: c["cases"] for c in data["countries"]}
    assert coloured and all(counts[code] == int(n) for code, n in coloured)
    assert {"US", "CN", "NL"} <= {code for code, _ in coloured}
    assert data["total"] == sum(counts.values())


def test_topojson_decoding():
    topology = {"transform": {"scale": [1, 1], "translate": [0, 0]},
                "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, -2]]]}
    arcs = maps.decode_arcs(topology)
    assert arcs[0] == [(0, 0), (2, 0), (2, 2)]
    assert maps.ring([0, 1], arcs) == [(0, 0), (2, 0), (2, 2), (0, 0)]
    assert maps.ring([~1], arcs) == [(0, 0), (2, 2)]
    assert maps.unwrap([(179.0, 0.0), (-179.0, 1.0)]) == [(179.0, 0.0), (181.0, 1.0)]
    x, y = maps.natural_earth(0, 0)
    assert (x, y) == (0, 0) and math.isclose(maps.natural_earth(180, 0)[0], math.pi * 0.8707)
