"""The results page's layout: the summary table of the top ten first, then trains, then
folded detail cards; exclusions grouped by kind under plain headings; the legend of rating
words; plain labels; costs and times printed as people write them."""

from __future__ import annotations

import re

import pytest

from webapp import results_view

QUERY = ("name=Yard&c_name=TCE&c_conc=12&c_name=lead&c_conc=900&media=soil&media=groundwater"
         "&soil_texture=sandy+loam&land_use=residential&climate=temperate&contamination_depth_m=3")
LIMITED = ("c_name=arsenic&c_conc=300&media=soil&ph=4&contamination_depth_m=12&in_situ_only=on"
           "&prefer_nature_based=on&land_use=agricultural&climate=arid")


def visible_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.split('<main id="main">', 1)[1]).split())


def test_summary_table_comes_first_and_matches_the_ranking(client):
    html = client.get(f"/results?{QUERY}").get_data(as_text=True)
    answer = client.get(f"/results.json?{QUERY}").json
    table = html.split('<table class="top-summary">', 1)[1].split("</table>", 1)[0]
    rows = table.split("<tbody>", 1)[1].split("</tr>")[:-1]
    assert len(rows) == len(answer["recommendations"]) == 10
    for row, rec in zip(rows, answer["recommendations"], strict=True):
        assert f">{rec['rank']}</td>" in row and f">{rec['technique']['label']}</a>" in row
        assert f'<meter min="0" max="100" value="{rec["score"]}"' in row
        assert f"{len(rec['covers'])} of 2" in row
        assert ('class="badge"' in row) == rec["technique"]["nature_based"]
        assert re.search(r'<td class="reason">[^<]{10,}</td>', row)
    # order on the page: summary, trains, folded cards, then site and exclusions
    positions = [html.index(marker) for marker in ('id="top-h"', 'id="train-h"', 'id="rank-h"', 'id="site-h"',
                                                   'id="excl-h"')]
    assert positions == sorted(positions)
    cards = re.findall(r'<li class="recommendation" id="rank-\d+"><details class="card">', html)
    assert len(cards) == 10 and "<details class=\"card\" open" not in html


def test_exclusions_are_grouped_by_kind_under_plain_headings(client):
    answer = client.get(f"/results.json?{LIMITED}").json
    html = client.get(f"/results?{LIMITED}").get_data(as_text=True)
    kinds = {e["kind"] for e in answer["excluded"]}
    assert {"site_limit", "land_use", "constraint", "wrong_medium"} <= kinds
    groups = re.findall(r'<li class="exclusion-group" data-kind="([a-z_]+)"><h3>([^<]+) \((\d+)\)</h3>', html)
    assert {kind for kind, _, _ in groups} == kinds
    headings = results_view.EXCLUSION_ORDER
    assert [kind for kind, _, _ in groups] == sorted((k for k, _, _ in groups), key=headings.index)
    for kind, heading, count in groups:
        assert int(count) == sum(1 for e in answer["excluded"] if e["kind"] == kind)
        assert "_" not in heading
    assert "Outside a limit you set" in html and "Treats another medium" in html


def test_every_excluded_technique_is_listed_once_in_its_group(client):
    answer = client.get(f"/results.json?{QUERY}").json
    html = client.get(f"/results?{QUERY}").get_data(as_text=True)
    part = html.split('<ul class="exclusion-groups">', 1)[1].split("</details>", 1)[0]
    listed = re.findall(r'<dt><a href="([^"]+)">', part)
    assert sorted(listed) == sorted("/" + e["technique"]["iri"].split("/remediate/", 1)[1] for e in answer["excluded"])


def test_legend_explains_each_rating_word(client):
    html = client.get(f"/results?{QUERY}").get_data(as_text=True)
    legend = html.split('<dl class="legend">', 1)[1].split("</dl>", 1)[0]
    terms = re.findall(r"<dt>([^<]+)</dt>", legend)
    assert terms[:4] == ["better", "average", "below average", "listed"] and "exposure control" in terms


def test_plain_labels_and_no_raw_values(client):
    for query in (QUERY, LIMITED, "c_name=diesel&c_name=unobtainium&media=sediment&media=sludge"):
        text = visible_text(client.get(f"/results?{query}").get_data(as_text=True))
        assert "None" not in text and "contamination_depth_m" not in text and "contamination depth m" not in text
        assert not re.search(r"\b([A-Z]{3}) ([\d,.]+)–\2\b", text), "a cost range whose ends are equal"
    text = visible_text(client.get(f"/results?{LIMITED}").get_data(as_text=True))
    assert "Depth of contamination (m)" in text


def test_each_card_links_to_the_cases_of_its_technique(client):
    html = client.get(f"/results?{QUERY}").get_data(as_text=True)
    links = re.findall(r'<a href="(/case-studies\?technique=[^"]+)" class="all-cases">', html)
    assert len(links) == 10
    assert client.get(links[0]).status_code == 200
    evidence = html.split('<ul class="evidence">')[1].split("</ul>")[0]
    assert all(href.startswith("/id/case-study/") for href in re.findall(r'<li><a href="([^"]+)"', evidence))


@pytest.mark.parametrize("cost,text", [
    ({"currency": "USD", "min": 230000.0, "max": 230000.0, "per": "site", "year": 2004}, "USD 230,000 per site (2004)"),
    ({"currency": "GBP", "min": 10.0, "max": 90.0, "per": "tonne", "year": None}, "GBP 10–90 per tonne"),
    ({"currency": "EUR", "min": 32.7, "max": None, "per": None, "year": None}, "EUR 32.7"),
    (None, ""),
])
def test_cost_text(app, cost, text):
    with app.test_request_context():
        assert results_view.cost_text(cost) == text


@pytest.mark.parametrize("years,text", [([3.0, 3.0], "3 years"), ([0.5, 3.0], "0.5–3 years"), (None, "")])
def test_time_text(app, years, text):
    with app.test_request_context():
        assert results_view.time_text(years) == text


def test_plain_replaces_raw_field_names(app):
    with app.test_request_context():
        assert results_view.plain("(site contamination depth m: 12.0)") == "(site Depth of contamination (m): 12.0)"
        assert results_view.plain("groundwater_depth_m is 1") == "Depth to groundwater (m) is 1"
        assert results_view.plain("not suited to the land use") == "not suited to the land use"


def test_a_site_in_a_country_without_values_is_told_so_before_the_others(client):
    html = client.get("/results", query_string={"c_name": ["lead"], "c_conc": ["900"], "media": ["soil"],
                                                  "land_use": "residential", "country": "GB"}).get_data(as_text=True)
    notice = html.find('id="country-notice"')
    assert notice > 0 and "GB" in html[notice:notice + 300]
    assert notice < html.find('class="exceedances"')
    dutch = client.get("/results", query_string={"c_name": ["lead"], "c_conc": ["900"], "media": ["soil"],
                                                   "country": "NL"}).get_data(as_text=True)
    assert 'id="country-notice"' not in dutch
