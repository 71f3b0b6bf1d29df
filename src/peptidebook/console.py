"""The console of the command line: progress bars per step, library logs kept off the screen,
and a closing summary of the diagnostics by code.

Only :mod:`peptidebook.cli` uses this module; the builder reports to a
:class:`~peptidebook.progress.Progress` and a :class:`~peptidebook.diagnostics.Report` and never
prints. On a terminal the steps are rich progress bars with counts and elapsed time; elsewhere
(a pipe, CI, a log file) each step is one line when it starts and one when it ends, so logs stay
readable. Verbosity: ``-q`` errors only, default steps and warnings, ``-v`` every diagnostic,
``--debug`` also library log records and tracebacks.
"""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.progress import (
    Progress as RichProgress,
)
from rich.table import Table

from .diagnostics import CODES, Diagnostic, Report
from .files import written_atomically
from .progress import Progress, Step

#: Diagnostics shown one by one per code before the rest are only counted (``-v``: all).
SHOWN_PER_CODE = 3
#: Loggers of the PDF engine and its font tools: their warnings are ``pdf-log`` diagnostics.
PDF_LOGGERS = ("weasyprint", "fontTools", "pydyf", "tinycss2", "cssselect2", "pyphen", "PIL")

QUIET, NORMAL, VERBOSE, DEBUG = 0, 1, 2, 3


def stderr() -> TextIO:
    return sys.stderr


class ConsoleProgress(Progress):
    """Progress on stderr: live bars on a terminal, a line per step start and end elsewhere."""

    def __init__(self, verbosity: int = NORMAL, console: Console | None = None) -> None:
        super().__init__()
        self.verbosity = verbosity
        self.console = console or Console(stderr=True, highlight=False)
        self.live = self.console.is_terminal and verbosity > QUIET
        self._bars: RichProgress | None = None
        self._tasks: dict[str, TaskID] = {}

    # -- the Progress events
    def started(self, step: Step) -> None:
        if self.verbosity == QUIET:
            return
        if not self.live:
            print(f"{step.label}", file=stderr(), flush=True)
            return
        if self._bars is None:
            self._bars = RichProgress(
                SpinnerColumn(finished_text="[green]✓"),
                TextColumn("{task.description}"),
                BarColumn(bar_width=24),
                TextColumn("{task.fields[count]}"),
                TimeElapsedColumn(),
                console=self.console, transient=False, refresh_per_second=8)
            self._bars.start()
        self._tasks[step.number] = self._bars.add_task(
            step.label, total=step.total, count=_count(step))

    def moved(self, step: Step) -> None:
        if self._bars is not None and step.number in self._tasks:
            self._bars.update(self._tasks[step.number], completed=step.done, total=step.total,
                              count=_count(step))

    def finished(self, step: Step) -> None:
        if self.verbosity == QUIET:
            return
        if not self.live:
            outcome = "stopped" if step.failed else "done"
            counted = f"{_count(step)}, " if step.done or step.total else ""
            print(f"  {outcome}: {counted}{step.elapsed:.1f} s", file=stderr(), flush=True)
            return
        if self._bars is not None and step.number in self._tasks:
            total = step.total if step.total is not None else max(step.done, 1)
            self._bars.update(self._tasks[step.number], total=total,
                              completed=total if not step.failed else step.done,
                              count=_count(step))

    def close(self) -> None:
        """Stop the live display (before the summary is printed below it)."""
        if self._bars is not None:
            self._bars.stop()
            self._bars = None


def _count(step: Step) -> str:
    if step.total is not None and step.total != step.done:
        return f"{step.done}/{step.total} {step.unit}".rstrip()
    if step.done or step.total is not None:
        return f"{step.done} {step.unit}".rstrip()
    return step.item or ""


# ------------------------------------------------------------------------------- logging


class _LibraryToReport(logging.Handler):
    """Warnings of the libraries peptidebook drives become diagnostics; their chatter (INFO,
    DEBUG: fontTools subsetting, WeasyPrint's steps) is dropped, since it says nothing a user
    can act on."""

    def __init__(self, report: Report) -> None:
        super().__init__(level=logging.WARNING)
        self.report = report

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == "peptidebook" or record.name.startswith("peptidebook."):
            return
        message = (record.getMessage().splitlines() or [""])[0]
        top = record.name.split(".")[0]
        code = "pdf-log" if top in PDF_LOGGERS else "library-log"
        self.report.warning(code, top, f"{top}: {message}")


class _ConsoleHandler(logging.Handler):
    """The ``peptidebook`` logger's lines (coverage of a translation, …) on the console."""

    def __init__(self, progress: ConsoleProgress) -> None:
        super().__init__()
        self.progress = progress

    def emit(self, record: logging.LogRecord) -> None:
        line = self.format(record)
        if self.progress.live:
            self.progress.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=stderr(), flush=True)


@dataclass
class LoggingState:
    """What :func:`configure_logging` changed, for :func:`unconfigure_logging` to undo."""

    handlers: list[tuple[logging.Logger, logging.Handler]]
    levels: list[tuple[logging.Logger, int]]
    propagate: bool


def configure_logging(report: Report, progress: ConsoleProgress) -> LoggingState:
    """Route log records: ours to the console (at the verbosity asked for), the libraries'
    warnings into ``report``, everything to the console too with ``--debug``."""
    root = logging.getLogger()
    ours = logging.getLogger("peptidebook")
    state = LoggingState([], [(root, root.level), (ours, ours.level)], ours.propagate)
    installed: list[tuple[logging.Logger, logging.Handler]] = []
    console = _ConsoleHandler(progress)
    console.setFormatter(logging.Formatter("%(message)s"))
    ours.setLevel({QUIET: logging.WARNING, NORMAL: logging.INFO, VERBOSE: logging.INFO,
                   DEBUG: logging.DEBUG}[progress.verbosity])
    ours.addHandler(console)
    ours.propagate = False
    installed.append((ours, console))
    if progress.verbosity >= DEBUG:
        everything = _ConsoleHandler(progress)
        everything.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(everything)
        root.setLevel(logging.DEBUG)
        installed.append((root, everything))
    else:
        library = _LibraryToReport(report)
        root.addHandler(library)
        root.setLevel(logging.WARNING)
        installed.append((root, library))
    state.handlers = installed
    return state


def unconfigure_logging(state: LoggingState | None) -> None:
    """Undo :func:`configure_logging` (``main`` may run many times in one process)."""
    if state is None:
        return
    for logger, handler in state.handlers:
        logger.removeHandler(handler)
    for logger, level in state.levels:
        logger.setLevel(level)
    logging.getLogger("peptidebook").propagate = state.propagate


# ------------------------------------------------------------------------------- summary


def print_summary(report: Report, progress: ConsoleProgress) -> None:
    """The diagnostics grouped by code — a few of each shown, the rest counted — then a table
    of counts by code. ``-q``: nothing (errors are printed by the caller); ``-v``: every one."""
    if progress.verbosity == QUIET or not report.diagnostics:
        return
    verbose = progress.verbosity >= VERBOSE
    groups: dict[str, list[Diagnostic]] = defaultdict(list)
    for diagnostic in report.diagnostics:
        if verbose or diagnostic.severity != "info":
            groups[diagnostic.code].append(diagnostic)
    out = stderr()
    for code, items in groups.items():
        shown = items if verbose else items[:SHOWN_PER_CODE]
        for diagnostic in shown:
            print(diagnostic, file=out)
        if len(items) > len(shown):
            print(f"  … and {len(items) - len(shown)} more [{code}] "
                  f"(all of them: -v, or --report FILE)", file=out)
    counts = Counter((d.code, d.severity) for d in report.diagnostics)
    warnings = sum(n for (_, severity), n in counts.items() if severity != "info")
    notes = sum(n for (_, severity), n in counts.items() if severity == "info")
    heading = (f"{_plural(warnings, 'warning')}, {_plural(notes, 'note')} "
               f"(notes: -v shows them; every code is explained in the README)")
    rows = sorted(counts.items(), key=lambda kv: (kv[0][1] == "info", -kv[1], kv[0][0]))
    if progress.live:
        table = Table(title=heading, title_justify="left", show_edge=False, pad_edge=False)
        for column in ("code", "severity", "count", "what it means"):
            table.add_column(column, justify="right" if column == "count" else "left")
        for (code, severity), n in rows:
            table.add_row(code, severity, str(n), CODES[code])
        progress.console.print(table)
        return
    print(heading, file=out)
    width = max(len(code) for (code, _), _n in rows)
    for (code, severity), n in rows:
        print(f"  {code:<{width}}  {severity:<7}  {n:>5}  {CODES[code]}", file=out)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def write_report(path: Path, report: Report, *, command: str, exit_code: int,
                 outputs: Sequence[Path], error: str | None) -> None:
    """``--report FILE``: every diagnostic as JSON, with the counts by code, the outputs
    written and the exit code (written atomically, like every output)."""
    data: dict[str, Any] = {
        "command": command,
        "exit_code": exit_code,
        "error": error,
        "outputs": [str(p) for p in outputs],
        "counts": dict(sorted(report.by_code().items())),
        "diagnostics": [
            {"code": d.code, "severity": d.severity, "where": d.where, "message": d.message}
            for d in report.diagnostics
        ],
    }
    with written_atomically(path, "the report") as partial:
        partial.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                           encoding="utf-8")
