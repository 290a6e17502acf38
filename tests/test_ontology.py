"""The ontology: core classes and properties are there and documented, it is OWL 2 DL
(owlready2 reads an rdflib-made RDF/XML copy) and HermiT finds the graph consistent."""

from __future__ import annotations

import owlready2
import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from remediate.build import assemble, ontology_graph
from remediate.namespaces import ONTOLOGY_IRI, REM
from remediate.validate import consistency

CORE = ["RemediationTechnique", "NatureBasedSolution", "Contaminant", "ContaminantGroup", "CaseStudy",
        "PlantSpecies", "GuidelineValue", "Jurisdiction", "SiteCondition"]


@pytest.fixture(scope="module")
def tbox(sources) -> Graph:
    return ontology_graph(sources)


@pytest.mark.parametrize("name", CORE)
def test_core_class_has_label_and_definition(tbox, name):
    cls = REM[name]
    assert (cls, RDF.type, OWL.Class) in tbox
    assert tbox.value(cls, RDFS.label) is not None
    assert tbox.value(cls, SKOS.definition) is not None


def test_nature_based_solutions_are_techniques(tbox):
    assert (REM.NatureBasedSolution, RDFS.subClassOf, REM.RemediationTechnique) in tbox


def test_site_condition_covers_media_texture_land_use_climate(tbox):
    for sub in (REM.Medium, REM.SoilTexture, REM.LandUse, REM.ClimateZone):
        assert (sub, RDFS.subClassOf, REM.SiteCondition) in tbox


def test_namespace_class_lists_every_term_of_the_file(tbox):
    declared = {str(s) for s in tbox.subjects(RDF.type, None) if str(s).startswith(str(REM._NS))}
    in_code = {str(REM[name]) for name in REM.__annotations__}
    assert declared == in_code


def test_ontology_header_has_licence_version_and_description(tbox):
    assert tbox.value(ONTOLOGY_IRI, URIRef("http://purl.org/dc/terms/license")) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/")
    assert tbox.value(ONTOLOGY_IRI, OWL.versionIRI) is not None
    assert tbox.value(ONTOLOGY_IRI, URIRef("http://purl.org/dc/terms/description")) is not None


def test_aligned_to_chebi_envo_qudt_and_prov(sources):
    graph = assemble(sources)
    text = {str(o) for o in graph.objects()} | {str(o) for o in graph.subjects()}
    assert "http://purl.obolibrary.org/obo/CHEBI_24431" in text
    assert "http://purl.obolibrary.org/obo/ENVO_00001998" in text  # soil
    assert "http://purl.obolibrary.org/obo/ENVO_01001004" in text  # groundwater
    assert any(t.startswith("http://qudt.org/vocab/unit/") for t in text)
    assert (REM.CaseStudy, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Entity")) in graph


def test_owlready2_reads_the_rdfxml_copy(tmp_path, tbox):
    path = tmp_path / "remediate.rdf"
    tbox.serialize(path, format="xml")
    onto = owlready2.World().get_ontology(path.as_uri()).load()
    names = {c.name for c in onto.classes()}
    assert set(CORE) <= names


@pytest.mark.slow
def test_hermit_finds_the_knowledge_graph_consistent(sources):
    assert consistency(assemble(sources)) == []


@pytest.mark.slow
def test_hermit_reports_an_inconsistency(sources):
    graph = assemble(sources)
    # a site condition that is also declared disjoint from itself cannot exist
    bad = URIRef("https://w3id.org/remediate/id/medium/soil")
    graph.add((REM.Medium, OWL.disjointWith, REM.SoilTexture))
    graph.add((bad, RDF.type, REM.SoilTexture))
    problems = consistency(graph)
    assert problems and "inconsistent" in problems[0].message
