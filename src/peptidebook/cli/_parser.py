"""The command line's parser: the subcommands and their options, ``--help`` with defaults, and
usage errors as one line that names the subcommand and suggests the closest option."""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from .. import __version__
from ..build import DEFAULT_FORMATS, FORMATS
from ..config import CONFIG_NAME, METADATA_KEYS, PAPER_SIZES
from ..errors import UsageError
from ..fetching.site_options import PASSWORD_VARIABLE, STATUSES, post_type_base

__all__ = ["make_parser", "parse_args"]


class _HelpFormatter(argparse.HelpFormatter):
    """Shows each option's default in ``--help``, where it has one worth showing."""

    def _get_help_string(self, action: argparse.Action) -> str:
        help_text = action.help or ""
        default = action.default
        if ("%(default)" in help_text or default in (None, False, [], argparse.SUPPRESS)
                or (action.option_strings == [] and action.nargs in ("*", "?"))):
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
    parser.add_argument("--no-cache", action="store_true",
                        help="download every image again, bypassing the HTTP cache "
                             "(PEPTIDEBOOK_CACHE_DIR, else the platform's cache folder)")
    parser.add_argument("--strict", action="store_true", help="fail (exit 5) on any warning")
    parser.add_argument("--check", action="store_true",
                        help="run EPUBCheck and DAISY Ace on the EPUB and, only when both pass, "
                             "say so in its accessibility summary (exit 6 when they fail)")
    _listing(parser)
    _common(parser)


def _source(text: str) -> Path | str:
    """A SOURCE of ``build``: a path, or a site's address kept as given (``Path`` would fold
    its ``//``)."""
    return text if text[:8].lower() == "https://" else Path(text)


def _site_selection(parser: argparse.ArgumentParser, *author_flags: str) -> None:
    """The options that choose a site's posts and log in (``fetch``, ``build https://…``)."""
    group = parser.add_argument_group(
        "selection (a post must match every option given; one repeated: any of its values)")
    group.add_argument("--category", action="append", default=[], metavar="SLUG",
                       help="posts in the category SLUG (repeatable)")
    group.add_argument("--tag", action="append", default=[], metavar="SLUG",
                       help="posts with the tag SLUG (repeatable)")
    group.add_argument(*author_flags, dest="post_author", action="append", default=[],
                       metavar="NAME", help="posts by the author NAME: a user's slug, or what "
                                            "finds one user (repeatable)")
    group.add_argument("--search", metavar="TEXT", help="posts that contain TEXT")
    group.add_argument("--after", metavar="DATE",
                       help="posts published after DATE (YYYY-MM-DD[THH:MM])")
    group.add_argument("--before", metavar="DATE",
                       help="posts published before DATE (YYYY-MM-DD[THH:MM])")
    group.add_argument("--status", action="append", default=[], choices=STATUSES,
                       help="posts in this status (repeatable; draft and private need --user; "
                            "default: publish)")
    group.add_argument("--include", action="append", default=[], metavar="ID,...",
                       help="only the posts with these ids (repeatable)")
    login = parser.add_argument_group("login (WordPress application password)")
    login.add_argument("--user", metavar="NAME",
                       help=f"log in as NAME; the password is read from {PASSWORD_VARIABLE}, "
                            "else from ~/.netrc (machine = the site's host), never from the "
                            "command line")


def _site_source(parser: argparse.ArgumentParser) -> None:
    """``build https://site``: fetch the site's posts, then build from them."""
    group = parser.add_argument_group("a site as SOURCE (https://host[/path]: fetched, then "
                                      "built; see 'peptidebook fetch --help')")
    group.add_argument("--sources", dest="sources_dir", type=Path, metavar="DIR",
                       help="folder for the fetched posts (default: sources/ beside the output "
                            "folder)")
    group.add_argument("--slug", action="extend", nargs="+", default=[], metavar="SLUG",
                       help="fetch only the posts with these slugs")
    group.add_argument("--type", dest="post_type", type=post_type_base, default="posts",
                       metavar="TYPE", help="posts, pages or a custom post type's REST base")
    group.add_argument("--allow-partial", action="store_true",
                       help="build from what was fetched when a page is still missing")
    group.add_argument("--allow-host", action="append", default=[], metavar="HOST",
                       help="fetch (posts and images) from HOST although its addresses are not "
                            "public (repeatable)")
    group.add_argument("--header", action="append", default=[], metavar="'NAME: VALUE'",
                       help="add this header to every request for the site's posts "
                            "(repeatable), as 'peptidebook fetch --header' does; an "
                            "Authorization header keeps answers out of the cache")
    _site_selection(parser, "--post-author")


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
    b.add_argument("sources", nargs="*", type=_source, metavar="SOURCE",
                   help="WordPress REST JSON, WXR export, saved web page or HTML fragment "
                        "(.html), Markdown (.md), plain-text article, a folder of them, a "
                        "book.toml, - for one source on stdin, or a live WordPress site "
                        "(https://host[/path])")
    b.add_argument("-c", "--config", type=Path, metavar="BOOK.TOML",
                   help=f"the book's {CONFIG_NAME} (default: ./{CONFIG_NAME} when no SOURCE "
                        "is named)")
    b.add_argument("--sample", action="store_true",
                   help="build the bundled sample book (same as 'peptidebook sample')")
    _site_source(b)
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
    f.add_argument("--slug", action="extend", nargs="+", default=[], metavar="SLUG",
                   help="the slugs of the posts to fetch (--slug a b, or --slug a --slug b); "
                        "without it, every published post")
    f.add_argument("--type", dest="post_type", type=post_type_base, default="posts",
                   metavar="TYPE", help="what to fetch: posts, pages or a custom post type's "
                                        "REST base (checked against the site's)")
    f.add_argument("-o", "--output", type=Path, default=Path("sources"),
                   help="folder for the JSON files")
    f.add_argument("--allow-partial", action="store_true",
                   help="save what was fetched when a page or post is still missing after "
                        "the retries (a fetch-refused warning names each); without it, "
                        "nothing is saved and the exit status is 3")
    f.add_argument("--allow-host", action="append", default=[], metavar="HOST",
                   help="fetch from HOST although its addresses are not public (localhost, a "
                        "staging or intranet host; repeat for several); TLS is still checked "
                        "(CAs from SSL_CERT_FILE when set)")
    _site_selection(f, "--author", "--post-author")
    # The HTTP cache and request headers (fetching/_cache.py, fetching/_headers.py).
    f.add_argument("--no-cache", action="store_true",
                   help="fetch every page again, bypassing the HTTP cache (without it, pages "
                        "fetched before are asked for conditionally: a 304 reuses them)")
    f.add_argument("--header", action="append", default=[], metavar="'NAME: VALUE'",
                   help="add this header to every request (repeatable), for a site that "
                        "needs one; an Authorization header keeps answers out of the cache")
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
