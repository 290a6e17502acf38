"""Named SPARQL queries: every query the code runs is a file in queries/, run with
bindings. Nothing formats user input into query text."""

from __future__ import annotations

from functools import cache
from importlib import resources


class UnknownQuery(KeyError):
    pass


@cache
def query_text(name: str) -> str:
    path = resources.files("remediate") / "queries" / f"{name}.rq"
    if not path.is_file():
        raise UnknownQuery(f"no query named {name!r} in remediate/queries/")
    return path.read_text(encoding="utf-8")


def query_names() -> list[str]:
    folder = resources.files("remediate") / "queries"
    return sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".rq"))
