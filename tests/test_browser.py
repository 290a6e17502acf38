"""The practitioner's path in a real browser (Playwright driving Debian's chromium):
fill the form, submit, read the ranking, follow a technique link, reload the shared
URL, download the CSV, trigger a validation error; any console error fails the test.
Screenshots land in tests/artefacts/ for a person to look at."""

from __future__ import annotations

import logging
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from webapp import create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTEFACTS = Path(__file__).parent / "artefacts"
pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    pytest.skip("BROWSER TESTS SKIPPED: Debian's chromium is not installed (apt-get install chromium; "
                "`make test` installs it when it can)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server():
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app = create_app({"TESTING": True})
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    problems: list[tuple[str, str]] = []
    page.on("console", lambda msg: problems.append((msg.text, msg.location.get("url", "")))
            if msg.type == "error" else None)
    page.on("pageerror", lambda err: problems.append((str(err), "")))
    page.expected_errors = set()  # (message fragment, url) a test expects, e.g. its own 400 page
    yield page
    context.close()
    unexpected = [(text, url) for text, url in problems
                  if not any(fragment in text and url.startswith(where) for fragment, where in page.expected_errors)]
    assert unexpected == [], f"browser console errors: {unexpected}"


def fill_site(page, server):
    page.goto(server + "/")
    page.fill("#name", "Browser test dry cleaner")
    page.fill("#c_name-0", "TCE")
    page.fill("#c_conc-0", "12")
    page.fill("#c_name-1", "lead")
    page.fill("#c_conc-1", "900")
    page.click("#add-row")  # script adds a fourth row in place
    rows = page.locator("#contaminant-rows tbody tr")
    assert rows.count() == 4
    rows.nth(3).locator("input[name=c_name]").fill("benzene")
    page.check("input[name=media][value=soil]")
    page.check("input[name=media][value=groundwater]")
    page.select_option("#soil_texture", "sandy loam")
    page.select_option("#land_use", "residential")


def test_form_to_results_and_back(page, server):
    ARTEFACTS.mkdir(exist_ok=True)
    fill_site(page, server)
    page.screenshot(path=str(ARTEFACTS / "form.png"), full_page=True)
    page.click("#submit")
    page.wait_for_selector("ol.ranking li.recommendation")
    page.screenshot(path=str(ARTEFACTS / "results.png"), full_page=True)
    ranking = page.locator("a.technique-link").all_inner_texts()
    assert len(ranking) >= 5
    assert page.locator("table.exceedances tbody tr").count() >= 1
    resolved = page.locator("section[aria-labelledby=cont-h] tbody").inner_text()
    assert "Trichloroethylene" in resolved and "Benzene" in resolved

    shared = page.url
    page.goto(shared)  # the same link reloads to the same answer
    assert page.locator("a.technique-link").all_inner_texts() == ranking

    with page.expect_download() as download:
        page.click("#download-csv")
    text = Path(download.value.path()).read_text()
    assert text.splitlines()[0].startswith("rank,technique,score")
    assert ranking[0] in text.splitlines()[1]

    first = page.locator("a.technique-link").first
    label = first.inner_text()
    first.click()
    assert page.locator("h1").inner_text() == label


def test_validation_error_keeps_values(page, server):
    page.goto(server + "/")
    page.fill("#name", "No media given")
    page.fill("#c_name-0", "lead")
    page.fill("#ph", "19")
    # the rejected form is answered 400, which the browser logs for the page itself
    page.expected_errors.add(("status of 400", server + "/results"))
    page.click("#submit")
    page.wait_for_selector("#error-summary")
    page.screenshot(path=str(ARTEFACTS / "form-errors.png"), full_page=True)
    assert page.locator("#media-label ~ .error, .field .error").count() >= 2
    assert page.input_value("#name") == "No media given" and page.input_value("#c_name-0") == "lead"
    assert page.input_value("#ph") == "19"


def test_phone_width_results(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + "/results?c_name=lead&media=soil&contamination_depth_m=0.3&prefer_nature_based=1")
    page.wait_for_selector("ol.ranking li.recommendation")
    page.screenshot(path=str(ARTEFACTS / "results-phone.png"), full_page=False)
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 400, f"page scrolls sideways on a phone ({width}px)"


def test_keyboard_only_path(page, server):
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"

    def tab_to(selector: str, limit: int = 80) -> None:
        for _ in range(limit):
            if page.evaluate(f"document.activeElement === document.querySelector('{selector}')"):
                return
            page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#c_name-0")
    page.keyboard.type("lead")
    tab_to("input[name=media][value=soil]")
    page.keyboard.press("Space")
    tab_to("#submit")
    page.keyboard.press("Enter")
    page.wait_for_selector("ol.ranking li.recommendation")
    assert "Lead" in page.locator("section[aria-labelledby=cont-h]").inner_text()


def test_print_view(page, server):
    page.goto(server + "/results?c_name=TCE&c_conc=12&media=soil&land_use=residential")
    page.emulate_media(media="print")
    page.screenshot(path=str(ARTEFACTS / "results-print.png"), full_page=False)
    assert not page.locator("p.actions").is_visible()  # links for the screen are not printed
    assert page.locator("details.excluded ul").is_visible()  # folded sections print open


def test_query_page_runs_an_example_without_leaving_the_server(page, server):
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server, "data:")) else None)
    page.goto(server + "/sparql/ui")
    page.click("details.examples summary")
    page.click("a.example >> nth=0")
    page.wait_for_selector(".yasr table tbody tr")
    assert page.locator(".yasr table tbody tr").count() > 10
    assert outside == [], f"the query page reached outside: {outside}"


CSP_PROBE = """window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber);
});"""


def test_pages_satisfy_the_content_security_policy(page, server):
    """The pages and the vendored YASGUI (running a query) work under the policy the server sends."""
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.add_init_script(CSP_PROBE)
    violations: dict[str, list[str]] = {}
    for path in ["/", "/results?c_name=TCE&c_conc=12&media=soil&land_use=residential", "/sparql/ui"]:
        response = page.goto(server + path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        if path == "/sparql/ui":
            page.click("details.examples summary")
            page.click("a.example >> nth=0")
            page.wait_for_selector(".yasr table tbody tr")
            page.click(".yasqe .CodeMirror")  # the editor, its gutter and tooltips draw themselves
            page.keyboard.press("End")
        violations[path] = page.evaluate("window.__csp")
    assert console == [] and all(found == [] for found in violations.values()), (console, violations)


def test_summary_link_unfolds_its_card_and_browse_pages_fit_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + "/results?c_name=lead&media=soil&land_use=residential")
    assert page.locator("table.top-summary tbody tr").count() == 10
    assert not page.locator("#rank-3 details.card").evaluate("d => d.open")
    page.locator("table.top-summary a.more").nth(2).click()
    assert page.locator("#rank-3 details.card").evaluate("d => d.open")
    widths = {}
    for path in ("/case-studies", "/plants", "/search?q=lead"):
        page.goto(server + path)
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert all(width <= 400 for width in widths.values()), f"pages scroll sideways on a phone: {widths}"


def test_arabic_right_to_left_and_chinese(browser, server):
    """Arabic runs right to left and nothing scrolls sideways on a phone; Chinese renders."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + "/results?c_name=lead&media=soil&land_use=residential&lang=ar")
    page.wait_for_selector("ol.ranking li.recommendation")
    page.screenshot(path=str(ARTEFACTS / "results-ar-phone.png"), full_page=False)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the Arabic page scrolls sideways on a phone ({width}px)"
    page.goto(server + "/?lang=zh")
    page.screenshot(path=str(ARTEFACTS / "form-zh.png"), full_page=False)
    assert page.locator("h1").inner_text() == "描述您的站点"
    context.close()


# The pictures: each page's SVG is drawn with the expected number of marks, with no console
# error and no CSP violation; a screenshot of each lands in tests/artefacts/.
PICTURES = [
    ("/matrix", "svg#matrix rect.cell", "/matrix.json", "matrix.png"),
    ("/matrix?medium=groundwater&role=standalone", "svg#matrix rect.cell",
     "/matrix.json?medium=groundwater&role=standalone", "matrix-groundwater.png"),
    ("/id/contaminant/benzene", "svg.guideline-chart circle.mark", None, "guideline-chart.png"),
    ("/case-studies/map", "svg#case-map path.country", None, "case-map.png"),
]


def expected_marks(page, server, selector: str, twin: str | None) -> int:
    if twin and "rect.cell" in selector:
        data = page.request.get(server + twin).json()
        return sum(len(row["cells"]) for row in data["rows"])
    if "circle.mark" in selector:
        return len(page.request.get(server + "/sparql", params={"query": (
            "PREFIX rem: <https://w3id.org/remediate/ontology/> SELECT ?g WHERE { ?g a rem:GuidelineValue ; "
            "rem:contaminant <https://w3id.org/remediate/id/contaminant/benzene> ; rem:value ?v }")},
            headers={"Accept": "application/sparql-results+json"}).json()["results"]["bindings"])
    return 177  # countries in world-atlas's countries-110m


@pytest.mark.parametrize(("path", "selector", "twin", "shot"), PICTURES)
def test_picture_pages_draw_their_marks_under_the_policy(page, server, path, selector, twin, shot):
    page.add_init_script(CSP_PROBE)
    response = page.goto(server + path)
    assert "style-src 'self'" in response.headers["content-security-policy"]
    marks = page.locator(selector)
    assert marks.count() == expected_marks(page, server, selector, twin) > 0
    box = page.locator(selector.split(" ")[0]).first.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 100  # drawn, not collapsed
    page.screenshot(path=str(ARTEFACTS / shot), full_page=True)
    assert page.evaluate("window.__csp") == []


def test_matrix_filters_and_hover(page, server):
    page.goto(server + "/matrix")
    page.select_option("#medium", "groundwater")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/matrix?*medium=groundwater*")
    cell = page.locator("svg#matrix rect.cell").first
    assert "Basis:" in cell.locator("title").text_content()
    cell.hover()  # the hovered cell is outlined by the stylesheet, not by script
    assert page.evaluate("(el) => getComputedStyle(el).strokeWidth", cell.element_handle()) == "1.5px"


def test_map_country_links_to_its_cases(page, server):
    page.goto(server + "/case-studies/map")
    page.locator('svg#case-map path.country[data-country="NL"]').click()
    page.wait_for_url("**/case-studies?country=NL")
    assert page.locator("h1").count() == 1
