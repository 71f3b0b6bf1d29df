"""Step 1 - Reading: turn source files into raw :class:`~peptidebook.model.Article` values.

The registry maps a reader name to a function with one uniform signature
``(path, report) -> list[Read]`` (after Pandoc's ``readers`` table). :func:`detect` picks the
reader for a file; :func:`read_file` is the reading step for one file, :func:`read_path` for a
file or a folder. Readers map what they can to the model, keep the rest as
``RawBlock``/``RawInline`` with a ``raw-kept`` diagnostic, and raise
:class:`~peptidebook.errors.InputError` with one clear line when a file is not an article.
Cleaning (Step 2) happens afterwards, in :mod:`peptidebook.cleaning`.

A reader does not report what ``book.toml`` may still give (a title, the authors): it says
why the source lacks it on the :class:`Read`, and :func:`read_file`, which applies the
``[[sources]]`` overrides (:func:`apply_overrides`), reports what is still missing once, with
the reader's reason (``no-title``, ``no-author``).

:func:`source_files` checks every file before any is read: a regular file of at most
:data:`~peptidebook.limits.MAX_SOURCE_BYTES`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..config import SourceConfig
from ..diagnostics import Report
from ..edit_record import edits_from, record
from ..errors import InputError
from ..limits import MAX_SOURCE_BYTES
from ..model import Article
from ._read import Read
from .markdown import read_markdown
from .page import read_page
from .text import read_text
from .wordpress import read_wordpress_json, read_wxr

__all__ = ["READERS", "SUFFIXES", "Read", "Reader", "apply_overrides", "article_files",
           "check_source", "detect", "read_file", "read_path", "sniff_suffix", "source_files"]

Reader = Callable[[Path, Report], list[Read]]

READERS: dict[str, Reader] = {
    "wordpress-rest": read_wordpress_json,
    "wordpress-wxr": read_wxr,
    "text": read_text,
    "html": read_page,
    "markdown": read_markdown,
}

#: File suffixes each reader claims, in the order folders are scanned.
SUFFIXES: dict[str, str] = {
    ".json": "wordpress-rest",
    ".xml": "wordpress-wxr",
    ".wxr": "wordpress-wxr",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
}

#: The start of an HTML document or fragment: a doctype, an ``<html>`` tag, a comment, or any
#: tag (a post fragment begins with ``<p>``, ``<h2>``, ``<!-- wp:paragraph -->`` …).
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html[\s>]|!--|[a-z][a-z0-9]*[\s/>])")


def detect(path: Path) -> str:
    """The name of the reader for ``path``, from its suffix."""
    try:
        return SUFFIXES[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(SUFFIXES))
        raise InputError(
            f"{path}: unknown kind of source (expected one of {known})"
        ) from None


def sniff_suffix(data: bytes) -> str:
    """The suffix a source read from stdin (``-``) is given, told by its first bytes: JSON
    (``{``, ``[``), a WordPress export (an XML document holding ``<rss``), HTML (a doctype,
    an ``<html>`` tag, a comment or any leading tag), else plain text."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head[:1] in (b"{", b"["):
        return ".json"
    if head.startswith(b"<") and b"<rss" in head:
        return ".xml"
    if head.startswith(b"<?xml"):
        return ".xhtml" if b"<html" in head else ".xml"
    if _HTML_START.match(head):
        return ".html"
    return ".txt"


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


def apply_overrides(article: Article, source: SourceConfig) -> Article:
    """What ``book.toml`` says about a source wins over what the file says."""
    src = article.source
    src = replace(
        src,
        url=source.url or src.url,
        publisher=source.publisher or src.publisher,
        retrieved=source.retrieved or src.retrieved,
    )
    return replace(
        article,
        title=source.title or article.title,
        authors=source.authors if source.authors is not None else article.authors,
        lang=source.language or article.lang,
        published=source.published or article.published,
        source=src,
    )


def read_file(path: Path, report: Report, source: SourceConfig | None = None) -> list[Article]:
    """Step 1 - Reading, for one file: the articles its reader finds, with what ``source``
    (its ``[[sources]]`` entry in ``book.toml``) overrides. What is still missing then is
    reported here, once per article: a title only the reader's stand-in gives (``no-title``),
    no author at all (``no-author``), each with the reader's reason. The changes the reader
    reported start each article's record of edits (``Article.edits``)."""
    articles: list[Article] = []
    start = len(report.diagnostics)
    reads = READERS[detect(path)](path, report)
    reported = report.diagnostics[start:]
    for read in reads:
        article = apply_overrides(read.article, source) if source else read.article
        # The changes the reader reported are the article's edits (:mod:`..edit_record`):
        # all of them for a file of one article, else those reported under its name.
        mine = reported if len(reads) == 1 else [d for d in reported if d.where == read.where]
        article = record(article, *edits_from(mine))
        if read.no_title and not (source and source.title):
            report.warning("no-title", read.where, read.no_title)
        if not article.authors:
            report.info("no-author", read.where,
                        read.no_author or "the article names no author (book.toml gives none)")
        articles.append(article)
    return articles


def read_path(path: Path, report: Report) -> list[Article]:
    """Read every article in ``path`` (a file or a folder), nothing overridden."""
    return [article for file in source_files(path) for article in read_file(file, report)]
