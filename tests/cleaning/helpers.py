"""Shared helpers for the cleaning-pass tests."""

from __future__ import annotations

from peptidebook.cleaning import Pass
from peptidebook.diagnostics import Report
from peptidebook.model import Article, Block, Source


def run_pass(step: Pass, *blocks: Block, title: str = "T") -> Article:
    """``step`` applied to an article made of ``blocks``, which must report nothing (no
    unexpected diagnostics, after WeasyPrint's ``@assert_no_logs``)."""
    article = Article(title=title, slug="s", blocks=blocks, source=Source("text", "t"))
    report = Report()
    result = step(article, report)
    assert report.diagnostics == []
    return result
