"""The site form and results without a browser: every field, errors beside their field
with values kept, GET-addressable results with JSON and CSV twins, browse pages."""

from __future__ import annotations

import csv
import io
import re

QUERY = ("name=Yard&c_name=TCE&c_conc=12&c_name=lead&c_conc=900&c_name=&c_conc=&media=soil&media=groundwater"
         "&soil_texture=sandy+loam&land_use=residential&climate=temperate&contamination_depth_m=3")


def test_form_has_a_labelled_control_for_every_field(client):
    page = client.get("/").data.decode()
    for name in ("name", "country", "description", "c_name-0", "c_cas-0", "c_conc-0", "c_max-0", "soil_texture",
                 "land_use", "climate", "ph", "organic_matter_pct", "contamination_depth_m", "groundwater_depth_m",
                 "area_m2", "volume_m3", "max_duration_years", "budget_usd", "w_effectiveness"):
        assert f'id="{name}"' in page, name
        assert f'for="{name}"' in page, f"{name} has no label"
    for medium in ("soil", "sediment", "sludge", "groundwater"):
        assert f'name="media" value="{medium}"' in page
    assert 'name="in_situ_only"' in page and 'name="prefer_nature_based"' in page


def test_results_html_json_and_csv_come_from_the_same_answer(client):
    html = client.get(f"/results?{QUERY}").data.decode()
    as_json = client.get(f"/results.json?{QUERY}").json
    as_csv = list(csv.reader(io.StringIO(client.get(f"/results.csv?{QUERY}").data.decode())))
    html_ranking = re.findall(r'class="technique-link">([^<]+)<', html)
    json_ranking = [r["technique"]["label"] for r in as_json["recommendations"]]
    csv_ranking = [row[1] for row in as_csv[1:]]
    assert html_ranking == json_ranking == csv_ranking and len(html_ranking) == 10


def test_results_are_the_same_on_reload(client):
    first = client.get(f"/results.json?{QUERY}").json
    second = client.get(f"/results.json?{QUERY}").json
    assert first["recommendations"] == second["recommendations"]


def test_errors_sit_beside_their_field_and_values_stay(client):
    response = client.get("/results?name=Kept&c_name=lead&c_conc=lots&ph=19&media=lava")
    assert response.status_code == 400
    page = response.data.decode()
    assert 'value="Kept"' in page and 'value="lead"' in page and 'value="lots"' in page
    for name in ("c_conc-0", "ph", "media"):
        assert f'id="{name}-error"' in page, name
    assert 'aria-invalid="true"' in page and 'id="error-summary"' in page


def test_no_javascript_add_row_keeps_rows(client):
    page = client.get("/?add_row=1&c_name=a&c_name=b&c_name=c&c_name=d").data.decode()
    assert page.count('name="c_name" value=') == 5  # four kept, one new, and the template row has no value


def test_json_twin_of_an_invalid_site(client):
    response = client.get("/results.json?media=soil")
    assert response.status_code == 400 and "c_name-" not in response.json["error"]["fields"]
    fields = response.json["error"]["fields"]
    assert any(f["field"] == "contaminants" and f["message"] for f in fields)
    api = client.post("/api/v1/recommend", json={"media": ["soil"]}).json["error"]["fields"]
    assert {"field", "message"} <= set(api[0]) and {"field", "message"} <= set(fields[0])  # one shape


def test_results_link_to_entity_pages_and_sources(client):
    page = client.get(f"/results?{QUERY}").data.decode()
    assert 'href="/id/technique/' in page and 'href="/id/case-study/' in page and 'href="/id/guideline-value/' in page
    assert 'rel="external"' in page


def test_browse_techniques_filters(client):
    page = client.get("/techniques?nature_based=yes&medium=soil").data.decode()
    rows = re.findall(r'<tr><td><a href="/id/technique/', page)
    assert rows and page.count("nature-based</span>") == len(rows)
    assert "Soil vapour extraction" not in page


def test_browse_contaminants(client):
    page = client.get("/contaminants").data.decode()
    assert "Trichloroethylene" in page and "79-01-6" in page


def test_no_external_assets(client):
    for path in ("/", f"/results?{QUERY}", "/techniques", "/sparql/ui"):
        page = client.get(path).data.decode()
        assets = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', page)
        assert all(a.startswith("/") or a.startswith("?") for a in assets), (path, assets)


def test_results_page_shows_trains_with_stages_roles_and_why(client):
    page = client.get("/results", query_string={
        "c_name": ["benzene", "PAHs", "cyanide"], "media": ["soil", "groundwater"], "land_use": "industrial"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Treatment trains" in html and "stage 2" in html and "Compatible:" in html


def test_an_error_sits_beside_its_own_row_when_rows_above_are_blank(client):
    html = client.get("/results", query_string={
        "c_name": ["", "", "lead"], "c_cas": ["", "", ""], "c_conc": ["", "", "-5"], "media": ["soil"]}).get_data(
        as_text=True)
    assert '<a href="#c_conc-2">must be at least 0</a>' in html  # the third row, where the value was typed


def test_groundwater_concentrations_from_the_form_are_checked_against_groundwater_values(client):
    answer = client.get("/results.json", query_string={"c_name": ["benzene"], "c_gw": ["300"],
                                                          "media": ["groundwater"], "country": "NL"}).json
    assert answer["site"]["contaminants"][0]["groundwater_ug_l"] == 300
    assert any(e["medium"] == "groundwater" and e["unit"] == "ug/L" for e in answer["exceedances"])
