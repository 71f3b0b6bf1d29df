"""The ``fetch`` command line: ``--slug a b``, ``--allow-host``, ``--allow-partial``."""

from __future__ import annotations

from pathlib import Path

import pytest

from peptidebook.cli import main
from peptidebook.cli._parser import parse_args


@pytest.mark.parametrize(("argv", "slugs"), [
    (["--slug", "a", "b"], ["a", "b"]),
    (["--slug", "a", "--slug", "b"], ["a", "b"]),
    (["--slug", "a", "b", "--slug", "c"], ["a", "b", "c"]),
    ([], []),
])
def test_slugs_are_given_after_one_slug_option_or_with_one_each(argv: list[str],
                                                                 slugs: list[str]) -> None:
    assert parse_args(["fetch", "https://blog.example", *argv]).slug == slugs


def test_the_site_may_follow_the_slugs() -> None:
    args = parse_args(["fetch", "--slug", "a", "b", "--", "https://blog.example"])
    assert (args.site, args.slug) == ("https://blog.example", ["a", "b"])


def test_allow_host_repeats_and_allow_partial_is_off_by_default() -> None:
    args = parse_args(["fetch", "https://s.example", "--allow-host", "s.example",
                       "--allow-host", "127.0.0.1"])
    assert (args.allow_host, args.allow_partial) == (["s.example", "127.0.0.1"], False)


def test_an_allowed_host_given_as_a_url_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["fetch", "https://staging.example", "--allow-host", "https://staging.example",
                 "-o", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert ("peptidebook: error: --allow-host https://staging.example: not a host name "
            "(give the host alone, without scheme, port or path)") in err
