"""Evidence: documented case studies similar to the site, by structured similarity
(shared contaminants and their groups, media, texture, land use, climate, country) and,
when the site has a description, sentence-embedding similarity of the texts."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import embeddings
from .knowledge import CaseStudy, Knowledge
from .site import Site

STRUCTURE = {"contaminants": 0.5, "media": 0.2, "texture": 0.1, "land_use": 0.1, "climate": 0.05, "country": 0.05}
TEXT_SHARE = 0.3  # share of the description similarity when the site has one


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def structured(case: CaseStudy, site: Site, contaminants: set[str], groups: set[str],
               knowledge: Knowledge) -> float:
    exact = _jaccard(contaminants, case.contaminants)
    case_groups = {g for c in case.contaminants if c in knowledge.contaminants
                   for g in knowledge.contaminants[c].groups}
    case_groups |= {c for c in case.contaminants if "/contaminant-group/" in c}
    related = _jaccard(groups, case_groups)
    texture = site.soil_texture.replace(" ", "-") if site.soil_texture else None
    parts = {
        "contaminants": max(exact, 0.5 * related),
        "media": _jaccard(set(site.media), case.media),
        "texture": float(texture in case.textures),
        "land_use": float(bool(site.land_use) and site.land_use in case.land_uses),
        "climate": float(bool(site.climate) and site.climate in case.climates),
        "country": float(bool(site.country) and (site.country or "").upper() == (case.country or "")),
    }
    return sum(STRUCTURE[k] * v for k, v in parts.items())


def similar_cases(knowledge: Knowledge, site: Site, contaminants: list[dict[str, Any]],
                  vectors: embeddings.Vectors | None, exclude: frozenset[str] = frozenset()
                  ) -> list[tuple[CaseStudy, float]]:
    iris = {c["iri"] for c in contaminants}
    groups = {g for i in iris for g in knowledge.contaminants[i].groups}
    text_scores: dict[str, float] = {}
    if site.description and vectors is not None and len(vectors.case_iris):
        query = embeddings.encode_one(site.description)
        text_scores = dict(zip(vectors.case_iris, (vectors.cases @ query).tolist(), strict=True))
    out = []
    for case in knowledge.cases:
        if case.iri in exclude:
            continue
        value = structured(case, site, iris, groups, knowledge)
        if text_scores:
            value = (1 - TEXT_SHARE) * value + TEXT_SHARE * max(0.0, text_scores.get(case.iri, 0.0))
        out.append((case, round(float(np.clip(value, 0, 1)), 3)))
    return sorted(out, key=lambda item: -item[1])


def evidence_for(technique: str, ranked: list[tuple[CaseStudy, float]], limit: int = 3) -> list[dict[str, Any]]:
    picked = [(case, s) for case, s in ranked if technique in case.techniques and s > 0][:limit]
    return [{"case_study": case.iri, "label": case.label, "similarity": s,
             "source": case.sources[0] if case.sources else None, "outcome": case.outcome} for case, s in picked]
