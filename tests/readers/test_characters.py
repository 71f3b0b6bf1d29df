"""The one filter every reader passes text through: what XML 1.0 forbids never reaches the
model, words stay apart, and every change is reported once per source."""

from __future__ import annotations

import pytest

from peptidebook.diagnostics import Report
from peptidebook.readers.characters import ControlFilter


def filtered(text: str, *, one_line: bool = False) -> str:
    return ControlFilter()(text, "the text", one_line=one_line)


@pytest.mark.parametrize(
    "char",
    [
        "\x00", "\x01", "\x08", "\x0e", "\x1b",  # C0 controls
        "\x7f",  # DEL
        "\x80", "\x9f",  # C1 controls
        "\ud800", chr(0xDFFF),  # lone surrogates
        "\ufffe", "\uffff",  # non-characters XML forbids
    ],
)
def test_forbidden_characters_are_removed(char: str) -> None:
    assert filtered(f"a{char}b") == "ab"


@pytest.mark.parametrize("char", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f"])
def test_controls_between_words_become_a_space(char: str) -> None:
    assert filtered(f"form{char}feed") == "form feed"


@pytest.mark.parametrize(("one_line", "expected"), [(False, "next\nline"), (True, "next line")])
def test_next_line_becomes_a_line_break_or_a_space(one_line: bool, expected: str) -> None:
    assert filtered("next\x85line", one_line=one_line) == expected


@pytest.mark.parametrize(
    "text", ["tab\there", "line\nfeed", "carriage\rreturn", "a\ufffdb", "\U0001f600", "\ue000"]
)
def test_characters_xml_allows_are_kept(text: str) -> None:
    assert filtered(text) == text


def test_one_field_is_reported_with_its_characters() -> None:
    controls, report = ControlFilter(), Report()
    controls("\x00a\x1bb\x00", "the content")
    controls.report(report, "a-post")
    (diagnostic,) = report.diagnostics
    assert (diagnostic.code, diagnostic.severity, diagnostic.where) == (
        "control-removed", "warning", "a-post"
    )
    assert diagnostic.message == (
        "removed 3 control characters (U+0000 ×2, U+001B ×1) from the content"
    )


def test_every_field_of_a_source_is_reported_in_one_diagnostic() -> None:
    controls, report = ControlFilter(), Report()
    controls("T\x00", "the title")
    controls("a\x7f\x0cb\x85", "the content")
    controls.report(report, "a-post")
    assert [d.message for d in report.diagnostics] == [
        ("removed 2 control characters: 1 from the title (U+0000 ×1), 1 from the content "
        "(U+007F ×1); replaced 2 control characters (U+000C ×1, U+0085 ×1) in the content by "
        "a line break and a space")
    ]


def test_surrogates_are_named_as_invalid_characters() -> None:
    controls, report = ControlFilter(), Report()
    controls("a\ud800", "the title")
    controls.report(report, "a-post")
    assert report.diagnostics[0].message == (
        "removed 1 control or invalid character (U+D800 ×1) from the title"
    )


def test_nothing_changed_reports_nothing() -> None:
    controls, report = ControlFilter(), Report()
    assert controls("plain text", "the text") == "plain text"
    controls.report(report, "a-post")
    assert report.diagnostics == []


def test_a_report_starts_the_count_afresh() -> None:
    controls, report = ControlFilter(), Report()
    controls("\x00", "the text")
    controls.report(report, "first")
    controls.report(report, "second")
    assert [d.where for d in report.diagnostics] == ["first"]


def test_bytes_lose_c0_controls_but_keep_utf8_characters() -> None:
    controls, report = ControlFilter(), Report()
    data = "ä\x00b\x0cc\x85".encode()  # U+0085 is the bytes C2 85: not touched
    assert controls.filter_bytes(data, "the file") == "äb c\x85".encode()
    controls.report(report, "export.xml")
    assert report.diagnostics[0].message == (
        "removed 1 control character (U+0000 ×1) from the file; "
        "replaced 1 control character (U+000C ×1) in the file by a space"
    )
