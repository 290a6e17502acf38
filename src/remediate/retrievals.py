"""When was each cited page read? kg_data/source_retrievals.csv holds one date per URL;
`remediate check` wants a date for every cited URL, and `remediate stamp-retrievals` adds
today's date for the URLs a curator has just cited."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from .tables import TABLES, TABLES_BY_NAME, Row, read_table

TABLE = TABLES_BY_NAME["source_retrievals"]


def cited_urls(rows: dict[str, list[Row]]) -> dict[str, tuple[Row, str]]:
    """Every URL the tables cite (table name -> its rows, as read once by the caller), and
    the first row and column that cite it."""
    urls: dict[str, tuple[Row, str]] = {}
    for table in TABLES:
        columns = [c.name for c in table.columns if c.kind == "url_list"]
        for row in rows.get(table.name, []) if columns else ():
            for column in columns:
                for url in row.items(column):
                    urls.setdefault(url, (row, column))
    return urls


def stamp(data_dir: Path, today: date | None = None) -> list[str]:
    """Add a row dated today for every cited URL without one; returns the URLs added."""
    dated = {row.get("url") for row in read_table(TABLE, data_dir)}
    new = sorted(set(cited_urls({t.name: list(read_table(t, data_dir)) for t in TABLES})) - dated)
    path = data_dir / TABLE.filename
    fresh = not path.exists()
    with path.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        if fresh:
            writer.writerow(TABLE.header)
        for url in new:
            writer.writerow([url, (today or date.today()).isoformat()])
    return new
