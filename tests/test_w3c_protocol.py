"""W3C SPARQL 1.1 Protocol conformance, driven by ../shared/w3c-sparql11-protocol/
manifest.ttl. The test data (ut:graphData) is loaded into the store by the fixture, as an
operator would load a dataset; no request ever writes. Tests of successful updates need
a writable endpoint and are skipped: this one is read-only by design."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Graph, Namespace
from rdflib.collection import Collection

from remediate.store import LocalStore
from webapp import create_app

from .conftest import SHARED

SUITE = SHARED / "w3c-sparql11-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
FORMATS = {
    "boolean": {"application/sparql-results+json", "application/sparql-results+xml"},
    "tabular": {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"},
    "RDF": {"application/rdf+xml", "text/turtle", "application/n-triples", "application/ld+json"},
}


def manifest() -> Graph | None:
    path = SUITE / "manifest.ttl"
    return Graph().parse(path, format="turtle", publicID=path.as_uri()) if path.exists() else None


def entries() -> list:
    graph = manifest()
    if graph is None:
        return []
    head = graph.value(predicate=RDF.type, object=MF.Manifest)
    return [(str(e).rsplit("#", 1)[-1], e) for e in Collection(graph, graph.value(head, MF.entries))]


@pytest.fixture(scope="module")
def w3c_client():
    graph = manifest()
    store = LocalStore(ox.Store(), "w3c")
    for data in set(graph.objects(None, UT.graphData)):
        file = Path(str(graph.value(data, UT.graph)).removeprefix("file://"))
        store.load_graph(file, str(graph.value(data, RDFS.label)))
    return create_app({"TESTING": True, "STORE_OBJECT": store}).test_client()


def requests_of(graph: Graph, test) -> list:
    action = graph.value(test, MF.action)
    return list(Collection(graph, graph.value(action, HT.requests)))


def send(client, graph: Graph, request):
    method = str(graph.value(request, HT.methodName))
    path = str(graph.value(request, HT.absolutePath))
    headers = {}
    listed = graph.value(request, HT.headers)
    for header in Collection(graph, listed) if listed is not None else []:
        headers[str(graph.value(header, HT.fieldName))] = str(graph.value(header, HT.fieldValue))
    body = graph.value(request, HT.body)
    data = None
    if body is not None:
        encoding = str(graph.value(body, CNT.characterEncoding) or "UTF-8")
        data = str(graph.value(body, CNT.chars)).encode(encoding.lower().replace("-", "_").replace("utf_", "utf-"))
    content_type = headers.pop("content-type", None)
    return client.open(path, method=method, data=data, headers=headers, content_type=content_type)


def boolean_of(response) -> bool:
    if response.mimetype.endswith("json"):
        return json.loads(response.data)["boolean"]
    node = ET.fromstring(response.data).find("{http://www.w3.org/2005/sparql-results#}boolean")
    return node.text == "true"


@pytest.mark.parametrize("name,test", entries(), ids=[n for n, _ in entries()])
def test_protocol(w3c_client, name, test):
    if name.startswith("update_"):
        pytest.skip("needs a writable dataset: this endpoint is read-only by design")
    graph = manifest()
    for request in requests_of(graph, test):
        response = send(w3c_client, graph, request)
        expected = graph.value(request, HT.resp)
        classes = {str(s).removeprefix(HTS)[0] for s in graph.objects(expected, MF.expectedStatus)}
        assert str(response.status_code)[0] in classes, (name, response.status_code, response.data[:300])
        fmt = graph.value(expected, MF.expectedFormat)
        if fmt is not None:
            assert response.mimetype in FORMATS[str(fmt)], (name, response.mimetype)
        boolean = graph.value(expected, MF.expectedBoolean)
        if boolean is not None:
            assert boolean_of(response) is boolean.toPython(), name


def test_manifest_is_present_and_complete():
    assert len(entries()) == 34
