"""Small golden cases for the cleaner (after Pandoc's ``test/command/*.md``).

Each ``cases/*.case`` file is: a first line ``% reader: html`` or ``% reader: text``, the input,
a line ``^D``, then the expected dump of the cleaned blocks. Regenerate with
``PEPTIDEBOOK_REGEN=1`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from peptidebook.cleaning import clean
from peptidebook.diagnostics import Report
from peptidebook.dump import dump_blocks
from peptidebook.model import Article, Source
from peptidebook.readers.html import parse_html_fragment
from peptidebook.readers.text import parse_text

from ..conftest import REGENERATE

CASES = sorted((Path(__file__).parent / "cases").glob("*.case"))


def run_case(header: str, body: str) -> str:
    report = Report()
    kind = header.removeprefix("% reader:").strip()
    if kind == "html":
        blocks = parse_html_fragment(body, base_url="https://example.org/post/", report=report,
                                     where="case")
        source = Source("wordpress-rest", "case")
    elif kind == "text":
        blocks = parse_text(body, report=report, where="case")
        source = Source("text", "case")
    else:
        raise ValueError(f"unknown reader {kind!r}")
    article = Article(title="Case", slug="case", blocks=blocks, source=source)
    return dump_blocks(clean(article, report).blocks)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_case(case: Path) -> None:
    header, rest = case.read_text(encoding="utf-8").split("\n", 1)
    body, expected = rest.split("\n^D\n", 1)
    got = run_case(header, body)
    if REGENERATE:
        case.write_text(f"{header}\n{body}\n^D\n{got}", encoding="utf-8")
        pytest.skip("regenerated")
    assert got == expected
