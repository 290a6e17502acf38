"""Every cited page says when it was read: check wants a date per URL, stamp-retrievals adds
today's for newly cited pages, and the graph carries it as rem:retrieved."""

from __future__ import annotations

import csv
from datetime import date

from rdflib import DCTERMS, URIRef

from remediate.compile import compile_with_origins
from remediate.settings import REPO_ROOT

from .conftest import run_cli

REM = "https://w3id.org/remediate/ontology/"
NEW_PAGE = "https://www.epa.gov/remedytech/example-page-read-today"


def test_every_cited_page_in_the_graph_has_a_retrieval_date():
    graph, _ = compile_with_origins(REPO_ROOT / "kg_data")
    pages = {o for o in graph.objects(None, DCTERMS.source) if not str(o).startswith("https://w3id.org/remediate/")}
    undated = [p for p in pages if graph.value(p, URIRef(REM + "retrieved")) is None]
    assert len(pages) > 1000 and undated == []


def _cite(data_dir, url: str) -> int:
    path = data_dir / "jurisdictions.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0]["source"] += f" | {url}"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return 2


def test_a_newly_cited_page_is_refused_until_stamped_with_today(data_copy):
    env = {"REMEDIATE_DATA_DIR": str(data_copy)}
    line = _cite(data_copy, NEW_PAGE)
    refused = run_cli("check", "--no-reasoner", env_overrides=env)
    assert refused.returncode == 1
    assert f"jurisdictions.csv:{line} [source]: {NEW_PAGE} has no retrieval date" in refused.stdout

    stamped = run_cli("stamp-retrievals", env_overrides=env)
    assert stamped.returncode == 0 and NEW_PAGE in stamped.stdout and "dated 1 newly cited" in stamped.stdout
    rows = {r["url"]: r["retrieved"] for r in csv.DictReader((data_copy / "source_retrievals.csv").open())}
    assert rows[NEW_PAGE] == date.today().isoformat()
    assert run_cli("check", "--no-reasoner", env_overrides=env).returncode == 0


def test_a_date_for_a_page_nobody_cites_is_reported(data_copy):
    with (data_copy / "source_retrievals.csv").open("a", encoding="utf-8") as handle:
        handle.write("https://example.org/never-cited,2026-01-02\n")
    result = run_cli("check", "--no-reasoner", env_overrides={"REMEDIATE_DATA_DIR": str(data_copy)})
    assert result.returncode == 1 and "[url]: no row cites this URL any more" in result.stdout
