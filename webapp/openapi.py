"""The API's OpenAPI 3.1 document, built from the site validator's constants (the
controlled lists, the top-level field names) and one table of field bounds. A test checks
that the validator accepts and refuses exactly what this schema says."""

from __future__ import annotations

from typing import Any

from remediate import __version__
from remediate.recommend.site import CRITERIA, allowed

LARGEST = 1.7976931348623157e308  # the validator refuses numbers a float cannot hold
NOT_BLANK = r"\S"  # text that is all spaces counts as absent


def _text(limit: int) -> dict[str, Any]:
    return {"type": ["string", "null"], "maxLength": limit}


def _number(low: float, high: float = LARGEST, *, low_open: bool = False, unit: str = "") -> dict[str, Any]:
    bound = {"exclusiveMinimum": low} if low_open else {"minimum": low}
    return {"type": ["number", "null"], **bound, "maximum": high, **({"description": unit} if unit else {})}


def _choice(allowed: tuple[str, ...]) -> dict[str, Any]:
    return {"enum": [*allowed, None]}


# Every field of a site, top level, contaminant and constraints: the one description of
# the input contract this document is made from.
CONTAMINANT = {
    "name": _text(200), "cas": _text(20),
    "concentration_mg_kg": _number(0, unit="mg/kg dry soil"),
    "max_concentration_mg_kg": _number(0, unit="mg/kg dry soil"),
    "groundwater_ug_l": _number(0, unit="ug/L"),
    "max_groundwater_ug_l": _number(0, unit="ug/L"),
}
CONSTRAINTS = {
    "max_duration_years": _number(0, low_open=True, unit="years"), "budget_usd": _number(0, unit="USD"),
    "in_situ_only": {"type": ["boolean", "null"]}, "prefer_nature_based": {"type": ["boolean", "null"]},
}
def site_fields() -> dict[str, dict[str, Any]]:
    """The site's fields; the controlled ones list what the registry allows now."""
    return {**SITE_FIELDS, "media": {"type": "array", "minItems": 1, "items": {"enum": list(allowed("media"))}},
            "soil_texture": _choice(allowed("soil_texture")), "land_use": _choice(allowed("land_use")),
            "climate": _choice(allowed("climate"))}


SITE_FIELDS: dict[str, dict[str, Any]] = {
    "name": _text(200), "country": _text(100), "description": _text(5000),
    "contaminants": {"type": "array", "minItems": 1, "maxItems": 50, "items": {
        "type": "object", "additionalProperties": False, "properties": CONTAMINANT,
        "anyOf": [{"required": ["name"], "properties": {"name": {"type": "string", "pattern": NOT_BLANK}}},
                  {"required": ["cas"], "properties": {"cas": {"type": "string", "pattern": NOT_BLANK}}}]}},
    "media": {"type": "array", "minItems": 1, "items": {"enum": list(allowed("media"))}},
    "soil_texture": _choice(allowed("soil_texture")), "ph": _number(0, 14),
    "organic_matter_pct": _number(0, 100, unit="%"),
    "contamination_depth_m": _number(0, unit="m"), "groundwater_depth_m": _number(0, unit="m"),
    "area_m2": _number(0, low_open=True, unit="m²"), "volume_m3": _number(0, low_open=True, unit="m³"),
    "land_use": _choice(allowed("land_use")), "climate": _choice(allowed("climate")),
    "constraints": {"type": ["object", "null"], "additionalProperties": False, "properties": CONSTRAINTS},
    "weights": {"type": ["object", "null"], "additionalProperties": False,
                "properties": {c: {"type": "number", "minimum": 0, "maximum": 100} for c in CRITERIA}},
}

SITE = {"type": "object", "required": ["contaminants", "media"], "additionalProperties": False,
        "properties": SITE_FIELDS}
STRINGS = {"type": "array", "items": {"type": "string"}}
TECHNIQUE = {"type": "object", "required": ["iri", "label", "alt_labels", "nature_based"], "properties": {
    "iri": {"type": "string"}, "label": {"type": "string"}, "alt_labels": STRINGS, "nature_based": {"type": "boolean"}}}
RECOMMENDATION = {
    "type": "object",
    "required": ["site", "contaminants", "recommendations", "treatment_trains", "excluded", "exceedances",
                 "kg_version"],
    "properties": {
        "site": {"type": "object"},
        "contaminants": {"type": "array", "items": {"type": "object", "required": [
            "input", "iri", "label", "matched_by", "confidence"]}},
        "recommendations": {"type": "array", "items": {"type": "object", "required": [
            "rank", "score", "technique", "covers", "reasons", "cautions", "evidence", "sources"], "properties": {
            "rank": {"type": "integer", "minimum": 1}, "score": {"type": "number"}, "technique": TECHNIQUE,
            "covers": STRINGS, "reasons": STRINGS, "cautions": STRINGS, "sources": STRINGS,
            "evidence": {"type": "array", "items": {"type": "object", "required": [
                "case_study", "label", "similarity", "source"]}}}}},
        "treatment_trains": {"type": "array", "items": {"type": "object", "required": ["stages", "covers", "reasons"],
                                                        "properties": {"covers": STRINGS, "reasons": STRINGS}}},
        "excluded": {"type": "array", "items": {"type": "object", "required": ["technique", "reasons"],
                                                "properties": {"technique": TECHNIQUE, "reasons": STRINGS,
                                                               "kind": {"type": "string"}}}},
        "exceedances": {"type": "array", "items": {"type": "object"}},
        "kg_version": {"type": "string"},
    },
}
ERROR = {"type": "object", "required": ["error"], "properties": {"error": {
    "type": "object", "required": ["status", "title"],
    "properties": {"status": {"type": "integer"}, "title": {"type": "string"}, "message": {"type": "string"},
                   "fields": {"type": "array", "items": {"type": "object", "required": ["field", "message"]}}}}}}


def _json(schema_ref: str, description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}}}


def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document of /api/v1."""
    loose = {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "remediate API", "version": __version__,
                 "description": "Ranked, explained and sourced remediation techniques for a described site.",
                 "license": {"name": "MIT", "identifier": "MIT"}},
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/recommend": {"post": {
                "operationId": "recommend", "summary": "Rank the techniques for a site",
                "parameters": [{"name": "top", "in": "query", "required": False, "description": "how many to rank",
                                "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10}}],
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Site"}}}},
                "responses": {"200": _json("Recommendation", "The ranking, with reasons and sources"),
                              "400": _json("Error", "The site or a parameter is invalid; each field is named")}}},
            "/": {"get": {"operationId": "index", "summary": "Version, counts and links", "responses": {"200": loose}}},
            "/techniques": {"get": {"operationId": "techniques", "summary": "Every technique",
                                    "responses": {"200": loose}}},
            "/openapi.json": {"get": {"operationId": "openapi", "summary": "This document",
                                      "responses": {"200": loose}}},
        },
        "components": {"schemas": {"Site": {**SITE, "properties": site_fields()}, "Recommendation": RECOMMENDATION,
                                   "Error": ERROR}},
    }
