"""The OpenAPI 3.1 document at /api/v1/openapi.json: its site schema names exactly the
fields the validator reads and draws the same bounds, and schemathesis, driving the app
in-process through WSGI, finds no server error and no answer that breaks the document."""

from __future__ import annotations

import dataclasses

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from remediate.recommend.site import CRITERIA, TOP_LEVEL, ContaminantInput, SiteError, parse_site
from webapp import openapi

BASE = {"contaminants": [{"name": "lead"}], "media": ["soil"]}


def test_the_document_is_served_as_openapi_3_1(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.json["openapi"].startswith("3.1.")
    assert response.json["components"]["schemas"]["Site"]["required"] == ["contaminants", "media"]
    assert client.get("/api/v1/").json["links"]["openapi"].endswith("/api/v1/openapi.json")


def test_schema_and_validator_name_the_same_fields():
    assert set(openapi.SITE_FIELDS) == TOP_LEVEL
    assert set(openapi.CONTAMINANT) == {f.name for f in dataclasses.fields(ContaminantInput)}
    assert set(openapi.CONSTRAINTS) == set(parse_site(BASE).normalised()["constraints"])
    assert set(openapi.SITE_FIELDS["weights"]["properties"]) == set(CRITERIA)


def site_with(path: tuple[str, ...], value) -> dict:
    """BASE with one field set: ("ph",), ("constraints", "budget_usd") or ("contaminants", "cas")."""
    site = {**BASE, "contaminants": [dict(BASE["contaminants"][0])]}
    if path[0] == "contaminants":
        site["contaminants"][0][path[1]] = value
    elif len(path) == 2:
        site[path[0]] = {path[1]: value}
    else:
        site[path[0]] = value
    return site


def accepted(site: dict) -> bool:
    try:
        parse_site(site)
    except SiteError:
        return False
    return True


def every_field():
    yield from (((name,), schema) for name, schema in openapi.SITE_FIELDS.items())
    yield from ((("contaminants", name), schema) for name, schema in openapi.CONTAMINANT.items())
    yield from ((("constraints", name), schema) for name, schema in openapi.CONSTRAINTS.items())
    yield from ((("weights", name), schema) for name, schema in openapi.SITE_FIELDS["weights"]["properties"].items())


def probes(schema: dict):
    """(value, whether the schema allows it) at and beyond each bound the schema draws."""
    if "enum" in schema:
        yield from ((v, True) for v in schema["enum"] if v is not None)
        yield "no-such-value", False
    if "maxLength" in schema:
        yield "x" * schema["maxLength"], True
        yield "x" * (schema["maxLength"] + 1), False
    if "minimum" in schema:
        yield schema["minimum"], True
        yield schema["minimum"] - 0.001, False
    if "exclusiveMinimum" in schema:
        yield schema["exclusiveMinimum"], False
        yield schema["exclusiveMinimum"] + 0.001, True
    if "maximum" in schema and schema["maximum"] < 1e300:
        yield schema["maximum"], True
        yield schema["maximum"] + 0.001, False
    types = schema.get("type", [])
    if "number" in types or types == "number":
        yield "12", False
    if "boolean" in types:
        yield True, True
        yield "yes", False


@pytest.mark.parametrize("path,schema", list(every_field()), ids=lambda p: ".".join(p) if isinstance(p, tuple) else "")
def test_validator_accepts_and_refuses_what_the_schema_says(path, schema):
    if path in (("contaminants",), ("media",), ("constraints",), ("weights",)):
        pytest.skip("a structure: its parts are probed one by one")
    for value, allowed in probes(schema):
        assert accepted(site_with(path, value)) is allowed, (path, value)
    if "null" in schema.get("type", []) or None in schema.get("enum", []):
        site = site_with(path, None)
        if path != ("contaminants", "name"):  # a contaminant needs a name or a cas
            assert accepted(site), path


def test_unknown_fields_are_refused_as_the_schema_says():
    assert openapi.SITE["additionalProperties"] is False and not accepted({**BASE, "colour": "red"})
    assert not accepted({**BASE, "contaminants": [{"name": "lead", "colour": "red"}]})
    assert not accepted({**BASE, "weights": {"colour": 1}})
    assert not accepted({"media": ["soil"]}) and not accepted({"contaminants": [{"name": "lead"}]})
    assert not accepted({**BASE, "media": ["lava"]}) and not accepted({**BASE, "contaminants": [{"name": " "}]})


# schemathesis leaves out the operation that serves the document it was loaded from
OPERATIONS = ["POST /recommend", "GET /", "GET /techniques"]


@pytest.mark.parametrize("label", OPERATIONS)
def test_api_conforms_to_its_document(app, label):
    """Cases drawn from the document (schemathesis' strategies, run by hypothesis here: its
    pytest plugin does not load under this pytest), sent to the app in-process."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = {op.ok().label: op.ok() for op in schema.get_all_operations()}
    assert set(operations) == set(OPERATIONS)

    @given(case=operations[label].as_strategy())
    @settings(max_examples=60 if label.startswith("POST") else 5, deadline=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(checks=[not_a_server_error, status_code_conformance, content_type_conformance,
                                       response_schema_conformance])

    run()
