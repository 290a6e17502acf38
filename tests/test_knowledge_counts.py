"""The knowledge base holds at least what the knowledge-base issue asks for, counted
through the SPARQL endpoint as any client would count it."""

from __future__ import annotations

from urllib.parse import quote

import pytest

PREFIX = "PREFIX rem: <https://w3id.org/remediate/ontology/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
MINIMUMS = {
    "techniques": ("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a/rdfs:subClassOf* rem:RemediationTechnique }", 60),
    "nature-based solutions": ("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a rem:NatureBasedSolution }", 15),
    "contaminants": ("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a rem:Contaminant }", 100),
    "plant species": ("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a rem:PlantSpecies }", 50),
    "case studies": ("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a rem:CaseStudy }", 100),
    "nature-based case studies": ("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a rem:CaseStudy ; "
                                  "rem:appliedTechnique/a rem:NatureBasedSolution }", 25),
    "guideline values": ("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a rem:GuidelineValue }", 300),
    "jurisdictions with values": ("SELECT (COUNT(DISTINCT ?j) AS ?n) WHERE { ?x a rem:GuidelineValue ; "
                                  "rem:jurisdiction ?j }", 5),
}


@pytest.mark.parametrize("name", list(MINIMUMS))
def test_minimum_count(client, name):
    query, minimum = MINIMUMS[name]
    body = client.get(f"/sparql?query={quote(PREFIX + query)}").json
    count = int(body["results"]["bindings"][0]["n"]["value"])
    assert count >= minimum, f"{name}: {count} < {minimum}"


def test_every_substance_cas_number_is_unique_and_valid(client):
    from remediate.checks import cas_valid

    query = PREFIX + "SELECT ?x ?cas WHERE { ?x rem:casNumber ?cas }"
    rows = client.get(f"/sparql?query={quote(query)}").json["results"]["bindings"]
    numbers = [r["cas"]["value"] for r in rows]
    assert len(numbers) == len(set(numbers)) and all(cas_valid(n) for n in numbers)


def test_common_abbreviations_are_alt_labels(client):
    query = PREFIX + "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?alt WHERE { ?x skos:altLabel ?alt }"
    rows = client.get(f"/sparql?query={quote(query)}").json["results"]["bindings"]
    alts = {r["alt"]["value"] for r in rows}
    for abbreviation in ("SVE", "ISCO", "TCE", "PCE", "PFOS", "BTEX", "MNA"):
        assert abbreviation in alts, abbreviation
