"""The `remediate` command: serve, recommend, check, build, stats, stamp-retrievals, vocabularies,
query, diff."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from typing import Any, NoReturn

from .settings import defaults


class Parser(argparse.ArgumentParser):
    """Bad arguments: one line saying why, exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _sources(config: dict[str, Any]):
    from .build import Sources

    return Sources(Path(config["ONTOLOGY_DIR"]), Path(config["DATA_DIR"]))


def cmd_serve(args: argparse.Namespace, config: dict[str, Any]) -> int:
    from webapp import create_app

    from .recommend.embeddings import warm_up_in_background

    if args.threads is not None:
        config = {**config, "SERVE_THREADS": args.threads}
    app = create_app(config)
    warm_up_in_background()  # the first site with a description then need not wait for the model
    if args.debug:  # Werkzeug's server and debugger: for a developer's own machine only
        print(f"remediate: DEBUG server on http://{args.host}:{args.port}/ (never expose it)", flush=True)
        app.run(host=args.host, port=args.port, debug=True, threaded=True, use_reloader=False)
        return 0
    from waitress import create_server

    server = create_server(
        app, host=args.host, port=args.port, ident="remediate",
        threads=int(config["SERVE_THREADS"]), connection_limit=int(config["SERVE_CONNECTION_LIMIT"]),
        channel_timeout=int(config["SERVE_CHANNEL_TIMEOUT_S"]),
        cleanup_interval=int(config["SERVE_CLEANUP_INTERVAL_S"]),
        max_request_body_size=int(config["SERVE_MAX_BODY_BYTES"]),
        max_request_header_size=int(config["SERVE_MAX_HEADER_BYTES"]))
    port = getattr(server, "effective_port", args.port)  # the real one when --port 0
    print(f"remediate: serving on http://{args.host}:{port}/ (SPARQL at /sparql)", flush=True)
    signal.signal(signal.SIGTERM, _stop)  # leave through `finally` and atexit: query workers are stopped
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0


def _stop(signum: int, frame: Any) -> NoReturn:
    raise KeyboardInterrupt


def cmd_build(args: argparse.Namespace, config: dict[str, Any]) -> int:
    from .build import staged, write_artefacts
    from .validate import run_checks

    sources = _sources(config)
    # the same checks as `remediate check` (the reasoner stays in `check`): a graph that
    # fails them is never written, and the previous artefacts stay as they were
    problems = run_checks(sources, reasoner=False)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"build: refused, {len(problems)} problem(s); nothing was written (see remediate check)",
              file=sys.stderr)
        return 1
    out = Path(args.out or config["BUILD_DIR"])
    with staged(out) as scratch:
        written = write_artefacts(sources, scratch)
        if not args.no_embeddings:
            from .recommend.embeddings import build_vectors

            written["embeddings"] = build_vectors(sources, scratch)
    if not args.quiet:
        for kind, path in written.items():
            print(f"{kind:10} {out / path.name}")
    return 0


def cmd_check(args: argparse.Namespace, config: dict[str, Any]) -> int:
    from .validate import run_checks

    problems = run_checks(_sources(config), reasoner=not args.no_reasoner)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)" if problems else "check: no problems found")
    return 1 if problems else 0


def cmd_stats(args: argparse.Namespace, config: dict[str, Any]) -> int:
    from .source_quality import quality, render

    print(render(quality(Path(config["DATA_DIR"]))))
    return 0


def cmd_stamp_retrievals(args: argparse.Namespace, config: dict[str, Any]) -> int:
    from .retrievals import stamp

    added = stamp(Path(config["DATA_DIR"]))
    for url in added:
        print(url)
    print(f"remediate: dated {len(added)} newly cited page(s) today in source_retrievals.csv")
    return 0


def cmd_vocabularies(args: argparse.Namespace, config: dict[str, Any]) -> int:
    from .registry import clear, schemes
    from .vocab_table import README, render, rewritten

    clear()
    table = render(schemes(config["DATA_DIR"]))
    if not args.write:
        print(table)
        return 0
    path = Path(config["DATA_DIR"]) / README
    path.write_text(rewritten(path.read_text(encoding="utf-8"), table), encoding="utf-8")
    print(f"remediate: wrote the table of controlled values into {path}")
    return 0


def cmd_query(args: argparse.Namespace, config: dict[str, Any]) -> int:
    from .query_cli import run_query

    text = Path(args.file).read_text(encoding="utf-8") if args.file else args.query
    if not text:
        print("remediate query: error: give a query string or --file (see remediate query --help)", file=sys.stderr)
        return 2
    return run_query(text, args.format, config)


def cmd_recommend(args: argparse.Namespace, config: dict[str, Any]) -> int:
    from .recommend_cli import run

    return run(args.site, args.top, args.format, config)


def cmd_diff(args: argparse.Namespace, config: dict[str, Any]) -> int:
    from .diff import DiffError, compare, load, render

    try:
        old, new = load(args.old), load(args.new)
    except DiffError as err:
        print(f"remediate diff: error: {err}", file=sys.stderr)
        return 2
    print(render(compare(old, new), args.format, args.old, args.new), end="")
    return 0


def build_parser() -> Parser:
    parser = Parser(prog="remediate", description="Knowledge graph and recommender for soil remediation.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    serve = sub.add_parser("serve", help="serve the web app, API and SPARQL endpoint")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=5000, help="port to listen on (default 5000; 0 = any free port)")
    serve.add_argument("--threads", type=int, help="request threads (default: settings SERVE_THREADS)")
    serve.add_argument("--debug", action="store_true",
                       help="Werkzeug's development server with the debugger instead of waitress (never expose it)")
    serve.set_defaults(func=cmd_serve)

    rec = sub.add_parser("recommend", help="rank techniques for a site described in JSON")
    rec.add_argument("site", nargs="+", help="site JSON file(s); '-' reads one JSON site per line from stdin")
    rec.add_argument("--top", type=int, default=10, help="how many techniques to list")
    rec.add_argument("--format", choices=["json", "text"], default="text")
    rec.set_defaults(func=cmd_recommend)

    check = sub.add_parser("check", help="validate the ontology and kg_data before building")
    check.add_argument("--no-reasoner", action="store_true", help="skip the HermiT consistency check")
    check.set_defaults(func=cmd_check)

    build = sub.add_parser("build", help="write the merged knowledge graph and VoID to the build folder")
    build.add_argument("--out", help="folder for the artefacts (default: settings BUILD_DIR)")
    build.add_argument("--quiet", action="store_true", help="print nothing on success")
    build.add_argument("--no-embeddings", action="store_true",
                       help="skip computing the embedding vectors (similarity search then embeds on first use)")
    build.set_defaults(func=cmd_build)

    stats = sub.add_parser("stats", help="share of official, peer-reviewed, secondary and vendor sources per table")
    stats.set_defaults(func=cmd_stats)

    stamp = sub.add_parser("stamp-retrievals", help="date every newly cited URL today in source_retrievals.csv")
    stamp.set_defaults(func=cmd_stamp_retrievals)

    vocab = sub.add_parser("vocabularies", help="the table of controlled values (the concept schemes) as Markdown")
    vocab.add_argument("--write", action="store_true", help="rewrite the table in the data folder's README.md")
    vocab.set_defaults(func=cmd_vocabularies)

    query = sub.add_parser("query", help="run a SPARQL query on the knowledge graph")
    query.add_argument("query", nargs="?", help="the query text (or use --file)")
    query.add_argument("--file", help="read the query from this file")
    query.add_argument("--format", default="table",
                       choices=["table", "json", "xml", "csv", "tsv", "turtle", "nt", "jsonld", "rdfxml"],
                       help="output format (default: a text table, or Turtle for CONSTRUCT/DESCRIBE)")
    query.set_defaults(func=cmd_query)

    diff = sub.add_parser("diff", help="what changed in the knowledge between two git revisions or build folders")
    diff.add_argument("old", help="git revision (e.g. HEAD~5) or folder with a built remediate.nt")
    diff.add_argument("new", help="git revision (e.g. HEAD) or folder with a built remediate.nt")
    diff.add_argument("--format", choices=["text", "markdown"], default="text",
                      help="terminal text (default) or Markdown for a pull request")
    diff.set_defaults(func=cmd_diff)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args, defaults()))


if __name__ == "__main__":
    sys.exit(main())
