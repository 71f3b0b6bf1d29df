"""Input limits: each one declared in :mod:`peptidebook.limits`, checked up front, reported in one
line, and tried here at its value and just past it (issue #10, items 5 and 10)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from peptidebook import limits
from peptidebook.cleaning.evidence.works import parse_entry
from peptidebook.cleaning.glossary import extract_glossary
from peptidebook.cleaning.tables import infer_table_structure
from peptidebook.cli import main
from peptidebook.diagnostics import Report
from peptidebook.errors import InputError
from peptidebook.model import Article, Cell, Paragraph, Row, Source, Table, Text
from peptidebook.readers import read_file, source_files
from peptidebook.readers.html import MAX_DEPTH


def post(**fields: object) -> dict[str, object]:
    return {"title": {"rendered": "T"}, "content": {"rendered": "<p>Hello world.</p>"},
            **fields}


def sized(path: Path, size: int) -> Path:
    """A sparse file of ``size`` bytes (no disk used, nothing read)."""
    with path.open("wb") as file:
        file.truncate(size)
    return path


# --------------------------------------------------------------------------- source files


def test_a_source_of_the_limit_is_accepted(tmp_path: Path) -> None:
    source = sized(tmp_path / "big.txt", limits.MAX_SOURCE_BYTES)
    assert source_files(source) == [source]


@pytest.mark.parametrize("folder", [False, True])
def test_a_source_past_the_limit_is_refused_before_anything_is_read(
        tmp_path: Path, folder: bool) -> None:
    sized(tmp_path / "a.txt", 10)
    big = sized(tmp_path / "b.txt", limits.MAX_SOURCE_BYTES + 1)
    with pytest.raises(InputError, match=r"b\.txt: 64\.0 MiB is more than one source may hold "
                                         r"\(64 MiB\)"):
        source_files(tmp_path if folder else big)


def test_the_command_line_refuses_it_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = sized(tmp_path / "big.json", 100 * 2**20)
    code = main(["build", str(big), "--output", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 3
    assert "Traceback" not in err
    (line,) = [line for line in err.splitlines() if line.startswith("peptidebook: error:")]
    assert "100.0 MiB is more than one source may hold (64 MiB)" in line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_not_a_source(tmp_path: Path) -> None:
    # A pipe has no size to check: reading one could go on for ever.
    pipe = tmp_path / "feed.json"
    os.mkfifo(pipe)
    with pytest.raises(InputError, match=r"feed\.json: not a regular file"):
        source_files(pipe)


# --------------------------------------------------------------------------- JSON numbers


def test_an_integer_past_pythons_digit_limit_is_read_not_raised(tmp_path: Path) -> None:
    # Python 3.11's int() refuses more than 4,300 digits (a ValueError, once a traceback).
    digits = "7" * 5000
    path = tmp_path / "post.json"
    path.write_text(json.dumps(post(slug="kept"))[:-1] + f', "views": {digits}}}')
    [article] = read_file(path, Report())
    assert article.slug == "kept"


def test_a_post_id_past_the_digit_limit_still_names_the_post(tmp_path: Path) -> None:
    digits = "7" * 5000
    path = tmp_path / "post.json"
    path.write_text(json.dumps(post())[:-1] + f', "id": {digits}}}')
    [article] = read_file(path, Report())
    assert article.slug.startswith("post-777")


# --------------------------------------------------------------------------- nesting


def test_the_html_depth_is_the_readers() -> None:
    assert limits.MAX_HTML_DEPTH == MAX_DEPTH


# --------------------------------------------------------------------------- text rules


@pytest.mark.parametrize(("length", "read"), [(limits.MAX_DOI_CHARS, True),
                                              (limits.MAX_DOI_CHARS + 1, False)])
def test_a_doi_is_read_up_to_its_limit(length: int, read: bool) -> None:
    doi = "10.1000/" + "x" * length
    work = parse_entry(f"Smith, J. (2005). A title. J Med, 1(2), 3-4. https://doi.org/{doi}")
    assert work is not None
    assert work.doi == (doi if read else None)


@pytest.mark.parametrize(("letters", "abbreviation"), [(limits.MAX_WORD_CHARS // 2, True),
                                                        (limits.MAX_WORD_CHARS // 2 + 1, False)])
def test_initials_are_read_up_to_the_word_limit(letters: int, abbreviation: bool) -> None:
    # A tooltip between two sentences is glued back with ". " when the word before it is not a
    # sentence end (initials: "met U.S. Meaning ∞ …"), with " " when it is.
    initials = "A." * letters
    text = f"We met {initials} Meaning ∞ Something is a thing. Then it went on."
    result = extract_glossary(paragraph(text), Report())
    (block,) = result.blocks
    assert isinstance(block, Paragraph)
    glued = "".join(node.text for node in block.children if isinstance(node, Text))
    assert glued.endswith(f"{initials}{'. ' if abbreviation else ' '}Then it went on.")


def paragraph(text: str) -> Article:
    return Article(title="T", slug="t", blocks=(Paragraph((Text(text),)),),
                   source=Source("text", "t"))


TOOLTIP = "a protocol of growth hormone Meaning ∞ Growth hormone is a hormone. therapy works. "


def test_a_run_of_the_tooltip_limit_is_searched() -> None:
    text = (TOOLTIP * (limits.MAX_TOOLTIP_RUN_CHARS // len(TOOLTIP)))
    assert len(text) <= limits.MAX_TOOLTIP_RUN_CHARS
    report = Report()
    result = extract_glossary(paragraph(text), report)
    assert [e.term for e in result.glossary] == ["Growth hormone"]
    assert report.count("input-limit") == 0


def test_a_longer_run_is_left_as_it_is_and_reported_once() -> None:
    text = TOOLTIP * (limits.MAX_TOOLTIP_RUN_CHARS // len(TOOLTIP) + 1)
    report = Report()
    result = extract_glossary(
        Article(title="T", slug="t", blocks=(Paragraph((Text(text),)),) * 2,
                source=Source("text", "t")), report)
    assert result.blocks == (Paragraph((Text(text),)),) * 2 and result.glossary == ()
    (line,) = [d for d in report.diagnostics if d.code == "input-limit"]
    assert line.severity == "warning"
    assert f"2 texts of more than {limits.MAX_TOOLTIP_RUN_CHARS:,} characters" in line.message


def test_a_long_run_without_tooltips_is_not_reported() -> None:
    report = Report()
    extract_glossary(paragraph("Plain words. " * limits.MAX_TOOLTIP_RUN_CHARS), report)
    assert report.diagnostics == []


# --------------------------------------------------------------------------- tables


def table(cells: int) -> Article:
    """An article of one table of ``cells`` cells in rows of 10 (the head included)."""
    rows = [Row(tuple(Cell((Paragraph((Text(f"{r}.{c}"),)),)) for c in range(10)))
            for r in range(cells // 10)]
    return Article(title="T", slug="t", blocks=(Table(head=(rows[0],), body=tuple(rows[1:])),),
                   source=Source("text", "t"))


def test_a_table_of_the_cell_limit_is_not_reported() -> None:
    report = Report()
    infer_table_structure(table(limits.MAX_TABLE_CELLS), report)
    assert report.diagnostics == []


def test_a_larger_table_is_kept_whole_and_reported() -> None:
    report = Report()
    result = infer_table_structure(table(limits.MAX_TABLE_CELLS + 10), report)
    (block,) = result.blocks
    assert isinstance(block, Table)
    assert sum(len(row.cells) for row in (*block.head, *block.body)) == 10_010
    (line,) = report.diagnostics
    assert (line.code, line.severity) == ("input-limit", "warning")
    assert "1 table of more than 10,000 cells (the largest 10,010) kept whole" in line.message


def test_every_limit_is_tried_here() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    for name in limits.__all__:
        assert f"limits.{name}" in source, name
