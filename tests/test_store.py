"""The store: named queries run with bindings, locally and against a real Oxigraph
server that the test starts and stops."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from remediate.build import write_artefacts
from remediate.queries import UnknownQuery, query_names, query_text
from remediate.store import LocalStore, RemoteStore, select

SVE = "https://w3id.org/remediate/id/technique/soil-vapour-extraction"


@pytest.fixture(scope="module")
def local(sources) -> LocalStore:
    return LocalStore.from_sources(sources)


def test_named_query_runs_with_a_binding(local):
    rows = select(local, "entity-outgoing", entity=SVE)
    labels = [r["value"] for r in rows if r["property"].endswith("#label")]
    assert labels == ["Soil vapour extraction"]


def test_binding_is_data_not_query_text(local):
    hostile = SVE + "> } UNION { ?s ?p ?o"
    with pytest.raises(ValueError):
        select(local, "entity-outgoing", entity=hostile)


def test_unknown_query_name_is_an_error():
    with pytest.raises(UnknownQuery):
        query_text("no-such-query")


def test_every_query_file_parses(local):
    for name in query_names():
        local.execute(query_text(name), bindings={"entity": SVE} if "entity" in name else None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_server(sources, tmp_path_factory):
    binary = shutil.which("oxigraph") or str(Path(__import__("sys").executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    build = tmp_path_factory.mktemp("build")
    nt = write_artefacts(sources, build)["nt"]
    location = tmp_path_factory.mktemp("oxigraph")
    subprocess.run([binary, "load", "--location", str(location), "--file", str(nt)], check=True,
                   capture_output=True, timeout=120)
    port = free_port()
    process = subprocess.Popen([binary, "serve-read-only", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


def normalised(rows: list[dict]) -> list[dict]:
    """Neither row order (without ORDER BY) nor GROUP_CONCAT order is defined by SPARQL:
    compare concatenations as sets and rows in a fixed order."""
    out = [{k: (frozenset(v.split("|")) if isinstance(v, str) and "|" in v else v) for k, v in r.items()}
           for r in rows]
    return sorted(out, key=repr)


def test_remote_store_gives_the_same_answers(local, oxigraph_server):
    remote = RemoteStore(oxigraph_server)
    for name in ("rec-techniques", "kg-counts"):
        assert normalised(select(remote, name)) == normalised(select(local, name))
    assert select(remote, "entity-outgoing", entity=SVE) == select(local, "entity-outgoing", entity=SVE)
    assert remote.triple_count() == local.triple_count()


def test_app_runs_on_a_remote_store(oxigraph_server):
    from webapp import create_app

    client = create_app({"TESTING": True, "STORE_URL": oxigraph_server}).test_client()
    response = client.get("/api/v1/techniques")
    assert response.status_code == 200
    assert any(t["label"] == "Soil vapour extraction" for t in response.json["techniques"])


def test_unreachable_remote_store_is_a_503_not_a_traceback():
    from webapp import create_app

    client = create_app({"TESTING": True, "STORE_URL": f"http://127.0.0.1:{free_port()}/query",
                         "REMOTE_TIMEOUT_S": 2}).test_client()
    response = client.get("/api/v1/techniques")
    assert response.status_code == 503
    assert "unreachable" in response.json["error"]["message"]


def test_recommender_gives_the_same_ranking_on_a_remote_store(local, oxigraph_server):
    from remediate.recommend import Recommender

    site = {"contaminants": [{"name": "TCE", "concentration_mg_kg": 12}, {"name": "lead"}],
            "media": ["soil", "groundwater"], "soil_texture": "sand", "land_use": "residential"}

    def ranking(store) -> list[str]:
        result = Recommender(store).recommend(site, top=8)
        return [r["technique"]["iri"] for r in result["recommendations"]] + [str(len(result["exceedances"]))]

    assert ranking(RemoteStore(oxigraph_server)) == ranking(local)


def test_remote_store_reports_the_graphs_own_version_and_filters_see_bindings(local, oxigraph_server):
    remote = RemoteStore(oxigraph_server)
    assert remote.kg_version == local.kg_version  # stamped in the graph by the build, read back remotely
    hits = select(remote, "search", q="vapour")
    assert hits and hits == select(local, "search", q="vapour")  # a bound ?q inside a FILTER
