"""The command line's commands: what ``build``, ``sample``, ``init``, ``fetch``,
``translations`` and ``dump`` do with their parsed arguments, and the ``--list-*`` listings."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from babel import Locale

from ..build import DEFAULT_FORMATS, FORMATS, build, extract_translations, sample_config_path
from ..cleaning import clean
from ..config import CONFIG_NAME, find_config, parse_metadata, title_from_folder
from ..console import ConsoleProgress
from ..diagnostics import Report
from ..dump import dump_article
from ..errors import InputError, PeptidebookError, UsageError
from ..fetching import (
    CachingFetcher,
    Fetcher,
    HttpFetcher,
    HttpsFetcher,
    OfflineFetcher,
    WithHeaders,
    header_fields,
    open_cache,
)
from ..fetching.saved_posts import save_posts
from ..fetching.site_options import Selection, allowed_host, login_for, parse_date, parse_ids
from ..fetching.wordpress_site import SiteQuery, fetch_posts
from ..files import written_atomically
from ..i18n import catalog_languages
from ..languages import normalize_tag, primary_language
from ..limits import MAX_SOURCE_BYTES
from ..readers import article_files, read_path, sniff_suffix

__all__ = ["COMMANDS", "init_text", "list_formats", "list_languages"]

#: What each format writes, for ``--list-formats``.
FORMAT_HELP = {
    "epub": "<book>.epub: EPUB 3.3 with EPUB Accessibility 1.1 metadata",
    "pdf": "<book>.pdf: the whole book as a tagged PDF/UA-1 for print",
    "handouts": "handouts/<article>.pdf: one short PDF/UA-1 per article, to print and hand out",
}


def _formats(args: argparse.Namespace) -> list[str]:
    given = args.format if args.format is not None else [",".join(DEFAULT_FORMATS)]
    formats: list[str] = []
    for value in given:
        for name in (f.strip().lower() for f in value.split(",")):
            if name and name not in formats:
                formats.append(name)
    if not formats:
        raise UsageError(f"--format: name at least one of {', '.join(FORMATS)}")
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        close = difflib.get_close_matches(unknown[0], FORMATS, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise UsageError(f"--format: unknown format {', '.join(unknown)}{hint}; "
                         f"known: {', '.join(FORMATS)}")
    return formats


def _metadata(args: argparse.Namespace) -> dict[str, list[str]]:
    metadata = parse_metadata(args.metadata)
    if args.title is not None:
        metadata["title"] = [args.title]
    if args.author:
        metadata["authors"] = list(args.author)
    return metadata


def _run_build(args: argparse.Namespace, report: Report, progress: ConsoleProgress,
               config: Path | None, sources: list[Path]) -> list[Path]:
    formats = _formats(args)
    language = normalize_tag(args.lang) if args.lang else None
    allowed = frozenset(map(allowed_host, getattr(args, "allow_host", [])))
    fetcher: Fetcher = (OfflineFetcher() if args.offline
                        else _cached(HttpsFetcher(allow_hosts=allowed), no_cache=args.no_cache))
    with ExitStack() as stack:
        sources = [stack.enter_context(_stdin_source(report)) if str(s) == "-" else s
                   for s in sources]
        result = build(sources, config_path=config, output_dir=args.output, formats=formats,
                       language=language, fetcher=fetcher, report=report, paper=args.paper,
                       translations=args.translations, progress=progress,
                       metadata=_metadata(args), allow_untranslated=args.allow_untranslated,
                       check=args.check)
    return list(result.outputs)


def _cached(fetcher: HttpFetcher, *, no_cache: bool) -> HttpFetcher:
    """``fetcher`` through the on-disk HTTP cache (fetch and build share it), or alone with
    ``--no-cache``."""
    return fetcher if no_cache else CachingFetcher(fetcher, open_cache())


def _build(args: argparse.Namespace, report: Report, progress: ConsoleProgress) -> list[Path]:
    if args.sample:
        if args.sources or args.config:
            raise UsageError("peptidebook build: --sample builds the bundled sample book; "
                             "name no SOURCE or --config with it")
        return _run_build(args, report, progress, sample_config_path(), [])
    sites = [s for s in args.sources if isinstance(s, str)]
    paths = [s for s in args.sources if isinstance(s, Path)]
    if len(sites) > 1:
        raise UsageError(f"peptidebook build: name one site at a time ({', '.join(sites)}); "
                         "fetch the others with 'peptidebook fetch' into one folder")
    if sites and args.offline:
        raise UsageError(f"peptidebook build: --offline fetches nothing, {sites[0]} included; "
                         "fetch it first ('peptidebook fetch') and build the folder offline")
    if sites:
        folder: Path = args.sources_dir or args.output.parent / "sources"
        # The posts saved now, not the folder: one an earlier fetch left there stays out.
        paths = [*_fetched(sites[0], args, folder, report, progress,
                           label=f"Fetching posts into {folder}"), *paths]
    config, sources = find_config(paths, args.config)
    return _run_build(args, report, progress, config, sources)


def _sample(args: argparse.Namespace, report: Report, progress: ConsoleProgress) -> list[Path]:
    return _run_build(args, report, progress, sample_config_path(), [])


def _init(args: argparse.Namespace, report: Report, progress: ConsoleProgress) -> list[Path]:
    folder: Path = args.folder
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder")
    target = folder / CONFIG_NAME
    if target.exists() and not args.force:
        raise UsageError(f"{target}: already exists (--force replaces it)")
    files = article_files(folder)  # each read below: an unreadable one is commented out
    entries: list[tuple[Path, str | None, str | None, str | None]] = []
    with progress.step("Reading", total=len(files), unit="sources") as step:
        for file in files:
            step.at(str(file))
            try:
                articles = [clean(a, Report()) for a in read_path(file, Report())]
            except InputError as exc:
                entries.append((file, None, None, str(exc)))
            else:
                for article in articles:
                    entries.append((file, article.title, article.lang, None))
            step.advance()
    language = normalize_tag(args.lang) if args.lang else _most_common_language(entries)
    title = args.title or title_from_folder(folder) or "Articles"
    with written_atomically(target, CONFIG_NAME) as partial:
        partial.write_text(init_text(title, language, entries), encoding="utf-8")
    return [target]


def _most_common_language(entries: Sequence[tuple[Path, str | None, str | None, str | None]]
                          ) -> str:
    counts: dict[str, int] = {}
    for _file, _title, lang, _error in entries:
        if lang:
            base = primary_language(normalize_tag(lang))
            counts[base] = counts.get(base, 0) + 1
    supported = {tag.split("-")[0]: tag for tag in catalog_languages()}
    ranked = sorted(counts, key=lambda k: -counts[k])
    return next((supported[k] for k in ranked if k in supported), "en")


def _toml(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's, ``\\uXXXX`` included)."""
    return json.dumps(value, ensure_ascii=False)


def init_text(title: str, language: str,
              entries: Sequence[tuple[Path, str | None, str | None, str | None]]) -> str:
    """The commented ``book.toml`` that ``peptidebook init`` writes."""
    languages = " ".join(catalog_languages())
    def keyed(line: str, comment: str) -> str:
        return f"{line:<34} # {comment}"

    lines = [
        f"# The book: written by 'peptidebook init' on {datetime.now(UTC):%Y-%m-%d}.",
        "# Build it with 'peptidebook build' in this folder. Every key is optional but title.",
        "",
        f"title = {_toml(title)}",
        "# subtitle = \"\"",
        keyed("# authors = [\"\"]", "the book's editors or compilers"),
        "# publisher = \"\"",
        keyed(f"language = {_toml(language)}", f"the book's own text: {languages}"),
        keyed("# paper = \"a4\"", "a4, letter, a5, legal (default: the language's)"),
        keyed("# date = 2026-01-31", "the book's publication date"),
        keyed("# translations = \"translations\"", "folder of <lang>.po content translations"),
        "",
        keyed("# [editions.de]", "the title page in another book language"),
        "# title = \"\"",
        "",
        "# The articles, in reading order. Each may override what its file says:",
        "# title, authors, language, url, publisher, published, retrieved.",
    ]
    for file, found_title, lang, error in entries:
        lines.append("")
        if error is not None:
            lines.append(f"# could not be read: {error}")
            lines.append("# [[sources]]")
            lines.append(f"# path = {_toml(file.name)}")
            continue
        lines.append("[[sources]]")
        about = _toml(found_title or "") + (f", in {lang}" if lang else "")
        lines.append(keyed(f"path = {_toml(file.name)}", about))
    return "\n".join(lines) + "\n"


def _fetch(args: argparse.Namespace, report: Report, progress: ConsoleProgress) -> list[Path]:
    return _fetched(args.site, args, args.output, report, progress, label="Fetching posts")


def _fetched(site: str, args: argparse.Namespace, folder: Path, report: Report,
             progress: ConsoleProgress, *, label: str) -> list[Path]:
    """Fetch ``site``'s posts chosen by ``args`` (``fetch``'s options) into ``folder``."""
    query = SiteQuery(site, args.post_type, tuple(dict.fromkeys(args.slug)))
    selection = Selection(
        categories=tuple(args.category), tags=tuple(args.tag), authors=tuple(args.post_author),
        search=args.search, statuses=tuple(args.status),
        after=None if args.after is None else parse_date("--after", args.after),
        before=None if args.before is None else parse_date("--before", args.before),
        include=tuple(i for text in args.include for i in parse_ids(text)))
    login = None if args.user is None else login_for(site, args.user)
    headers = header_fields(args.header)
    fetcher: HttpFetcher = _cached(
        HttpsFetcher(allow_hosts=frozenset(map(allowed_host, args.allow_host))),
        no_cache=args.no_cache)
    if headers:  # over the cache: an Authorization given so keeps answers out of it
        fetcher = WithHeaders(fetcher, headers)
    with progress.step(label, unit="requests") as step:
        step.at(site)
        posts = fetch_posts(query, fetcher, progress=lambda _msg: step.advance(),
                            report=report, allow_partial=args.allow_partial,
                            selection=selection, login=login, planned=step.set_total)
    if not posts:
        raise InputError(f"{site}: no {args.post_type} match the selection")
    with progress.step("Saving", total=len(posts), unit="posts") as step:
        paths = save_posts(posts, folder, report)
        step.advance(len(paths))
    return paths


def _translations(args: argparse.Namespace, report: Report,
                  progress: ConsoleProgress) -> list[Path]:
    config, sources = find_config(args.sources, args.config)
    return [extract_translations(sources, config_path=config, output=args.output,
                                 report=report, progress=progress)]


def _dump(args: argparse.Namespace, report: Report, progress: ConsoleProgress) -> list[Path]:
    for source in args.sources:
        for article in read_path(source, report):
            print(dump_article(article if args.raw else clean(article, report)), end="")
    return []


@contextmanager
def _stdin_source(report: Report) -> Iterator[Path]:
    """``-``: one source read from stdin, its kind told by its first bytes
    (:func:`~peptidebook.readers.sniff_suffix`: JSON, a WordPress export, HTML, else plain
    text), kept in a temporary file while the build runs."""
    data = sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        raise InputError(f"-: stdin holds more than {MAX_SOURCE_BYTES // 2**20} MiB, the "
                         "largest source peptidebook reads (limits.MAX_SOURCE_BYTES)")
    if not data.strip():
        raise InputError("-: nothing on stdin")
    suffix = sniff_suffix(data)
    with tempfile.TemporaryDirectory(prefix="peptidebook-stdin-") as folder:
        path = Path(folder) / f"stdin{suffix}"
        path.write_bytes(data)
        try:
            yield path
        except PeptidebookError as exc:
            raise type(exc)(str(exc).replace(str(path), "-")) from None
        finally:
            report.diagnostics[:] = [replace(d, where=d.where.replace(str(path), "-"))
                                     for d in report.diagnostics]


def list_formats() -> str:
    return "\n".join(f"{name:<9} {FORMAT_HELP[name]}"
                     + ("  [default]" if name in DEFAULT_FORMATS else "") for name in FORMATS)


def list_languages() -> str:
    rows = []
    for tag in catalog_languages():
        locale = Locale.parse(tag.replace("-", "_"))
        rows.append(f"{tag:<8} {locale.get_display_name(tag.replace('-', '_'))} "
                    f"({locale.get_display_name('en')})")
    rows.append("Other languages: --allow-untranslated (the book's own text stays in English). "
                "Articles may be in any language.")
    return "\n".join(rows)


COMMANDS: dict[str, Callable[[argparse.Namespace, Report, ConsoleProgress], list[Path]]] = {
    "build": _build, "sample": _sample, "init": _init, "fetch": _fetch,
    "translations": _translations, "dump": _dump,
}
