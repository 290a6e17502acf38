"""Textbook sites whose usual answers guidance documents state (tests/scenarios/scenarios.json):
does the recommender put at least one of the expected techniques in its top N, and keep the
ones the source rules out (or that cannot treat the site's media) out of it?

Each scenario names its source URL and says in a note what the source says. The table shows,
per scenario, pass or fail, the rank of the best-ranked expected technique (in the full
ranking, so a miss shows how far off it is), any unwanted technique inside the top N, and
what the recommender ranks first. Prints a table; asserts nothing (tests/test_scenarios.py
guards the number passed).

    python bench/scenarios.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from remediate.build import Sources
from remediate.recommend import Recommender
from remediate.recommend.embeddings import VECTORS_FILE
from remediate.store import LocalStore

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "tests" / "scenarios" / "scenarios.json"
FULL = 200  # rank this deep, so a miss still reports where the best expected technique landed


@dataclass
class Outcome:
    id: str
    passed: bool
    best_rank: int | None  # rank of the best-ranked expected technique in the full ranking
    best: str | None
    unwanted: list[str]  # techniques of expect_not_top found inside the top N
    top: list[str]  # the top N technique ids


def load(path: Path = SCENARIOS) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))


def recommender() -> Recommender:
    store = LocalStore.from_sources(Sources(ROOT / "ontology", ROOT / "kg_data"), ROOT / "build")
    return Recommender(store, ROOT / "build" / VECTORS_FILE)


def ranking(rec: Recommender, site: dict[str, Any]) -> list[str]:
    result = rec.recommend(site, top=FULL)
    return [r["technique"]["iri"].rsplit("/", 1)[-1] for r in result["recommendations"]]


def evaluate(rec: Recommender, scenario: dict[str, Any]) -> Outcome:
    ranked = ranking(rec, scenario["site"])
    n = scenario["top_n"]
    top = ranked[:n]
    found = [(ranked.index(t) + 1, t) for t in scenario["expect_top"] if t in ranked]
    best_rank, best = min(found) if found else (None, None)
    unwanted = [t for t in scenario.get("expect_not_top", []) if t in top]
    passed = best_rank is not None and best_rank <= n and not unwanted
    return Outcome(scenario["id"], passed, best_rank, best, unwanted, top)


def run(rec: Recommender, scenarios: list[dict[str, Any]]) -> list[Outcome]:
    return [evaluate(rec, s) for s in scenarios]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", action="store_true", help="also print the whole top N of every scenario")
    args = parser.parse_args()
    scenarios = load()
    outcomes = run(recommender(), scenarios)
    width = max(len(o.id) for o in outcomes)
    print(f"{'scenario':<{width}}  result  N   {'best expected (rank)':<42}{'unwanted in top N':<19}ranked first")
    for scenario, o in zip(scenarios, outcomes, strict=True):
        best = f"{o.best} ({o.best_rank})" if o.best else "none ranked"
        unwanted = ", ".join(o.unwanted) or "-"
        print(f"{o.id:<{width}}  {'pass' if o.passed else 'FAIL':<6}  {scenario['top_n']:<2}  {best:<42}"
              f"{unwanted:<19}{o.top[0] if o.top else '-'}")
        if args.verbose:
            print(" " * (width + 2) + "top: " + ", ".join(o.top))
    passed = sum(o.passed for o in outcomes)
    print(f"\npassed {passed} of {len(outcomes)} scenarios")


if __name__ == "__main__":
    main()
