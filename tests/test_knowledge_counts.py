"""The knowledge base holds at least what the knowledge and case-base issues ask for,
counted through the SPARQL endpoint as any client would count it."""

from __future__ import annotations

from urllib.parse import quote

import pytest

PREFIX = "PREFIX rem: <https://w3id.org/remediate/ontology/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
MINIMUMS = {
    "techniques": ("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a/rdfs:subClassOf* rem:RemediationTechnique }", 85),
    "nature-based solutions": ("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a rem:NatureBasedSolution }", 15),
    "contaminants": ("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a rem:Contaminant }", 160),
    "plant species": ("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a rem:PlantSpecies }", 150),
    "case studies": ("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a rem:CaseStudy }", 350),
    "nature-based case studies": ("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a rem:CaseStudy ; "
                                  "rem:mainTechnique/a rem:NatureBasedSolution }", 60),
    "countries with case studies": ("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?x a rem:CaseStudy ; rem:country ?c }",
                                    30),
    "guideline values": ("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a rem:GuidelineValue }", 1000),
    "jurisdictions with values": ("SELECT (COUNT(DISTINCT ?j) AS ?n) WHERE { ?x a rem:GuidelineValue ; "
                                  "rem:jurisdiction ?j }", 12),
    "jurisdictions with groundwater values": ("SELECT (COUNT(DISTINCT ?j) AS ?n) WHERE { ?x a rem:GuidelineValue ; "
                                              "rem:jurisdiction ?j ; rem:medium/rem:code \"groundwater\" }", 5),
}


def test_nine_in_ten_substances_have_a_pubchem_cid(client):
    query = PREFIX + ("SELECT (COUNT(DISTINCT ?x) AS ?all) (COUNT(DISTINCT ?y) AS ?cid) "
                      "WHERE { ?x a rem:Contaminant . FILTER NOT EXISTS { ?x a rem:ContaminantMixture } "
                      "OPTIONAL { ?x rem:pubchemCid ?c BIND(?x AS ?y) } }")
    row = client.get(f"/sparql?query={quote(query)}").json["results"]["bindings"][0]
    assert int(row["cid"]["value"]) >= 0.9 * int(row["all"]["value"])


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
