"""Leave-one-out evaluation of the recommender on the knowledge base's own case studies.

For each case: hide it (and its evidence), describe its site from what the case records
(contaminants, media, texture, land use, climate, country; optionally its description),
recommend, and find the rank of the technique really applied (the best-ranked one when
several were). Prints hit@1, hit@3, hit@5 and MRR, overall and per contaminant family,
next to a baseline that always returns the techniques most often applied in the other
cases.

    python bench/evaluate.py [--with-description] [--weights '{"evidence": 0.4}']
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from remediate.build import Sources
from remediate.recommend import Recommender
from remediate.recommend.embeddings import VECTORS_FILE
from remediate.store import LocalStore

ROOT = Path(__file__).resolve().parents[1]
GROUP = "https://w3id.org/remediate/id/contaminant-group/"
FAMILIES = {  # contaminant family -> the group that defines it
    "metals": "metals-and-metalloids", "chlorinated solvents": "chlorinated-solvents",
    "petroleum": "petroleum-hydrocarbons", "PAHs": "pahs", "PCBs and dioxins": "halogenated-svocs",
    "explosives": "explosives", "radionuclides": "radionuclides", "PFAS": "pfas",
}


def site_of(case, knowledge, with_description: bool, weights: dict | None = None) -> dict | None:
    contaminants = [knowledge.contaminants[c].label for c in sorted(case.contaminants) if c in knowledge.contaminants]
    if not contaminants or not case.media or not case.techniques:
        return None
    first = lambda values: sorted(values)[0] if values else None  # noqa: E731
    texture = first(case.textures)
    return {"contaminants": [{"name": name} for name in contaminants], "media": sorted(case.media),
            "soil_texture": texture.replace("-", " ") if texture else None, "land_use": first(case.land_uses),
            "climate": first(case.climates), "country": case.country,
            "description": case.description if with_description else None, "weights": weights or {}}


def families_of(case, knowledge) -> set[str]:
    groups = {g for c in case.contaminants if c in knowledge.contaminants for g in knowledge.contaminants[c].groups}
    return {name for name, group in FAMILIES.items() if GROUP + group in groups} or {"other"}


def rank_of(applied: set[str], ranking: list[str]) -> int | None:
    ranks = [ranking.index(t) + 1 for t in applied if t in ranking]
    return min(ranks) if ranks else None


def summarise(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks)
    hit = lambda k: sum(1 for r in ranks if r is not None and r <= k) / n  # noqa: E731
    return {"n": n, "hit@1": hit(1), "hit@3": hit(3), "hit@5": hit(5),
            "MRR": sum(1 / r for r in ranks if r) / n}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--with-description", action="store_true",
                        help="also give the case's own description (may name the technique)")
    parser.add_argument("--weights", type=json.loads, default=None, help="criterion weights as JSON (sensitivity)")
    args = parser.parse_args()
    sources = Sources(ROOT / "ontology", ROOT / "kg_data")
    store = LocalStore.from_sources(sources, ROOT / "build")
    recommender = Recommender(store, ROOT / "build" / VECTORS_FILE)
    knowledge = recommender.knowledge
    ours: dict[str, list] = defaultdict(list)
    base: dict[str, list] = defaultdict(list)
    skipped = 0
    for case in knowledge.cases:
        site = site_of(case, knowledge, args.with_description, args.weights)
        if site is None:
            skipped += 1
            continue
        result = recommender.recommend(site, top=100, exclude_cases=frozenset({case.iri}))
        ranking = [r["technique"]["iri"] for r in result["recommendations"]]
        common = Counter(t for other in knowledge.cases if other.iri != case.iri for t in other.techniques)
        baseline = [t for t, _ in common.most_common()]
        for family in ["all", *sorted(families_of(case, knowledge))]:
            ours[family].append(rank_of(case.techniques, ranking))
            base[family].append(rank_of(case.techniques, baseline))
    print(f"Leave-one-out over {len(ours['all'])} case studies ({skipped} skipped: no resolvable contaminant, "
          f"medium or technique); site description {'given' if args.with_description else 'withheld'}.\n")
    print(f"{'family':22} {'n':>4}   {'hit@1':>6} {'hit@3':>6} {'hit@5':>6} {'MRR':>6}   "
          f"{'base@1':>6} {'base@3':>6} {'base@5':>6} {'baseMRR':>7}")
    for family in ["all", *sorted(k for k in ours if k != "all")]:
        a, b = summarise(ours[family]), summarise(base[family])
        print(f"{family:22} {a['n']:4d}   {a['hit@1']:6.2f} {a['hit@3']:6.2f} {a['hit@5']:6.2f} {a['MRR']:6.2f}   "
              f"{b['hit@1']:6.2f} {b['hit@3']:6.2f} {b['hit@5']:6.2f} {b['MRR']:7.2f}")


if __name__ == "__main__":
    main()
