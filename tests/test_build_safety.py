"""`remediate build` never writes a graph that `check` rejects, and never leaves a half
one; the server still starts when an artefact is damaged."""

from __future__ import annotations

import csv
import shutil

from remediate.build import Sources
from remediate.settings import REPO_ROOT
from remediate.store import LocalStore

from .conftest import run_cli


def _break_cas(data_dir):
    path = data_dir / "contaminants.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0]["cas"] = "7440-38-3"  # wrong check digit
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _build(data_dir, out):
    return run_cli("build", "--quiet", "--no-embeddings", "--out", str(out),
                   env_overrides={"REMEDIATE_DATA_DIR": str(data_dir)})


def test_build_refuses_data_that_check_rejects_and_keeps_the_previous_artefacts(data_copy, tmp_path):
    out = tmp_path / "build"
    assert _build(data_copy, out).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    _break_cas(data_copy)
    result = _build(data_copy, out)
    assert result.returncode == 1
    assert "check digit" in result.stderr.lower() or "cas" in result.stderr.lower()
    assert "nothing was written" in result.stderr
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before


def test_build_refuses_a_dangling_reference(data_copy, tmp_path):
    path = data_copy / "case_studies.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0]["techniques"] = "no-such-technique"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = _build(data_copy, tmp_path / "build")
    assert result.returncode == 1
    assert "no-such-technique" in result.stderr
    assert not (tmp_path / "build" / "remediate.nt").exists()


def test_a_truncated_artefact_falls_back_to_the_sources(tmp_path, caplog):
    build = tmp_path / "build"
    shutil.copytree(REPO_ROOT / "build", build, ignore=shutil.ignore_patterns(".staging-*"))
    artefact = build / "remediate.nt"
    text = artefact.read_bytes()
    artefact.write_bytes(text[: len(text) // 2] + b"<https://broken")  # an interrupted write
    sources = Sources(REPO_ROOT / "ontology", REPO_ROOT / "kg_data")
    with caplog.at_level("WARNING"):
        store = LocalStore.from_sources(sources, build)
    assert store.triple_count() > 1000
    assert "compiling the graph from its sources" in caplog.text
