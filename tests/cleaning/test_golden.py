"""Golden model dumps: each sample article, read and cleaned, against a reviewed dump.

Regenerate with ``PEPTIDEBOOK_REGEN=1 make test`` (or pytest), then review ``git diff``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from peptidebook.cleaning import clean
from peptidebook.diagnostics import Report
from peptidebook.dump import dump_article
from peptidebook.readers import read_path

from ..conftest import EXAMPLES, REGENERATE, ROOT

GOLDEN = Path(__file__).parent / "golden"
SAMPLES = sorted(p for p in EXAMPLES.iterdir() if p.suffix in {".json", ".txt"})


@pytest.mark.parametrize("source", SAMPLES, ids=lambda p: p.stem)
def test_sample_article_matches_golden_dump(source: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # source locations in the dump are relative to the checkout
    report = Report()
    (article,) = read_path(source.relative_to(ROOT), report)
    got = dump_article(clean(article, report))
    golden = GOLDEN / f"{source.stem}.dump"
    if REGENERATE or not golden.exists():
        golden.write_text(got, encoding="utf-8")
        pytest.skip(f"wrote {golden.name}: review it")
    assert got == golden.read_text(encoding="utf-8")
