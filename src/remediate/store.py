"""The one module that owns the graph: loading, the store, running queries.

Two stores share one interface: `LocalStore` (pyoxigraph, embedded, the default) and
`RemoteStore` (any SPARQL 1.1 query endpoint, chosen by REMEDIATE_STORE_URL). Results
always come back as pyoxigraph terms, so callers never care which one they have."""

from __future__ import annotations

import http.client
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pyoxigraph as ox

from .queries import query_text

if TYPE_CHECKING:  # the build pulls in rdflib; the query workers import this module without it
    from .build import Sources

log = logging.getLogger(__name__)
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Binding = Term | str | int | float | bool


class StoreError(RuntimeError):
    """The store could not answer (remote unreachable, bad response...)."""


class QuerySyntaxError(ValueError):
    """The query text is not valid SPARQL; the message is the parser's."""


@dataclass
class Result:
    """What a query returned, with terms as pyoxigraph objects."""

    kind: str  # "boolean" | "bindings" | "graph"
    boolean: bool | None = None
    variables: list[str] = field(default_factory=list)
    rows: Iterator[ox.QuerySolution] | Iterable[ox.QuerySolution] = ()
    triples: Iterator[ox.Triple] | Iterable[ox.Triple] = ()
    raw: Any = None  # the engine's own answer object, which can write itself (serialize)


def to_term(value: Binding) -> Term:
    """A binding as an RDF term: strings that look like IRIs become IRIs."""
    if isinstance(value, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    if isinstance(value, int | float):
        return ox.Literal(value)
    if value.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(value)
    return ox.Literal(value)


def plain(term: Any) -> Any:
    """A term as a plain Python value (IRIs and strings as str, numbers as numbers)."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt.endswith(("#integer", "#int", "#long")):
            return int(term.value)
        if dt.endswith(("#decimal", "#double", "#float")):
            return float(term.value)
        if dt.endswith("#boolean"):
            return term.value == "true"
        return term.value
    return term.value


class Store(Protocol):
    @property
    def kg_version(self) -> str: ...

    def execute(self, text: str, *, bindings: Mapping[str, Binding] | None = None,
                default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
                base_iri: str | None = None) -> Result: ...

    def triple_count(self) -> int: ...


def select(store: Store, name: str, **bindings: Binding) -> list[dict[str, Any]]:
    """Run the named SELECT query with bindings; rows as dicts of plain values."""
    result = store.execute(query_text(name), bindings=bindings)
    return [{v: plain(row[v]) for v in result.variables} for row in result.rows]


def construct(store: Store, name: str, **bindings: Binding) -> list[ox.Triple]:
    return list(store.execute(query_text(name), bindings=bindings).triples)


def _result(raw: Any) -> Result:
    if isinstance(raw, ox.QueryBoolean):
        return Result("boolean", boolean=bool(raw), raw=raw)
    if isinstance(raw, ox.QuerySolutions):
        return Result("bindings", variables=[v.value for v in raw.variables], rows=raw, raw=raw)
    return Result("graph", triples=raw, raw=raw)


class LocalStore:
    """The embedded pyoxigraph store holding the whole knowledge graph in memory."""

    def __init__(self, store: ox.Store, version: str):
        self.store = store
        self.kg_version = version

    @classmethod
    def from_sources(cls, sources: Sources, build_dir: Path | None = None) -> LocalStore:
        from .build import assemble, kg_version

        built = build_dir / "remediate.nt" if build_dir else None
        if built and built.exists() and _is_fresh(built, sources):
            store = ox.Store()
            try:
                store.bulk_load(path=str(built), format=ox.RdfFormat.N_TRIPLES)
                return cls(store, kg_version(sources))
            except (SyntaxError, OSError) as err:
                log.warning("%s does not load (%s); compiling the graph from its sources instead", built, err)
        store = ox.Store()
        data = assemble(sources).serialize(format="nt", encoding="utf-8")
        store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES)
        return cls(store, kg_version(sources))

    def load_graph(self, path: Path, graph_iri: str | None = None, fmt: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> None:
        """Add a file's triples (into a named graph when graph_iri is given)."""
        target = ox.NamedNode(graph_iri) if graph_iri else ox.DefaultGraph()
        self.store.load(path=str(path), format=fmt, to_graph=target)

    def execute(self, text: str, *, bindings: Mapping[str, Binding] | None = None,
                default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
                base_iri: str | None = None) -> Result:
        substitutions = {ox.Variable(k): to_term(v) for k, v in (bindings or {}).items()}
        kwargs: dict[str, Any] = {}
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            raw = self.store.query(text, base_iri=base_iri, substitutions=substitutions or None, **kwargs)
        except SyntaxError as err:
            raise QuerySyntaxError(str(err)) from err
        return _result(raw)

    def triple_count(self) -> int:
        return len(self.store)


def _is_fresh(artefact: Path, sources: Sources) -> bool:
    built = artefact.stat().st_mtime
    return all(p.stat().st_mtime <= built for p in sources.turtle_files() + sources.table_files())


# the first group graph pattern of one of our own named queries
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def with_values(text: str, bindings: Mapping[str, Binding]) -> str:
    """A named query with its bindings as a VALUES block made from validated RDF terms.
    The block opens the WHERE group, so FILTERs inside it see the bound values (a
    trailing VALUES joins only after them); only our own .rq texts come here."""
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(str(to_term(v)) for v in bindings.values())
    block = f"VALUES ({names}) {{ ({values}) }}"
    match = _WHERE.search(text)
    if match is None:
        return f"{text}\n{block}"
    return f"{text[:match.end()]} {block}\n{text[match.end():]}"


class RemoteStore:
    """A SPARQL 1.1 query endpoint elsewhere. Bindings travel as a trailing VALUES clause
    made from validated RDF terms (N-Triples syntax), never from raw strings."""

    def __init__(self, url: str, timeout_s: float = 30.0):
        self.url = url
        self.timeout_s = timeout_s
        self._version: str | None = None

    @property
    def kg_version(self) -> str:
        """The version the remote graph states about itself (stamped by our build), not a
        hash of whatever files lie beside this server."""
        if self._version is None:
            rows = select(self, "kg-version")
            self._version = str(rows[0]["version"]) if rows else "unknown (remote store)"
        return self._version

    def execute(self, text: str, *, bindings: Mapping[str, Binding] | None = None,
                default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
                base_iri: str | None = None) -> Result:
        # base_iri is not sent: the remote endpoint resolves relative IRIs against its own URL
        if bindings:
            text = with_values(text, bindings)
        form = [("query", text)]
        form += [("default-graph-uri", g) for g in default_graphs or []]
        form += [("named-graph-uri", g) for g in named_graphs or []]
        accept = "application/sparql-results+json, application/n-triples;q=0.9"
        content_type, payload = self._post(urllib.parse.urlencode(form).encode(), accept)
        if "n-triples" in content_type:
            return Result("graph", triples=self._triples(payload))
        return self._results(payload)

    def _post(self, data: bytes, accept: str) -> tuple[str, bytes]:
        request = urllib.request.Request(self.url, data=data, method="POST", headers={  # noqa: S310 (configured URL)
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:  # noqa: S310
                return response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as err:
            detail = self._error_body(err)
            if err.code == 400:
                raise QuerySyntaxError(detail) from err
            raise StoreError(f"remote store answered {err.code}: {detail}") from err
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            raise StoreError(f"remote store {self.url} unreachable: {err}") from err
        except http.client.HTTPException as err:  # a body cut short (IncompleteRead), a garbled status line
            raise StoreError(f"remote store {self.url} broke off its answer: {err!r}") from err

    @staticmethod
    def _error_body(err: urllib.error.HTTPError) -> str:
        """The start of an error answer's body, for the log; reading it may fail too."""
        try:
            return err.read().decode("utf-8", "replace")[:500]
        except (OSError, http.client.HTTPException):
            return ""

    @staticmethod
    def _triples(payload: bytes) -> list[ox.Triple]:
        try:
            return [quad.triple for quad in ox.parse(payload, format=ox.RdfFormat.N_TRIPLES)]
        except SyntaxError as err:
            raise StoreError(f"remote store sent a broken N-Triples answer: {err}") from err

    @staticmethod
    def _results(payload: bytes) -> Result:
        problem = RemoteStore._results_problem(payload)
        if problem is not None:
            raise StoreError(f"remote store sent a broken results answer: {problem}")
        return _result(ox.parse_query_results(payload, format=ox.QueryResultsFormat.JSON))

    @staticmethod
    def _results_problem(payload: bytes) -> str | None:
        """What is wrong with a results body, read in full. pyoxigraph parses lazily, so a
        truncated or garbled body would otherwise fail mid-iteration in whoever reads the
        rows. Only text leaves this frame: the parsed rows may not be dropped on another
        thread, where an exception carrying this frame could end up."""
        try:
            parsed = ox.parse_query_results(payload, format=ox.QueryResultsFormat.JSON)
            if isinstance(parsed, ox.QuerySolutions):
                for _row in parsed:
                    pass
        except SyntaxError as err:
            return str(err)
        return None

    def triple_count(self) -> int:
        result = self.execute("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        row = next(iter(result.rows), None)
        count = row["n"] if row is not None and "n" in result.variables else None
        if not isinstance(count, ox.Literal):
            raise StoreError(f"remote store answered a count query without a count: {count!r}")
        try:
            return int(count.value)
        except ValueError as err:
            raise StoreError(f"remote store answered a count query with {count!r}") from err


def open_store(config: Mapping[str, Any]) -> Store:
    """The store the settings ask for: remote when STORE_URL is set, else embedded."""
    from .build import Sources

    sources = Sources(Path(config["ONTOLOGY_DIR"]), Path(config["DATA_DIR"]))
    if config.get("STORE_URL"):
        return RemoteStore(config["STORE_URL"], float(config["REMOTE_TIMEOUT_S"]))
    return LocalStore.from_sources(sources, Path(config["BUILD_DIR"]))
