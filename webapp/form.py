"""The practitioner's surface: the site form, the results page with its JSON and CSV
twins (one function makes all three), and browse pages."""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from remediate.recommend import SiteError, parse_site
from remediate.recommend.scoring import DEFAULT_WEIGHTS
from remediate.recommend.site import MESSAGES, allowed
from remediate.store import select

from . import i18n
from . import results_view as view
from .browse import slug
from .site_form import FormState, input_name, site_from_args, top_from_args
from .store_ext import get_counts, get_recommender, get_store, technique_rows

bp = Blueprint("form", __name__)
VOCABULARIES = {"soil_texture": "SoilTexture", "land_use": "LandUse", "climate": "ClimateZone"}


def choices() -> dict[str, list[dict[str, str]]]:
    """Each controlled list of the form, with the knowledge graph's definitions as help (read
    once per app), and each value's name in the page language where we translated it."""
    if "remediate.choices" not in current_app.extensions:
        current_app.extensions["remediate.choices"] = _choices()
    return {name: [{**c, "name": i18n.text(c["iri"], "")} for c in values]
            for name, values in current_app.extensions["remediate.choices"].items()}


def _choices() -> dict[str, list[dict[str, str]]]:
    lists = {name: allowed(name) for name in ("soil_texture", "land_use", "climate")}
    out = {}
    for name, cls in VOCABULARIES.items():
        rows = select(get_store(), "form-vocabulary", **{"class": f"https://w3id.org/remediate/ontology/{cls}"})
        by_code = {r["code"].replace("-", " "): r for r in rows}
        out[name] = [{"value": v, "label": by_code.get(v, {}).get("label", v),
                      "iri": by_code.get(v, {}).get("value", ""),
                      "help": by_code.get(v, {}).get("definition") or ""} for v in lists[name]]
    return out


def render_form(state: FormState, status: int = 200) -> ResponseReturnValue:
    return render_template("form.html", state=state, choices=choices(), media=allowed("media"), weights=DEFAULT_WEIGHTS,
                           counts=get_counts(), kg_version=get_store().kg_version), status


@bp.route("/")
def index() -> ResponseReturnValue:
    return render_form(FormState(request.args))


def _run() -> tuple[dict[str, Any] | None, FormState]:
    site, errors, rows = site_from_args(request.args)
    top = top_from_args(request.args, errors)
    state = FormState(request.args, errors)
    try:
        parsed = parse_site(site)  # report contract errors together with the form's own
    except SiteError as err:
        for e in err.errors:
            state.errors.setdefault(input_name(e["field"], rows), _(MESSAGES[e["code"]], **e["params"]))
        return None, state
    if errors:
        return None, state
    return get_recommender().recommend(parsed, top=top), state


@bp.route("/results")
def results() -> ResponseReturnValue:
    result, state = _run()
    if result is None:
        return render_form(state, 400)
    # the links to the twins carry the parsed arguments re-encoded: the raw query string
    # need not be UTF-8
    query = urlencode(list(request.args.items(multi=True)))
    return render_template("results.html", result=result, query=query, summary=view.summary_rows(result),
                           excluded_groups=view.exclusion_groups(result["excluded"]), legend=view.legend(),
                           fields=view.field_labels(), criteria=view.criterion_labels(), plain=view.plain,
                           cost_text=view.cost_text, time_text=view.time_text, slug=slug)


@bp.route("/results.json")
def results_json() -> ResponseReturnValue:
    result, state = _run()
    if result is None:
        # the same shape as the API's: a list of {field, message}
        fields = [{"field": name, "message": message} for name, message in state.errors.items()]
        return jsonify({"error": {"status": 400, "title": _("Invalid site"), "fields": fields}}), 400
    return jsonify(result)


@bp.route("/results.csv")
def results_csv() -> ResponseReturnValue:
    result, state = _run()
    if result is None:
        return Response("; ".join(f"{k}: {v}" for k, v in state.errors.items()) + "\n", 400, mimetype="text/plain")
    labels = {c["iri"]: c["label"] for c in result["contaminants"] if c["iri"]}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["rank", "technique", "score", "nature_based", "covers", "time_years", "cautions",
                     "similar_cases", "technique_iri", "sources"])
    for r in result["recommendations"]:
        writer.writerow([r["rank"], r["technique"]["label"], r["score"], r["technique"]["nature_based"],
                         "; ".join(labels.get(c, c) for c in r["covers"]),
                         "-".join(f"{t:g}" for t in r["time_years"]) if r["time_years"] else "",
                         " | ".join(r["cautions"]), " | ".join(e["label"] for e in r["evidence"]),
                         r["technique"]["iri"], " ".join(r["sources"])])
    return Response(buffer.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="remediate-ranking.csv"'})


@bp.route("/techniques")
def techniques() -> str:
    rows = technique_rows()
    wanted = {k: request.args.get(k, "") for k in ("category", "medium", "setting", "nature_based")}

    def keep(row: dict) -> bool:
        return ((not wanted["category"] or row["category"] == wanted["category"])
                and (not wanted["medium"] or wanted["medium"] in (row["media"] or "").split("|"))
                and (not wanted["setting"] or wanted["setting"] in (row["settings"] or "").split("|"))
                and (not wanted["nature_based"] or bool(row["natureBased"]) == (wanted["nature_based"] == "yes")))

    shown = [r for r in rows if keep(r)]
    return render_template("techniques.html", rows=shown, total=len(rows), wanted=wanted, media=allowed("media"),
                           categories=sorted({r["category"] for r in rows if r["category"]}))


@bp.route("/contaminants")
def contaminants() -> str:
    return render_template("contaminants.html", rows=select(get_store(), "browse-contaminants"))
