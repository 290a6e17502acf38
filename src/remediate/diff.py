"""`remediate diff OLD NEW`: what changed in the knowledge graph between two git revisions
of this repository or two build folders. `compare` finds the entities added, removed and
deprecated per kind, the changed ratings, guideline values, sources and labels, and the
counts per kind; `render` writes that for a terminal or a pull request (Markdown)."""

from __future__ import annotations

import io
import shutil
import subprocess  # noqa: S404 (git, with an argument list and no shell)
import tarfile
import tempfile
import textwrap
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from .build import Sources, assemble
from .namespaces import ID, REM
from .settings import REPO_ROOT

ID_PREFIX = str(ID)
FIELDS = {"rating": REM.rating, "value": REM.value, "source": DCTERMS.source, "label": RDFS.label}
BUILT = ("remediate.nt", "build/remediate.nt")


class DiffError(ValueError):
    """OLD or NEW is neither a build folder nor a revision of the repository."""


@dataclass(frozen=True)
class Change:
    entity: str  # kind/id
    field: str  # a key of FIELDS
    old: tuple[str, ...]  # the values only the old graph has
    new: tuple[str, ...]  # the values only the new graph has


@dataclass
class GraphDiff:
    added: dict[str, list[str]] = field(default_factory=dict)  # kind -> ids
    removed: dict[str, list[str]] = field(default_factory=dict)
    deprecated: dict[str, list[str]] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    before: Counter[str] = field(default_factory=Counter)  # entities per kind
    after: Counter[str] = field(default_factory=Counter)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.deprecated or self.changes)


# -- loading -----------------------------------------------------------------------

def load(spec: str, repo: Path = REPO_ROOT) -> Graph:
    """A folder holding a built graph (remediate.nt, or build/remediate.nt), else a git revision."""
    folder = Path(spec)
    for name in BUILT:
        if (folder / name).is_file():
            return Graph().parse(folder / name, format="nt")
    return revision_graph(spec, repo)


def revision_graph(revision: str, repo: Path = REPO_ROOT) -> Graph:
    """Compile kg_data/ and ontology/ as they were at `revision`, with today's compiler."""
    if revision.startswith("-"):
        raise DiffError(f"{revision!r} is not a revision")
    git = shutil.which("git") or "git"
    archive = subprocess.run(  # noqa: S603 (fixed git command; the revision cannot be an option)
        [git, "-C", str(repo), "archive", "--format=tar", revision, "kg_data", "ontology"],
        capture_output=True, check=False)
    if archive.returncode != 0:
        reason = archive.stderr.decode(errors="replace").strip().splitlines()
        raise DiffError(f"{revision!r} is neither a folder with {BUILT[0]} nor a git revision "
                        f"({reason[0] if reason else 'git archive failed'})")
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(tmp, filter="data")
        return assemble(Sources(Path(tmp) / "ontology", Path(tmp) / "kg_data"))


# -- comparing ---------------------------------------------------------------------

def compare(old: Graph, new: Graph) -> GraphDiff:
    """What a reviewer needs to know about going from `old` to `new`."""
    before, after = entities(old), entities(new)
    diff = GraphDiff(before=Counter(before.values()), after=Counter(after.values()))
    diff.added = by_kind(set(after) - set(before))
    diff.removed = by_kind(set(before) - set(after))
    diff.deprecated = by_kind((deprecated(new) - deprecated(old)) & set(after))
    for subject in sorted(set(before) & set(after)):
        diff.changes += changed_values(old, new, subject)
    return diff


def entities(graph: Graph) -> dict[URIRef, str]:
    """Every typed entity of ours (an IRI under /id/), with its kind (the segment after /id/)."""
    found = {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(ID_PREFIX)}
    return {s: kind_of(s) for s in found}


def kind_of(subject: URIRef) -> str:
    return str(subject)[len(ID_PREFIX):].split("/", 1)[0]


def local_id(subject: URIRef) -> str:
    """kind/id, the part of the IRI after /id/."""
    return str(subject)[len(ID_PREFIX):]


def by_kind(subjects: set[URIRef]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for subject in sorted(subjects):
        grouped[kind_of(subject)].append(local_id(subject).split("/", 1)[-1])
    return dict(sorted(grouped.items()))


def deprecated(graph: Graph) -> set[URIRef]:
    return {s for s, flag in graph.subject_objects(OWL.deprecated)
            if isinstance(s, URIRef) and isinstance(flag, Literal) and flag.toPython() is True}


def changed_values(old: Graph, new: Graph, subject: URIRef) -> list[Change]:
    changes = []
    for name, predicate in FIELDS.items():
        was = {show(o) for o in old.objects(subject, predicate)}
        now = {show(o) for o in new.objects(subject, predicate)}
        if was != now:
            changes.append(Change(local_id(subject), name, tuple(sorted(was - now)), tuple(sorted(now - was))))
    return changes


def show(term: Node) -> str:
    """A value as a reviewer reads it: numbers by value (12.50 is 12.5), codes by their name."""
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return format(value.normalize(), "f")
        return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else str(term)
    if isinstance(term, URIRef) and str(term).startswith(ID_PREFIX):
        return str(term).rsplit("/", 1)[-1]
    return str(term)


# -- rendering ---------------------------------------------------------------------

def render(diff: GraphDiff, fmt: str = "text", old_name: str = "OLD", new_name: str = "NEW") -> str:
    """The diff as terminal text (fmt "text") or as Markdown for a pull request ("markdown")."""
    markdown = fmt == "markdown"
    lines = [f"## Knowledge graph: {old_name} -> {new_name}" if markdown else f"remediate diff {old_name} {new_name}"]
    lines += _counts(diff, markdown)
    for title, groups in (("Added", diff.added), ("Removed", diff.removed), ("Deprecated", diff.deprecated)):
        lines += _entity_list(title, groups, markdown)
    lines += _changes(diff.changes, markdown)
    if diff.empty:
        lines += ["", "No entity added, removed, deprecated or changed."]
    return "\n".join(lines) + "\n"


def _counts(diff: GraphDiff, markdown: bool) -> list[str]:
    kinds = sorted(set(diff.before) | set(diff.after))
    rows = [(k, diff.before[k], diff.after[k], len(diff.added.get(k, [])), len(diff.removed.get(k, [])))
            for k in kinds]
    rows.append(("total", sum(diff.before.values()), sum(diff.after.values()),
                 sum(len(v) for v in diff.added.values()), sum(len(v) for v in diff.removed.values())))
    if markdown:
        return ["", "| kind | before | after | added | removed |", "|---|---:|---:|---:|---:|",
                *(f"| {k} | {b} | {a} | {p} | {m} |" for k, b, a, p, m in rows)]
    width = max(len(k) for k, *_ in rows)
    return ["", f"{'kind':{width}}  before   after   added removed",
            *(f"{k:{width}}  {b:6}  {a:6}  {p:6}  {m:6}" for k, b, a, p, m in rows)]


def _entity_list(title: str, groups: dict[str, list[str]], markdown: bool) -> list[str]:
    if not groups:
        return []
    total = sum(len(ids) for ids in groups.values())
    lines = ["", f"### {title} ({total})" if markdown else f"{title} ({total}):"]
    for kind, ids in groups.items():
        if markdown:
            lines.append(f"- **{kind}** ({len(ids)}): " + ", ".join(f"`{i}`" for i in ids))
        else:
            lines += textwrap.wrap(", ".join(ids), width=100, initial_indent=f"  {kind} ({len(ids)}): ",
                                   subsequent_indent="      ", break_on_hyphens=False)
    return lines


def _changes(changes: list[Change], markdown: bool) -> list[str]:
    if not changes:
        return []
    if markdown:
        return ["", f"### Changed values ({len(changes)})", "", "| entity | field | old | new |", "|---|---|---|---|",
                *(f"| `{c.entity}` | {c.field} | {_cell(c.old)} | {_cell(c.new)} |" for c in changes)]
    return ["", f"Changed values ({len(changes)}):",
            *(f"  {c.field:6} {c.entity}: {_joined(c.old)} -> {_joined(c.new)}" for c in changes)]


def _joined(values: tuple[str, ...]) -> str:
    return " | ".join(values) if values else "(none)"


def _cell(values: tuple[str, ...]) -> str:
    return _joined(values).replace("|", "\\|").replace("\n", " ")
