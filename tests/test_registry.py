"""One registry of controlled values: a value a curator adds to a concept scheme of
kg_data/vocabularies.ttl reaches the site validator, the form and the OpenAPI document."""

from __future__ import annotations

import pytest

from remediate import registry
from remediate.recommend.site import SiteError, allowed, parse_site
from webapp import create_app

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
