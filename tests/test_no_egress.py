"""No query makes the server fetch anything, however SERVICE is dressed up: comments
ended by \\r, \\r\\n or \\f, Unicode escapes, mixed case, SERVICE nested in OPTIONAL,
MINUS, UNION, subqueries and EXISTS, SERVICE on a variable, SILENT; sent by GET, form
POST and direct POST. A local canary server records every request: it must get none,
with the embedded store (whose query workers cannot open a socket) and with a remote
read-only Oxigraph server (where the app refuses SERVICE on the parsed query before
sending)."""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from remediate.build import write_artefacts
from webapp import create_app

from .canary import canary_server
from .test_store import free_port


@pytest.fixture(scope="module")
def canary():
    with canary_server("/sparql", "application/sparql-results+json",
                       b'{"head":{"vars":["s"]},"results":{"bindings":[]}}') as served:
        yield served


def obfuscations(url: str) -> list[str]:
    keyword = ["SERVICE", "service", "SeRvIcE", "\\u0053ERVICE", "SERVIC\\u0045", "\\U00000053ERVICE"]
    silent = ["", " SILENT"]
    before = ["", "#x\r", "#x\r\n", "#x\f\n", "# SERVICE is mentioned in a comment\n"]
    placements = [
        "{{ {s} }}",
        "{{ OPTIONAL {{ {s} }} }}",
        "{{ ?a ?b ?c MINUS {{ {s} }} }}",
        "{{ {{ ?a ?b ?c }} UNION {{ {s} }} }}",
        "{{ {{ SELECT * WHERE {{ {s} }} }} }}",
        "{{ ?a ?b ?c FILTER EXISTS {{ {s} }} }}",
        "{{ ?a ?b ?c FILTER NOT EXISTS {{ {s} }} }}",
    ]
    out = []
    for word, quiet, lead, place in itertools.product(keyword, silent, before, placements):
        pattern = f"{lead}{word}{quiet} <{url}> {{ ?s ?p ?o }}"
        out.append("SELECT * WHERE " + place.format(s=pattern))
    out.append(f"SELECT * WHERE {{ VALUES ?endpoint {{ <{url}> }} SERVICE ?endpoint {{ ?s ?p ?o }} }}")
    out.append(f"SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE SILENT ?e {{ ?s ?p ?o }} }}")
    return out


def send(client, text: str, how: str):
    if how == "get":
        return client.get("/sparql", query_string={"query": text})
    if how == "form":
        return client.post("/sparql", data={"query": text})
    return client.post("/sparql", data=text.encode(), content_type="application/sparql-query")


def assert_nothing_reached(client, url: str, hits: list[str], sample: int) -> int:
    queries = obfuscations(url)
    tried = 0
    for index, text in enumerate(queries[::max(1, len(queries) // sample)]):
        response = send(client, text, ("get", "form", "direct")[index % 3])
        assert response.status_code < 500 or response.status_code == 503, (text, response.status_code)
        assert response.status_code != 200 or b"results" in response.data
        tried += 1
    assert hits == [], f"the canary was reached: {hits[:3]}"
    return tried


def test_embedded_store_never_reaches_out(canary):
    url, hits = canary
    client = create_app({"TESTING": True}).test_client()
    assert assert_nothing_reached(client, url, hits, sample=120) >= 50


@pytest.fixture(scope="module")
def read_only_oxigraph(sources, tmp_path_factory):
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    build = tmp_path_factory.mktemp("build")
    write_artefacts(sources, build)
    location = tmp_path_factory.mktemp("oxigraph")
    subprocess.run([binary, "load", "--location", str(location), "--file", str(build / "remediate.nt")],
                   check=True, capture_output=True)
    port = free_port()
    process = subprocess.Popen([binary, "serve-read-only", "--location", str(location), "--bind",
                                f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1)  # noqa: S310 (our own test server)
            break
        except OSError:
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(10)


def test_remote_store_is_never_asked_to_reach_out(canary, read_only_oxigraph):
    url, hits = canary
    client = create_app({"TESTING": True, "STORE_URL": read_only_oxigraph}).test_client()
    assert client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"}).status_code == 200
    assert assert_nothing_reached(client, url, hits, sample=60) >= 50


def test_the_query_worker_itself_cannot_open_a_socket(canary, sources):
    """Past the text guard, on the worker: the engine does try SERVICE (an unconfined
    pyoxigraph POSTs to the canary for this query), but the worker has no network."""
    from remediate.sparql_exec import Job, Limits, QueryFailed
    from remediate.sparql_guard import RefusedQuery
    from remediate.sparql_pool import WorkerPool
    from remediate.store import LocalStore

    url, hits = canary
    pool = WorkerPool(LocalStore.from_sources(sources), Limits(timeout_s=10), 1, 1024, 1.0)
    try:
        for text in (f"SELECT * WHERE {{ #x\rSERVICE <{url}> {{ ?s ?p ?o }} }}",
                     f"SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}"):
            with pytest.raises((RefusedQuery, QueryFailed)):
                pool.run(Job(text))
    finally:
        pool.close()
    assert hits == []
