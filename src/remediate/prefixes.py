"""The project's base IRI and the prefixes used wherever the graph is written as Turtle
(build artefacts, /sparql, entity pages). No imports: the query workers load this."""

BASE = "https://w3id.org/remediate/"

PREFIXES = {
    "rem": BASE + "ontology/", "id": BASE + "id/", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "owl": "http://www.w3.org/2002/07/owl#",
    "obo": "http://purl.obolibrary.org/obo/", "unit": "http://qudt.org/vocab/unit/",
}
