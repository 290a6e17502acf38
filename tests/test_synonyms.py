"""Synonym scopes: an alt label ending in [broad], [narrow] or [related] says how close it
is to the record's meaning; the graph and the entity page carry the scope, and every alt
label stays searchable."""

from __future__ import annotations

import csv

from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from remediate.compile import compile_with_origins
from remediate.namespaces import OBO_IN_OWL
from remediate.settings import REPO_ROOT
from remediate.tables import split_synonym

from .conftest import run_cli

PHYTOEXTRACTION = URIRef("https://w3id.org/remediate/id/technique/phytoextraction")


def test_a_scope_in_brackets_is_read_off_the_label():
    assert split_synonym("phytoremediation [broad]") == ("phytoremediation", "broad")
    assert split_synonym("P&T") == ("P&T", "exact")
    assert split_synonym("in situ S/S") == ("in situ S/S", "exact")
    assert split_synonym("benzo[a]pyrene") == ("benzo[a]pyrene", "exact")


def test_the_graph_says_how_close_each_alt_label_is():
    graph, _ = compile_with_origins(REPO_ROOT / "kg_data")
    broad = Literal("phytoremediation", lang="en")
    assert (PHYTOEXTRACTION, OBO_IN_OWL.hasBroadSynonym, broad) in graph
    assert (PHYTOEXTRACTION, SKOS.altLabel, broad) in graph  # still found by search
    assert (PHYTOEXTRACTION, OBO_IN_OWL.hasExactSynonym, Literal("phytoaccumulation", lang="en")) in graph
    markers = tuple(f" [{scope}]" for scope in ("exact", "broad", "narrow", "related"))
    assert not any(str(o).endswith(markers) for o in graph.objects(None, SKOS.altLabel))  # the marker never leaks
    assert (URIRef("https://w3id.org/remediate/id/contaminant/benzo-a-pyrene"), OBO_IN_OWL.hasExactSynonym,
            Literal("B[a]P", lang="en")) in graph  # brackets inside a chemical name are not a scope
    scoped = sum(1 for _ in graph.subject_objects(OBO_IN_OWL.hasNarrowSynonym))
    assert scoped >= 40  # the curated narrower terms (slurry wall, LTTD, windrow composting...)


def test_the_entity_page_names_the_scope(client):
    page = client.get("/id/technique/phytoextraction", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "broader term also used" in page and "phytoremediation" in page


def test_check_refuses_an_unknown_scope(data_copy):
    path = data_copy / "techniques.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    target = next(i for i, r in enumerate(rows) if r["id"] == "phytoextraction")
    rows[target]["alt_labels"] += " | green remediation [wider]"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = run_cli("check", "--no-reasoner", env_overrides={"REMEDIATE_DATA_DIR": str(data_copy)})
    assert result.returncode == 1
    assert f"techniques.csv:{target + 2} [alt_labels]: 'green remediation [wider]' has an unknown synonym scope" \
        in result.stdout
