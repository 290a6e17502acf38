"""SPARQL benchmark: typical queries on the shipped knowledge graph and on a synthetic
one scaled to about a million triples, through the store (pyoxigraph), over HTTP on
loopback (the real /sparql endpoint), and in rdflib's memory store. Then the real servers
side by side on build/remediate.nt: `remediate serve` (waitress) against the Oxigraph
server (`oxigraph serve-read-only`), a point lookup and a 10,000-row JSON SELECT over
HTTP with kept-alive connections (targets: ours/oxigraph <= 1.5x and <= 1.3x). Prints
medians and ratios; it asserts nothing (targets are read from the numbers, not tested).

    python bench/sparql.py [--triples 1000000] [--repeat 5] [--no-rdflib-large]
                           [--http-repeat 50] [--servers-only]
"""

from __future__ import annotations

import argparse
import http.client
import logging
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import rdflib
from werkzeug.serving import make_server

from remediate.build import Sources, assemble
from remediate.store import LocalStore
from webapp import create_app

ROOT = Path(__file__).resolve().parents[1]
PREFIXES = """PREFIX rem: <https://w3id.org/remediate/ontology/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
QUERIES = {
    "point lookup": PREFIXES + """SELECT ?p ?o WHERE {
        <https://w3id.org/remediate/id/technique/soil-vapour-extraction> ?p ?o }""",
    "3-pattern join + FILTER": PREFIXES + """SELECT ?t ?target WHERE {
        ?a rem:technique ?t ; rem:target ?target ; rem:rating ?r .
        ?r rem:code ?code . FILTER(?code IN ("better", "average")) }""",
    "GROUP BY": PREFIXES + """SELECT ?jurisdiction (COUNT(?gv) AS ?n) (AVG(?v) AS ?mean) WHERE {
        ?gv rem:jurisdiction ?jurisdiction ; rem:value ?v } GROUP BY ?jurisdiction""",
    "OPTIONAL": PREFIXES + """SELECT ?case ?label ?outcome WHERE {
        ?case a rem:CaseStudy ; rdfs:label ?label . OPTIONAL { ?case rem:outcome ?outcome } }""",
}


def synthetic(base: str, target: int) -> str:
    """N-Triples of the shipped KG copied with renamed entity IRIs until ~target triples."""
    lines = [line for line in base.splitlines() if line.strip()]
    out = list(lines)
    copy = 0
    while len(out) < target:
        copy += 1
        marker = f"/c{copy}-"
        out += [line.replace("https://w3id.org/remediate/id/", "https://w3id.org/remediate/id" + marker)
                for line in lines]
    return "\n".join(out[:target]) + "\n"


def timed(run, repeat: int) -> float:
    run()  # warm-up
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def oxigraph_runner(store: ox.Store, query: str):
    return lambda: sum(1 for _ in store.query(query))


def rdflib_runner(graph: rdflib.Graph, query: str):
    return lambda: sum(1 for _ in graph.query(query))


def http_runner(url: str, query: str):
    data = urllib.parse.urlencode({"query": query}).encode()

    def run() -> int:
        request = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=300) as response:
            return len(response.read())
    return run


def serve(store: ox.Store) -> tuple[str, object]:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no per-request log lines in the table
    app = create_app({"STORE_OBJECT": LocalStore(store, "bench"), "SPARQL_RESULT_CAP": 10_000_000,
                      "SPARQL_TIMEOUT_S": 600})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/sparql", server


def bench(name: str, ntriples: str, repeat: int, with_rdflib: bool) -> None:
    store = ox.Store()
    start = time.perf_counter()
    store.bulk_load(input=ntriples.encode(), format=ox.RdfFormat.N_TRIPLES)
    print(f"\n== {name}: {len(store):,} triples (pyoxigraph load {time.perf_counter() - start:.2f} s)")
    graph = None
    if with_rdflib:
        start = time.perf_counter()
        graph = rdflib.Graph().parse(data=ntriples, format="nt")
        print(f"   rdflib memory store load {time.perf_counter() - start:.2f} s")
    url, server = serve(store)
    print(f"   {'query':26} {'rows':>8} {'store':>10} {'HTTP':>10} {'rdflib':>10} {'rdflib/store':>13}")
    for label, query in QUERIES.items():
        rows = oxigraph_runner(store, query)()
        t_store = timed(oxigraph_runner(store, query), repeat)
        t_http = timed(http_runner(url, query), repeat)
        t_rdflib = timed(rdflib_runner(graph, query), max(1, repeat // 2)) if graph is not None else None
        ratio = f"{t_rdflib / t_store:12.0f}x" if t_rdflib else f"{'-':>13}"
        rdf_text = f"{t_rdflib * 1000:8.1f}ms" if t_rdflib else f"{'skipped':>10}"
        print(f"   {label:26} {rows:8d} {t_store * 1000:8.2f}ms {t_http * 1000:8.2f}ms {rdf_text} {ratio}")
    server.shutdown()


SERVER_QUERIES = {
    "point lookup": QUERIES["point lookup"],
    "10,000-row JSON SELECT": "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10000",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(port: int, path: str, process: subprocess.Popen, limit_s: float = 120) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server on port {port} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                response.read()
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server on port {port} did not answer within {limit_s:.0f} s")


def start_oxigraph(data: Path, location: Path) -> tuple[subprocess.Popen, str]:
    binary = str(Path(sys.executable).with_name("oxigraph"))
    subprocess.run([binary, "load", "--location", str(location), "--file", str(data)], check=True,
                   capture_output=True)
    port = free_port()
    process = subprocess.Popen([binary, "serve-read-only", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_up(port, "/query?query=ASK%7B%7D", process)
    return process, f"http://127.0.0.1:{port}/query"


def start_ours() -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "remediate.cli", "serve", "--port", "0"],
                               stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert process.stdout is not None
    found = re.search(r":(\d+)/", process.stdout.readline())
    if not found:
        process.kill()
        raise SystemExit("remediate serve did not start")
    wait_until_up(int(found.group(1)), "/sparql?query=ASK%7B%7D", process)
    return process, f"http://127.0.0.1:{found.group(1)}/sparql"


def keep_alive_runner(url: str, query: str):
    """POST the query on one kept-alive connection and read the whole JSON answer."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=300)
    body = urllib.parse.urlencode({"query": query}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}

    def run() -> int:
        conn.request("POST", parts.path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{url} answered {response.status}: {data[:200]!r}")
        return len(data)
    return run


def compare_servers(repeat: int) -> None:
    data = ROOT / "build" / "remediate.nt"
    print(f"\n== servers over HTTP on {data.relative_to(ROOT)}: remediate serve (waitress) vs oxigraph serve-read-only")
    with tempfile.TemporaryDirectory(prefix="oxigraph-bench-") as location:
        oxigraph, oxigraph_url = start_oxigraph(data, Path(location))
        ours, our_url = start_ours()
        try:
            print(f"   {'query':26} {'bytes':>9} {'ours':>10} {'oxigraph':>10} {'ours/oxigraph':>14}")
            for label, query in SERVER_QUERIES.items():
                size = keep_alive_runner(our_url, query)()
                t_ours = timed(keep_alive_runner(our_url, query), repeat)
                t_oxigraph = timed(keep_alive_runner(oxigraph_url, query), repeat)
                print(f"   {label:26} {size:9d} {t_ours * 1000:8.2f}ms {t_oxigraph * 1000:8.2f}ms "
                      f"{t_ours / t_oxigraph:13.2f}x")
        finally:
            for process in (ours, oxigraph):
                process.terminate()
                process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query (median is shown)")
    parser.add_argument("--no-rdflib-large", action="store_true", help="skip rdflib on the synthetic graph")
    parser.add_argument("--http-repeat", type=int, default=50, help="timed runs per query against the servers")
    parser.add_argument("--servers-only", action="store_true", help="only compare the two servers over HTTP")
    args = parser.parse_args()
    if args.servers_only:
        compare_servers(args.http_repeat)
        return
    base = assemble(Sources(ROOT / "ontology", ROOT / "kg_data")).serialize(format="nt", encoding="utf-8").decode()
    bench("shipped knowledge graph", base, args.repeat, with_rdflib=True)
    bench(f"synthetic, ~{args.triples:,} triples", synthetic(base, args.triples), args.repeat,
          with_rdflib=not args.no_rdflib_large)
    compare_servers(args.http_repeat)


if __name__ == "__main__":
    main()
