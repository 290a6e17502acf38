"""Browse pages for case studies and plant species. Each page has a JSON and a CSV twin
made from the same function (the filtered rows), as the results page has."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pycountry
from flask import Blueprint, current_app, render_template, request
from flask.typing import ResponseReturnValue

from remediate.store import select
from remediate.vocab import code_iri

from . import i18n
from .store_ext import get_store
from .twins import csv_response, json_response

bp = Blueprint("browse", __name__)
REM = "https://w3id.org/remediate/ontology/"
LINKS = {REM + "involvesContaminant": "contaminants", REM + "appliedTechnique": "techniques",
         REM + "medium": "media", "http://purl.org/dc/terms/source": "sources"}
CASE_FILTERS = ("contaminant", "technique", "country", "medium", "outcome", "nature_based")
PLANT_FILTERS = ("contaminant", "mechanism", "climate")
Namer = Callable[[str, str], str]  # (IRI, English label) -> the name shown


def slug(iri: str) -> str:
    """The last segment of one of our IRIs: what a filter in a URL names a thing by."""
    return iri.rsplit("/", 1)[-1]


def country_name(code: str | None) -> str:
    country = pycountry.countries.get(alpha_2=code) if code else None
    return country.name if country else (code or "")


def _query() -> str:
    """The arguments re-encoded, for the links to the twins (the raw query string need not be UTF-8)."""
    return urlencode(list(request.args.items(multi=True)))


def case_rows() -> list[dict[str, Any]]:
    """Every case study as a plain record (read once per app: the store is read-only)."""
    extensions = current_app.extensions
    if "remediate.cases" not in extensions:
        extensions["remediate.cases"] = _case_rows()
    return extensions["remediate.cases"]


def _case_rows() -> list[dict[str, Any]]:
    store = get_store()
    lists: dict[str, dict[str, list]] = {}
    for link in select(store, "browse-case-links"):
        kind = LINKS[link["link"]]
        entry = lists.setdefault(link["case"], {k: [] for k in LINKS.values()})
        if kind == "sources":
            entry[kind].append(link["value"])
        elif kind == "media":
            entry[kind].append(link["code"] or slug(link["value"]))
        else:
            entry[kind].append({"iri": link["value"], "label": link["valueLabel"] or slug(link["value"]),
                                **({"nature_based": link["natureBased"]} if kind == "techniques" else {})})
    rows = []
    for case in select(store, "browse-case-studies"):
        entry = lists.get(case["case"], {k: [] for k in LINKS.values()})
        techniques = sorted(entry["techniques"], key=lambda t: t["label"].lower())
        main = next((t for t in techniques if t["iri"] == case["mainTechnique"]), None)
        rows.append({
            "iri": case["case"], "label": case["label"], "country": case["country"],
            "country_name": country_name(case["country"]), "start_year": case["startYear"],
            "outcome_class": case["outcomeClass"], "outcome_label": case["outcomeLabel"], "scale": case["scale"],
            "main_technique": main, "techniques": techniques,
            "contaminants": sorted(entry["contaminants"], key=lambda c: c["label"].lower()),
            "media": sorted(entry["media"]), "sources": sorted(entry["sources"]),
            "nature_based": any(t["nature_based"] for t in techniques),
        })
    return rows


def _case_matches(row: dict[str, Any], wanted: dict[str, str]) -> bool:
    tests: dict[str, Callable[[str], bool]] = {
        "contaminant": lambda v: v in {slug(c["iri"]) for c in row["contaminants"]},
        "technique": lambda v: v in {slug(t["iri"]) for t in row["techniques"]},
        "country": lambda v: v.upper() == (row["country"] or ""),
        "medium": lambda v: v in row["media"],
        "outcome": lambda v: v == row["outcome_class"],
        "nature_based": lambda v: row["nature_based"] == (v == "yes"),
    }
    return all(tests[k](v) for k, v in wanted.items() if v)


def _english(iri: str, label: str) -> str:
    return label


def _options(rows: list[dict[str, Any]], key: str, name: Namer = _english) -> list[tuple[str, str]]:
    """(value, label) pairs for a filter's drop-down, from the things the rows name."""
    seen = {slug(item["iri"]): name(item["iri"], item["label"]) for row in rows for item in row[key]}
    return sorted(seen.items(), key=lambda pair: pair[1].lower())


def case_studies_view(name: Namer = _english) -> dict[str, Any]:
    """The filtered rows and the filters' choices; `name` gives the choices' names in the
    page's language (the twins keep the graph's English labels)."""
    rows = case_rows()
    wanted = {k: request.args.get(k, "").strip() for k in CASE_FILTERS}
    return {"rows": [r for r in rows if _case_matches(r, wanted)], "total": len(rows), "wanted": wanted,
            "options": {
                "contaminant": _options(rows, "contaminants", name), "technique": _options(rows, "techniques", name),
                "country": sorted({(r["country"], r["country_name"]) for r in rows if r["country"]},
                                  key=lambda pair: pair[1]),
                "medium": [(m, name(str(code_iri("medium", m)), m))
                           for m in sorted({m for r in rows for m in r["media"]})],
                "outcome": sorted({(r["outcome_class"], r["outcome_label"] or r["outcome_class"])
                                   for r in rows if r["outcome_class"]}),
            }}


@bp.route("/case-studies")
def case_studies() -> str:
    return render_template("case_studies.html", query=_query(), **case_studies_view(i18n.text))


@bp.route("/case-studies.json")
def case_studies_json() -> ResponseReturnValue:
    return json_response("case_studies", case_studies_view())


@bp.route("/case-studies.csv")
def case_studies_csv() -> ResponseReturnValue:
    header = ["case_study", "country", "start_year", "media", "contaminants", "main_technique", "techniques",
              "nature_based", "outcome_class", "scale", "case_study_iri", "sources"]
    lines = [[r["label"], r["country"] or "", r["start_year"] or "", "; ".join(r["media"]),
              "; ".join(c["label"] for c in r["contaminants"]),
              r["main_technique"]["label"] if r["main_technique"] else "",
              "; ".join(t["label"] for t in r["techniques"]), r["nature_based"], r["outcome_class"] or "",
              r["scale"] or "", r["iri"], " ".join(r["sources"])] for r in case_studies_view()["rows"]]
    return csv_response(header, lines, "remediate-case-studies.csv")


def plant_rows() -> list[dict[str, Any]]:
    store = get_store()
    uses: dict[str, list[dict[str, Any]]] = {}
    for use in select(store, "browse-plant-uses"):
        uses.setdefault(use["plant"], []).append({
            "contaminant": {"iri": use["contaminant"], "label": use["contaminantLabel"]},
            "mechanism": {"iri": use["mechanism"], "label": use["mechanismLabel"]},
            "hyperaccumulator": bool(use["hyperaccumulator"]), "source": use["source"]})
    return [{"iri": p["plant"], "label": p["label"], "family": p["family"],
             "alt_labels": sorted(a for a in (p["alts"] or "").split(", ") if a),
             "climates": sorted(c for c in (p["climates"] or "").split("|") if c),
             "uses": sorted(uses.get(p["plant"], []), key=lambda u: u["contaminant"]["label"].lower())}
            for p in select(store, "browse-plants")]


def _plant_matches(row: dict[str, Any], wanted: dict[str, str]) -> bool:
    tests: dict[str, Callable[[str], bool]] = {
        "contaminant": lambda v: v in {slug(u["contaminant"]["iri"]) for u in row["uses"]},
        "mechanism": lambda v: v in {slug(u["mechanism"]["iri"]) for u in row["uses"]},
        "climate": lambda v: v in row["climates"],
    }
    return all(tests[k](v) for k, v in wanted.items() if v)


def plants_view(name: Namer = _english) -> dict[str, Any]:
    rows = plant_rows()
    wanted = {k: request.args.get(k, "").strip() for k in PLANT_FILTERS}
    everything = [u for r in rows for u in r["uses"]]

    def options(key: str) -> list[tuple[str, str]]:
        seen = {slug(u[key]["iri"]): name(u[key]["iri"], u[key]["label"]) for u in everything}
        return sorted(seen.items(), key=lambda pair: pair[1].lower())

    return {"rows": [r for r in rows if _plant_matches(r, wanted)], "total": len(rows), "wanted": wanted,
            "options": {"contaminant": options("contaminant"), "mechanism": options("mechanism"),
                        "climate": [(c, c) for c in sorted({c for r in rows for c in r["climates"]})]}}


@bp.route("/plants")
def plants() -> str:
    return render_template("plants.html", query=_query(), **plants_view(i18n.text))


@bp.route("/plants.json")
def plants_json() -> ResponseReturnValue:
    return json_response("plants", plants_view())


@bp.route("/plants.csv")
def plants_csv() -> ResponseReturnValue:
    header = ["plant", "family", "climates", "contaminant", "mechanism", "hyperaccumulator", "plant_iri", "source"]
    blank = {"contaminant": {"label": ""}, "mechanism": {"label": ""}, "hyperaccumulator": "", "source": ""}
    lines = [[r["label"], r["family"] or "", "; ".join(r["climates"]), u["contaminant"]["label"],
              u["mechanism"]["label"], u["hyperaccumulator"], r["iri"], u["source"] or ""]
             for r in plants_view()["rows"] for u in r["uses"] or [blank]]
    return csv_response(header, lines, "remediate-plants.csv")
