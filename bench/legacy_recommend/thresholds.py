"""Guideline exceedances: concentrations the user gave, compared with the guideline
values for the site's land use (and country, when we hold values for it)."""

from __future__ import annotations

from typing import Any

from .knowledge import Knowledge
from .site import Site

MG_PER_KG = "http://qudt.org/vocab/unit/MilliGM-PER-KiloGM"


def _country_matches(site_country: str | None, row: dict[str, Any]) -> bool:
    if not site_country:
        return False
    wanted = site_country.strip().lower()
    name = (row.get("jurisdictionLabel") or "").split("(")[0].strip().lower()  # "Canada (CCME)" -> "canada"
    return wanted in ((row.get("country") or "").lower(), name)


def exceedances(knowledge: Knowledge, site: Site, resolved: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for entry, match in zip(site.contaminants, resolved, strict=True):
        concentration = entry.max_concentration_mg_kg or entry.concentration_mg_kg
        if concentration is None or not match.get("iri"):
            continue
        rows = [r for r in knowledge.guidelines(match["iri"]) if r["unit"] == MG_PER_KG and r["medium"] == "soil"]
        if site.land_use:
            rows = [r for r in rows if r["landUse"] in (site.land_use, "any")]
        local = [r for r in rows if _country_matches(site.country, r)]
        for row in local or rows:
            if concentration <= row["value"]:
                continue
            out.append({
                "contaminant": match["iri"], "label": match["label"], "concentration_mg_kg": concentration,
                "jurisdiction": row["jurisdiction"], "jurisdiction_label": row["jurisdictionLabel"],
                "instrument": row["instrument"], "year": row["year"], "value_type": row["valueType"],
                "land_use": row["landUse"], "value_mg_kg": row["value"],
                "ratio": round(concentration / row["value"], 2) if row["value"] else None,
                "basis": row["basis"], "note": row["note"], "guideline": row["guideline"], "source": row["source"],
                "sources": [s for s in (row.get("sources") or "").split("|") if s],
                "in_site_country": bool(local),
            })
    return sorted(out, key=lambda e: -(e["ratio"] or float("inf")))
