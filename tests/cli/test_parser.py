"""The command line's parser: usage errors name the subcommand and suggest the closest option;
``--help`` shows defaults; repeated options add up."""

from __future__ import annotations

import pytest

from peptidebook.cli import _commands, _parser, main

from .helpers import one_error, run


@pytest.mark.parametrize(("argv", "expected"), [
    (["build", "--frobnicate"], "peptidebook build: unrecognized argument: --frobnicate"),
    (["build", "--ouput", "x"], "(did you mean --output?)"),
    (["sample", "--formt", "epub"],
     "peptidebook sample: unrecognized arguments: --formt epub (did you mean --format?)"),
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


def test_help_shows_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "output folder (default: output)" in out
    assert "(default: epub)" in out


@pytest.mark.parametrize(("given", "expected"), [
    (["pdf", "epub"], ["pdf", "epub"]),
    (["epub,pdf", "handouts"], ["epub", "pdf", "handouts"]),
    (["EPUB, pdf", "epub"], ["epub", "pdf"]),
    (None, ["epub"]),
])
def test_repeated_formats_add_up(given: list[str] | None, expected: list[str]) -> None:
    args = _parser.make_parser().parse_args(
        ["build", *[a for value in (given or []) for a in ("--format", value)]])
    assert _commands._formats(args) == expected
