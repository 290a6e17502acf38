"""Resolve contaminant names as people write them: by CAS number, then label and
synonym (ignoring case, punctuation and common spelling variants), then a name we know
inside a longer phrase ("weathered gasoline"), then the tens of thousands of synonyms of
the `chemicals` library (ChEDL) mapped to a CAS number we hold, then close spelling,
then embedding similarity. Each match says how it was made and how sure it is. When
even the best embedding guess is below the threshold, the site is still ranked on it,
flagged as a guess, rather than not at all."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any

import numpy as np

from ..checks import cas_valid
from . import embeddings
from .knowledge import Knowledge
from .site import ContaminantInput

# British/American and old/new spellings that mean the same substance
VARIANTS = (("vapour", "vapor"), ("sulphur", "sulfur"), ("sulphate", "sulfate"), ("caesium", "cesium"),
            ("aluminium", "aluminum"), ("ethene", "ethylene"), ("tri-chloro", "trichloro"))
ISOMER_WORDS = {"cis", "trans", "mixed", "isomer", "isomers", "total", "not", "specified", "unspecified", "sum"}
FUZZY_MIN = 0.88
EMBEDDING_MIN = 0.75
GUESS_MIN = 0.55  # below this even a flagged guess would mislead: the name stays unresolved
PHRASE_MIN_CHARS = 4  # names this short ("As", "Pb") are not searched for inside phrases


def normalise(text: str) -> str:
    """Lower case, one spelling, punctuation as spaces; letters of every script are kept
    (names arrive in all six FAO languages)."""
    text = text.lower()
    for british, american in VARIANTS:
        text = text.replace(british, american)
    text = re.sub(r"[\W_]+", " ", text)
    return " ".join(text.split())


def core_name(text: str) -> str:
    """The name without locants and isomer words: "cis-1,2-dichloroethene" -> "dichloroethylene"."""
    return " ".join(w for w in normalise(text).split() if not w.isdigit() and w not in ISOMER_WORDS)


def _candidates(text: str) -> list[str]:
    """The text, and its parts outside and inside parentheses ("TPH (fuel)" -> "TPH", "fuel")."""
    out = [text]
    inner = re.findall(r"\(([^()]*)\)", text)
    outer = re.sub(r"\([^()]*\)", " ", text).strip()
    out += [outer] + inner if inner else []
    return [c for c in out if c.strip()]


class Resolver:
    def __init__(self, knowledge: Knowledge, vectors: Callable[[], embeddings.Vectors] | None = None):
        self.knowledge = knowledge
        # the graph's name vectors, asked for only when string matching has failed
        self.vectors = vectors or (lambda: embeddings.compute(knowledge, "adhoc"))
        self.by_cas = {c.cas: c.iri for c in knowledge.contaminants.values() if c.cas}
        self.by_label: dict[str, str] = {}
        self.by_synonym: dict[str, str] = {}
        self.by_translation: dict[str, tuple[str, str]] = {}  # name -> (contaminant, language)
        for c in knowledge.contaminants.values():
            self.by_label.setdefault(normalise(c.label), c.iri)
            for alt in c.alt_labels:
                self.by_synonym.setdefault(normalise(alt), c.iri)
            for name, lang in c.translations.items():
                self.by_translation.setdefault(normalise(name), (c.iri, lang))
        self.names = list(self.by_label) + list(self.by_synonym)
        # longest first, so "benzo a pyrene" wins over "pyrene" inside a phrase
        self.phrases = sorted((n for n in self.names if len(n) >= PHRASE_MIN_CHARS), key=len, reverse=True)
        self.by_core: dict[str, set[str]] = {}
        for c in knowledge.contaminants.values():
            for name in [c.label, *c.alt_labels]:
                if core_name(name):
                    self.by_core.setdefault(core_name(name), set()).add(c.iri)

    def _match(self, iri: str, entry: ContaminantInput, how: str, confidence: float) -> dict[str, Any]:
        return {"input": entry.text, "iri": iri, "label": self.knowledge.contaminants[iri].label,
                "matched_by": how, "confidence": round(confidence, 3)}

    def _iri_of_name(self, name: str) -> str:
        return self.by_label.get(name) or self.by_synonym[name]

    def resolve(self, entry: ContaminantInput, allow_embeddings: bool = True) -> dict[str, Any]:
        if entry.cas:
            cas = entry.cas.strip()
            if cas in self.by_cas:
                return self._match(self.by_cas[cas], entry, "cas", 1.0)
        for candidate in _candidates(entry.name or ""):
            key = normalise(candidate)
            if key in self.by_label:
                return self._match(self.by_label[key], entry, "label", 1.0 if candidate == entry.name else 0.9)
            if key in self.by_synonym:
                return self._match(self.by_synonym[key], entry, "synonym", 0.95 if candidate == entry.name else 0.85)
            if key in self.by_translation:
                iri, lang = self.by_translation[key]
                return self._match(iri, entry, f"translated name ({lang})", 0.9)
        isomers = self._by_core(entry)
        if isomers:
            return isomers
        for found in (self._in_phrase, self._by_library):
            match = found(entry)
            if match:
                return match
        key = normalise(entry.name or "")
        close = difflib.get_close_matches(key, self.names, n=3, cutoff=0.6) if key else []
        if close and difflib.SequenceMatcher(None, key, close[0]).ratio() >= FUZZY_MIN:
            ratio = difflib.SequenceMatcher(None, key, close[0]).ratio()
            return self._match(self._iri_of_name(close[0]), entry, "spelling", ratio * 0.9)
        if entry.name and allow_embeddings:
            scored = self._by_embedding(entry.name)
            if scored and scored[0][1] >= EMBEDDING_MIN:
                return self._match(scored[0][0], entry, "embedding", scored[0][1])
            if scored and scored[0][1] >= GUESS_MIN:
                guess = self._match(scored[0][0], entry, "best guess (below threshold)", scored[0][1])
                guess["note"] = (f"No name we hold matches; ranked on the closest one, {guess['label']}, at similarity "
                                 f"{scored[0][1]:.2f} (below {EMBEDDING_MIN}). Check it, or give a CAS number.")
                guess["suggestions"] = [{"iri": iri, "label": self.knowledge.contaminants[iri].label,
                                         "similarity": round(sim, 3)} for iri, sim in scored[:3]]
                return guess
            suggestions = [{"iri": iri, "label": self.knowledge.contaminants[iri].label, "similarity": round(s, 3)}
                           for iri, s in scored[:3]]
        else:
            suggestions = [{"iri": (iri := self._iri_of_name(n)), "label": self.knowledge.contaminants[iri].label,
                            "similarity": round(difflib.SequenceMatcher(None, key, n).ratio(), 3)} for n in close]
        problem = "CAS number not in the knowledge graph" if entry.cas and cas_valid(entry.cas.strip()) else (
            "CAS number has a wrong check digit" if entry.cas and not entry.name else "no contaminant by that name")
        return {"input": entry.text, "iri": None, "label": None, "matched_by": "unresolved", "confidence": 0.0,
                "message": problem, "suggestions": suggestions}

    def _in_phrase(self, entry: ContaminantInput) -> dict[str, Any] | None:
        """A known label or synonym standing as whole words inside a longer name."""
        text = f" {normalise(entry.name or '')} "
        for name in self.phrases:
            if f" {name} " in text and text.strip() != name:
                match = self._match(self._iri_of_name(name), entry, "name within phrase", 0.7)
                match["note"] = f"Matched on '{name}' inside the name given."
                return match
        return None

    def _by_library(self, entry: ContaminantInput) -> dict[str, Any] | None:
        """A synonym the chemicals library knows, for a substance whose CAS number we hold."""
        if not entry.name:
            return None
        from chemicals.identifiers import search_chemical

        try:
            found = search_chemical(entry.name.strip())
        except ValueError:  # the library's answer for a name it does not know
            return None
        iri = self.by_cas.get(found.CASs)
        if iri is None:
            return None
        match = self._match(iri, entry, "synonym (chemicals library)", 0.9)
        match["note"] = f"The chemicals library reads it as {found.common_name} (CAS {found.CASs})."
        return match

    def _by_core(self, entry: ContaminantInput) -> dict[str, Any] | None:
        """A name without its isomer: one entry, or the mixed-isomer (total) entry among several."""
        iris = self.by_core.get(core_name(entry.name or "")) if entry.name else None
        if not iris:
            return None
        if len(iris) == 1:
            return self._match(next(iter(iris)), entry, "label (isomer not specified)", 0.8)
        unspecified = [i for i in iris if any(w in normalise(self.knowledge.contaminants[i].label).split()
                                              for w in ("mixed", "total", "isomers"))]
        if len(unspecified) != 1:
            return None
        match = self._match(unspecified[0], entry, "label (isomer not specified)", 0.7)
        others = sorted(self.knowledge.contaminants[i].label for i in iris if i != unspecified[0])
        match["note"] = "Several isomers share this name (" + ", ".join(others) + "); matched the mixed-isomer entry."
        return match

    def _by_embedding(self, text: str) -> list[tuple[str, float]]:
        vectors = self.vectors()
        query = embeddings.encode_one(text)
        scores = vectors.names @ query
        best: dict[str, float] = {}
        for index in np.argsort(-scores)[:20]:
            iri = str(vectors.name_iris[index])
            best.setdefault(iri, float(scores[index]))
        return sorted(best.items(), key=lambda item: -item[1])
