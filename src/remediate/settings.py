"""The one registry of settings: name, default, help. Each is read from the environment
as REMEDIATE_<NAME> and can be overridden by the Flask config or the CLI.
docs/settings.md documents every entry (a test keeps the two in step)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    def read(self) -> Any:
        raw = os.environ.get(f"REMEDIATE_{self.name}")
        if raw is None:
            return self.default
        kind = type(self.default)
        if kind is bool:
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        if kind in (int, float):
            return kind(raw)
        return raw


SETTINGS: tuple[Setting, ...] = (
    Setting("STORE_URL", "", "SPARQL 1.1 query endpoint of a remote store; empty = the embedded store."),
    Setting("DATA_DIR", str(REPO_ROOT / "kg_data"), "Folder of the curated tables and Turtle (kg_data)."),
    Setting("ONTOLOGY_DIR", str(REPO_ROOT / "ontology"), "Folder of the ontology, shapes and checks."),
    Setting("BUILD_DIR", str(REPO_ROOT / "build"), "Folder where `remediate build` writes artefacts."),
    Setting("SPARQL_TIMEOUT_S", 10.0, "Seconds a /sparql query may run before it is answered 503."),
    Setting("SPARQL_RESULT_CAP", 10000, "Most rows (or triples) a /sparql answer may hold; more is a 4xx."),
    Setting("SPARQL_MAX_CONCURRENT", 4, "Query worker processes, i.e. /sparql queries evaluated at once."),
    Setting("SPARQL_MAX_BYTES", 64 * 1024 * 1024, "Most bytes a /sparql answer may take; more is a 4xx."),
    Setting("SPARQL_MAX_DEPTH", 64, "Deepest nesting of brackets (and runs of '!') a /sparql query may have."),
    Setting("SPARQL_WORKER_MEMORY_MB", 2048, "Address-space ceiling of each query worker process."),
    Setting("SPARQL_PREEMPT_AFTER_S", 1.0,
            "When every worker is busy, the query running longest past this many seconds is stopped to make room."),
    Setting("REMOTE_TIMEOUT_S", 30.0, "Seconds to wait for the remote store before giving up."),
    Setting("PUBLIC_URL", "",
            "Public origin of the site (e.g. https://remediate.example.org) for absolute links such as VoID's "
            "sparqlEndpoint; empty = taken from the request. Redirects are relative either way."),
    Setting("SERVE_THREADS", 8, "Threads of `remediate serve` answering requests (waitress)."),
    Setting("SERVE_CONNECTION_LIMIT", 200, "Most open connections `remediate serve` accepts at once."),
    Setting("SERVE_CHANNEL_TIMEOUT_S", 30, "Seconds an idle connection is kept open before it is closed."),
    Setting("SERVE_CLEANUP_INTERVAL_S", 10, "Seconds between checks for idle connections to close."),
    Setting("SERVE_MAX_BODY_BYTES", 1024 * 1024, "Largest request body accepted; more is answered 413."),
    Setting("SERVE_MAX_HEADER_BYTES", 128 * 1024,
            "Largest request line and headers accepted (a GET query counts here); more is answered 431."),
)


def defaults() -> dict[str, Any]:
    """Every setting's current value (environment applied)."""
    return {s.name: s.read() for s in SETTINGS}
