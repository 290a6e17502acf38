"""What the recommender reads from the graph. Tables that do not depend on the site
(techniques, contaminant names, constraints, case studies) are read once per store;
everything that depends on the site is asked per request with bindings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..store import Store, select

CACHE_SIZE = 1024
# How much a rating's basis tempers it: a rating counts at BASIS_FLOOR + (1 - BASIS_FLOOR)
# times its basis weight (kg_data/vocabularies.ttl), so an inferred "better" stays above a
# matrix "average" but below a matrix "better".
BASIS_FLOOR = 0.6
UNKNOWN_BASIS_WEIGHT = 0.6  # a rating that does not say what it rests on counts as our reading


def _split(cell: Any) -> list[str]:
    """GROUP_CONCAT cells become lists here, once; nothing downstream splits strings."""
    return [part for part in str(cell or "").split("|") if part]


@dataclass(frozen=True)
class Statement:
    """One sourced applicability rating of a technique for a contaminant or its group."""

    iri: str
    technique: str
    target: str
    specific: bool  # about the contaminant itself, not one of its groups
    rating: str
    score: float
    basis: str | None
    basis_weight: float
    medium: str | None
    note: str | None
    sources: tuple[str, ...]

    @property
    def weighted(self) -> float:
        return self.score * (BASIS_FLOOR + (1 - BASIS_FLOOR) * self.basis_weight)


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
    role: str = "standalone"
    serves: list[str] = field(default_factory=list)
    form_of: str | None = None
    solidifies: bool = False

    def summary(self) -> dict[str, Any]:
        return {"iri": self.iri, "label": self.label, "alt_labels": list(self.alt_labels),
                "nature_based": self.nature_based}


@dataclass
class Contaminant:
    iri: str
    label: str
    cas: str | None
    alt_labels: list[str]
    groups: list[str]
    group_labels: list[str]
    translations: dict[str, str] = field(default_factory=dict)  # name in another FAO language -> its language


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
    outcome_class: str = "unknown"
    main_technique: str | None = None
    site_key: str = ""
    sequence: list[str] = field(default_factory=list)  # technique ids in the order applied
    scale: str | None = None


@dataclass
class Knowledge:
    store: Store
    techniques: dict[str, Technique] = field(default_factory=dict)
    contaminants: dict[str, Contaminant] = field(default_factory=dict)
    constraints: dict[str, list[Constraint]] = field(default_factory=dict)
    cases: list[CaseStudy] = field(default_factory=list)
    rated: set[str] = field(default_factory=set)  # techniques with any applicability statement
    # Answers per contaminant never change for a read-only store, so they are kept (bounded).
    _cache: dict[tuple[str, str], list[Any]] = field(default_factory=dict)
    _components: dict[str, list[Technique]] | None = None
    _by_label: list[Technique] | None = None

    @classmethod
    def load(cls, store: Store) -> Knowledge:
        knowledge = cls(store)
        for r in select(store, "rec-techniques"):
            knowledge.techniques[r["technique"]] = Technique(
                iri=r["technique"], label=r["label"], nature_based=bool(r["natureBased"]), category=r["category"],
                maturity=r["maturity"], alt_labels=sorted(_split(r["alts"])), media=set(_split(r["media"])),
                settings=set(_split(r["settings"])), functions=set(_split(r["functions"])),
                sources=_split(r["sources"]), time_min=r["timeMin"], time_max=r["timeMax"],
                time_sources=_split(r["timeSrc"]), cost_min=r["costMin"], cost_max=r["costMax"],
                cost_unit=r["costUnit"],
                cost_currency=r["costCurrency"], cost_year=r["costYear"], cost_sources=_split(r["costSrc"]),
                limitations=r["limitations"], role=r["role"] or "standalone", serves=_split(r["serves"]),
                form_of=r["formOf"], solidifies=bool(r["solidifies"]))
        knowledge.rated = {r["technique"] for r in select(store, "rec-rated-techniques")}
        for r in select(store, "rec-contaminants"):
            knowledge.contaminants[r["contaminant"]] = Contaminant(
                iri=r["contaminant"], label=r["label"], cas=r["cas"], alt_labels=_split(r["alts"]),
                groups=_split(r["groups"]), group_labels=_split(r["groupLabels"]),
                translations={name: lang for lang, _, name in (t.partition(":") for t in _split(r["translations"]))})
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
                sources=_split(r["sources"]), outcome=r["outcome"], outcome_class=r["outcomeClass"] or "unknown",
                main_technique=r["mainTechnique"], site_key=r["siteKey"] or r["case"],
                sequence=_split(r["sequence"]), scale=r["scale"]))
        return knowledge

    def constraints_for(self, technique: str) -> list[Constraint]:
        """Its own site limits and those of every broader technique it is a form of: an
        exclusion of the family applies to its members."""
        out: list[Constraint] = []
        seen: set[str] = set()
        current: str | None = technique
        while current and current not in seen:
            seen.add(current)
            out += self.constraints.get(current, [])
            current = self.techniques[current].form_of if current in self.techniques else None
        return out

    def components_of(self, technique: str) -> list[Technique]:
        if self._components is None:
            served: dict[str, list[Technique]] = {}
            for t in sorted(self.techniques.values(), key=lambda t: t.label.lower()):
                if t.role == "component":
                    for s in t.serves:
                        served.setdefault(s, []).append(t)
            self._components = served
        return self._components.get(technique, [])

    def by_label(self) -> list[Technique]:
        if self._by_label is None:
            self._by_label = sorted(self.techniques.values(), key=lambda t: t.label.lower())
        return self._by_label

    # -- per request, with bindings ------------------------------------------------
    def _cached(self, kind: str, contaminant: str, fetch) -> list[Any]:
        key = (kind, contaminant)
        if key not in self._cache:
            if len(self._cache) > CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = fetch()
        return self._cache[key]

    def clear_cache(self) -> None:
        self._cache.clear()

    def applicability(self, contaminant: str) -> list[Statement]:
        return self._cached("applicability", contaminant, lambda: [_statement(row) for row in _fold_sources(
            select(self.store, "rec-applicability-for", contaminant=contaminant), "statement")])

    def techniques_for_medium(self, medium: str) -> set[str]:
        return set(self._cached("medium", medium, lambda: [
            r["technique"] for r in select(self.store, "rec-techniques-for-medium", medium=medium)]))

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


def _statement(row: dict[str, Any]) -> Statement:
    weight = row["basisWeight"]
    return Statement(iri=row["statement"], technique=row["technique"], target=row["target"],
                     specific=bool(row["specific"]), rating=row["rating"], score=float(row["score"]),
                     basis=row["basis"], basis_weight=float(weight) if weight is not None else UNKNOWN_BASIS_WEIGHT,
                     medium=row["medium"], note=row["note"], sources=tuple(_split(row["sources"])))
