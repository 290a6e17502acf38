"""The "Controlled values" table of kg_data/README.md, written from the registry (the
concept schemes of vocabularies.ttl) so that curators read the same lists the checks
enforce. `remediate vocabularies --write` rewrites it; `remediate check` reports a table
that no longer matches the schemes."""

from __future__ import annotations

from pathlib import Path

from .registry import Scheme
from .tables import TABLES
from .vocab import SCHEMES

START = "<!-- vocabulary table: written by `remediate vocabularies --write`; edit vocabularies.ttl instead -->"
END = "<!-- end of vocabulary table -->"
README = "README.md"


def columns_using(scheme: str) -> list[str]:
    """Table columns whose codes come from a scheme, e.g. ["guideline_values.value_type"]."""
    return [
        f"{table.name}.{column.name}"
        for table in TABLES
        for column in table.columns
        if column.vocab and SCHEMES.get(column.vocab) == scheme
    ]


def render(schemes: dict[str, Scheme]) -> str:
    lines = [START, "", "| scheme | used in | codes | meaning |", "|---|---|---|---|"]
    for name, scheme in schemes.items():
        used = columns_using(name) or ["site descriptions"]
        codes = " ".join(f"`{code}`" for code in scheme.codes())
        meaning = scheme.definition.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {scheme.label} (`{name}`) | {', '.join(used)} | {codes} | {meaning} |")
    return "\n".join([*lines, "", END])


def rewritten(readme: str, table: str) -> str:
    """The README text with its vocabulary table replaced (the markers must be there)."""
    start, end = readme.index(START), readme.index(END) + len(END)
    return readme[:start] + table + readme[end:]


def stale(data_dir: Path, schemes: dict[str, Scheme]) -> bool:
    path = data_dir / README
    if not path.exists():
        return False
    text = path.read_text(encoding="utf-8")
    if START not in text or END not in text:
        return True
    return rewritten(text, render(schemes)) != text
