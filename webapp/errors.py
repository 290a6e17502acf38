"""Errors become friendly pages for people and short JSON or text for programs; never a
traceback."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from remediate.store import StoreError


def wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"], default="text/html")
    return request.path.startswith("/api/") or best == "application/json"


def _respond(status: int, title: str, message: str):
    if wants_json():
        return jsonify({"error": {"status": status, "title": title, "message": message}}), status
    return render_template("error.html", status=status, title=title, message=message), status


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        return _respond(err.code or 500, err.name, err.description or "")

    @app.errorhandler(StoreError)
    def store_error(err: StoreError):
        return _respond(503, "Store unavailable", str(err))
