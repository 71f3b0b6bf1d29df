"""Shared fixtures: the sample articles and a helper to regenerate golden files on request."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "peptidebook"
#: The bundled sample book (package data, ``peptidebook.build.sample_config_path()``'s folder).
EXAMPLES = PACKAGE / "sample"
#: The book-language catalogs (package data).
LOCALES = PACKAGE / "locales"

#: Set PEPTIDEBOOK_REGEN=1 to rewrite golden files instead of comparing (then review the diff).
REGENERATE = os.environ.get("PEPTIDEBOOK_REGEN") == "1"


@pytest.fixture
def examples() -> Path:
    return EXAMPLES
