"""Evidence: documented case studies similar to the site, by structured similarity
(shared contaminants and their groups, media, texture, land use, climate, country) and,
when the site has a description, sentence-embedding similarity of the texts; and the
vote those cases cast for the techniques they applied.

Everything about the cases is laid out once per graph as matrices (`CaseIndex`), so a
request is a handful of matrix products, whatever the number of cases."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from . import embeddings
from .knowledge import CaseStudy, Knowledge
from .site import Site

STRUCTURE = {"contaminants": 0.5, "media": 0.2, "texture": 0.1, "land_use": 0.1, "climate": 0.05, "country": 0.05}
TEXT_SHARE = 0.3  # share of the description similarity when the site has one
EVIDENCE_MIN = 0.3  # a case this similar or more counts as evidence for the technique it applied
SIDE_SHARE = 0.5  # a case's vote for a technique it applied besides its main remedy
# What a case's scale says about practice: a full-scale remedy is what practitioners chose;
# a pilot or a research field trial shows a technique being tried. Unknown scale sits between.
SCALE_SHARE = {"full": 1.0, "pilot": 0.8, "field_trial": 0.6}
UNKNOWN_SCALE_SHARE = 0.8


def case_vote(case: CaseStudy, technique: str) -> float:
    """How much a documented case speaks for a technique: fully for the main remedy of a
    full-scale case, less for a pilot or field trial and for a technique applied besides
    the main remedy, nothing when its source says the treatment failed."""
    if case.outcome_class == "failed" or technique not in case.techniques:
        return 0.0
    scale = SCALE_SHARE.get(case.scale or "", UNKNOWN_SCALE_SHARE)
    return scale * (1.0 if case.main_technique in (None, technique) else SIDE_SHARE)


def _incidence(rows: list[set[str]], columns: dict[str, int]) -> np.ndarray:
    matrix = np.zeros((len(rows), max(1, len(columns))), dtype=np.float32)
    for i, values in enumerate(rows):
        for value in values:
            if value in columns:
                matrix[i, columns[value]] = 1.0
    return matrix


def _columns(rows: list[set[str]]) -> dict[str, int]:
    return {value: j for j, value in enumerate(sorted(set().union(*rows)))} if rows else {}


@dataclass
class Facet:
    """One set-valued property of every case, as a 0/1 matrix with its column names."""

    columns: dict[str, int]
    matrix: np.ndarray
    sizes: np.ndarray

    @classmethod
    def of(cls, rows: list[set[str]]) -> Facet:
        columns = _columns(rows)
        matrix = _incidence(rows, columns)
        return cls(columns, matrix, matrix.sum(axis=1))

    def jaccard(self, values: set[str]) -> np.ndarray:
        """Jaccard similarity of every case's set with `values` (0 where either is empty)."""
        columns = [self.columns[v] for v in values if v in self.columns]
        if not values:
            return np.zeros(len(self.sizes), dtype=np.float32)
        # only the site's few columns are touched: cost grows with the cases, not with their vocabulary
        shared = self.matrix[:, columns].sum(axis=1) if columns else np.zeros(len(self.sizes), dtype=np.float32)
        union = self.sizes + len(values) - shared
        return np.divide(shared, union, out=np.zeros_like(shared), where=(union > 0) & (self.sizes > 0))

    def contains(self, value: str | None) -> np.ndarray:
        if not value or value not in self.columns:
            return np.zeros(len(self.sizes), dtype=np.float32)
        return self.matrix[:, self.columns[value]]


class CaseIndex:
    """The case base as matrices: facets for similarity, and each case's vote per technique."""

    def __init__(self, knowledge: Knowledge):
        cases = knowledge.cases
        self.cases = cases
        self.position = {c.iri: i for i, c in enumerate(cases)}
        groups = [{g for c in case.contaminants if c in knowledge.contaminants
                   for g in knowledge.contaminants[c].groups} | {c for c in case.contaminants
                                                                 if "/contaminant-group/" in c} for case in cases]
        self.contaminants = Facet.of([set(c.contaminants) for c in cases])
        self.groups = Facet.of(groups)
        self.media = Facet.of([set(c.media) for c in cases])
        self.textures = Facet.of([set(c.textures) for c in cases])
        self.land_uses = Facet.of([set(c.land_uses) for c in cases])
        self.climates = Facet.of([set(c.climates) for c in cases])
        self.countries = Facet.of([{c.country} if c.country else set() for c in cases])
        self.techniques = sorted({t for c in cases for t in c.techniques})
        self.column = {t: j for j, t in enumerate(self.techniques)}
        self.votes = np.array([[case_vote(c, t) for t in self.techniques] for c in cases],
                              dtype=np.float32).reshape(len(cases), len(self.techniques))
        self.applied = (self.votes > 0).astype(np.float32)

    def structured(self, site: Site, contaminants: set[str], groups: set[str]) -> np.ndarray:
        texture = site.soil_texture.replace(" ", "-") if site.soil_texture else None
        parts = {
            "contaminants": np.maximum(self.contaminants.jaccard(contaminants), 0.5 * self.groups.jaccard(groups)),
            "media": self.media.jaccard(set(site.media)),
            "texture": self.textures.contains(texture),
            "land_use": self.land_uses.contains(site.land_use),
            "climate": self.climates.contains(site.climate),
            "country": self.countries.contains((site.country or "").upper() or None),
        }
        return sum(STRUCTURE[k] * v for k, v in parts.items())


def case_index(knowledge: Knowledge) -> CaseIndex:
    """Built on first use and kept with the knowledge (it never changes for a read-only store)."""
    index = getattr(knowledge, "_case_index", None)
    if index is None:
        index = CaseIndex(knowledge)
        knowledge._case_index = index  # type: ignore[attr-defined]
    return index


@dataclass
class Similar:
    """Cases ordered by similarity to the site (held-out cases left out)."""

    cases: list[CaseStudy]
    scores: np.ndarray
    positions: np.ndarray  # each case's row in the index

    def pairs(self) -> list[tuple[CaseStudy, float]]:
        return list(zip(self.cases, (round(float(s), 3) for s in self.scores), strict=True))


def similar_cases(knowledge: Knowledge, site: Site, contaminants: list[dict[str, Any]],
                  vectors: embeddings.Vectors | None, exclude: frozenset[str] = frozenset()) -> Similar:
    index = case_index(knowledge)
    iris = {c["iri"] for c in contaminants}
    groups = {g for i in iris for g in knowledge.contaminants[i].groups}
    scores = index.structured(site, iris, groups)
    if site.description and vectors is not None and len(vectors.case_iris):
        text = np.zeros(len(index.cases), dtype=np.float32)
        rows = np.array([index.position.get(str(iri), -1) for iri in vectors.case_iris])
        known = rows >= 0
        text[rows[known]] = np.maximum(0.0, vectors.cases[known] @ embeddings.encode_one(site.description))
        scores = (1 - TEXT_SHARE) * scores + TEXT_SHARE * text
    scores = np.clip(scores, 0.0, 1.0)
    keep = np.array([c.iri not in exclude for c in index.cases], dtype=bool) if exclude else np.ones(
        len(index.cases), dtype=bool)
    positions = np.flatnonzero(keep)
    order = positions[np.argsort(-scores[positions], kind="stable")]
    return Similar([index.cases[i] for i in order], scores[order], order)


def votes(knowledge: Knowledge, similar: Similar) -> dict[str, tuple[int, float]]:
    """technique -> (similar cases that applied it, their similarity-weighted vote)."""
    index = case_index(knowledge)
    counted = similar.scores >= EVIDENCE_MIN
    rows, weights = similar.positions[counted], similar.scores[counted]
    if not len(rows):
        return {}
    weighted = weights @ index.votes[rows]
    counts = index.applied[rows].sum(axis=0)
    return {t: (int(counts[j]), float(weighted[j])) for j, t in enumerate(index.techniques) if weighted[j] > 0}


def evidence_for(knowledge: Knowledge, technique: str, similar: Similar, limit: int = 3) -> list[dict[str, Any]]:
    """The most similar cases that applied the technique."""
    index = case_index(knowledge)
    if technique not in index.column:
        return []
    applied = index.applied[similar.positions, index.column[technique]] > 0
    chosen = np.flatnonzero(applied & (similar.scores > 0))[:limit]
    picked = [(similar.cases[i], round(float(similar.scores[i]), 3)) for i in chosen]
    return [{"case_study": case.iri, "label": case.label, "similarity": s,
             "source": case.sources[0] if case.sources else None, "outcome": case.outcome,
             "outcome_class": case.outcome_class} for case, s in picked]
