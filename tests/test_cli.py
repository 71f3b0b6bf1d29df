"""The command line: exit codes, one clear line per error, nothing half-written, the conventions
of pandoc/ebook-convert/Sphinx users (``-o``, ``-c``, metadata flags, ``-``, book.toml found in
the current folder), and a console that summarises instead of scrolling."""

from __future__ import annotations

import importlib
import io
import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from peptidebook import cli
from peptidebook.cli import main

from .conftest import EXAMPLES
from .helpers import EpubFile

#: The builder module (``peptidebook.build`` as an attribute is the function).
BUILDER = importlib.import_module("peptidebook.build")
SKIN = EXAMPLES / "sermorelin-skin-health.json"
TEXT = EXAMPLES / "combining-gh-peptides-and-trt.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("peptidebook: error:")]


def one_error(err: str) -> str:
    """The one error line; never a traceback."""
    assert "Traceback" not in err
    (line,) = error_lines(err)
    assert err.rstrip().endswith(line)
    return line


@pytest.mark.parametrize("content, expected", [
    ('{"title": {"rendered": "x"}', "invalid JSON at line 1"),
    ('{"title": {"rendered": "No body"}}', "not a WordPress post: it has no content"),
    ("[1, 2]", "not a WordPress post"),
])
def test_bad_json_is_one_line_exit_3_and_no_output(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str) -> None:
    source = tmp_path / "bad.json"
    source.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    code, err = run(capsys, "build", str(source), "--output", str(out))
    assert code == 3
    line = one_error(err)
    assert expected in line and str(source) in line
    assert not out.exists() or not any(out.iterdir())


def test_quiet_prints_only_the_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "bad.json"
    source.write_text("[1]", encoding="utf-8")
    code, err = run(capsys, "build", str(source), "-o", str(tmp_path / "out"), "-q")
    assert code == 3 and len(err.strip().splitlines()) == 1


def test_missing_source_is_an_input_error(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "build", str(tmp_path / "nope.json"), "--output", str(tmp_path))
    assert code == 3 and "no such file" in one_error(err)


@pytest.mark.parametrize("argv, expected", [
    (["build", "--frobnicate"], "peptidebook build: unrecognized argument: --frobnicate"),
    (["build", "--ouput", "x"], "(did you mean --output?)"),
    (["sample", "--formt", "epub"], "peptidebook sample: unrecognized arguments: --formt epub (did you mean --format?)"),
    (["translations", "extract", "--outptu", "x"], "(did you mean --output?)"),
    (["fetch"], "peptidebook fetch: the following arguments are required: site"),
    (["bild"], "invalid choice: 'bild'"),
    ([], "name a COMMAND"),
])
def test_usage_errors_name_the_subcommand_and_suggest(
        capsys: pytest.CaptureFixture[str], argv: list[str], expected: str) -> None:
    code, err = run(capsys, *argv)
    assert code == 2
    line = one_error(err)
    assert expected in line and "--help" in line


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


@pytest.mark.parametrize("given, expected", [
    (["pdf", "epub"], ["pdf", "epub"]),
    (["epub,pdf", "handouts"], ["epub", "pdf", "handouts"]),
    (["EPUB, pdf", "epub"], ["epub", "pdf"]),
    (None, ["epub"]),
])
def test_repeated_formats_add_up(given: list[str] | None, expected: list[str]) -> None:
    args = cli.make_parser().parse_args(
        ["build", *[a for value in (given or []) for a in ("--format", value)]])
    assert cli._formats(args) == expected


def test_unwritable_output_is_an_output_error(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, err = run(capsys, "build", str(SKIN), "--output", str(blocker / "sub"))
    assert code == 4 and "cannot write" in one_error(err)


def test_strict_fails_on_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "build", str(TEXT), "--output", str(tmp_path), "--strict", "--quiet")
    assert code == 5 and "--strict" in one_error(err)
    assert not list(tmp_path.glob(".*.partial"))


@pytest.mark.integration
def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "peptidebook", "--version"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith("peptidebook ")


# ------------------------------------------------------------------ where the book is found


def book_folder(tmp_path: Path, title: str = "My reading list") -> Path:
    folder = tmp_path / "mybook"
    folder.mkdir()
    shutil.copy(SKIN, folder / "skin.json")
    shutil.copy(TEXT, folder / "combined.txt")
    (folder / "book.toml").write_text(
        f'title = "{title}"\nlanguage = "en"\n[[sources]]\npath = "skin.json"\n'
        '[[sources]]\npath = "combined.txt"\n', encoding="utf-8")
    return folder


def only_epub(folder: Path) -> EpubFile:
    (path,) = folder.glob("*.epub")
    return EpubFile(path)


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


# ------------------------------------------------------------------------------ metadata


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


@pytest.mark.parametrize("pair, expected", [
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


# ----------------------------------------------------------------------------- languages


@pytest.mark.parametrize("given, tag", [("DE", "de"), ("de_DE", "de-DE"), ("zh_hans", "zh-Hans"),
                                        ("pt-br", "pt-BR")])
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


def test_help_shows_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "output folder (default: output)" in out
    assert "(default: epub)" in out


# ------------------------------------------------------------------------- stdin and errors


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


def test_an_unexpected_exception_is_one_line_naming_where(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise ValueError("the cleaner broke\nsecond line")
    monkeypatch.setattr(BUILDER, "clean", broken)
    code, err = run(capsys, "build", str(SKIN), "-o", str(tmp_path))
    line = one_error(err)
    assert code == 1
    assert "unexpected ValueError: the cleaner broke while cleaning" in line
    assert "sermorelin" in line and "--debug" in line and "second line" not in err
    code, err = run(capsys, "build", str(SKIN), "-o", str(tmp_path), "--debug")
    assert code == 1 and "Traceback (most recent call last)" in err


def test_interrupt_exits_130_and_leaves_no_partial_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        partial = tmp_path / ".book.epub.partial"
        assert partial.parent.exists()
        raise KeyboardInterrupt
    monkeypatch.setattr(BUILDER, "write_epub", interrupted)
    code, err = run(capsys, "build", str(SKIN), "-o", str(tmp_path))
    assert code == 130 and "interrupted" in one_error(err)
    assert not list(tmp_path.glob(".*.partial"))


@pytest.mark.parametrize("epoch, code", [("0", 0), ("1700000000", 0), ("99999999999", 0),
                                         ("253402300799", 0), ("-5", 2), ("1.5", 2), ("1e21", 2),
                                         ("99999999999999", 2), ("soon", 2)])
def test_source_date_epoch(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                           monkeypatch: pytest.MonkeyPatch, epoch: str, code: int) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    got, err = run(capsys, "build", str(SKIN), "-o", str(tmp_path))
    assert got == code
    if code:
        assert "SOURCE_DATE_EPOCH" in one_error(err)
    else:
        assert only_epub(tmp_path).path.exists()


# ------------------------------------------------------------------------------- console


def test_library_logs_never_reach_the_console(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    original = BUILDER.clean

    def chatty(article, report):  # type: ignore[no-untyped-def]
        logging.getLogger("fontTools.subset").info("Retained 42 glyphs")
        logging.getLogger("weasyprint").warning("Ignored `foo: bar` at 1:1")
        return original(article, report)
    monkeypatch.setattr(BUILDER, "clean", chatty)
    report = tmp_path / "report.json"
    code, err = run(capsys, "build", str(SKIN), "-o", str(tmp_path), "--report", str(report))
    assert code == 0
    assert "Retained 42 glyphs" not in err
    data = json.loads(report.read_text(encoding="utf-8"))
    assert any(d["code"] == "pdf-log" and "Ignored `foo: bar`" in d["message"]
               for d in data["diagnostics"])


def test_summary_groups_by_code_with_counts(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "build", str(TEXT), str(SKIN), "-o", str(tmp_path))
    assert code == 0
    assert "Step 1 - Reading" in err and "Step 2 - Cleaning" in err
    assert "done: 2 sources" in err and "done: 2 articles" in err
    assert "glossary-extracted  info" in err  # a row of the table, though notes are not listed
    assert "warning: " in err or "0 warnings" in err


def test_report_json_lists_every_diagnostic(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.json"
    code, _ = run(capsys, "build", str(TEXT), "-o", str(tmp_path / "out"), "-q",
                  "--report", str(report))
    assert code == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["exit_code"] == 0 and data["error"] is None
    assert data["outputs"] and data["outputs"][0].endswith(".epub")
    assert sum(data["counts"].values()) == len(data["diagnostics"]) > 0
    assert {"code", "severity", "where", "message"} == set(data["diagnostics"][0])


def test_report_json_is_written_on_failure_too(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.json"
    code, _ = run(capsys, "build", str(tmp_path / "nope.json"), "--report", str(report))
    data = json.loads(report.read_text(encoding="utf-8"))
    assert code == 3 and data["exit_code"] == 3 and "no such file" in data["error"]


# ------------------------------------------------- the probes, through the command line


def _post(tmp_path: Path, content: str, **fields: object) -> Path:
    source = tmp_path / "post.json"
    source.write_text(json.dumps({"id": 1, "slug": "probe", "title": {"rendered": "Probe"},
                                  "content": {"rendered": content}, **fields}),
                      encoding="utf-8")
    return source


@pytest.mark.parametrize("content, fields", [
    ("<p>a\x00b&#12;c&#x1b;d</p>", {}),
    ("<p>text</p>", {"title": {"rendered": "T\x00itle"}, "slug": "s\x07lug"}),
    ("<b>" * 250 + "deep" + "</b>" * 250, {}),
    ("<blockquote>" * 250 + "deep" + "</blockquote>" * 250, {}),
    ("<div>" * 490 + "deep" + "</div>" * 490, {}),
])
def test_hostile_posts_build_without_a_traceback(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 content: str, fields: dict[str, object]) -> None:
    code, err = run(capsys, "build", str(_post(tmp_path, content, **fields)),
                    "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert "Traceback" not in err and only_epub(tmp_path / "out").path.exists()


@pytest.mark.parametrize("site", ["https://[::1", "https://exa mple.com", "https://host:99999"])
def test_a_malformed_site_address_is_one_line(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str],
                                              site: str) -> None:
    code, err = run(capsys, "fetch", site, "-o", str(tmp_path))
    assert code == 2 and site in one_error(err)


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
