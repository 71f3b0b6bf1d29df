"""Step 1 - Reading: turn an HTML file — a saved web page or a bare post fragment — into a raw
Article.

The file is decoded as a browser decodes a local file (:mod:`._decode`). A bare fragment
(an exported post body, a Gutenberg block) is mapped whole; a whole page has its main content
taken out of the navigation, sidebars, comments and footer around it (:mod:`._extract`),
with a ``page-extracted`` note saying how many of the body's words were kept and which kinds
of landmarks were left out; when extraction leaves nothing out (a post saved as a document),
the whole body is mapped, keeping the figures and language marks extraction would lose. Either
way the HTML is mapped by :func:`peptidebook.readers.html.parse_html_fragment`, relative
addresses resolved against the page's ``<base href>`` or address. The article's title,
authors, date, language, publisher, address and summary come from the page's metadata
(:mod:`._meta`).

Refused in one line: an empty file, one that is not HTML (:mod:`._decode`), a page in which
extraction finds no article text.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...diagnostics import Report
from ...errors import InputError
from ...model import Article, Source
from ...names import site_name
from .._read import Read
from ..characters import ControlFilter
from ..html import parse_html_fragment
from ..text import title_from_name
from ..wordpress._blocks import has_blocks
from ..wordpress._content import post_html
from ..wordpress._post import post_slug, read_bytes
from ..wordpress._shortcodes import MediaSources
from ._decode import decode_page
from ._extract import (
    Extraction,
    body_markup,
    extract_main,
    is_fragment,
    keeps_nearly_all,
    parse_document,
    words,
)
from ._meta import base_url, page_meta

__all__ = ["read_page"]

#: The file suffix ending the last segment of many addresses (``/2017/01/sudan.html``).
_PAGE_SUFFIX = re.compile(r"\.(?:s?html?|php|aspx?|jsp)$", re.IGNORECASE)


def read_page(path: Path, report: Report) -> list[Read]:
    """The article of one HTML file (a saved page or a post fragment)."""
    text, _encoding = decode_page(path, read_bytes(path))
    where = str(path)
    if is_fragment(text) and has_blocks(text):
        # Block-editor content as WordPress stores it (a post body, a block): rendered as the
        # site renders it, as for an export's post (reusable blocks and dynamic blocks it
        # cannot hold are reported, shortcodes rendered or reported).
        text = post_html(text, report, where, footnotes=None, media=MediaSources({}, None),
                         reusable={})
    root = parse_document(text)
    if root is None or root.body is None:
        raise InputError(f"{path}: no article text found in the page")
    controls = ControlFilter()
    meta = page_meta(root, text, controls)
    if is_fragment(text):
        markup = body_markup(root)
        # A post of one image (a Gutenberg image or gallery block) is content; one of an
        # audio or video player, a spacer or a separator only is not.
        if not words(root.body) and not root.body.xpath(".//img"):
            raise InputError(f"{path}: no article text found in the page")
    else:
        # A whole page: extraction says what is article and what is around it, even on a
        # page with no landmark elements (a table layout's menu is a column of links).
        extraction = extract_main(text, root, meta.url)
        if extraction is None:
            raise InputError(f"{path}: no article text found in the page")
        if keeps_nearly_all(extraction):
            markup = body_markup(root)
        else:
            report.info("page-extracted", where, _extracted(extraction))
            markup = extraction.markup
    # "sudan-sanctions.html" names the page by its file: the slug is "sudan-sanctions".
    slug = _PAGE_SUFFIX.sub("", post_slug(None, meta.url, None, path, controls)) or path.stem
    blocks = parse_html_fragment(markup, base_url=base_url(root, meta.url), report=report,
                                 where=where, controls=controls)
    title = meta.title or controls(title_from_name(path), "the file name", one_line=True)
    controls.report(report, where)
    article = Article(
        title=title,
        slug=slug,
        blocks=blocks,
        source=Source("html", where, url=meta.url,
                      publisher=meta.publisher or site_name(meta.url), licence=meta.licence),
        lang=meta.lang,
        authors=meta.authors,
        published=meta.published,
        summary=meta.summary,
    )
    return [Read(
        article, where,
        no_title=None if meta.title else (
            "the page has no title (no JSON-LD headline, og:title, <h1> or <title>); using "
            f'"{title}" from the file name (set a title in book.toml)'),
        no_author=None if meta.authors else (
            "the page names no author (no JSON-LD author, <meta name=\"author\"> or "
            "article:author)"),
    )]


def _extracted(extraction: Extraction) -> str:
    """``kept 812 of 1,530 words of the page's body (53%); left out: navigation (120 words),
    comments (300 words)``."""
    kept, total = extraction.kept_words, max(extraction.body_words, extraction.kept_words)
    share = f"{kept / total:.0%}" if total else "100%"
    message = f"kept {kept:,} of {total:,} words of the page's body ({share})"
    if extraction.left_out:
        parts = ", ".join(f"{kind} ({count:,} words)" for kind, count in extraction.left_out)
        message += f"; left out: {parts}"
    other = total - kept - sum(count for _kind, count in extraction.left_out)
    if other > 0:
        message += f"{'' if extraction.left_out else '; left out'}"
        message += f"{' and' if extraction.left_out else ':'} {other:,} other words"
    return message
