"""The recommender: one pipeline behind the Python API, the CLI and the HTTP API.

validate the site -> resolve contaminants -> guideline exceedances -> screen (SPARQL)
-> find similar cases -> score on explicit criteria -> compose treatment trains."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..store import Store
from . import embeddings
from .evidence import Similar, evidence_for, similar_cases, votes
from .knowledge import Knowledge
from .plants import plants_for
from .resolve import Resolver
from .scoring import Context, score
from .screening import screen
from .site import Site, SiteError, parse_site
from .thresholds import exceedances
from .trains import compose

__all__ = ["Recommender", "SiteError", "parse_site"]
RATING_WORDS = {"better": "rated better", "average": "rated average", "below_average": "rated below average",
                "listed": "listed as applicable (not graded)",
                "exposure_control": "covered as an exposure control (it removes or isolates the soil)"}
BASIS_WORDS = {"matrix": "screening matrix", "profile": "official profile", "review": "peer-reviewed review",
               "case_evidence": "documented cases", "inferred": "our reading of the source"}
class Recommender:
    def __init__(self, store: Store, vectors_path: Path | None = None):
        self.store = store
        self.knowledge = Knowledge.load(store)
        self.vectors = embeddings.Vectors.load(vectors_path, store.kg_version) if vectors_path else None
        self.resolver = Resolver(self.knowledge, self.text_vectors)

    def recommend(self, data: Any, top: int = 10, exclude_cases: frozenset[str] = frozenset()) -> dict[str, Any]:
        """The output contract for a site given as parsed JSON; SiteError if it is invalid."""
        site = data if isinstance(data, Site) else parse_site(data)
        resolved = [self.resolver.resolve(entry) for entry in site.contaminants]
        known = [r for r in resolved if r["iri"]]
        result: dict[str, Any] = {
            "site": site.normalised(), "contaminants": resolved, "recommendations": [], "treatment_trains": [],
            "excluded": [], "exceedances": exceedances(self.knowledge, site, resolved),
            "kg_version": self.store.kg_version,
        }
        if not known:
            result["message"] = "No contaminant could be resolved; see the suggestions for each."
            return result
        candidates, excluded = screen(self.knowledge, site, known)
        cases = similar_cases(self.knowledge, site, known, self.text_vectors() if site.description else None,
                              exclude_cases)
        context = Context(site, known, votes(self.knowledge, cases))
        ranked = sorted(((c, *score(c, context)) for c in candidates), key=lambda x: (-x[1], x[0].technique.label))
        labels = {c["iri"]: c["label"] for c in known}
        result["recommendations"] = [self._entry(rank, c, s, parts, cases, labels, site)
                                     for rank, (c, s, parts) in enumerate(ranked[:top], start=1)]
        result["treatment_trains"] = compose([(c, s) for c, s, _ in ranked], known, site.media, labels,
                                             self.knowledge)
        result["excluded"] = excluded + [{"technique": c.technique.summary(), "kind": "below_top", "reasons": [
            f"Ranked {rank} of {len(ranked)}, below the top {top}."]} for rank, (c, _, _) in
            enumerate(ranked[top:], start=top + 1)]
        return result

    def text_vectors(self) -> embeddings.Vectors:
        """The graph's vectors: from the build cache, or computed now if the cache is stale."""
        if self.vectors is None:
            self.vectors = embeddings.compute(self.knowledge, self.store.kg_version)
        return self.vectors

    def _entry(self, rank: int, candidate, value: float, parts: list, cases: Similar, labels: dict,
               site: Site) -> dict[str, Any]:
        t = candidate.technique
        reasons = [f"{labels[c]}: {RATING_WORDS.get(cover.rating, cover.rating)} for "
                   f"{'this contaminant' if cover.specific else 'its group'}"
                   + (f", from {BASIS_WORDS[cover.basis]}" if cover.basis in BASIS_WORDS else "")
                   + (f" ({cover.note})" if cover.note else "") for c, cover in candidate.covers.items()]
        reasons += [f"{p['criterion'].replace('_', ' ')}: {p['note']} (+{p['contribution']:g})" for p in parts]
        components = self.knowledge.components_of(t.iri)
        if components:
            reasons.append("Works with: " + ", ".join(c.label for c in components) + " (components; see the trains).")
        cautions = [{"kind": c.kind, "text": c.text} for c in candidate.cautions]
        missing = [labels[c] for c in labels if c not in candidate.covers]
        if missing:
            cautions.insert(0, {"kind": "not_covered",
                                "text": "Not rated for " + ", ".join(missing) + ": combine with another technique."})
        if t.limitations:
            cautions.append({"kind": "limitation", "text": t.limitations})
        sources = list(dict.fromkeys(t.sources + [u for cover in candidate.covers.values() for u in cover.sources]
                                     + candidate.constraint_sources + t.time_sources + t.cost_sources))
        technique = {**t.summary(), "role": t.role, "functions": sorted(t.functions)}
        return {"rank": rank, "score": value, "technique": technique,
                "covers": sorted(candidate.covers), "criteria": parts, "reasons": reasons,
                "cautions": [c["text"] for c in cautions], "caution_kinds": cautions,
                "time_years": [t.time_min, t.time_max] if t.time_min is not None else None,
                "cost": {"min": t.cost_min, "max": t.cost_max, "per": t.cost_unit, "currency": t.cost_currency,
                         "year": t.cost_year} if t.cost_min is not None else None,
                "evidence": evidence_for(self.knowledge, t.iri, cases), "sources": sources,
                "components": [c.summary() for c in components],
                "plants": plants_for(self.knowledge, t.iri, labels, site) if t.nature_based else []}
