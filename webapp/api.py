"""The JSON API, version 1."""

from __future__ import annotations

from flask import Blueprint, jsonify, url_for
from flask.typing import ResponseReturnValue

from remediate.store import select

from .store_ext import get_store

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.after_request
def cors(response):
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.route("/")
def index() -> ResponseReturnValue:
    store = get_store()
    counts = {row["class"].rsplit("/", 1)[-1]: row["count"] for row in select(store, "kg-counts")}
    return jsonify({
        "kg_version": store.kg_version, "triples": store.triple_count(), "counts": counts,
        "links": {"sparql": url_for("sparql.endpoint", _external=True),
                  "void": url_for("sparql.void", _external=True),
                  "techniques": url_for("api.techniques", _external=True)},
    })


@bp.route("/techniques")
def techniques() -> ResponseReturnValue:
    rows = select(get_store(), "techniques")
    return jsonify({"techniques": [{
        "iri": row["technique"], "label": row["label"], "nature_based": bool(row["natureBased"]),
        "category": row["category"], "media": _split(row["media"]), "settings": _split(row["settings"]),
    } for row in rows]})


def _split(cell: str | None) -> list[str]:
    return sorted(part for part in (cell or "").split("|") if part)
