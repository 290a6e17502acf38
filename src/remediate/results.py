"""Media types of query answers and how pyoxigraph writes them: SPARQL results (JSON,
XML, CSV, TSV) for SELECT and ASK, RDF (Turtle, N-Triples, RDF/XML, JSON-LD) for
CONSTRUCT and DESCRIBE. Content negotiation picks among these keys; the engine's own
serialisers do the writing (a Python writer was most of the time of a large answer)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from .prefixes import PREFIXES

# media type -> format; the first entry of each table is the default
RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
}
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {**RDF_FORMATS, "text/plain": ox.RdfFormat.N_TRIPLES}

# The fewest bytes one result row can take in each format: a serialised answer shorter
# than cap * this cannot hold more than cap rows, so only longer ones are counted.
MIN_ROW_BYTES: dict[ox.QueryResultsFormat, int] = {
    ox.QueryResultsFormat.JSON: 2, ox.QueryResultsFormat.XML: 17,
    ox.QueryResultsFormat.CSV: 2, ox.QueryResultsFormat.TSV: 1,
}


def rows_in(body: bytes, fmt: ox.QueryResultsFormat) -> int | None:
    """The number of result rows in an answer our engine wrote, without parsing it, or
    None when it cannot be told that way (CSV, where a quoted value may hold a line
    break; JSON holding an empty row). Exact because of how each writer escapes: in JSON
    a quote inside a value is escaped, so `,{"` occurs only where a row with a binding
    follows another (terms inside a row follow each other as `},"`); in XML `<result>`
    cannot occur inside escaped text; TSV writes one line per row, escaping line breaks."""
    if fmt == ox.QueryResultsFormat.JSON:
        start = body.find(b'"bindings":[')
        if start < 0:
            return 0
        if body[start + 12:start + 13] == b"]":
            return 0
        if b"{}" in body[start:]:  # an empty row, or "{}" inside a value: no exact count this way
            return None
        return body.count(b',{"', start) + 1
    if fmt == ox.QueryResultsFormat.XML:
        return body.count(b"<result>")
    if fmt == ox.QueryResultsFormat.TSV:
        return max(0, body.count(b"\n") - 1)
    return None


def formats_for(form: str) -> list[str]:
    """The media types an answer to this query form can be written in."""
    return list(GRAPH_FORMATS if form in ("CONSTRUCT", "DESCRIBE") else RESULT_FORMATS)


def write_triples(triples: Iterable[ox.Triple], media: str, output=None) -> bytes | None:
    """Triples in one of the GRAPH_FORMATS media types, with the project's prefixes."""
    fmt = GRAPH_FORMATS[media]
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML, ox.RdfFormat.JSON_LD) else None
    return ox.serialize(triples, output, format=fmt, prefixes=prefixes)
