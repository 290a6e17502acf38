"""`remediate recommend`: one or more site files, or JSON lines on standard input."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .recommend import Recommender, SiteError, parse_site
from .recommend.embeddings import VECTORS_FILE
from .store import open_store


def read_sites(paths: list[str]) -> list[tuple[str, Any]]:
    """(where, parsed JSON) for each site; '-' reads JSON lines from standard input."""
    sites = []
    for path in paths:
        if path == "-":
            for number, line in enumerate(sys.stdin, start=1):
                if line.strip():
                    sites.append((f"stdin line {number}", json.loads(line)))
        else:
            sites.append((path, json.loads(Path(path).read_text(encoding="utf-8"))))
    return sites


def as_text(result: dict[str, Any]) -> str:
    lines = [f"Site: {result['site'].get('name') or '(unnamed)'}  (knowledge graph {result['kg_version']})"]
    for c in result["contaminants"]:
        how = f"{c['matched_by']}, confidence {c['confidence']}" if c["iri"] else c.get("message", "unresolved")
        lines.append(f"  contaminant {c['input']!r} -> {c['label'] or '?'} ({how})")
    for e in result["exceedances"][:10]:
        lines.append(f"  EXCEEDS {e['jurisdiction_label']} {e['value_type']} for {e['label']} "
                     f"({e['land_use']}): {e['concentration_mg_kg']:g} > {e['value_mg_kg']:g} mg/kg, x{e['ratio']}")
    for r in result["recommendations"]:
        badge = " [nature-based]" if r["technique"]["nature_based"] else ""
        lines.append(f"{r['rank']:3}. {r['technique']['label']}{badge}  score {r['score']:.1f}")
        lines += [f"       - {reason}" for reason in r["reasons"][:3]]
        lines += [f"       ! {caution}" for caution in r["cautions"][:2]]
        lines += [f"       case: {e['label']} (similarity {e['similarity']})" for e in r["evidence"][:2]]
    for train in result["treatment_trains"][:3]:
        steps = " -> ".join(s["technique"]["label"] for s in train["stages"])
        lines.append(f"  train (score {train['score']}): {steps}")
    lines.append(f"  {len(result['excluded'])} techniques excluded or ranked lower (see --format json for reasons)")
    return "\n".join(lines)


def run(paths: list[str], top: int, fmt: str, config: dict[str, Any]) -> int:
    try:
        raw = read_sites(paths)
    except (OSError, json.JSONDecodeError) as err:
        print(f"remediate recommend: error: cannot read a site: {err}", file=sys.stderr)
        return 2
    problems = []
    sites = []
    for where, data in raw:  # validate every site before answering any: nothing half-done
        try:
            sites.append(parse_site(data))
        except SiteError as err:
            problems.append(f"{where}: {err}")
    if problems:
        print("remediate recommend: error: " + " | ".join(problems), file=sys.stderr)
        return 2
    if not 1 <= top <= 100:
        print("remediate recommend: error: --top must be from 1 to 100", file=sys.stderr)
        return 2
    recommender = Recommender(open_store(config), Path(config["BUILD_DIR"]) / VECTORS_FILE)
    results = [recommender.recommend(site, top=top) for site in sites]
    for result in results:
        print(json.dumps(result, ensure_ascii=False) if fmt == "json" else as_text(result))
    return 0
