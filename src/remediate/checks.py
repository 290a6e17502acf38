"""Table-level checks for curators: header, required cells, controlled values, numbers,
URLs, CAS check digits, duplicate keys, labels and CAS numbers, and references between
tables. Every problem names file, row, column and how to fix it."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Graph

from .compile import guideline_slug
from .namespaces import REM
from .registry import schemes_in
from .retrievals import cited_urls
from .tables import (
    MEASUREMENT_KEY,
    SYNONYM_SCOPES,
    TABLES,
    TABLES_BY_NAME,
    Column,
    Row,
    read_header,
    read_table,
    split_synonym,
)
from .vocab import ENTITY_KINDS, SCHEMES, STRUCTURAL_VOCABS, TRANSLATED, vocab_of_scheme

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CAS_RE = re.compile(r"^(\d{2,7})-(\d{2})-(\d)$")
URL_RE = re.compile(r"^https?://[^\s|]+$")
YEAR_RE = re.compile(r"^(1[89]|20)\d\d$")
CHEBI_RE = re.compile(r"^CHEBI:\d+$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
TOKEN_RE = re.compile(r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # an IRI path segment of ours (keys joined by "--")
INCHIKEY_RE = re.compile(r"^[A-Z]{14}-[A-Z]{10}-[A-Z]$")


@dataclass(frozen=True)
class Problem:
    where: str  # file:line [column]
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" + (f" (fix: {self.hint})" if self.hint else "")


def cas_valid(cas: str) -> bool:
    """CAS check digit: digits right to left, weighted 1, 2, 3..., summed, mod 10."""
    match = CAS_RE.match(cas)
    if not match:
        return False
    digits = (match.group(1) + match.group(2))[::-1]
    return sum(i * int(d) for i, d in enumerate(digits, start=1)) % 10 == int(match.group(3))


def vocab_codes(vocabularies: Graph) -> dict[str, set[str]]:
    """Codes allowed in each controlled vocabulary: the concept schemes of
    kg_data/vocabularies.ttl, and the few structural lists kept in code."""
    schemes = schemes_in(vocabularies)
    codes: dict[str, set[str]] = {name: set(values) for name, values in STRUCTURAL_VOCABS.items()}
    for name, scheme in SCHEMES.items():
        codes[name] = set(schemes[scheme].codes()) if scheme in schemes else set()
    return codes


def categorical_parameters(vocabularies: Graph) -> dict[str, str]:
    """Constraint parameter -> the vocabulary its codes come from (soil_texture -> soil_texture)."""
    parameters = schemes_in(vocabularies).get(SCHEMES["parameter"])
    concepts = parameters.concepts if parameters else ()
    return {c.code: vocab_of_scheme(c.value_scheme) for c in concepts if c.value_scheme}


class TableChecker:
    def __init__(self, data_dir: Path, vocabularies: Graph):
        self.data_dir = data_dir
        self.vocabularies = vocabularies
        self.codes = vocab_codes(vocabularies)
        self.categorical = categorical_parameters(vocabularies)
        self.rows = {t.name: list(read_table(t, data_dir)) for t in TABLES}
        self.ids = {name: {r.get("id") for r in rows} for name, rows in self.rows.items()}
        self.problems: list[Problem] = []
        self.techniques_nbs = {r.get("id") for r in self.rows["techniques"] if r.get("nature_based") == "true"}

    def report(self, row: Row, column: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(row.where(column), message, hint))

    def run(self) -> list[Problem]:
        for table in TABLES:
            self.check_header(table.name)
            for row in self.rows[table.name]:
                for column in table.columns:
                    self.check_cell(row, column)
            self.check_duplicates(table.name)
        self.check_constraints()
        self.check_cross_table()
        self.check_roles_and_cases()
        self.check_translations(self.vocabularies)
        self.check_deprecations()
        self.check_shared_ids()
        self.check_retrievals()
        return self.problems

    def check_header(self, name: str) -> None:
        table = TABLES_BY_NAME[name]
        header = read_header(table, self.data_dir)
        if header is not None and header != table.header:
            missing = [c for c in table.header if c not in header]
            extra = [c for c in header if c not in table.header]
            self.problems.append(Problem(f"{table.filename}:1", "header does not match the table's columns",
                                         f"missing {missing}, unexpected {extra}; see kg_data/README.md"))

    def check_cell(self, row: Row, column: Column) -> None:
        value = row.get(column.name)
        if not value:
            if column.required:
                self.report(row, column.name, "required cell is empty", "fill it, or drop the row if unsourced")
            return
        kind = column.kind
        items = row.items(column.name) if kind.endswith("_list") or kind in ("list", "url_list") else [value]
        for item in items:
            self.check_item(row, column, kind.removesuffix("_list"), item)

    def check_item(self, row: Row, column: Column, kind: str, item: str) -> None:  # noqa: C901 (a dispatch table)
        name = column.name
        if kind == "id" and not ID_RE.match(item):
            self.report(row, name, f"{item!r} is not a valid id", "lowercase letters, digits and single hyphens")
        elif kind == "slug" and not SLUG_RE.match(item):
            self.report(row, name, f"{item!r} is not an IRI slug", "lowercase letters, digits and hyphens")
        elif kind == "token" and not TOKEN_RE.match(item):
            self.report(row, name, f"{item!r} is not a code", "lowercase letters and digits joined by _ or -")
        elif kind == "synonym" and split_synonym(item)[1] not in SYNONYM_SCOPES:
            self.report(row, name, f"{item!r} has an unknown synonym scope",
                        "end it in [broad], [narrow] or [related], or nothing for an exact synonym")
        elif kind == "url" and not URL_RE.match(item):
            self.report(row, name, f"{item!r} is not a URL", "give the http(s) address of the page you read")
        elif kind in ("number", "integer", "real"):
            try:
                number = float(item) if kind in ("number", "real") else int(item)
            except ValueError:
                self.report(row, name, f"{item!r} is not a number", "use digits and a decimal point, no units")
                return
            if number < 0 and kind != "real":
                self.report(row, name, f"{item!r} is negative", "values here are amounts, so 0 or more")
        elif kind == "date" and not _is_date(item):
            self.report(row, name, f"{item!r} is not a date", "write YYYY-MM-DD, no later than today")
        elif kind == "year" and not YEAR_RE.match(item):
            self.report(row, name, f"{item!r} is not a year", "four digits, e.g. 2019")
        elif kind == "bool" and item not in ("true", "false"):
            self.report(row, name, f"{item!r} is not true/false", "write true or false")
        elif kind == "cas" and not cas_valid(item):
            self.report(row, name, f"CAS number {item!r} has a wrong format or check digit",
                        "copy it again from the source; the last digit is a checksum")
        elif kind == "inchikey" and not INCHIKEY_RE.match(item):
            self.report(row, name, f"{item!r} is not a standard InChIKey", "27 characters: 14-10-1 capital letters")
        elif kind == "chebi" and not CHEBI_RE.match(item):
            self.report(row, name, f"{item!r} is not a ChEBI id", "write CHEBI:<number>")
        elif kind == "currency" and not CURRENCY_RE.match(item):
            self.report(row, name, f"{item!r} is not an ISO 4217 code", "e.g. USD, EUR, GBP")
        elif kind == "country" and not COUNTRY_RE.match(item):
            self.report(row, name, f"{item!r} is not an ISO 3166-1 alpha-2 code", "e.g. US, NL, CN")
        elif kind == "code" and item not in self.codes[column.vocab]:
            allowed = ", ".join(sorted(self.codes[column.vocab]))
            self.report(row, name, f"{item!r} is not an allowed value", f"one of: {allowed}")
        elif kind == "ref":
            tables = column.vocab.split("|")
            if not any(item in self.ids[t] for t in tables):
                known = sorted(i for t in tables for i in self.ids[t])
                close = difflib.get_close_matches(item, known, n=1, cutoff=0.8)
                hint = f"did you mean {close[0]!r}?" if close else "add that record first, or correct the id"
                self.report(row, name, f"{item!r} is not an id in {' or '.join(t + '.csv' for t in tables)}", hint)

    def check_duplicates(self, name: str) -> None:
        """Two rows with one key would be one record: name both lines."""
        table = TABLES_BY_NAME[name]
        first: dict[tuple, Row] = {}
        for row in self.rows[name]:
            key = tuple(row.get(k) for k in table.key)
            if key in first:
                self.report(row, table.key[0], f"same key {dict(zip(table.key, key, strict=True))} as "
                            f"{first[key].where()}", "tell the rows apart in a key column, or merge them")
            else:
                first[key] = row

    def check_constraints(self) -> None:
        for row in self.rows["technique_constraints"]:
            parameter, operator = row.get("parameter"), row.get("operator")
            if operator in ("min", "max"):
                if parameter in self.categorical:
                    self.report(row, "operator", f"{parameter} is categorical", "use in / not_in with codes")
                else:
                    try:
                        float(row.get("value"))
                    except ValueError:
                        self.report(row, "value", f"{row.get('value')!r} is not a number", "min/max need a number")
            elif parameter not in self.categorical:
                self.report(row, "operator", f"{parameter} is numeric", "use min or max with a number")
            else:
                vocab = self.categorical[parameter]
                for code in row.items("value"):
                    if code not in self.codes[vocab]:
                        self.report(row, "value", f"{code!r} is not a {vocab} code",
                                    "one of: " + ", ".join(sorted(self.codes[vocab])))

    def check_cross_table(self) -> None:
        for row in self.rows["plant_uses"]:
            if row.get("mechanism") not in self.ids["techniques"]:
                self.report(row, "mechanism", f"no technique {row.get('mechanism')!r} in techniques.csv",
                            "mechanisms are nature-based technique ids")
        for code in sorted(self.codes["mechanism"] - self.ids["techniques"]):
            self.problems.append(Problem("vocabularies.ttl", f"plant mechanism {code!r} is not a technique id",
                                         "a mechanism's code must be the id of its technique in techniques.csv"))
        labels = Counter((r.get("label") or "").lower() for r in self.rows["contaminants"])
        cas = Counter(r.get("cas") for r in self.rows["contaminants"] if r.get("cas"))
        for row in self.rows["contaminants"]:
            if labels[row.get("label").lower()] > 1:
                self.report(row, "label", f"label {row.get('label')!r} is used twice", "labels must be unique")
            if row.get("cas") and cas[row.get("cas")] > 1:
                self.report(row, "cas", f"CAS {row.get('cas')} is used twice", "one contaminant per CAS number")
            if row.get("kind") == "substance" and row.items("members"):
                self.report(row, "members", "a substance has no members", "make it a mixture or clear members")
        for row in self.rows["techniques"]:
            low, high = _num(row.get("time_min_years")), _num(row.get("time_max_years"))
            if low is not None and high is not None and low > high:
                self.report(row, "time_min_years", "minimum time exceeds maximum", "swap them")
            if (row.get("cost_min") or row.get("cost_max")) and not (row.get("cost_currency") and row.get("cost_unit")):
                self.report(row, "cost_currency", "a cost needs its currency and unit",
                            "fill cost_currency and cost_unit")
            if (row.get("cost_min") or row.get("cost_max")) and not row.get("cost_source"):
                self.report(row, "cost_source", "a cost needs its own source", "give the URL the cost came from")
            if (row.get("time_min_years") or row.get("time_max_years")) and not row.get("time_source"):
                self.report(row, "time_source", "a duration needs its own source", "give the URL it came from")


    def check_deprecations(self) -> None:
        keyed = {"guideline_values": {guideline_slug(r) for r in self.rows["guideline_values"]},
                 "case_concentrations": {"--".join(r.get(c) for c in MEASUREMENT_KEY if r.get(c))
                                         for r in self.rows["case_concentrations"]}}
        for row in self.rows["deprecations"]:
            table = ENTITY_KINDS.get(row.get("kind"), ("",))[0]
            live = keyed.get(table) or self.ids.get(table, set())
            if row.get("id") in live:
                self.report(row, "id", f"{row.get('id')!r} is still an id in {table}.csv",
                            "a retired id must not be reused; pick a new id for the record")
            if row.get("replaced_by") not in live:
                self.report(row, "replaced_by", f"{row.get('replaced_by')!r} is not an id in {table}.csv",
                            "name the record that replaces it")

    def check_translations(self, vocabularies: Graph) -> None:
        vocab_ids = {str(s).removeprefix("https://w3id.org/remediate/id/") for s in vocabularies.subjects(REM.code)}
        for row in self.rows["translations"]:
            kind, ident = row.get("kind"), row.get("id")
            known = vocab_ids if kind == "vocab" else self.ids.get(TRANSLATED.get(kind, ("",))[0], set())
            if kind in STRUCTURAL_VOCABS["translation_kind"] and ident not in known:
                self.report(row, "id", f"{ident!r} is not a {kind} id", "translate only what the graph holds")

    def check_roles_and_cases(self) -> None:
        for row in self.rows["techniques"]:
            if row.get("role") == "component" and not row.items("serves"):
                self.report(row, "serves", "a component must say what it serves",
                            "list the technique ids it works inside")
            if row.get("role") != "component" and row.items("serves"):
                self.report(row, "serves", "only a component serves another technique", "set role to component")
            if row.get("broader") == row.get("id"):
                self.report(row, "broader", "a technique cannot be a form of itself", "clear broader")
        for row in self.rows["technique_applicability"]:
            if row.get("basis") == "case_evidence" and not row.items("cases"):
                self.report(row, "cases", "a case_evidence rating must list its cases", "give the case ids")
        for row in self.rows["case_studies"]:
            main = row.get("main_technique")
            if main and main not in row.items("techniques"):
                self.report(row, "main_technique", f"{main!r} is not among the case's techniques",
                            "the main technique is one of those applied")
        for row in self.rows["guideline_values"]:
            low, high = _num(row.get("ph_min")), _num(row.get("ph_max"))
            if low is not None and high is not None and low > high:
                self.report(row, "ph_min", "pH band starts above where it ends", "swap ph_min and ph_max")

    def check_retrievals(self) -> None:
        """Every cited page has the date it was read, and every dated page is cited."""
        cited = cited_urls(self.rows)
        dated = {row.get("url"): row for row in self.rows["source_retrievals"]}
        for url, (row, column) in cited.items():
            if url not in dated:
                self.report(row, column, f"{url} has no retrieval date in source_retrievals.csv",
                            "run `remediate stamp-retrievals` once you have read it: it dates new URLs today")
        for url, row in dated.items():
            if url not in cited:
                self.report(row, "url", "no row cites this URL any more", "delete the line")

    def check_shared_ids(self) -> None:
        """An id in two tables is ambiguous: a reference to it silently resolves to one of them."""
        first: dict[str, Row] = {}
        for table in TABLES:
            if table.key != ("id",):  # only these tables define ids (translations refer to them)
                continue
            for row in self.rows[table.name]:
                earlier = first.setdefault(row.get("id"), row) if row.get("id") else row
                if earlier.table != table.name:
                    self.report(row, "id", f"id {row.get('id')!r} is also an id in {earlier.where()}",
                                "ids must be unique across tables; rename one and the rows that refer to it")


def _is_date(text: str) -> bool:
    try:
        return date.fromisoformat(text) <= date.today() and len(text) == 10
    except ValueError:
        return False


def _num(text: str) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def check_tables(data_dir: Path, vocabularies: Graph) -> list[Problem]:
    return TableChecker(data_dir, vocabularies).run()

