"""The benchmark's corpora (bench/build_speed.py): n distinct articles that read as n chapters."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from peptidebook.build import load_book
from peptidebook.diagnostics import Report

from .conftest import ROOT


def _bench_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_speed", ROOT / "bench" / "build_speed.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_speed", module)
    spec.loader.exec_module(module)
    return module


def test_corpus_of_n_articles_has_n_distinct_titles_and_slugs(tmp_path: Path) -> None:
    bench = _bench_module()
    config = bench.make_corpus(7, tmp_path)
    report = Report()
    _config, book = load_book([], config, report)
    titles = [article.title for article in book.articles]
    slugs = [article.slug for article in book.articles]
    assert len(book.articles) == 7
    assert len(set(map(str, titles))) == 7
    assert len(set(slugs)) == 7
    assert report.count("renamed") == 0  # no two copies had to be told apart by the builder
