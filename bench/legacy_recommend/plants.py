"""Plant species for plant-based techniques: what the sources link to the site's
contaminants, species named for the contaminant itself first, then those of the site's
climate, then hyperaccumulators."""

from __future__ import annotations

from typing import Any

from .knowledge import Knowledge
from .site import Site

MAX_PLANTS = 8


def plants_for(knowledge: Knowledge, technique: str, contaminants: dict[str, str], site: Site) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for iri, label in contaminants.items():
        for use in knowledge.plants(iri):
            if use["technique"] != technique:
                continue
            entry = found.setdefault(use["plant"], {
                "plant": use["plant"], "label": use["plantLabel"], "contaminants": [], "named_for": 0,
                "hyperaccumulator": False, "climates": [c for c in (use["climates"] or "").split("|") if c],
                "sources": []})
            if label not in entry["contaminants"]:
                entry["contaminants"].append(label)
                entry["named_for"] += int(bool(use["specific"]))  # the source names this contaminant
            entry["hyperaccumulator"] |= bool(use["hyperaccumulator"])
            entry["sources"] += [s for s in (use["sources"] or "").split("|") if s and s not in entry["sources"]]

    def order(plant: dict[str, Any]) -> tuple:
        fits = bool(site.climate) and site.climate in plant["climates"]
        return (-plant["named_for"], -len(plant["contaminants"]), not fits, not plant["hyperaccumulator"],
                plant["label"])

    return sorted(found.values(), key=order)[:MAX_PLANTS]
