"""Identity alignment of our substances with the `chemicals` library (ChEDL), which ships
PubChem CIDs and InChIKeys offline: a substance's CAS number must lead to the same
PubChem compound and the same InChIKey we hold. The InChIKey is also the key by which
ChEBI and PubChem records match ours (ChEBI itself is not shipped offline, so its ids are
checked for form only, in checks.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .tables import TABLES_BY_NAME, read_table


@dataclass(frozen=True)
class Mismatch:
    where: str  # file:line [column]
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def chemical_record(cas: str):
    """The library's record for a CAS number, or None when it does not know it."""
    from chemicals.identifiers import search_chemical

    try:
        return search_chemical(cas)
    except ValueError:  # the library raises ValueError for an identifier it does not hold
        return None


def identity_mismatches(data_dir: Path) -> tuple[list[Mismatch], int]:
    """Mismatches between our identifiers and the library's, and how many substances it knew."""
    problems, known = [], 0
    for row in read_table(TABLES_BY_NAME["contaminants"], data_dir):
        if not row.get("cas"):
            continue
        record = chemical_record(row.get("cas"))
        if record is None:
            continue
        known += 1
        cid, key = row.get("pubchem_cid"), row.get("inchikey")
        if cid and record.pubchemid and cid != str(record.pubchemid):
            problems.append(Mismatch(row.where("pubchem_cid"), f"CAS {row.get('cas')} is PubChem CID "
                                     f"{record.pubchemid} ({record.common_name}) in the chemicals library, not {cid}"))
        if key and record.InChI_key and key != record.InChI_key:
            problems.append(Mismatch(row.where("inchikey"), f"CAS {row.get('cas')} has InChIKey {record.InChI_key} "
                                     f"({record.common_name}) in the chemicals library, not {key}"))
    return problems, known
