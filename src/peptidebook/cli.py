"""The command line: ``peptidebook build [SOURCE ...] [--config book.toml] [--output DIR]``.

Exit codes (see :mod:`peptidebook.errors`): 0 ok, 1 other failure, 2 usage error (bad command
line or book.toml), 3 unreadable or invalid input, 4 output could not be written, 5 ``--strict``
and warnings were reported. Errors are one line on stderr naming the file; never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .build import DEFAULT_FORMATS, FORMATS, build, extract_translations
from .cleaning import clean
from .config import PAPER_SIZES
from .diagnostics import Report
from .dump import dump_article
from .errors import PeptidebookError, StrictError, UsageError
from .fetching import Fetcher, HttpsFetcher, OfflineFetcher
from .readers import read_path
from .readers.wordpress_site import SiteQuery, fetch_posts, save_posts

EXIT_OK = 0
log = logging.getLogger("peptidebook")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="peptidebook",
                     description="Turn web articles into accessible, multilingual books.")
    parser.add_argument("--version", action="version", version=f"peptidebook {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    b = sub.add_parser("build", help="build the book (EPUB, PDF, handouts) from sources and/or "
                                     "book.toml")
    b.add_argument("sources", nargs="*", type=Path, metavar="SOURCE",
                   help="WordPress REST JSON, WXR export, plain-text article, or a folder of them")
    b.add_argument("--config", type=Path, help="book.toml (default: the sample book when no "
                                               "SOURCE is given)")
    b.add_argument("--output", type=Path, default=Path("output"), help="output folder")
    b.add_argument("--format", default=",".join(DEFAULT_FORMATS),
                   help=f"comma-separated formats: {', '.join(FORMATS)} (default: "
                        f"{','.join(DEFAULT_FORMATS)})")
    b.add_argument("--paper", type=str.lower, choices=sorted(PAPER_SIZES),
                   help="paper size of the PDFs (default: book.toml's paper, else from the "
                        "book's locale: letter for US/Canada-style locales, A4 elsewhere)")
    b.add_argument("--lang", help="the book's language (BCP 47), overriding book.toml")
    b.add_argument("--translations", type=Path, metavar="DIR",
                   help="folder of <lang>.po content translations (default: book.toml's "
                        "translations, else translations/ beside book.toml)")
    b.add_argument("--offline", action="store_true",
                   help="fetch nothing: images become their alt text and a link")
    b.add_argument("--strict", action="store_true", help="fail (exit 5) on any warning")
    b.add_argument("-q", "--quiet", action="store_true", help="print only errors")

    f = sub.add_parser("fetch", help="save posts of a live WordPress site (REST API) as JSON "
                                      "sources, recording when they were retrieved")
    f.add_argument("site", help="the site's address, https://host[/path]")
    f.add_argument("--slug", action="append", default=[],
                   help="a post's slug (repeatable); without it, every published post")
    f.add_argument("--type", dest="post_type", choices=("posts", "pages"), default="posts")
    f.add_argument("--output", type=Path, default=Path("sources"), help="folder for the JSON")

    t = sub.add_parser("translations", help="translated editions: a PO template of the content")
    tsub = t.add_subparsers(dest="action", required=True, parser_class=_Parser)
    x = tsub.add_parser("extract", help="write every title, heading, paragraph, list item, "
                                        "table cell, caption and glossary entry as a message "
                                        "of a .pot file")
    x.add_argument("sources", nargs="*", type=Path, metavar="SOURCE")
    x.add_argument("--config", type=Path, help="book.toml (default: the sample book when no "
                                               "SOURCE is given)")
    x.add_argument("-o", "--output", type=Path, default=Path("content.pot"),
                   help="the template to write (default: content.pot)")
    x.add_argument("-q", "--quiet", action="store_true", help="print only errors")

    d = sub.add_parser("dump", help="print the cleaned document model of sources")
    d.add_argument("sources", nargs="+", type=Path, metavar="SOURCE")
    d.add_argument("--raw", action="store_true", help="skip the cleaning passes")
    return parser


def _build(args: argparse.Namespace, report: Report) -> int:
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    fetcher: Fetcher = OfflineFetcher() if args.offline else HttpsFetcher()
    result = build(args.sources, config_path=args.config, output_dir=args.output,
                   formats=formats, language=args.lang, fetcher=fetcher, report=report,
                   paper=args.paper, translations=args.translations)
    for path in result.outputs:
        print(path)
    return EXIT_OK


def _fetch(args: argparse.Namespace, report: Report) -> int:
    query = SiteQuery(args.site, args.post_type, tuple(args.slug))
    posts = fetch_posts(query, HttpsFetcher(), progress=lambda msg: log.info(msg))
    for path in save_posts(posts, args.output):
        print(path)
    return EXIT_OK


def _translations(args: argparse.Namespace, report: Report) -> int:
    path = extract_translations(args.sources, config_path=args.config, output=args.output,
                                report=report)
    print(path)
    return EXIT_OK


def _dump(args: argparse.Namespace, report: Report) -> int:
    for source in args.sources:
        for article in read_path(source, report):
            print(dump_article(article if args.raw else clean(article, report)), end="")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    report = Report()
    args: argparse.Namespace | None = None
    try:
        args = make_parser().parse_args(argv)
        logging.basicConfig(format="%(message)s", stream=sys.stderr,
                            level=logging.WARNING if getattr(args, "quiet", False)
                            else logging.INFO)
        command = {"build": _build, "fetch": _fetch, "dump": _dump,
                   "translations": _translations}[args.command]
        code = command(args, report)
        quiet = getattr(args, "quiet", False)
        for diagnostic in report.diagnostics:
            if diagnostic.severity != "info" and not quiet:
                print(diagnostic, file=sys.stderr)
        if getattr(args, "strict", False) and report.warnings:
            raise StrictError(f"--strict: {len(report.warnings)} warnings reported")
        return code
    except PeptidebookError as exc:
        print(f"peptidebook: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("peptidebook: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
