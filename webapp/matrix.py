"""The screening matrix: techniques down, contaminant groups across (the eight FRTR groups
and a few subgroups people ask for), each cell coloured by the best rating a source gives
the technique for the group, the rating's basis on hover. Filters for medium and technique
role are query parameters; /matrix.json is the same view as data."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from remediate.store import select

from .browse import slug
from .store_ext import get_store, technique_rows

bp = Blueprint("matrix", __name__)
REM = "https://w3id.org/remediate/ontology/"
# the FRTR matrix's groups in its own order, then the subgroups people ask for; a group newly
# marked rem:frtrGroup and missing here still shows, after these
FRTR_ORDER = ("nonhalogenated-vocs", "halogenated-vocs", "nonhalogenated-svocs", "halogenated-svocs", "fuels",
              "inorganics", "radionuclides", "explosives")
SUBGROUPS = ("pahs", "pcbs", "pfas", "metals-and-metalloids", "pesticides")
FILTERS = ("medium", "role")
# fill of each rating, dark (best) to light; white is "no source rates it"
COLOURS = {"better": "#0b5c3b", "average": "#4f9a6f", "below_average": "#b7dcc4", "listed": "#c9d3dd",
           "not_applicable": "#c0504d"}
CELL, ROW_LABEL, COLUMN_HEAD, RIGHT = 24, 310, 275, 180


def _cached(key: str, make: Any) -> Any:
    """A read of the (read-only) store kept for the app's life."""
    if key not in current_app.extensions:
        current_app.extensions[key] = make()
    return current_app.extensions[key]


def columns() -> list[dict[str, Any]]:
    """The FRTR groups, then the subgroups."""
    rows = _cached("remediate.matrix.groups", lambda: select(get_store(), "matrix-groups"))
    order = (*FRTR_ORDER, *SUBGROUPS)
    shown = [r for r in rows if r["frtr"] or slug(r["group"]) in SUBGROUPS]
    shown.sort(key=lambda r: (order.index(slug(r["group"])) if slug(r["group"]) in order else len(order), r["label"]))
    return [{"id": slug(r["group"]), "iri": r["group"], "label": r["label"], "frtr": bool(r["frtr"]),
             "parent": slug(r["parent"]) if r["parent"] else None} for r in shown]


def vocabulary(cls: str) -> list[dict[str, str]]:
    rows = _cached(f"remediate.matrix.{cls}", lambda: select(get_store(), "form-vocabulary", **{"class": REM + cls}))
    return sorted(({"code": r["code"], "label": r["label"], "definition": r["definition"] or ""} for r in rows),
                  key=lambda r: r["code"])


def _better(candidate: dict[str, Any], held: dict[str, Any] | None) -> bool:
    """Whether a statement beats the one held for its cell: higher rating, then a stronger basis."""
    if held is None:
        return True
    return (candidate["score"], candidate["basisWeight"] or 0) > (held["score"], held["basisWeight"] or 0)


def matrix_view(wanted: dict[str, str]) -> dict[str, Any]:
    """Rows of techniques with at least one rated cell under the filters, each cell the best statement."""
    wanted_columns = columns()
    ids = {c["iri"]: c["id"] for c in wanted_columns}
    techniques = {t["technique"]: t for t in technique_rows()
                  if (not wanted["role"] or t["role"] == wanted["role"])
                  and (not wanted["medium"] or wanted["medium"] in (t["media"] or "").split("|"))}
    best: dict[str, dict[str, dict[str, Any]]] = {}
    statements = _cached("remediate.matrix.statements", lambda: select(get_store(), "matrix-applicability"))
    for s in statements:
        if s["technique"] not in techniques or s["group"] not in ids:
            continue
        if wanted["medium"] and s["medium"] not in (None, wanted["medium"]):
            continue
        cells = best.setdefault(s["technique"], {})
        if _better(s, cells.get(ids[s["group"]])):
            cells[ids[s["group"]]] = s
    rows = [{"iri": iri, "label": techniques[iri]["label"], "role": techniques[iri]["role"],
             "cells": {column: _cell(s) for column, s in cells.items()}}
            for iri, cells in best.items()]
    rows.sort(key=lambda r: r["label"].lower())
    return {"columns": wanted_columns, "rows": rows, "wanted": wanted, "total": len(techniques)}


def _cell(statement: dict[str, Any]) -> dict[str, Any]:
    return {"rating": statement["rating"], "rating_label": statement["ratingLabel"], "basis": statement["basis"],
            "basis_label": statement["basisLabel"], "medium": statement["medium"], "statement": statement["statement"],
            "note": statement["note"]}


def layout(view: dict[str, Any]) -> dict[str, Any]:
    """Where each mark of the SVG goes (in user units): the caller's template only draws."""
    cells = []
    for i, row in enumerate(view["rows"]):
        for j, column in enumerate(view["columns"]):
            cell = row["cells"].get(column["id"])
            if cell:
                cells.append({"x": ROW_LABEL + j * CELL, "y": COLUMN_HEAD + i * CELL, "fill": COLOURS[cell["rating"]],
                              "row": row, "column": column, "cell": cell})
    return {"cell": CELL, "row_label": ROW_LABEL, "column_head": COLUMN_HEAD, "cells": cells,
            "width": ROW_LABEL + CELL * len(view["columns"]) + RIGHT,
            "height": COLUMN_HEAD + CELL * max(1, len(view["rows"])) + 10}


def legend() -> list[dict[str, str]]:
    words = {r["code"]: r for r in vocabulary("ApplicabilityRating")}
    return [{"code": code, "colour": colour, "label": words.get(code, {}).get("label", code.replace("_", " ")),
             "definition": words.get(code, {}).get("definition", "")} for code, colour in COLOURS.items()]


def _wanted() -> dict[str, str]:
    allowed = {"medium": {m["code"] for m in vocabulary("Medium")},
               "role": {r["code"] for r in vocabulary("TechniqueRole")}}
    values = {k: request.args.get(k, "").strip() for k in FILTERS}
    return {k: (v if v in allowed[k] else "") for k, v in values.items()}


@bp.route("/matrix")
def page() -> ResponseReturnValue:
    view = matrix_view(_wanted())
    query = urlencode([(k, v) for k, v in view["wanted"].items() if v])
    return render_template("matrix.html", view=view, svg=layout(view), legend=legend(), query=query,
                           media=vocabulary("Medium"), roles=vocabulary("TechniqueRole"),
                           title=_("Screening matrix"))


@bp.route("/matrix.json")
def data() -> ResponseReturnValue:
    view = matrix_view(_wanted())
    return jsonify({"columns": view["columns"], "rows": view["rows"], "count": len(view["rows"]),
                    "filters": {k: v for k, v in view["wanted"].items() if v}, "legend": legend()})
