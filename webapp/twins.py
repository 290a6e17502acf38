"""The JSON and CSV twins of a browse page, made from the same view as its HTML."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from flask import Response, jsonify


def json_response(key: str, view: dict[str, Any]) -> Response:
    """The view's rows under `key`, with the filters applied and the counts."""
    return jsonify({key: view["rows"], "count": len(view["rows"]), "total": view["total"],
                    "filters": {k: v for k, v in view["wanted"].items() if v}})


def csv_response(header: Sequence[str], lines: Iterable[Sequence[Any]], filename: str) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(lines)
    return Response(buffer.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
