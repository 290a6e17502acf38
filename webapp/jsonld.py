"""The JSON-LD context of our graph: our prefixes and the names our JSON uses, so that an
entity's JSON-LD carries an @context and a JSON client can read `iri`, `label` and
`sources` of the API as RDF terms."""

from __future__ import annotations

import json
from typing import Any

from remediate.prefixes import PREFIXES

CONTEXT: dict[str, Any] = {
    **PREFIXES,
    "iri": "@id",
    "label": "rdfs:label",
    "alt_labels": "skos:altLabel",
    "definition": "skos:definition",
    "source": {"@id": "dcterms:source", "@type": "@id"},
    "sources": {"@id": "dcterms:source", "@type": "@id"},
    "nature_based": "rem:natureBased",
}


def with_context(document: bytes) -> bytes:
    """A JSON-LD document (as pyoxigraph writes it) with our @context; the terms keep their
    full IRIs, so the graph is unchanged."""
    body = json.loads(document or b"[]")
    graph = body if isinstance(body, list) else body.get("@graph", [body])
    return json.dumps({"@context": CONTEXT, "@graph": graph}, ensure_ascii=False).encode()
