"""How good are our sources? Every cited URL is classified by its domain from one small
registry (kg_data/source_kinds.csv: a domain, or a suffix starting with '.', and its
kind); a domain no pattern matches counts as secondary. `remediate stats` prints the
shares per table; `remediate check` validates the registry."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .tables import TABLES, read_table

REGISTRY = "source_kinds.csv"
KINDS = ("official", "peer_reviewed", "academic", "reference", "secondary", "vendor")
STRONG = ("official", "peer_reviewed")  # what the quality targets count
DEFAULT_KIND = "secondary"


@dataclass(frozen=True)
class Registry:
    patterns: dict[str, str]

    @classmethod
    def load(cls, data_dir: Path) -> Registry:
        path = data_dir / REGISTRY
        if not path.exists():
            return cls({})
        with path.open(newline="", encoding="utf-8") as handle:
            return cls({row["pattern"].strip().lower(): row["kind"].strip() for row in csv.DictReader(handle)})

    def kind(self, url: str) -> str:
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        if host in self.patterns:
            return self.patterns[host]
        # the longest matching suffix wins (".gov.au" before ".au"); a suffix pattern also
        # matches the bare domain it names (".gov.uk" covers https://gov.uk/...)
        parts = host.split(".")
        for start in range(len(parts)):
            domain = ".".join(parts[start:])
            if start and domain in self.patterns:
                return self.patterns[domain]
            if "." + domain in self.patterns:
                return self.patterns["." + domain]
        return DEFAULT_KIND


@dataclass
class TableQuality:
    table: str
    citations: Counter = field(default_factory=Counter)  # kind -> URLs cited
    rows: int = 0
    rows_strong: int = 0  # rows with at least one official or peer-reviewed source

    @property
    def strong_share(self) -> float:
        total = sum(self.citations.values())
        return sum(self.citations[k] for k in STRONG) / total if total else 0.0

    @property
    def row_share(self) -> float:
        return self.rows_strong / self.rows if self.rows else 0.0


def source_columns(table) -> list[str]:
    return [c.name for c in table.columns if c.kind == "url_list"]


def quality(data_dir: Path) -> list[TableQuality]:
    registry = Registry.load(data_dir)
    report = []
    for table in TABLES:
        columns = source_columns(table)
        if not columns:  # translations and deprecations cite nothing: they are ours
            continue
        entry = TableQuality(table.name)
        for row in read_table(table, data_dir):
            kinds = [registry.kind(url) for column in columns for url in row.items(column)]
            entry.citations.update(kinds)
            entry.rows += 1
            entry.rows_strong += any(k in STRONG for k in kinds)
        report.append(entry)
    return report


def render(report: list[TableQuality]) -> str:
    header = ["table", "rows", "rows with official/peer-reviewed", "URLs", *KINDS, "official+peer-reviewed URLs"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    total = TableQuality("all tables")
    for entry in report:
        total.citations.update(entry.citations)
        total.rows += entry.rows
        total.rows_strong += entry.rows_strong
    for entry in [*report, total]:
        urls = sum(entry.citations.values())
        cells = [entry.table, str(entry.rows), f"{entry.row_share:.0%}", str(urls)]
        cells += [str(entry.citations[k]) for k in KINDS] + [f"{entry.strong_share:.0%}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def registry_problems(data_dir: Path) -> list[str]:
    path = data_dir / REGISTRY
    if not path.exists():
        return []
    problems, seen = [], set()
    with path.open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            pattern, kind = (row.get("pattern") or "").strip().lower(), (row.get("kind") or "").strip()
            if kind not in KINDS:
                problems.append(f"{REGISTRY}:{line} [kind]: {kind!r} is not one of {', '.join(KINDS)}")
            if not pattern or " " in pattern or "/" in pattern:
                problems.append(f"{REGISTRY}:{line} [pattern]: give a domain or a suffix starting with '.'")
            if pattern in seen:
                problems.append(f"{REGISTRY}:{line} [pattern]: {pattern!r} is listed twice")
            seen.add(pattern)
    return problems
