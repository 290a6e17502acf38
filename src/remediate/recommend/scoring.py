"""Scoring on explicit criteria. Each criterion gives a number from 0 to 1 and a
sentence; the score is their weighted mean on 0-100, and every recommendation shows
what each criterion added. docs/recommender.md documents the defaults and why."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .screening import LAND_USE, SITE_LIMIT, Candidate, Caution
from .site import CRITERIA as SITE_CRITERIA
from .site import Site

# Chosen by `bench/evaluate.py --tune` (a coordinate search scored by leave-one-site-out
# on the tune half of the case sites; the report half never informs it). Criteria the
# cases cannot exercise (time, cost, site fit, nature-based preference) keep the weights
# docs/recommender.md argues for.
DEFAULT_WEIGHTS = {"effectiveness": 0.10, "site_fit": 0.12, "time": 0.08, "cost": 0.07, "maturity": 0.08,
                   "sustainability": 0.05, "evidence": 0.30, "nature_based": 0.05, "land_use": 0.15}
UNRATED = 0.25  # effectiveness of a technique no source rates for anything: unknown, so low
MATURITY = {"full_scale": 1.0, "pilot": 0.6, "lab": 0.3}
# Energy and disturbance by kind of process: a default judgement of ours, not a sourced
# fact; callers who weigh sustainability differently change its weight.
SUSTAINABILITY = {"biological": 0.8, "physical_chemical": 0.5, "containment": 0.5, "thermal": 0.2}
NEUTRAL = 0.5  # what an unknown counts as: neither rewarded nor punished


@dataclass
class Context:
    site: Site
    contaminants: list[dict[str, Any]]
    evidence: dict[str, tuple[int, float]]  # technique -> (similar cases that applied it, their summed similarity)

    top_vote: float = field(init=False)  # the best-voted technique's vote, which evidence is relative to

    def __post_init__(self) -> None:
        self.top_vote = max((w for _, w in self.evidence.values()), default=0.0)


def effectiveness(c: Candidate, ctx: Context) -> tuple[float, str]:
    """Mean over the site's contaminants of the rating, tempered by what it rests on."""
    if c.unrated:
        return UNRATED, "no source we hold rates it for these contaminants"
    scores = [c.covers[x["iri"]].weighted if x["iri"] in c.covers else 0.0 for x in ctx.contaminants]
    covered = [x["label"] for x in ctx.contaminants if x["iri"] in c.covers]
    ratings = ", ".join(f"{x['label']}: {_rating_words(c.covers[x['iri']])}"
                        for x in ctx.contaminants if x["iri"] in c.covers)
    return sum(scores) / len(scores), f"covers {len(covered)} of {len(scores)} contaminants ({ratings})"


def _rating_words(cover) -> str:
    words = cover.rating.replace("_", " ")
    return f"{words}, {cover.basis.replace('_', ' ')}" if cover.basis else words


def site_fit(c: Candidate, ctx: Context) -> tuple[float, str]:
    """Only broken site limits count; an unchecked limit or a missing rating is not a misfit."""
    triggered = c.cautions_of(SITE_LIMIT)
    if not triggered:
        return 1.0, "no recorded site limit is broken"
    return max(0.0, 1 - 0.35 * len(triggered)), f"{len(triggered)} site limit(s) call for caution"


# How well a kind of technique suits a land use where people or crops meet the soil: our
# modelling judgement (docs/recommender.md), read from typed facts (role, setting,
# category, function), never from text. Gardens and homes need exposure cut quickly and
# soil that stays usable; farmland needs soil that stays farmland.
def land_use(c: Candidate, ctx: Context) -> tuple[float, str]:
    use, t = ctx.site.land_use, c.technique
    if use == "residential":
        if t.role == "exposure_control":
            return 1.0, "cuts exposure at once, as a home or garden needs"
        if "immobilisation" in t.functions and "in_situ" in t.settings:
            return 0.8, "binds contaminants in place, cutting exposure quickly"
        if t.nature_based:
            c.cautions.append(Caution(LAND_USE, "Plant-based treatment takes years; people keep meeting the soil "
                                                "meanwhile, so pair it with a cover or other exposure control."))
            if "extraction" in t.functions:
                return 0.0, "takes many growing seasons while exposure continues"
            return 0.3, "slow: exposure continues while plants establish"
        return 0.6, "treats in place or on site"
    if use == "agricultural":
        if "exposure_reduction" in t.functions:
            return 1.0, "keeps farming going while cutting uptake by crops"
        if "containment" in t.functions:
            c.cautions.append(Caution(LAND_USE, "Covers or encloses the soil: farming can go on only in clean soil "
                                                "placed on top, if at all."))
            return 0.2, "covers or encloses the farmland soil"
        if t.nature_based and "immobilisation" in t.functions:
            c.cautions.append(Caution(LAND_USE, "Plants that hold contaminants in the soil are not a food crop: "
                                                "the field grows them instead of food while they stand."))
            return 0.3, "the stabilising plants replace the food crop"
        if t.nature_based and "extraction" in t.functions:
            c.cautions.append(Caution(LAND_USE, "The harvested plants hold the contaminant: they must not be eaten "
                                                "or fed to animals, and are disposed of as waste."))
            return 0.8, "gentle on the soil; the biomass is waste, not food"
        return 0.6, "treats in place and leaves the soil in use"
    return NEUTRAL, "no land use given" if not use else f"no land-use preference for {use} land"


def time(c: Candidate, ctx: Context) -> tuple[float, str]:
    t, limit = c.technique, ctx.site.max_duration_years
    if t.time_min is None and t.time_max is None:
        return NEUTRAL, "typical duration not recorded"
    low = t.time_min if t.time_min is not None else t.time_max
    high = t.time_max if t.time_max is not None else t.time_min
    assert low is not None and high is not None
    span = f"typically {low:g}-{high:g} years" if low != high else f"about {low:g} years"
    if limit is None:
        return NEUTRAL, span + "; no time limit given"
    if high <= limit:
        return 1.0, span + f", within the {limit:g}-year limit"
    if low <= limit:
        return 0.5, span + f", may exceed the {limit:g}-year limit"
    return 0.0, span + f", longer than the {limit:g}-year limit"


def cost(c: Candidate, ctx: Context) -> tuple[float, str]:
    t, site = c.technique, ctx.site
    if t.cost_min is None and t.cost_max is None:
        return NEUTRAL, "unit cost not recorded"
    cheap = t.cost_min if t.cost_min is not None else t.cost_max
    dear = t.cost_max if t.cost_max is not None else t.cost_min
    assert cheap is not None and dear is not None
    unit = f"{t.cost_currency} {cheap:g}-{dear:g} per {t.cost_unit} ({t.cost_year or 'year unknown'})"
    quantity = {"m3": site.volume_m3, "m2": site.area_m2,
                "ha": site.area_m2 / 10_000 if site.area_m2 else None}.get(t.cost_unit or "")
    if site.budget_usd is None or quantity is None or t.cost_currency != "USD":
        return NEUTRAL, unit + "; not compared with a budget (needs a USD cost and the site's matching quantity)"
    low, high = cheap * quantity, dear * quantity
    if high <= site.budget_usd:
        return 1.0, unit + f"; estimate USD {low:,.0f}-{high:,.0f} fits the budget"
    if low <= site.budget_usd:
        return 0.5, unit + f"; estimate USD {low:,.0f}-{high:,.0f} may exceed the budget"
    return 0.0, unit + f"; estimate USD {low:,.0f}-{high:,.0f} exceeds the budget"


def maturity(c: Candidate, ctx: Context) -> tuple[float, str]:
    level = c.technique.maturity
    return MATURITY.get(level or "", NEUTRAL), f"maturity: {(level or 'not recorded').replace('_', ' ')}"


def sustainability(c: Candidate, ctx: Context) -> tuple[float, str]:
    if c.technique.nature_based:
        return 1.0, "nature-based: low energy, habitat co-benefits"
    category = c.technique.category or ""
    return SUSTAINABILITY.get(category, NEUTRAL), f"{category.replace('_', '/') or 'unknown'} process"


def evidence(c: Candidate, ctx: Context) -> tuple[float, str]:
    """A vote of similar documented cases, each counting by its similarity to the site,
    relative to the technique with the most votes (which scores 1): with hundreds of
    cases a fixed saturation point let many techniques tie at the top. Chosen on the tune
    half of the grouped validation (docs/recommender.md)."""
    n, weight = ctx.evidence.get(c.technique.iri, (0, 0.0))
    top = ctx.top_vote
    return (weight / top if top else 0.0), f"{n} similar documented case(s) applied it"


def nature_based(c: Candidate, ctx: Context) -> tuple[float, str]:
    if not ctx.site.prefer_nature_based:
        return NEUTRAL, "no preference for nature-based solutions given"
    return (1.0, "nature-based, as preferred") if c.technique.nature_based else (0.0, "not nature-based")


CRITERIA: dict[str, Callable[[Candidate, Context], tuple[float, str]]] = {
    "effectiveness": effectiveness, "site_fit": site_fit, "time": time, "cost": cost, "maturity": maturity,
    "sustainability": sustainability, "evidence": evidence, "nature_based": nature_based, "land_use": land_use,
}


if tuple(CRITERIA) != SITE_CRITERIA or set(DEFAULT_WEIGHTS) != set(CRITERIA):
    raise ImportError("scoring.CRITERIA, DEFAULT_WEIGHTS and site.CRITERIA must name the same criteria in one order")


def weights_for(site: Site) -> dict[str, float]:
    weights = {**DEFAULT_WEIGHTS, **site.weights}
    total = sum(weights.values())
    return {k: (v / total if total else 1 / len(weights)) for k, v in weights.items()}


def score(candidate: Candidate, ctx: Context) -> tuple[float, list[dict[str, Any]]]:
    weights = weights_for(ctx.site)
    parts: list[dict[str, Any]] = []
    for name, criterion in CRITERIA.items():
        value, note = criterion(candidate, ctx)
        parts.append({"criterion": name, "weight": round(weights[name], 3), "value": round(value, 3),
                      "contribution": round(100 * weights[name] * value, 2), "note": note})
    return round(sum(p["contribution"] for p in parts), 2), parts
