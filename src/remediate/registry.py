"""The one registry of controlled values: the SKOS concept schemes of
kg_data/vocabularies.ttl. The site validator, the form, screening and the OpenAPI
document ask here, so a value a curator adds to a scheme reaches every surface.

Read once per data folder (the folder follows the DATA_DIR setting, so a test or a
deployment pointing elsewhere gets its own lists)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from .namespaces import REM
from .prefixes import BASE
from .settings import defaults

SCHEME = BASE + "id/scheme/"


@lru_cache(maxsize=8)
def _schemes(path: str) -> dict[str, list[tuple[str, str, bool]]]:
    """scheme -> [(code, English label, guideline only)], in the order the curator wrote
    them (Koppen groups A to E, textures coarse to fine...)."""
    text = Path(path).read_text(encoding="utf-8")
    graph = Graph().parse(data=text, format="turtle")
    out: dict[str, list[tuple[int, str, str, bool]]] = {}
    for concept, scheme in graph.subject_objects(SKOS.inScheme):
        code = graph.value(concept, REM.code)
        if code is None:
            continue
        label = next((str(x) for x in graph.objects(concept, RDFS.label) if getattr(x, "language", None) in
                      (None, "en")), str(code))
        only = graph.value(concept, REM.guidelineOnly) == Literal(True)
        written = text.find(f"<{concept}>")
        out.setdefault(str(scheme).removeprefix(SCHEME), []).append((written, str(code), label, only))
    return {name: [v[1:] for v in sorted(values)] for name, values in out.items()}


def vocabulary_file(data_dir: str | Path | None = None) -> Path:
    return Path(data_dir or defaults()["DATA_DIR"]) / "vocabularies.ttl"


def codes(scheme: str, *, for_sites: bool = False, data_dir: str | Path | None = None) -> tuple[str, ...]:
    """The codes of one scheme (e.g. "land-use"); for_sites leaves out guideline-only values."""
    values = _schemes(str(vocabulary_file(data_dir))).get(scheme, [])
    return tuple(code for code, _, only in values if not (for_sites and only))


def scheme_iri(scheme: str) -> URIRef:
    return URIRef(SCHEME + scheme)


def clear() -> None:
    """Forget what was read (after a curator's edit, or in a test)."""
    _schemes.cache_clear()
