"""The one registry of controlled values: the SKOS concept schemes of
kg_data/vocabularies.ttl. The table checks, the compiler, the site validator, the form,
screening, the OpenAPI document and the README table all ask here, so a value a curator
adds to a scheme reaches every surface.

Read once per data folder (the folder follows the DATA_DIR setting, so a test or a
deployment pointing elsewhere gets its own lists)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from .namespaces import QUDT_UNIT, REM
from .prefixes import BASE
from .settings import defaults

SCHEME = BASE + "id/scheme/"


@dataclass(frozen=True)
class Concept:
    code: str
    label: str  # English
    iri: URIRef
    guideline_only: bool = False  # describes guideline values, not sites (the land use "any")
    unit: URIRef | None = None  # the QUDT unit the concept stands for (a unit) or is measured in (a parameter)
    value_scheme: str = ""  # for a categorical site parameter: the scheme its values come from
    definition: str = ""


@dataclass(frozen=True)
class Scheme:
    name: str  # the last segment of its IRI, e.g. "land-use"
    label: str
    definition: str
    concepts: tuple[Concept, ...]  # in the order the curator wrote them

    def codes(self, *, for_sites: bool = False) -> tuple[str, ...]:
        return tuple(c.code for c in self.concepts if not (for_sites and c.guideline_only))

    def get(self, code: str) -> Concept | None:
        return next((c for c in self.concepts if c.code == code), None)


def _english(graph: Graph, subject: URIRef, predicate: URIRef) -> str:
    return next((str(x) for x in graph.objects(subject, predicate) if getattr(x, "language", None) in (None, "en")), "")


def schemes_in(graph: Graph, text: str = "") -> dict[str, Scheme]:
    """Every concept scheme of a vocabulary graph. With the Turtle text it was parsed
    from, concepts keep the curator's order (Koppen groups A to E, textures coarse to
    fine...); without it they are sorted by code."""
    members: dict[str, list[tuple[int, Concept]]] = {}
    for concept, scheme in graph.subject_objects(SKOS.inScheme):
        code = graph.value(concept, REM.code)
        if code is None or not isinstance(concept, URIRef):
            continue
        unit = graph.value(concept, REM.unit) or next(
            (m for m in graph.objects(concept, SKOS.exactMatch) if str(m).startswith(str(QUDT_UNIT))), None
        )
        values = graph.value(concept, REM.valueScheme)
        entry = Concept(
            str(code),
            _english(graph, concept, RDFS.label) or str(code),
            concept,
            graph.value(concept, REM.guidelineOnly) == Literal(True),
            unit if isinstance(unit, URIRef) else None,
            str(values).removeprefix(SCHEME) if values is not None else "",
            _english(graph, concept, SKOS.definition),
        )
        written = text.find(f"<{concept}>") if text else 0
        members.setdefault(str(scheme), []).append((written, entry))
    out = {}
    for scheme_iri, entries in members.items():
        name = scheme_iri.removeprefix(SCHEME)
        ordered = tuple(e for _, e in sorted(entries, key=lambda pair: (pair[0], pair[1].code)))
        subject = URIRef(scheme_iri)
        out[name] = Scheme(
            name, _english(graph, subject, RDFS.label) or name, _english(graph, subject, SKOS.definition), ordered
        )
    return out


@lru_cache(maxsize=8)
def _schemes(path: str) -> dict[str, Scheme]:
    text = Path(path).read_text(encoding="utf-8")
    return schemes_in(Graph().parse(data=text, format="turtle"), text)


def vocabulary_file(data_dir: str | Path | None = None) -> Path:
    return Path(data_dir or defaults()["DATA_DIR"]) / "vocabularies.ttl"


def schemes(data_dir: str | Path | None = None) -> dict[str, Scheme]:
    return _schemes(str(vocabulary_file(data_dir)))


def scheme(name: str, data_dir: str | Path | None = None) -> Scheme:
    return schemes(data_dir).get(name) or Scheme(name, name, "", ())


def codes(name: str, *, for_sites: bool = False, data_dir: str | Path | None = None) -> tuple[str, ...]:
    """The codes of one scheme (e.g. "land-use"); for_sites leaves out guideline-only values."""
    return scheme(name, data_dir).codes(for_sites=for_sites)


def scheme_iri(name: str) -> URIRef:
    return URIRef(SCHEME + name)


def clear() -> None:
    """Forget what was read (after a curator's edit, or in a test)."""
    _schemes.cache_clear()
