"""Diagnostic codes: a closed set, each one documented in the README with what a user can do."""

from __future__ import annotations

import re

import pytest

from peptidebook.diagnostics import CODES, Diagnostic

from .conftest import ROOT


def _readme_rows() -> dict[str, list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Diagnostic codes"):]
    section = section[:section.index("\n## ", 4)]
    rows = {}
    for line in section.splitlines():
        match = re.match(r"\| `([a-z-]+)` \|(.*)\|$", line)
        if match:
            rows[match.group(1)] = [cell.strip() for cell in match.group(2).split("|")]
    return rows


def test_every_code_is_documented_in_the_readme_and_no_other() -> None:
    assert set(_readme_rows()) == set(CODES)


@pytest.mark.parametrize("code", sorted(CODES))
def test_each_documented_code_says_what_to_do(code: str) -> None:
    meaning, what_to_do = _readme_rows()[code]
    assert meaning and what_to_do


def test_an_unknown_code_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown diagnostic code"):
        Diagnostic("made-up", "warning", "here", "message")
