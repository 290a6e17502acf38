"""The curator guide's walk-throughs are run as written: each `sh` block that follows a
`<!-- tested walk-through -->` marker in docs/curator.md, in the repository, with $WORK a
scratch folder."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from remediate.settings import REPO_ROOT

GUIDE = REPO_ROOT / "docs" / "curator.md"
BLOCK = re.compile(r"<!-- tested walk-through -->\s*```sh\n(.*?)```", re.S)


def walkthroughs() -> list[str]:
    return BLOCK.findall(GUIDE.read_text(encoding="utf-8"))


def test_the_guide_has_a_tested_walkthrough():
    assert walkthroughs()


@pytest.mark.slow
@pytest.mark.parametrize("script", walkthroughs())
def test_walkthrough_runs_as_written(script, tmp_path):
    env = {**os.environ, "WORK": str(tmp_path)}
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=REPO_ROOT, env=env,
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    totals = [line for line in result.stdout.splitlines() if line.strip().startswith("total")]
    assert totals, result.stdout[-2000:]
    cells = totals[-1].split()
    assert cells[-2:] == ["0", "0"], totals[-1]  # nothing added, nothing removed
