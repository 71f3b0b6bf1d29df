"""Step 1 - Reading: turn a WordPress eXtended RSS export (Tools → Export) into raw Articles.

The published posts and pages of its ``<channel>``. WXR is RSS 2.0 plus the ``wp:``,
``content:``, ``dc:`` and ``excerpt:`` namespaces; versions 1.0 to 1.2 differ only in the
``wp:`` namespace URI.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from xml.parsers import expat

from ...diagnostics import Report
from ...errors import InputError
from ...model import Article, Source
from ...names import site_name
from .._read import Read
from ..characters import ControlFilter
from ..html import parse_html_fragment
from ._post import (
    clean_line,
    iso_datetime,
    language_tag,
    post_slug,
    post_summary,
    post_title,
    read_bytes,
)

__all__ = ["read_wxr"]

_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_DC = "{http://purl.org/dc/elements/1.1/}"
#: WXR 1.0-1.2 namespaces: http://wordpress.org/export/1.2/ (and /excerpt/).
_WP_PREFIX = "{http://wordpress.org/export/"
_PUBLISHED_TYPES = frozenset({"post", "page"})


def read_wxr(path: Path, report: Report) -> list[Read]:
    """The published posts and pages of a WXR export."""
    controls = ControlFilter()  # the file's own: raw controls, and the channel's texts
    root = _parse_xml(path, read_bytes(path), controls)
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise InputError(f"{path}: not a WordPress export (WXR): no <rss><channel>")
    publisher = clean_line(controls, _text(channel, "title"), "the site's title") or site_name(
        clean_line(controls, _text(channel, "link"), "the site's link")
    )
    # The site-wide <language> (RSS 2.0: "en-us"): only a hint for each post's language (a
    # site may publish in several).
    site_language = language_tag(_text(channel, "language"))
    authors = _wxr_authors(channel, controls)
    media_alt = _wxr_media_alt(channel, controls)
    controls.report(report, str(path))
    articles = [
        _wxr_article(path, item, report, publisher=publisher, authors=authors,
                     media_alt=media_alt, site_language=site_language)
        for item in channel.iter("item")
        if _wp(item, "post_type") in _PUBLISHED_TYPES and _wp(item, "status") == "publish"
    ]
    if not articles:
        raise InputError(f"{path}: the WordPress export holds no published post or page")
    return articles


def _parse_xml(path: Path, data: bytes, controls: ControlFilter) -> ET.Element:
    """Parse without any DTD: a DTD is the only way to declare entities, so refusing it rules
    out entity expansion ("billion laughs") and external entities (what defusedxml's
    ``forbid_dtd`` does). Nothing is ever fetched.

    WordPress writes a post's content into the export as it is, control characters included,
    which XML forbids (XML 1.0 §2.2) and expat refuses; its own importer reads such a file
    anyway. So raw C0 controls are removed first (or made spaces), when the file is in an
    encoding where their bytes cannot be part of another character (not UTF-16 or UTF-32)."""
    if _ascii_compatible(data):
        data = controls.filter_bytes(data, "the export file")
    checker = expat.ParserCreate()

    def refuse(*_args: object) -> None:
        raise InputError(f"{path}: refusing a WXR file with a DTD (entity declarations)")

    checker.StartDoctypeDeclHandler = refuse
    checker.EntityDeclHandler = refuse
    try:
        checker.Parse(data, True)
        return ET.fromstring(data)
    except expat.ExpatError as error:
        raise InputError(
            f"{path}: invalid XML at line {error.lineno}, column {error.offset + 1}: "
            f"{expat.ErrorString(error.code)}"
        ) from None
    except ET.ParseError as error:
        line, column = error.position
        raise InputError(f"{path}: invalid XML at line {line}, column {column + 1}") from None


def _ascii_compatible(data: bytes) -> bool:
    """Whether the bytes 0x00-0x1F of ``data`` can only be the C0 controls: no UTF-16 or
    UTF-32 byte order mark, and no NUL among the first bytes (``<?xml`` in UTF-16 without a
    mark)."""
    marks = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)
    return not data.startswith(marks) and b"\x00" not in data[:4]


def _text(element: ET.Element, tag: str) -> str | None:
    child = element.find(tag)
    if child is None:
        return None
    return (child.text or "").strip() or None


def _wp(element: ET.Element, local: str) -> str | None:
    """The text of the ``wp:<local>`` child, whatever the WXR version."""
    for child in element:
        if child.tag.startswith(_WP_PREFIX) and child.tag.endswith("}" + local):
            return (child.text or "").strip() or None
    return None


def _wxr_authors(channel: ET.Element, controls: ControlFilter) -> dict[str, str]:
    """Display names by login (``dc:creator`` holds the login)."""
    names: dict[str, str] = {}
    for child in channel:
        if child.tag.startswith(_WP_PREFIX) and child.tag.endswith("}author"):
            login = clean_line(controls, _wp(child, "author_login"), "an author's login")
            name = clean_line(controls, _wp(child, "author_display_name"), "an author's name")
            if login and name:
                names[login] = name
    return names


def _wxr_media_alt(channel: ET.Element, controls: ControlFilter) -> dict[str, str]:
    """Alt text by attachment URL, from each attachment's ``_wp_attachment_image_alt``."""
    alts: dict[str, str] = {}
    for item in channel.iter("item"):
        url = _wp(item, "attachment_url")
        if _wp(item, "post_type") != "attachment" or not url:
            continue
        for meta in item:
            if meta.tag.endswith("}postmeta") and _wp(meta, "meta_key") == (
                "_wp_attachment_image_alt"
            ):
                alt = clean_line(controls, _wp(meta, "meta_value"), "an image's alternative text")
                if alt:
                    alts[controls(url, "an image's address", one_line=True)] = alt
    return alts


def _wxr_article(
    path: Path,
    item: ET.Element,
    report: Report,
    *,
    publisher: str | None,
    authors: Mapping[str, str],
    media_alt: Mapping[str, str],
    site_language: str | None = None,
) -> Read:
    controls = ControlFilter()
    link = clean_line(controls, _text(item, "link"), "the link")
    slug = post_slug(clean_line(controls, _wp(item, "post_name"), "the slug"), link,
                 _wp(item, "post_id"), path, controls)
    where = slug
    creator = clean_line(controls, _text(item, f"{_DC}creator"), "the author's name")
    published = _wxr_date(item)
    if published is None:
        report.info("no-date", where, "the post has no usable publication date")
    content = _text(item, f"{_CONTENT}encoded") or ""
    title, no_title = post_title(_text(item, "title"), slug, controls)
    blocks = parse_html_fragment(
        _autop(content), base_url=link, report=report, where=where, media_alt=media_alt,
        controls=controls,
    )
    summary = post_summary(_wxr_excerpt(item), controls)
    controls.report(report, where)
    article = Article(
        title=title,
        slug=slug,
        blocks=blocks,
        source=Source("wordpress-wxr", str(path), url=link, publisher=publisher,
                      site_language=site_language),
        authors=(authors.get(creator, creator),) if creator else (),
        published=published,
        summary=summary,
    )
    return Read(article, where, no_title=no_title,
                no_author=None if creator else "the post names no author (no dc:creator)")


def _wxr_excerpt(item: ET.Element) -> str | None:
    for child in item:
        if child.tag.startswith(_WP_PREFIX) and child.tag.endswith("/excerpt/}encoded"):
            return (child.text or "").strip() or None
    return None


def _wxr_date(item: ET.Element) -> datetime | None:
    """``wp:post_date_gmt``; else ``wp:post_date`` (taken as UTC); else the RSS ``pubDate``."""
    for value in (_wp(item, "post_date_gmt"), _wp(item, "post_date")):
        parsed = iso_datetime(value)
        if parsed is not None:
            return parsed
    pub_date = _text(item, "pubDate")
    try:
        return _parsed_rfc822(pub_date) if pub_date else None
    except (TypeError, ValueError):
        return None


def _parsed_rfc822(value: str) -> datetime:
    """An RFC 822 date (RSS 2.0 ``pubDate``) as an aware UTC datetime."""
    parsed = parsedate_to_datetime(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


#: Elements that already form a block; the rest of a chunk is a paragraph (see _autop).
_BLOCK_START = re.compile(
    r"\s*<(?:p|div|h[1-6]|ul|ol|dl|table|blockquote|pre|figure|hr|details|section|aside"
    r"|iframe|script|style|!--)[\s>/]",
    re.IGNORECASE,
)


def _autop(content: str) -> str:
    """Paragraphs for classic-editor content, which WXR stores without ``<p>``: WordPress adds
    them only when it shows the post (``wpautop``: a blank line ends a paragraph, a single
    newline is a ``<br>``). Content that has ``<p>`` tags, as block-editor content does, is
    returned unchanged. This is a small subset of ``wpautop``, enough for plain prose."""
    if re.search(r"<p[\s>]", content, re.IGNORECASE) or "\n" not in content:
        return content
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", content) if chunk.strip()]
    return "\n".join(
        chunk if _BLOCK_START.match(chunk) else "<p>" + chunk.replace("\n", "<br />\n") + "</p>"
        for chunk in chunks
    )

