"""One registry of controlled values: a value a curator adds to a concept scheme of
kg_data/vocabularies.ttl reaches the table checks, the site validator, the form, the
OpenAPI document and the README table; units compile to QUDT IRIs."""

from __future__ import annotations

import csv

import pytest
from rdflib import RDF, URIRef

from remediate import registry
from remediate.compile import compile_with_origins
from remediate.recommend.site import SiteError, allowed, parse_site
from remediate.settings import REPO_ROOT
from webapp import create_app

from .conftest import run_cli

NEW_LAND_USE = """
<https://w3id.org/remediate/id/land-use/allotment> a rem:LandUse , skos:Concept ;
    skos:inScheme <https://w3id.org/remediate/id/scheme/land-use> ;
    rem:code "allotment" ;
    rdfs:label "allotment garden"@en ;
    skos:definition "A plot rented for growing food for the household (a test value)."@en .
"""


@pytest.fixture()
def extended(data_copy, monkeypatch):
    with (data_copy / "vocabularies.ttl").open("a", encoding="utf-8") as handle:
        handle.write(NEW_LAND_USE)
    monkeypatch.setenv("REMEDIATE_DATA_DIR", str(data_copy))
    registry.clear()
    yield data_copy
    registry.clear()


def test_the_shipped_lists_come_from_the_schemes_in_the_curators_order():
    assert allowed("media") == ("soil", "sediment", "sludge", "groundwater")
    assert allowed("climate") == ("tropical", "arid", "temperate", "continental", "polar")
    assert "loamy sand" in allowed("soil_texture")
    assert "any" not in allowed("land_use") and "any" in registry.codes("land-use")  # guideline-only values


def test_a_value_added_to_a_scheme_reaches_every_surface(extended):
    with pytest.raises(SiteError):
        parse_site({"contaminants": [{"name": "lead"}], "media": ["soil"], "land_use": "orchard"})
    site = parse_site({"contaminants": [{"name": "lead"}], "media": ["soil"], "land_use": "allotment"})
    assert site.land_use == "allotment"
    client = create_app({"TESTING": True, "DATA_DIR": str(extended)}).test_client()
    assert 'value="allotment"' in client.get("/").get_data(as_text=True)
    schema = client.get("/api/v1/openapi.json").json["components"]["schemas"]["Site"]["properties"]["land_use"]
    assert "allotment" in str(schema)


NEW_VALUE_TYPE = """
<https://w3id.org/remediate/id/value-type/soil_screening_level> a skos:Concept ;
    skos:inScheme <https://w3id.org/remediate/id/scheme/value-type> ;
    rem:code "soil_screening_level" ;
    rdfs:label "soil screening level"@en .
"""


def _add_value_of_type(data_dir, code: str) -> None:
    """A new guideline row (a copy of the first with another value type: a new key)."""
    path = data_dir / "guideline_values.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    with path.open("a", newline="", encoding="utf-8") as handle:
        csv.DictWriter(handle, list(rows[0])).writerow({**rows[0], "value_type": code})


def test_a_new_value_type_is_refused_until_the_scheme_has_it_and_then_reaches_the_readme(data_copy):
    env = {"REMEDIATE_DATA_DIR": str(data_copy)}
    _add_value_of_type(data_copy, "soil_screening_level")
    refused = run_cli("check", "--no-reasoner", env_overrides=env)
    assert refused.returncode == 1
    assert "[value_type]: 'soil_screening_level' is not an allowed value" in refused.stdout

    with (data_copy / "vocabularies.ttl").open("a", encoding="utf-8") as handle:
        handle.write(NEW_VALUE_TYPE)
    stale = run_cli("check", "--no-reasoner", env_overrides=env)
    assert "1 problem(s)" in stale.stdout  # the row is accepted now...
    assert "README.md: the table of controlled values does not match" in stale.stdout  # ...the README lags

    assert run_cli("vocabularies", "--write", env_overrides=env).returncode == 0
    row = next(line for line in (data_copy / "README.md").read_text().splitlines() if "(`value-type`)" in line)
    assert "`soil_screening_level`" in row and "guideline_values.value_type" in row
    assert run_cli("check", "--no-reasoner", env_overrides=env).returncode == 0


def test_every_unit_in_the_graph_is_a_qudt_iri():
    graph, _ = compile_with_origins(REPO_ROOT / "kg_data")
    rem = "https://w3id.org/remediate/ontology/"
    units = {str(o) for o in graph.objects(None, URIRef(rem + "unit"))}
    per_units = {str(o) for o in graph.objects(None, URIRef(rem + "perUnit"))}
    assert units >= {"http://qudt.org/vocab/unit/MilliGM-PER-KiloGM", "http://qudt.org/vocab/unit/MicroGM-PER-L",
                     "http://qudt.org/vocab/unit/YR"}
    assert all(u.startswith("http://qudt.org/vocab/unit/") for u in units | per_units)
    # every guideline value, measurement, duration and per-quantity cost says its unit
    for cls, prop in (("GuidelineValue", "unit"), ("ConcentrationMeasurement", "unit"),
                      ("DurationEstimate", "unit")):
        subjects = set(graph.subjects(RDF.type, URIRef(rem + cls)))
        assert subjects and all(graph.value(s, URIRef(rem + prop)) is not None for s in subjects), cls
    per_quantity = {s for s, o in graph.subject_objects(URIRef(rem + "perQuantity")) if str(o) != "site"}
    assert per_quantity and all(graph.value(s, URIRef(rem + "perUnit")) is not None for s in per_quantity)
