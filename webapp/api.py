"""The JSON API, version 1."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

from remediate.recommend import SiteError

from . import openapi
from .jsonld import CONTEXT
from .security import external_url
from .store_ext import get_counts, get_recommender, get_store, technique_rows

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.after_request
def cors(response):
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.route("/")
def index() -> ResponseReturnValue:
    store = get_store()
    return jsonify({
        "kg_version": store.kg_version, "triples": store.triple_count(), "counts": get_counts(),
        "links": {"sparql": external_url("sparql.endpoint"),
                  "void": external_url("sparql.void"),
                  "techniques": external_url("api.techniques"),
                  "contaminants": external_url("api.contaminants"),
                  "context": external_url("api.context"),
                  "openapi": external_url("api.openapi_document")},
    })


@bp.route("/context.jsonld")
def context() -> ResponseReturnValue:
    """The JSON-LD context of our entities and of the names this API uses."""
    response = jsonify({"@context": CONTEXT})
    response.mimetype = "application/ld+json"
    return response


@bp.route("/contaminants")
def contaminants() -> ResponseReturnValue:
    known = get_recommender().knowledge.contaminants.values()
    return jsonify({"contaminants": [{
        "iri": c.iri, "label": c.label, "alt_labels": c.alt_labels, "cas": c.cas, "groups": c.groups,
    } for c in sorted(known, key=lambda c: c.label.lower())]})


@bp.route("/openapi.json")
def openapi_document() -> ResponseReturnValue:
    return jsonify(openapi.document())


@bp.route("/techniques")
def techniques() -> ResponseReturnValue:
    rows = technique_rows()
    return jsonify({"techniques": [{
        "iri": row["technique"], "label": row["label"], "nature_based": bool(row["natureBased"]),
        "category": row["category"], "media": _split(row["media"]), "settings": _split(row["settings"]),
    } for row in rows]})


@bp.route("/recommend", methods=["POST"])
def recommend() -> ResponseReturnValue:
    top = _top(request.args.get("top", "10"))
    if top is None:
        return _invalid([{"field": "top", "message": "must be a whole number from 1 to 100"}])
    try:
        site = request.get_json(silent=True)
    except RecursionError:  # json gives up near 1,000 levels; a site is 3 deep
        return _invalid([{"field": "(body)", "message": "is nested too deeply to be a site"}])
    if site is None:
        return _invalid([{"field": "(body)", "message": "must be a JSON object describing the site "
                                                         "(Content-Type: application/json)"}])
    try:
        return jsonify(get_recommender().recommend(site, top=top))
    except SiteError as err:
        return _invalid(err.errors)


def _top(raw: str) -> int | None:
    """How many techniques to return, or None unless it is a whole number from 1 to 100.
    int() is the judge, not str.isdigit(), which also passes "²" and "①"."""
    try:
        top = int(raw)
    except ValueError:
        return None
    return top if 1 <= top <= 100 else None


def _invalid(errors: list[dict[str, Any]]) -> ResponseReturnValue:
    message = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return jsonify({"error": {"status": 400, "title": "Invalid site", "message": message, "fields": errors}}), 400


def _split(cell: str | None) -> list[str]:
    return sorted(part for part in (cell or "").split("|") if part)
