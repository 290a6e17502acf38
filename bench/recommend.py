"""Recommender speed on this machine: warm latency for a three-contaminant site (p50,
p95 over many runs, with and without a free-text description), and the wall time of a
cold `remediate recommend` on a site without free text. Prints numbers; asserts nothing.

    python bench/recommend.py [--runs 200]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from remediate.build import Sources
from remediate.recommend import Recommender
from remediate.recommend.embeddings import VECTORS_FILE
from remediate.store import LocalStore

ROOT = Path(__file__).resolve().parents[1]
SITE = {"name": "bench site", "contaminants": [{"name": "TCE", "concentration_mg_kg": 12},
                                               {"name": "benzene", "concentration_mg_kg": 3},
                                               {"cas": "7439-92-1", "concentration_mg_kg": 900}],
        "media": ["soil", "groundwater"], "soil_texture": "sandy loam", "land_use": "industrial",
        "contamination_depth_m": 4, "constraints": {"max_duration_years": 3}}
DESCRIBED = {**SITE, "description": "Former fuel depot and degreasing shop on sandy fill near a river."}


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def warm(recommender: Recommender, site: dict, runs: int, cached: bool = True) -> tuple[float, float]:
    for _ in range(5):
        recommender.recommend(site)
    samples = []
    for _ in range(runs):
        if not cached:
            recommender.knowledge.clear_cache()  # as if every contaminant were asked for the first time
        start = time.perf_counter()
        recommender.recommend(site)
        samples.append((time.perf_counter() - start) * 1000)
    return percentiles(samples)


def cold(runs: int = 5) -> list[float]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(SITE, handle)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "remediate.cli", "recommend", handle.name, "--format", "json"],
                       check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    store = LocalStore.from_sources(Sources(ROOT / "ontology", ROOT / "kg_data"), ROOT / "build")
    start = time.perf_counter()
    recommender = Recommender(store, ROOT / "build" / VECTORS_FILE)
    print(f"recommender start-up (tables read once): {(time.perf_counter() - start) * 1000:.0f} ms")
    p50, p95 = warm(recommender, SITE, args.runs)
    print(f"warm, three contaminants, no description: p50 {p50:.1f} ms  p95 {p95:.1f} ms  ({args.runs} runs)")
    p50, p95 = warm(recommender, SITE, args.runs, cached=False)
    print(f"  same, per-contaminant answers not cached: p50 {p50:.1f} ms  p95 {p95:.1f} ms")
    recommender.recommend(DESCRIBED)  # loads the embedding model once
    p50, p95 = warm(recommender, DESCRIBED, args.runs)
    print(f"warm, three contaminants, with description: p50 {p50:.1f} ms  p95 {p95:.1f} ms  ({args.runs} runs)")
    times = cold()
    print("cold `remediate recommend` (no free text), wall time: "
          + ", ".join(f"{t:.2f}" for t in times) + f" s; median {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
