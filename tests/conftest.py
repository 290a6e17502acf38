"""Shared fixtures: the app on the shipped knowledge graph (built once per session),
a client, and a helper to run the CLI in-process."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from remediate.build import Sources
from remediate.settings import REPO_ROOT, defaults
from webapp import create_app

SHARED = REPO_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def sources() -> Sources:
    return Sources(REPO_ROOT / "ontology", REPO_ROOT / "kg_data")


@pytest.fixture(scope="session")
def app():
    return create_app({"TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    """A scratch copy of kg_data that a test may break."""
    target = tmp_path / "kg_data"
    shutil.copytree(REPO_ROOT / "kg_data", target)
    return target


def run_cli(*args: str, env_overrides: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, **(env_overrides or {})}
    return subprocess.run([sys.executable, "-m", "remediate.cli", *args], capture_output=True, text=True,
                          env=env, timeout=120, check=False)


@pytest.fixture()
def config() -> dict:
    return defaults()
