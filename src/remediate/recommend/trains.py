"""Treatment trains: sequences of techniques that together do what none does alone.

Two kinds: (1) for mixed contamination, when no single candidate covers every
contaminant in every medium (at a rating of average or better), the smallest sets of
compatible candidates that do, ordered into stages with networkx; (2) a technique and
a component that works inside it (pump and treat, then air stripping of the water it
extracts; fracturing that opens the ground for it), when the component is rated for the
site's contaminants. Each train says
what every stage covers, its role, and why the stages fit together."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import networkx as nx

from .knowledge import Knowledge, Technique
from .screening import Candidate, best_statement

# Stage of a technique in a train: remove or destroy first, then bind what is left,
# then contain. (An ordering convention of ours, stated in docs/recommender.md.)
STAGE = {"extraction": 0, "destruction": 0, "immobilisation": 1, "exposure_reduction": 1, "containment": 2}
STAGE_WORDS = {0: "removes or destroys", 1: "binds what is left", 2: "contains what remains"}
POOL = 8  # best candidates overall, plus the best few for each need they leave open
PER_NEED = 3
MAX_STEPS = 3
COVERS_AT = 0.5  # a "below average" rating does not count as covering a contaminant in a train
TOP_SERVED = 10  # components are offered with techniques ranked this high


def needs(contaminants: list[dict[str, Any]], media: list[str]) -> set[tuple[str, str]]:
    return {(c["iri"], m) for c in contaminants for m in media}


def covered_by(candidate: Candidate) -> set[tuple[str, str]]:
    out = set()
    for contaminant, cover in candidate.covers.items():
        if cover.score < COVERS_AT:
            continue
        for medium in candidate.media:
            if cover.medium in (None, medium):
                out.add((contaminant, medium))
    return out


def _stage(technique: Technique) -> int:
    stages = [STAGE[f] for f in technique.functions if f in STAGE]
    return min(stages) if stages else 0


def _compatible(group: tuple[Candidate, ...]) -> bool:
    containment = [c for c in group if c.technique.functions == {"containment"}]
    return len(containment) <= 1  # two caps or walls do not make a train


def compose(ranked: list[tuple[Candidate, float]], contaminants: list[dict[str, Any]], media: list[str],
            labels: dict[str, str], knowledge: Knowledge, top: int = 5) -> list[dict[str, Any]]:
    trains = _mixed(ranked, contaminants, media, labels, knowledge)
    trains += _with_components(ranked[:TOP_SERVED], contaminants, labels, knowledge)
    return sorted(trains, key=lambda t: -t["score"])[:top]


def _mixed(ranked: list[tuple[Candidate, float]], contaminants: list[dict[str, Any]], media: list[str],
           labels: dict[str, str], knowledge: Knowledge) -> list[dict[str, Any]]:
    coverable = set().union(*(covered_by(c) for c, _ in ranked)) if ranked else set()
    wanted = needs(contaminants, media) & coverable  # what no technique covers cannot be planned for
    if not wanted or any(wanted <= covered_by(c) for c, _ in ranked):
        return []  # one technique already covers everything coverable
    pool = list(ranked[:POOL])
    for need in sorted(wanted):
        pool += [item for item in ranked if need in covered_by(item[0])][:PER_NEED]
    pool = list({id(c): (c, s) for c, s in pool}.values())
    open_needs = needs(contaminants, media) - coverable
    trains = []
    for size in range(2, MAX_STEPS + 1):
        for group in combinations(pool, size):
            steps = [c for c, _ in group]
            cover = [covered_by(c) for c in steps]
            if not wanted <= set().union(*cover) or not _compatible(tuple(steps)):
                continue
            if any(cover[i] <= set().union(*(cover[:i] + cover[i + 1:])) for i in range(size)):
                continue  # a step that adds nothing makes the train longer, not better
            trains.append(_describe(group, cover, wanted, labels, open_needs, knowledge))
        if trains:
            break  # prefer the shortest trains that work
    return trains


def _describe(group: tuple[tuple[Candidate, float], ...], cover: list[set], wanted: set, labels: dict[str, str],
              open_needs: set, knowledge: Knowledge) -> dict[str, Any]:
    graph = nx.DiGraph()
    for candidate, _ in group:
        graph.add_node(candidate.technique.iri, stage=_stage(candidate.technique))
    for (a, _), (b, _) in combinations(group, 2):
        sa, sb = _stage(a.technique), _stage(b.technique)
        if sa != sb:
            graph.add_edge(*(a.technique.iri, b.technique.iri) if sa < sb else (b.technique.iri, a.technique.iri))
    by_iri = {c.technique.iri: (c, s, cov) for (c, s), cov in zip(group, cover, strict=True)}
    stages, reasons = [], []
    for number, generation in enumerate(nx.topological_generations(graph), start=1):
        for iri in sorted(generation):
            candidate, _, cov = by_iri[iri]
            part = sorted(cov & wanted)
            where = sorted({m for _, m in part})
            role = f"{STAGE_WORDS[_stage(candidate.technique)]}: " + ", ".join(
                f"{labels.get(c, c)} in {m}" for c, m in part)
            stages.append({"stage": number, "technique": candidate.technique.summary(),
                           "covers": sorted({c for c, _ in part}), "media": where, "role": role})
            reasons.append(f"{candidate.technique.label} {role}.")
    reasons.append(_why_compatible(group))
    explanation = "No single technique covers every contaminant in every medium; together these do."
    if open_needs:
        explanation += " Nothing we hold covers " + ", ".join(
            sorted(f"{labels.get(c, c)} in {m}" for c, m in open_needs)) + "."
    mean = sum(s for _, s in group) / len(group)
    covers = sorted({c for cov in cover for c, _ in cov & wanted})
    return {"kind": "mixed_contamination", "score": round(mean, 2), "stages": stages, "covers": covers,
            "reasons": reasons, "explanation": explanation}


def _why_compatible(group: tuple[tuple[Candidate, float], ...]) -> str:
    media = {c.technique.label: sorted(c.media) for c, _ in group}
    split = len({tuple(m) for m in media.values()}) > 1
    parts = ["Stages are ordered remove or destroy first, then bind, then contain"]
    if split:
        parts.append("they work on different media (" + "; ".join(f"{k}: {', '.join(v)}" for k, v in media.items())
                     + ")")
    parts.append("at most one of them is a cap or barrier")
    return "Compatible: " + ", ".join(parts) + "."


def component_covers(knowledge: Knowledge, component: Technique, contaminants: list[dict[str, Any]]) -> list[str]:
    """The site's contaminants a component is rated for (at average or better)."""
    out = []
    for c in contaminants:
        best = best_statement([s for s in knowledge.applicability(c["iri"]) if s.technique == component.iri])
        if best is not None and best.rating != "not_applicable" and best.score >= COVERS_AT:
            out.append(c["iri"])
    return out


def _with_components(ranked: list[tuple[Candidate, float]], contaminants: list[dict[str, Any]],
                     labels: dict[str, str], knowledge: Knowledge) -> list[dict[str, Any]]:
    trains = []
    for candidate, score in ranked:
        served = candidate.technique
        parts = [(comp, component_covers(knowledge, comp, contaminants))
                 for comp in knowledge.components_of(served.iri)]
        parts = [(comp, covers) for comp, covers in parts if covers]
        if not parts:
            continue
        comp, covers = max(parts, key=lambda item: (len(item[1]), item[0].label))
        names = ", ".join(labels.get(c, c) for c in covers)
        stages = [{"stage": 1, "technique": served.summary(), "covers": sorted(candidate.covers),
                   "media": sorted(candidate.media), "role": f"{served.label} reaches the contamination"},
                  {"stage": 2, "technique": comp.summary(), "covers": covers, "media": sorted(candidate.media),
                   "role": f"a component that works inside {served.label}, rated for {names}"}]
        others = [c.label for c, _ in parts if c is not comp]
        reasons = [f"{comp.label} only works inside {served.label}; it is rated for {names}.",
                   f"Compatible: {comp.label} is recorded as a component serving {served.label}."]
        if others:
            reasons.append("Other components rated for these contaminants: " + ", ".join(others) + ".")
        trains.append({"kind": "with_component", "score": round(score, 2), "stages": stages,
                       "covers": sorted(set(candidate.covers) | set(covers)), "reasons": reasons,
                       "explanation": f"{served.label} with a component recorded as serving it."})
    return trains
