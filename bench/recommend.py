"""Recommender speed on this machine. Prints numbers; asserts nothing.

- warm latency for a three-contaminant site (p50, p95 over many runs): without a
  description; with a description seen before (cached vector); with a new description
  every run (encoded each time);
- the same site on a graph 10x larger (bench/sparql.py's synthetic copies), as a ratio to
  the shipped graph measured in the same run;
- throughput with 4 concurrent clients;
- wall time of a cold `remediate recommend`, without and with a description.

    python bench/recommend.py [--runs 200]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pyoxigraph as ox

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


def warm(recommender: Recommender, site: dict, runs: int, cached: bool = True,
         new_text: bool = False) -> tuple[float, float]:
    for _ in range(5):
        recommender.recommend(site)
    samples = []
    for run in range(runs):
        if not cached:
            recommender.knowledge.clear_cache()  # as if every contaminant were asked for the first time
        query = {**site, "description": f"{site['description']} Survey number {run}."} if new_text else site
        start = time.perf_counter()
        recommender.recommend(query)
        samples.append((time.perf_counter() - start) * 1000)
    return percentiles(samples)


def larger_graph(factor: int, runs: int) -> None:
    """The same site on the shipped graph and on one `factor` times larger, in one run."""
    sys.path.insert(0, str(ROOT / "bench"))
    from sparql import synthetic

    base = (ROOT / "build" / "remediate.nt").read_text(encoding="utf-8")
    medians = []
    for scale in (1, factor):
        store = ox.Store()
        store.bulk_load(input=synthetic(base, len(base.splitlines()) * scale).encode(), format=ox.RdfFormat.N_TRIPLES)
        recommender = Recommender(LocalStore(store, f"synthetic-{scale}"), None)
        medians.append(warm(recommender, SITE, runs)[0])
        print(f"  graph x{scale}: {len(store):,} triples, {len(recommender.knowledge.techniques)} techniques, "
              f"{len(recommender.knowledge.cases)} cases: p50 {medians[-1]:.1f} ms")
    print(f"  ratio x{factor} / x1: {medians[1] / medians[0]:.2f} (target <= 2)")


def throughput(recommender: Recommender, clients: int, seconds: float) -> None:
    done = [0] * clients
    stop = time.perf_counter() + seconds

    def client(number: int) -> None:
        while time.perf_counter() < stop:
            recommender.recommend({**DESCRIBED, "description": f"{DESCRIBED['description']} Client {number}."})
            done[number] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"throughput, {clients} concurrent clients, described sites: {sum(done) / seconds:.0f} recommendations/s")


def cold(site: dict, runs: int = 5) -> list[float]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(site, handle)
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
    print(f"warm, with a description seen before: p50 {p50:.1f} ms  p95 {p95:.1f} ms  ({args.runs} runs)")
    p50, p95 = warm(recommender, DESCRIBED, args.runs, new_text=True)
    print(f"warm, with a new description every run: p50 {p50:.1f} ms  p95 {p95:.1f} ms  ({args.runs} runs)")
    print("graph 10x larger, no description:")
    larger_graph(10, min(args.runs, 50))
    throughput(recommender, 4, 10.0)
    for label, site in (("no free text", SITE), ("with a description", DESCRIBED)):
        times = cold(site)
        print(f"cold `remediate recommend` ({label}), wall time: "
              + ", ".join(f"{t:.2f}" for t in times) + f" s; median {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
