"""book.toml: validation, unknown keys, per-source overrides, derived identifiers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from peptidebook import config
from peptidebook.config import load_config, with_metadata
from peptidebook.diagnostics import Report
from peptidebook.errors import UsageError
from peptidebook.readers import characters


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "book.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_sources_resolve_relative_to_the_config(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, 'title = "T"\n[[sources]]\npath = "a.txt"\n'
                                         'retrieved = 2026-11-20\n'), Report())
    assert config.sources[0].path == tmp_path / "a.txt"
    assert config.sources[0].retrieved == datetime(2026, 11, 20, tzinfo=UTC)


def test_unknown_keys_are_reported(tmp_path: Path) -> None:
    report = Report()
    load_config(write(tmp_path, 'title = "T"\ncolour = "red"\n[[sources]]\npath = "a"\n'
                                'tittle = "x"\n'), report)
    messages = [d.message for d in report.diagnostics if d.code == "unknown-config-key"]
    assert len(messages) == 2
    assert "'colour'" in messages[0] and "sources[1].'tittle'" in messages[1]


@pytest.mark.parametrize(("text", "fragment"), [
    ('subtitle = "no title"', "needs a title"),
    ('title = 3', "title must be a non-empty string"),
    ('title = "T"\nauthors = [1]', "authors must be a list of strings"),
    ('title = "T"\ndate = "yesterday"', "date must be a TOML date"),
    ('title = "T"\nsources = "a.txt"', "sources must be an array of tables"),
    ('title = "T"\n[[sources]]\ntitle = "x"', "sources[1] needs a path"),
    ('title = "T"\npaper = "B7"', "paper must be one of"),
    ('title = "T" = 2', "invalid TOML"),
    ('title = "T"\nsubject = 3', "subject must be a non-empty string"),
    ('title = "T"\npreface = "x"', "preface must be a table ([preface])"),
    ('title = "T"\n[preface]\ntext = [1]', "text must be a list of strings"),
    ('title = "T"\n[preface]\ncaveat = "legal"', "preface.caveat must be one of auto, medical"),
    ('title = "T"\n[preface]\ncaveat = true', "caveat must be a non-empty string"),
])
def test_invalid_config_is_a_usage_error_naming_the_file(tmp_path: Path, text: str,
                                                         fragment: str) -> None:
    with pytest.raises(UsageError, match=r"book\.toml") as info:
        load_config(write(tmp_path, text), Report())
    assert fragment in str(info.value)


def test_identifier_is_derived_and_stable(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, 'title = "T"'), Report())
    first = config.derived_identifier(["a", "b"])
    assert first == config.derived_identifier(["a", "b"])
    assert first != config.derived_identifier(["a", "c"])
    assert first.startswith("urn:uuid:")


@pytest.mark.parametrize("text", [
    'title = "Book\\u0001"\n',
    'title = "Book"\nauthors = ["A\\u0085B"]\n',
    'title = "Book"\n[[sources]]\npath = "a.json"\ntitle = "x\\u001fy"\n',
    'title = "Book"\n[editions.de]\nsubtitle = "\\u007f"\n',
])
def test_a_control_character_in_book_toml_is_refused_in_one_line(tmp_path: Path,
                                                                 text: str) -> None:
    """A title or name no book can carry (XML 1.0 §2.2) is a usage error, not a crash."""
    config = tmp_path / "book.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=r"contains the control character U\+00[0-9A-F]{2}"):
        load_config(config, Report())


def test_a_control_character_given_with_m_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "book.toml"
    config.write_text('title = "Book"\n', encoding="utf-8")
    loaded = load_config(config, Report())
    with pytest.raises(UsageError, match=r"-M subtitle contains the control character U\+0001"):
        with_metadata(loaded, {"subtitle": ["a\x01"]})


def test_the_refused_characters_are_those_the_readers_filter() -> None:
    assert config._FORBIDDEN.pattern == characters.FORBIDDEN.pattern


def test_subject_and_preface_are_read(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, 'title = "T"\nsubject = "sleep"\n[preface]\n'
                                         'text = "One.\\n\\nTwo,\\nstill two."\n'
                                         'caveat = "General"\n'), Report())
    assert config.subject == "sleep"
    # A blank line parts paragraphs; a single line break is a space.
    assert config.preface == ("One.", "Two, still two.")
    assert config.caveat == "general"


def test_without_subject_or_preface_nothing_is_assumed(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, 'title = "T"\n'), Report())
    assert (config.subject, config.preface, config.caveat) == (None, (), "auto")


def test_editions_have_their_own_subject_and_paragraphs(tmp_path: Path) -> None:
    report = Report()
    config = load_config(write(tmp_path, 'title = "T"\n[editions.de]\nsubject = "Schlaf"\n'
                                         '[editions.de.preface]\ntext = ["Eins."]\n'
                                         'caveat = "medical"\n'), report)
    assert config.edition("de-AT").subject == "Schlaf"
    assert config.edition("de").preface == ("Eins.",)
    assert config.edition("fr").preface is None
    # The caveat is the book's choice, whatever the edition's language.
    assert ["editions.de.preface.'caveat'" in d.message for d in report.diagnostics] == [True]


def test_unknown_preface_keys_are_reported(tmp_path: Path) -> None:
    report = Report()
    load_config(write(tmp_path, 'title = "T"\n[preface]\ntexts = ["x"]\n'), report)
    assert [d.code for d in report.diagnostics] == ["unknown-config-key"]
    assert "preface.'texts'" in report.diagnostics[0].message


def test_subject_can_be_given_on_the_command_line(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, 'title = "T"\nsubject = "a"\n'), Report())
    assert with_metadata(config, {"subject": ["b"]}).subject == "b"
