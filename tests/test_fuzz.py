"""Property-based fuzzing of every HTTP surface: whatever arrives (random JSON, wrong
types, huge and deep values, garbage query strings, broken SPARQL, odd IRIs), the answer
is below 500 and never a traceback.

The examples are split over the tests by BUDGET, which sums to the inputs of a normal
run; REMEDIATE_FUZZ_EXAMPLES sets another total (`make fuzz` asks for more). Runs are
derandomized, so CI sees the same inputs every time. Inputs that would make the
recommender embed free text (an unresolved contaminant name, a description) cost a
quarter of a second each on a small CPU, so they are kept rare and have a test of
their own; SPARQL texts carry a small LIMIT and no sorting or grouping, so they stay
cheap in the query workers."""

from __future__ import annotations

import json
import os
from urllib.parse import quote_from_bytes

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

BUDGET = {  # inputs per test in a normal run
    "api_json": 1100, "api_bytes": 250, "api_deep": 150, "api_site": 1000, "api_free_text": 30,
    "results": 1200, "results_raw_query": 150, "sparql_text": 1300, "sparql_params": 450,
    "entities": 800, "browse": 150,
}
TOTAL = int(os.environ.get("REMEDIATE_FUZZ_EXAMPLES", sum(BUDGET.values())))


def fuzz(name: str):
    count = max(1, round(BUDGET[name] * TOTAL / sum(BUDGET.values())))
    return settings(max_examples=count, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much, HealthCheck.large_base_example])


def no_5xx(response) -> None:
    assert response.status_code < 500, (response.status_code, response.get_data()[:500])
    assert b"Traceback" not in response.get_data()


# -- building blocks ------------------------------------------------------------------

# any code point, lone surrogates and control characters included
any_text = st.text(st.characters(exclude_categories=()), max_size=30)
big_ints = st.integers(min_value=10**300, max_value=10**400) | st.integers(max_value=-10**300, min_value=-10**400)
scalars = st.none() | st.booleans() | st.integers() | big_ints | st.floats() | any_text
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(any_text, inner, max_size=4), max_leaves=16)
non_text = st.none() | st.booleans() | st.integers() | big_ints | st.floats() | st.lists(scalars, max_size=3) \
    | st.dictionaries(any_text, scalars, max_size=3)
# names that resolve without embeddings, so a valid random site stays cheap
KNOWN = ["lead", "TCE", "arsenic", "benzene", "cadmium", "Cr(VI)", "mercury", "naphthalene", "PCBs"]
KNOWN_CAS = ["7439-92-1", "79-01-6", "71-43-2", "7440-38-2", "50-00-0", "123-45-6"]
ODD_NUMBERS = ["1e400", "-1e400", "nan", "NaN", "inf", "-Infinity", "1,5", "0", "-0", "1_000", "٣", "²", "①",
               "9" * 400, "0x10", " 7 ", "", "1e-400", "6.5"]
TOPS = ["0", "1", "10", "50", "51", "100", "101", "-1", "²", "①", "٣", "1e2", " 5", "5_0", "", "9" * 5000]
# lone surrogates are the one kind of text a JSON body can carry and a query string cannot
surrogate_text = st.builds(lambda a, b: a + "\ud800" + b, st.text(max_size=5), st.text(max_size=5))


def number() -> st.SearchStrategy:
    return st.floats() | st.integers() | big_ints | non_text


# A valid site (cheap: its contaminants resolve without embeddings) with up to three
# fields replaced by something wrong, so both the validator and the recommender run.
valid_contaminant = st.fixed_dictionaries({"name": st.sampled_from(KNOWN)}, optional={
    "cas": st.sampled_from(KNOWN_CAS), "concentration_mg_kg": st.floats(0, 1e6),
    "max_concentration_mg_kg": st.floats(0, 1e6)})
valid_site = st.fixed_dictionaries({
    "contaminants": st.lists(valid_contaminant, min_size=1, max_size=3),
    "media": st.lists(st.sampled_from(["soil", "groundwater", "sediment", "sludge", " SOIL "]), min_size=1, max_size=3),
}, optional={
    "name": st.text(max_size=20), "country": st.sampled_from(["NL", "France", "zz"]),
    "soil_texture": st.sampled_from(["sand", "clay", "silty_clay"]), "land_use": st.sampled_from(["mining", "natural"]),
    "climate": st.sampled_from(["arid", "polar"]), "ph": st.floats(0, 14), "area_m2": st.floats(1, 1e6),
    "contamination_depth_m": st.floats(0, 50), "groundwater_depth_m": st.floats(0, 50),
    "constraints": st.fixed_dictionaries({}, optional={"max_duration_years": st.floats(0.1, 50),
                                                       "budget_usd": st.floats(0, 1e9), "in_situ_only": st.booleans(),
                                                       "prefer_nature_based": st.booleans()}),
    "weights": st.dictionaries(st.sampled_from(["cost", "time", "evidence"]), st.floats(0, 100), max_size=2),
})
wrong_contaminant = st.fixed_dictionaries({}, optional={
    "name": non_text | surrogate_text | st.text(min_size=201, max_size=210),
    "cas": non_text | surrogate_text, "concentration_mg_kg": number(), "max_concentration_mg_kg": number(),
}) | st.dictionaries(any_text, json_values, max_size=3) | scalars
WRONG = {  # what may replace each field; free text is left out of description (it would be embedded)
    "name": surrogate_text | non_text | st.text(min_size=201, max_size=210),
    "country": surrogate_text | non_text, "description": surrogate_text | non_text,
    "contaminants": st.lists(wrong_contaminant | valid_contaminant, max_size=4) | json_values,
    "media": st.lists(st.sampled_from(["air", ""]) | scalars, max_size=3) | json_values,
    "soil_texture": json_values, "land_use": json_values, "climate": json_values,
    "ph": number(), "organic_matter_pct": number(), "contamination_depth_m": number(),
    "groundwater_depth_m": number(), "area_m2": number(), "volume_m3": number(),
    "constraints": st.fixed_dictionaries({}, optional={"max_duration_years": number(), "budget_usd": number(),
                                                       "in_situ_only": scalars, "prefer_nature_based": scalars})
    | json_values,
    "weights": st.dictionaries(st.sampled_from(["cost", "beauty"]) | any_text, number(), max_size=3) | json_values,
}
wrong_fields = st.lists(st.sampled_from(sorted(WRONG)).flatmap(lambda key: st.tuples(st.just(key), WRONG[key]))
                        | st.tuples(any_text, json_values), max_size=3)
site_like = st.builds(lambda site, wrong: {**site, **dict(wrong)}, valid_site, wrong_fields)
tops = st.none() | st.sampled_from(TOPS) | st.text(max_size=4)


def recommend(client, body: bytes | str, top: str | None = None):
    query = {} if top is None else {"top": top}
    return client.post("/api/v1/recommend", data=body, query_string=query, content_type="application/json")


def encoded(pairs: list[tuple[str, str]]) -> str:
    """A query string as a browser would send it; lone surrogates go as their UTF-8-like bytes."""
    def part(text: str) -> str:
        return quote_from_bytes(text.encode("utf-8", "surrogatepass"), safe="")
    return "&".join(f"{part(k)}={part(v)}" for k, v in pairs)


def assert_api_answer(response) -> None:
    no_5xx(response)
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 400:  # a 400 names what was wrong
        assert response.json["error"]["fields"], response.json


# -- POST /api/v1/recommend -------------------------------------------------------------

@fuzz("api_json")
@given(body=json_values, top=tops)
def test_api_random_json(app, body, top):
    assert_api_answer(recommend(app.test_client(), json.dumps(body), top))


@fuzz("api_bytes")
@given(body=st.binary(max_size=300) | any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
       content_type=st.sampled_from(["application/json", "text/plain", "application/json; charset=latin1", ""]))
def test_api_random_bytes(app, body, content_type):
    response = app.test_client().post("/api/v1/recommend", data=body, content_type=content_type)
    assert_api_answer(response)


@fuzz("api_deep")
@given(depth=st.integers(0, 5000), opener=st.sampled_from(["[", '{"a":', '{"media":', '{"contaminants":[']),
       inside=st.sampled_from(["1", '"x"', "[]", "{}", "NaN", "1" * 400]))
def test_api_deep_json(app, depth, opener, inside):
    closer = {"[": "]", '{"a":': "}", '{"media":': "}", '{"contaminants":[': "]}"}[opener]
    body = '{"contaminants":[{"name":"lead"}],"media":["soil"],"weights":' + opener * depth + inside \
        + closer * depth + "}"
    assert_api_answer(recommend(app.test_client(), body))


@fuzz("api_site")
@given(site=site_like, top=tops)
def test_api_site_like_dicts(app, site, top):
    assert_api_answer(recommend(app.test_client(), json.dumps(site), top))


@fuzz("api_free_text")
@given(name=st.text(st.characters(exclude_categories=()), min_size=1, max_size=60),
       description=st.none() | st.text(st.characters(exclude_categories=()), max_size=200))
def test_api_free_text_reaches_the_tokenizer_safely(app, name, description):
    """Names and descriptions that pass validation are embedded: control characters,
    any script and lone surrogates must not break the tokenizer."""
    site = {"contaminants": [{"name": name}], "media": ["soil"], "description": description}
    assert_api_answer(recommend(app.test_client(), json.dumps(site)))


# -- /results and its twins -------------------------------------------------------------

FORM_KEYS = ["name", "country", "description", "soil_texture", "land_use", "climate", "ph", "organic_matter_pct",
             "contamination_depth_m", "groundwater_depth_m", "area_m2", "volume_m3", "media", "c_name", "c_cas",
             "c_conc", "c_max", "max_duration_years", "budget_usd", "in_situ_only", "prefer_nature_based",
             "w_cost", "w_time", "w_effectiveness", "top", "add_row", "format"]
form_value = st.sampled_from(ODD_NUMBERS) | st.sampled_from(["soil", "groundwater", "sand", "arid", "on", "1"]) \
    | st.text(st.characters(exclude_categories=()), max_size=12)
form_pairs = st.lists(st.tuples(st.sampled_from(FORM_KEYS) | any_text, form_value), max_size=12)
# c_name from the known names, so valid random sites do not embed (see the module docstring)
contaminant_rows = st.lists(st.tuples(st.just("c_name"), st.sampled_from(KNOWN)), max_size=3)


@fuzz("results")
@given(pairs=form_pairs, rows=contaminant_rows,
       path=st.sampled_from(["/results", "/results.json", "/results.csv", "/"]))
def test_results_random_query_strings(app, pairs, rows, path):
    response = app.test_client().get(path + "?" + encoded(rows + pairs))
    no_5xx(response)
    assert response.status_code in (200, 400)


@fuzz("results_raw_query")
@given(raw=st.binary(max_size=80), path=st.sampled_from(["/results", "/results.json", "/results.csv", "/sparql"]))
def test_results_raw_query_bytes(app, raw, path):
    """Bytes as a client may put them in a URL unencoded (a WSGI server passes them as latin-1)."""
    environ = {"QUERY_STRING": raw.decode("latin-1")}
    no_5xx(app.test_client().get(path, environ_overrides=environ))


# -- /sparql ------------------------------------------------------------------------------

FRAGMENTS = ["?s", "?p", "?o", "<http://x/>", "<>", "<a b>", '"a"', "'b'", '"""c"""', "{", "}", "(", ")", "[", "]",
             "!", "FILTER", "OPTIONAL", "UNION", "MINUS", "BIND", "AS", "VALUES", "GRAPH", "SERVICE", "a", "1", "1e9",
             "^^", "@en", ".", ";", ",", "*", "rdfs:label", "ex:", "\\u0041", "\\U0001F600", "\\ud800", "\r", "\n",
             "#c", "\x00", "\t", "str(", "REGEX(", "<http://x/\\u0020>", "?", "$", "\u202e", "é"]
sparql_body = st.lists(st.sampled_from(FRAGMENTS) | st.text(st.characters(exclude_categories=("Cs",)), max_size=3),
                       max_size=14).map(" ".join)
sparql_text = (
    st.builds(lambda form, body, limit: f"{form} WHERE {{ {body} }} LIMIT {limit}",
              st.sampled_from(["SELECT *", "SELECT ?s", "ASK", "CONSTRUCT { ?s ?p ?o }", "DESCRIBE ?s",
                               "PREFIX ex: <http://x/> SELECT *", "BASE <rel> SELECT *"]),
              sparql_body, st.integers(0, 3))
    | st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
    | st.builds(lambda depth, open_, close: "SELECT * WHERE " + open_ * depth + close * depth + " LIMIT 1",
                st.integers(0, 120), st.just("{"), st.just("}"))
    | st.builds(lambda depth: "ASK { FILTER(" + "!(" * depth + "true" + ")" * depth + ") }", st.integers(0, 80))
)
graph_iri = st.sampled_from(["http://x/", "urn:g", "not an iri", "<>", "http://a b", "", "rel", "http://é/"]) \
    | st.text(st.characters(exclude_categories=("Cs",)), max_size=15)
accepts = st.none() | st.sampled_from(["*/*", "text/csv", "application/sparql-results+xml", "text/turtle",
                                       "application/ld+json", "text/html", "image/png", "q=;;", "*/*;q=x",
                                       "text/*;q=0.5, application/json"])


@fuzz("sparql_text")
@given(text=sparql_text, method=st.sampled_from(["GET", "form", "direct"]), accept=accepts)
def test_sparql_random_query_text(app, text, method, accept):
    client = app.test_client()
    headers = {"Accept": accept} if accept else {}
    if method == "GET":
        response = client.get("/sparql?" + encoded([("query", text)]), headers=headers)
    elif method == "form":
        response = client.post("/sparql", data=encoded([("query", text)]), headers=headers,
                               content_type="application/x-www-form-urlencoded")
    else:
        response = client.post("/sparql", data=text.encode(), headers=headers,
                               content_type="application/sparql-query")
    no_5xx(response)


@fuzz("sparql_params")
@given(default=st.lists(graph_iri, max_size=2), named=st.lists(graph_iri, max_size=2),
       extra=st.lists(st.tuples(st.sampled_from(["query", "update", "format", "x"]) | any_text, form_value),
                      max_size=3),
       content_type=st.sampled_from(["application/x-www-form-urlencoded", "application/sparql-query",
                                     "application/sparql-update", "text/plain", "",
                                     "application/sparql-query; charset=latin1"]),
       post=st.booleans(), body=st.binary(max_size=40))
def test_sparql_random_parameters(app, default, named, extra, content_type, post, body):
    pairs = [("query", "ASK {}")] + [("default-graph-uri", g) for g in default] \
        + [("named-graph-uri", g) for g in named] + extra
    client = app.test_client()
    if post:
        response = client.post("/sparql?" + encoded(pairs), data=body, content_type=content_type)
    else:
        response = client.get("/sparql?" + encoded(pairs))
    no_5xx(response)


# -- entity and browse pages --------------------------------------------------------------

REAL = ["contaminant/lead", "technique/advanced-oxidation", "soil-texture/clay", "case-study/"
        "abra-pampa-metal-huasi-slag-removal"]
segment = st.sampled_from(["lead", "clay", "Technique", "CaseStudy", "", "..", "%", "a b", "a<b", "\x00", "\ufffd"]) \
    | st.text(st.characters(exclude_categories=()), min_size=1, max_size=20)
kinds = st.sampled_from(["contaminant", "technique", "case-study", "guideline-value", "dataset", "x"]) | segment


@fuzz("entities")
@given(kind=kinds, rest=segment, ontology=st.booleans(), accept=accepts, real=st.none() | st.sampled_from(REAL),
       fmt=st.none() | st.sampled_from(["ttl", "jsonld", "nt", "rdf", "html", "pdf"]) | any_text)
def test_entity_pages(app, kind, rest, ontology, accept, real, fmt):
    def part(text: str) -> str:
        return quote_from_bytes(text.encode("utf-8", "surrogatepass"), safe="")
    path = f"/ontology/{part(rest)}" if ontology else f"/id/{part(kind)}/{part(rest)}"
    if real is not None:
        path = "/id/" + real
    query = "" if fmt is None else "?" + encoded([("format", fmt)])
    no_5xx(app.test_client().get(path + query, headers={"Accept": accept} if accept else {}))


@fuzz("browse")
@given(path=st.sampled_from(["/techniques", "/contaminants", "/api/v1/techniques", "/api/v1/"]),
       pairs=st.lists(st.tuples(st.sampled_from(["category", "medium", "setting", "nature_based"]) | any_text,
                                st.sampled_from(["soil", "yes", "no", "biological", ""]) | any_text), max_size=5))
def test_browse_pages(app, path, pairs):
    no_5xx(app.test_client().get(path + "?" + encoded(pairs)))
