"""Assemble the knowledge graph (ontology + curated Turtle + compiled tables) and write
the release artefacts: Turtle, N-Triples, RDF/XML (for Protege), JSON-LD and VoID."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, VOID, XSD

from . import __version__
from .compile import compile_with_origins, version_triples
from .namespaces import ONTOLOGY_IRI, PREFIXES, entity

DATASET_IRI = entity("dataset", "remediate-kg")
ARTEFACTS = {"turtle": "remediate.ttl", "nt": "remediate.nt", "xml": "remediate.rdf", "json-ld": "remediate.jsonld"}


@dataclass(frozen=True)
class Sources:
    ontology_dir: Path
    data_dir: Path

    def turtle_files(self) -> list[Path]:
        return [self.ontology_dir / "remediate.ttl", *sorted(self.data_dir.glob("*.ttl"))]

    def table_files(self) -> list[Path]:
        return sorted(self.data_dir.glob("*.csv"))

    def fingerprint(self) -> str:
        """Short hash of every input file: changes whenever the knowledge changes."""
        digest = hashlib.sha256()
        for path in self.turtle_files() + self.table_files():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()[:10]


def kg_version(sources: Sources) -> str:
    return f"{__version__}+{sources.fingerprint()}"


def ontology_graph(sources: Sources) -> Graph:
    graph = Graph()
    graph.parse(sources.ontology_dir / "remediate.ttl", format="turtle")
    version_triples(graph, ONTOLOGY_IRI, __version__)
    return graph


def assemble(sources: Sources) -> Graph:
    """The whole knowledge graph in one rdflib Graph."""
    return assemble_with_origins(sources)[0]


def assemble_with_origins(sources: Sources) -> tuple[Graph, dict[URIRef, str]]:
    """The knowledge graph, and where each compiled entity came from (file:line)."""
    graph = ontology_graph(sources)
    for path in sources.turtle_files()[1:]:
        graph.parse(path, format="turtle")
    compiled, origins = compile_with_origins(sources.data_dir)
    graph += compiled
    # the graph says which version it is, so a remote store can tell its clients
    graph.add((DATASET_IRI, DCTERMS.hasVersion, Literal(kg_version(sources))))
    bind_prefixes(graph)
    return graph, origins


def bind_prefixes(graph: Graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)


def void_description(graph: Graph, version: str) -> Graph:
    void = Graph()
    void.bind("void", VOID)
    d = DATASET_IRI
    void.add((d, RDF.type, VOID.Dataset))
    void.add((d, DCTERMS.title, Literal("remediate knowledge graph", lang="en")))
    void.add((d, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")))
    void.add((d, DCTERMS.hasVersion, Literal(version)))
    void.add((d, VOID.triples, Literal(len(graph), datatype=XSD.integer)))
    void.add((d, VOID.distinctSubjects, Literal(len(set(graph.subjects())), datatype=XSD.integer)))
    void.add((d, VOID.properties, Literal(len(set(graph.predicates())), datatype=XSD.integer)))
    void.add((d, VOID.uriSpace, Literal("https://w3id.org/remediate/id/")))
    void.add((d, VOID.vocabulary, URIRef("https://w3id.org/remediate/ontology/")))
    for cls in sorted(set(graph.objects(None, RDF.type)), key=str):
        if not str(cls).startswith("https://w3id.org/remediate/ontology/"):
            continue
        part = entity("dataset", "remediate-kg--" + str(cls).rsplit("/", 1)[-1])
        void.add((d, VOID.classPartition, part))
        void.add((part, VOID["class"], cls))
        void.add((part, VOID.entities, Literal(len(set(graph.subjects(RDF.type, cls))), datatype=XSD.integer)))
    return void


def write_artefacts(sources: Sources, build_dir: Path) -> dict[str, Path]:
    build_dir.mkdir(parents=True, exist_ok=True)
    graph = assemble(sources)
    written: dict[str, Path] = {}
    for fmt, name in ARTEFACTS.items():
        path = build_dir / name
        graph.serialize(path, format=fmt, encoding="utf-8")
        written[fmt] = path
    # the TBox alone, as RDF/XML, is what Protege users open
    ontology = ontology_graph(sources)
    ontology.serialize(build_dir / "ontology.rdf", format="xml", encoding="utf-8")
    written["ontology"] = build_dir / "ontology.rdf"
    version = kg_version(sources)
    void_description(graph, version).serialize(build_dir / "void.ttl", format="turtle", encoding="utf-8")
    written["void"] = build_dir / "void.ttl"
    (build_dir / "kg_version.txt").write_text(version + "\n", encoding="utf-8")
    return written


@contextmanager
def staged(build_dir: Path) -> Iterator[Path]:
    """A scratch folder beside build_dir to write artefacts into. When the block ends
    normally each file is moved into build_dir with an atomic rename, so an interrupted
    or failed build never leaves a half-written graph; otherwise nothing is touched."""
    build_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".staging-", dir=build_dir))
    try:
        yield scratch
        for path in sorted(scratch.iterdir()):
            os.replace(path, build_dir / path.name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
