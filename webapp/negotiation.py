"""Content negotiation shared by the SPARQL endpoint and the entity pages."""

from __future__ import annotations

from collections.abc import Iterable

from flask import request

# short names accepted in ?format= (handy in a browser address bar, and what SPARQL
# clients such as SPARQLWrapper send); a name may stand for a results or an RDF type,
# and the first one on offer wins
FORMAT_ALIASES: dict[str, tuple[str, ...]] = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv",), "tsv": ("text/tab-separated-values",),
    "ttl": ("text/turtle",), "turtle": ("text/turtle",), "n3": ("text/turtle",),
    "nt": ("application/n-triples",), "ntriples": ("application/n-triples",),
    "n-triples": ("application/n-triples",), "rdf": ("application/rdf+xml",),
    "rdfxml": ("application/rdf+xml",), "rdf+xml": ("application/rdf+xml",),
    "jsonld": ("application/ld+json",), "json-ld": ("application/ld+json",), "html": ("text/html",),
}


def choose(offers: Iterable[str]) -> str | None:
    """The offer the client prefers (?format=, in the URL or a posted form, wins over
    Accept); None when nothing fits."""
    offers = list(offers)
    wanted = request.args.get("format") or (request.form.get("format") if request.method == "POST" else None)
    if wanted:
        candidates = FORMAT_ALIASES.get(wanted.strip().lower(), (wanted,))
        return next((media for media in candidates if media in offers), None)
    if not request.accept_mimetypes or request.accept_mimetypes.best == "*/*":
        return offers[0]
    return request.accept_mimetypes.best_match(offers)
