"""The `remediate` command: help for every sub-command, one-line errors with exit 2."""

from __future__ import annotations

import json

import pytest

from remediate.cli import build_parser

from .conftest import run_cli

SUBCOMMANDS = ["serve", "recommend", "check", "build", "query"]


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help(command):
    result = run_cli(command, "--help")
    assert result.returncode == 0
    assert "usage: remediate " + command in result.stdout


@pytest.mark.parametrize("args,mentions", [
    (["frobnicate"], "invalid choice"),
    (["serve", "--port", "eighty"], "invalid int value"),
    (["query", "--format", "yaml", "ASK {}"], "invalid choice"),
    (["recommend"], "required"),
    ([], "required"),
])
def test_bad_arguments_exit_2_with_one_line(args, mentions):
    result = run_cli(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and mentions in lines[0]


def test_query_prints_a_table():
    result = run_cli("query", "SELECT ?label WHERE { <https://w3id.org/remediate/id/technique/bioventing> "
                              "<http://www.w3.org/2000/01/rdf-schema#label> ?label }")
    assert result.returncode == 0
    assert "Bioventing" in result.stdout and "(1 row)" in result.stdout


def test_query_from_file_as_json(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("ASK { ?s a <https://w3id.org/remediate/ontology/CaseStudy> }")
    result = run_cli("query", "--file", str(path), "--format", "json")
    assert json.loads(result.stdout)["boolean"] is True


def test_query_construct_defaults_to_turtle():
    result = run_cli("query", "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 2")
    assert result.returncode == 0 and " a " in result.stdout


@pytest.mark.parametrize("query,code,mentions", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", 2, "read-only"),
    ("SELECT * WHERE {", 2, "error at"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", 2, "SERVICE"),
])
def test_query_errors(query, code, mentions):
    result = run_cli("query", query)
    assert result.returncode == code
    assert mentions in result.stderr and "Traceback" not in result.stderr


def test_query_format_that_does_not_fit_the_result():
    result = run_cli("query", "--format", "turtle", "ASK {}")
    assert result.returncode == 2 and "does not fit" in result.stderr


def test_build_writes_artefacts(tmp_path):
    result = run_cli("build", "--out", str(tmp_path))
    assert result.returncode == 0
    for name in ("remediate.ttl", "remediate.nt", "remediate.rdf", "remediate.jsonld", "void.ttl", "ontology.rdf"):
        assert (tmp_path / name).stat().st_size > 0


def test_recommend_with_a_missing_file_exits_2(tmp_path):
    result = run_cli("recommend", str(tmp_path / "nowhere.json"))
    assert result.returncode == 2 and "cannot read a site" in result.stderr


def test_parser_lists_every_subcommand():
    help_text = build_parser().format_help()
    for command in SUBCOMMANDS:
        assert command in help_text
