"""A local HTTP server that records every request it gets: the no-egress tests assert it got none."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def canary_server(path: str, content_type: str, body: bytes) -> Iterator[tuple[str, list[str]]]:
    """Serve `body` for any GET or POST; yield the URL of `path` and the list of paths requested.

    The answer is a valid document of `content_type`, so that a client which did reach out
    would succeed and the test would see the hit rather than a parse error.
    """
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET  # noqa: N815

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{path}", hits
    finally:
        server.shutdown()
