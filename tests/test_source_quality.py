"""Every cited URL is classified by its domain from kg_data/source_kinds.csv, and
`remediate stats` reports the shares per table."""

from __future__ import annotations

from pathlib import Path

from remediate.settings import REPO_ROOT
from remediate.source_quality import KINDS, Registry, quality, registry_problems

from .conftest import run_cli


def test_domains_are_classified_by_the_longest_matching_pattern():
    registry = Registry(
        {
            ".gov": "official",
            ".gov.uk": "official",
            "clu-in.org": "official",
            ".edu": "academic",
            "vendor.com": "vendor",
        }
    )
    assert registry.kind("https://www.epa.gov/remedytech") == "official"
    assert registry.kind("https://nepis.epa.gov/Exe/x") == "official"
    assert registry.kind("https://clu-in.org/techfocus/") == "official"
    assert registry.kind("https://depts.washington.edu/x") == "academic"
    assert registry.kind("https://shop.vendor.com/p") == "vendor"
    assert registry.kind("https://www.gov.uk/guidance/x") == "official"  # the bare suffix domain
    assert registry.kind("https://ru.scribd.com/document/1") == "secondary"  # unknown: secondary


def test_the_shipped_registry_is_valid_and_uses_known_kinds():
    assert registry_problems(REPO_ROOT / "kg_data") == []
    assert set(Registry.load(REPO_ROOT / "kg_data").patterns.values()) <= set(KINDS)


def test_a_bad_registry_row_is_reported(tmp_path: Path):
    (tmp_path / "source_kinds.csv").write_text(
        "pattern,kind,note\n.gov,offical,typo\nepa.gov,official,\nepa.gov,official,twice\n", encoding="utf-8"
    )
    problems = registry_problems(tmp_path)
    assert any("'offical' is not one of" in p for p in problems)
    assert any("listed twice" in p for p in problems)


def test_stats_counts_every_table_with_sources():
    report = {entry.table: entry for entry in quality(REPO_ROOT / "kg_data")}
    assert report["guideline_values"].rows > 1000
    assert sum(report["case_studies"].citations.values()) >= report["case_studies"].rows
    result = run_cli("stats")
    assert result.returncode == 0
    assert "| guideline_values |" in result.stdout and "official+peer-reviewed" in result.stdout
