"""Four ordinary sites, on the shipped knowledge graph, behave as a practitioner expects
(issue 11): what must and must not come near the top."""

from __future__ import annotations

import pytest

from remediate.recommend import Recommender
from remediate.recommend.embeddings import VECTORS_FILE
from remediate.settings import REPO_ROOT
from remediate.store import LocalStore


@pytest.fixture(scope="module")
def recommender(sources) -> Recommender:
    return Recommender(LocalStore.from_sources(sources, REPO_ROOT / "build"), REPO_ROOT / "build" / VECTORS_FILE)


def ranked(recommender, site, top=10):
    result = recommender.recommend(site, top=top)
    return result, [r for r in result["recommendations"]]


def test_dry_cleaner_offers_no_component_on_its_own(recommender):
    result, recs = ranked(recommender, {
        "contaminants": [{"name": "TCE"}, {"name": "cis-DCE"}], "media": ["groundwater"],
        "soil_texture": "silty clay", "groundwater_depth_m": 15, "land_use": "commercial"})
    assert all(r["technique"]["role"] != "component" for r in recs)
    labels = [r["technique"]["label"] for r in recs[:5]]
    assert "Air stripping" not in labels
    excluded = {e["technique"]["label"]: e for e in result["excluded"]}
    assert excluded["Air stripping"]["kind"] == "component"
    # a form of a technique excluded for low permeability is excluded too
    assert excluded["Zero-valent iron injection"]["kind"] == "constraint"
    # the root-depth caution about deep groundwater lowers site fit
    phyto = next((r for r in recs if r["technique"]["label"] == "Phytohydraulic control"), None)
    if phyto:
        fit = next(p for p in phyto["criteria"] if p["criterion"] == "site_fit")
        assert fit["value"] < 1 and any(c["kind"] == "site_limit" for c in phyto["caution_kinds"])


def test_garden_starts_with_exposure_control_and_immobilisation_not_plants(recommender):
    _, recs = ranked(recommender, {
        "contaminants": [{"name": "lead", "concentration_mg_kg": 900}, {"name": "arsenic", "concentration_mg_kg": 60}],
        "media": ["soil"], "land_use": "residential", "country": "GB", "climate": "temperate"})
    top5 = recs[:5]
    assert any(r["technique"]["role"] == "exposure_control" for r in top5)
    assert any("immobilisation" in r["technique"]["functions"] for r in top5)
    assert not recs[0]["technique"]["nature_based"]
    cover = next(r for r in recs if r["technique"]["role"] == "exposure_control")
    assert "Covers" not in " ".join(cover["cautions"]) and len(cover["covers"]) == 2


def test_gasworks_puts_excavation_or_thermal_high_and_offers_a_train(recommender):
    result, recs = ranked(recommender, {
        "contaminants": [{"name": "PAHs"}, {"name": "cyanide"}, {"name": "benzene"}],
        "media": ["soil", "groundwater"], "land_use": "industrial", "country": "NL"})
    top3 = [r["technique"]["label"].lower() for r in recs[:3]]
    assert any("excavation" in t or "thermal" in t or "heating" in t for t in top3), top3
    assert result["treatment_trains"]
    assert all(t["stages"] and t["covers"] for t in result["treatment_trains"])


def test_paddy_keeps_farmland_and_offers_only_tropical_plants(recommender):
    result, recs = ranked(recommender, {
        "contaminants": [{"name": "cadmium", "concentration_mg_kg": 1.2}], "media": ["soil"],
        "land_use": "agricultural", "climate": "tropical", "country": "CN",
        "constraints": {"prefer_nature_based": True}})
    destroying = {"excavation", "solidification", "vitrification", "incineration", "thermal", "washing"}
    labels = [r["technique"]["label"].lower() for r in recs]
    assert not [t for t in labels if any(word in t for word in destroying)], labels
    plants = [p for r in recs for p in r["plants"]]
    assert plants and all("tropical" in p["climates"] for p in plants)
    farmland = [e for e in result["excluded"] if e["kind"] == "land_use"]
    assert any("Excavation" in e["technique"]["label"] for e in farmland)


@pytest.mark.parametrize(("name", "label", "how"), [
    ("volatile petroleum hydrocarbons (C5-C8 fraction, weathered gasoline)", "Total petroleum hydrocarbons",
     "name within phrase"),
    ("ethylene tetrachloride", "Tetrachloroethylene", "synonym (chemicals library)"),
    ("perchloroethylene", "Tetrachloroethylene", "synonym"),
])
def test_resolution_does_not_give_up(recommender, name, label, how):
    result = recommender.recommend({"contaminants": [{"name": name}], "media": ["soil"]}, top=3)
    match = result["contaminants"][0]
    assert (match["label"], match["matched_by"]) == (label, how)
    assert result["recommendations"], "a resolved name gets a ranking"


def test_a_weak_guess_is_ranked_but_flagged(recommender):
    result = recommender.recommend({"contaminants": [{"name": "xylol"}], "media": ["soil"]}, top=3)
    match = result["contaminants"][0]
    assert match["matched_by"] == "best guess (below threshold)" and match["note"] and match["suggestions"]
    assert result["recommendations"]


@pytest.mark.parametrize(("name", "label", "lang"), [
    ("plomo", "Lead", "es"), ("三氯乙烯", "Trichloroethylene", "zh"), ("свинец", "Lead", "ru"),
    ("trichloroéthylène", "Trichloroethylene", "fr"), ("الرصاص", "Lead", "ar"),
])
def test_names_in_the_fao_languages_resolve_through_our_translations(recommender, name, label, lang):
    match = recommender.recommend({"contaminants": [{"name": name}], "media": ["soil"]}, top=1)["contaminants"][0]
    assert (match["label"], match["matched_by"]) == (label, f"translated name ({lang})")


def test_translated_labels_are_marked_as_ours_not_as_plain_labels(sources):
    from rdflib import RDFS, Literal

    from remediate.build import assemble
    from remediate.namespaces import REM, entity

    graph = assemble(sources)
    lead = entity("contaminant", "lead")
    assert (lead, REM.translatedLabel, Literal("plomo", lang="es")) in graph
    assert all(label.language in (None, "en") for label in graph.objects(lead, RDFS.label))


def test_an_unrated_technique_is_flagged_but_its_site_fit_is_not_punished(recommender):
    result = recommender.recommend({"contaminants": [{"name": "benzene"}], "media": ["soil"]}, top=100)
    unrated = next(r for r in result["recommendations"] if r["technique"]["label"].startswith("Smouldering"))
    assert any(c["kind"] == "unrated" for c in unrated["caution_kinds"])
    fit = next(p for p in unrated["criteria"] if p["criterion"] == "site_fit")
    assert fit["value"] == 1.0


def test_groundwater_concentrations_are_checked_against_groundwater_values(recommender):
    result = recommender.recommend({"contaminants": [{"name": "benzene", "groundwater_ug_l": 300}],
                                    "media": ["groundwater"], "country": "NL"}, top=3)
    found = [e for e in result["exceedances"] if e["medium"] == "groundwater"]
    assert found and all(e["unit"] == "ug/L" and e["concentration"] == 300 > e["value"] for e in found)
    assert all(e["in_site_country"] for e in found)  # Dutch values first when we hold them


def test_a_ph_band_value_applies_only_to_a_site_in_that_band(recommender):
    site = {"contaminants": [{"name": "cadmium", "concentration_mg_kg": 0.7}], "media": ["soil"],
            "land_use": "agricultural", "country": "CN"}
    bands = [e["ph_band"] for e in recommender.recommend({**site, "ph": 8.0}, top=1)["exceedances"] if e["ph_band"]]
    assert bands and all((low is None or low < 8.0) and (high is None or high >= 8.0) for low, high in bands)
