"""Run untrusted SPARQL text with a deadline and a result cap.

pyoxigraph releases the GIL while it evaluates, so a worker thread can run the query
while the caller waits with a timeout and the server keeps answering other requests.
The deadline is also checked while results are read, which stops streaming queries
early; an operator that blocks before its first row (a big ORDER BY or GROUP BY) is
only stopped when it yields, which is why the number of workers is bounded. Workers are
daemon threads, so a runaway query never holds up shutting the server down."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import pyoxigraph as ox

from .sparql_guard import check_query
from .store import Store

CHECK_EVERY = 256  # rows between deadline checks


class QueryTimeout(RuntimeError):
    pass


class ResultTooLarge(RuntimeError):
    pass


@dataclass
class Answer:
    """A fully read, bounded query result."""

    form: str
    kind: str
    boolean: bool | None = None
    variables: list[str] = field(default_factory=list)
    rows: list[ox.QuerySolution] = field(default_factory=list)
    triples: list[ox.Triple] = field(default_factory=list)


class Executor:
    def __init__(self, store: Store, timeout_s: float, cap: int, max_concurrent: int):
        self.store = store
        self.timeout_s = timeout_s
        self.cap = cap
        self.slots = threading.BoundedSemaphore(max(1, max_concurrent))

    def run(self, text: str, default_graphs: list[str] | None = None,
            named_graphs: list[str] | None = None, base_iri: str | None = None) -> Answer:
        form = check_query(text).form
        deadline = time.monotonic() + self.timeout_s
        if not self.slots.acquire(timeout=self.timeout_s):
            raise QueryTimeout("Every query worker stayed busy for the whole time limit; try again shortly.")
        outcome: dict[str, object] = {}
        finished = threading.Event()

        def work() -> None:
            try:
                outcome["answer"] = self._evaluate(form, text, default_graphs, named_graphs, base_iri, deadline)
            except BaseException as err:  # handed to the caller's thread, which re-raises it
                outcome["error"] = err
            finally:
                self.slots.release()
                finished.set()

        threading.Thread(target=work, name="sparql-query", daemon=True).start()
        if not finished.wait(max(0.0, deadline - time.monotonic())):
            raise QueryTimeout(self._timeout_message())
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        return outcome["answer"]  # type: ignore[return-value]

    def _timeout_message(self) -> str:
        return f"The query ran longer than the {self.timeout_s:g} s limit; narrow it or add a LIMIT."

    def _evaluate(self, form: str, text: str, default_graphs: list[str] | None,
                  named_graphs: list[str] | None, base_iri: str | None, deadline: float) -> Answer:
        if time.monotonic() > deadline:
            raise QueryTimeout(self._timeout_message())
        result = self.store.execute(text, default_graphs=default_graphs, named_graphs=named_graphs,
                                    base_iri=base_iri)
        try:
            return self._read(form, result, deadline)
        finally:
            # pyoxigraph iterators must be dropped on the thread that made them
            del result

    def _read(self, form: str, result, deadline: float) -> Answer:
        answer = Answer(form, result.kind, boolean=result.boolean, variables=result.variables)
        if result.kind == "boolean":
            return answer
        source = result.rows if result.kind == "bindings" else result.triples
        sink: list = answer.rows if result.kind == "bindings" else answer.triples
        try:
            for count, item in enumerate(source, start=1):
                if count > self.cap:
                    unit = "rows" if result.kind == "bindings" else "triples"
                    raise ResultTooLarge(
                        f"The result has more than {self.cap} {unit}, the most this endpoint returns; "
                        "add a LIMIT (and OFFSET to page through).")
                if count % CHECK_EVERY == 0 and time.monotonic() > deadline:
                    raise QueryTimeout(self._timeout_message())
                sink.append(item)
        finally:
            del source
            result.rows = result.triples = ()
        return answer
