"""`remediate check`: everything a curator's change must pass before a build. Table
checks, identity alignment with the chemicals library, the README's table of controlled
values, Turtle syntax, SHACL shapes, SPARQL violation checks (any row returned is a
problem) and OWL consistency with HermiT."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from . import registry
from .alignment import identity_mismatches
from .build import Sources, assemble_with_origins
from .checks import Problem, check_tables
from .source_quality import registry_problems
from .vocab_table import stale


def parse_turtle(paths: list[Path]) -> tuple[Graph, list[Problem]]:
    graph, problems = Graph(), []
    for path in paths:
        try:
            graph.parse(path, format="turtle")
        except Exception as err:  # rdflib raises several unrelated types for bad Turtle
            problems.append(Problem(path.name, f"Turtle does not parse: {err}", "fix the syntax at the line named"))
    return graph, problems


def violation_checks(graph: Graph, checks_dir: Path) -> list[Problem]:
    store = ox.Store()
    store.bulk_load(input=graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    problems = []
    # each check selects ?entity and ?message; a "# fix:" comment line gives the hint
    for path in sorted(checks_dir.glob("*-violation.rq")):
        text = path.read_text(encoding="utf-8")
        hint = next((line[7:].strip() for line in text.splitlines() if line.startswith("# fix:")), "")
        solutions = store.query(text)
        if not isinstance(solutions, ox.QuerySolutions):
            problems.append(Problem(path.name, "a violation check must be a SELECT query", "rewrite it as SELECT"))
            continue
        for row in solutions:
            entity = row["entity"].value if row["entity"] is not None else "?"
            message = row["message"].value if row["message"] is not None else path.stem
            problems.append(Problem(f"{path.name} <{entity}>", message, hint))
    return problems


def shacl(graph: Graph, shapes_dir: Path, origins: dict | None = None) -> list[Problem]:
    shape_files = sorted(shapes_dir.glob("*.ttl"))
    if not shape_files:
        return []
    from pyshacl import validate

    shapes = Graph()
    for path in shape_files:
        shapes.parse(path, format="turtle")
    conforms, report, _ = validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True)
    if conforms:
        return []
    problems = []
    sh = "http://www.w3.org/ns/shacl#"
    for result in report.subjects(predicate=None, object=None):
        focus = report.value(result, predicate=_iri(sh + "focusNode"))
        message = report.value(result, predicate=_iri(sh + "resultMessage"))
        path = report.value(result, predicate=_iri(sh + "resultPath"))
        severity = report.value(result, predicate=_iri(sh + "resultSeverity"))
        if focus is None or message is None or str(severity) != sh + "Violation":
            continue
        where = (origins or {}).get(focus) or f"<{focus}>"
        problems.append(Problem(where, f"{_local(path)}: {message}", "see ontology/shapes/records.ttl"))
    return sorted(set(problems), key=str)


def _iri(text: str):
    from rdflib import URIRef

    return URIRef(text)


def _local(term) -> str:
    return str(term).replace("#", "/").rsplit("/", 1)[-1] if term is not None else ""


def consistency(graph: Graph) -> list[Problem]:
    """HermiT, through owlready2 (which reads RDF/XML or N-Triples, not Turtle)."""
    import owlready2

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kg.nt"
        graph.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load(format="ntriples")
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return [Problem("ontology", "the knowledge graph is logically inconsistent (HermiT)",
                            "look for an individual typed with disjoint classes or a bad range")]
        except owlready2.OwlReadyJavaError as err:
            first = next((line for line in str(err).splitlines() if "Exception" in line), str(err)[:300])
            return [Problem("ontology", f"HermiT could not reason over the graph: {first}",
                            "use only OWL 2 datatypes (no xsd:gYear) and OWL 2 DL constructs")]
        inconsistent = list(world.inconsistent_classes())
        return [Problem(str(c.iri), "class is unsatisfiable (HermiT)", "check its axioms") for c in inconsistent]


def run_checks(sources: Sources, reasoner: bool = True) -> list[Problem]:
    base, problems = parse_turtle(sources.turtle_files())
    problems += check_tables(sources.data_dir, base)
    problems += [Problem(*text.split(": ", 1)) for text in registry_problems(sources.data_dir)]
    problems += [Problem(m.where, m.message, "check the CAS number against the row's source, then the identifiers")
                 for m in identity_mismatches(sources.data_dir)[0]]
    registry.clear()  # read the curator's current file, in its written order
    if not problems and stale(sources.data_dir, registry.schemes(sources.data_dir)):
        problems.append(Problem("README.md", "the table of controlled values does not match vocabularies.ttl",
                                "run `remediate vocabularies --write`"))
    if problems:
        return problems  # the graph cannot be trusted yet; fix these first
    graph, origins = assemble_with_origins(sources)
    problems += shacl(graph, sources.ontology_dir / "shapes", origins)
    problems += violation_checks(graph, sources.ontology_dir / "checks")
    if reasoner and not problems:
        problems += consistency(graph)
    return problems
