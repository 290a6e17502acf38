"""Screening: which techniques can treat this site's contaminants in its media, under
its hard constraints, and why every other technique is excluded. Matching comes from
the graph (queries run with bindings); the site's numbers are compared here.

Roles change what "treats" means: a component (air stripping, GAC...) only works
inside the technique it serves, so it is never a candidate on its own and appears in
treatment trains instead; an exposure control (excavation and disposal, caps, covers,
barriers) cuts exposure whatever the contaminant, so it covers every contaminant in the
media it handles, at its own rating where one exists."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .knowledge import Constraint, Knowledge, Statement, Technique
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
# An exposure control with no rating of its own covers a contaminant at this score (the
# "average" step of the rating scale): it removes or isolates, it does not treat.
EXPOSURE_SCORE = 0.6

# kinds of caution, so that criteria read types, not sentences
SITE_LIMIT, UNCHECKED, UNRATED, LAND_USE = "site_limit", "unchecked", "unrated", "land_use"
# kinds of exclusion, so that pages can group them
WRONG_MEDIUM, CONSTRAINT, SITE_EXCLUDED, NOT_APPLICABLE, NOT_RATED, COMPONENT, FARMLAND = (
    "wrong_medium", "constraint", "site_limit", "not_applicable", "not_rated", "component", "land_use")


def destroys_farmland(technique: Technique) -> bool:
    """Digging the soil out (ex situ only), heating it or solidifying it ends its use as
    farmland: a reading of typed facts (setting, category, solidifies), stated in
    docs/recommender.md."""
    return ((technique.settings == {"ex_situ"} and "soil" in technique.media) or technique.category == "thermal"
            or technique.solidifies)


@dataclass(frozen=True)
class Caution:
    kind: str
    text: str


@dataclass(frozen=True)
class Cover:
    """How a candidate covers one contaminant: a sourced statement, or its role."""

    rating: str
    score: float
    weighted: float
    specific: bool
    medium: str | None
    note: str | None
    sources: tuple[str, ...]
    basis: str | None

    @classmethod
    def of(cls, s: Statement) -> Cover:
        return cls(s.rating, s.score, s.weighted, s.specific, s.medium, s.note, s.sources, s.basis)


EXPOSURE_COVER = Cover("exposure_control", EXPOSURE_SCORE, EXPOSURE_SCORE, False, None,
                       "an exposure control: it removes or isolates the soil, whatever the contaminant", (), None)


@dataclass
class Candidate:
    technique: Technique
    covers: dict[str, Cover] = field(default_factory=dict)  # contaminant -> how it is covered
    unrated: bool = False  # no source we hold rates it for any contaminant
    cautions: list[Caution] = field(default_factory=list)
    constraint_sources: list[str] = field(default_factory=list)
    media: set[str] = field(default_factory=set)

    def cautions_of(self, kind: str) -> list[str]:
        return [c.text for c in self.cautions if c.kind == kind]


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


def best_statement(statements: list[Statement]) -> Statement | None:
    """A contaminant-specific statement beats a group one; then the higher weighted rating."""
    if not statements:
        return None
    return max(statements, key=lambda s: (s.specific, s.weighted))


def screen(knowledge: Knowledge, site: Site, contaminants: list[dict[str, Any]]
           ) -> tuple[list[Candidate], list[dict[str, Any]]]:
    treating = {m: knowledge.techniques_for_medium(m) for m in site.media}
    statements: dict[str, dict[str, list[Statement]]] = {}
    for c in contaminants:
        for s in knowledge.applicability(c["iri"]):
            statements.setdefault(s.technique, {}).setdefault(c["iri"], []).append(s)
    candidates, excluded = [], []
    for technique in knowledge.by_label():
        media = {m for m in site.media if technique.iri in treating[m]}
        kind, reasons = _exclusions(knowledge, technique, site, media)
        candidate = Candidate(technique, media=media)
        if not reasons:
            kind, reasons = _coverage(candidate, statements.get(technique.iri, {}), contaminants, media,
                                      technique.iri in knowledge.rated)
        if not reasons:
            kind, reasons = CONSTRAINT, _constraints(candidate, knowledge.constraints_for(technique.iri), site)
        if reasons:
            excluded.append({"technique": technique.summary(), "kind": kind, "reasons": reasons})
        else:
            candidates.append(candidate)
    return candidates, excluded


def _exclusions(knowledge: Knowledge, technique: Technique, site: Site, media: set[str]) -> tuple[str, list[str]]:
    if technique.role == "component":
        served = [knowledge.techniques[s].label for s in technique.serves if s in knowledge.techniques]
        return COMPONENT, [f"A component: it only works inside {', '.join(served) or 'another technique'}, "
                           "so it appears with that technique and in treatment trains, not on its own."]
    if not media:
        return WRONG_MEDIUM, [f"It treats {', '.join(sorted(technique.media)) or 'no recorded medium'}, "
                              f"not the site's {', '.join(site.media)}."]
    if site.in_situ_only and "in_situ" not in technique.settings:
        return SITE_EXCLUDED, ["It works only ex situ, and the site allows in situ treatment only."]
    if site.land_use == "agricultural" and destroys_farmland(technique):
        return FARMLAND, ["It digs out, heats or solidifies the soil, so the field would stop being farmland; "
                          "not offered for agricultural land (give another land use to see it)."]
    return "", []


def _coverage(candidate: Candidate, by_contaminant: dict[str, list[Statement]], contaminants: list[dict[str, Any]],
              media: set[str], rated: bool) -> tuple[str, list[str]]:
    exposure = candidate.technique.role == "exposure_control"
    if not by_contaminant and not exposure and rated:  # the common case on a large graph: nothing to weigh
        names = ", ".join(c["label"] for c in contaminants)
        return NOT_RATED, [f"No source we hold rates it for {names} in {', '.join(sorted(media))}."]
    negative = []
    for c in contaminants:
        fitting = [s for s in by_contaminant.get(c["iri"], []) if s.medium in (None, *media)]
        best = best_statement(fitting)
        if best is not None and best.rating == "not_applicable":
            negative.append(c["label"])
        elif best is not None:
            candidate.covers[c["iri"]] = Cover.of(best)
        elif exposure:
            candidate.covers[c["iri"]] = EXPOSURE_COVER
    if candidate.covers:
        return "", []
    if not rated:
        candidate.unrated = True
        candidate.cautions.append(Caution(UNRATED, "No source we hold rates this technique for any contaminant; "
                                                   "its applicability to this site is unknown."))
        return "", []
    if negative:
        return NOT_APPLICABLE, [f"Its sources say it does not treat {', '.join(negative)}."]
    names = ", ".join(c["label"] for c in contaminants)
    return NOT_RATED, [f"No source we hold rates it for {names} in {', '.join(sorted(media))}."]


def _constraints(candidate: Candidate, constraints: list[Constraint], site: Site) -> list[str]:
    reasons = []
    own = candidate.technique.iri
    for constraint in constraints:
        value = site_value(site, constraint.parameter)
        inherited = "" if constraint.technique == own else " (a limit of the technique it is a form of)"
        if value is None:
            if constraint.effect == "exclude":
                candidate.cautions.append(Caution(UNCHECKED, f"Not checked ({constraint.parameter.replace('_', ' ')} "
                                                             f"not given): {constraint.reason}{inherited}"))
            continue
        if not broken(constraint, value):
            continue
        candidate.constraint_sources += constraint.sources
        if constraint.effect == "exclude":
            reasons.append(f"{constraint.reason}{inherited} (site {constraint.parameter.replace('_', ' ')}: {value})")
        else:
            candidate.cautions.append(Caution(SITE_LIMIT, constraint.reason + inherited))
    return reasons
