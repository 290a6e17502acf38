"""Our substances' PubChem CIDs and InChIKeys agree with the chemicals library (ChEDL) for
their CAS numbers, and `remediate check` names the line when one does not."""

from __future__ import annotations

import csv

from remediate.alignment import identity_mismatches
from remediate.settings import REPO_ROOT

from .conftest import run_cli


def test_the_shipped_substances_agree_with_the_chemicals_library():
    mismatches, known = identity_mismatches(REPO_ROOT / "kg_data")
    assert [str(m) for m in mismatches] == []
    assert known >= 140  # most of our substances are in the library, so the check has teeth


def _rewrite(path, change):
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    line = change(rows)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return line


def test_check_names_a_cid_and_an_inchikey_that_belong_to_another_substance(data_copy):
    def swap_benzene_for_toluene(rows):
        benzene = next(i for i, r in enumerate(rows) if r["id"] == "benzene")
        toluene = next(r for r in rows if r["id"] == "toluene")
        rows[benzene]["pubchem_cid"], rows[benzene]["inchikey"] = toluene["pubchem_cid"], toluene["inchikey"]
        return benzene + 2  # the header is line 1

    line = _rewrite(data_copy / "contaminants.csv", swap_benzene_for_toluene)
    result = run_cli("check", "--no-reasoner", env_overrides={"REMEDIATE_DATA_DIR": str(data_copy)})
    assert result.returncode == 1
    assert f"contaminants.csv:{line} [pubchem_cid]: CAS 71-43-2 is PubChem CID 241" in result.stdout
    assert f"contaminants.csv:{line} [inchikey]: CAS 71-43-2 has InChIKey UHOVQNZJYSORNB-UHFFFAOYSA-N" in result.stdout
