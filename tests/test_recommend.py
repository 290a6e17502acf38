"""The recommender, stage by stage, on the small fictional knowledge base in
tests/data/fixture_kg (so each expectation can be read off its tables)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from remediate.build import Sources
from remediate.recommend import Recommender, SiteError, parse_site
from remediate.recommend.site import ContaminantInput
from remediate.settings import REPO_ROOT
from remediate.store import LocalStore

FIXTURE = Path(__file__).parent / "data" / "fixture_kg"
ID = "https://w3id.org/remediate/id/"


@pytest.fixture(scope="module")
def recommender(tmp_path_factory) -> Recommender:
    # the fictional tables, with the shipped registry of controlled values (one copy of it)
    data = tmp_path_factory.mktemp("fixture_kg")
    for table in FIXTURE.glob("*.csv"):
        shutil.copy(table, data)
    shutil.copy(REPO_ROOT / "kg_data" / "vocabularies.ttl", data)
    store = LocalStore.from_sources(Sources(REPO_ROOT / "ontology", data))
    return Recommender(store)


def site(**overrides):
    base = {"contaminants": [{"name": "solventium"}], "media": ["soil"]}
    return {**base, **overrides}


def labels(result, key="recommendations"):
    return [r["technique"]["label"] for r in result[key]]


def excluded_reasons(result, label):
    return next(e["reasons"] for e in result["excluded"] if e["technique"]["label"] == label)


# -- validation ---------------------------------------------------------------------
@pytest.mark.parametrize("data,field", [
    ({}, "contaminants"),
    (site(media=[]), "media"),
    (site(media=["air"]), "media"),
    (site(contaminants=[{}]), "contaminants[0]"),
    (site(contaminants=[{"name": "x", "concentration_mg_kg": -1}]), "contaminants[0].concentration_mg_kg"),
    (site(ph=15), "ph"),
    (site(ph="7"), "ph"),
    (site(soil_texture="muddy"), "soil_texture"),
    (site(land_use="moon base"), "land_use"),
    (site(area_m2=0), "area_m2"),
    (site(constraints={"in_situ_only": "yes"}), "constraints.in_situ_only"),
    (site(weights={"luck": 1}), "weights.luck"),
    (site(colour="red"), "(site)"),
    ("not an object", "(site)"),
])
def test_invalid_site_names_the_field(data, field):
    with pytest.raises(SiteError) as caught:
        parse_site(data)
    assert any(e["field"] == field for e in caught.value.errors), caught.value.errors


def test_error_lists_allowed_values():
    with pytest.raises(SiteError) as caught:
        parse_site(site(climate="balmy"))
    assert "tropical, arid, temperate, continental, polar" in str(caught.value)


# -- contaminant resolution ---------------------------------------------------------
@pytest.mark.parametrize("entry,iri,how", [
    (ContaminantInput(cas="7439-92-1"), "heavium", "cas"),
    (ContaminantInput(name="Solventium"), "solventium", "label"),
    (ContaminantInput(name="slv"), "solventium", "synonym"),
    (ContaminantInput(name="Solvent vapor X"), "solventium", "synonym"),  # vapour/vapor
    (ContaminantInput(name="old stuff (solventium)"), "solventium", "label"),
    (ContaminantInput(name="solventum"), "solventium", "spelling"),
])
def test_resolution(recommender, entry, iri, how):
    match = recommender.resolver.resolve(entry, allow_embeddings=False)
    assert match["iri"] == f"{ID}contaminant/{iri}" and match["matched_by"] == how
    assert 0 < match["confidence"] <= 1


def test_a_weak_match_is_a_flagged_guess_and_the_rest_is_answered(recommender):
    result = recommender.recommend(site(contaminants=[{"name": "heaviumx ore"}, {"name": "solventium"}]))
    guess = result["contaminants"][0]
    assert guess["label"] == "heavium" and guess["matched_by"] == "best guess (below threshold)"
    assert guess["note"] and guess["suggestions"][0]["label"] == "heavium"
    assert labels(result)


def test_a_name_like_nothing_stays_unresolved_with_suggestions(recommender):
    result = recommender.recommend(site(contaminants=[{"name": "qqqq zzzz"}, {"name": "solventium"}]))
    unresolved = result["contaminants"][0]
    assert unresolved["iri"] is None and unresolved["matched_by"] == "unresolved"
    assert "suggestions" in unresolved
    assert labels(result)[0] == "vapour pulling"


# -- exceedances --------------------------------------------------------------------
def test_exceedances_for_the_land_use(recommender):
    result = recommender.recommend(site(contaminants=[{"name": "heavium", "concentration_mg_kg": 250},
                                                      {"name": "solventium", "max_concentration_mg_kg": 0.2}],
                                        land_use="residential"))
    (only,) = result["exceedances"]
    assert only["label"] == "heavium" and only["value_mg_kg"] == 100 and only["ratio"] == 2.5
    assert only["source"] == "https://example.org/decree" and only["jurisdiction_label"] == "Testland"


def test_industrial_value_is_not_exceeded(recommender):
    result = recommender.recommend(site(contaminants=[{"name": "heavium", "concentration_mg_kg": 250}],
                                        land_use="industrial"))
    assert result["exceedances"] == []


# -- screening ----------------------------------------------------------------------
def test_medium_and_in_situ_exclusions_are_explained(recommender):
    result = recommender.recommend(site(constraints={"in_situ_only": True}))
    assert "sediment" in excluded_reasons(result, "sediment cover")[0]
    assert "ex situ" in excluded_reasons(result, "dig and burn")[0]
    assert "dig and burn" not in labels(result)


def test_hard_site_limit_excludes_with_the_reason(recommender):
    clay = recommender.recommend(site(soil_texture="clay"))
    assert "vapour pulling" not in labels(clay)
    assert "tight soil" in excluded_reasons(clay, "vapour pulling")[0]
    assert "vapour pulling" in labels(recommender.recommend(site(soil_texture="sand")))


def test_root_zone_limit_and_climate_caution(recommender):
    metal = {"contaminants": [{"name": "heavium"}], "media": ["soil"]}
    deep = recommender.recommend({**metal, "contamination_depth_m": 3})
    assert "Roots reach" in excluded_reasons(deep, "leaf lifting")[0]
    polar = recommender.recommend({**metal, "contamination_depth_m": 0.5, "climate": "polar"})
    entry = next(r for r in polar["recommendations"] if r["technique"]["label"] == "leaf lifting")
    assert any("Growing seasons" in c for c in entry["cautions"])


def test_not_applicable_rating_excludes(recommender):
    result = recommender.recommend({"contaminants": [{"name": "heavium"}], "media": ["soil"]})
    assert "does not treat heavium" in excluded_reasons(result, "vapour pulling")[0]


# -- scoring ------------------------------------------------------------------------
def test_criteria_add_up_to_the_score(recommender):
    for entry in recommender.recommend(site())["recommendations"]:
        assert abs(sum(c["contribution"] for c in entry["criteria"]) - entry["score"]) < 0.05
        assert {c["criterion"] for c in entry["criteria"]} >= {"effectiveness", "cost", "time", "evidence"}


def test_weights_and_preferences_change_the_ranking(recommender):
    metal = {"contaminants": [{"name": "heavium"}], "media": ["soil"]}
    assert labels(recommender.recommend(metal))[0] == "leaf lifting"  # rated better
    fast = recommender.recommend({**metal, "constraints": {"max_duration_years": 1},
                                  "weights": {"time": 10, "effectiveness": 0.1}})
    assert labels(fast)[0] == "dig and burn"


def test_time_and_budget_are_explained(recommender):
    result = recommender.recommend(site(volume_m3=1000, constraints={"budget_usd": 15000, "max_duration_years": 1}))
    vp = next(r for r in result["recommendations"] if r["technique"]["label"] == "vapour pulling")
    notes = {c["criterion"]: c["note"] for c in vp["criteria"]}
    assert "may exceed the budget" in notes["cost"] and "may exceed the 1-year limit" in notes["time"]


# -- evidence -----------------------------------------------------------------------
def test_similar_cases_are_cited_with_similarity_and_source(recommender):
    result = recommender.recommend(site(soil_texture="sand", land_use="residential", climate="temperate"))
    vp = next(r for r in result["recommendations"] if r["technique"]["label"] == "vapour pulling")
    (case,) = vp["evidence"]
    assert case["label"] == "Old laundry vapour pulling" and case["source"] == "https://example.org/case1"
    assert case["similarity"] > 0.9


def test_a_case_can_be_held_out(recommender):
    held = frozenset({f"{ID}case-study/old-laundry"})
    result = recommender.recommend(site(), exclude_cases=held)
    assert all(e["case_study"] not in held for r in result["recommendations"] for e in r["evidence"])


# -- treatment trains ---------------------------------------------------------------
def test_train_when_no_single_technique_covers_everything(recommender):
    result = recommender.recommend({"contaminants": [{"name": "solventium"}, {"name": "heavium"}],
                                    "media": ["soil"], "soil_texture": "sand", "contamination_depth_m": 0.5})
    trains = result["treatment_trains"]
    assert trains, "dig and burn covers both only below average; vapour pulling + leaf lifting should be offered"
    steps = {s["technique"]["label"] for s in trains[0]["stages"]}
    assert steps == {"vapour pulling", "leaf lifting"} or "dig and burn" in steps
    assert all(t["reasons"] and t["explanation"] for t in trains)
    # the contract: stages in order, what each covers (IRIs) and its role; what the train covers
    for train in trains:
        assert [s["stage"] for s in train["stages"]] == sorted(s["stage"] for s in train["stages"])
        assert all(s["covers"] and s["role"] for s in train["stages"])
        assert set(train["covers"]) == {c for s in train["stages"] for c in s["covers"]}
        assert any(r.startswith("Compatible:") for r in train["reasons"])


def test_no_train_when_one_technique_covers_all(recommender):
    assert recommender.recommend(site())["treatment_trains"] == []


def test_output_contract_keys(recommender):
    result = recommender.recommend(site())
    assert set(result) >= {"site", "contaminants", "recommendations", "treatment_trains", "excluded",
                           "exceedances", "kg_version"}
    entry = result["recommendations"][0]
    assert set(entry) >= {"rank", "score", "technique", "covers", "reasons", "cautions", "evidence", "sources"}
    assert set(entry["technique"]) >= {"iri", "label", "alt_labels", "nature_based"}
    assert entry["sources"] and all(s.startswith("https://") for s in entry["sources"])
