"""Step 1 - Reading: turn source files into raw :class:`~peptidebook.model.Article` values.

The registry maps a reader name to a function with one uniform signature
``(path, report) -> list[Article]`` (after Pandoc's ``readers`` table). :func:`detect` picks the
reader for a file; :func:`read_path` expands folders. Readers map what they can to the model,
keep the rest as ``RawBlock``/``RawInline`` with a ``raw-kept`` diagnostic, and raise
:class:`~peptidebook.errors.InputError` with one clear line when a file is not an article.
Cleaning (Step 2) happens afterwards, in :mod:`peptidebook.cleaning`.

:func:`source_files` checks every file before any is read: a regular file of at most
:data:`~peptidebook.limits.MAX_SOURCE_BYTES`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..diagnostics import Report
from ..errors import InputError
from ..limits import MAX_SOURCE_BYTES
from ..model import Article
from .text import read_text
from .wordpress import read_wordpress_json, read_wxr

Reader = Callable[[Path, Report], list[Article]]

READERS: dict[str, Reader] = {
    "wordpress-rest": read_wordpress_json,
    "wordpress-wxr": read_wxr,
    "text": read_text,
}

#: File suffixes each reader claims, in the order folders are scanned.
SUFFIXES: dict[str, str] = {
    ".json": "wordpress-rest",
    ".xml": "wordpress-wxr",
    ".wxr": "wordpress-wxr",
    ".txt": "text",
    ".text": "text",
}


def detect(path: Path) -> str:
    """The name of the reader for ``path``, from its suffix."""
    try:
        return SUFFIXES[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(SUFFIXES))
        raise InputError(
            f"{path}: unknown kind of source (expected one of {known})"
        ) from None


def article_files(folder: Path) -> list[Path]:
    """The files of ``folder`` a reader claims, sorted by name; none is an InputError."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    if not files:
        raise InputError(f"{folder}: folder holds no article files "
                         f"({', '.join(sorted(SUFFIXES))})")
    return files


def source_files(path: Path) -> list[Path]:
    """``path`` itself, or the readable files of a folder, sorted by name; each one checked
    (:func:`check_source`)."""
    if path.is_dir():
        files = article_files(path)
    elif not path.exists():
        raise InputError(f"{path}: no such file or folder")
    else:
        files = [path]
    for file in files:
        check_source(file)
    return files


def check_source(path: Path) -> None:
    """Refuse, in one line, a source that is not a regular file (a pipe or a device has no
    size to check) or that is larger than :data:`~peptidebook.limits.MAX_SOURCE_BYTES`."""
    try:
        if not path.is_file():
            raise InputError(f"{path}: not a regular file")
        size = path.stat().st_size
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    if size > MAX_SOURCE_BYTES:
        raise InputError(
            f"{path}: {size / 2**20:,.1f} MiB is more than one source may hold "
            f"({MAX_SOURCE_BYTES // 2**20} MiB): split it (a WordPress export by "
            "date or category, REST posts by page)"
        )


def read_path(path: Path, report: Report, reader: str | None = None) -> list[Article]:
    """Read every article in ``path`` (a file or a folder)."""
    articles: list[Article] = []
    for file in source_files(path):
        name = reader or detect(file)
        articles.extend(READERS[name](file, report))
    return articles
