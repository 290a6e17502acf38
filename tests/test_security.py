"""Security headers on every response, redirects that never trust the Host header, and
absolute links on the configured public address."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import VOID

from webapp import create_app
from webapp.security import CONTENT_SECURITY_POLICY, HEADERS, YASGUI_POLICY

PATHS = ["/", "/techniques", "/sparql/ui", "/api/v1/", "/static/site.css", "/no/such/page",
         "/sparql?query=ASK%7B%7D", "/results?c_name=lead&media=soil"]


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (path, name)
    expected = YASGUI_POLICY if path == "/sparql/ui" else CONTENT_SECURITY_POLICY
    assert response.headers.get("Content-Security-Policy") == expected, path


@pytest.mark.parametrize("text", [CONTENT_SECURITY_POLICY, YASGUI_POLICY])
def test_policy_allows_no_inline_script_and_no_framing(text):
    policy = dict(part.split(" ", 1) for part in text.split("; "))
    assert policy["script-src"] == "'self'" and policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'" and HEADERS["X-Frame-Options"] == "DENY"
    assert "http" not in text  # no CDN
    assert "unsafe-inline" not in policy["style-src"] or text == YASGUI_POLICY  # inline styles: the query page only


@pytest.mark.parametrize("path", ["/", "/results?c_name=lead&media=soil", "/sparql/ui", "/techniques"])
def test_pages_have_no_inline_script_or_handler(client, path):
    page = client.get(path).data.decode()
    assert "<script>" not in page and " onclick=" not in page and "javascript:" not in page


# every way the app redirects: a trailing slash, the SPARQL page, the dataset's IRI
REDIRECTS = [("/api/v1", {}), ("/sparql", {"Accept": "text/html"}), ("/sparql/", {"Accept": "text/html"}),
             ("/id/dataset/remediate-kg", {}), ("/api/v1?x=1", {})]


@pytest.mark.parametrize(("path", "headers"), REDIRECTS)
def test_redirects_never_name_a_forged_host(client, path, headers):
    response = client.get(path, headers={"Host": "evil.example", **headers})
    assert 300 <= response.status_code < 400, path
    assert "evil.example" not in response.headers["Location"]
    assert response.headers["Location"].startswith("/")
    assert b"evil.example" not in response.data


def test_void_names_the_public_url_whatever_the_host():
    app = create_app({"TESTING": True, "PUBLIC_URL": "https://remediate.example.org/"})
    response = app.test_client().get("/.well-known/void", headers={"Host": "evil.example"})
    graph = Graph().parse(data=response.data, format="turtle")
    assert {str(o) for o in graph.objects(None, VOID.sparqlEndpoint)} == {"https://remediate.example.org/sparql"}
    page = app.test_client().get("/sparql/ui", headers={"Host": "evil.example"}).data.decode()
    assert "evil.example" not in page and "https://remediate.example.org/sparql" in page
