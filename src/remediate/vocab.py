"""Which concept scheme of kg_data/vocabularies.ttl each table column takes its codes from,
the few structural lists that stay in code, and the IRI of a code's concept."""

from __future__ import annotations

from rdflib import URIRef

from .namespaces import entity

# a table column's vocabulary name -> its concept scheme in kg_data/vocabularies.ttl (the
# scheme's name is also the IRI path segment of its concepts: id/<scheme>/<code>)
SCHEMES = {
    "medium": "medium", "setting": "setting", "category": "category", "function": "function",
    "maturity": "maturity", "rating": "rating", "soil_texture": "soil-texture",
    "land_use": "land-use", "climate": "climate", "permeability": "permeability",
    "rating_basis": "rating-basis", "role": "technique-role", "scale": "case-scale",
    "outcome_class": "outcome-class", "use": "practice-use", "contaminant_kind": "contaminant-kind",
    "biodegradability": "biodegradability", "cost_unit": "cost-unit", "parameter": "site-parameter",
    "operator": "constraint-operator", "effect": "constraint-effect", "mechanism": "plant-mechanism",
    "concentration_unit": "concentration-unit", "level": "jurisdiction-level", "basis": "guideline-basis",
    "soil_correction": "soil-correction", "value_type": "value-type",
}

# Lists that mirror the code's own structure (which tables a translation or a retired id
# may point into, the languages the app ships catalogues for), not facts a curator extends.
STRUCTURAL_VOCABS: dict[str, tuple[str, ...]] = {
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

def code_iri(vocab: str, code: str) -> URIRef:
    return entity(SCHEMES[vocab], code)


def vocab_of_scheme(scheme: str) -> str:
    """The column vocabulary name of a scheme ("soil-texture" -> "soil_texture")."""
    return next(name for name, value in SCHEMES.items() if value == scheme)
