"""`remediate diff`: two real revisions of this repository (the "Knowledge v2" commit
against its parent), and two small built graphs made here, compared and rendered."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from remediate.diff import DiffError, compare, load, render
from remediate.settings import REPO_ROOT

from .conftest import run_cli

KNOWLEDGE_V2 = "0f9d584"  # 15 new techniques, 178 contaminants, 369 case studies, regraded ratings
ID = "https://w3id.org/remediate/id/"
REM = "https://w3id.org/remediate/ontology/"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SOURCE = "http://purl.org/dc/terms/source"
DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def revision(name: str) -> str:
    """The full commit of `name`; the test is skipped where history is not at hand."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    found = subprocess.run(["git", "-C", str(REPO_ROOT), "rev-list", "--max-count=1", name],
                           capture_output=True, text=True, check=False)
    if found.returncode != 0:
        pytest.skip(f"revision {name} is not in this clone")
    return found.stdout.strip()


@pytest.fixture(scope="module")
def knowledge_v2():
    return compare(load(revision(f"{KNOWLEDGE_V2}~1")), load(revision(KNOWLEDGE_V2)))


def test_real_revisions_count_added_entities_per_kind(knowledge_v2):
    assert len(knowledge_v2.added["technique"]) == 15
    assert knowledge_v2.after["contaminant"] == 178
    assert knowledge_v2.after["case-study"] == 369
    assert knowledge_v2.after["case-study"] - knowledge_v2.before["case-study"] == len(knowledge_v2.added["case-study"])


def test_real_revisions_show_regraded_ratings(knowledge_v2):
    ratings = [c for c in knowledge_v2.changes if c.field == "rating"]
    assert ratings, "0f9d584 regraded ratings"
    codes = {"better", "average", "below_average", "not_applicable", "listed"}
    assert all(set(c.old) <= codes and set(c.new) <= codes for c in ratings)
    text = render(knowledge_v2, "text", "old", "new")
    assert f"rating {ratings[0].entity}: {ratings[0].old[0]} -> {ratings[0].new[0]}" in text


def test_a_revision_against_itself_is_empty():
    head = revision("HEAD")
    diff = compare(load(head), load(head))
    assert diff.empty and diff.before == diff.after
    assert "No entity added, removed, deprecated or changed." in render(diff)


def test_unknown_revision_is_an_error():
    with pytest.raises(DiffError, match="neither a folder"):
        load("no-such-revision-anywhere")
    with pytest.raises(DiffError):
        load("--output=/tmp/x")


# -- two small built graphs --------------------------------------------------------

def triple(s: str, p: str, o: str) -> str:
    return f"<{ID}{s}> <{p}> {o} .\n"


def entity(kind_id: str, cls: str, label: str) -> str:
    return triple(kind_id, TYPE, f"<{REM}{cls}>") + triple(kind_id, LABEL, f'"{label}"@en')


OLD = "".join([
    entity("technique/bioventing", "RemediationTechnique", "bioventing"),
    entity("technique/landfarming", "RemediationTechnique", "landfarming"),
    entity("contaminant/benzene", "Contaminant", "benzene"),
    entity("contaminant/toluene", "Contaminant", "toluene"),
    entity("applicability/bioventing--btex--soil", "Applicability", "bioventing for BTEX"),
    triple("applicability/bioventing--btex--soil", REM + "rating", f"<{ID}rating/average>"),
    entity("guideline-value/nl--benzene", "GuidelineValue", "NL value for benzene"),
    triple("guideline-value/nl--benzene", REM + "value", f'"1.10"^^<{DECIMAL}>'),
    triple("guideline-value/nl--benzene", SOURCE, "<https://example.org/old>"),
    entity("guideline-value/us--benzene", "GuidelineValue", "US value for benzene"),
    triple("guideline-value/us--benzene", REM + "value", f'"5"^^<{DECIMAL}>'),
])
NEW = "".join([
    entity("technique/bioventing", "RemediationTechnique", "bioventing"),
    entity("technique/landfarming", "RemediationTechnique", "land farming"),
    triple("technique/landfarming", "http://www.w3.org/2002/07/owl#deprecated",
           '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'),
    entity("technique/biopiles", "RemediationTechnique", "biopiles"),
    entity("contaminant/benzene", "Contaminant", "benzene"),
    entity("applicability/bioventing--btex--soil", "Applicability", "bioventing for BTEX"),
    triple("applicability/bioventing--btex--soil", REM + "rating", f"<{ID}rating/better>"),
    entity("guideline-value/nl--benzene", "GuidelineValue", "NL value for benzene"),
    triple("guideline-value/nl--benzene", REM + "value", f'"1.1"^^<{DECIMAL}>'),
    triple("guideline-value/nl--benzene", SOURCE, "<https://example.org/new>"),
    entity("guideline-value/nl--toluene", "GuidelineValue", "NL value for toluene"),
    entity("guideline-value/us--benzene", "GuidelineValue", "US value for benzene"),
    triple("guideline-value/us--benzene", REM + "value", f'"0.5"^^<{DECIMAL}>'),
])


@pytest.fixture()
def built(tmp_path) -> tuple[Path, Path]:
    """Two folders as `remediate build` leaves them: one with remediate.nt, one with build/remediate.nt."""
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    (new / "build").mkdir(parents=True)
    (old / "remediate.nt").write_text(OLD, encoding="utf-8")
    (new / "build" / "remediate.nt").write_text(NEW, encoding="utf-8")
    return old, new


def test_built_graphs_added_removed_deprecated_per_kind(built):
    diff = compare(load(str(built[0])), load(str(built[1])))
    assert diff.added == {"guideline-value": ["nl--toluene"], "technique": ["biopiles"]}
    assert diff.removed == {"contaminant": ["toluene"]}
    assert diff.deprecated == {"technique": ["landfarming"]}
    assert (diff.before["technique"], diff.after["technique"]) == (2, 3)


def test_built_graphs_changed_values_old_to_new(built):
    diff = compare(load(str(built[0])), load(str(built[1])))
    changes = {(c.entity, c.field): (c.old, c.new) for c in diff.changes}
    assert changes == {
        ("applicability/bioventing--btex--soil", "rating"): (("average",), ("better",)),
        ("guideline-value/nl--benzene", "source"): (("https://example.org/old",), ("https://example.org/new",)),
        ("guideline-value/us--benzene", "value"): (("5",), ("0.5",)),
        ("technique/landfarming", "label"): (("landfarming",), ("land farming",)),
    }  # 1.10 and 1.1 are the same guideline value


def test_markdown_for_a_pull_request(built):
    text = render(compare(load(str(built[0])), load(str(built[1]))), "markdown", "main", "branch")
    assert text.startswith("## Knowledge graph: main -> branch")
    assert "| technique | 2 | 3 | 1 | 0 |" in text
    assert "- **technique** (1): `landfarming`" in text.split("### Deprecated")[1]
    assert "| `applicability/bioventing--btex--soil` | rating | average | better |" in text
    assert "| `guideline-value/us--benzene` | value | 5 | 0.5 |" in text


def test_cli_diff_on_built_folders(built):
    result = run_cli("diff", str(built[0]), str(built[1]))
    assert result.returncode == 0, result.stderr
    assert "rating applicability/bioventing--btex--soil: average -> better" in result.stdout
    assert "Removed (1):" in result.stdout and "contaminant (1): toluene" in result.stdout


def test_cli_diff_with_a_bad_revision_exits_2(built):
    result = run_cli("diff", "no-such-revision-anywhere", str(built[1]))
    assert result.returncode == 2
    assert "neither a folder" in result.stderr
