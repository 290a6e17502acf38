"""Treatment trains for mixed contamination: when no single technique covers every
contaminant in every medium (at a rating of average or better), find small sets of
compatible techniques that do together and order them into stages with networkx."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import networkx as nx

from .screening import Candidate

# Stage of a technique in a train: remove or destroy first, then bind what is left,
# then contain. (An ordering convention of ours, stated in docs/recommender.md.)
STAGE = {"extraction": 0, "destruction": 0, "immobilisation": 1, "containment": 2}
POOL = 8  # best candidates overall, plus the best few for each need they leave open
PER_NEED = 3
MAX_STEPS = 3


def needs(contaminants: list[dict[str, Any]], media: list[str]) -> set[tuple[str, str]]:
    return {(c["iri"], m) for c in contaminants for m in media}


COVERS_AT = 0.5  # a "below average" rating does not count as covering a contaminant in a train


def covered_by(candidate: Candidate) -> set[tuple[str, str]]:
    out = set()
    for contaminant, statement in candidate.covers.items():
        if statement["score"] < COVERS_AT:
            continue
        for medium in candidate.media:
            if statement["medium"] in (None, medium):
                out.add((contaminant, medium))
    return out


def _stage(candidate: Candidate) -> int:
    stages = [STAGE[f] for f in candidate.technique.functions if f in STAGE]
    return min(stages) if stages else 0


def _compatible(group: tuple[Candidate, ...]) -> bool:
    containment = [c for c in group if c.technique.functions == {"containment"}]
    return len(containment) <= 1  # two caps or walls do not make a train


def compose(ranked: list[tuple[Candidate, float]], contaminants: list[dict[str, Any]], media: list[str],
            labels: dict[str, str], top: int = 5) -> list[dict[str, Any]]:
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
            trains.append(_describe(group, cover, wanted, labels, open_needs))
        if trains:
            break  # prefer the shortest trains that work
    return sorted(trains, key=lambda t: -t["score"])[:top]


def _describe(group: tuple[tuple[Candidate, float], ...], cover: list[set], wanted: set, labels: dict[str, str],
              open_needs: set) -> dict[str, Any]:
    graph = nx.DiGraph()
    for candidate, _ in group:
        graph.add_node(candidate.technique.iri, stage=_stage(candidate))
    for (a, _), (b, _) in combinations(group, 2):
        sa, sb = _stage(a), _stage(b)
        if sa != sb:
            graph.add_edge(*(a.technique.iri, b.technique.iri) if sa < sb else (b.technique.iri, a.technique.iri))
    by_iri = {c.technique.iri: (c, s, cov) for (c, s), cov in zip(group, cover, strict=True)}
    stages = [[by_iri[iri] for iri in generation] for generation in nx.topological_generations(graph)]
    steps, reasons = [], []
    for number, stage in enumerate(stages, start=1):
        for candidate, score, cov in stage:
            part = sorted(f"{labels.get(c, c)} in {m}" for c, m in cov & wanted)
            steps.append({"stage": number, "technique": candidate.technique.summary(), "score": score,
                          "covers": part})
            reasons.append(f"{candidate.technique.label} covers {', '.join(part)}")
    mean = sum(s for _, s in group) / len(group)
    explanation = "No single technique covers every contaminant in every medium; together these do."
    if open_needs:
        explanation += " Nothing we hold covers " + ", ".join(
            sorted(f"{labels.get(c, c)} in {m}" for c, m in open_needs)) + "."
    return {"score": round(mean, 2), "steps": steps, "reasons": reasons, "explanation": explanation}
