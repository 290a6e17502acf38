"""A small pool of confined worker processes for untrusted SPARQL over the embedded store.

Each worker holds its own copy of the graph (loaded from a dump the parent writes once),
cannot open a network socket, and has a memory ceiling. A query that outlives its
deadline has its worker killed, which frees the core and the memory at once; a crash
(a stack overflow on absurd nesting, an allocation past the ceiling) loses only that
worker. Either way a replacement is started. When every worker is busy, the query that
has run longest (past `preempt_after_s`) is stopped to make room, so a few runaway
queries cannot lock everyone else out until their deadlines."""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing
import os
import queue
import shutil
import tempfile
import threading
import time
import weakref
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from . import sandbox
from .sparql_exec import Job, Limits, NotAcceptable, Output, QueryFailed, QueryTimeout, ResultTooLarge, timeout_message
from .sparql_guard import NO_EGRESS, RefusedQuery, parsed_service
from .store import LocalStore, QuerySyntaxError

log = logging.getLogger(__name__)
START_TIMEOUT_S = 60.0
POLL_S = 0.05
RETRY_AFTER_FAILURE_S = 5.0  # a worker that cannot start is not retried in a tight loop


@dataclass(eq=False)
class Worker:
    process: Any
    conn: Connection
    confined: bool = True
    started_at: float = 0.0
    preempted: bool = False
    waiting: set = field(default_factory=set)


class WorkerPool:
    def __init__(self, store: LocalStore, limits: Limits, size: int, memory_mb: int, preempt_after_s: float):
        self.store = store
        self.limits = limits
        self.size = max(1, size)
        self.memory_mb = memory_mb
        self.preempt_after_s = preempt_after_s
        self.confined = sandbox.available()
        self._context = multiprocessing.get_context("spawn")  # never fork a threaded server
        self._lock = threading.Condition()
        self._idle: list[Worker] = []
        self._busy: set[Worker] = set()
        self._starting = 0
        self._waiting = 0
        self._failed_at: float | None = None
        self._requests: queue.Queue[bool] = queue.Queue()
        self._spawner: threading.Thread | None = None
        self._dump_dir: str | None = None
        self._closed = False
        self._finalizer = weakref.finalize(self, _shutdown, self._idle, self._busy, self._dump_path_holder())
        atexit.register(self.close)

    def _dump_path_holder(self) -> list[str]:
        self._dump_holder: list[str] = []
        return self._dump_holder

    # -- running a job ----------------------------------------------------------------

    def run(self, job: Job) -> Output:
        deadline = time.monotonic() + self.limits.timeout_s
        worker = self._acquire(deadline)
        try:
            worker.conn.send(job)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self._discard(worker)
                raise QueryTimeout(timeout_message(self.limits.timeout_s))
            reply = worker.conn.recv()
            if reply[0] == "ok":
                reply = ("ok", Output(reply[1], worker.conn.recv_bytes()))
        except (EOFError, OSError) as err:
            crash = None if worker.preempted else self._crash(worker)
            self._discard(worker)
            if crash is None:
                raise QueryTimeout("The query was stopped after running longer than "
                                   f"{self.preempt_after_s:g} s while every query worker was busy; "
                                   "try again shortly, or narrow it.") from err
            raise crash from err
        self._release(worker)
        return self._outcome(reply, job)

    def _outcome(self, reply: tuple, job: Job) -> Output:
        kind, payload = reply
        if kind == "ok":
            return payload
        if kind == "syntax":
            raise QuerySyntaxError(payload)
        if kind == "too_large":
            raise ResultTooLarge(payload)
        if kind == "not_acceptable":
            raise NotAcceptable(payload)
        if kind == "memory":
            raise QueryFailed(f"The query needed more than the {self.memory_mb} MB a query may use; "
                              "narrow it or add a LIMIT.", 503)
        if parsed_service(job.text):
            raise RefusedQuery(NO_EGRESS, 403)
        raise QueryFailed(f"The query could not be evaluated: {payload}", 400)

    def _crash(self, worker: Worker) -> QueryFailed:
        """The query killed its worker: it needed more stack (absurd nesting) or more
        memory than a query may have. Either way the query is what to change."""
        worker.process.join(1.0)
        log.warning("sparql worker %s died running a query (exit %s)", worker.process.pid, worker.process.exitcode)
        return QueryFailed("The query is too complex or too large for the engine: it needed more stack or more than "
                           f"the {self.memory_mb} MB a query may use. Simplify or narrow it.", 400)

    # -- the workers --------------------------------------------------------------------

    def _acquire(self, deadline: float) -> Worker:
        with self._lock:
            self._waiting += 1
            try:
                while True:
                    if self._closed:
                        raise QueryFailed("The query service is shutting down.", 503)
                    if self._idle:
                        worker = self._idle.pop()
                        worker.started_at = time.monotonic()
                        self._busy.add(worker)
                        return worker
                    if self._start_failed():
                        raise QueryFailed("The query workers could not be started; see the server log.", 503)
                    if len(self._busy) + self._starting < self.size:
                        if self._starting < self._waiting:
                            self._spawn_soon()
                    else:
                        self._preempt_longest()
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise QueryTimeout("Every query worker stayed busy for the whole time limit; "
                                           "try again shortly.")
                    self._lock.wait(min(remaining, POLL_S))
            finally:
                self._waiting -= 1

    def _start_failed(self) -> bool:
        """Nothing runs or starts, and the last start failed moments ago."""
        return (not self._busy and not self._starting and self._failed_at is not None
                and time.monotonic() - self._failed_at < RETRY_AFTER_FAILURE_S)

    def _release(self, worker: Worker) -> None:
        with self._lock:
            self._busy.discard(worker)
            if self._closed:
                _kill(worker)
            else:
                self._idle.append(worker)
            self._lock.notify_all()

    def _discard(self, worker: Worker) -> None:
        """Kill a worker (timed out, preempted or dead) and start its replacement."""
        _kill(worker)
        with self._lock:
            self._busy.discard(worker)
            self._lock.notify_all()

    def _preempt_longest(self) -> None:
        now = time.monotonic()
        running = [w for w in self._busy if not w.preempted and now - w.started_at >= self.preempt_after_s]
        if running:
            victim = min(running, key=lambda w: w.started_at)
            victim.preempted = True
            log.info("stopping sparql worker %s after %.1f s to make room", victim.process.pid, now - victim.started_at)
            _signal(victim)  # its waiting request sees the pipe close and answers 503

    def _spawn_soon(self) -> None:
        """Ask the spawner thread for one more worker. Workers are started from that one
        long-lived thread because the kernel's parent-death signal follows the thread
        that forked, not the process."""
        self._starting += 1
        if self._spawner is None:
            self._spawner = threading.Thread(target=self._spawn_forever, name="sparql-spawner", daemon=True)
            self._spawner.start()
        self._requests.put(True)

    def _spawn_forever(self) -> None:
        while self._requests.get():
            self._spawn()

    def _spawn(self) -> None:
        worker = None
        try:
            from .sparql_worker import serve

            parent, child = self._context.Pipe()
            process = self._context.Process(target=serve, args=(child, self._dump(), self.limits, self.memory_mb),
                                            name="remediate-sparql", daemon=True)
            process.start()
            child.close()
            if parent.poll(START_TIMEOUT_S):
                status, confined = parent.recv()
                worker = Worker(process, parent, confined)
                if not confined:
                    self.confined = False
            else:
                _kill(Worker(process, parent))
        except (OSError, EOFError, ValueError) as err:
            log.error("could not start a sparql worker: %s", err)
        with self._lock:
            self._starting -= 1
            self._failed_at = None if worker is not None else time.monotonic()
            if worker is not None and not self._closed:
                self._idle.append(worker)
            elif worker is not None:
                _kill(worker)
            self._lock.notify_all()

    def _dump(self) -> str:
        """The graph as an N-Quads file the workers load (written once, on first need)."""
        with self._lock:
            if self._dump_dir is None:
                self._dump_dir = tempfile.mkdtemp(prefix="remediate-sparql-")
                path = os.path.join(self._dump_dir, "graph.nq")
                self.store.store.dump(path, format=ox.RdfFormat.N_QUADS)
                self._dump_holder.append(self._dump_dir)
            return os.path.join(self._dump_dir, "graph.nq")

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        self._requests.put(False)
        self._finalizer()


def _signal(worker: Worker) -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        worker.process.kill()


def _kill(worker: Worker) -> None:
    _signal(worker)
    with contextlib.suppress(OSError):
        worker.conn.close()
    # reap in the background so a killed worker never lingers as a zombie
    threading.Thread(target=worker.process.join, args=(5.0,), daemon=True).start()


def _shutdown(idle: list[Worker], busy: set[Worker], dump_dirs: list[str]) -> None:
    for worker in [*idle, *busy]:
        _signal(worker)
    idle.clear()
    for folder in dump_dirs:
        shutil.rmtree(folder, ignore_errors=True)
