"""The store as an app resource: opened once per app (not per module), reached with
get_store() and get_executor() inside a request."""

from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask, current_app

from remediate.recommend import Recommender
from remediate.recommend.embeddings import VECTORS_FILE
from remediate.sparql_exec import Executor, Limits
from remediate.store import Store, open_store, select


def init_app(app: Flask) -> None:
    store = app.config.get("STORE_OBJECT") or open_store(app.config)
    executor = Executor(store, Limits.from_config(app.config), int(app.config["SPARQL_MAX_CONCURRENT"]),
                        int(app.config["SPARQL_WORKER_MEMORY_MB"]), float(app.config["SPARQL_PREEMPT_AFTER_S"]))
    app.extensions["remediate.store"] = store
    app.extensions["remediate.executor"] = executor
    app.extensions["remediate.recommender_lock"] = threading.Lock()


def get_store() -> Store:
    return current_app.extensions["remediate.store"]


def get_executor() -> Executor:
    return current_app.extensions["remediate.executor"]


def get_recommender() -> Recommender:
    """Made on first use (it reads the graph's tables once), then kept for the app's life."""
    extensions = current_app.extensions
    with extensions["remediate.recommender_lock"]:
        if "remediate.recommender" not in extensions:
            vectors = Path(current_app.config["BUILD_DIR"]) / VECTORS_FILE
            extensions["remediate.recommender"] = Recommender(get_store(), vectors)
        return extensions["remediate.recommender"]


def get_counts() -> dict[str, int]:
    """Entities per core class, by local name; read once per app (the store is read-only)."""
    extensions = current_app.extensions
    if "remediate.counts" not in extensions:
        rows = select(get_store(), "kg-counts")
        extensions["remediate.counts"] = {row["class"].rsplit("/", 1)[-1]: row["count"] for row in rows}
    return extensions["remediate.counts"]


def technique_rows() -> list[dict]:
    """Every technique with label, category, media and settings, sorted by label (for lists);
    read once per app (the store is read-only)."""
    extensions = current_app.extensions
    if "remediate.techniques" not in extensions:
        rows = select(get_store(), "rec-techniques")
        extensions["remediate.techniques"] = sorted(rows, key=lambda row: row["label"].lower())
    return extensions["remediate.techniques"]
