"""The store as an app resource: opened once per app (not per module), reached with
get_store() and get_executor() inside a request."""

from __future__ import annotations

from flask import Flask, current_app

from remediate.sparql_exec import Executor
from remediate.store import Store, open_store


def init_app(app: Flask) -> None:
    store = app.config.get("STORE_OBJECT") or open_store(app.config)
    executor = Executor(store, float(app.config["SPARQL_TIMEOUT_S"]), int(app.config["SPARQL_RESULT_CAP"]),
                        int(app.config["SPARQL_MAX_CONCURRENT"]))
    app.extensions["remediate.store"] = store
    app.extensions["remediate.executor"] = executor


def get_store() -> Store:
    return current_app.extensions["remediate.store"]


def get_executor() -> Executor:
    return current_app.extensions["remediate.executor"]
