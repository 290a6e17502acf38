"""Provenance a program can read: definitions name the pages they were written from (OBO's
'definition source'), and case measurements are SOSA observations with QUDT quantity
values, one per treatment phase."""

from __future__ import annotations

import csv

import pytest
from rdflib import RDF, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from remediate.compile import compile_with_origins
from remediate.settings import REPO_ROOT

OBO = Namespace("http://purl.obolibrary.org/obo/")
SOSA = Namespace("http://www.w3.org/ns/sosa/")
QUDT = Namespace("http://qudt.org/schema/qudt/")
REM = Namespace("https://w3id.org/remediate/ontology/")
ID = "https://w3id.org/remediate/id/"


def _rows(table: str) -> list[dict]:
    with (REPO_ROOT / "kg_data" / table).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def graph():
    return compile_with_origins(REPO_ROOT / "kg_data")[0]


def test_every_definition_names_the_pages_it_was_written_from(graph):
    defined = set(graph.subjects(SKOS.definition, None))
    records = {s for s in defined if str(s).startswith(tuple(ID + k for k in ("technique/", "contaminant/", "plant/")))}
    assert len(records) > 300
    assert [s for s in records if graph.value(s, OBO.IAO_0000119) is None] == []
    row = _rows("techniques.csv")[0]
    sources = {URIRef(u.strip()) for u in row["source"].split("|") if u.strip()}
    assert set(graph.objects(URIRef(ID + "technique/" + row["id"]), OBO.IAO_0000119)) == sources


def test_each_before_and_after_value_is_an_observation_with_a_qudt_quantity(graph):
    rows = _rows("case_concentrations.csv")
    phases = sum(bool(r["before"]) + bool(r["after"]) for r in rows)
    observations = set(graph.subjects(RDF.type, SOSA.Observation))
    assert len(observations) == phases > 100
    for obs in observations:
        result = graph.value(obs, SOSA.hasResult)
        assert (result, RDF.type, QUDT.QuantityValue) in graph
        assert str(graph.value(result, QUDT.unit)).startswith("http://qudt.org/vocab/unit/")
        phase = str(graph.value(obs, REM.treatmentPhase))
        measurement = next(graph.subjects(REM.hasObservation, obs))
        # the observation carries the same number as the measurement's simple form
        assert graph.value(result, QUDT.numericValue) == graph.value(measurement, REM[phase])
        assert graph.value(obs, SOSA.hasFeatureOfInterest) in set(graph.subjects(REM.hasMeasurement, measurement))
    assert Literal("before") in set(graph.objects(None, REM.treatmentPhase))


def test_every_quantity_property_says_its_qudt_unit():
    from rdflib import Graph

    ontology = Graph().parse(REPO_ROOT / "ontology" / "remediate.ttl")
    quantities = ["areaM2", "volumeM3", "contaminationDepth", "groundwaterDepth", "durationYears", "henryConstant",
                  "waterSolubility", "phMin", "phMax", "logKow"]
    units = {name: str(ontology.value(REM[name], REM.valueUnit)) for name in quantities}
    assert all(u.startswith("http://qudt.org/vocab/unit/") for u in units.values()), units
    assert units["areaM2"].endswith("/M2") and units["contaminationDepth"].endswith("/M")
