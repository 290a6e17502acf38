"""The curated tables of kg_data/: their columns, and reading them with positions so
that every problem can name file, row and column. kg_data/README.md documents the same
columns for curators; a test keeps the two in step."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

LIST_SEPARATOR = "|"
# What tells one measurement of a case from another: the well, plot or area it was taken at.
MEASUREMENT_KEY = ("case_study", "contaminant", "medium", "location")
# What tells one guideline value from another: codes, years and numbers, never free text,
# so editing a note never changes a value's IRI.
GUIDELINE_KEY = ("jurisdiction", "contaminant", "instrument_year", "value_type", "land_use", "subclass", "medium",
                 "ph_min", "ph_max")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"  # text | id | token | ref | list | synonym_list | number | year | bool | url_list | code
    required: bool = False
    vocab: str = ""  # controlled vocabulary (for code / code list) or referenced table (ref)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ("id",)

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]


@dataclass
class Row:
    """One CSV row: its values, and where it came from (line numbers count the header as 1)."""

    table: str
    path: Path
    line: int
    values: dict[str, str] = field(default_factory=dict)

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def items(self, column: str) -> list[str]:
        return split_list(self.get(column))

    def where(self, column: str = "") -> str:
        return f"{self.path.name}:{self.line}" + (f" [{column}]" if column else "")


def split_list(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()]


# How close an alternative label is to the record's meaning (the OBO synonym scopes). An
# alt label is exact unless it ends in one of these in brackets: "phytoremediation [broad]".
SYNONYM_SCOPES = ("exact", "broad", "narrow", "related")
SCOPE_RE = re.compile(r"^(?P<label>.*?)\s+\[(?P<scope>[a-z]+)\]$")  # "B[a]P" is a name, not a scope


def split_synonym(item: str) -> tuple[str, str]:
    """An alt label cell item -> (label, scope); the scope is not validated here (checks.py does)."""
    match = SCOPE_RE.match(item)
    return (match.group("label"), match.group("scope").strip()) if match else (item, "exact")


def _c(name: str, kind: str = "text", required: bool = False, vocab: str = "") -> Column:
    return Column(name, kind, required, vocab)


SOURCE = (_c("source", "url_list", True), _c("source_year", "year"))
LABELS = (_c("label", required=True), _c("alt_labels", "synonym_list"))

TABLES: tuple[Table, ...] = (
    Table("contaminant_groups", (
        _c("id", "id", True), *LABELS, _c("parent", "ref", vocab="contaminant_groups"),
        _c("frtr_group", "bool"), _c("definition", required=True), *SOURCE)),
    Table("contaminants", (
        _c("id", "id", True), *LABELS, _c("kind", "code", True, "contaminant_kind"),
        _c("cas", "cas"), _c("groups", "ref_list", True, "contaminant_groups"),
        _c("members", "ref_list", vocab="contaminants"), _c("chebi", "chebi"),
        _c("pubchem_cid", "integer"), _c("inchikey", "inchikey"), _c("definition"), *SOURCE,
        _c("henry_atm_m3_mol", "number"), _c("water_solubility_mg_l", "number"),
        _c("log_kow", "real"), _c("log_kow_source", "url_list"),
        _c("biodegradability", "code", vocab="biodegradability"),
        _c("property_source", "url_list"))),
    Table("techniques", (
        _c("id", "id", True), *LABELS, _c("nature_based", "bool", True),
        _c("category", "code", True, "category"), _c("setting", "code_list", True, "setting"),
        _c("functions", "code_list", True, "function"), _c("media", "code_list", True, "medium"),
        _c("maturity", "code", vocab="maturity"), _c("solidifies", "bool"), _c("role", "code", True, "role"),
        _c("serves", "ref_list", vocab="techniques"), _c("broader", "ref", vocab="techniques"),
        _c("role_source", "url_list"),
        _c("time_min_years", "number"), _c("time_max_years", "number"), _c("time_source", "url_list"),
        _c("cost_min", "number"), _c("cost_max", "number"), _c("cost_unit", "code", vocab="cost_unit"),
        _c("cost_currency", "currency"), _c("cost_year", "year"), _c("cost_source", "url_list"),
        _c("definition", required=True), _c("limitations"), _c("sustainability"), *SOURCE)),
    Table("technique_applicability", (
        _c("technique", "ref", True, "techniques"), _c("target", "ref", True, "contaminants|contaminant_groups"),
        _c("medium", "code", vocab="medium"), _c("rating", "code", True, "rating"),
        _c("basis", "code", True, "rating_basis"), _c("cases", "ref_list", vocab="case_studies"), _c("note"),
        *SOURCE),
        key=("technique", "target", "medium")),
    Table("practice_statistics", (
        _c("technique", "ref", True, "techniques"), _c("target", "ref", vocab="contaminants|contaminant_groups"),
        _c("medium", "code", vocab="medium"), _c("use", "code", vocab="use"), _c("projects", "integer"),
        _c("period"), _c("note"), *SOURCE),
        key=("technique", "target", "medium", "period")),
    Table("technique_constraints", (
        _c("technique", "ref", True, "techniques"), _c("parameter", "code", True, "parameter"),
        _c("operator", "code", True, "operator"), _c("value", required=True),
        _c("effect", "code", True, "effect"), _c("reason", required=True), *SOURCE),
        key=("technique", "parameter", "operator", "value")),
    Table("plants", (
        _c("id", "id", True), _c("scientific_name", required=True), _c("common_names", "list"),
        _c("family"), _c("climates", "code_list", vocab="climate"), _c("region"), _c("definition"),
        *SOURCE, _c("family_source", "url_list"), _c("climate_source", "url_list"))),
    Table("plant_uses", (
        _c("plant", "ref", True, "plants"), _c("contaminant", "ref", True, "contaminants|contaminant_groups"),
        _c("mechanism", "code", True, "mechanism"), _c("hyperaccumulator", "bool"), _c("note"), *SOURCE),
        key=("plant", "contaminant", "mechanism")),
    Table("case_studies", (
        _c("id", "id", True), _c("label", required=True), _c("site"), _c("country", "country", True),
        _c("location"), _c("media", "code_list", True, "medium"),
        _c("contaminants", "ref_list", vocab="contaminants|contaminant_groups"),
        _c("soil_texture", "code_list", vocab="soil_texture"), _c("land_use", "code_list", vocab="land_use"),
        _c("climate", "code", vocab="climate"), _c("techniques", "ref_list", True, "techniques"),
        _c("main_technique", "ref", vocab="techniques"), _c("site_id", "id"),
        _c("plants", "ref_list", vocab="plants"), _c("scale", "code", vocab="scale"),
        _c("start_year", "year"), _c("duration_years", "number"),
        _c("outcome_class", "code", vocab="outcome_class"), _c("outcome"),
        _c("contamination_depth_m", "number"), _c("groundwater_depth_m", "number"),
        _c("area_m2", "number"), _c("volume_m3", "number"), _c("cost_amount", "number"),
        _c("cost_currency", "currency"), _c("cost_year", "year"),
        _c("description", required=True), *SOURCE)),
    Table("case_concentrations", (
        _c("case_study", "ref", True, "case_studies"),
        _c("contaminant", "ref", True, "contaminants|contaminant_groups"),
        _c("medium", "code", True, "medium"), _c("location", "id"), _c("before", "number"), _c("after", "number"),
        _c("unit", "code", True, "concentration_unit"), _c("note"), _c("source", "url_list", True)),
        key=MEASUREMENT_KEY),
    Table("jurisdictions", (
        _c("id", "id", True), _c("label", required=True), _c("country", "country"),
        _c("level", "code", True, "level"), _c("authority"), *SOURCE)),
    Table("guideline_values", (
        _c("contaminant", "ref", True, "contaminants"), _c("jurisdiction", "ref", True, "jurisdictions"),
        _c("instrument", required=True), _c("instrument_year", "year", True),
        _c("value_type", "code", True, "value_type"),
        _c("land_use", "code", True, "land_use"), _c("subclass", "id"), _c("medium", "code", True, "medium"),
        _c("value", "number", True), _c("unit", "code", True, "concentration_unit"),
        _c("basis", "code", vocab="basis"), _c("ph_min", "number"), _c("ph_max", "number"),
        _c("soil_correction", "code", vocab="soil_correction"), _c("note"), *SOURCE),
        key=GUIDELINE_KEY),
)

TABLES = (*TABLES, Table("source_retrievals", (
    _c("url", "url", True), _c("retrieved", "date", True)), key=("url",)), Table("deprecations", (
    _c("kind", "code", True, "entity_kind"), _c("id", "slug", True), _c("replaced_by", "slug", True),
    _c("reason", required=True)), key=("kind", "id")), Table("translations", (
    _c("kind", "code", True, "translation_kind"), _c("id", required=True), _c("lang", "code", True, "language"),
    _c("label", required=True)), key=("kind", "id", "lang")))

TABLES_BY_NAME = {t.name: t for t in TABLES}


def read_table(table: Table, data_dir: Path) -> Iterator[Row]:
    """Rows of one table; nothing if its file does not exist yet."""
    path = data_dir / table.filename
    if not path.exists():
        return
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        for values in reader:
            # reader.line_num is the physical line of the row's end; good enough to find it
            yield Row(table.name, path, reader.line_num, {k: v for k, v in values.items() if k})


def read_header(table: Table, data_dir: Path) -> list[str] | None:
    path = data_dir / table.filename
    if not path.exists():
        return None
    with path.open(newline="", encoding="utf-8") as handle:
        return next(csv.reader(handle), [])
