"""Read a SPARQL 1.1 Protocol request: which query, which dataset, or why it is not one.
Only parsing here; running and serialising are other steps."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from flask import Request


class ProtocolError(ValueError):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


@dataclass
class QueryRequest:
    query: str | None  # None: a bare GET, answered with the service description
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)


READ_ONLY = "This endpoint is read-only: SPARQL Update is refused."


def _charset_ok(request: Request) -> bool:
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    return charset in {"utf-8", "utf8"}


def _one(values: list[str], name: str) -> str:
    if len(values) != 1:
        raise ProtocolError(f"Exactly one '{name}' parameter is allowed; got {len(values)}.", 400)
    return values[0]


def _graph_iris(values: list[str], name: str) -> list[str]:
    """The values of a dataset parameter, each checked to parse as an absolute IRI, so a
    bad one is refused here by name instead of failing inside the engine."""
    for value in values:
        try:
            ox.NamedNode(value)
        except ValueError as err:
            raise ProtocolError(f"'{name}' must be an absolute IRI; {value[:200]!r} is not ({err}).", 400) from err
    return values


def _dataset(request: Request, form_fields: bool = False) -> tuple[list[str], list[str]]:
    """Protocol dataset: from the URL, and from the body of a form POST."""
    default = request.args.getlist("default-graph-uri")
    named = request.args.getlist("named-graph-uri")
    if form_fields:
        default += request.form.getlist("default-graph-uri")
        named += request.form.getlist("named-graph-uri")
    return _graph_iris(default, "default-graph-uri"), _graph_iris(named, "named-graph-uri")


def parse(request: Request) -> QueryRequest:
    if request.method == "GET":
        if "update" in request.args:
            raise ProtocolError(READ_ONLY, 403)
        default, named = _dataset(request)
        if "query" not in request.args:
            return QueryRequest(None)
        return QueryRequest(_one(request.args.getlist("query"), "query"), default, named)
    if request.method != "POST":
        raise ProtocolError("Use GET or POST.", 405)
    mimetype = request.mimetype
    if not mimetype:
        raise ProtocolError("POST needs a Content-Type: application/x-www-form-urlencoded "
                            "or application/sparql-query.", 400)
    if mimetype == "application/sparql-update" or (
            mimetype == "application/x-www-form-urlencoded" and "update" in request.form):
        raise ProtocolError(READ_ONLY, 403)
    if not _charset_ok(request):
        raise ProtocolError("Only UTF-8 is accepted (charset=utf-8).", 415)
    if mimetype == "application/x-www-form-urlencoded":
        default, named = _dataset(request, form_fields=True)
        if "query" not in request.form:
            raise ProtocolError("The form has no 'query' field.", 400)
        return QueryRequest(_one(request.form.getlist("query"), "query"), default, named)
    if mimetype == "application/sparql-query":
        default, named = _dataset(request)
        try:
            text = request.get_data().decode("utf-8")
        except UnicodeDecodeError as err:
            raise ProtocolError("The query body is not valid UTF-8.", 415) from err
        return QueryRequest(text, default, named)
    raise ProtocolError(f"Unsupported Content-Type {mimetype!r}: use application/x-www-form-urlencoded "
                        "or application/sparql-query.", 415)
