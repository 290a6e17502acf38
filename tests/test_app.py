"""The app shell: start page, API index, query page with vendored YASGUI, settings."""

from __future__ import annotations

import re

from remediate.settings import REPO_ROOT, SETTINGS


def test_start_page_is_the_site_form_with_counts(client):
    page = client.get("/").data.decode()
    assert "Describe your site" in page and 'action="/results"' in page
    assert re.search(r"\d{2,} techniques \(\d+ nature-based\), \d{3} contaminants", page)


def test_api_index(client, app):
    body = client.get("/api/v1/").json
    assert body["triples"] == app.extensions["remediate.store"].triple_count()
    assert body["counts"]["RemediationTechnique"] >= 1
    assert body["links"]["sparql"].endswith("/sparql")


def test_api_techniques_lists_nature_based_flags(client):
    techniques = client.get("/api/v1/techniques").json["techniques"]
    flags = {t["label"]: t["nature_based"] for t in techniques}
    assert flags["Phytoextraction"] is True and flags["Soil vapour extraction"] is False


def test_query_page_uses_local_yasgui_only(client):
    page = client.get("/sparql/ui").data.decode()
    scripts = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert any("vendor/yasgui/yasgui.min.js" in s for s in scripts)
    assert all(s.startswith("/") for s in scripts), scripts  # no CDN
    assert client.get("/static/vendor/yasgui/yasgui.min.js").status_code == 200
    assert "Example queries" in page


def test_every_setting_is_documented():
    doc = (REPO_ROOT / "docs" / "settings.md").read_text()
    for setting in SETTINGS:
        assert f"`{setting.name}`" in doc, setting.name
        assert setting.help in doc, setting.name


def test_unknown_page_is_friendly(client):
    response = client.get("/no/such/page", headers={"Accept": "text/html"})
    assert response.status_code == 404 and b"<h1>" in response.data
