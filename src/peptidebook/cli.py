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
import difflib
import json
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

from babel import Locale

from . import __version__
from .build import DEFAULT_FORMATS, FORMATS, build, extract_translations, sample_config_path
from .cleaning import clean
from .config import (
    CONFIG_NAME,
    METADATA_KEYS,
    PAPER_SIZES,
    find_config,
    parse_metadata,
    title_from_folder,
)
from .console import (
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
from .diagnostics import Report
from .dump import dump_article
from .errors import InputError, PeptidebookError, StrictError, UsageError
from .fetching import Fetcher, HttpsFetcher, OfflineFetcher
from .fetching.wordpress_site import SiteQuery, fetch_posts, save_posts
from .files import written_atomically
from .i18n import catalog_languages
from .languages import normalize_tag
from .limits import MAX_SOURCE_BYTES
from .readers import article_files, read_path

EXIT_OK = 0
EXIT_INTERRUPTED = 130

#: What each format writes, for ``--list-formats``.
FORMAT_HELP = {
    "epub": "<book>.epub: EPUB 3.3 with EPUB Accessibility 1.1 metadata",
    "pdf": "<book>.pdf: the whole book as a tagged PDF/UA-1 for print",
    "handouts": "handouts/<article>.pdf: one short PDF/UA-1 per article, to print and hand out",
}


class _HelpFormatter(argparse.HelpFormatter):
    """Shows each option's default in ``--help``, where it has one worth showing."""

    def _get_help_string(self, action: argparse.Action) -> str:
        help_text = action.help or ""
        default = action.default
        if ("%(default)" in help_text or default in (None, False, [], argparse.SUPPRESS)
                or action.option_strings == [] and action.nargs in ("*", "?")):
            return help_text
        shown = ",".join(default) if isinstance(default, tuple | list) else default
        return f"{help_text} (default: {shown})"


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line that names the subcommand and suggests the closest option."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}; see '{self.prog} --help'")

    def unrecognized(self, extras: Sequence[str]) -> NoReturn:
        options = [o for action in self._actions for o in action.option_strings]
        first = extras[0]
        hint = ""
        if first.startswith("-"):
            close = difflib.get_close_matches(first.split("=")[0], options, n=1, cutoff=0.5)
            hint = f" (did you mean {close[0]}?)" if close else ""
        words = "argument" if len(extras) == 1 else "arguments"
        self.error(f"unrecognized {words}: {' '.join(extras)}{hint}")


def _common(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("console")
    group.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    group.add_argument("-v", "--verbose", action="store_true",
                       help="print every diagnostic, notes included")
    group.add_argument("--debug", action="store_true",
                       help="also print library log records, and a traceback on failure")
    group.add_argument("--report", type=Path, metavar="FILE",
                       help="write every diagnostic, with counts by code, as JSON")


def _book_options(parser: argparse.ArgumentParser) -> None:
    """The options of ``build`` and ``sample``."""
    parser.add_argument("-o", "--output", type=Path, default=Path("output"),
                        help="output folder")
    parser.add_argument("-f", "--format", action="append", metavar="FORMATS",
                        help=f"comma-separated, repeatable: {', '.join(FORMATS)} "
                             f"(default: {','.join(DEFAULT_FORMATS)})")
    parser.add_argument("--paper", type=str.lower, choices=sorted(PAPER_SIZES),
                        help="paper size of the PDFs (default: book.toml's paper, else from the "
                             "book's locale: letter for US-style locales, A4 elsewhere)")
    parser.add_argument("--lang", metavar="TAG",
                        help="the book's own language (BCP 47), overriding book.toml "
                             "(--list-languages)")
    parser.add_argument("--allow-untranslated", action="store_true",
                        help="build in a language without a catalog: the book's own text "
                             "falls back to English, with one warning")
    parser.add_argument("--translations", type=Path, metavar="DIR",
                        help="folder of <lang>.po content translations (default: book.toml's "
                             "translations, else translations/ beside book.toml)")
    meta = parser.add_argument_group("metadata (override book.toml)")
    meta.add_argument("--title", help="the book's title")
    meta.add_argument("--author", action="append", default=[], metavar="NAME",
                      help="the book's editor or compiler (repeatable)")
    meta.add_argument("-M", "--metadata", action="append", default=[], metavar="KEY=VALUE",
                      help=f"any top-level book.toml key: {', '.join(METADATA_KEYS)} "
                           "(repeatable; authors repeats)")
    parser.add_argument("--offline", action="store_true",
                        help="fetch nothing: images become their alt text and a link")
    parser.add_argument("--strict", action="store_true", help="fail (exit 5) on any warning")
    _listing(parser)
    _common(parser)


def _listing(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--list-formats", action="store_true",
                        help="list the output formats and exit")
    parser.add_argument("--list-languages", action="store_true",
                        help="list the book languages with a catalog and exit")


def make_parser() -> _Parser:
    parser = _Parser(prog="peptidebook", formatter_class=_HelpFormatter,
                     description="Turn web articles into accessible, multilingual books: EPUB 3 "
                                 "and tagged PDF, with an evidence-caveat preface, a glossary "
                                 "and references.",
                     epilog="Run 'peptidebook COMMAND --help' for a command's options.")
    parser.add_argument("--version", action="version", version=f"peptidebook {__version__}")
    _listing(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    b = sub.add_parser("build", formatter_class=_HelpFormatter,
                       help="build a book (EPUB, PDF, handouts) from book.toml and/or sources",
                       description="Build the book of book.toml (-c, a SOURCE folder holding "
                                   "one, or ./book.toml) and/or the SOURCE files.")
    b.add_argument("sources", nargs="*", type=Path, metavar="SOURCE",
                   help="WordPress REST JSON, WXR export, plain-text article, a folder of them, "
                        "a book.toml, or - for one source on stdin")
    b.add_argument("-c", "--config", type=Path, metavar="BOOK.TOML",
                   help=f"the book's {CONFIG_NAME} (default: ./{CONFIG_NAME} when no SOURCE "
                        "is named)")
    b.add_argument("--sample", action="store_true",
                   help="build the bundled sample book (same as 'peptidebook sample')")
    _book_options(b)

    s = sub.add_parser("sample", formatter_class=_HelpFormatter,
                       help="build the bundled sample book (three articles on peptides)")
    _book_options(s)

    i = sub.add_parser("init", formatter_class=_HelpFormatter,
                       help=f"write a commented {CONFIG_NAME} for the sources in a folder")
    i.add_argument("folder", nargs="?", type=Path, default=Path("."),
                   help="the folder of sources")
    i.add_argument("--title", help="the book's title (default: the folder's name)")
    i.add_argument("--lang", metavar="TAG", help="the book's language (default: the articles' "
                                                 "most common language)")
    i.add_argument("--force", action="store_true", help=f"replace an existing {CONFIG_NAME}")
    _common(i)

    f = sub.add_parser("fetch", formatter_class=_HelpFormatter,
                       help="save posts of a live WordPress site (REST API) as JSON sources")
    f.add_argument("site", help="the site's address, https://host[/path]")
    f.add_argument("--slug", action="append", default=[],
                   help="a post's slug (repeat --slug for several); without it, every "
                        "published post")
    f.add_argument("--type", dest="post_type", choices=("posts", "pages"), default="posts",
                   help="what to fetch")
    f.add_argument("-o", "--output", type=Path, default=Path("sources"),
                   help="folder for the JSON files")
    _common(f)

    t = sub.add_parser("translations", formatter_class=_HelpFormatter,
                       help="translated editions: a PO template of the content")
    tsub = t.add_subparsers(dest="action", required=True, metavar="ACTION", parser_class=_Parser)
    x = tsub.add_parser("extract", formatter_class=_HelpFormatter,
                        help="write every title, heading, paragraph, list item, table cell, "
                             "caption and glossary entry as a message of a .pot file")
    x.add_argument("sources", nargs="*", type=Path, metavar="SOURCE")
    x.add_argument("-c", "--config", type=Path, metavar="BOOK.TOML",
                   help=f"the book's {CONFIG_NAME} (default: ./{CONFIG_NAME} when no SOURCE "
                        "is named)")
    x.add_argument("-o", "--output", type=Path, default=Path("content.pot"),
                   help="the template to write")
    _common(x)

    d = sub.add_parser("dump", formatter_class=_HelpFormatter,
                       help="print the cleaned document model of sources")
    d.add_argument("sources", nargs="+", type=Path, metavar="SOURCE")
    d.add_argument("--raw", action="store_true", help="skip the cleaning passes")
    _common(d)
    return parser


def _subparser(parser: _Parser, argv: Sequence[str]) -> _Parser:
    """The (sub)parser the command line was meant for, to name it in a usage error."""
    current: argparse.ArgumentParser = parser
    for word in argv:
        choices = next((a.choices for a in current._actions
                        if isinstance(a, argparse._SubParsersAction)), None)
        if isinstance(choices, dict) and word in choices:
            current = choices[word]
    return current if isinstance(current, _Parser) else parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = make_parser()
    args, extras = parser.parse_known_args(argv)
    if extras:
        _subparser(parser, argv).unrecognized(extras)
    if args.command is None and not (args.list_formats or args.list_languages):
        parser.error("name a COMMAND: build, sample, init, fetch, translations or dump")
    return args


# ------------------------------------------------------------------------------- commands


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
    fetcher: Fetcher = OfflineFetcher() if args.offline else HttpsFetcher()
    with ExitStack() as stack:
        sources = [stack.enter_context(_stdin_source(report)) if str(s) == "-" else s
                   for s in sources]
        result = build(sources, config_path=config, output_dir=args.output, formats=formats,
                       language=language, fetcher=fetcher, report=report, paper=args.paper,
                       translations=args.translations, progress=progress,
                       metadata=_metadata(args), allow_untranslated=args.allow_untranslated)
    return list(result.outputs)


def _build(args: argparse.Namespace, report: Report, progress: ConsoleProgress) -> list[Path]:
    if args.sample:
        if args.sources or args.config:
            raise UsageError("peptidebook build: --sample builds the bundled sample book; "
                             "name no SOURCE or --config with it")
        return _run_build(args, report, progress, sample_config_path(), [])
    config, sources = find_config(args.sources, args.config)
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
            base = normalize_tag(lang).split("-")[0]
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
    query = SiteQuery(args.site, args.post_type, tuple(args.slug))
    with progress.step("Fetching posts", unit="pages of posts") as step:
        step.at(args.site)
        posts = fetch_posts(query, HttpsFetcher(), progress=lambda _msg: step.advance())
    with progress.step("Saving", total=len(posts), unit="posts") as step:
        paths = save_posts(posts, args.output, report)
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
    """``-``: one source read from stdin, its kind told by its first bytes (JSON, a WordPress
    export, else plain text), kept in a temporary file while the build runs."""
    data = sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        raise InputError(f"-: stdin holds more than {MAX_SOURCE_BYTES // 2**20} MiB, the "
                         "largest source peptidebook reads (limits.MAX_SOURCE_BYTES)")
    if not data.strip():
        raise InputError("-: nothing on stdin")
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head[:1] in (b"{", b"["):
        suffix = ".json"
    elif head.startswith(b"<") and b"<rss" in head:
        suffix = ".xml"
    elif head.startswith(b"<"):
        raise InputError("-: stdin holds HTML or XML that is not a WordPress export; save it "
                         "as a file of a kind peptidebook reads (.json, .xml, .txt)")
    else:
        suffix = ".txt"
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


if __name__ == "__main__":
    sys.exit(main())
