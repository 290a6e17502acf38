"""The practitioner's entry page. (The full site form and results are the web-app
issue's work; this page says what the service holds and where to go.)"""

from __future__ import annotations

from flask import Blueprint, render_template

from remediate.store import select

from .store_ext import get_store

bp = Blueprint("form", __name__)


@bp.route("/")
def index() -> str:
    store = get_store()
    counts = {row["class"].rsplit("/", 1)[-1]: row["count"] for row in select(store, "kg-counts")}
    return render_template("index.html", counts=counts, kg_version=store.kg_version)
