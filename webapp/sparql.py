"""The SPARQL 1.1 Protocol endpoint (read-only), its service description, VoID and the
query page. Parse, run and serialise are separate steps; each error has its status."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import VOID, XSD

from remediate.build import DATASET_IRI
from remediate.results import GRAPH_FORMATS, RESULT_FORMATS
from remediate.sparql_exec import Job, NotAcceptable, QueryFailed, QueryTimeout, ResultTooLarge
from remediate.sparql_guard import RefusedQuery
from remediate.store import QuerySyntaxError, StoreError

from . import sparql_request
from .negotiation import choose
from .security import external_url
from .store_ext import get_executor, get_store

bp = Blueprint("sparql", __name__)
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
SD_RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "RDF_XML", "JSON-LD")
RDF_SERIALISERS = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
                   "application/ld+json": "json-ld"}


def _text(message: str, status: int, **headers: str) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain", headers=headers)


@bp.after_request
def cors(response: Response) -> Response:
    # Anyone may query a read-only public endpoint from a browser.
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
    response.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept"
    response.headers["Access-Control-Max-Age"] = "86400"
    response.vary.add("Accept")
    return response


# decorators apply bottom-up: the first rule registered ("/sparql") is the one url_for builds
@bp.route("/sparql/", methods=["GET", "POST", "OPTIONS", "PUT", "DELETE", "PATCH"])
@bp.route("/sparql", methods=["GET", "POST", "OPTIONS", "PUT", "DELETE", "PATCH"])
def endpoint() -> ResponseReturnValue:
    if request.method == "OPTIONS":
        return Response(status=204)
    try:
        parsed = sparql_request.parse(request)
    except sparql_request.ProtocolError as err:
        headers = {"Allow": "GET, POST, OPTIONS"} if err.status == 405 else {}
        return _text(str(err), err.status, **headers)
    if parsed.query is None:
        return service_description()
    # relative IRIs in a query resolve against the endpoint's URL, as the protocol says
    job = Job(parsed.query, choose(RESULT_FORMATS), choose(GRAPH_FORMATS),
              tuple(parsed.default_graphs), tuple(parsed.named_graphs), base_iri=request.base_url)
    try:
        output = get_executor().run(job)
    except RefusedQuery as err:
        return _text(str(err), err.status)
    except QuerySyntaxError as err:
        return _text(f"Syntax error: {err}", 400)
    except (ResultTooLarge, NotAcceptable) as err:
        return _text(str(err), 406 if isinstance(err, NotAcceptable) else 400)
    except QueryFailed as err:
        return _text(str(err), err.status, **({"Retry-After": "5"} if err.status == 503 else {}))
    except QueryTimeout as err:
        return _text(str(err), 503, **{"Retry-After": "5"})
    except StoreError:
        current_app.logger.exception("store failed while answering /sparql")
        return _text("The knowledge graph store did not answer; try again shortly.", 503, **{"Retry-After": "5"})
    return Response(output.body, mimetype=output.media)


def service_description() -> ResponseReturnValue:
    """The SPARQL Service Description (a bare GET); browsers asking for HTML get the query page."""
    offers = ["text/turtle", *[m for m in RDF_SERIALISERS if m != "text/turtle"], "text/html"]
    media = choose(offers)
    if media == "text/html":
        return redirect(url_for("sparql.ui"), code=303)
    if media is None:
        return _text("Offered: " + ", ".join(offers), 406)
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    service = URIRef(request.base_url)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for name in SD_RESULT_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS[name]))
    dataset, default_graph = BNode(), BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    graph.add((default_graph, VOID.triples, Literal(get_store().triple_count(), datatype=XSD.integer)))
    return Response(graph.serialize(format=RDF_SERIALISERS[media]), mimetype=media)


@bp.route("/.well-known/void")
def void() -> Response:
    media = choose(list(RDF_SERIALISERS))
    if media is None:
        return _text("Offered: " + ", ".join(RDF_SERIALISERS), 406)
    store = get_store()
    graph = Graph()
    graph.bind("void", VOID)
    built = Path(current_app.config["BUILD_DIR"]) / "void.ttl"
    if built.exists() and store.kg_version in built.read_text(encoding="utf-8"):
        graph.parse(built, format="turtle")  # the build's own description: one account of the dataset
    else:  # no build of this version (e.g. a remote store): what the store itself can tell
        graph.add((DATASET_IRI, RDF.type, VOID.Dataset))
        graph.add((DATASET_IRI, VOID.triples, Literal(store.triple_count(), datatype=XSD.integer)))
        graph.add((DATASET_IRI, VOID.uriSpace, Literal("https://w3id.org/remediate/id/")))
        graph.add((DATASET_IRI, VOID.vocabulary, URIRef("https://w3id.org/remediate/ontology/")))
        graph.add((DATASET_IRI, URIRef("http://purl.org/dc/terms/hasVersion"), Literal(store.kg_version)))
    graph.add((DATASET_IRI, VOID.sparqlEndpoint, URIRef(external_url("sparql.endpoint"))))
    return Response(graph.serialize(format=RDF_SERIALISERS[media]), mimetype=media)


@bp.route("/sparql/ui")
def ui() -> str:
    return render_template("sparql_ui.html", examples=current_app.config.get("SPARQL_EXAMPLES") or examples(),
                           writers=list(GRAPH_FORMATS))


def examples() -> list[dict[str, str]]:
    from remediate.queries import query_text

    return [{"name": name.removeprefix("example-").replace("-", " "), "query": query_text(name)}
            for name in ("example-techniques", "example-nature-based", "example-contaminants-by-group",
                         "example-case-studies", "example-guideline-values")]
