"""Serialise bounded query answers: SPARQL results (JSON, XML, CSV, TSV) for SELECT and
ASK, RDF (Turtle, N-Triples, RDF/XML, JSON-LD) for CONSTRUCT and DESCRIBE. The tables
map media types to writers; content negotiation picks among their keys."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from .namespaces import PREFIXES
from .sparql_exec import Answer

RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


def _json_term(term: object) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate), "object": _json_term(term.object)}}
    assert isinstance(term, ox.Literal)
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def to_json(answer: Answer) -> bytes:
    if answer.kind == "boolean":
        return json.dumps({"head": {}, "boolean": answer.boolean}).encode()
    bindings = [{v: _json_term(row[v]) for v in answer.variables if row[v] is not None} for row in answer.rows]
    return json.dumps({"head": {"vars": answer.variables}, "results": {"bindings": bindings}}).encode()


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
                f"</predicate><object>{_xml_term(term.object)}</object></triple>")
    assert isinstance(term, ox.Literal)
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def to_xml(answer: Answer) -> bytes:
    out = ['<?xml version="1.0"?>', f'<sparql xmlns="{RESULTS_NS}">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in answer.variables]
    out.append("</head>")
    if answer.kind == "boolean":
        out.append(f"<boolean>{'true' if answer.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in answer.rows:
            cells = [f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>"
                     for v in answer.variables if row[v] is not None]
            out.append("<result>" + "".join(cells) + "</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out).encode()


def _plain(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return getattr(term, "value", str(term))


def to_csv(answer: Answer) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if answer.kind == "boolean":
        writer.writerow(["_askResult"])
        writer.writerow(["true" if answer.boolean else "false"])
    else:
        writer.writerow(answer.variables)
        for row in answer.rows:
            writer.writerow([_plain(row[v]) for v in answer.variables])
    return buffer.getvalue().encode()


def to_tsv(answer: Answer) -> bytes:
    if answer.kind == "boolean":
        return f"?_askResult\n{'true' if answer.boolean else 'false'}\n".encode()
    lines = ["\t".join(f"?{v}" for v in answer.variables)]
    for row in answer.rows:
        lines.append("\t".join("" if row[v] is None else str(row[v]) for v in answer.variables))
    return ("\n".join(lines) + "\n").encode()


RDF_FORMATS = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
               "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD}


def write_triples(triples: Iterable[ox.Triple], media: str) -> bytes:
    """Triples in one of the RDF_FORMATS media types, with the project's prefixes."""
    return ox.serialize(triples, format=RDF_FORMATS[media], prefixes=PREFIXES) or b""


def _rdf(media: str) -> Callable[[Answer], bytes]:
    return lambda answer: write_triples(answer.triples, media)


# media type -> writer; the first entry of each table is the default
RESULT_WRITERS: dict[str, Callable[[Answer], bytes]] = {
    "application/sparql-results+json": to_json,
    "application/sparql-results+xml": to_xml,
    "text/csv": to_csv,
    "text/tab-separated-values": to_tsv,
    "application/json": to_json,
}
GRAPH_WRITERS: dict[str, Callable[[Answer], bytes]] = {
    **{media: _rdf(media) for media in RDF_FORMATS},
    "text/plain": _rdf("application/n-triples"),
}


def writers_for(answer: Answer) -> dict[str, Callable[[Answer], bytes]]:
    return GRAPH_WRITERS if answer.kind == "graph" else RESULT_WRITERS
