"""The body of one query worker process: confine itself, load the graph, then answer
jobs from its pipe until the pipe closes. Imports nothing heavy, so a replacement for a
killed worker is ready in well under a second."""

from __future__ import annotations

from multiprocessing.connection import Connection

import pyoxigraph as ox

from . import sandbox
from .sparql_exec import Job, Limits, NotAcceptable, ResultTooLarge, evaluate
from .store import LocalStore, QuerySyntaxError


def serve(conn: Connection, dump_path: str, limits: Limits, memory_mb: int) -> None:
    sandbox.die_with_parent()
    try:
        sandbox.deny_network()
        confined = True
    except sandbox.SandboxUnavailable:
        confined = False  # the parent then refuses SERVICE on the parsed query before sending
    store = ox.Store()
    store.bulk_load(path=dump_path, format=ox.RdfFormat.N_QUADS)
    sandbox.limit_memory(memory_mb)
    local = LocalStore(store, "")
    conn.send(("ready", confined))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the parent went away
        reply = answer(local, job, limits)
        if reply[0] == "ok":  # the body goes as raw bytes: pickling megabytes of results was most of the hop
            output = reply[1]
            conn.send(("ok", output.media))
            conn.send_bytes(output.body)
        else:
            conn.send(reply)


def answer(store: LocalStore, job: Job, limits: Limits) -> tuple:
    """One reply: ("ok", Output) or (kind, message) for the parent to map to a status."""
    try:
        return ("ok", evaluate(store, job, limits))
    except QuerySyntaxError as err:
        return ("syntax", str(err))
    except ResultTooLarge as err:
        return ("too_large", str(err))
    except NotAcceptable as err:
        return ("not_acceptable", err.offers)
    except MemoryError:
        return ("memory", "")
    except (OSError, RuntimeError, ValueError, TypeError) as err:
        return ("failed", str(err))
