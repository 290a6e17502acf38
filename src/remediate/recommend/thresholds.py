"""Guideline exceedances: concentrations the user gave, compared with the guideline
values for the site's land use (and country, when we hold values for it)."""

from __future__ import annotations

from typing import Any

from .knowledge import Knowledge
from .site import Site

MG_PER_KG = "http://qudt.org/vocab/unit/MilliGM-PER-KiloGM"
UG_PER_L = "http://qudt.org/vocab/unit/MicroGM-PER-L"
# what a given concentration is compared with: (medium, unit IRI, unit as written, the entry's fields)
MEASURES = (("soil", MG_PER_KG, "mg/kg", "max_concentration_mg_kg", "concentration_mg_kg"),
            ("groundwater", UG_PER_L, "ug/L", "max_groundwater_ug_l", "groundwater_ug_l"))


def _country_matches(site_country: str | None, row: dict[str, Any]) -> bool:
    if not site_country:
        return False
    wanted = site_country.strip().lower()
    name = (row.get("jurisdictionLabel") or "").split("(")[0].strip().lower()  # "Canada (CCME)" -> "canada"
    return wanted in ((row.get("country") or "").lower(), name)


def exceedances(knowledge: Knowledge, site: Site, resolved: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Soil concentrations against soil values (mg/kg) and groundwater concentrations against
    groundwater values (ug/L); the site's country first, when we hold values for it; a
    value held for a pH band only when the site's pH falls in it (or no pH was given)."""
    out: list[dict[str, Any]] = []
    for entry, match in zip(site.contaminants, resolved, strict=True):
        if not match.get("iri"):
            continue
        for medium, unit, written, highest, typical in MEASURES:
            concentration = getattr(entry, highest) or getattr(entry, typical)
            if concentration is None:
                continue
            rows = [r for r in knowledge.guidelines(match["iri"]) if r["unit"] == unit and r["medium"] == medium]
            if site.land_use:
                rows = [r for r in rows if r["landUse"] in (site.land_use, "any")]
            rows = [r for r in rows if _in_band(site.ph, r)]
            local = [r for r in rows if _country_matches(site.country, r)]
            for row in local or rows:
                if concentration > row["value"]:
                    out.append(_entry(match, row, medium, written, concentration, bool(local)))
    return sorted(out, key=lambda e: -(e["ratio"] or float("inf")))


def _in_band(ph: float | None, row: dict[str, Any]) -> bool:
    if ph is None:
        return True
    low, high = row.get("phMin"), row.get("phMax")
    return (low is None or ph > low) and (high is None or ph <= high)


def _entry(match: dict[str, Any], row: dict[str, Any], medium: str, unit: str, concentration: float,
           in_country: bool) -> dict[str, Any]:
    entry = {
        "contaminant": match["iri"], "label": match["label"], "medium": medium, "unit": unit,
        "concentration": concentration, "value": row["value"],
        "jurisdiction": row["jurisdiction"], "jurisdiction_label": row["jurisdictionLabel"],
        "instrument": row["instrument"], "year": row["year"], "value_type": row["valueType"],
        "land_use": row["landUse"], "ph_band": [row.get("phMin"), row.get("phMax")] if (
            row.get("phMin") is not None or row.get("phMax") is not None) else None,
        "ratio": round(concentration / row["value"], 2) if row["value"] else None,
        "basis": row["basis"], "note": row["note"], "guideline": row["guideline"], "source": row["source"],
        "sources": [s for s in (row.get("sources") or "").split("|") if s], "in_site_country": in_country,
    }
    if medium == "soil":  # the names the results page and older clients read
        entry.update({"concentration_mg_kg": concentration, "value_mg_kg": row["value"]})
    return entry
