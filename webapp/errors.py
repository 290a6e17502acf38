"""Errors become friendly pages for people and short JSON or text for programs; never a
traceback."""

from __future__ import annotations

from flask import Flask, abort, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from remediate.store import QuerySyntaxError, StoreError

# What a client hears when the store fails: the store's own message can carry its
# internal URL and answer text, which are for the log, not for the public.
STORE_UNAVAILABLE = "The knowledge graph store is unreachable or answered badly; try again shortly."


def wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"], default="text/html")
    return request.path.startswith("/api/") or best == "application/json"


def _respond(status: int, title: str, message: str):
    if wants_json():
        return jsonify({"error": {"status": status, "title": title, "message": message}}), status
    return render_template("error.html", status=status, title=title, message=message), status


def _store_unavailable():
    body, status = _respond(503, "Store unavailable", STORE_UNAVAILABLE)
    return body, status, {"Retry-After": "5"}


def _query_string_is_utf8() -> None:
    """A raw (not percent-encoded) non-UTF-8 byte in the URL's query makes Werkzeug's
    request.args fail with UnicodeDecodeError wherever it is first read; refuse it here, by name."""
    try:
        request.query_string.decode("utf-8")
    except UnicodeDecodeError:
        abort(400, description="The query string is not UTF-8: percent-encode it (%C3%A9 for é).")


def init_app(app: Flask) -> None:
    app.before_request(_query_string_is_utf8)

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        return _respond(err.code or 500, err.name, err.description or "")

    @app.errorhandler(StoreError)
    def store_error(err: StoreError):
        current_app.logger.error("store failed on %s: %s", request.path, err)
        return _store_unavailable()

    @app.errorhandler(QuerySyntaxError)
    def internal_query_refused(err: QuerySyntaxError):
        # /sparql answers its users' syntax errors itself; one reaching here is from our own
        # named queries, which parse, so a store refusing one is a store that is failing.
        current_app.logger.error("store refused a named query on %s: %s", request.path, err)
        return _store_unavailable()
