"""SHACL shapes: each tests/data/valid example conforms; each tests/data/invalid example
(named <Class>-<reason>, saying why at its top) fails on the field it names."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph

from remediate.build import assemble
from remediate.settings import REPO_ROOT

DATA = Path(__file__).parent / "data"
SHAPES = Graph().parse(REPO_ROOT / "ontology" / "shapes" / "records.ttl")


@pytest.fixture(scope="module")
def knowledge(sources) -> Graph:
    return assemble(sources)


def run(knowledge: Graph, example: Path) -> tuple[bool, str]:
    graph = Graph()
    graph += knowledge
    graph.parse(example, format="turtle")
    conforms, _, text = validate(graph, shacl_graph=SHAPES, inference="none")
    return conforms, text


def expected(example: Path) -> str:
    lines = example.read_text().splitlines()
    assert lines[0].startswith("# why:"), f"{example.name} must say why it is invalid on its first line"
    return next(line.removeprefix("# expect:").strip() for line in lines if line.startswith("# expect:"))


@pytest.mark.parametrize("example", sorted((DATA / "valid").glob("*.ttl")), ids=lambda p: p.stem)
def test_valid_example_conforms(knowledge, example):
    conforms, text = run(knowledge, example)
    assert conforms, text


@pytest.mark.parametrize("example", sorted((DATA / "invalid").glob("*.ttl")), ids=lambda p: p.stem)
def test_invalid_example_fails_on_its_field(knowledge, example):
    conforms, text = run(knowledge, example)
    assert not conforms
    assert expected(example) in text


def test_shipped_graph_conforms(knowledge):
    conforms, _, text = validate(knowledge, shacl_graph=SHAPES, inference="none")
    assert conforms, text[:3000]


def test_every_record_class_has_a_shape():
    from rdflib.namespace import SH

    from remediate.namespaces import REM

    targeted = set(SHAPES.objects(None, SH.targetClass))
    for name in ("RemediationTechnique", "Contaminant", "ContaminantGroup", "CaseStudy", "PlantSpecies",
                 "GuidelineValue", "Jurisdiction", "Applicability", "SiteConstraint", "PlantUse",
                 "CostEstimate", "DurationEstimate", "ChemicalProperties", "ConcentrationMeasurement"):
        assert REM[name] in targeted, name
