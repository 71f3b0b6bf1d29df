"""The plain-text reader: lines become headings, paragraphs, lists and pipe tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from peptidebook.diagnostics import Report
from peptidebook.errors import InputError
from peptidebook.model import (
    Block,
    BulletList,
    Heading,
    OrderedList,
    Paragraph,
    Source,
    Table,
    Text,
)
from peptidebook.readers import read_file
from peptidebook.readers.text import parse_text

from ..conftest import EXAMPLES

SAMPLE = EXAMPLES / "combining-gh-peptides-and-trt.txt"


def parse(text: str) -> tuple[Block, ...]:
    report = Report()
    blocks = parse_text(text, report=report, where="test")
    assert report.diagnostics == []
    return blocks


def shape(blocks: tuple[Block, ...]) -> list[str]:
    """A compact description of the blocks: "h2 Title", "p", "ul 2", "table 3x2"."""
    out: list[str] = []
    for block in blocks:
        match block:
            case Heading(level=level, children=(Text(text),)):
                out.append(f"h{level} {text}")
            case Paragraph():
                out.append("p")
            case BulletList(items):
                out.append(f"ul {len(items)}")
            case OrderedList(items, start):
                out.append(f"ol {len(items)} from {start}")
            case Table(head=head, body=body):
                out.append(f"table {len(head[0].cells)}x{len(body)}")
            case _:
                out.append(type(block).__name__)
    return out


# --------------------------------------------------------------------------- headings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Fundamentals\nYou have begun.", ["h2 Fundamentals", "p"], id="short-line"),
        pytest.param(
            "Testosterone Replacement Therapy (TRT)\nTestosterone is a hormone.",
            ["h2 Testosterone Replacement Therapy (TRT)", "p"],
            id="parenthesis-at-end",
        ),
        pytest.param(
            "How Do These Therapies Work Together Mechanistically?\nThe true power lies here.",
            ["h2 How Do These Therapies Work Together Mechanistically?", "p"],
            id="question-before-prose",
        ),
        pytest.param(
            "Is it safe?\nIs it legal?\nBoth depend.", ["p", "h2 Is it legal?", "p"],
            id="question-before-question",
        ),
        pytest.param("Intro.\nWhat now?", ["p", "p"], id="question-at-end"),
        pytest.param("A short line\n", ["p"], id="short-line-at-end"),
        pytest.param("Read this first.\nThen this.", ["p", "p"], id="sentences"),
        pytest.param("It may include:\n- one\n- two", ["p", "ul 2"], id="colon-before-list"),
        pytest.param(
            " ".join(["word"] * 13) + "\nProse follows.", ["p", "p"], id="too-many-words"
        ),
        pytest.param("lower case start\nProse.", ["p", "p"], id="lower-case"),
    ],
)
def test_heading_detection(text: str, expected: list[str]) -> None:
    assert shape(parse(text)) == expected


def test_two_blank_lines_open_a_major_section() -> None:
    text = "\n\nMajor\nText.\n\nMinor\nText.\n\n\nNext Major\nText."
    assert shape(parse(text)) == ["h2 Major", "p", "h3 Minor", "p", "h2 Next Major", "p"]


def test_without_double_blank_lines_every_heading_is_level_2() -> None:
    text = "One\nText.\n\nTwo\nText."
    assert shape(parse(text)) == ["h2 One", "p", "h2 Two", "p"]


def test_references_and_the_heading_after_them_are_major() -> None:
    text = "Major\nText.\n\nMinor\nText.\n\n\nMajor\nReferences\n- A. 2001.\n\nReflection\nText."
    assert shape(parse(text)) == [
        "h2 Major", "p", "h3 Minor", "p", "h2 Major", "h2 References", "ul 1", "h2 Reflection",
        "p",
    ]


# --------------------------------------------------------------------------- paragraphs, lists


def test_each_line_is_a_paragraph() -> None:
    blocks = parse("First paragraph.\nSecond paragraph.\n\nThird paragraph.")
    assert blocks == tuple(
        Paragraph((Text(t),)) for t in ("First paragraph.", "Second paragraph.", "Third paragraph.")
    )


def test_hard_wrapped_lines_are_joined() -> None:
    assert parse("A sentence broken\nacross two lines.") == (
        Paragraph((Text("A sentence broken across two lines."),)),
    )


def test_many_hard_wrapped_lines_make_one_paragraph() -> None:
    # The lines are joined once, at the end (joining them one by one took quadratic time).
    lines = ["A sentence that starts here", *["and goes on"] * 20_000, "and ends."]
    assert parse("\n".join(lines)) == (Paragraph((Text(" ".join(lines)),)),)


def test_consecutive_dash_lines_form_one_bullet_list() -> None:
    blocks = parse("- one\n- two ∞ kept\nAfter.\n- three")
    assert shape(blocks) == ["ul 2", "p", "ul 1"]
    first = blocks[0]
    assert isinstance(first, BulletList)
    assert first.items[1].blocks == (Paragraph((Text("two ∞ kept"),)),)


def test_numbered_lines_form_an_ordered_list() -> None:
    assert shape(parse("3. three\n4. four")) == ["ol 2 from 3"]


def test_a_year_at_the_start_of_a_line_is_prose() -> None:
    assert shape(parse("2005. In that year the study began.")) == ["p"]


def test_a_line_of_dashes_is_a_thematic_break() -> None:
    assert shape(parse("Before.\n---\nAfter.")) == ["p", "HorizontalRule", "p"]


# --------------------------------------------------------------------------- pipe tables


TABLE = """Agent | Dosage | Rationale |
---|---|---|
Anastrozole | 0.25-0.5 mg | Controls estrogen. |
Gonadorelin | 50 units |
After the table."""


def test_pipe_table_head_has_column_header_cells() -> None:
    table = parse(TABLE)[0]
    assert isinstance(table, Table)
    (head,) = table.head
    assert [(c.header, c.scope) for c in head.cells] == [(True, "col")] * 3
    assert head.cells[0].blocks == (Paragraph((Text("Agent"),)),)


def test_pipe_table_body_rows_hold_paragraphs_and_are_padded() -> None:
    blocks = parse(TABLE)
    table = blocks[0]
    assert isinstance(table, Table)
    assert [[c.blocks for c in row.cells] for row in table.body] == [
        [(Paragraph((Text(t),)),) for t in ("Anastrozole", "0.25-0.5 mg", "Controls estrogen.")],
        [(Paragraph((Text("Gonadorelin"),)),), (Paragraph((Text("50 units"),)),), ()],
    ]
    assert all(not c.header for row in table.body for c in row.cells)
    assert shape(blocks) == ["table 3x2", "p"]


def test_a_pipe_line_without_a_rule_is_prose() -> None:
    assert shape(parse("Either this | or that.\nMore.")) == ["p", "p"]


# --------------------------------------------------------------------------- files


def test_read_text_derives_title_and_slug_from_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "Combining-GH_peptides and TRT.txt"
    path.write_text("Heading\nSome text.\n", encoding="utf-8")
    report = Report()
    (article,) = read_file(path, report)
    assert (article.title, article.slug) == ("Combining GH peptides and TRT",
                                             "combining-gh-peptides-and-trt")
    assert article.source == Source(kind="text", location=str(path))


def test_read_text_reports_the_missing_title_and_author(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Some text.\n", encoding="utf-8")
    report = Report()
    read_file(path, report)
    title, author = report.diagnostics
    assert [(d.code, d.severity, d.where) for d in (title, author)] == [
        ("no-title", "warning", str(path)), ("no-author", "info", str(path))]
    assert "book.toml" in title.message
    assert author.message == "plain text names no author"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"\n  \n", "empty", id="blank"),
        pytest.param("caf\u00e9".encode("latin-1"), "not UTF-8", id="latin-1"),
    ],
)
def test_unreadable_text_is_an_input_error(tmp_path: Path, content: bytes, says: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_file(path, Report())
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and says in message and "\n" not in message


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot be read"):
        read_file(tmp_path / "missing.txt", Report())


def test_utf8_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHello there.".encode())
    (article,) = read_file(path, Report())
    assert article.blocks == (Paragraph((Text("Hello there."),)),)


def test_the_sample_has_its_sections_tables_and_lists() -> None:
    (article,) = read_file(SAMPLE, Report())
    kinds = shape(article.blocks)
    assert [k for k in kinds if k.startswith("h2")] == [
        "h2 Fundamentals", "h2 Intermediate", "h2 Academic", "h2 References", "h2 Reflection",
    ]
    assert kinds.count("h3 A Clinical Protocol Example") == 1
    assert [k for k in kinds if k.startswith("table")] == ["table 3x4", "table 4x3"]
    assert [k for k in kinds if k.startswith("ul")] == ["ul 2", "ul 2", "ul 3", "ul 7"]


# --------------------------------------------------------------------------- hostile input


def test_control_characters_leave_a_text_file_and_are_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes("Dosing\x0cNotes\nTake\x00 it with\x1b[1m water.\x85Then rest.\n".encode())
    report = Report()
    (article,) = read_file(path, report)
    assert article.blocks == (
        Heading(2, (Text("Dosing Notes"),)),
        Paragraph((Text("Take it with[1m water."),)),
        Paragraph((Text("Then rest."),)),
    )
    assert [(d.where, d.message) for d in report.diagnostics if d.code == "control-removed"] == [
        (str(path), ("removed 2 control characters (U+0000 ×1, U+001B ×1) from the text; "
                    "replaced 2 control characters (U+000C ×1, U+0085 ×1) in the text by a "
                    "line break and a space"))
    ]


@pytest.mark.parametrize("char", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e"])
def test_a_separator_control_between_words_does_not_split_the_paragraph(char: str) -> None:
    report = Report()
    blocks = parse_text(f"Take it with{char}water.", report=report, where="t")
    assert blocks == (Paragraph((Text("Take it with water."),)),)
    assert report.count("control-removed") == 1


def test_a_control_character_in_the_file_name_leaves_the_title(tmp_path: Path) -> None:
    path = tmp_path / "dose\x1bnotes.txt"
    path.write_text("Text.\n", encoding="utf-8")
    report = Report()
    (article,) = read_file(path, report)
    assert article.title == "Dosenotes"
    assert report.count("control-removed") == 1
