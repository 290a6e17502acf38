"""Translation-ready: the web app's strings go through gettext and extract into a
catalogue, and the committed template (messages.pot) is not stale."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from remediate.settings import REPO_ROOT


def extract(tmp_path: Path) -> str:
    out = tmp_path / "messages.pot"
    command = [str(Path(sys.executable).parent / "pybabel"), "extract", "-F", "babel.cfg", "-o", str(out),
               "--omit-header", "-k", "N_", "webapp", "src/remediate/recommend"]
    subprocess.run(command, cwd=REPO_ROOT, check=True, capture_output=True)
    return out.read_text()


def msgids(pot: str) -> set[str]:
    return {line[7:-1] for line in pot.splitlines() if line.startswith('msgid "') and line != 'msgid ""'}


def test_catalogue_covers_the_pages(tmp_path):
    ids = msgids(extract(tmp_path))
    for text in ("Describe your site", "Ranked techniques", "Guideline values exceeded", "Excluded techniques",
                 "Download the ranking (CSV)", "Similar documented cases", "Query the knowledge graph"):
        assert text in ids, text
    assert "Nothing is known about %(iri)s." in ids and "Enter a number, such as 6.5." in ids
    assert "must be one of: %(allowed)s" in ids  # the recommender's validation messages too
    assert len(ids) > 130


def test_committed_template_is_current(tmp_path):
    committed = msgids((REPO_ROOT / "webapp" / "translations" / "messages.pot").read_text())
    assert committed == msgids(extract(tmp_path)), "run `make messages` and commit webapp/translations/messages.pot"
