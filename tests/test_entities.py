"""Dereferenceable IRIs: HTML for people, RDF by content negotiation, 404 for unknowns."""

from __future__ import annotations

import pytest
from rdflib import RDFS, Graph, URIRef

SVE = "https://w3id.org/remediate/id/technique/soil-vapour-extraction"


def test_html_page_shows_label_links_and_sources(client):
    response = client.get("/id/technique/soil-vapour-extraction", headers={"Accept": "text/html"})
    assert response.status_code == 200
    page = response.data.decode()
    assert "<h1>Soil vapour extraction</h1>" in page
    assert 'href="/id/medium/soil"' in page  # a link out, served locally
    assert 'href="/id/applicability/' in page  # a link in
    assert 'rel="external"' in page and "https://" in page  # its sources


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                        ("application/n-triples", "nt"), ("application/rdf+xml", "xml")])
def test_rdf_by_content_negotiation(client, accept, fmt):
    response = client.get("/id/technique/soil-vapour-extraction", headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == accept
    graph = Graph().parse(data=response.data, format=fmt)
    assert str(graph.value(URIRef(SVE), RDFS.label)) == "Soil vapour extraction"


def test_format_parameter_overrides_accept(client):
    response = client.get("/id/technique/soil-vapour-extraction?format=ttl", headers={"Accept": "text/html"})
    assert response.mimetype == "text/turtle"


@pytest.mark.parametrize("path", ["/id/contaminant/trichloroethylene", "/id/plant/pteris-vittata",
                                  "/id/jurisdiction/nl", "/id/medium/groundwater", "/ontology/CaseStudy",
                                  "/ontology"])
def test_other_kinds_resolve(client, path):
    assert client.get(path).status_code == 200


def test_every_case_study_and_guideline_value_resolves(client, app):
    from remediate.store import select

    store = app.extensions["remediate.store"]
    sample = select(store, "kg-counts")
    assert sample  # the graph is not empty
    for kind in ("case-study", "guideline-value"):
        rows = store.execute(f"SELECT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "
                             f"'https://w3id.org/remediate/id/{kind}/')) }} LIMIT 1")
        iri = next(iter(rows.rows))["s"].value
        assert client.get(iri.removeprefix("https://w3id.org/remediate")).status_code == 200


def test_unknown_iri_is_a_friendly_404(client):
    response = client.get("/id/technique/no-such-thing", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert b"Nothing is known about" in response.data and b"Traceback" not in response.data


def test_unknown_iri_as_json(client):
    response = client.get("/id/technique/no-such-thing", headers={"Accept": "application/json"})
    assert response.status_code == 404 and response.json["error"]["status"] == 404


def test_dataset_iri_leads_to_its_void_description(client):
    response = client.get("/id/dataset/remediate-kg")
    assert response.status_code == 303 and response.location.endswith("/.well-known/void")


def test_entity_json_ld_has_a_context_and_the_same_graph(client):
    import json

    from rdflib import Graph

    response = client.get("/id/technique/soil-vapour-extraction", headers={"Accept": "application/ld+json"})
    body = json.loads(response.data)
    assert "@context" in body and body["@context"]["rem"].endswith("/ontology/")
    turtle = client.get("/id/technique/soil-vapour-extraction", headers={"Accept": "text/turtle"}).data
    assert Graph().parse(data=response.data, format="json-ld").isomorphic(Graph().parse(data=turtle, format="turtle"))


def test_api_lists_contaminants_and_serves_its_context(client):
    listed = client.get("/api/v1/contaminants").json["contaminants"]
    assert len(listed) >= 160 and any(c["cas"] == "71-43-2" and c["label"] == "Benzene" for c in listed)
    context = client.get("/api/v1/context.jsonld")
    assert context.mimetype == "application/ld+json" and context.json["@context"]["iri"] == "@id"
