"""The command line: ``peptidebook build``, ``sample``, ``init``, ``fetch``, ``translations``,
``dump``.

Conventions of the tools its users know (pandoc, ebook-convert, Sphinx, MkDocs): ``-o`` output,
``-c`` config, ``--title``/``--author``/``-M KEY=VALUE`` metadata, ``-`` for a source on stdin,
``book.toml`` found in the current folder, ``-q``/``-v``/``--debug``, ``--report FILE``.

Exit codes (see :mod:`peptidebook.errors`): 0 ok, 1 other failure, 2 usage error (bad command
line or book.toml), 3 unreadable or invalid input, 4 output could not be written, 5 ``--strict``
and warnings were reported, 130 interrupted. Errors are one line on stderr naming the file; an
unexpected exception is one line too, naming the step and file it happened in (``--debug``
shows the traceback). This is the only place that catches every exception.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from ..console import (
    DEBUG,
    NORMAL,
    QUIET,
    VERBOSE,
    ConsoleProgress,
    LoggingState,
    configure_logging,
    print_summary,
    unconfigure_logging,
    write_report,
)
from ..diagnostics import Report
from ..errors import PeptidebookError, StrictError
from ._commands import COMMANDS, list_formats, list_languages
from ._parser import parse_args

__all__ = ["main"]

EXIT_OK = 0
EXIT_INTERRUPTED = 130


def _verbosity(args: argparse.Namespace | None) -> int:
    if args is None:
        return NORMAL
    if getattr(args, "debug", False):
        return DEBUG
    if getattr(args, "quiet", False):
        return QUIET
    return VERBOSE if getattr(args, "verbose", False) else NORMAL


def main(argv: Sequence[str] | None = None) -> int:
    report = Report()
    args: argparse.Namespace | None = None
    outputs: list[Path] = []
    code, error = EXIT_OK, None
    progress = ConsoleProgress(QUIET)
    logging_state: LoggingState | None = None
    summarized = False
    try:
        args = parse_args(sys.argv[1:] if argv is None else list(argv))
        if args.list_formats or args.list_languages:
            print(list_formats() if args.list_formats else list_languages())
            return EXIT_OK
        progress = ConsoleProgress(_verbosity(args))
        logging_state = configure_logging(report, progress)
        outputs = COMMANDS[args.command](args, report, progress)
        progress.close()
        for path in outputs:
            print(path)
        print_summary(report, progress)
        summarized = True
        if getattr(args, "strict", False) and report.warnings:
            raise StrictError(f"--strict: {len(report.warnings)} warnings reported")
    except PeptidebookError as exc:
        code, error = exc.exit_code, str(exc)
    except KeyboardInterrupt:
        code, error = EXIT_INTERRUPTED, "interrupted"
    except Exception as exc:  # noqa: BLE001 - the CLI boundary: never a traceback
        code, error = 1, _unexpected(exc, progress)
        if _verbosity(args) >= DEBUG:
            traceback.print_exc()
    finally:
        progress.close()
        unconfigure_logging(logging_state)
    if error is not None:
        if not summarized:
            print_summary(report, progress)  # what was noticed before the failure
        print(f"peptidebook: error: {error}", file=sys.stderr)
    report_path = getattr(args, "report", None) if args is not None else None
    if report_path is not None:
        try:
            write_report(report_path, report, command=args.command if args else "",
                         exit_code=code, outputs=outputs, error=error)
        except PeptidebookError as exc:
            print(f"peptidebook: error: {exc}", file=sys.stderr)
            return code or exc.exit_code
    return code


def _unexpected(exc: BaseException, progress: ConsoleProgress) -> str:
    """One line for an exception peptidebook did not expect: where, what, and what to do."""
    where = progress.where()
    first = (str(exc).splitlines() or [""])[0][:300]
    what = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    place = f" while {where}" if where else ""
    return f"unexpected {what}{place} (a bug in peptidebook: --debug shows the traceback)"
