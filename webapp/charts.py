"""Server-rendered SVG charts. A contaminant's page charts its guideline values across
jurisdictions and land uses on a log axis (the values span orders of magnitude): one row per
value, grouped by jurisdiction, soil (mg/kg) and groundwater (ug/L) in separate panels.
Python places every mark; the template only draws them."""

from __future__ import annotations

import math
from itertools import groupby
from typing import Any

from flask import Blueprint

from remediate.namespaces import BASE
from remediate.store import select

from .store_ext import get_store

bp = Blueprint("charts", __name__)
CONTAMINANTS = BASE + "id/contaminant/"
QUDT = "http://qudt.org/vocab/unit/"
# panels in this order; a unit not listed here is not charted
PANELS = ((QUDT + "MilliGM-PER-KiloGM", "mg/kg", "soil"), (QUDT + "MicroGM-PER-L", "µg/L", "groundwater"))
LABEL_W, PLOT_W, ROW_H, GROUP_H, AXIS_H, PAD = 300, 460, 17, 22, 28, 16


def log_axis(values: list[float]) -> tuple[int, int]:
    """The decades the axis spans: from the one at or below the least value to the one at or above the most."""
    low, high = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))
    return (low, high) if high > low else (low - 1, high + 1)


def value_text(value: float) -> str:
    return f"{value:g}"


def _row_label(row: dict[str, Any]) -> str:
    use = row["instrumentClass"] or row["landUse"].replace("_", " ")
    return f"{use} · {row['valueType'].replace('_', ' ')}"


def panel(rows: list[dict[str, Any]], unit: str, medium: str) -> dict[str, Any]:
    """One chart: jurisdictions (by name), each with its values (least first), on a shared log axis."""
    low, high = log_axis([r["value"] for r in rows])
    def x(value: float) -> float:
        return LABEL_W + PLOT_W * (math.log10(value) - low) / (high - low)

    y = AXIS_H
    groups, marks = [], []
    ordered = sorted(rows, key=lambda r: (r["jurisdictionLabel"].lower(), r["value"], _row_label(r)))
    for (iri, label), members in groupby(ordered, key=lambda r: (r["jurisdiction"], r["jurisdictionLabel"])):
        groups.append({"iri": iri, "label": label, "y": y + GROUP_H * 0.7})
        y += GROUP_H
        for r in members:
            marks.append({"x": round(x(r["value"]), 1), "y": y + ROW_H / 2, "label": _row_label(r),
                          "text": value_text(r["value"]), "guideline": r["guideline"], "jurisdiction": label})
            y += ROW_H
    ticks = [{"x": round(x(10.0 ** k), 1), "text": value_text(10.0 ** k)} for k in range(low, high + 1)]
    return {"unit": unit, "medium": medium, "marks": marks, "groups": groups, "ticks": ticks,
            "plot_left": LABEL_W, "plot_right": LABEL_W + PLOT_W, "top": AXIS_H, "bottom": y,
            "width": LABEL_W + PLOT_W + PAD * 4, "height": y + PAD}


def guideline_panels(contaminant: str) -> list[dict[str, Any]]:
    """The charts for one contaminant's page; none for anything that is not a contaminant."""
    if not contaminant.startswith(CONTAMINANTS):
        return []
    rows = select(get_store(), "guideline-chart", contaminant=contaminant)
    panels = []
    for unit_iri, unit, medium in PANELS:
        charted = [r for r in rows if r["unit"] == unit_iri and r["value"] is not None and r["value"] > 0]
        if charted:
            panels.append(panel(charted, unit, medium))
    return panels


@bp.app_context_processor
def chart_helpers() -> dict[str, Any]:
    return {"guideline_panels": guideline_panels}
