"""The web app: create_app(config) with one blueprint per surface."""

from __future__ import annotations

from typing import Any

from flask import Flask

from remediate import __version__
from remediate.settings import defaults

from . import api, browse, charts, errors, form, i18n, ids, maps, matrix, report, search, security, sparql, store_ext


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(defaults())
    app.config.update(config or {})
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "en")
    i18n.init_app(app)  # the locale: ?lang=, then Accept-Language, then English
    store_ext.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    for module in (form, browse, search, api, sparql, ids):
        app.register_blueprint(module.bp)
    app.register_blueprint(report.bp)
    app.register_blueprint(matrix.bp)
    app.register_blueprint(charts.bp)
    app.register_blueprint(maps.bp)

    @app.context_processor
    def globals_for_templates() -> dict[str, Any]:
        return {"version": __version__, "local_path": ids.local_path}

    return app
