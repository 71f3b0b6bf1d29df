"""The commands, through the command line: where the book is found, ``init``, ``sample``,
metadata flags, languages, stdin, and the conventions of pandoc/ebook-convert/Sphinx users."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from peptidebook.cli import main

from .helpers import SKIN, TEXT, book_folder, one_error, only_epub, run


@pytest.mark.parametrize("value", ["", ",", " , "])
def test_empty_format_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       value: str) -> None:
    code, err = run(capsys, "build", str(SKIN), "--format", value, "-o", str(tmp_path))
    assert code == 2 and "name at least one of epub, pdf, handouts" in one_error(err)
    assert not any(tmp_path.iterdir())


def test_unknown_format_suggests_the_closest(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    code, err = run(capsys, "build", str(SKIN), "--format", "pfd", "-o", str(tmp_path))
    assert code == 2 and "unknown format pfd (did you mean pdf?)" in one_error(err)


# ---------------------------------------------------------------------- where the book is found


def test_build_in_a_folder_with_book_toml_builds_that_book(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = book_folder(tmp_path)
    monkeypatch.chdir(folder)
    code, _ = run(capsys, "build", "-q")
    assert code == 0
    assert only_epub(folder / "output").opf("string(//dc:title)") == "My reading list"


@pytest.mark.parametrize("how", ["folder", "toml", "config"])
def test_a_book_is_named_by_its_folder_or_its_toml(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str) -> None:
    folder = book_folder(tmp_path)
    named = {"folder": [str(folder)], "toml": [str(folder / "book.toml")],
             "config": ["-c", str(folder / "book.toml")]}[how]
    code, _ = run(capsys, "build", *named, "-o", str(tmp_path / "out"), "-q")
    assert code == 0
    epub = only_epub(tmp_path / "out")
    assert epub.opf("string(//dc:title)") == "My reading list"  # not "Mybook"
    assert len(epub.spine_hrefs()) > 2


def test_no_book_toml_and_no_source_says_what_to_do(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, err = run(capsys, "build")
    line = one_error(err)
    assert code == 2 and "peptidebook init" in line and "peptidebook sample" in line
    assert not (tmp_path / "output").exists()


def test_two_books_at_once_are_refused(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    folder = book_folder(tmp_path)
    code, err = run(capsys, "build", str(folder), "-c", str(folder / "book.toml"))
    assert code == 2 and "several books named" in one_error(err)


def test_sample_is_built_only_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _ = run(capsys, "sample", "-q")
    assert code == 0
    assert only_epub(tmp_path / "output").opf("string(//dc:title)") == "Peptides, Read Closely"
    code, err = run(capsys, "build", "--sample", str(SKIN))
    assert code == 2 and "--sample builds the bundled sample" in one_error(err)


def test_init_writes_a_commented_book_toml_that_builds(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "hydration-notes"
    folder.mkdir()
    shutil.copy(SKIN, folder / "b-skin.json")
    shutil.copy(TEXT, folder / "a-combined.txt")
    (folder / "broken.json").write_text("{", encoding="utf-8")
    code, _ = run(capsys, "init", str(folder), "-q")
    assert code == 0
    written = (folder / "book.toml").read_text(encoding="utf-8")
    assert 'title = "Hydration notes"' in written and 'language = "en"' in written
    assert written.index('path = "a-combined.txt"') < written.index('path = "b-skin.json"')
    assert "# could not be read:" in written and '# path = "broken.json"' in written
    assert "# subtitle" in written and "# paper" in written
    code, err = run(capsys, "init", str(folder))
    assert code == 2 and "already exists (--force replaces it)" in one_error(err)
    monkeypatch.chdir(folder)
    code, _ = run(capsys, "build", "-q")
    assert code == 0
    epub = only_epub(folder / "output")
    assert epub.opf("string(//dc:title)") == "Hydration notes"


def test_init_refuses_a_folder_without_articles(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "init", str(tmp_path))
    assert code == 3 and "holds no article files" in one_error(err)


def test_no_author_is_reported_once_per_article_and_not_when_book_toml_names_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.json"
    folder = book_folder(tmp_path)
    code, _ = run(capsys, "build", str(folder), "-o", str(tmp_path / "a"), "-q",
                  "--report", str(report))
    counts = json.loads(report.read_text(encoding="utf-8"))["counts"]
    assert code == 0 and counts["no-author"] == 2
    toml = folder / "book.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'path = "skin.json"\n', 'path = "skin.json"\nauthors = ["A. Writer"]\n'),
        encoding="utf-8")
    code, _ = run(capsys, "build", str(folder), "-o", str(tmp_path / "b"), "-q",
                  "--report", str(report))
    counts = json.loads(report.read_text(encoding="utf-8"))["counts"]
    assert code == 0 and counts["no-author"] == 1


# ------------------------------------------------------------------------------------- metadata


def test_title_author_and_metadata_flags(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(capsys, "build", str(SKIN), str(TEXT), "-o", str(tmp_path), "-q",
                  "--title", "Two articles", "--author", "Ada Editor", "--author", "Bo Compiler",
                  "-M", "publisher=Clinic Library", "-M", "date=2026-11-22",
                  "-M", "identifier=urn:isbn:9780000000002")
    assert code == 0
    epub = only_epub(tmp_path)
    assert epub.opf("string(//dc:title)") == "Two articles"
    assert epub.opf("//dc:creator/text()") == ["Ada Editor", "Bo Compiler"]
    assert epub.opf("string(//dc:publisher)") == "Clinic Library"
    assert epub.opf("string(//dc:identifier)") == "urn:isbn:9780000000002"
    assert epub.opf("string(//dc:date)").startswith("2026-11-22")


def test_metadata_overrides_book_toml(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    folder = book_folder(tmp_path)
    code, _ = run(capsys, "build", str(folder), "-o", str(tmp_path / "out"), "-q",
                  "-M", "title=Renamed", "-M", "subtitle=A subtitle")
    assert code == 0
    assert only_epub(tmp_path / "out").opf("string(//dc:title)") == "Renamed"


@pytest.mark.parametrize(("pair", "expected"), [
    ("titel=x", "not a book.toml key (did you mean title?)"),
    ("colour", "write KEY=VALUE"),
    ("date=yesterday", "'yesterday' is not a date such as 2026-11-22"),
    ("paper=a3", "paper must be one of a4, a5, legal, letter"),
    ("language=klingon", "is not a language tag"),
])
def test_bad_metadata_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       pair: str, expected: str) -> None:
    code, err = run(capsys, "build", str(SKIN), "-o", str(tmp_path), "-M", pair)
    assert code == 2 and expected in one_error(err)


def test_untitled_book_of_several_files_is_reported(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "build", str(SKIN), str(TEXT), "-o", str(tmp_path))
    assert code == 0
    title = only_epub(tmp_path).opf("string(//dc:title)")
    assert not title.endswith(".json") and "[untitled-book]" in err


# ------------------------------------------------------------------------------------ languages


@pytest.mark.parametrize(("given", "tag"), [
    ("DE", "de"), ("de_DE", "de-DE"), ("zh_hans", "zh-Hans"), ("pt-br", "pt-BR"),
])
def test_language_tags_are_normalised(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      given: str, tag: str) -> None:
    code, err = run(capsys, "build", str(SKIN), "-o", str(tmp_path), "--lang", given)
    assert code == 0, err
    assert only_epub(tmp_path).opf("string(//dc:language)") == tag
    assert "[no-translation]" not in err and "[no-catalog]" not in err


def test_a_language_without_catalog_is_refused_with_the_list(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "build", str(SKIN), "-o", str(tmp_path), "--lang", "sv")
    line = one_error(err)
    assert code == 2 and "no catalog for the book language sv" in line
    assert "ar, de, en, es, fr, he, it, ja, nl, pl, pt, zh-Hans" in line
    assert "--allow-untranslated" in line


def test_opting_in_gives_one_warning_not_one_per_string(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.json"
    code, _ = run(capsys, "build", str(SKIN), "-o", str(tmp_path), "--lang", "sv",
                  "--allow-untranslated", "--report", str(report))
    assert code == 0
    counts = json.loads(report.read_text(encoding="utf-8"))["counts"]
    assert counts.get("no-catalog") == 1 and "no-translation" not in counts


def test_unknown_language_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "build", str(SKIN), "-o", str(tmp_path), "--lang", "xx")
    assert code == 2 and "unknown language 'xx'" in one_error(err)


def test_listings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list-formats"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("epub") and "handouts" in out
    assert main(["build", "--list-languages"]) == 0
    out = capsys.readouterr().out
    assert "de       Deutsch (German)" in out and "zh-Hans" in out


# -------------------------------------------------------------- stdin, SOURCE_DATE_EPOCH, fetch


def test_a_source_on_stdin(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SKIN.read_bytes())))
    code, err = run(capsys, "build", "-", "-o", str(tmp_path), "-v")
    assert code == 0
    assert "Sermorelin" in only_epub(tmp_path).opf("string(//dc:title)")
    assert "peptidebook-stdin-" not in err


def test_empty_stdin_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"  \n")))
    code, err = run(capsys, "build", "-", "-o", str(tmp_path))
    assert code == 3 and "nothing on stdin" in one_error(err)


@pytest.mark.parametrize(("epoch", "code"), [
    ("0", 0), ("1700000000", 0), ("99999999999", 0), ("253402300799", 0), ("-5", 2), ("1.5", 2),
    ("1e21", 2), ("99999999999999", 2), ("soon", 2),
])
def test_source_date_epoch(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                           monkeypatch: pytest.MonkeyPatch, epoch: str, code: int) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    got, err = run(capsys, "build", str(SKIN), "-o", str(tmp_path))
    assert got == code
    if code:
        assert "SOURCE_DATE_EPOCH" in one_error(err)
    else:
        assert only_epub(tmp_path).path.exists()


@pytest.mark.parametrize("site", ["https://[::1", "https://exa mple.com", "https://host:99999"])
def test_a_malformed_site_address_is_one_line(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str],
                                              site: str) -> None:
    code, err = run(capsys, "fetch", site, "-o", str(tmp_path))
    assert code == 2 and site in one_error(err)
