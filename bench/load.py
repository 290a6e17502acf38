"""Load benchmark: N clients for T seconds against a real `remediate serve` (waitress),
started on a free port and stopped at the end. Each client keeps one connection and
sends a mix of recommend (POST /api/v1/recommend with examples/*.json), SPARQL (small
queries on /sparql) and page requests (the form, the technique list, an entity page, a
results page). Prints requests, errors by kind, p50/p95/p99 per kind and overall, and
the server's memory. It asserts nothing (targets: 0 errors, recommend p95 <= 1 s).

    python bench/load.py [--clients 50] [--seconds 60] [--threads N]
"""

from __future__ import annotations

import argparse
import http.client
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITES = [path.read_bytes() for path in sorted((ROOT / "examples").glob("*.json"))]
PREFIXES = "PREFIX rem: <https://w3id.org/remediate/ontology/>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
QUERIES = [
    "SELECT ?p ?o WHERE { <https://w3id.org/remediate/id/technique/soil-vapour-extraction> ?p ?o }",
    PREFIXES + "SELECT ?t ?label WHERE { ?t a rem:RemediationTechnique ; rdfs:label ?label } ORDER BY ?label",
    PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
]
PAGES = ["/", "/techniques", "/id/technique/soil-vapour-extraction",
         "/results?c_name=TCE&c_conc=12&media=soil&land_use=residential"]
# (kind, weight): about a third recommendations, a fifth SPARQL, the rest pages
MIX = [("recommend", 3), ("sparql", 2), ("page", 5)]
TIMEOUT_S = 30.0


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            if error:
                self.errors[(kind, error)] += 1
            else:
                self.latencies[kind].append(seconds)


def request_for(kind: str, rng: random.Random) -> tuple[str, str, bytes | None, dict[str, str]]:
    if kind == "recommend":
        return "POST", "/api/v1/recommend", rng.choice(SITES), {"Content-Type": "application/json"}
    if kind == "sparql":
        body = urllib.parse.urlencode({"query": rng.choice(QUERIES)}).encode()
        return "POST", "/sparql", body, {"Content-Type": "application/x-www-form-urlencoded",
                                         "Accept": "application/sparql-results+json"}
    return "GET", rng.choice(PAGES), None, {"Accept": "text/html"}


def client(port: int, until: float, seed: int, tally: Tally) -> None:
    rng = random.Random(seed)
    kinds, weights = zip(*MIX, strict=True)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
    while time.monotonic() < until:
        kind = rng.choices(kinds, weights)[0]
        method, path, body, headers = request_for(kind, rng)
        start = time.perf_counter()
        error = None
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                error = f"HTTP {response.status}"
        except (OSError, http.client.HTTPException) as err:
            error = type(err).__name__
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
        tally.add(kind, time.perf_counter() - start, error)
    conn.close()


def start_server(threads: int | None) -> tuple[subprocess.Popen, int]:
    command = [sys.executable, "-m", "remediate.cli", "serve", "--port", "0"]
    if threads:
        command += ["--threads", str(threads)]
    log = tempfile.NamedTemporaryFile("w+", prefix="remediate-load-", suffix=".log", delete=False)  # noqa: SIM115
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True, cwd=ROOT)
    server.log = Path(log.name)  # type: ignore[attr-defined]
    assert server.stdout is not None
    line = server.stdout.readline()
    found = re.search(r":(\d+)/", line)
    if not found:
        server.kill()
        raise SystemExit(f"the server did not start: {line!r}")
    port = int(found.group(1))
    warm_up(port)
    return server, port


def warm_up(port: int) -> None:
    """One of each request, so the model, the recommender and the query workers are ready."""
    rng = random.Random(0)
    for kind, _ in MIX:
        for _ in range(3):
            method, path, body, headers = request_for(kind, rng)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            conn.request(method, path, body=body, headers=headers)
            conn.getresponse().read()
            conn.close()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def memory(pid: int) -> tuple[float, float]:
    """RSS of the server process and the sum over its query worker processes, in MB."""
    workers = 0.0
    for child in children(pid):
        try:
            workers += rss_mb(child)
        except FileNotFoundError:  # a worker replaced meanwhile
            continue
    return rss_mb(pid), workers


def percentile(sorted_values: list[float], p: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


def report(tally: Tally, seconds: float, peak: tuple[float, float], end: tuple[float, float]) -> None:
    rows = {kind: sorted(values) for kind, values in tally.latencies.items()}
    rows["overall"] = sorted(v for values in tally.latencies.values() for v in values)
    errors_by_kind = Counter()
    for (kind, _), count in tally.errors.items():
        errors_by_kind[kind] += count
    print(f"\n{'kind':10} {'requests':>9} {'errors':>7} {'req/s':>7} {'p50':>8} {'p95':>8} {'p99':>8}")
    for kind in [k for k, _ in MIX] + ["overall"]:
        values = rows.get(kind, [])
        errors = sum(errors_by_kind.values()) if kind == "overall" else errors_by_kind[kind]
        cells = [f"{percentile(values, p) * 1000:6.0f}ms" if values else f"{'-':>8}" for p in (50, 95, 99)]
        print(f"{kind:10} {len(values) + errors:9d} {errors:7d} {(len(values) + errors) / seconds:7.1f} "
              + " ".join(cells))
    for (kind, error), count in sorted(tally.errors.items()):
        print(f"  error: {kind} {error} x{count}")
    print(f"server RSS: {end[0]:.0f} MB at the end (peak {peak[0]:.0f} MB); "
          f"query workers: {end[1]:.0f} MB at the end (peak {peak[1]:.0f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--seconds", type=float, default=60, help="how long they send requests (default 60)")
    parser.add_argument("--threads", type=int, help="server threads (default: settings SERVE_THREADS)")
    args = parser.parse_args()
    server, port = start_server(args.threads)
    print(f"server on port {port}: {args.clients} clients x {args.seconds:g} s, mix {dict(MIX)}", flush=True)
    tally = Tally()
    until = time.monotonic() + args.seconds
    threads = [threading.Thread(target=client, args=(port, until, seed, tally)) for seed in range(args.clients)]
    for thread in threads:
        thread.start()
    peak = (0.0, 0.0)
    try:
        while any(thread.is_alive() for thread in threads):
            now = memory(server.pid)
            peak = (max(peak[0], now[0]), max(peak[1], now[1]))
            time.sleep(1)
        end = memory(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(tally, args.seconds, peak, end)
    report_log(server.log)  # type: ignore[attr-defined]


def report_log(path: Path) -> None:
    """Waitress warns when requests wait for a thread; anything else the server said is shown."""
    lines = path.read_text().splitlines()
    depths = [int(line.rsplit(" ", 1)[1]) for line in lines if line.startswith("Task queue depth is")]
    if depths:
        print(f"waitress: requests waited for a thread {len(depths)} times (deepest queue {max(depths)})")
    others = [line for line in lines if not line.startswith("Task queue depth is")]
    if others:
        print("server log:\n  " + "\n  ".join(others[-20:]))
    path.unlink()


if __name__ == "__main__":
    main()
