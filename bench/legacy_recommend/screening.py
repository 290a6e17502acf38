"""Screening: which techniques can treat this site's contaminants in its media, under
its hard constraints, and why every other technique is excluded. Matching comes from
the graph (queries run with bindings); the site's numbers are compared here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .knowledge import Constraint, Knowledge, Technique
from .site import Site

# NRCS partition of the USDA texture classes into coarse, medium and fine groups
# (https://conservationdigest.com/characteristics-soil-texture-groups), read as the
# permeability classes of kg_data/vocabularies.ttl: coarse -> high, medium -> moderate, fine -> low.
PERMEABILITY_OF_TEXTURE = {
    "sand": "high", "loamy sand": "high", "gravel": "high",
    "sandy loam": "moderate", "loam": "moderate", "silt loam": "moderate", "silt": "moderate",
    "sandy clay loam": "moderate", "silty clay loam": "moderate", "clay loam": "moderate",
    "sandy clay": "low", "silty clay": "low", "clay": "low",
}


@dataclass
class Candidate:
    technique: Technique
    covers: dict[str, dict[str, Any]] = field(default_factory=dict)  # contaminant -> best statement
    unrated: bool = False  # no source we hold rates it for any contaminant
    cautions: list[str] = field(default_factory=list)
    constraint_sources: list[str] = field(default_factory=list)
    media: set[str] = field(default_factory=set)


def site_value(site: Site, parameter: str) -> Any:
    if parameter == "soil_texture":
        return site.soil_texture.replace(" ", "-") if site.soil_texture else None
    if parameter == "permeability":
        return PERMEABILITY_OF_TEXTURE.get(site.soil_texture or "")
    return {"ph": site.ph, "contamination_depth_m": site.contamination_depth_m,
            "groundwater_depth_m": site.groundwater_depth_m, "climate": site.climate,
            "organic_matter_pct": site.organic_matter_pct}.get(parameter)


def broken(constraint: Constraint, value: Any) -> bool:
    if constraint.minimum is not None and value < constraint.minimum:
        return True
    if constraint.maximum is not None and value > constraint.maximum:
        return True
    if constraint.allowed and value not in constraint.allowed:
        return True
    return bool(constraint.disallowed and value in constraint.disallowed)


def best_statement(statements: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A contaminant-specific statement beats a group one; then the higher rating."""
    if not statements:
        return None
    return max(statements, key=lambda s: (bool(s["specific"]), s["score"]))


def screen(knowledge: Knowledge, site: Site, contaminants: list[dict[str, Any]]
           ) -> tuple[list[Candidate], list[dict[str, Any]]]:
    treating = {m: knowledge.techniques_for_medium(m) for m in site.media}
    statements: dict[str, dict[str, list]] = {}
    for c in contaminants:
        for s in knowledge.applicability(c["iri"]):
            statements.setdefault(s["technique"], {}).setdefault(c["iri"], []).append(s)
    candidates, excluded = [], []
    for technique in sorted(knowledge.techniques.values(), key=lambda t: t.label.lower()):
        media = {m for m in site.media if technique.iri in treating[m]}
        reasons = _exclusions(technique, site, media)
        candidate = Candidate(technique, media=media)
        if not reasons and technique.iri not in knowledge.rated:
            candidate.unrated = True
            candidate.cautions.append("No source we hold rates this technique for any contaminant; "
                                      "its applicability to this site is unknown.")
        elif not reasons:
            reasons += _coverage(candidate, statements.get(technique.iri, {}), contaminants, media)
        if not reasons:
            reasons += _constraints(candidate, knowledge.constraints.get(technique.iri, []), site)
        if reasons:
            excluded.append({"technique": technique.summary(), "reasons": reasons})
        else:
            candidates.append(candidate)
    return candidates, excluded


def _exclusions(technique: Technique, site: Site, media: set[str]) -> list[str]:
    if not media:
        return [f"It treats {', '.join(sorted(technique.media)) or 'no recorded medium'}, "
                f"not the site's {', '.join(site.media)}."]
    if site.in_situ_only and "in_situ" not in technique.settings:
        return ["It works only ex situ, and the site allows in situ treatment only."]
    return []


def _coverage(candidate: Candidate, by_contaminant: dict[str, list], contaminants: list[dict[str, Any]],
              media: set[str]) -> list[str]:
    negative = []
    for c in contaminants:
        fitting = [s for s in by_contaminant.get(c["iri"], []) if s["medium"] in (None, *media)]
        best = best_statement(fitting)
        if best is None:
            continue
        if best["rating"] == "not_applicable":
            negative.append(c["label"])
        else:
            candidate.covers[c["iri"]] = best
    if candidate.covers:
        return []
    names = ", ".join(c["label"] for c in contaminants)
    if negative:
        return [f"Its sources say it does not treat {', '.join(negative)}."]
    return [f"No source we hold rates it for {names} in {', '.join(sorted(media))}."]


def _constraints(candidate: Candidate, constraints: list[Constraint], site: Site) -> list[str]:
    reasons = []
    for constraint in constraints:
        value = site_value(site, constraint.parameter)
        if value is None:
            if constraint.effect == "exclude":
                candidate.cautions.append(f"Not checked ({constraint.parameter} not given): {constraint.reason}")
            continue
        if not broken(constraint, value):
            continue
        candidate.constraint_sources += constraint.sources
        if constraint.effect == "exclude":
            reasons.append(f"{constraint.reason} (site {constraint.parameter.replace('_', ' ')}: {value})")
        else:
            candidate.cautions.append(constraint.reason)
    return reasons
