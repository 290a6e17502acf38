"""Headers every response carries, redirects that never name a host a client made up, and
absolute links built on the configured public address rather than the Host header."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, Response, current_app, request, url_for
from werkzeug.utils import redirect


# Everything a page loads comes from this server: our scripts and styles, the vendored
# YASGUI. No inline script anywhere (page scripts are static files), and no inline style
# except on the query page, where YASGUI's result table writes <style> elements as it
# lays out and resizes columns (their text depends on options, so hashes would be brittle).
def _policy(style_src: str) -> str:
    return "; ".join((
        "default-src 'self'", "script-src 'self'", f"style-src {style_src}", "img-src 'self' data:",
        "font-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'",
        "form-action 'self'", "frame-ancestors 'none'",
    ))


CONTENT_SECURITY_POLICY = _policy("'self'")
YASGUI_POLICY = _policy("'self' 'unsafe-inline'")
YASGUI_PAGES = frozenset({"sparql.ui"})
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def init_app(app: Flask) -> None:
    app.after_request(add_headers)
    app.after_request(relative_location)
    app.add_template_global(external_url)


def add_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    policy = YASGUI_POLICY if request.endpoint in YASGUI_PAGES else CONTENT_SECURITY_POLICY
    response.headers.setdefault("Content-Security-Policy", policy)
    return response


def relative_location(response: Response) -> Response:
    """Werkzeug builds the redirect of /api/v1 to /api/v1/ on the request's Host header;
    a Location on our own host becomes a path, so a forged Host is never sent back."""
    location = response.headers.get("Location")
    if not location:
        return response
    parts = urlsplit(location)
    if not parts.netloc or parts.netloc.lower() != request.host.lower():
        return response
    relative = urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
    response.headers["Location"] = relative
    if response.mimetype == "text/html":  # Werkzeug's "Redirecting..." page names the target too
        response.set_data(redirect(relative, response.status_code).get_data())
    return response


def external_url(endpoint: str, **values: Any) -> str:
    """The absolute URL of an endpoint: on PUBLIC_URL when it is set, else on the request."""
    public = str(current_app.config.get("PUBLIC_URL") or "").rstrip("/")
    if public:
        return public + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)
