"""Run untrusted SPARQL text with a deadline, a result cap and the engine's own writers.

`evaluate` runs one job on a store and writes the answer, bounded in rows and bytes.
`Executor` decides where that happens: for the embedded store, in a confined worker
process (sparql_pool.py) that can be killed at the deadline, so a runaway query frees
its core and its memory and a crash takes down only that worker; for a remote store,
on a thread here, after the parsed query was checked for SERVICE (the remote server is
not ours to confine)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

import pyoxigraph as ox

from .results import GRAPH_FORMATS, MIN_ROW_BYTES, RESULT_FORMATS, rows_in, write_triples
from .sparql_guard import NO_EGRESS, RefusedQuery, check_query, parsed_service
from .store import LocalStore, Store


class QueryTimeout(RuntimeError):
    pass


class ResultTooLarge(RuntimeError):
    pass


class QueryFailed(RuntimeError):
    """The engine could not evaluate the query (or its worker died); `status` to answer."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class NotAcceptable(ValueError):
    def __init__(self, offers: list[str]):
        super().__init__("None of the requested media types can carry this result; offered: " + ", ".join(offers))
        self.offers = offers


@dataclass(frozen=True)
class Limits:
    timeout_s: float = 10.0
    cap: int = 10000  # rows or triples
    max_bytes: int = 64 * 1024 * 1024
    max_depth: int = 64

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Limits:
        return cls(float(config["SPARQL_TIMEOUT_S"]), int(config["SPARQL_RESULT_CAP"]),
                   int(config["SPARQL_MAX_BYTES"]), int(config["SPARQL_MAX_DEPTH"]))


@dataclass(frozen=True)
class Job:
    """One query to run, and the media types the client accepts for each kind of answer
    (None: nothing acceptable for that kind)."""

    text: str
    results_media: str | None = "application/sparql-results+json"
    graph_media: str | None = "text/turtle"
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    base_iri: str | None = None


@dataclass(frozen=True)
class Output:
    media: str
    body: bytes


class _Sink:
    """A bytes buffer for pyoxigraph's writers that refuses to grow past a limit."""

    def __init__(self, limit: int):
        self.parts: list[bytes] = []
        self.size = 0
        self.limit = limit

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise ResultTooLarge(f"The answer is larger than {self.limit // (1024 * 1024)} MB, the most this "
                                 "endpoint returns; add a LIMIT (and OFFSET to page through).")
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _too_many(cap: int, unit: str) -> ResultTooLarge:
    return ResultTooLarge(f"The result has more than {cap} {unit}, the most this endpoint returns; "
                          "add a LIMIT (and OFFSET to page through).")


def _capped(triples: Iterable[ox.Triple], cap: int) -> Iterator[ox.Triple]:
    for count, triple in enumerate(triples, start=1):
        if count > cap:
            raise _too_many(cap, "triples")
        yield triple


def evaluate(store: Store, job: Job, limits: Limits) -> Output:
    """Run the job and write its answer; raises QuerySyntaxError, ResultTooLarge, NotAcceptable."""
    dataset: dict[str, Any] = {"default_graphs": list(job.default_graphs) or None,
                               "named_graphs": list(job.named_graphs) or None, "base_iri": job.base_iri}
    result = store.execute(job.text, **dataset)
    sink = _Sink(limits.max_bytes)
    if result.kind == "graph":
        if job.graph_media is None:
            raise NotAcceptable(list(GRAPH_FORMATS))
        write_triples(_capped(result.triples, limits.cap), job.graph_media, sink)
        return Output(job.graph_media, b"".join(sink.parts))
    if job.results_media is None:
        raise NotAcceptable(list(RESULT_FORMATS))
    fmt = RESULT_FORMATS[job.results_media]
    result.raw.serialize(sink, format=fmt)
    body = b"".join(sink.parts)
    if result.kind == "bindings" and sink.size > limits.cap * MIN_ROW_BYTES[fmt]:
        # long enough that it may hold more rows than the cap: count them
        count = rows_in(body, fmt)
        if count is None:  # a format we cannot count in: run the query again, counting
            count = sum(1 for _ in islice(store.execute(job.text, **dataset).rows, limits.cap + 1))
        if count > limits.cap:
            raise _too_many(limits.cap, "rows")
    return Output(job.results_media, body)


class Executor:
    """Where untrusted queries run: a confined worker pool for the embedded store, a
    thread with a deadline for a remote one."""

    def __init__(self, store: Store, limits: Limits, max_concurrent: int, worker_memory_mb: int = 1024,
                 preempt_after_s: float = 1.0):
        self.store = store
        self.limits = limits
        self.pool = None
        if isinstance(store, LocalStore):
            from .sparql_pool import WorkerPool

            self.pool = WorkerPool(store, limits, max_concurrent, worker_memory_mb, preempt_after_s)
        self.slots = threading.BoundedSemaphore(max(1, max_concurrent))

    def run(self, job: Job) -> Output:
        check_query(job.text, self.limits.max_depth)
        if (self.pool is None or not self.pool.confined) and parsed_service(job.text):
            raise RefusedQuery(NO_EGRESS + " (or the query could not be parsed)", 403)
        if self.pool is not None:
            return self.pool.run(job)
        return self._on_thread(job)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()

    def _on_thread(self, job: Job) -> Output:
        deadline = time.monotonic() + self.limits.timeout_s
        if not self.slots.acquire(timeout=self.limits.timeout_s):
            raise QueryTimeout("Every query slot stayed busy for the whole time limit; try again shortly.")
        outcome: dict[str, Any] = {}
        finished = threading.Event()

        def work() -> None:
            try:
                outcome["answer"] = evaluate(self.store, job, self.limits)
            except BaseException as err:  # handed to the caller's thread, which re-raises it
                outcome["error"] = err
            finally:
                self.slots.release()
                finished.set()

        threading.Thread(target=work, name="sparql-remote", daemon=True).start()
        if not finished.wait(max(0.0, deadline - time.monotonic())):
            raise QueryTimeout(timeout_message(self.limits.timeout_s))
        if "error" in outcome:
            raise outcome["error"]
        return outcome["answer"]


def timeout_message(timeout_s: float) -> str:
    return f"The query ran longer than the {timeout_s:g} s limit; narrow it or add a LIMIT."
