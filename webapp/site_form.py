"""The site form's fields <-> the site contract. The form submits with GET, so a
results page is a plain URL that can be shared and reloads to the same answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from remediate.recommend.scoring import DEFAULT_WEIGHTS

NUMBERS = ("ph", "organic_matter_pct", "contamination_depth_m", "groundwater_depth_m", "area_m2", "volume_m3")
TEXTS = ("name", "country", "description")
CHOICES = ("soil_texture", "land_use", "climate")
CONSTRAINT_NUMBERS = ("max_duration_years", "budget_usd")
FLAGS = ("in_situ_only", "prefer_nature_based")
ROWS = ("c_name", "c_cas", "c_conc", "c_max", "c_gw")
MIN_ROWS = 3
DEFAULT_TOP, MAX_TOP = 10, 50


@dataclass
class FormState:
    """What the form shows: the values entered and the errors by input name."""

    values: MultiDict
    errors: dict[str, str] = field(default_factory=dict)

    def rows(self) -> list[dict[str, str]]:
        count = max(MIN_ROWS, *(len(self.values.getlist(k)) for k in ROWS))
        if self.values.get("add_row"):
            count += 1
        cells = {k: self.values.getlist(k) for k in ROWS}
        return [{k: (cells[k][i] if i < len(cells[k]) else "") for k in ROWS} for i in range(count)]


def _number(raw: str, name: str, errors: dict[str, str]) -> float | None:
    raw = raw.strip().replace(",", ".")
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        errors[name] = _("Enter a number, such as 6.5.")
        return None


def site_from_args(args: MultiDict) -> tuple[dict[str, Any], dict[str, str], list[int]]:
    """The site contract built from form fields, form-level errors (by input name), and
    for each contaminant of the contract the form row it came from (blank rows are
    skipped, so the two need not agree)."""
    errors: dict[str, str] = {}
    site: dict[str, Any] = {k: args.get(k, "").strip() or None for k in TEXTS + CHOICES}
    for key in NUMBERS:
        site[key] = _number(args.get(key, ""), key, errors)
    site["media"] = args.getlist("media")
    contaminants = []
    rows: list[int] = []
    columns = {k: args.getlist(k) for k in ROWS}
    for i in range(max(len(v) for v in columns.values()) if any(columns.values()) else 0):
        cell = {k: (columns[k][i] if i < len(columns[k]) else "").strip() for k in ROWS}
        if not any(cell.values()):
            continue
        rows.append(i)
        contaminants.append({
            "name": cell["c_name"] or None, "cas": cell["c_cas"] or None,
            "concentration_mg_kg": _number(cell["c_conc"], f"c_conc-{i}", errors),
            "max_concentration_mg_kg": _number(cell["c_max"], f"c_max-{i}", errors),
            "groundwater_ug_l": _number(cell["c_gw"], f"c_gw-{i}", errors)})
    site["contaminants"] = contaminants
    constraints: dict[str, Any] = {k: _number(args.get(k, ""), k, errors) for k in CONSTRAINT_NUMBERS}
    constraints.update({k: args.get(k) in ("1", "on", "true") for k in FLAGS})
    site["constraints"] = constraints
    weights = {}
    for criterion in DEFAULT_WEIGHTS:
        value = _number(args.get(f"w_{criterion}", ""), f"w_{criterion}", errors)
        if value is not None:
            weights[criterion] = value
    site["weights"] = weights
    return {k: v for k, v in site.items() if v is not None}, errors, rows


def top_from_args(args: MultiDict, errors: dict[str, str]) -> int:
    """How many techniques to rank: a whole number, held to 1..MAX_TOP. int() decides, not
    str.isdigit(), which also passes "²" and "①"."""
    raw = args.get("top", "").strip()
    if not raw:
        return DEFAULT_TOP
    try:
        top = int(raw)
    except ValueError:
        errors["top"] = _("The number of results (top) must be a whole number, such as 10.")
        return DEFAULT_TOP
    return min(MAX_TOP, max(1, top))


def input_name(field_path: str, rows: list[int] | None = None) -> str:
    """Which form input a contract field error belongs to: contaminants[2].name -> c_name-R,
    where R is the form row the third contaminant came from."""
    def row(index: str) -> str:
        return str(rows[int(index)]) if rows and index.isdecimal() and int(index) < len(rows) else index

    if field_path.startswith("contaminants[") and "]." in field_path:
        index, leaf = field_path[len("contaminants["):].split("].", 1)
        column = {"name": "c_name", "cas": "c_cas", "concentration_mg_kg": "c_conc",
                  "max_concentration_mg_kg": "c_max", "groundwater_ug_l": "c_gw"}.get(leaf, "c_name")
        return f"{column}-{row(index)}"
    if field_path.startswith("contaminants["):
        return f"c_name-{row(field_path[len('contaminants['):].rstrip(']'))}"
    if field_path.startswith("constraints."):
        return field_path.split(".", 1)[1]
    if field_path.startswith("weights."):
        return "w_" + field_path.split(".", 1)[1]
    return field_path
