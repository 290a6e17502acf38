"""The project's namespaces. `REM` fails on a typo, so a misspelt term breaks at import."""

import re

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from .prefixes import BASE, PREFIXES  # noqa: F401 (PREFIXES re-exported for the build)

ONTOLOGY_IRI = URIRef(BASE + "ontology")
ID = Namespace(BASE + "id/")
QUDT_UNIT = Namespace("http://qudt.org/vocab/unit/")
QUDT_CURRENCY = Namespace("http://qudt.org/vocab/currency/")
QUDT = Namespace("http://qudt.org/schema/qudt/")
SOSA = Namespace("http://www.w3.org/ns/sosa/")
OBO = Namespace("http://purl.obolibrary.org/obo/")
OBO_IN_OWL = Namespace("http://www.geneontology.org/formats/oboInOwl#")


class REM(DefinedNamespace):
    """Terms of ontology/remediate.ttl (a test keeps this list and the file in step)."""

    _NS = Namespace(BASE + "ontology/")
    _fail = True

    # classes
    RemediationTechnique: URIRef
    NatureBasedSolution: URIRef
    Contaminant: URIRef
    ContaminantMixture: URIRef
    ContaminantGroup: URIRef
    CaseStudy: URIRef
    PlantSpecies: URIRef
    GuidelineValue: URIRef
    Jurisdiction: URIRef
    SiteCondition: URIRef
    Medium: URIRef
    SoilTexture: URIRef
    LandUse: URIRef
    ClimateZone: URIRef
    PhClass: URIRef
    PermeabilityClass: URIRef
    TechniqueCategory: URIRef
    TreatmentFunction: URIRef
    Setting: URIRef
    MaturityLevel: URIRef
    ApplicabilityRating: URIRef
    Applicability: URIRef
    SiteConstraint: URIRef
    CostEstimate: URIRef
    DurationEstimate: URIRef
    ChemicalProperties: URIRef
    PlantUse: URIRef
    ConcentrationMeasurement: URIRef
    RatingBasis: URIRef
    TechniqueRole: URIRef
    CaseScale: URIRef
    OutcomeClass: URIRef
    PracticeUse: URIRef
    PracticeStatistic: URIRef
    # object properties
    treatsMedium: URIRef
    hasSetting: URIRef
    hasCategory: URIRef
    hasFunction: URIRef
    hasMaturity: URIRef
    hasCostEstimate: URIRef
    hasDurationEstimate: URIRef
    technique: URIRef
    target: URIRef
    medium: URIRef
    rating: URIRef
    memberOf: URIRef
    subGroupOf: URIRef
    hasComponent: URIRef
    hasChemicalProperties: URIRef
    constrainsTechnique: URIRef
    allowedValue: URIRef
    disallowedValue: URIRef
    plant: URIRef
    actsOn: URIRef
    mechanism: URIRef
    climate: URIRef
    soilTexture: URIRef
    landUse: URIRef
    involvesContaminant: URIRef
    appliedTechnique: URIRef
    usedPlant: URIRef
    hasMeasurement: URIRef
    contaminant: URIRef
    jurisdiction: URIRef
    unit: URIRef
    ratingBasis: URIRef
    supportingCase: URIRef
    hasRole: URIRef
    serves: URIRef
    formOf: URIRef
    mainTechnique: URIRef
    scale: URIRef
    outcomeClass: URIRef
    practiceUse: URIRef
    # data and annotation properties
    sourceYear: URIRef
    casNumber: URIRef
    pubchemCid: URIRef
    chebiId: URIRef
    henryConstant: URIRef
    waterSolubility: URIRef
    logKow: URIRef
    biodegradability: URIRef
    frtrGroup: URIRef
    ratingScore: URIRef
    parameter: URIRef
    minimum: URIRef
    maximum: URIRef
    effect: URIRef
    reason: URIRef
    currency: URIRef
    costYear: URIRef
    perQuantity: URIRef
    limitations: URIRef
    sustainability: URIRef
    note: URIRef
    hyperaccumulator: URIRef
    scientificName: URIRef
    family: URIRef
    region: URIRef
    siteName: URIRef
    country: URIRef
    location: URIRef
    startYear: URIRef
    durationYears: URIRef
    outcome: URIRef
    before: URIRef
    after: URIRef
    value: URIRef
    valueType: URIRef
    basis: URIRef
    instrument: URIRef
    instrumentYear: URIRef
    level: URIRef
    authority: URIRef
    code: URIRef
    basisWeight: URIRef
    solidifiesSoil: URIRef
    translatedLabel: URIRef
    instrumentClass: URIRef
    samplingLocation: URIRef
    guidelineOnly: URIRef
    techniqueSequence: URIRef
    siteKey: URIRef
    contaminationDepth: URIRef
    groundwaterDepth: URIRef
    areaM2: URIRef
    volumeM3: URIRef
    projectCount: URIRef
    period: URIRef
    inchiKey: URIRef
    phMin: URIRef
    phMax: URIRef
    soilCorrection: URIRef
    familySource: URIRef
    climateSource: URIRef
    perUnit: URIRef
    currencyUnit: URIRef
    valueScheme: URIRef
    retrieved: URIRef
    hasObservation: URIRef
    treatmentPhase: URIRef
    valueUnit: URIRef


def entity(kind: str, slug: str) -> URIRef:
    """The IRI of a knowledge-graph entity, e.g. entity("technique", "bioventing")."""
    return ID[f"{kind}/{slug}"]


def slug(text: str, limit: int = 60) -> str:
    """A lowercase IRI-safe fragment of free text (for keys built from cell values)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit] or "x"
