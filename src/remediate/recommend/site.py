"""The site a user describes (the input contract), validated field by field. Errors
name the field and what is allowed; a site with any error is not used at all."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ..registry import codes

# the concept scheme of kg_data/vocabularies.ttl each controlled site field takes its values from
SCHEMES = {"media": "medium", "soil_texture": "soil-texture", "land_use": "land-use", "climate": "climate"}


def allowed(field: str) -> tuple[str, ...]:
    """The values a site may give for a controlled field, read from the one registry.
    Textures are written as people write them ("loamy sand"; the code is "loamy-sand")."""
    values = codes(SCHEMES[field], for_sites=True)
    return tuple(v.replace("-", " ") for v in values) if field == "soil_texture" else values

# the scoring criteria a site may weigh (scoring.py defines one function per name, and checks it)
CRITERIA = ("effectiveness", "site_fit", "time", "cost", "maturity", "sustainability", "evidence", "nature_based",
            "land_use")
# a contaminant's fields: soil in mg/kg dry weight, groundwater in ug/L (the contract's names)
CONTAMINANT_FIELDS = ("name", "cas", "concentration_mg_kg", "max_concentration_mg_kg", "groundwater_ug_l",
                      "max_groundwater_ug_l")
TOP_LEVEL = {"name", "country", "description", "contaminants", "media", "soil_texture", "ph", "organic_matter_pct",
             "contamination_depth_m", "groundwater_depth_m", "area_m2", "volume_m3", "land_use", "climate",
             "constraints", "weights"}


def N_(text: str) -> str:
    """Marks a message for the translation catalogue (pybabel -k N_); the web app translates it."""
    return text


# Every validation message: a code, and an English template filled with its params.
MESSAGES = {
    "number": N_("must be a number"),
    "finite": N_("must be a finite number no larger than about 1e308 (not NaN or Infinity)"),
    "min": N_("must be at least %(limit)s"),
    "min_open": N_("must be greater than %(limit)s"),
    "max": N_("must be at most %(limit)s"),
    "choice": N_("must be one of: %(allowed)s"),
    "text": N_("must be text"),
    "unicode": N_("must be valid Unicode text (it holds a lone surrogate such as \\ud800)"),
    "too_long": N_("must be at most %(limit)s characters"),
    "bool": N_("must be true or false"),
    "contaminants_list": N_("must be a list of at least one contaminant, each with a name or a cas"),
    "too_many": N_("at most %(limit)s contaminants per site"),
    "contaminant_object": N_("must be an object with name or cas"),
    "unknown_fields": N_("unknown field(s) %(fields)s; allowed: %(allowed)s"),
    "name_or_cas": N_("needs a name or a cas"),
    "media_list": N_("must be a list of at least one of: %(allowed)s"),
    "media_value": N_("%(value)s is not allowed; use: %(allowed)s"),
    "object": N_("must be an object"),
    "site_object": N_("must be a JSON object"),
    "weights_object": N_("must be an object of criterion: number"),
    "criterion": N_("unknown criterion; allowed: %(allowed)s"),
}


class SiteError(ValueError):
    """Every problem with a site, each naming its field."""

    def __init__(self, errors: list[dict[str, Any]]):
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


@dataclass
class ContaminantInput:
    name: str | None = None
    cas: str | None = None
    concentration_mg_kg: float | None = None
    max_concentration_mg_kg: float | None = None
    groundwater_ug_l: float | None = None
    max_groundwater_ug_l: float | None = None

    @property
    def text(self) -> str:
        return self.name or self.cas or ""


@dataclass
class Site:
    contaminants: list[ContaminantInput]
    media: list[str]
    name: str | None = None
    country: str | None = None
    description: str | None = None
    soil_texture: str | None = None
    ph: float | None = None
    organic_matter_pct: float | None = None
    contamination_depth_m: float | None = None
    groundwater_depth_m: float | None = None
    area_m2: float | None = None
    volume_m3: float | None = None
    land_use: str | None = None
    climate: str | None = None
    max_duration_years: float | None = None
    budget_usd: float | None = None
    in_situ_only: bool = False
    prefer_nature_based: bool = False
    weights: dict[str, float] = field(default_factory=dict)

    def normalised(self) -> dict[str, Any]:
        """The site as the output contract echoes it."""
        return {
            "name": self.name, "country": self.country, "description": self.description,
            "contaminants": [vars(c) for c in self.contaminants], "media": self.media,
            "soil_texture": self.soil_texture, "ph": self.ph, "organic_matter_pct": self.organic_matter_pct,
            "contamination_depth_m": self.contamination_depth_m, "groundwater_depth_m": self.groundwater_depth_m,
            "area_m2": self.area_m2, "volume_m3": self.volume_m3, "land_use": self.land_use, "climate": self.climate,
            "constraints": {"max_duration_years": self.max_duration_years, "budget_usd": self.budget_usd,
                            "in_situ_only": self.in_situ_only, "prefer_nature_based": self.prefer_nature_based},
            "weights": self.weights,
        }


class _Reader:
    def __init__(self) -> None:
        self.errors: list[dict[str, Any]] = []

    def error(self, name: str, code: str, **params: str) -> None:
        self.errors.append({"field": name, "message": MESSAGES[code] % params, "code": code, "params": params})

    def number(self, data: dict, key: str, name: str, low: float | None = None, high: float | None = None,
               low_open: bool = False) -> float | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(name, "number")
            return None
        number = _finite(value)
        if number is None:
            self.error(name, "finite")
            return None
        if low is not None and (number <= low if low_open else number < low):
            self.error(name, "min_open" if low_open else "min", limit=f"{low:g}")
        elif high is not None and number > high:
            self.error(name, "max", limit=f"{high:g}")
        return number

    def choice(self, data: dict, key: str, name: str, allowed: tuple[str, ...]) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or value.strip().lower().replace("_", " ") not in allowed:
            self.error(name, "choice", allowed=", ".join(allowed))
            return None
        return value.strip().lower().replace("_", " ")

    def text(self, data: dict, key: str, name: str, limit: int = 5000) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.error(name, "text")
            return None
        if len(value) > limit:
            self.error(name, "too_long", limit=str(limit))
        elif not _encodable(value):
            self.error(name, "unicode")
        return value.strip() or None

    def boolean(self, data: dict, key: str, name: str) -> bool:
        value = data.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(name, "bool")
            return False
        return value


def _finite(value: int | float) -> float | None:
    """The value as a finite float; None for NaN, Infinity and integers too large for a float."""
    try:
        number = float(value)
    except OverflowError:  # JSON integers have no size limit; a 400-digit one is not a float
        return None
    return number if math.isfinite(number) else None


def _encodable(text: str) -> bool:
    """False for text holding lone surrogates: JSON's \\ud800 escape makes them, but
    they are not Unicode text and break what reads it later (the tokenizer, UTF-8 pages)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(value: Any) -> str:
    """A short rendering of a rejected value for a message: text (cut), else its JSON type."""
    if isinstance(value, str):
        return repr(value[:40] + "…" if len(value) > 40 else value)
    json_types = {bool: "a boolean", int: "a number", float: "a number", list: "an array", dict: "an object"}
    return json_types.get(type(value), "null")


def _contaminants(reader: _Reader, raw: Any) -> list[ContaminantInput]:
    if not isinstance(raw, list) or not raw:
        reader.error("contaminants", "contaminants_list")
        return []
    if len(raw) > 50:
        reader.error("contaminants", "too_many", limit="50")
        return []
    out = []
    for i, item in enumerate(raw):
        where = f"contaminants[{i}]"
        if not isinstance(item, dict):
            reader.error(where, "contaminant_object")
            continue
        unknown = set(item) - set(CONTAMINANT_FIELDS)
        if unknown:
            reader.error(where, "unknown_fields", fields=", ".join(sorted(unknown)),
                         allowed=", ".join(CONTAMINANT_FIELDS))
        amounts = {key: reader.number(item, key, f"{where}.{key}", 0) for key in CONTAMINANT_FIELDS[2:]}
        entry = ContaminantInput(
            name=reader.text(item, "name", f"{where}.name", 200), cas=reader.text(item, "cas", f"{where}.cas", 20),
            **amounts)
        if not entry.name and not entry.cas:
            reader.error(where, "name_or_cas")
        out.append(entry)
    return out


def _media(reader: _Reader, raw: Any) -> list[str]:
    if not isinstance(raw, list) or not raw:
        reader.error("media", "media_list", allowed=", ".join(allowed("media")))
        return []
    media = []
    for value in raw:
        if not isinstance(value, str) or value.strip().lower() not in allowed("media"):
            reader.error("media", "media_value", value=_shown(value), allowed=", ".join(allowed("media")))
        elif value.strip().lower() not in media:
            media.append(value.strip().lower())
    return media


def parse_site(data: Any) -> Site:
    """A valid Site, or SiteError listing every problem."""
    reader = _Reader()
    if not isinstance(data, dict):
        raise SiteError([{"field": "(site)", "message": MESSAGES["site_object"], "code": "site_object", "params": {}}])
    unknown = set(data) - TOP_LEVEL
    if unknown:
        reader.error("(site)", "unknown_fields", fields=", ".join(sorted(map(str, unknown))),
                     allowed=", ".join(sorted(TOP_LEVEL)))
    constraints = data.get("constraints") or {}
    if not isinstance(constraints, dict):
        reader.error("constraints", "object")
        constraints = {}
    weights_raw = data.get("weights") or {}
    weights: dict[str, float] = {}
    if not isinstance(weights_raw, dict):
        reader.error("weights", "weights_object")
    else:
        for key in weights_raw:
            if key not in CRITERIA:
                reader.error(f"weights.{key}", "criterion", allowed=", ".join(CRITERIA))
            else:
                value = reader.number(weights_raw, key, f"weights.{key}", 0, 100)
                if value is not None:
                    weights[key] = value
    site = Site(
        contaminants=_contaminants(reader, data.get("contaminants")), media=_media(reader, data.get("media")),
        name=reader.text(data, "name", "name", 200), country=reader.text(data, "country", "country", 100),
        description=reader.text(data, "description", "description"),
        soil_texture=reader.choice(data, "soil_texture", "soil_texture", allowed("soil_texture")),
        ph=reader.number(data, "ph", "ph", 0, 14),
        organic_matter_pct=reader.number(data, "organic_matter_pct", "organic_matter_pct", 0, 100),
        contamination_depth_m=reader.number(data, "contamination_depth_m", "contamination_depth_m", 0),
        groundwater_depth_m=reader.number(data, "groundwater_depth_m", "groundwater_depth_m", 0),
        area_m2=reader.number(data, "area_m2", "area_m2", 0, low_open=True),
        volume_m3=reader.number(data, "volume_m3", "volume_m3", 0, low_open=True),
        land_use=reader.choice(data, "land_use", "land_use", allowed("land_use")),
        climate=reader.choice(data, "climate", "climate", allowed("climate")),
        max_duration_years=reader.number(constraints, "max_duration_years", "constraints.max_duration_years", 0,
                                         low_open=True),
        budget_usd=reader.number(constraints, "budget_usd", "constraints.budget_usd", 0),
        in_situ_only=reader.boolean(constraints, "in_situ_only", "constraints.in_situ_only"),
        prefer_nature_based=reader.boolean(constraints, "prefer_nature_based", "constraints.prefer_nature_based"),
        weights=weights,
    )
    if reader.errors:
        raise SiteError(reader.errors)
    return site
