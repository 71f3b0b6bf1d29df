"""peptidebook: turn web articles into accessible, multilingual books (EPUB 3, tagged PDF).

Readers → document model → cleaning passes → book assembly → one XHTML renderer → writers.
The public API is small; everything else may change.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

from . import readers
from .build import BuildResult, build
from .cleaning import clean
from .diagnostics import Diagnostic, Report
from .errors import InputError, OutputError, PeptidebookError, UsageError
from .model import Article, Book, Edition

try:
    __version__ = importlib.metadata.version("peptidebook")
except importlib.metadata.PackageNotFoundError:  # a bare source tree on sys.path, never installed
    __version__ = "0+unknown"


def read(path: Path | str, report: Report | None = None) -> list[Article]:
    """Read and clean every article in ``path`` (a source file or a folder of them)."""
    report = report if report is not None else Report()
    return [clean(a, report) for a in readers.read_path(Path(path), report)]


def build_epub(*sources: Path | str, config: Path | str | None = None,
               output_dir: Path | str = "output", report: Report | None = None) -> Path:
    """Build an EPUB from ``sources`` and/or ``config``; return its path."""
    result = build([Path(s) for s in sources], config_path=Path(config) if config else None,
                   output_dir=Path(output_dir), formats=("epub",), report=report)
    return result.outputs[0]


__all__ = [
    "Article",
    "Book",
    "BuildResult",
    "Diagnostic",
    "Edition",
    "InputError",
    "OutputError",
    "PeptidebookError",
    "Report",
    "UsageError",
    "__version__",
    "build",
    "build_epub",
    "clean",
    "read",
]
