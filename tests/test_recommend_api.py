"""The three doors to the recommender on the shipped knowledge graph: HTTP API, CLI
(files and JSON lines), and the behaviour a practitioner would check first. Random and
malformed sites never produce a 500 or a traceback (hypothesis)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remediate.store import select

from .conftest import run_cli

TCE_SITE = {"name": "Dry cleaner", "contaminants": [{"name": "TCE", "concentration_mg_kg": 12}],
            "media": ["soil", "groundwater"], "soil_texture": "sandy loam", "land_use": "residential"}


def post(client, body, top=None):
    url = "/api/v1/recommend" + (f"?top={top}" if top is not None else "")
    return client.post(url, data=body if isinstance(body, str) else json.dumps(body), content_type="application/json")


def test_api_returns_the_contract(client):
    response = post(client, TCE_SITE, top=5)
    assert response.status_code == 200
    body = response.json
    assert len(body["recommendations"]) == 5
    assert body["contaminants"][0]["label"] == "Trichloroethylene"
    assert body["contaminants"][0]["matched_by"] == "synonym"
    assert body["kg_version"].startswith("0.")


@pytest.mark.parametrize("body,top,field", [
    ("{not json", None, "(body)"),
    ({"media": ["soil"]}, None, "contaminants"),
    (TCE_SITE, "0", "top"),
    (TCE_SITE, "many", "top"),
    ({**TCE_SITE, "ph": -3}, None, "ph"),
])
def test_api_rejects_bad_input_with_400_naming_the_field(client, body, top, field):
    response = post(client, body, top)
    assert response.status_code == 400
    assert any(f["field"] == field for f in response.json["error"]["fields"])


def test_chlorinated_solvent_site_gets_solvent_techniques(client):
    top = [r["technique"]["label"] for r in post(client, TCE_SITE, top=5).json["recommendations"]]
    solvent_techniques = {"Enhanced in situ reductive dechlorination", "In situ chemical oxidation",
                          "Soil vapour extraction", "Electrical resistance heating", "Thermal conduction heating",
                          "In situ chemical reduction", "Air sparging", "Steam enhanced extraction"}
    assert solvent_techniques & set(top[:3]), top


def test_nature_based_preference_lifts_plant_options_for_lead(client):
    lead = {"contaminants": [{"name": "lead"}], "media": ["soil"], "contamination_depth_m": 0.3,
            "constraints": {"prefer_nature_based": True}}
    recs = post(client, lead, top=5).json["recommendations"]
    assert recs[0]["technique"]["nature_based"], [r["technique"]["label"] for r in recs]


def test_every_exclusion_has_a_reason(client):
    body = post(client, TCE_SITE, top=5).json
    assert body["excluded"] and all(e["reasons"] and all(e["reasons"]) for e in body["excluded"])


def test_exceedance_lists_jurisdiction_value_ratio_and_source(client):
    site = {"contaminants": [{"name": "lead", "concentration_mg_kg": 900}], "media": ["soil"],
            "land_use": "residential", "country": "NL"}
    exceedances = post(client, site).json["exceedances"]
    assert exceedances and all(e["jurisdiction_label"] == "Netherlands" for e in exceedances)
    assert {"value_mg_kg", "ratio", "source", "instrument"} <= set(exceedances[0])


def test_applicability_query_binds_the_contaminant(app):
    """Regression: a UNION/BIND query once returned every technique's ratings for any contaminant."""
    rows = select(app.extensions["remediate.store"], "rec-applicability-for",
                  contaminant="https://w3id.org/remediate/id/contaminant/trichloroethylene")
    targets = {r["target"].rsplit("/", 1)[-1] for r in rows}
    assert targets and not targets & {"pfos", "pfas", "metals-and-metalloids", "inorganics"}


def test_cli_json_and_text(tmp_path):
    path = tmp_path / "site.json"
    path.write_text(json.dumps(TCE_SITE))
    as_json = run_cli("recommend", str(path), "--top", "3", "--format", "json")
    assert as_json.returncode == 0
    assert len(json.loads(as_json.stdout)["recommendations"]) == 3
    as_text = run_cli("recommend", str(path), "--top", "2")
    assert "Trichloroethylene" in as_text.stdout and "  1. " in as_text.stdout


def test_cli_reads_json_lines_from_stdin():
    import subprocess
    import sys

    lines = json.dumps(TCE_SITE) + "\n" + json.dumps({**TCE_SITE, "name": "second"}) + "\n"
    result = subprocess.run([sys.executable, "-m", "remediate.cli", "recommend", "-", "--format", "json"],
                            input=lines, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0
    assert [json.loads(line)["site"]["name"] for line in result.stdout.splitlines()] == ["Dry cleaner", "second"]


def test_cli_invalid_site_exits_2_and_answers_nothing(tmp_path):
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(TCE_SITE))
    bad.write_text(json.dumps({**TCE_SITE, "media": ["lava"]}))
    result = run_cli("recommend", str(good), str(bad))
    assert result.returncode == 2 and result.stdout == ""
    assert "bad.json" in result.stderr and "media" in result.stderr and "Traceback" not in result.stderr


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12)
site_like = st.fixed_dictionaries({}, optional={
    "contaminants": st.lists(st.dictionaries(st.sampled_from(["name", "cas", "concentration_mg_kg", "x"]),
                                             json_values, max_size=3), max_size=3) | json_values,
    "media": st.lists(st.sampled_from(["soil", "groundwater", "sediment", "air", ""]), max_size=3) | json_values,
    "soil_texture": st.sampled_from(["sand", "clay", "loam", "x"]) | json_values,
    "ph": json_values, "land_use": json_values, "climate": json_values, "constraints": json_values,
    "weights": json_values, "description": json_values, "area_m2": json_values,
})


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=site_like | json_values)
def test_random_sites_never_500(client, body):
    response = post(client, body)
    assert response.status_code in (200, 400), response.data[:500]
    assert b"Traceback" not in response.data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=200))
def test_random_bytes_never_500(client, body):
    response = client.post("/api/v1/recommend", data=body, content_type="application/json")
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("name,label,how", [
    ("TCE", "Trichloroethylene", "synonym"),
    ("fuel hydrocarbons (total petroleum hydrocarbons)", "Total petroleum hydrocarbons", "label"),
    ("dichloroethene (isomer not specified)", "1,2-Dichloroethylene (mixed isomers)", "label (isomer not specified)"),
    ("Benzo(a)pyrene", "Benzo[a]pyrene", "label"),
    ("Cr(VI)", "Hexavalent chromium", "synonym"),
])
def test_names_as_people_write_them(client, name, label, how):
    body = post(client, {"contaminants": [{"name": name}], "media": ["soil"]}).json
    match = body["contaminants"][0]
    assert (match["label"], match["matched_by"]) == (label, how)


def test_plant_based_options_name_sourced_plants(client):
    site = {"contaminants": [{"name": "arsenic"}], "media": ["soil"], "contamination_depth_m": 0.3,
            "constraints": {"prefer_nature_based": True}}
    recs = post(client, site, top=10).json["recommendations"]
    extraction = next(r for r in recs if r["technique"]["label"] == "Phytoextraction")
    plants = {p["label"]: p for p in extraction["plants"]}
    assert "Pteris vittata" in plants and plants["Pteris vittata"]["hyperaccumulator"]
    assert all(p["sources"] and p["plant"].startswith("https://w3id.org/remediate/id/plant/") for p in plants.values())
    assert all(r["plants"] == [] for r in recs if not r["technique"]["nature_based"])
