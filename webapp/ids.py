"""Dereferenceable IRIs: every IRI minted under https://w3id.org/remediate/ resolves
here, as an HTML page or, by content negotiation, as Turtle, JSON-LD, N-Triples or
RDF/XML."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, abort, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from remediate.build import DATASET_IRI
from remediate.namespaces import BASE
from remediate.results import RDF_FORMATS, write_triples
from remediate.store import construct, select

from .jsonld import with_context
from .negotiation import choose
from .store_ext import get_store

bp = Blueprint("ids", __name__)
OFFERS = ["text/html", *RDF_FORMATS]


def local_path(iri: str) -> str | None:
    """Where an IRI of ours is served on this server; None for IRIs of others."""
    if iri.startswith(BASE):
        return "/" + iri[len(BASE):]
    return None


@bp.route("/id/<path:rest>")
def entity(rest: str) -> ResponseReturnValue:
    if BASE + "id/" + rest == str(DATASET_IRI):  # the dataset itself is described by VoID, not in the graph
        return redirect(url_for("sparql.void"), code=303)
    return _page(BASE + "id/" + rest)


@bp.route("/ontology")
def ontology() -> Response | str:
    return _page(BASE + "ontology")


@bp.route("/ontology/<term>")
def term(term: str) -> Response | str:
    return _page(BASE + "ontology/" + term)


def _is_iri(text: str) -> bool:
    """Whether the text parses as an absolute IRI (a path may hold spaces, '<', U+FFFD...)."""
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


def _page(iri: str) -> Response | str:
    if not _is_iri(iri):  # no entity can have it, and the store would refuse to bind it
        abort(404, description=_("Nothing is known about %(iri)s: it is not a valid IRI.", iri=iri))
    store = get_store()
    if not select(store, "entity-exists", entity=iri):
        abort(404, description=_("Nothing is known about %(iri)s.", iri=iri))
    media = choose(OFFERS)
    if media is None:
        abort(406, description=_("Offered: %(types)s", types=", ".join(OFFERS)))
    if media != "text/html":
        triples = construct(store, "entity-describe", entity=iri)
        body = write_triples(triples, media) or b""
        if media == "application/ld+json":
            body = with_context(body)
        response = Response(body, mimetype=media)
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.vary.add("Accept")
        return response
    outgoing = select(store, "entity-outgoing", entity=iri)
    incoming = select(store, "entity-incoming", entity=iri)
    facts = _facts(outgoing)
    return render_template("entity.html", iri=iri, facts=facts, incoming=incoming,
                           title=_first(facts, "label") or iri.rsplit("/", 1)[-1],
                           rdf_formats=[("Turtle", "ttl"), ("JSON-LD", "jsonld"), ("N-Triples", "nt"),
                                        ("RDF/XML", "rdf")])


# names for people of the common properties from other vocabularies (ours carry rdfs:label)
PROPERTY_NAMES = {
    "http://www.w3.org/2000/01/rdf-schema#label": "label",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": "type",
    "http://www.w3.org/2004/02/skos/core#altLabel": "also called",
    "http://www.w3.org/2004/02/skos/core#definition": "definition",
    "http://www.w3.org/2004/02/skos/core#exactMatch": "same as",
    "http://www.w3.org/2004/02/skos/core#closeMatch": "close to",
    "http://purl.org/dc/terms/source": "source",
    "http://purl.org/dc/terms/description": "description",
    "http://www.w3.org/2000/01/rdf-schema#subClassOf": "subclass of",
    "http://www.w3.org/2000/01/rdf-schema#domain": "domain",
    "http://www.w3.org/2000/01/rdf-schema#range": "range",
}


def _facts(rows: list[dict]) -> list[dict]:
    """Outgoing statements grouped by property, label first, sources last."""
    grouped: dict[str, dict] = {}
    for row in rows:
        name = row["propertyLabel"] or PROPERTY_NAMES.get(row["property"]) or _local(row["property"])
        entry = grouped.setdefault(row["property"], {"property": row["property"], "label": name, "values": []})
        entry["values"].append({"value": row["value"], "label": row["valueLabel"],
                                "is_iri": str(row["value"]).startswith(("http://", "https://"))})
    order = {"label": 0, "altLabel": 1, "type": 2, "definition": 3, "description": 3, "source": 99}
    return sorted(grouped.values(), key=lambda e: (order.get(_local(e["property"]), 50), e["label"]))


def _first(facts: list[dict], local: str) -> str | None:
    for fact in facts:
        if _local(fact["property"]) == local:
            return str(fact["values"][0]["value"])
    return None


def _local(iri: str) -> str:
    return str(iri).replace("#", "/").rsplit("/", 1)[-1]

