"""Shared fixtures for the writer tests: the sample book built once in every format, and the
PDF checker (``../shared/tools/check-pdf``, self-installing, never skipped)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from peptidebook.build import BuildResult, build

from ..conftest import EXAMPLES, ROOT

CHECK_PDF = ROOT.parent / "shared" / "tools" / "check-pdf"
HANDOUTS = ("sermorelin-skin-health-anti-aging", "sermorelin-results-muscle-preservation",
            "combining-gh-peptides-and-trt")


@pytest.fixture(scope="session")
def full_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The sample book as EPUB, PDF and handouts (the PDF is laid out first)."""
    out = tmp_path_factory.mktemp("full-build")
    return build(config_path=EXAMPLES / "book.toml", output_dir=out,
                 formats=("epub", "pdf", "handouts"))


@pytest.fixture(scope="session")
def book_pdf(full_build: BuildResult) -> Path:
    return next(p for p in full_build.outputs if p.suffix == ".pdf" and
                p.parent.name != "handouts")


@pytest.fixture(scope="session")
def book_epub(full_build: BuildResult) -> Path:
    return next(p for p in full_build.outputs if p.suffix == ".epub")


def check_pdf(path: Path, tmp_path: Path) -> dict[str, object]:
    """Run check-pdf on ``path``; fail unless every check passed. Returns its JSON report."""
    assert CHECK_PDF.exists(), f"{CHECK_PDF} is missing: ../shared must sit beside the repository"
    report = tmp_path / f"{path.stem}.check-pdf.json"
    done = subprocess.run([str(CHECK_PDF), str(path), "--json", str(report)],
                          capture_output=True, text=True, timeout=1800, check=False)
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    assert done.returncode == 0, f"check-pdf failed on {path.name}:\n{done.stdout}\n{done.stderr}"
    assert summary.endswith(" 0 failed"), summary
    result: dict[str, object] = json.loads(report.read_text(encoding="utf-8"))
    return result
