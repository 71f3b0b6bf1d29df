"""End to end: build the sample book and run the real checkers (EPUBCheck + DAISY Ace).

The checkers live in ``../shared/tools`` beside the repository and install themselves the first
time (cached afterwards). They are never skipped: a missing checker is a failing test.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from peptidebook.build import build

from .conftest import EXAMPLES, ROOT

TOOLS = ROOT.parent / "shared" / "tools"


def run_checker(tool: str, path: Path, tmp_path: Path) -> dict[str, object]:
    checker = TOOLS / tool
    assert checker.exists(), f"{checker} is missing: ../shared must sit beside the repository"
    report = tmp_path / f"{tool}.json"
    done = subprocess.run([str(checker), str(path), "--json", str(report)],
                          capture_output=True, text=True, timeout=1800, check=False)
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    assert done.returncode == 0, f"{tool} failed on {path.name}:\n{done.stdout}\n{done.stderr}"
    assert summary.endswith(" 0 failed")
    result: dict[str, object] = json.loads(report.read_text(encoding="utf-8"))
    return result


@pytest.mark.checker
def test_sample_epub_passes_epubcheck_and_ace(tmp_path: Path) -> None:
    epub = build(config_path=EXAMPLES / "book.toml", output_dir=tmp_path).outputs[0]
    result = run_checker("check-epub", epub, tmp_path)
    assert result["passed"] == 8
    ace = result["ace"]
    assert isinstance(ace, dict)
    assert ace["counts"] == {"critical": 0, "serious": 0, "moderate": 0, "minor": 0}
