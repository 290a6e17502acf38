"""`remediate query`: run one query through the same guard, limits and writers as /sparql."""

from __future__ import annotations

import sys
from typing import Any

from .results import GRAPH_WRITERS, RESULT_WRITERS
from .sparql_exec import Answer, Executor, QueryTimeout, ResultTooLarge
from .sparql_guard import RefusedQuery
from .store import QuerySyntaxError, StoreError, open_store

FORMATS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
           "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
           "nt": "application/n-triples", "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml"}


def table(answer: Answer) -> str:
    """A plain text table for people at a terminal."""
    if answer.kind == "boolean":
        return "yes" if answer.boolean else "no"
    header = answer.variables
    cells = [[("" if row[v] is None else getattr(row[v], "value", str(row[v]))) for v in header]
             for row in answer.rows]
    widths = [min(60, max([len(h)] + [len(r[i]) for r in cells])) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c[:60].ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines)


def run_query(text: str, fmt: str, config: dict[str, Any]) -> int:
    try:
        store = open_store(config)
        executor = Executor(store, float(config["SPARQL_TIMEOUT_S"]), int(config["SPARQL_RESULT_CAP"]), 1)
        answer = executor.run(text)
    except (RefusedQuery, QuerySyntaxError, ResultTooLarge) as err:
        print(f"remediate query: error: {err}", file=sys.stderr)
        return 2
    except (QueryTimeout, StoreError) as err:
        print(f"remediate query: {err}", file=sys.stderr)
        return 1
    if fmt == "table" and answer.kind == "graph":
        fmt = "turtle"
    if fmt == "table":
        print(table(answer))
        return 0
    writers = GRAPH_WRITERS if answer.kind == "graph" else RESULT_WRITERS
    media = FORMATS[fmt]
    if media not in writers:
        kind = "CONSTRUCT/DESCRIBE" if answer.kind == "graph" else "SELECT/ASK"
        print(f"remediate query: error: --format {fmt} does not fit a {kind} result; use one of "
              + ", ".join(k for k, v in FORMATS.items() if v in writers), file=sys.stderr)
        return 2
    sys.stdout.write(writers[media](answer).decode("utf-8"))
    return 0
