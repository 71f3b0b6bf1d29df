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
    subject = "peptide therapies"          # what the book is about, as the preface names it
                                           # (none: the preface names no subject)

    [preface]                              # the "About this book" preface
    text = ["…", "…"]                      # the editor's own paragraphs, placed first
    caveat = "auto"                        # auto | medical | general: which caveat it gives

    [editions.de]                          # the book's own metadata in another language,
    title = "…"                            # used when the book is built with --lang de
    subtitle = "…"                         # (pt-BR falls back to [editions.pt])
    publisher = "…"
    subject = "…"
    [editions.de.preface]                  # the editor's paragraphs in that language
    text = ["…"]

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

Where the book is found (as Sphinx finds ``conf.py`` and MkDocs ``mkdocs.yml``):
:func:`find_config` takes ``book.toml`` named on the command line, a SOURCE that is a ``.toml``
file or a folder holding ``book.toml``, else ``./book.toml``. The command line's ``--title``,
``--author`` and ``-M KEY=VALUE`` override the top-level keys (:func:`with_metadata`).
"""

from __future__ import annotations

import difflib
import re
import tomllib
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, Literal

from .diagnostics import Report
from .errors import UsageError
from .languages import fallback_chain, normalize_tag, to_locale_name

BOOK_KEYS = {"title", "subtitle", "authors", "publisher", "language", "identifier", "date",
             "sources", "paper", "editions", "translations", "subject", "preface"}
EDITION_KEYS = {"title", "subtitle", "publisher", "subject", "preface"}
PREFACE_KEYS = {"text", "caveat"}
#: ``[preface] caveat``: ``auto`` chooses from the articles (health claims, doses).
Caveat = Literal["auto", "medical", "general"]
CAVEATS: tuple[Caveat, ...] = ("auto", "medical", "general")
SOURCE_KEYS = {"path", "title", "authors", "language", "url", "publisher", "published",
               "retrieved"}
PAPER_SIZES = {"a4", "letter", "a5", "legal"}
#: The name ``peptidebook build`` looks for in the current folder and in a SOURCE folder.
CONFIG_NAME = "book.toml"
#: The top-level keys ``-M KEY=VALUE`` may set (tables — sources, editions — stay in the file).
METADATA_KEYS = ("title", "subtitle", "authors", "publisher", "language", "identifier", "date",
                 "paper", "translations", "subject")


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
    subject: str | None = None
    preface: tuple[str, ...] | None = None


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
    subject: str | None = None
    #: The editor's paragraphs of the preface (``[preface] text``), placed first.
    preface: tuple[str, ...] = ()
    caveat: Caveat = "auto"

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


#: Characters XML 1.0 §2.2 does not allow (C0 controls but tab and line ends, C1 controls,
#: lone surrogates, U+FFFE/U+FFFF): no title, author or publisher can carry one into the
#: package files. The readers filter the same class from sources (readers/characters.py).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _printable(where: str, value: str) -> str:
    """``value``, refused in one line when it holds a character no book can carry."""
    found = _FORBIDDEN.search(value)
    if found:
        raise UsageError(f"{where} contains the control character U+{ord(found.group()):04X} "
                         f"at position {found.start() + 1}: remove it")
    return value


def _string(path: Path, table: dict[str, Any], key: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise UsageError(f"{_where(path, key)} must be a non-empty string")
    return _printable(_where(path, key), value.strip())


def _strings(path: Path, table: dict[str, Any], key: str) -> tuple[str, ...] | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise UsageError(f"{_where(path, key)} must be a list of strings")
    return tuple(_printable(_where(path, key), v.strip()) for v in value)


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
            language=_language(f"{path}: sources[{n}].language",
                               _string(path, table, "language")),
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
        edition_preface = _preface(path, table, f"editions.{lang}.", report,
                                   caveat_allowed=False)
        editions[lang] = EditionConfig(title=_string(path, table, "title"),
                                       subtitle=_string(path, table, "subtitle"),
                                       publisher=_string(path, table, "publisher"),
                                       subject=_string(path, table, "subject"),
                                       preface=edition_preface[0] if "preface" in table
                                       else None)
    translations = _string(path, data, "translations")
    language = _string(path, data, "language")
    preface_text, caveat = _preface(path, data, "", report)
    return BookConfig(
        title=title,
        language=_language(f"{path}: language", language) or "en",
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
        subject=_string(path, data, "subject"),
        preface=preface_text,
        caveat=caveat,
    )


def _preface(path: Path, table: dict[str, Any], where: str, report: Report,
             caveat_allowed: bool = True) -> tuple[tuple[str, ...], Caveat]:
    """``[preface]`` of ``table``: the editor's paragraphs (``text``: a string or a list of
    strings, each one paragraph) and the caveat chosen (:data:`CAVEATS`; ``auto`` when not
    given). An edition's ``[editions.<lang>.preface]`` has only ``text``: the caveat is the
    book's choice, whatever its language."""
    raw = table.get("preface")
    if raw is None:
        return (), "auto"
    key = f"{where}preface"
    if not isinstance(raw, dict):
        raise UsageError(f"{_where(path, key)} must be a table ([{key}])")
    _report_unknown(path, raw, PREFACE_KEYS if caveat_allowed else {"text"}, f"{key}.",
                    report)
    text = _strings(path, raw, "text")
    if text is not None:
        # One string may hold several paragraphs, separated by a blank line (TOML """…""");
        # a single line break inside one is a space, as in Markdown.
        text = tuple(" ".join(p.split()) for paragraph in text
                     for p in re.split(r"\n\s*\n", paragraph) if p.strip())
    caveat = _string(path, raw, "caveat") if caveat_allowed else None
    if caveat is not None and caveat.lower() not in CAVEATS:
        raise UsageError(f"{_where(path, key + '.caveat')} must be one of "
                         f"{', '.join(CAVEATS)}")
    chosen: Caveat = "auto"
    for known in CAVEATS:
        if caveat and known == caveat.lower():
            chosen = known
    return text or (), chosen


def _language(where: str, tag: str | None) -> str | None:
    """A language tag as BCP 47 writes it (``DE`` → ``de``, ``pt_br`` → ``pt-BR``)."""
    if tag is None:
        return None
    try:
        return normalize_tag(tag)
    except UsageError as exc:
        raise UsageError(f"{where}: {exc}") from None


def find_config(sources: Sequence[Path], config: Path | None,
                cwd: Path | None = None) -> tuple[Path | None, list[Path]]:
    """Which ``book.toml`` a build uses, and the SOURCE paths left to read besides it.

    ``config`` (``-c``) if given; else a SOURCE that is a ``.toml`` file or a folder holding
    ``book.toml``; else ``book.toml`` in ``cwd`` when no SOURCE is named. Two books named at
    once is a :class:`UsageError`; so is nothing to build at all.
    """
    named = [config] if config is not None else []
    rest: list[Path] = []
    for source in sources:
        if source.suffix.lower() == ".toml":
            named.append(source)
        elif source.is_dir() and (source / CONFIG_NAME).is_file():
            named.append(source / CONFIG_NAME)
        else:
            rest.append(source)
    if len(named) > 1:
        raise UsageError(f"several books named ({', '.join(map(str, named))}): "
                         "build one book.toml at a time")
    if named:
        return named[0], rest
    if rest:
        return None, rest
    here = (cwd or Path.cwd()) / CONFIG_NAME
    if here.is_file():
        return Path(CONFIG_NAME) if cwd is None else here, []
    raise UsageError(f"no {CONFIG_NAME} in this folder and no SOURCE named: run "
                     "'peptidebook init' to write one for the articles here, name the articles "
                     "('peptidebook build post.json …'), or build the bundled sample with "
                     "'peptidebook sample'")


def title_from_folder(folder: Path) -> str:
    """A title guessed from a folder's name (``hydration-notes`` → ``Hydration notes``); empty
    when the name has nothing to say."""
    name = folder.resolve().name.replace("-", " ").replace("_", " ").strip()
    return name[:1].upper() + name[1:]


def parse_metadata(pairs: Sequence[str]) -> dict[str, list[str]]:
    """``-M KEY=VALUE`` arguments by key, in order (``authors`` may be given several times)."""
    found: dict[str, list[str]] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip().lower().replace("-", "_")
        if not sep or not key:
            raise UsageError(f"-M {pair!r}: write KEY=VALUE, e.g. -M subtitle='Read closely'")
        if key == "author":
            key = "authors"
        if key not in METADATA_KEYS:
            close = difflib.get_close_matches(key, METADATA_KEYS, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise UsageError(f"-M {key}: not a book.toml key{hint}; keys: "
                             f"{', '.join(METADATA_KEYS)}")
        found.setdefault(key, []).append(value.strip())
    return found


def with_metadata(config: BookConfig, metadata: Mapping[str, Sequence[str]]) -> BookConfig:
    """``config`` with the command line's metadata in place of ``book.toml``'s, validated as
    ``book.toml`` is (``-M date=2026-11-22``, ``-M paper=a4``, ``-M authors=…`` repeated).
    A relative ``translations`` folder is taken from the current folder."""
    changes: dict[str, Any] = {}
    for key, values in metadata.items():
        where = f"-M {key}"
        for given in values:
            _printable(where, given)
        value = values[-1]
        if key == "authors":
            if not all(v for v in values):
                raise UsageError(f"{where}: an author needs a name")
            changes["authors"] = tuple(values)
        elif not value:
            raise UsageError(f"{where}: needs a value")
        elif key == "language":
            changes["language"] = _language(where, value)
        elif key == "paper":
            if value.lower() not in PAPER_SIZES:
                raise UsageError(f"{where}: paper must be one of "
                                 f"{', '.join(sorted(PAPER_SIZES))}")
            changes["paper"] = value.lower()
        elif key == "date":
            try:
                parsed = date.fromisoformat(value)
            except ValueError:
                raise UsageError(f"{where}: {value!r} is not a date such as 2026-11-22") from None
            changes["date"] = datetime.combine(parsed, time(), tzinfo=UTC)
        elif key == "translations":
            changes["translations"] = Path.cwd() / value
        else:
            changes[key] = value
    return replace(config, **changes)
