"""Content negotiation shared by the SPARQL endpoint and the entity pages."""

from __future__ import annotations

from collections.abc import Iterable

from flask import request

# short names accepted in ?format= (handy in a browser address bar)
FORMAT_ALIASES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "ttl": "text/turtle",
    "turtle": "text/turtle", "nt": "application/n-triples", "ntriples": "application/n-triples",
    "rdf": "application/rdf+xml", "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json",
    "html": "text/html",
}


def choose(offers: Iterable[str]) -> str | None:
    """The offer the client prefers (?format= wins over Accept); None when nothing fits."""
    offers = list(offers)
    wanted = request.args.get("format")
    if wanted:
        media = FORMAT_ALIASES.get(wanted, wanted)
        return media if media in offers else None
    if not request.accept_mimetypes or request.accept_mimetypes.best == "*/*":
        return offers[0]
    return request.accept_mimetypes.best_match(offers)
