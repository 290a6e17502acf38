"""Scoring on explicit criteria. Each criterion gives a number from 0 to 1 and a
sentence; the score is their weighted mean on 0-100, and every recommendation shows
what each criterion added. docs/recommender.md documents the defaults and why."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .screening import Candidate
from .site import Site

DEFAULT_WEIGHTS = {"effectiveness": 0.30, "site_fit": 0.12, "time": 0.08, "cost": 0.07, "maturity": 0.08,
                   "sustainability": 0.05, "evidence": 0.25, "nature_based": 0.05}
UNRATED = 0.25  # effectiveness of a technique no source rates for anything: unknown, so low
MATURITY = {"full_scale": 1.0, "pilot": 0.6, "lab": 0.3}
# Energy and disturbance by kind of process: a default judgement of ours, not a sourced
# fact; callers who weigh sustainability differently change its weight.
SUSTAINABILITY = {"biological": 0.8, "physical_chemical": 0.5, "containment": 0.5, "thermal": 0.2}
NEUTRAL = 0.5  # what an unknown counts as: neither rewarded nor punished
EVIDENCE_SATURATION = 1.5  # summed similarity at which evidence counts in full (about three close cases)


@dataclass
class Context:
    site: Site
    contaminants: list[dict[str, Any]]
    evidence: dict[str, tuple[int, float]]  # technique -> (similar cases that applied it, their summed similarity)


def effectiveness(c: Candidate, ctx: Context) -> tuple[float, str]:
    if c.unrated:
        return UNRATED, "no source we hold rates it for these contaminants"
    scores = [c.covers[x["iri"]]["score"] if x["iri"] in c.covers else 0.0 for x in ctx.contaminants]
    covered = [x["label"] for x in ctx.contaminants if x["iri"] in c.covers]
    ratings = ", ".join(f"{x['label']}: {c.covers[x['iri']]['rating'].replace('_', ' ')}"
                        for x in ctx.contaminants if x["iri"] in c.covers)
    return sum(scores) / len(scores), f"covers {len(covered)} of {len(scores)} contaminants ({ratings})"


def site_fit(c: Candidate, ctx: Context) -> tuple[float, str]:
    triggered = [x for x in c.cautions if not x.startswith("Not checked")]
    if not triggered:
        return 1.0, "no recorded site limit is broken"
    return max(0.0, 1 - 0.35 * len(triggered)), f"{len(triggered)} site limit(s) call for caution"


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
    """A vote of similar documented cases, each counting by its similarity to the site."""
    n, weight = ctx.evidence.get(c.technique.iri, (0, 0.0))
    return min(1.0, weight / EVIDENCE_SATURATION), f"{n} similar documented case(s) applied it"


def nature_based(c: Candidate, ctx: Context) -> tuple[float, str]:
    if not ctx.site.prefer_nature_based:
        return NEUTRAL, "no preference for nature-based solutions given"
    return (1.0, "nature-based, as preferred") if c.technique.nature_based else (0.0, "not nature-based")


CRITERIA: dict[str, Callable[[Candidate, Context], tuple[float, str]]] = {
    "effectiveness": effectiveness, "site_fit": site_fit, "time": time, "cost": cost, "maturity": maturity,
    "sustainability": sustainability, "evidence": evidence, "nature_based": nature_based,
}


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
