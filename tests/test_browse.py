"""Browse pages for case studies and plant species, their JSON and CSV twins, and search
across names, synonyms and CAS numbers."""

from __future__ import annotations

import csv
import io
import re

import pytest

CASE_FILTERS = "contaminant=trichloroethylene&medium=groundwater"


def test_case_studies_html_json_and_csv_list_the_same_cases(client):
    html = client.get(f"/case-studies?{CASE_FILTERS}").get_data(as_text=True)
    as_json = client.get(f"/case-studies.json?{CASE_FILTERS}").json
    as_csv = list(csv.reader(io.StringIO(client.get(f"/case-studies.csv?{CASE_FILTERS}").get_data(as_text=True))))
    html_cases = re.findall(r'<tr class="case"><td><a href="(/id/case-study/[^"]+)"', html)
    json_cases = ["/" + c["iri"].split("/remediate/", 1)[1] for c in as_json["case_studies"]]
    csv_cases = ["/" + row[as_csv[0].index("case_study_iri")].split("/remediate/", 1)[1] for row in as_csv[1:]]
    assert html_cases == json_cases == csv_cases and 0 < len(html_cases) < as_json["total"]
    assert as_json["filters"] == {"contaminant": "trichloroethylene", "medium": "groundwater"}
    for case in as_json["case_studies"]:
        assert "groundwater" in case["media"]
        assert "https://w3id.org/remediate/id/contaminant/trichloroethylene" in {c["iri"] for c in case["contaminants"]}


@pytest.mark.parametrize("name,value,check", [
    ("technique", "phytoextraction",
     lambda c: "phytoextraction" in {t["iri"].rsplit("/", 1)[1] for t in c["techniques"]}),
    ("country", "dk", lambda c: c["country"] == "DK"),
    ("medium", "sediment", lambda c: "sediment" in c["media"]),
    ("outcome", "met_goals", lambda c: c["outcome_class"] == "met_goals"),
    ("nature_based", "yes", lambda c: c["nature_based"] and any(t["nature_based"] for t in c["techniques"])),
    ("nature_based", "no", lambda c: not c["nature_based"]),
])
def test_each_case_filter_keeps_only_matching_cases(client, name, value, check):
    body = client.get(f"/case-studies.json?{name}={value}").json
    assert 0 < body["count"] < body["total"]
    assert all(check(c) for c in body["case_studies"])


def test_case_rows_link_to_the_case_page_and_its_source(client):
    html = client.get("/case-studies?country=DK").get_data(as_text=True)
    rows = html.split('<tr class="case">')[1:]
    assert rows
    for row in rows:
        assert 'href="/id/case-study/' in row and 'rel="external"' in row


def test_an_unknown_filter_value_lists_nothing_and_does_not_fail(client):
    response = client.get("/case-studies?contaminant=%ff%fe&technique=nothing")
    assert response.status_code == 200 and "No case study matches" in response.get_data(as_text=True)
    assert client.get("/case-studies.json?country=ZZ").json["count"] == 0


def test_plants_filter_by_contaminant_mechanism_and_climate(client):
    body = client.get("/plants.json?contaminant=arsenic&mechanism=phytoextraction").json
    assert body["count"] > 0 and "Pteris vittata" in {p["label"] for p in body["plants"]}
    for plant in body["plants"]:
        assert any(u["contaminant"]["label"] == "Arsenic" and u["mechanism"]["label"] == "Phytoextraction"
                   for u in plant["uses"])
    arid = client.get("/plants.json?climate=arid").json
    assert arid["count"] > 0 and all("arid" in p["climates"] for p in arid["plants"])


def test_plants_html_and_csv_twins(client):
    html = client.get("/plants?contaminant=nickel").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(client.get("/plants.csv?contaminant=nickel").get_data(as_text=True))))
    html_plants = set(re.findall(r'<tr class="plant"><td><a href="/id/plant/([^"]+)"', html))
    csv_plants = {row[rows[0].index("plant_iri")].rsplit("/", 1)[1] for row in rows[1:]}
    assert html_plants == csv_plants and html_plants


@pytest.mark.parametrize("q,iri,field", [
    ("TCE", "contaminant/trichloroethylene", "synonym"),
    ("79-01-6", "contaminant/trichloroethylene", "CAS number"),
    ("trichloroeth", "contaminant/trichloroethylene", "label"),
    ("brake fern", "plant/pteris-vittata", "synonym"),
    ("phytoextraction", "technique/phytoextraction", "label"),
    ("svendborg", "case-study/svendborg-enhanced-reductive-dechlorination", "label"),
])
def test_search_finds_labels_synonyms_and_cas_numbers(client, q, iri, field):
    body = client.get("/search.json", query_string={"q": q}).json
    hit = next(h for h in body["results"] if h["iri"].endswith(iri))
    assert hit["field"] == field
    page = client.get("/search", query_string={"q": q}).get_data(as_text=True)
    assert f'href="/id/{iri}"' in page


@pytest.mark.parametrize("q", ["", "   ", '") } DROP ALL #', "\x00", "x" * 5000, "%ff", "http://example.org/ a"])
def test_search_takes_any_text_as_text(client, q):
    response = client.get("/search.json", query_string={"q": q})
    assert response.status_code == 200 and isinstance(response.json["results"], list)
    assert client.get("/search", query_string={"q": q}).status_code == 200


def test_navigation_links_the_browse_pages(client):
    page = client.get("/").get_data(as_text=True)
    for path in ("/case-studies", "/plants", "/search"):
        assert f'href="{path}"' in page
