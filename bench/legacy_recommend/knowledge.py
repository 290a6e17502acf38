"""What the recommender reads from the graph. Tables that do not depend on the site
(techniques, contaminant names, constraints, case studies) are read once per store;
everything that depends on the site is asked per request with bindings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from remediate.store import Store, select

CACHE_SIZE = 1024


def _split(cell: Any) -> list[str]:
    return [part for part in str(cell or "").split("|") if part]


@dataclass
class Technique:
    iri: str
    label: str
    nature_based: bool
    category: str | None
    maturity: str | None
    alt_labels: list[str]
    media: set[str]
    settings: set[str]
    functions: set[str]
    sources: list[str]
    time_min: float | None = None
    time_max: float | None = None
    time_sources: list[str] = field(default_factory=list)
    cost_min: float | None = None
    cost_max: float | None = None
    cost_unit: str | None = None
    cost_currency: str | None = None
    cost_year: int | None = None
    cost_sources: list[str] = field(default_factory=list)
    limitations: str | None = None

    def summary(self) -> dict[str, Any]:
        return {"iri": self.iri, "label": self.label, "alt_labels": sorted(self.alt_labels),
                "nature_based": self.nature_based}


@dataclass
class Contaminant:
    iri: str
    label: str
    cas: str | None
    alt_labels: list[str]
    groups: list[str]
    group_labels: list[str]


@dataclass
class Constraint:
    technique: str
    parameter: str
    minimum: float | None
    maximum: float | None
    allowed: set[str]
    disallowed: set[str]
    effect: str
    reason: str
    sources: list[str]


@dataclass
class CaseStudy:
    iri: str
    label: str
    description: str
    country: str | None
    media: set[str]
    contaminants: set[str]
    textures: set[str]
    land_uses: set[str]
    climates: set[str]
    techniques: set[str]
    sources: list[str]
    outcome: str | None


@dataclass
class Knowledge:
    store: Store
    techniques: dict[str, Technique] = field(default_factory=dict)
    contaminants: dict[str, Contaminant] = field(default_factory=dict)
    constraints: dict[str, list[Constraint]] = field(default_factory=dict)
    cases: list[CaseStudy] = field(default_factory=list)
    rated: set[str] = field(default_factory=set)  # techniques with any applicability statement
    # Answers per contaminant never change for a read-only store, so they are kept (bounded).
    _cache: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store) -> Knowledge:
        knowledge = cls(store)
        for r in select(store, "rec-techniques"):
            knowledge.techniques[r["technique"]] = Technique(
                iri=r["technique"], label=r["label"], nature_based=bool(r["natureBased"]), category=r["category"],
                maturity=r["maturity"], alt_labels=_split(r["alts"]), media=set(_split(r["media"])),
                settings=set(_split(r["settings"])), functions=set(_split(r["functions"])),
                sources=_split(r["sources"]), time_min=r["timeMin"], time_max=r["timeMax"],
                time_sources=_split(r["timeSrc"]), cost_min=r["costMin"], cost_max=r["costMax"],
                cost_unit=r["costUnit"],
                cost_currency=r["costCurrency"], cost_year=r["costYear"], cost_sources=_split(r["costSrc"]),
                limitations=r["limitations"])
        knowledge.rated = {r["technique"] for r in select(store, "rec-rated-techniques")}
        for r in select(store, "rec-contaminants"):
            knowledge.contaminants[r["contaminant"]] = Contaminant(
                iri=r["contaminant"], label=r["label"], cas=r["cas"], alt_labels=_split(r["alts"]),
                groups=_split(r["groups"]), group_labels=_split(r["groupLabels"]))
        for r in select(store, "rec-constraints"):
            knowledge.constraints.setdefault(r["technique"], []).append(Constraint(
                technique=r["technique"], parameter=r["parameter"], minimum=r["minimum"], maximum=r["maximum"],
                allowed=set(_split(r["allowed"])), disallowed=set(_split(r["disallowed"])), effect=r["effect"],
                reason=r["reason"], sources=_split(r["sources"])))
        for r in select(store, "rec-case-studies"):
            knowledge.cases.append(CaseStudy(
                iri=r["case"], label=r["label"], description=r["description"] or "", country=r["country"],
                media=set(_split(r["media"])), contaminants=set(_split(r["contaminants"])),
                textures=set(_split(r["textures"])), land_uses=set(_split(r["landUses"])),
                climates=set(_split(r["climates"])), techniques=set(_split(r["techniques"])),
                sources=_split(r["sources"]), outcome=r["outcome"]))
        return knowledge

    # -- per request, with bindings ------------------------------------------------
    def _cached(self, kind: str, contaminant: str, fetch) -> list[dict[str, Any]]:
        key = (kind, contaminant)
        if key not in self._cache:
            if len(self._cache) > CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = fetch()
        return self._cache[key]

    def clear_cache(self) -> None:
        self._cache.clear()

    def applicability(self, contaminant: str) -> list[dict[str, Any]]:
        return self._cached("applicability", contaminant, lambda: _fold_sources(
            select(self.store, "rec-applicability-for", contaminant=contaminant), "statement"))

    def techniques_for_medium(self, medium: str) -> set[str]:
        return {r["technique"] for r in select(self.store, "rec-techniques-for-medium", medium=medium)}

    def plants(self, contaminant: str) -> list[dict[str, Any]]:
        return self._cached("plants", contaminant, lambda: _fold_sources(
            select(self.store, "rec-plants-for", contaminant=contaminant), "use"))

    def guidelines(self, contaminant: str) -> list[dict[str, Any]]:
        return self._cached("guidelines", contaminant, lambda: [
            {**row, "source": (row["sources"] or "").split("|")[0] or None}
            for row in _fold_sources(select(self.store, "rec-guidelines-for", contaminant=contaminant), "guideline")])


def _fold_sources(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """One row per `key`, its `source` values joined into `sources` (query rows repeat per source)."""
    folded: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = folded.setdefault(row[key], {**row, "sources": ""})
        if row["source"] and row["source"] not in entry["sources"].split("|"):
            entry["sources"] = "|".join(filter(None, [entry["sources"], row["source"]]))
    return list(folded.values())
