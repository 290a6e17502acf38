"""The PDF report: /results.pdf takes the query of /results, prints the page that
form.results() renders (site, ranking with reasons, trains, exceedances, sources, the
knowledge graph's version and the date), fetches nothing from outside the static folder,
and keeps the dry-cleaner example to at most six A4 pages."""

from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import urlencode

import pytest

from remediate.settings import REPO_ROOT
from webapp import report

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")

A4 = (595, 842)  # points, rounded
MAX_PAGES = 6


def query_of(site: dict) -> str:
    """The /results query the site form would send for a site contract."""
    args: list[tuple[str, str]] = [(k, str(site[k])) for k in (
        "name", "country", "description", "soil_texture", "land_use", "climate", "ph", "organic_matter_pct",
        "contamination_depth_m", "groundwater_depth_m", "area_m2", "volume_m3") if k in site]
    args += [("media", m) for m in site["media"]]
    for c in site["contaminants"]:
        args += [("c_name", c.get("name", "")), ("c_conc", str(c.get("concentration_mg_kg", "")))]
    for key, value in site.get("constraints", {}).items():
        args.append((key, "on" if value is True else str(value)))
    return urlencode(args)


@pytest.fixture(scope="module")
def dry_cleaner(app):
    site = json.loads((REPO_ROOT / "examples" / "dry-cleaner.json").read_text())
    query = query_of(site)
    client = app.test_client()
    response = client.get(f"/results.pdf?{query}")
    answer = client.get(f"/results.json?{query}").json
    return response, answer


def pdf_text(data: bytes) -> tuple[int, str, list]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    return len(reader.pages), text, [page.mediabox for page in reader.pages]


def test_dry_cleaner_prints_to_at_most_six_a4_pages(dry_cleaner, tmp_path: Path):
    response, _ = dry_cleaner
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert 'filename="remediate-results.pdf"' in response.headers["Content-Disposition"]
    pages, _, boxes = pdf_text(response.data)
    assert 1 <= pages <= MAX_PAGES, f"{pages} pages"
    assert all((round(float(b.width)), round(float(b.height))) == A4 for b in boxes)


def test_report_holds_what_a_report_needs(dry_cleaner):
    response, answer = dry_cleaner
    _, text, _ = pdf_text(response.data)
    squashed = text.replace(" ", "")  # extraction spaces some runs letter by letter

    def has(words: str) -> bool:
        return words.replace(" ", "") in squashed

    assert has(answer["site"]["name"]) and has("loamy sand")  # the site
    for rec in answer["recommendations"]:  # the whole ranking, in the summary table
        assert has(rec["technique"]["label"]), rec["technique"]["label"]
    assert has("Main reason") and has("Reasons and sources")
    first = answer["recommendations"][0]
    assert any(has(url) for url in first["sources"][:3])  # sources, printed as text
    assert has("Treatment trains") and answer["treatment_trains"]
    assert has("Guideline values exceeded") and answer["exceedances"]
    assert has(f"×{answer['exceedances'][0]['ratio']}")
    assert has(answer["kg_version"]) and has("report made")  # version and date
    assert not has("Excluded techniques")  # the page's long tail stays on the web


def test_invalid_query_answers_like_the_results_page(client):
    response = client.get("/results.pdf?c_name=lead&ph=19")
    assert response.status_code == 400 and response.mimetype == "text/html"


def test_results_page_links_to_the_pdf_with_the_same_query(client):
    html = client.get("/results?c_name=lead&c_conc=900&media=soil&land_use=residential").get_data(as_text=True)
    assert 'href="/results.pdf?c_name=lead&amp;c_conc=900&amp;media=soil&amp;land_use=residential"' in html
    assert 'id="pdf-report"' not in html  # the report's layout only reaches the PDF


@pytest.mark.parametrize("url", [
    "http://localhost/static/site.css",
    "http://localhost/static/vendor/../site.css",
])
def test_fetcher_serves_static_files(app, url):
    with app.test_request_context():
        path = report.static_file(url, "http://localhost/", Path(app.static_folder), "/static")
    assert path.name == "site.css"


@pytest.mark.parametrize("url", [
    "https://example.org/static/site.css",  # another host
    "http://localhost/id/technique/x",  # not a static file
    "http://localhost/static/../__init__.py",  # out of the folder
    "http://localhost/static/missing.css",
    "file:///etc/passwd",
])
def test_fetcher_refuses_everything_else(app, url):
    with pytest.raises(report.OutsideStatic):
        report.static_file(url, "http://localhost/", Path(app.static_folder), "/static")
