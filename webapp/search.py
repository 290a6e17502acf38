"""Search across the labels, synonyms, scientific names and CAS numbers of contaminants,
techniques, plant species and case studies; the HTML page and its JSON twin share one
function."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from flask import Blueprint, jsonify, render_template, request
from flask.typing import ResponseReturnValue

from remediate.store import select

from .store_ext import get_store

bp = Blueprint("search", __name__)
REM = "https://w3id.org/remediate/ontology/"
KINDS = {REM + "Contaminant": "contaminant", REM + "RemediationTechnique": "technique",
         REM + "PlantSpecies": "plant", REM + "CaseStudy": "case_study"}  # in the order shown
FIELD_ORDER = ("label", "synonym", "scientific name", "CAS number")
MAX_QUERY = 200  # characters; longer text is no name of anything we hold


def search_view() -> dict[str, Any]:
    """The matches for ?q, one per entity (its best-matching field), grouped by kind."""
    q = " ".join(request.args.get("q", "").split())[:MAX_QUERY]
    hits: dict[str, dict[str, Any]] = {}
    if q:
        rows = select(get_store(), "search", q=ox.Literal(q))
        for row in sorted(rows, key=lambda r: FIELD_ORDER.index(r["field"])):
            kind = KINDS[row["class"]]
            hits.setdefault(row["entity"], {"iri": row["entity"], "kind": kind, "label": row["label"],
                                            "matched": row["matched"], "field": row["field"]})
    order = list(KINDS.values())
    results = sorted(hits.values(), key=lambda h: (order.index(h["kind"]), h["label"].lower()))
    return {"q": q, "results": results}


@bp.route("/search")
def search() -> str:
    view = search_view()
    groups = [(kind, [h for h in view["results"] if h["kind"] == kind]) for kind in KINDS.values()]
    return render_template("search.html", q=view["q"], count=len(view["results"]),
                           groups=[(kind, hits) for kind, hits in groups if hits])


@bp.route("/search.json")
def search_json() -> ResponseReturnValue:
    return jsonify(search_view())
