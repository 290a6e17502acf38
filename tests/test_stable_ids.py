"""Identifiers come from declared keys, never from free text: editing every note and
description in a copy of kg_data keeps every IRI; a retired IRI stays, deprecated, and
says where it went."""

from __future__ import annotations

import csv

from rdflib import OWL, Literal, URIRef
from rdflib.namespace import DCTERMS

from remediate.compile import compile_with_origins
from remediate.namespaces import entity

FREE_TEXT = ("note", "description", "definition", "outcome", "reason", "limitations")


def subjects(data_dir) -> set:
    graph, _ = compile_with_origins(data_dir)
    return {s for s in graph.subjects() if isinstance(s, URIRef)}


def rewrite_free_text(data_dir) -> int:
    changed = 0
    for path in data_dir.glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        if not rows or not any(c in rows[0] for c in FREE_TEXT):
            continue
        for row in rows:
            for column in FREE_TEXT:
                if row.get(column):
                    row[column] = "Rewritten by a curator: " + row[column][::-1]
                    changed += 1
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    return changed


def test_changing_every_note_keeps_every_iri(data_copy):
    before = subjects(data_copy)
    assert rewrite_free_text(data_copy) > 1000
    assert subjects(data_copy) == before


def test_a_retired_iri_is_deprecated_and_points_to_its_replacement(sources):
    from remediate.build import assemble

    graph = assemble(sources)
    old, new = entity("contaminant", "pcbs"), entity("contaminant", "total-pcbs")
    assert (old, OWL.deprecated, Literal(True)) in graph
    assert (old, DCTERMS.isReplacedBy, new) in graph
    assert (new, None, None) in graph


def test_the_page_of_a_retired_iri_says_where_it_went(client):
    page = client.get("/id/contaminant/pcbs", headers={"Accept": "text/html"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "total-pcbs" in html
