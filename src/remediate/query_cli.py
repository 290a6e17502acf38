"""`remediate query`: run one query through the same guard, limits and writers as /sparql
(in this process: the person at the terminal is not a stranger on the network)."""

from __future__ import annotations

import sys
from typing import Any

import pyoxigraph as ox

from .results import GRAPH_FORMATS, RESULT_FORMATS
from .sparql_exec import Job, Limits, NotAcceptable, QueryFailed, QueryTimeout, ResultTooLarge, evaluate
from .sparql_guard import RefusedQuery, check_query
from .store import QuerySyntaxError, StoreError, open_store

FORMATS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
           "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
           "nt": "application/n-triples", "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml"}


def table(body: bytes) -> str:
    """A plain text table for people at a terminal, from a SPARQL JSON answer."""
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    if isinstance(parsed, ox.QueryBoolean):
        return "yes" if parsed else "no"
    header = [v.value for v in parsed.variables]
    cells = [[("" if row[v] is None else getattr(row[v], "value", str(row[v]))) for v in header] for row in parsed]
    widths = [min(60, max([len(h)] + [len(r[i]) for r in cells])) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c[:60].ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines)


def run_query(text: str, fmt: str, config: dict[str, Any]) -> int:
    wanted = FORMATS.get(fmt)
    job = Job(text, results_media=wanted if wanted in RESULT_FORMATS else None,
              graph_media=wanted if wanted in GRAPH_FORMATS else None)
    if fmt == "table":
        job = Job(text, results_media="application/sparql-results+json", graph_media="text/turtle")
    try:
        limits = Limits.from_config(config)
        check_query(text, limits.max_depth)
        output = evaluate(open_store(config), job, limits)
    except (RefusedQuery, QuerySyntaxError, ResultTooLarge, QueryFailed) as err:
        print(f"remediate query: error: {err}", file=sys.stderr)
        return 2
    except NotAcceptable:
        print(f"remediate query: error: --format {fmt} does not fit this query's result; use one of "
              + ", ".join(k for k, v in FORMATS.items() if v not in (wanted,)), file=sys.stderr)
        return 2
    except (QueryTimeout, StoreError) as err:
        print(f"remediate query: {err}", file=sys.stderr)
        return 1
    if fmt == "table" and output.media == "application/sparql-results+json":
        print(table(output.body))
        return 0
    sys.stdout.write(output.body.decode("utf-8"))
    return 0
