"""Regressions for inputs that once made a 500 (issue 8): each surface answers bad input
with a 4xx naming what was wrong, and a failing store with a 503 that keeps the store's
internals to itself."""

from __future__ import annotations

import http.server
import threading

import pytest

from remediate.store import RemoteStore, StoreError
from webapp import create_app

SITE = '{"contaminants": [{"name": "lead"}], "media": ["soil"]%s}'


def post_site(client, body: str, top: str | None = None):
    return client.post("/api/v1/recommend", data=body, query_string={"top": top} if top else {},
                       content_type="application/json")


def fields(response) -> list[str]:
    return [e["field"] for e in response.json["error"]["fields"]]


# -- entity pages ------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/id/contaminant/a%20b", "/ontology/a%3Cb", "/id/technique/%ff",
                                  "/id/x/%7Bb%7D", "/ontology/%00"])
def test_an_invalid_iri_in_an_entity_path_is_a_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "not a valid IRI" in response.get_data(as_text=True)


# -- /sparql dataset parameters ------------------------------------------------------------

@pytest.mark.parametrize("name", ["default-graph-uri", "named-graph-uri"])
@pytest.mark.parametrize("value", ["not an iri", "<>", "http://a b", "", "relative"])
def test_a_bad_graph_iri_is_a_400_naming_the_parameter(client, name, value):
    response = client.get("/sparql", query_string={"query": "ASK {}", name: value})
    assert response.status_code == 400
    assert name in response.get_data(as_text=True)


def test_a_bad_graph_iri_in_a_posted_form_is_a_400(client):
    response = client.post("/sparql", data={"query": "ASK {}", "named-graph-uri": "http://a b"})
    assert response.status_code == 400 and "named-graph-uri" in response.get_data(as_text=True)


# -- POST /api/v1/recommend ----------------------------------------------------------------

@pytest.mark.parametrize("depth", [1000, 1500, 100_000])
def test_deeply_nested_json_is_a_400(client, depth):
    response = post_site(client, "[" * depth + "]" * depth)
    assert response.status_code == 400 and fields(response) == ["(body)"]
    nested = post_site(client, SITE % (', "weights": ' + '{"a":' * depth + "1" + "}" * depth))
    assert nested.status_code == 400


@pytest.mark.parametrize("value", ["9" * 400, "-" + "9" * 400, "NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize("body,field", [
    (SITE % ', "ph": VALUE', "ph"),
    (SITE % ', "area_m2": VALUE', "area_m2"),
    (SITE % ', "constraints": {"budget_usd": VALUE}', "constraints.budget_usd"),
    (SITE % ', "weights": {"cost": VALUE}', "weights.cost"),
    ('{"contaminants": [{"name": "lead", "concentration_mg_kg": VALUE}], "media": ["soil"]}',
     "contaminants[0].concentration_mg_kg"),
])
def test_numbers_out_of_float_range_are_a_400_naming_the_field(client, body, field, value):
    response = post_site(client, body.replace("VALUE", value))
    assert response.status_code == 400
    assert fields(response) == [field]
    assert response.json["error"]["fields"][0]["code"] == "finite"


@pytest.mark.parametrize("top", ["²", "①", "0", "101", "ten", "9" * 5000])
def test_api_top_must_be_a_whole_number_in_range(client, top):
    response = post_site(client, SITE % "", top)
    assert response.status_code == 400 and fields(response) == ["top"]


@pytest.mark.parametrize("path", ["/results", "/results.json", "/results.csv"])
@pytest.mark.parametrize("top", ["²", "①", "ten"])
def test_form_top_must_be_a_whole_number(client, path, top):
    response = client.get(path, query_string={"c_name": "lead", "media": "soil", "top": top})
    assert response.status_code == 400
    assert "top" in response.get_data(as_text=True)


def test_form_top_still_clamps_whole_numbers(client):
    response = client.get("/results.json", query_string={"c_name": "lead", "media": "soil", "top": "999"})
    assert response.status_code == 200 and len(response.json["recommendations"]) <= 50


@pytest.mark.parametrize("body,field", [
    (SITE % ', "name": "a\\ud800b"', "name"),
    (SITE % ', "description": "\\ud800"', "description"),
    (SITE % ', "country": "\\udfff"', "country"),
    ('{"contaminants": [{"name": "\\ud800"}], "media": ["soil"]}', "contaminants[0].name"),
    ('{"contaminants": [{"cas": "71-43-\\ud800"}], "media": ["soil"]}', "contaminants[0].cas"),
])
def test_a_lone_surrogate_in_text_is_a_400_naming_the_field(client, body, field):
    response = post_site(client, body)
    assert response.status_code == 400
    assert field in fields(response)
    assert "unicode" in [e["code"] for e in response.json["error"]["fields"]]


def test_a_rejected_medium_is_shown_short(client):
    response = post_site(client, '{"contaminants": [{"name": "lead"}], "media": [[' + '"x",' * 5000 + '"y"]]}')
    assert response.status_code == 400
    assert len(response.json["error"]["message"]) < 300


# -- the form's query string ------------------------------------------------------------------

GARBAGE = "\x00%%<script>∞\ufffd" + "9" * 400


@pytest.mark.parametrize("path", ["/", "/results", "/results.json", "/results.csv"])
def test_garbage_in_every_form_parameter_is_a_4xx(client, path):
    keys = ["name", "country", "description", "soil_texture", "land_use", "climate", "ph", "organic_matter_pct",
            "contamination_depth_m", "groundwater_depth_m", "area_m2", "volume_m3", "media", "c_name", "c_cas",
            "c_conc", "c_max", "max_duration_years", "budget_usd", "in_situ_only", "prefer_nature_based",
            "w_cost", "w_unknown", "top", "add_row", "unknown"]
    response = client.get(path, query_string=[(k, GARBAGE) for k in keys] + [("ph", "1e400"), ("c_conc", "nan")])
    assert response.status_code == (200 if path == "/" else 400)
    if response.mimetype == "text/html":
        assert "<script>∞" not in response.get_data(as_text=True)  # escaped where it is shown


@pytest.mark.parametrize("path", ["/results", "/results.json", "/sparql", "/api/v1/techniques", "/techniques"])
def test_a_query_string_that_is_not_utf8_is_a_400(client, path):
    response = client.get(path, environ_overrides={"QUERY_STRING": "c_name=lead&media=soil&x=\xff\xfe"})
    assert response.status_code == 400
    assert "UTF-8" in response.get_data(as_text=True)


def test_results_links_are_rebuilt_from_the_parsed_query(client):
    page = client.get("/results?c_name=lead&media=soil&c_name=caf%C3%A9").get_data(as_text=True)
    assert "results.json?c_name=lead&amp;c_name=caf%C3%A9&amp;media=soil" in page


# -- a remote store that fails -------------------------------------------------------------------

GOOD_ASK = b'{"head": {}, "boolean": true}'
ROWS = (b'{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "5", '
        b'"datatype": "http://www.w3.org/2001/XMLSchema#integer"}}, {"n": ')
INTERNAL_URL = "http://internal-store.example:7878/secret-path"


class FailingStore(http.server.BaseHTTPRequestHandler):
    """A SPARQL endpoint that fails in the way its server's `mode` says."""

    def do_POST(self):  # noqa: N802 (http.server's name)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        mode = self.server.mode  # type: ignore[attr-defined]
        if mode == "reset":
            self.connection.close()  # no status line at all
            return
        status, media, body, length = {
            "http_error": (502, "text/plain", f"upstream {INTERNAL_URL} failed".encode(), None),
            "refuses_query": (400, "text/plain", f"{INTERNAL_URL} cannot parse this".encode(), None),
            "garbage": (200, "application/sparql-results+json", b"<html>Oops</html>", None),
            "truncated_json": (200, "application/sparql-results+json", ROWS, None),
            "short_body": (200, "application/sparql-results+json", GOOD_ASK[:10], 10_000),
            "broken_triples": (200, "application/n-triples", b"<http://a> <http://b> <http:", None),
            "no_count": (200, "application/sparql-results+json", GOOD_ASK, None),
        }[mode]
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(length or len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        self.connection.close()

    def log_message(self, *args):  # keep the test output quiet
        pass


@pytest.fixture(scope="module")
def failing_store():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FailingStore)
    server.mode = "http_error"  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def remote_client(failing_store):
    url = f"http://127.0.0.1:{failing_store.server_address[1]}/query"
    return create_app({"TESTING": True, "STORE_URL": url, "REMOTE_TIMEOUT_S": 2}).test_client()


MODES = ["http_error", "garbage", "truncated_json", "short_body", "reset", "broken_triples"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1/techniques", "/id/contaminant/lead", "/techniques",
                                  "/results.json?c_name=lead&media=soil", "/sparql?query=ASK%7B%7D"])
def test_a_failing_remote_store_is_a_503_without_internals(failing_store, remote_client, mode, path):
    failing_store.mode = mode
    response = remote_client.get(path)
    body = response.get_data(as_text=True)
    assert response.status_code == 503, body
    assert "127.0.0.1" not in body and "internal-store" not in body and "secret" not in body
    assert "Traceback" not in body


@pytest.mark.parametrize("mode", MODES + ["no_count"])
def test_remote_store_failures_are_store_errors(failing_store, mode):
    failing_store.mode = mode
    store = RemoteStore(f"http://127.0.0.1:{failing_store.server_address[1]}/query", timeout_s=2)
    with pytest.raises(StoreError):
        store.triple_count()


@pytest.mark.parametrize("path", ["/api/v1/techniques", "/id/contaminant/lead", "/results.json?c_name=lead&media=soil"])
def test_a_remote_store_refusing_our_own_queries_is_a_503(failing_store, remote_client, path):
    """Our named queries parse; a store answering 400 to one is failing, not the client."""
    failing_store.mode = "refuses_query"
    response = remote_client.get(path)
    assert response.status_code == 503 and "internal-store" not in response.get_data(as_text=True)
