"""`remediate check` on the shipped data, and on broken copies: each problem names the
file, row and column and says how to fix it, and the command exits non-zero."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rdflib import Graph

from remediate.checks import cas_valid, check_tables
from remediate.settings import REPO_ROOT
from remediate.tables import TABLES

from .conftest import run_cli


def vocabularies() -> Graph:
    return Graph().parse(REPO_ROOT / "kg_data" / "vocabularies.ttl")


def edit_cell(path: Path, row_index: int, column: str, value: str) -> int:
    rows = list(csv.DictReader(path.open(newline="")))
    rows[row_index][column] = value
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return row_index + 2  # header is line 1


@pytest.mark.parametrize("cas,ok", [("7440-43-9", True), ("71-43-2", True), ("79-01-6", True),
                                    ("7440-43-8", False), ("71432", False), ("1-2-3", False)])
def test_cas_check_digit(cas, ok):
    assert cas_valid(cas) is ok


def test_shipped_tables_pass():
    assert [str(p) for p in check_tables(REPO_ROOT / "kg_data", vocabularies())] == []


@pytest.mark.parametrize("table,column,value,expected", [
    ("contaminants.csv", "cas", "71-43-3", "check digit"),
    ("techniques.csv", "category", "magic", "not an allowed value"),
    ("case_studies.csv", "techniques", "no-such-technique", "not an id in techniques.csv"),
    ("guideline_values.csv", "value", "12 mg/kg", "not a number"),
    ("techniques.csv", "source", "", "required cell is empty"),
    ("plants.csv", "source", "see the EPA guide", "not a URL"),
])
def test_broken_cell_is_reported_with_position(data_copy, table, column, value, expected):
    line = edit_cell(data_copy / table, 0, column, value)
    problems = [str(p) for p in check_tables(data_copy, vocabularies())]
    assert any(p.startswith(f"{table}:{line} [{column}]") and expected in p and "(fix:" in p
               for p in problems), problems


def test_unknown_id_suggests_the_closest(data_copy):
    line = edit_cell(data_copy / "case_studies.csv", 0, "techniques", "soil-vapor-extraction")
    problems = [str(p) for p in check_tables(data_copy, vocabularies())]
    assert f"case_studies.csv:{line} [techniques]: 'soil-vapor-extraction' is not an id in techniques.csv " \
           "(fix: did you mean 'soil-vapour-extraction'?)" in problems


def test_duplicate_contaminant_cas_is_reported(data_copy):
    rows = list(csv.DictReader((data_copy / "contaminants.csv").open(newline="")))
    benzene = next(r for r in rows if r["id"] == "benzene")
    edit_cell(data_copy / "contaminants.csv", rows.index(next(r for r in rows if r["id"] == "toluene")),
              "cas", benzene["cas"])
    problems = [str(p) for p in check_tables(data_copy, vocabularies())]
    assert any("is used twice" in p for p in problems)


def test_readme_documents_every_column():
    readme = (REPO_ROOT / "kg_data" / "README.md").read_text()
    for table in TABLES:
        section = readme.split(f"### {table.filename}", 1)
        assert len(section) == 2, f"{table.filename} has no section in kg_data/README.md"
        for column in table.header:
            assert column in section[1].split("###", 1)[0], f"{table.filename}: {column} undocumented"


def test_check_command_exits_non_zero_on_a_problem(data_copy):
    edit_cell(data_copy / "contaminants.csv", 0, "cas", "1-1-1")
    result = run_cli("check", "--no-reasoner", env_overrides={"REMEDIATE_DATA_DIR": str(data_copy)})
    assert result.returncode == 1
    assert "contaminants.csv:2 [cas]" in result.stdout


def test_check_command_is_clean_on_shipped_data():
    result = run_cli("check", "--no-reasoner")
    assert result.returncode == 0, result.stdout


# -- ids shared between tables ------------------------------------------------------

def append_row(path: Path, values: dict[str, str]) -> int:
    rows = list(csv.DictReader(path.open(newline="")))
    rows.append({column: values.get(column, "") for column in rows[0]})
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return len(rows) + 1  # header is line 1


def test_id_shared_between_tables_names_both_files_and_lines(data_copy):
    line = append_row(data_copy / "plants.csv", {"id": "bioventing", "scientific_name": "Bioventia fictiva",
                                                 "source": "https://example.org/plant"})
    rows = list(csv.DictReader((data_copy / "techniques.csv").open(newline="")))
    technique_line = next(i for i, r in enumerate(rows) if r["id"] == "bioventing") + 2
    problems = [str(p) for p in check_tables(data_copy, vocabularies())]
    assert f"plants.csv:{line} [id]: id 'bioventing' is also an id in techniques.csv:{technique_line} " \
           "(fix: ids must be unique across tables; rename one and the rows that refer to it)" in problems


# -- disjoint classes (HermiT) and the domain/range check on tests/data/invalid -------

INVALID = Path(__file__).parent / "data" / "invalid"


def expectation(example: Path) -> str:
    lines = example.read_text().splitlines()
    assert lines[0].startswith("# why:"), f"{example.name} must say why it is invalid on its first line"
    return next(line.removeprefix("# expect:").strip() for line in lines if line.startswith("# expect:"))


@pytest.fixture(scope="module")
def knowledge(sources) -> Graph:
    from remediate.build import assemble

    return assemble(sources)


def with_example(knowledge: Graph, example: Path) -> Graph:
    graph = Graph()
    graph += knowledge
    return graph.parse(example, format="turtle")


def domain_range_problems(graph: Graph, tmp_path: Path) -> list[str]:
    from remediate.validate import violation_checks

    (tmp_path / "checks").mkdir()
    check = REPO_ROOT / "ontology" / "checks" / "domain-range-violation.rq"
    (tmp_path / "checks" / check.name).write_text(check.read_text())
    return [str(p) for p in violation_checks(graph, tmp_path / "checks")]


def test_domain_range_check_is_quiet_on_the_shipped_graph(knowledge, tmp_path):
    # a case study may involve a contaminant group: involvesContaminant ranges over a union
    assert domain_range_problems(knowledge, tmp_path) == []


@pytest.mark.parametrize("example", sorted((INVALID / "sparql").glob("*.ttl")), ids=lambda p: p.stem)
def test_domain_range_check_catches_invalid_example(knowledge, example, tmp_path):
    problems = domain_range_problems(with_example(knowledge, example), tmp_path)
    assert len(problems) == 1 and expectation(example) in problems[0], problems
    assert "(fix: point the cell at a record of the kind" in problems[0]


@pytest.mark.slow
@pytest.mark.parametrize("example", sorted((INVALID / "reasoner").glob("*.ttl")), ids=lambda p: p.stem)
def test_hermit_catches_invalid_example(knowledge, example):
    from remediate.validate import consistency

    problems = consistency(with_example(knowledge, example))
    assert problems and expectation(example) in problems[0].message, problems


def test_two_guideline_rows_that_differ_only_in_a_note_are_one_key_named_on_both_lines(data_copy):
    import csv as _csv

    from remediate.checks import check_tables
    from remediate.validate import parse_turtle

    path = data_copy / "guideline_values.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(_csv.DictReader(handle))
    twin = {**rows[0], "note": "the same value, noted differently", "instrument": "another title"}
    with path.open("a", newline="", encoding="utf-8") as handle:
        _csv.DictWriter(handle, fieldnames=list(rows[0])).writerow(twin)
    base, _ = parse_turtle(sorted(data_copy.glob("*.ttl")))
    problems = [str(p) for p in check_tables(data_copy, base)]
    clash = [p for p in problems if "same key" in p]
    assert clash and "guideline_values.csv:2" in clash[0] and f"guideline_values.csv:{len(rows) + 2}" in clash[0]
