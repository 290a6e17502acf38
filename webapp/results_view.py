"""What the results page shows beyond the recommender's answer: the summary rows of the
ranking, the exclusions grouped by kind, the legend of rating words, and plain words for
field and criterion names. The JSON twin stays the recommender's answer as it is."""

from __future__ import annotations

import re
from typing import Any

from flask import current_app, g
from flask_babel import gettext as _

from remediate.store import select

from .store_ext import get_store

ONTOLOGY = "https://w3id.org/remediate/ontology/"
# the order the groups of excluded techniques are shown in; an unknown kind goes last
UNIT_SUFFIXES = ("_m", "_m2", "_m3", "_pct", "_years", "_usd")
EXCLUSION_ORDER = ("below_top", "site_limit", "constraint", "land_use", "not_applicable", "not_rated",
                   "wrong_medium", "component")


def field_labels() -> dict[str, str]:
    """Plain names for the site's fields, as the form names them."""
    return {
        "name": _("Site name"), "country": _("Country"), "description": _("Description"),
        "media": _("Media"), "soil_texture": _("Soil texture"), "ph": _("Soil pH"),
        "organic_matter_pct": _("Organic matter (%)"), "contamination_depth_m": _("Depth of contamination (m)"),
        "groundwater_depth_m": _("Depth to groundwater (m)"), "area_m2": _("Area (m²)"),
        "volume_m3": _("Volume (m³)"), "land_use": _("Land use"), "climate": _("Climate"),
        "max_duration_years": _("Time available (years)"), "budget_usd": _("Budget (USD)"),
        "in_situ_only": _("In situ only"), "prefer_nature_based": _("Prefer nature-based solutions"),
    }


def criterion_labels() -> dict[str, str]:
    return {
        "effectiveness": _("Effectiveness"), "site_fit": _("Site fit"), "time": _("Time"), "cost": _("Cost"),
        "maturity": _("Maturity"), "sustainability": _("Sustainability"), "evidence": _("Documented cases"),
        "nature_based": _("Nature-based"), "land_use": _("Land use"),
    }


def exclusion_headings() -> dict[str, str]:
    return {
        "below_top": _("Fit the site but ranked below those shown"),
        "site_limit": _("Outside a limit you set (in situ only, time, budget)"),
        "constraint": _("The site breaks a recorded limit of the technique"),
        "land_use": _("Not suited to the land use"),
        "not_applicable": _("Sources say it does not treat these contaminants"),
        "not_rated": _("No source rates it for these contaminants"),
        "wrong_medium": _("Treats another medium"),
        "component": _("Works only as part of another technique"),
        "other": _("Other reasons"),
    }


def plain(text: str) -> str:
    """Text with raw field names ("contamination_depth_m", or "contamination depth m" as the
    recommender spells them in notes) replaced by their plain names."""
    for pattern, label in _unit_fields():
        text = pattern.sub(label, text)
    return text


def _unit_fields() -> list[tuple[re.Pattern[str], str]]:
    """The fields with a unit and their plain names, built once per request (a results page
    calls plain() thousands of times; each translation lookup costs Flask-Babel a context walk)."""
    if "unit_fields" not in g:
        g.unit_fields = [(re.compile(rf"\b{field}\b|\b{field.replace('_', ' ')}\b"), label)
                         for field, label in field_labels().items() if field.endswith(UNIT_SUFFIXES)]
    return g.unit_fields


def number(value: float | int) -> str:
    """A number as people write it: no trailing .0, thousands separated."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def span(low: float | int | None, high: float | int | None) -> str:
    """"5" when both ends agree, "5–10" otherwise, "" when neither is known."""
    ends = [v for v in (low, high) if v is not None]
    if not ends:
        return ""
    if len(ends) == 1 or ends[0] == ends[1]:
        return number(ends[0])
    return f"{number(ends[0])}–{number(ends[1])}"


def cost_text(cost: dict[str, Any] | None) -> str:
    """"USD 230,000 per site (2004)"; "" when there is no cost; no "(None)" when the year is unknown."""
    if not cost or (cost.get("min") is None and cost.get("max") is None):
        return ""
    text = " ".join(part for part in (cost.get("currency"), span(cost.get("min"), cost.get("max"))) if part)
    if cost.get("per"):
        text += " " + _("per %(unit)s", unit=cost["per"])
    if cost.get("year"):
        text += f" ({cost['year']})"
    return text


def time_text(years: list[float] | None) -> str:
    if not years:
        return ""
    return _("%(span)s years", span=span(years[0], years[-1]))


def main_reason(recommendation: dict[str, Any], means: dict[str, float]) -> str:
    """In words, the criterion that sets the technique furthest above the average of those
    shown (means: criterion -> mean contribution); the one that added most when none does."""
    criteria = recommendation.get("criteria") or []
    if not criteria:
        return (recommendation.get("reasons") or [""])[0]
    lead = max(criteria, key=lambda c: c["contribution"] - means.get(c["criterion"], 0.0))
    top = lead if lead["contribution"] > means.get(lead["criterion"], 0.0) else \
        max(criteria, key=lambda c: c["contribution"])
    return f"{criterion_labels().get(top['criterion'], top['criterion'])}: {plain(top['note'])}"


def summary_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    known = sum(1 for c in result["contaminants"] if c.get("iri"))
    totals: dict[str, list[float]] = {}
    for r in result["recommendations"]:
        for c in r.get("criteria") or []:
            totals.setdefault(c["criterion"], []).append(c["contribution"])
    means = {name: sum(values) / len(values) for name, values in totals.items()}
    return [{"rank": r["rank"], "iri": r["technique"]["iri"], "label": r["technique"]["label"],
             "nature_based": r["technique"]["nature_based"], "score": r["score"], "covers": len(r["covers"]),
             "of": known, "reason": main_reason(r, means), "time": time_text(r.get("time_years")),
             "cost": cost_text(r.get("cost"))} for r in result["recommendations"]]


def exclusion_groups(excluded: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The excluded techniques by kind, in EXCLUSION_ORDER, each group under a plain heading."""
    headings = exclusion_headings()
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in excluded:
        kind = str(entry.get("kind"))
        kind = kind if kind in headings else "other"
        groups.setdefault(kind, []).append(entry)
    order = [*EXCLUSION_ORDER, "other"]
    return [{"kind": kind, "heading": headings[kind], "entries": groups[kind]}
            for kind in sorted(groups, key=order.index)]


def legend() -> list[dict[str, str]]:
    """The rating words the notes use, with the knowledge graph's definitions (read once per app)."""
    if "remediate.legend" not in current_app.extensions:
        rows = select(get_store(), "form-vocabulary", **{"class": ONTOLOGY + "ApplicabilityRating"})
        words = [{"term": r["code"].replace("_", " "), "definition": r["definition"] or r["label"]}
                 for r in sorted(rows, key=lambda r: r["code"]) if r["code"] != "not_applicable"]
        current_app.extensions["remediate.legend"] = words
    order = {"better": 0, "average": 1, "below average": 2, "listed": 3}
    words = sorted(current_app.extensions["remediate.legend"], key=lambda w: order.get(w["term"], 9))
    return [*words, {"term": _("exposure control"),
                     "definition": _("Covered as an exposure control: it removes or isolates the soil "
                                     "rather than treating the contaminant.")}]
