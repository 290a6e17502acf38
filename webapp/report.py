"""The results page as a PDF to attach to a report: /results.pdf takes the same query as
/results, and the page is the one form.results() renders, laid out by the print rules of
site.css and set on A4 by WeasyPrint. Nothing is fetched from the network: the stylesheet
and images come from the app's static folder, anything else is left out."""

from __future__ import annotations

import mimetypes
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Response, current_app, g, request
from flask.typing import ResponseReturnValue

from . import form

bp = Blueprint("report", __name__)


class OutsideStatic(ValueError):
    """WeasyPrint asked for a resource that is not one of our static files."""


def static_file(url: str, base_url: str, static_folder: Path, static_path: str) -> Path:
    """The file under static_folder that url names on base_url; OutsideStatic for anything else."""
    parts, base = urlsplit(url), urlsplit(base_url)
    prefix = static_path.rstrip("/") + "/"
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(prefix):
        raise OutsideStatic(url)
    root = static_folder.resolve()
    target = (root / parts.path[len(prefix):]).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise OutsideStatic(url)
    return target


def pdf_from_html(html: str, base_url: str) -> bytes:
    from weasyprint import HTML  # imported here: loading pango is slow and only this route needs it
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    static = Path(current_app.static_folder or "static")
    static_path = current_app.static_url_path or "/static"

    class StaticFetcher(URLFetcher):
        """Answers from the static folder and never opens a connection."""

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            target = static_file(url, base_url, static, static_path)
            mime = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, target.read_bytes(), {"Content-Type": mime})

    return HTML(string=html, base_url=base_url, url_fetcher=StaticFetcher()).write_pdf()


@bp.route("/results.pdf")
def results_pdf() -> ResponseReturnValue:
    g.report_made = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    page = form.results()
    if not isinstance(page, str):  # the form with its errors (400), as /results answers
        return page
    base_url = str(current_app.config.get("PUBLIC_URL") or "").rstrip("/") + "/" if current_app.config.get(
        "PUBLIC_URL") else request.url_root  # links in the PDF point at the public site when it is set
    pdf = pdf_from_html(page, base_url)
    name = "remediate-results.pdf"
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{name}"'})
