"""Grouped validation of the recommender against what documented sites really did.

Each case study becomes a site (contaminants, media, texture, land use, climate,
country; optionally its description with every technique name blanked out, so the text
cannot leak the answer). The question is where the case's main remedy (or, when the
source names none, the best-ranked technique it applied) lands in the ranking. A case
never sees itself as evidence, and neither does any other case of the same site
(leave-one-site-out) or of the same fold (grouped k-fold, where a fold keeps together
all cases of one source document).

Four rankers run on the same folds:
  current        the recommender as it is now (src/remediate/recommend)
  landed         the recommender before v2 (commit b73d06c, taken from git at run time)
  ratings only   the current one with the evidence of similar cases switched off
  most common    the techniques most often the main remedy in the other folds' cases

Default weights are chosen by `--tune`: a coordinate search on half of the sites (split
by a hash of the site key), scored by leave-one-site-out on that half only. The other
half (`report`) is never used for tuning; its figures are printed separately.

    python bench/evaluate.py                     # all cases and the report half, both schemes
    python bench/evaluate.py --with-description  # also give the (blanked) description
    python bench/evaluate.py --tune              # search default weights on the tune half
"""

from __future__ import annotations

import argparse
import atexit
import hashlib
import importlib
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from remediate.build import Sources  # noqa: E402
from remediate.recommend import Recommender  # noqa: E402
from remediate.recommend.embeddings import VECTORS_FILE  # noqa: E402
from remediate.recommend.scoring import DEFAULT_WEIGHTS  # noqa: E402
from remediate.store import LocalStore  # noqa: E402

GROUP = "https://w3id.org/remediate/id/contaminant-group/"
SUBSTANCE = "https://w3id.org/remediate/id/contaminant/"
FAMILIES = {  # family -> groups or substances that define it
    "metals": {GROUP + "metals-and-metalloids"}, "chlorinated solvents": {GROUP + "chlorinated-solvents"},
    "petroleum": {GROUP + "petroleum-hydrocarbons", GROUP + "fuels", GROUP + "btex"}, "PAHs": {GROUP + "pahs"},
    "PCBs and dioxins": {GROUP + "pcbs", GROUP + "dioxins-and-furans"}, "explosives": {GROUP + "explosives"},
    "radionuclides": {GROUP + "radionuclides"}, "PFAS": {GROUP + "pfas"}, "pesticides": {GROUP + "pesticides"},
    "mercury": {SUBSTANCE + "mercury", SUBSTANCE + "methylmercury"}, "arsenic": {SUBSTANCE + "arsenic"},
    "chromium": {SUBSTANCE + "chromium", SUBSTANCE + "chromium-vi"},
}
LANDED_COMMIT = "b73d06caee375274297c97b20a8e35adc2dc491d"  # the recommender before v2
KS = (1, 3, 5, 10)
FOLDS = 5
# Only criteria the cases can exercise are tuned: the case sites carry no budget, time
# limit or preference, and few site limits, so time, cost, nature_based and site_fit
# keep their stated defaults (docs/recommender.md) rather than an accident of the data.
TUNED = ("effectiveness", "evidence", "land_use", "maturity", "sustainability")
GRID = (0.0, 0.05, 0.1, 0.2, 0.3, 0.45)


def stable_hash(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


def half_of(case) -> str:
    return "tune" if stable_hash(case.site_key) % 2 == 0 else "report"


def document_of(case) -> str:
    return case.sources[0] if case.sources else case.iri


def targets(case) -> set[str]:
    return {case.main_technique} if case.main_technique else set(case.techniques)


def blank(text: str, names: list[str]) -> str:
    """The description without any technique's name or abbreviation (longest first)."""
    for name in names:
        text = re.sub(rf"(?i)\b{re.escape(name)}\b", "___", text)
    return text


def site_of(case, knowledge, description: bool, names: list[str], weights: dict | None) -> dict | None:
    contaminants = [knowledge.contaminants[c].label for c in sorted(case.contaminants) if c in knowledge.contaminants]
    if not contaminants or not case.media or not case.techniques:
        return None
    first = lambda values: sorted(values)[0] if values else None  # noqa: E731
    texture = first(case.textures)
    return {"contaminants": [{"name": name} for name in contaminants], "media": sorted(case.media),
            "soil_texture": texture.replace("-", " ") if texture else None, "land_use": first(case.land_uses),
            "climate": first(case.climates), "country": case.country,
            "description": blank(case.description, names) if description else None, "weights": weights or {}}


def families_of(case, knowledge) -> set[str]:
    tags = set(case.contaminants) | {g for c in case.contaminants if c in knowledge.contaminants
                                     for g in knowledge.contaminants[c].groups}
    return {name for name, members in FAMILIES.items() if tags & members} or {"other"}


def rank_of(wanted: set[str], ranking: list[str], knowledge=None) -> int | None:
    """The best rank of a wanted technique. A component (bioaugmentation, GAC...) is
    offered inside the technique it serves, so for a ranker that knows roles it counts
    at the rank of what it serves."""
    if knowledge is not None:
        wanted = set(wanted) | {s for t in wanted if t in knowledge.techniques for s in knowledge.techniques[t].serves}
    ranks = [ranking.index(t) + 1 for t in wanted if t in ranking]
    return min(ranks) if ranks else None


def summarise(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    out = {f"hit@{k}": sum(1 for r in ranks if r is not None and r <= k) / n for k in KS}
    out["MRR"] = sum(1 / r for r in ranks if r) / n
    out["n"] = len(ranks)
    return out


def landed_recommender_class():
    """The Recommender class as it was at LANDED_COMMIT, read from git rather than kept as a copy.

    Its relative imports of the parent package (`from ..store import ...`) point at the
    current `remediate` package: store, build and checks keep the interfaces it used.
    """
    git = shutil.which("git")
    if git is None:
        sys.exit("evaluate: git is needed to read the landed recommender from history")
    archive = subprocess.run([git, "-C", str(ROOT), "archive", LANDED_COMMIT, "src/remediate/recommend"],
                             capture_output=True, check=False)
    if archive.returncode != 0:
        sys.exit(f"evaluate: cannot read commit {LANDED_COMMIT[:7]} from git "
                 f"({archive.stderr.decode().strip()}); run from a full clone")
    target = Path(tempfile.mkdtemp(prefix="landed-recommender-"))
    atexit.register(shutil.rmtree, target, True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    package = target / "landed_recommend"
    (target / "src/remediate/recommend").rename(package)
    for module in package.glob("*.py"):
        module.write_text(re.sub(r"^(\s*)from \.\.(\w)", r"\1from remediate.\2", module.read_text(), flags=re.M))
    sys.path.insert(0, str(target))
    return importlib.import_module("landed_recommend").Recommender


class Evaluation:
    def __init__(self, description: bool):
        store = LocalStore.from_sources(Sources(ROOT / "ontology", ROOT / "kg_data"), ROOT / "build")
        vectors = ROOT / "build" / VECTORS_FILE
        self.current = Recommender(store, vectors)
        self.landed = landed_recommender_class()(store, vectors)
        self.knowledge = self.current.knowledge
        self.description = description
        self.names = sorted({n for t in self.knowledge.techniques.values() for n in [t.label, *t.alt_labels]
                             if len(n) > 2}, key=len, reverse=True)
        self.cases = [c for c in self.knowledge.cases
                      if site_of(c, self.knowledge, False, [], None) is not None]

    def held_out(self, case, scheme: str, pool: list) -> frozenset[str]:
        if scheme == "site":
            return frozenset(c.iri for c in pool if c.site_key == case.site_key)
        fold = stable_hash(document_of(case)) % FOLDS
        return frozenset(c.iri for c in pool if stable_hash(document_of(c)) % FOLDS == fold
                         or c.site_key == case.site_key)

    def rankings(self, case, scheme: str, pool: list, weights: dict | None,
                 rankers: Iterable[str]) -> dict[str, list[str]]:
        hidden = self.held_out(case, scheme, pool) | {case.iri}
        site = site_of(case, self.knowledge, self.description, self.names, weights)
        out: dict[str, list[str]] = {}
        for name in rankers:
            if name == "most common":
                common = Counter(t for c in pool if c.iri not in hidden for t in targets(c))
                out[name] = [t for t, _ in common.most_common()]
                continue
            recommender = self.landed if name == "landed" else self.current
            query = site
            if name == "ratings only":
                query = {**site, "weights": {**(weights or {}), "evidence": 0.0}}
            if name == "landed":  # it knows only its own criteria, at its own defaults
                query = {**site, "weights": {}}
            result = recommender.recommend(query, top=200, exclude_cases=hidden)
            out[name] = [r["technique"]["iri"] for r in result["recommendations"]]
        return out

    def run(self, cases: list, scheme: str, weights: dict | None, rankers: Iterable[str],
            pool: list | None = None) -> dict[str, dict[str, list]]:
        """ranker -> breakdown ("all", family, "medium: x") -> ranks."""
        ranks: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        pool = pool if pool is not None else self.knowledge.cases
        rankers = list(rankers)
        for case in cases:
            ranking = self.rankings(case, scheme, pool, weights, rankers)
            keys = ["all", *sorted(families_of(case, self.knowledge)), *(f"medium: {m}" for m in sorted(case.media))]
            for name, order in ranking.items():
                rank = rank_of(targets(case), order, self.knowledge if name in ("current", "ratings only") else None)
                for key in keys:
                    ranks[name][key].append(rank)
        return ranks


def mrr_of(evaluation: Evaluation, cases: list, weights: dict) -> float:
    return summarise(evaluation.run(cases, "site", weights, ["current"], pool=cases)["current"]["all"])["MRR"]


def tune(evaluation: Evaluation) -> dict[str, float]:
    """Coordinate search of the default weights, scored on the tune half only."""
    cases = [c for c in evaluation.cases if half_of(c) == "tune"]
    weights = dict(DEFAULT_WEIGHTS)
    best = mrr_of(evaluation, cases, weights)
    print(f"tune half: {len(cases)} cases; start MRR {best:.3f} with {weights}", flush=True)
    for round_ in range(2):
        changed = False
        for name in TUNED:
            for value in GRID:
                trial = {**weights, name: value}
                score = mrr_of(evaluation, cases, trial)
                if score > best + 1e-4:
                    best, weights, changed = score, trial, True
                    print(f"  round {round_ + 1}: {name}={value} -> MRR {best:.3f}", flush=True)
        if not changed:
            break
    print("chosen weights:", json.dumps({k: round(v, 3) for k, v in weights.items()}))
    return weights


def table(title: str, ranks: dict[str, dict[str, list]], min_n: int = 10) -> None:
    print(f"\n{title}")
    names = list(ranks)
    print(f"{'breakdown':24} {'n':>4}  " + "  ".join(f"{n:^28}" for n in names))
    print(" " * 31 + "  ".join(f"{'MRR':>5} {'h@1':>5} {'h@3':>5} {'h@5':>5} {'h@10':>5}" for _ in names))
    keys = ["all", *sorted(k for k in ranks[names[0]] if k != "all")]
    for key in keys:
        n = len(ranks[names[0]][key])
        if key != "all" and n < min_n:
            continue
        cells = []
        for name in names:
            s = summarise(ranks[name][key])
            cells.append(f"{s['MRR']:5.2f} {s['hit@1']:5.2f} {s['hit@3']:5.2f} {s['hit@5']:5.2f} {s['hit@10']:5.2f}")
        print(f"{key:24} {n:4d}  " + "  ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--with-description", action="store_true", help="give the case's blanked description too")
    parser.add_argument("--tune", action="store_true", help="search the default weights on the tune half")
    parser.add_argument("--weights", type=json.loads, default=None, help="criterion weights as JSON")
    args = parser.parse_args()
    evaluation = Evaluation(args.with_description)
    weights = tune(evaluation) if args.tune else args.weights
    rankers = ["current", "landed", "ratings only", "most common"]
    print(f"\n{len(evaluation.cases)} cases usable ({len(evaluation.knowledge.cases)} in the graph), "
          f"{len({c.site_key for c in evaluation.cases})} sites; description "
          f"{'given, technique names blanked' if args.with_description else 'withheld'}.")
    report = [c for c in evaluation.cases if half_of(c) == "report"]
    for scheme, label in (("site", "leave-one-site-out"), ("fold", f"grouped {FOLDS}-fold by source document")):
        table(f"{label}, report half only ({len(report)} cases, never used to choose weights)",
              evaluation.run(report, scheme, weights, rankers))
        table(f"{label}, all cases", evaluation.run(evaluation.cases, scheme, weights, rankers))


if __name__ == "__main__":
    main()
