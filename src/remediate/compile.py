"""Compile the curated tables (kg_data/*.csv) into RDF. One function per table; each
row becomes one entity plus the qualified statements (cost, duration, ratings) that
carry their own sources (how a single cell is written lives in row_writer.py).
Validation is `check`'s job: this module assumes clean rows and skips empty cells."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from .namespaces import ID, OBO, QUDT, QUDT_CURRENCY, QUDT_UNIT, REM, SOSA, entity, slug
from .row_writer import RowWriter
from .tables import GUIDELINE_KEY, MEASUREMENT_KEY, Row
from .vocab import ENTITY_KINDS, TRANSLATED


class Compiler(RowWriter):
    # -- tables --------------------------------------------------------------------
    def contaminant_group(self, row: Row) -> None:
        s = entity("contaminant-group", row.get("id"))
        self.add(s, RDF.type, REM.ContaminantGroup)
        self.labels(s, row)
        if row.get("parent"):
            self.add(s, REM.subGroupOf, entity("contaminant-group", row.get("parent")))
        if row.get("frtr_group"):
            self.add(s, REM.frtrGroup, Literal(row.get("frtr_group") == "true"))
        self.definition(s, row)
        self.sources(s, row)

    def contaminant(self, row: Row) -> None:
        cid = row.get("id")
        s = entity("contaminant", cid)
        self.add(s, RDF.type, REM.Contaminant)
        if row.get("kind") == "mixture":
            self.add(s, RDF.type, REM.ContaminantMixture)
        self.labels(s, row)
        self.typed(s, REM.casNumber, row.get("cas"), XSD.string)
        for group in row.items("groups"):
            self.add(s, REM.memberOf, entity("contaminant-group", group))
        for member in row.items("members"):
            self.add(s, REM.hasComponent, entity("contaminant", member))
        if row.get("chebi"):
            self.typed(s, REM.chebiId, row.get("chebi"), XSD.string)
            self.add(s, SKOS.exactMatch, OBO[row.get("chebi").replace(":", "_")])
        self.typed(s, REM.pubchemCid, row.get("pubchem_cid"), XSD.integer)
        self.typed(s, REM.inchiKey, row.get("inchikey"), XSD.string)
        self.typed(s, REM.biodegradability, row.get("biodegradability"), XSD.string)
        self.definition(s, row)
        self.sources(s, row)
        props = {REM.henryConstant: "henry_atm_m3_mol", REM.waterSolubility: "water_solubility_mg_l"}
        if not row.get("log_kow_source"):
            props[REM.logKow] = "log_kow"
        self.properties(s, entity("chemical-properties", cid), row, props, "property_source",
                        f"chemical properties of {row.get('label')}")
        if row.get("log_kow_source"):  # log Kow has its own source (the CRC value via the chemicals library)
            self.properties(s, entity("chemical-properties", f"{cid}--log-kow"), row, {REM.logKow: "log_kow"},
                            "log_kow_source", f"log Kow of {row.get('label')}")

    def properties(self, owner: URIRef, p: URIRef, row: Row, props: dict, source_column: str, label: str) -> None:
        if any(row.get(col) for col in props.values()):
            self.add(owner, REM.hasChemicalProperties, p)
            self.add(p, RDF.type, REM.ChemicalProperties)
            self.text(p, RDFS.label, label)
            for prop, col in props.items():
                self.typed(p, prop, row.get(col), XSD.double)
            self.sources(p, row, source_column, "")

    def technique(self, row: Row) -> None:
        tid = row.get("id")
        s = entity("technique", tid)
        nature_based = row.get("nature_based") == "true"
        self.add(s, RDF.type, REM.NatureBasedSolution if nature_based else REM.RemediationTechnique)
        self.labels(s, row)
        self.codes(s, REM.hasCategory, "category", [row.get("category")])
        self.codes(s, REM.hasSetting, "setting", row.items("setting"))
        self.codes(s, REM.hasFunction, "function", row.items("functions"))
        self.codes(s, REM.treatsMedium, "medium", row.items("media"))
        if row.get("maturity"):
            self.codes(s, REM.hasMaturity, "maturity", [row.get("maturity")])
        self.codes(s, REM.hasRole, "role", [row.get("role")] if row.get("role") else [])
        if row.get("solidifies"):
            self.add(s, REM.solidifiesSoil, Literal(row.get("solidifies") == "true"))
        for ref in row.items("serves"):
            self.add(s, REM.serves, entity("technique", ref))
        if row.get("broader"):
            self.add(s, REM.formOf, entity("technique", row.get("broader")))
        for url in row.items("role_source"):
            self.graph.add((s, DCTERMS.source, URIRef(url)))
        self.definition(s, row)
        self.text(s, REM.limitations, row.get("limitations"))
        self.text(s, REM.sustainability, row.get("sustainability"))
        self.sources(s, row)
        if row.get("time_min_years") or row.get("time_max_years"):
            d = entity("duration", tid)
            self.add(s, REM.hasDurationEstimate, d)
            self.add(d, RDF.type, REM.DurationEstimate)
            self.text(d, RDFS.label, f"typical duration of {row.get('label')}")
            self.typed(d, REM.minimum, row.get("time_min_years"), XSD.decimal)
            self.typed(d, REM.maximum, row.get("time_max_years"), XSD.decimal)
            self.add(d, REM.unit, QUDT_UNIT.YR)
            self.sources(d, row, "time_source", "")
        if row.get("cost_min") or row.get("cost_max"):
            self.cost(s, entity("cost", tid), row, "cost_min", "cost_max", f"unit cost of {row.get('label')}")

    def cost(self, owner: URIRef, c: URIRef, row: Row, low: str, high: str, label: str) -> None:
        self.add(owner, REM.hasCostEstimate, c)
        self.add(c, RDF.type, REM.CostEstimate)
        self.text(c, RDFS.label, label)
        self.typed(c, REM.minimum, row.get(low), XSD.decimal)
        self.typed(c, REM.maximum, row.get(high), XSD.decimal)
        self.typed(c, REM.currency, row.get("cost_currency"), XSD.string)
        self.typed(c, REM.costYear, row.get("cost_year"), XSD.integer)
        self.typed(c, REM.perQuantity, row.get("cost_unit"), XSD.string)
        self.add(c, REM.perUnit, self.unit("cost_unit", row.get("cost_unit")))
        if row.get("cost_currency"):
            self.add(c, REM.currencyUnit, QUDT_CURRENCY[row.get("cost_currency")])
        self.sources(c, row, "cost_source" if "cost_source" in row.values else "source", "")

    def applicability(self, row: Row) -> None:
        parts = [row.get("technique"), row.get("target"), row.get("medium") or "all-media"]
        s = entity("applicability", "--".join(parts))
        self.add(s, RDF.type, REM.Applicability)
        self.text(s, RDFS.label, f"{row.get('technique')} for {row.get('target')}: {row.get('rating')}")
        self.add(s, REM.technique, entity("technique", row.get("technique")))
        self.add(s, REM.target, self.target(row.get("target")))
        if row.get("medium"):
            self.codes(s, REM.medium, "medium", [row.get("medium")])
        self.codes(s, REM.rating, "rating", [row.get("rating")])
        self.codes(s, REM.ratingBasis, "rating_basis", [row.get("basis")] if row.get("basis") else [])
        for ref in row.items("cases"):
            self.add(s, REM.supportingCase, entity("case-study", ref))
        self.text(s, REM.note, row.get("note"))
        self.sources(s, row)

    def practice(self, row: Row) -> None:
        parts = [row.get("technique"), row.get("target") or "all-contaminants", row.get("medium") or "all-media"]
        if row.get("period"):
            parts.append(slug(row.get("period")))
        s = entity("practice", "--".join(parts))
        self.add(s, RDF.type, REM.PracticeStatistic)
        self.text(s, RDFS.label, f"use of {row.get('technique')} for {row.get('target') or 'all contaminants'}")
        self.add(s, REM.technique, entity("technique", row.get("technique")))
        if row.get("target"):
            self.add(s, REM.target, self.target(row.get("target")))
        if row.get("medium"):
            self.codes(s, REM.medium, "medium", [row.get("medium")])
        self.codes(s, REM.practiceUse, "use", [row.get("use")] if row.get("use") else [])
        self.typed(s, REM.projectCount, row.get("projects"), XSD.integer)
        self.text(s, REM.period, row.get("period"), lang=None)
        self.text(s, REM.note, row.get("note"))
        self.sources(s, row)

    def constraint(self, row: Row) -> None:
        key = [row.get("technique"), row.get("parameter"), row.get("operator"), row.get("value")]
        s = entity("constraint", "--".join(slug(k) for k in key))
        self.add(s, RDF.type, REM.SiteConstraint)
        label = f"{row.get('technique')}: {row.get('parameter')} {row.get('operator')} {row.get('value')}"
        self.text(s, RDFS.label, label)
        self.add(s, REM.constrainsTechnique, entity("technique", row.get("technique")))
        self.typed(s, REM.parameter, row.get("parameter"), XSD.string)
        operator, value = row.get("operator"), row.get("value")
        if operator in ("min", "max"):
            self.typed(s, REM.minimum if operator == "min" else REM.maximum, value, XSD.decimal)
        else:
            prop = REM.allowedValue if operator == "in" else REM.disallowedValue
            self.codes(s, prop, self.value_vocab(row.get("parameter")), row.items("value"))
        self.typed(s, REM.effect, row.get("effect"), XSD.string)
        self.text(s, REM.reason, row.get("reason"))
        self.sources(s, row)

    def plant(self, row: Row) -> None:
        s = entity("plant", row.get("id"))
        self.add(s, RDF.type, REM.PlantSpecies)
        self.text(s, RDFS.label, row.get("scientific_name"), lang=None)
        self.typed(s, REM.scientificName, row.get("scientific_name"), XSD.string)
        for name in row.items("common_names"):
            self.text(s, SKOS.altLabel, name)
        self.typed(s, REM.family, row.get("family"), XSD.string)
        self.codes(s, REM.climate, "climate", row.items("climates"))
        self.text(s, REM.region, row.get("region"))
        self.definition(s, row)
        self.sources(s, row)
        for column, prop in (("family_source", REM.familySource), ("climate_source", REM.climateSource)):
            for url in row.items(column):
                self.graph.add((s, prop, URIRef(url)))

    def plant_use(self, row: Row) -> None:
        parts = [row.get("plant"), row.get("contaminant"), row.get("mechanism")]
        s = entity("plant-use", "--".join(parts))
        self.add(s, RDF.type, REM.PlantUse)
        self.text(s, RDFS.label, f"{row.get('plant')}: {row.get('mechanism')} of {row.get('contaminant')}")
        self.add(s, REM.plant, entity("plant", row.get("plant")))
        self.add(s, REM.actsOn, self.target(row.get("contaminant")))
        self.add(s, REM.mechanism, entity("technique", row.get("mechanism")))
        if row.get("hyperaccumulator"):
            self.add(s, REM.hyperaccumulator, Literal(row.get("hyperaccumulator") == "true"))
        self.text(s, REM.note, row.get("note"))
        self.sources(s, row)

    def case_study(self, row: Row) -> None:
        cid = row.get("id")
        s = entity("case-study", cid)
        self.add(s, RDF.type, REM.CaseStudy)
        self.text(s, RDFS.label, row.get("label"))
        self.text(s, REM.siteName, row.get("site"))
        self.typed(s, REM.country, row.get("country"), XSD.string)
        self.text(s, REM.location, row.get("location"))
        self.codes(s, REM.medium, "medium", row.items("media"))
        for ref in row.items("contaminants"):
            self.add(s, REM.involvesContaminant, self.target(ref))
        for vocab, prop in (("soil_texture", REM.soilTexture), ("land_use", REM.landUse), ("climate", REM.climate)):
            self.codes(s, prop, vocab, row.items(vocab))
        for ref in row.items("techniques"):
            self.add(s, REM.appliedTechnique, entity("technique", ref))
        self.text(s, REM.techniqueSequence, " | ".join(row.items("techniques")), lang=None)
        if row.get("main_technique"):
            self.add(s, REM.mainTechnique, entity("technique", row.get("main_technique")))
        self.typed(s, REM.siteKey, row.get("site_id") or cid, XSD.string)
        for ref in row.items("plants"):
            self.add(s, REM.usedPlant, entity("plant", ref))
        self.codes(s, REM.scale, "scale", [row.get("scale")] if row.get("scale") else [])
        self.codes(s, REM.outcomeClass, "outcome_class", [row.get("outcome_class") or "unknown"])
        self.typed(s, REM.startYear, row.get("start_year"), XSD.integer)
        self.typed(s, REM.durationYears, row.get("duration_years"), XSD.decimal)
        for column, prop in (("contamination_depth_m", REM.contaminationDepth), ("groundwater_depth_m",
                             REM.groundwaterDepth), ("area_m2", REM.areaM2), ("volume_m3", REM.volumeM3)):
            self.typed(s, prop, row.get(column), XSD.decimal)
        self.text(s, REM.outcome, row.get("outcome"))
        self.text(s, DCTERMS.description, row.get("description"))
        self.sources(s, row)
        if row.get("cost_amount"):
            label = f"cost of {row.get('label')}"
            self.cost(s, entity("cost", f"case-{cid}"), row, "cost_amount", "cost_amount", label)

    def concentration(self, row: Row) -> None:
        s = entity("measurement", "--".join(row.get(c) for c in MEASUREMENT_KEY if row.get(c)))
        self.add(entity("case-study", row.get("case_study")), REM.hasMeasurement, s)
        self.add(s, RDF.type, REM.ConcentrationMeasurement)
        self.text(s, RDFS.label, f"{row.get('contaminant')} in {row.get('medium')} at {row.get('case_study')}")
        self.add(s, REM.contaminant, self.target(row.get("contaminant")))
        self.codes(s, REM.medium, "medium", [row.get("medium")])
        self.typed(s, REM.samplingLocation, row.get("location"), XSD.string)
        self.typed(s, REM.before, row.get("before"), XSD.decimal)
        self.typed(s, REM.after, row.get("after"), XSD.decimal)
        self.add(s, REM.unit, self.unit("concentration_unit", row.get("unit")))
        self.text(s, REM.note, row.get("note"))
        self.sources(s, row, "source", "")
        for phase in ("before", "after"):
            self.observation(s, row, phase)

    def observation(self, measurement: URIRef, row: Row, phase: str) -> None:
        """The same value as a SOSA observation with a QUDT quantity value: one per treatment
        phase (the tables give no dates, so the phase is the time; the sampling location
        stays on the measurement)."""
        if not row.get(phase):
            return
        obs = URIRef(f"{measurement}--{phase}")
        result = URIRef(f"{obs}--result")
        self.add(measurement, REM.hasObservation, obs)
        self.add(obs, RDF.type, SOSA.Observation)
        self.text(obs, RDFS.label, f"{row.get('contaminant')} in {row.get('medium')} at {row.get('case_study')}, "
                                   f"{phase} treatment")
        self.add(obs, SOSA.hasFeatureOfInterest, entity("case-study", row.get("case_study")))
        self.add(obs, SOSA.observedProperty, self.target(row.get("contaminant")))
        self.typed(obs, REM.treatmentPhase, phase, XSD.string)
        self.add(obs, SOSA.hasResult, result)
        self.add(result, RDF.type, QUDT.QuantityValue)
        self.text(result, RDFS.label, f"{row.get(phase)} {row.get('unit')}")
        self.typed(result, QUDT.numericValue, row.get(phase), XSD.decimal)
        self.add(result, QUDT.unit, self.unit("concentration_unit", row.get("unit")))

    def retrieval(self, row: Row) -> None:
        # the day the cited page was read (rows already there: the commit that first cited it);
        # midnight UTC of that day, because xsd:date is not an OWL 2 datatype (HermiT refuses it)
        self.typed(URIRef(row.get("url")), REM.retrieved, f"{row.get('retrieved')}T00:00:00Z", XSD.dateTime)

    def jurisdiction(self, row: Row) -> None:
        s = entity("jurisdiction", row.get("id"))
        self.add(s, RDF.type, REM.Jurisdiction)
        self.text(s, RDFS.label, row.get("label"))
        self.typed(s, REM.country, row.get("country"), XSD.string)
        self.typed(s, REM.level, row.get("level"), XSD.string)
        self.text(s, REM.authority, row.get("authority"))
        self.sources(s, row)

    def guideline(self, row: Row) -> None:
        s = entity("guideline-value", guideline_slug(row))
        self.add(s, RDF.type, REM.GuidelineValue)
        self.text(s, RDFS.label, (f"{row.get('jurisdiction').upper()} {row.get('value_type')} value for "
                                  f"{row.get('contaminant')} in {row.get('medium')} ({row.get('land_use')})"))
        self.add(s, REM.contaminant, entity("contaminant", row.get("contaminant")))
        self.add(s, REM.jurisdiction, entity("jurisdiction", row.get("jurisdiction")))
        self.text(s, REM.instrument, row.get("instrument"))
        self.typed(s, REM.instrumentYear, row.get("instrument_year"), XSD.integer)
        self.typed(s, REM.valueType, row.get("value_type"), XSD.string)
        self.codes(s, REM.landUse, "land_use", [row.get("land_use")])
        self.typed(s, REM.instrumentClass, row.get("subclass"), XSD.string)
        self.codes(s, REM.medium, "medium", [row.get("medium")])
        self.typed(s, REM.value, row.get("value"), XSD.decimal)
        self.add(s, REM.unit, self.unit("concentration_unit", row.get("unit")))
        self.typed(s, REM.basis, row.get("basis"), XSD.string)
        self.typed(s, REM.phMin, row.get("ph_min"), XSD.decimal)
        self.typed(s, REM.phMax, row.get("ph_max"), XSD.decimal)
        self.typed(s, REM.soilCorrection, row.get("soil_correction"), XSD.string)
        self.text(s, REM.note, row.get("note"))
        self.sources(s, row)

    def deprecation(self, row: Row) -> None:
        """A retired id stays resolvable: owl:deprecated, and where it went."""
        segment = ENTITY_KINDS[row.get("kind")][1]
        s = entity(segment, row.get("id"))
        self.add(s, OWL.deprecated, Literal(True))
        self.add(s, DCTERMS.isReplacedBy, entity(segment, row.get("replaced_by")))
        self.text(s, RDFS.label, f"{row.get('id')} (retired id)")
        self.text(s, REM.note, row.get("reason"))

    def translation(self, row: Row) -> None:
        """A label in another FAO language, translated by this project: its own property
        (rem:translatedLabel, a sub-property of rdfs:label) says it is not a sourced fact."""
        kind = row.get("kind")
        s = ID[row.get("id")] if kind == "vocab" else entity(TRANSLATED[kind][1], row.get("id"))
        self.graph.add((s, REM.translatedLabel, Literal(row.get("label"), lang=row.get("lang"))))

    # -- driver --------------------------------------------------------------------
    def run(self) -> Graph:
        handlers: dict[str, Callable[[Row], None]] = {
            "contaminant_groups": self.contaminant_group, "contaminants": self.contaminant,
            "techniques": self.technique, "technique_applicability": self.applicability,
            "practice_statistics": self.practice,
            "plants": self.plant, "plant_uses": self.plant_use, "case_studies": self.case_study,
            "case_concentrations": self.concentration, "jurisdictions": self.jurisdiction,
            "technique_constraints": self.constraint, "guideline_values": self.guideline,
            "translations": self.translation, "deprecations": self.deprecation,
            "source_retrievals": self.retrieval,
        }
        for name, handler in handlers.items():
            for row in self.rows[name]:
                self.row = row
                handler(row)
        self.row = None
        return self.graph


def guideline_slug(row: Row) -> str:
    """The IRI slug of a guideline value: its declared key (codes, year and pH band)."""
    parts = [row.get(c) for c in GUIDELINE_KEY if c not in ("ph_min", "ph_max")]
    if row.get("ph_min") or row.get("ph_max"):
        parts.append(f"ph-{row.get('ph_min') or 'any'}-{row.get('ph_max') or 'any'}")
    return "--".join(slug(p) for p in parts if p)


def compile_with_origins(data_dir: Path) -> tuple[Graph, dict[URIRef, str]]:
    """The compiled graph and, for each entity, the file:line of the row it came from."""
    compiler = Compiler(data_dir)
    return compiler.run(), compiler.origin


def version_triples(graph: Graph, ontology: URIRef, version: str) -> None:
    """Stamp the package version on the ontology (the one place it is kept is pyproject)."""
    graph.add((ontology, OWL.versionIRI, URIRef(f"{ontology}/{version}")))
    graph.add((ontology, OWL.versionInfo, Literal(version)))
