"""Controlled values that are fixed in code (the rest live in kg_data/vocabularies.ttl)
and the mapping from a table's code to the IRI of its vocabulary entry."""

from __future__ import annotations

from rdflib import URIRef

from .namespaces import QUDT_UNIT, entity

# vocabulary name -> IRI path segment of its entries in kg_data/vocabularies.ttl
GRAPH_VOCABS = {
    "medium": "medium", "setting": "setting", "category": "category", "function": "function",
    "maturity": "maturity", "rating": "rating", "soil_texture": "soil-texture",
    "land_use": "land-use", "climate": "climate", "permeability": "permeability",
    "rating_basis": "rating-basis", "role": "technique-role", "scale": "case-scale",
    "outcome_class": "outcome-class", "use": "practice-use",
}

FIXED_VOCABS: dict[str, tuple[str, ...]] = {
    "contaminant_kind": ("substance", "mixture"),
    "biodegradability": ("readily", "moderately", "poorly", "recalcitrant"),
    "cost_unit": ("m3", "tonne", "m2", "ha", "site"),
    "parameter": ("soil_texture", "permeability", "ph", "contamination_depth_m",
                  "groundwater_depth_m", "climate", "organic_matter_pct"),
    "operator": ("in", "not_in", "min", "max"),
    "effect": ("exclude", "caution"),
    "mechanism": ("phytoextraction", "phytostabilisation", "phytodegradation", "rhizodegradation",
                  "phytovolatilisation", "phytohydraulic-control", "rhizofiltration"),
    "concentration_unit": ("mg/kg", "ug/L"),
    "level": ("national", "state", "regional", "international"),
    "basis": ("human_health", "ecological", "combined", "background", "other"),
    "soil_correction": ("nl_standard_soil",),
    "translation_kind": ("technique", "contaminant", "contaminant_group", "vocab"),
    "entity_kind": ("technique", "contaminant", "contaminant_group", "case_study", "plant", "jurisdiction",
                    "guideline_value", "measurement"),
    "language": ("ar", "zh", "fr", "ru", "es"),  # the FAO languages besides English
}

# the table whose ids a translation of each kind refers to (vocab ids are "<segment>/<code>")
TRANSLATED = {"technique": ("techniques", "technique"), "contaminant": ("contaminants", "contaminant"),
              "contaminant_group": ("contaminant_groups", "contaminant-group")}
# kinds of record whose retired ids deprecations.csv keeps resolvable: kind -> (table, IRI segment)
ENTITY_KINDS = {**TRANSLATED, "case_study": ("case_studies", "case-study"), "plant": ("plants", "plant"),
                "jurisdiction": ("jurisdictions", "jurisdiction"),
                "guideline_value": ("guideline_values", "guideline-value"),
                "measurement": ("case_concentrations", "measurement")}

# which vocabulary the value of a constraint on each categorical parameter comes from
PARAMETER_VOCAB = {"soil_texture": "soil_texture", "permeability": "permeability", "climate": "climate"}

UNITS = {"mg/kg": QUDT_UNIT["MilliGM-PER-KiloGM"], "ug/L": QUDT_UNIT["MicroGM-PER-L"]}


def code_iri(vocab: str, code: str) -> URIRef:
    return entity(GRAPH_VOCABS[vocab], code)
