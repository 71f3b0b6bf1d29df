"""Read and validate ``book.toml``: what the book is and which sources it is made of.

::

    title = "Peptides, read closely"      # required
    subtitle = "…"
    authors = ["…"]                        # the book's editors/compilers
    publisher = "…"
    language = "en"                        # the book's language (BCP 47)
    identifier = "urn:uuid:…"              # derived from title and sources when absent
    date = 2026-11-22                      # publication date of the book
    translations = "translations"          # folder of <lang>.po content translations
                                           # (default: translations/ beside book.toml)

    [editions.de]                          # the book's own metadata in another language,
    title = "…"                            # used when the book is built with --lang de
    subtitle = "…"                         # (pt-BR falls back to [editions.pt])
    publisher = "…"

    [[sources]]                            # in reading order
    path = "article.json"                  # relative to book.toml
    title = "…"                            # per-source overrides of what the file says
    authors = ["…"]
    language = "en"
    url = "https://…"
    publisher = "…"
    published = 2026-05-05
    retrieved = 2026-11-20

Unknown keys are reported (``unknown-config-key``); a wrong type or a missing required key is a
:class:`~peptidebook.errors.UsageError` naming the file and the key.
"""

from __future__ import annotations

import tomllib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from .diagnostics import Report
from .errors import UsageError
from .i18n import fallback_chain, to_locale_name

BOOK_KEYS = {"title", "subtitle", "authors", "publisher", "language", "identifier", "date",
             "sources", "paper", "editions", "translations"}
EDITION_KEYS = {"title", "subtitle", "publisher"}
SOURCE_KEYS = {"path", "title", "authors", "language", "url", "publisher", "published",
               "retrieved"}
PAPER_SIZES = {"a4", "letter", "a5", "legal"}


@dataclass(frozen=True)
class SourceConfig:
    """One ``[[sources]]`` entry: a path and the overrides for what the file says."""

    path: Path
    title: str | None = None
    authors: tuple[str, ...] | None = None
    language: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: datetime | None = None
    retrieved: datetime | None = None


@dataclass(frozen=True)
class EditionConfig:
    """One ``[editions.<lang>]`` table: the book's title page in that language."""

    title: str | None = None
    subtitle: str | None = None
    publisher: str | None = None


@dataclass(frozen=True)
class BookConfig:
    title: str
    language: str = "en"
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    identifier: str | None = None
    date: datetime | None = None
    paper: str | None = None
    sources: tuple[SourceConfig, ...] = field(default_factory=tuple)
    path: Path | None = None
    editions: Mapping[str, EditionConfig] = field(default_factory=dict)
    translations: Path | None = None

    def edition(self, language: str) -> EditionConfig:
        """``[editions.<lang>]`` for ``language``, along its fallback chain (``pt-BR`` →
        ``pt``); an empty one when none is configured."""
        by_name = {to_locale_name(k).lower(): v for k, v in self.editions.items()}
        for name in fallback_chain(language):
            if name.lower() in by_name:
                return by_name[name.lower()]
        return EditionConfig()

    def translations_dir(self) -> Path | None:
        """Where ``<lang>.po`` content translations are looked for: ``translations`` in
        ``book.toml``, else ``translations/`` beside it."""
        if self.translations is not None:
            return self.translations
        return self.path.parent / "translations" if self.path else None

    def derived_identifier(self, source_names: list[str]) -> str:
        """A stable ``urn:uuid`` from the title and the sources (never ``uuid4``)."""
        if self.identifier:
            return self.identifier
        seed = "\n".join([self.title, *source_names])
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'peptidebook:' + seed)}"


def _where(path: Path, key: str) -> str:
    return f"{path}: {key}"


def _string(path: Path, table: dict[str, Any], key: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise UsageError(f"{_where(path, key)} must be a non-empty string")
    return value.strip()


def _strings(path: Path, table: dict[str, Any], key: str) -> tuple[str, ...] | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise UsageError(f"{_where(path, key)} must be a list of strings")
    return tuple(v.strip() for v in value)


def _datetime(path: Path, table: dict[str, Any], key: str) -> datetime | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC)
    raise UsageError(f"{_where(path, key)} must be a TOML date such as 2026-11-22")


def _report_unknown(path: Path, table: dict[str, Any], known: set[str], where: str,
                    report: Report) -> None:
    for key in sorted(set(table) - known):
        report.warning("unknown-config-key", str(path),
                       f"unknown key {where}{key!r} (known: {', '.join(sorted(known))})")


def load_config(path: Path, report: Report) -> BookConfig:
    """Parse ``book.toml`` at ``path``; source paths are made relative to its folder."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such config file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read config: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    _report_unknown(path, data, BOOK_KEYS, "", report)
    title = _string(path, data, "title")
    if title is None:
        raise UsageError(f"{path}: the book needs a title (title = \"…\")")
    paper = _string(path, data, "paper")
    if paper is not None and paper.lower() not in PAPER_SIZES:
        raise UsageError(f"{path}: paper must be one of {', '.join(sorted(PAPER_SIZES))}")
    raw_sources = data.get("sources", [])
    if not isinstance(raw_sources, list) or not all(isinstance(s, dict) for s in raw_sources):
        raise UsageError(f"{path}: sources must be an array of tables ([[sources]])")
    sources = []
    for n, table in enumerate(raw_sources, 1):
        _report_unknown(path, table, SOURCE_KEYS, f"sources[{n}].", report)
        source_path = _string(path, table, "path")
        if source_path is None:
            raise UsageError(f"{path}: sources[{n}] needs a path")
        sources.append(SourceConfig(
            path=(path.parent / source_path),
            title=_string(path, table, "title"),
            authors=_strings(path, table, "authors"),
            language=_string(path, table, "language"),
            url=_string(path, table, "url"),
            publisher=_string(path, table, "publisher"),
            published=_datetime(path, table, "published"),
            retrieved=_datetime(path, table, "retrieved"),
        ))
    raw_editions = data.get("editions", {})
    if not isinstance(raw_editions, dict) or not all(
            isinstance(v, dict) for v in raw_editions.values()):
        raise UsageError(f"{path}: editions must be tables such as [editions.de]")
    editions = {}
    for lang, table in raw_editions.items():
        _report_unknown(path, table, EDITION_KEYS, f"editions.{lang}.", report)
        editions[lang] = EditionConfig(title=_string(path, table, "title"),
                                       subtitle=_string(path, table, "subtitle"),
                                       publisher=_string(path, table, "publisher"))
    translations = _string(path, data, "translations")
    return BookConfig(
        title=title,
        language=_string(path, data, "language") or "en",
        subtitle=_string(path, data, "subtitle"),
        authors=_strings(path, data, "authors") or (),
        publisher=_string(path, data, "publisher"),
        identifier=_string(path, data, "identifier"),
        date=_datetime(path, data, "date"),
        paper=paper.lower() if paper else None,
        sources=tuple(sources),
        path=path,
        editions=editions,
        translations=path.parent / translations if translations else None,
    )
