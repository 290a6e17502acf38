"""A world map of the documented cases: countries coloured by how many cases the graph
holds for them, each such country linking to the case studies filtered to it. The shapes
are world-atlas's countries-110m TopoJSON (Natural Earth, vendored under static/vendor);
its arcs are decoded and projected (Natural Earth I) here, so the page is plain SVG."""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
from flask import Blueprint, current_app, jsonify, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from remediate.store import select

from .browse import country_name
from .store_ext import get_store

bp = Blueprint("maps", __name__)
ATLAS = Path("vendor") / "world-atlas" / "countries-110m.json"
WIDTH = 960
# (fewest cases, fill): a country gets the fill of the last step it reaches
STEPS = ((1, "#c7e3d2"), (2, "#8cc5a2"), (4, "#4f9a6f"), (10, "#237a4d"), (30, "#0b4a2f"))
EMPTY = "#e6e9ec"


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """The Natural Earth I projection (Šavrič et al.), in radians of the unit sphere."""
    lam, phi = math.radians(lon), math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Each arc as absolute longitude-latitude points (quantized deltas undone)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A closed ring from arc indexes; ~i is arc i reversed; each arc after the first drops its shared start."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian kept continuous (longitudes past ±180) instead of
    jumping across the whole map; the part beyond the edge falls outside the picture."""
    out: list[tuple[float, float]] = []
    offset = 0.0
    for lon, lat in points:
        if out and abs(lon + offset - out[-1][0]) > 180:
            offset += 360 if out[-1][0] > lon + offset else -360
        out.append((lon + offset, lat))
    return out


def polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["arcs"]
    return []


@cache
def shapes(path: Path) -> tuple[tuple[str | None, str, str], ...]:
    """(ISO alpha-2 or None, name, SVG path data) per country of the atlas, projected to WIDTH."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    scale = WIDTH / (2 * natural_earth(180, 0)[0])
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        parts = []
        for polygon in polygons(geometry):
            for indexes in polygon:
                xy = [natural_earth(lon, lat) for lon, lat in unwrap(ring(indexes, arcs))]
                parts.append("M" + "L".join(f"{WIDTH / 2 + x * scale:.1f},{height() / 2 - y * scale:.1f}"
                                            for x, y in xy) + "Z")
        country = pycountry.countries.get(numeric=geometry["id"]) if geometry.get("id") else None
        out.append((country.alpha_2 if country else None, geometry.get("properties", {}).get("name", ""),
                    "".join(parts)))
    return tuple(out)


def height() -> float:
    """The map's height at WIDTH: the projection's extent from pole to pole."""
    return round(WIDTH * natural_earth(0, 90)[1] / natural_earth(180, 0)[0], 1)


def fill(cases: int) -> str:
    colour = EMPTY
    for least, step in STEPS:
        if cases >= least:
            colour = step
    return colour


def case_counts() -> dict[str, int]:
    return {r["country"]: int(r["cases"]) for r in select(get_store(), "map-case-countries") if r["country"]}


def map_view() -> dict[str, Any]:
    counts = case_counts()
    atlas = shapes(Path(current_app.static_folder or "static") / ATLAS)
    countries = [{"code": code, "name": country_name(code) if code else name, "path": d,
                  "cases": counts.get(code or "", 0), "fill": fill(counts.get(code or "", 0))}
                 for code, name, d in atlas]
    on_map = {c["code"] for c in countries}
    off_map = [{"code": code, "name": country_name(code), "cases": n}
               for code, n in sorted(counts.items(), key=lambda item: country_name(item[0])) if code not in on_map]
    return {"countries": countries, "off_map": off_map, "total": sum(counts.values()), "width": WIDTH,
            "height": height(), "counts": counts}


def legend() -> list[dict[str, str]]:
    """One entry per step: "1", "2–3", "4–9", "10–29", "30+"."""
    entries = [{"fill": EMPTY, "label": _("none")}]
    for i, (least, colour) in enumerate(STEPS):
        upper = STEPS[i + 1][0] - 1 if i + 1 < len(STEPS) else None
        label = f"{least}+" if upper is None else (str(least) if upper == least else f"{least}–{upper}")
        entries.append({"fill": colour, "label": label})
    return entries


@bp.route("/case-studies/map")
def page() -> ResponseReturnValue:
    return render_template("case_map.html", view=map_view(), legend=legend(), title=_("Documented cases by country"))


@bp.route("/case-studies/map.json")
def data() -> ResponseReturnValue:
    counts = case_counts()
    return jsonify({"countries": [{"country": code, "name": country_name(code), "cases": n,
                                   "case_studies": url_for("browse.case_studies", country=code)}
                                  for code, n in sorted(counts.items())], "total": sum(counts.values())})
