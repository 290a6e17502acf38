"""How one table row's cells become triples: typed and language-tagged literals, sources,
labels with their synonym scopes, definitions with their sources, registry codes and QUDT
units. compile.py says which triples each table makes; this module says how a cell is
written, once for all of them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from .namespaces import OBO, OBO_IN_OWL, REM, entity
from .registry import schemes
from .tables import TABLES_BY_NAME, Row, read_table, split_synonym
from .vocab import SCHEMES, code_iri, vocab_of_scheme

EN = "en"


class RowWriter:
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.graph = Graph()
        self.rows = {name: list(read_table(t, data_dir)) for name, t in TABLES_BY_NAME.items()}
        self.group_ids = {r.get("id") for r in self.rows["contaminant_groups"]}
        self.origin: dict[URIRef, str] = {}  # entity -> file:line it was compiled from
        self.row: Row | None = None
        # an older revision's vocabularies (remediate diff compiles those) may predate a
        # scheme: the shipped one stands in for it
        self.schemes = {**schemes(), **schemes(data_dir)}

    # -- small helpers -------------------------------------------------------------
    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | None) -> None:
        if o is not None:
            self.graph.add((s, p, o))
            self.note_origin(s)

    def note_origin(self, s: URIRef) -> None:
        if self.row is not None and s not in self.origin:
            self.origin[s] = self.row.where()

    def text(self, s: URIRef, p: URIRef, value: str, lang: str | None = EN) -> None:
        if value:
            self.add(s, p, Literal(value, lang=lang))

    def typed(self, s: URIRef, p: URIRef, value: str, datatype: URIRef) -> None:
        if value:
            # plain literals are xsd:string in RDF 1.1; rdflib only compares them equal when untyped
            self.add(s, p, Literal(value) if datatype == XSD.string else Literal(value, datatype=datatype))

    def sources(self, s: URIRef, row: Row, column: str = "source", year_column: str = "source_year") -> None:
        for url in row.items(column):
            self.graph.add((s, DCTERMS.source, URIRef(url)))
        if year_column:
            self.typed(s, REM.sourceYear, row.get(year_column), XSD.integer)

    def labels(self, s: URIRef, row: Row, alt_column: str = "alt_labels") -> None:
        self.text(s, RDFS.label, row.get("label"))
        for alt in row.items(alt_column):
            label, scope = split_synonym(alt)
            # every alt label stays a skos:altLabel (what people search by); the OBO property
            # says how close it is: exact, broad (phytoremediation for phytoextraction)...
            self.text(s, SKOS.altLabel, label)
            self.text(s, OBO_IN_OWL[f"has{scope.capitalize()}Synonym"], label)

    def definition(self, s: URIRef, row: Row) -> None:
        """The definition, and in the OBO way (IAO 'definition source') the pages it was
        written from: the row's sources, which the curator read to write it."""
        if row.get("definition"):
            self.text(s, SKOS.definition, row.get("definition"))
            for url in row.items("source"):
                self.graph.add((s, OBO.IAO_0000119, URIRef(url)))

    def codes(self, s: URIRef, p: URIRef, vocab: str, values: Iterable[str]) -> None:
        for code in values:
            self.graph.add((s, p, code_iri(vocab, code)))

    def unit(self, vocab: str, code: str) -> URIRef | None:
        """The QUDT unit a unit code of the registry stands for."""
        scheme = self.schemes.get(SCHEMES[vocab])
        concept = scheme.get(code) if scheme else None
        return concept.unit if concept else None

    def value_vocab(self, parameter: str) -> str:
        """The vocabulary of a categorical constraint parameter's codes."""
        concept = self.schemes[SCHEMES["parameter"]].get(parameter)
        return vocab_of_scheme(concept.value_scheme) if concept and concept.value_scheme else parameter

    def target(self, ref: str) -> URIRef:
        """A cell that may name a contaminant or a contaminant group."""
        kind = "contaminant-group" if ref in self.group_ids else "contaminant"
        return entity(kind, ref)
