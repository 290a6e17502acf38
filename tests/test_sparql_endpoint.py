"""The read-only SPARQL 1.1 endpoint: methods, formats, service description, CORS,
refusals, no outbound requests, timeout and result cap."""

from __future__ import annotations

import csv
import io
import json
import threading
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from rdflib import Graph

from webapp import create_app

from .canary import canary_server

SELECT = ("SELECT ?t ?label WHERE { ?t a <https://w3id.org/remediate/ontology/NatureBasedSolution> ; "
          "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label LIMIT 3")
CONSTRUCT = "CONSTRUCT { ?t a ?c } WHERE { ?t a ?c } LIMIT 5"
# a cross product of two 4000-triple slices: seconds of work, but it does end
HEAVY = ("SELECT (COUNT(*) AS ?n) WHERE { { SELECT * { ?a ?p ?b } LIMIT 4000 } "
         "{ SELECT * { ?c ?q ?d } LIMIT 4000 } FILTER(STR(?b) < STR(?d)) }")


def get(client, query, accept=None, **params):
    headers = {"Accept": accept} if accept else {}
    extra = "".join(f"&{k}={quote(v)}" for k, v in params.items())
    return client.get(f"/sparql?query={quote(query)}{extra}", headers=headers)


def test_select_by_get_urlencoded_post_and_direct_post(client):
    a = get(client, SELECT).json
    b = client.post("/sparql", data={"query": SELECT}).json
    c = client.post("/sparql", data=SELECT, content_type="application/sparql-query").json
    assert a == b == c
    assert len(a["results"]["bindings"]) == 3


@pytest.mark.parametrize("accept,check", [
    ("application/sparql-results+json", lambda body: json.loads(body)["head"]["vars"] == ["t", "label"]),
    ("application/sparql-results+xml",
     lambda body: len(ET.fromstring(body).findall(".//{http://www.w3.org/2005/sparql-results#}result")) == 3),
    ("text/csv", lambda body: list(csv.reader(io.StringIO(body.decode())))[0] == ["t", "label"]),
    ("text/tab-separated-values", lambda body: body.decode().splitlines()[0] == "?t\t?label"),
])
def test_select_result_formats(client, accept, check):
    response = get(client, SELECT, accept)
    assert response.status_code == 200
    assert response.mimetype == accept
    assert check(response.data)


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                        ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld")])
def test_construct_formats_parse_back_to_the_same_graph(client, accept, fmt):
    response = get(client, CONSTRUCT, accept)
    assert response.status_code == 200 and response.mimetype == accept
    assert len(Graph().parse(data=response.data, format=fmt)) == 5


@pytest.mark.parametrize("accept", [None, "*/*"])
def test_default_formats_without_preference(client, accept):
    assert get(client, SELECT, accept).mimetype == "application/sparql-results+json"
    assert get(client, CONSTRUCT, accept).mimetype == "text/turtle"


def test_unacceptable_accept_is_406(client):
    assert get(client, SELECT, "image/png").status_code == 406


def test_syntax_error_is_400_with_the_parser_message(client):
    response = get(client, "SELECT * WHERE {")
    assert response.status_code == 400
    assert b"Syntax error" in response.data and b"1:" in response.data


def test_service_description_on_bare_get(client, app):
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.data, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    rows = list(graph.query(f"""PREFIX sd: <{sd}> PREFIX void: <http://rdfs.org/ns/void#>
        SELECT ?endpoint ?lang ?n WHERE {{ ?s sd:endpoint ?endpoint ; sd:supportedLanguage ?lang ;
        sd:defaultDataset/sd:defaultGraph/void:triples ?n }}"""))
    assert len(rows) == 1
    assert str(rows[0][1]) == sd + "SPARQL11Query"
    assert int(rows[0][2]) == app.extensions["remediate.store"].triple_count()
    formats = {str(o) for o in graph.objects(None, graph.namespace_manager.expand_curie("sd:resultFormat"))}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats


def test_browser_on_bare_get_is_sent_to_the_query_page(client):
    response = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml"})
    assert response.status_code == 303 and response.location.endswith("/sparql/ui")


def test_void(client):
    graph = Graph().parse(data=client.get("/.well-known/void").data, format="turtle")
    endpoints = graph.objects(None, graph.namespace_manager.expand_curie("void:sparqlEndpoint"))
    assert any(str(o).endswith("/sparql") for o in endpoints)


def test_cors_preflight_and_header(client):
    response = client.options("/sparql", headers={"Origin": "https://example.org",
                                                  "Access-Control-Request-Method": "POST"})
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert get(client, SELECT).headers["Access-Control-Allow-Origin"] == "*"


UPDATE = 'INSERT DATA { <urn:x> <urn:y> "z" }'


@pytest.mark.parametrize("send", [
    lambda c: c.get(f"/sparql?update={quote(UPDATE)}"),
    lambda c: c.post("/sparql", data={"update": UPDATE}),
    lambda c: c.post("/sparql", data=UPDATE, content_type="application/sparql-update"),
    lambda c: c.post("/sparql", data={"query": UPDATE}),
    lambda c: c.get(f"/sparql?query={quote('CLEAR ALL')}"),
    lambda c: c.post("/sparql", data="DROP ALL", content_type="application/sparql-query"),
])
def test_updates_are_refused_and_change_nothing(client, app, send):
    before = app.extensions["remediate.store"].triple_count()
    response = send(client)
    assert 400 <= response.status_code < 500
    assert app.extensions["remediate.store"].triple_count() == before


@pytest.fixture()
def canary():
    with canary_server("/data", "text/turtle", b"<urn:a> <urn:b> <urn:c> .") as served:
        yield served


def test_nothing_named_in_a_query_is_fetched(client, canary):
    url, hits = canary
    queries = [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"LOAD <{url}>",
        f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"DESCRIBE <{url}>",
        f"ASK {{ <{url}> ?p ?o }}",
    ]
    statuses = [get(client, q).status_code for q in queries]
    statuses.append(get(client, "ASK {}", **{"default-graph-uri": url, "named-graph-uri": url}).status_code)
    assert statuses[:3] == [403, 403, 403]
    assert all(s in (200, 403) for s in statuses)
    assert hits == []


def test_result_cap_is_a_clear_4xx():
    client = create_app({"TESTING": True, "SPARQL_RESULT_CAP": 5}).test_client()
    too_many = get(client, "SELECT * WHERE { ?s ?p ?o }")
    assert too_many.status_code == 400
    assert b"more than 5 rows" in too_many.data and b"LIMIT" in too_many.data
    assert get(client, "SELECT * WHERE { ?s ?p ?o } LIMIT 5").status_code == 200


def test_timeout_is_503_and_other_requests_are_still_answered():
    app = create_app({"TESTING": True, "SPARQL_TIMEOUT_S": 0.5})
    slow: dict = {}

    def run_heavy():
        slow["response"] = get(app.test_client(), HEAVY)

    worker = threading.Thread(target=run_heavy)
    worker.start()
    quick = app.test_client().get("/api/v1/")  # answered while the heavy query runs
    worker.join(timeout=30)
    assert quick.status_code == 200
    assert slow["response"].status_code == 503
    assert b"limit" in slow["response"].data
    assert slow["response"].headers.get("Retry-After")


@pytest.mark.parametrize("fmt", ["JSON", "XML", "TSV"])
def test_rows_are_counted_exactly_in_the_engines_own_output(fmt):
    """The result cap counts rows in the written answer; tricky literals must not fool it."""
    import pyoxigraph as ox

    from remediate.results import rows_in

    store = ox.Store()
    tricky = ['},{"x"', ',{"', "<result>", "line\nbreak", 'a "quoted" value', "\t"]
    for i, text in enumerate(tricky * 3):
        store.add(ox.Quad(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://e/p"), ox.Literal(text)))
    form = getattr(ox.QueryResultsFormat, fmt)
    for limit in (0, 1, 7, 15):
        body = store.query(f"SELECT ?s ?o WHERE {{ ?s ?p ?o }} LIMIT {limit}").serialize(format=form)
        assert rows_in(body, form) == limit
    body = store.query("SELECT ?s ?nothing WHERE { ?s ?p ?o OPTIONAL { ?s <http://e/none> ?nothing } }").serialize(
        format=ox.QueryResultsFormat.JSON)
    assert rows_in(body, ox.QueryResultsFormat.JSON) in (None, 18)  # never a wrong count


def test_void_at_the_well_known_address_is_the_builds_description(client):
    from rdflib import Graph
    from rdflib.namespace import VOID

    from remediate.settings import REPO_ROOT

    served = Graph().parse(data=client.get("/.well-known/void", headers={"Accept": "text/turtle"}).data,
                           format="turtle")
    built = Graph().parse(REPO_ROOT / "build" / "void.ttl", format="turtle")
    assert set(built) <= set(served)  # the same class partitions, counts and version
    assert len(set(served.objects(None, VOID.sparqlEndpoint))) == 1


@pytest.mark.parametrize(("name", "media"), [("xml", "application/rdf+xml"), ("json-ld", "application/ld+json"),
                                             ("json", "application/ld+json"), ("turtle", "text/turtle"),
                                             ("n3", "text/turtle"), ("nt", "application/n-triples")])
def test_construct_answers_the_format_names_sparql_clients_send(client, name, media):
    """SPARQLWrapper and others send ?format=xml or json-ld for CONSTRUCT, meaning RDF."""
    response = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 2", "format": name})
    assert response.status_code == 200 and response.mimetype == media
