"""Step 1 - Reading: turn a WordPress REST JSON payload or a WXR export into raw Articles.

* :func:`read_wordpress_json` reads what ``/wp-json/wp/v2/posts/<id>`` (or ``/pages``, or a
  collection, with or without ``?_embed``) returns: one post object or an array of them.
  Field names follow the REST API handbook, "Post" schema
  (https://developer.wordpress.org/rest-api/reference/posts/).
* :func:`read_wxr` reads a WordPress eXtended RSS export (Tools → Export): the published posts
  and pages of its ``<channel>``. WXR is RSS 2.0 plus the ``wp:``, ``content:``, ``dc:`` and
  ``excerpt:`` namespaces; versions 1.0 to 1.2 differ only in the ``wp:`` namespace URI.

Each post becomes a :class:`~peptidebook.readers.Read`: what the post lacks that ``book.toml``
may give (a title, an author) is said there and reported by the reading step. Both hand the
post body to :func:`peptidebook.readers.html.parse_html_fragment`, with the post's
link as base URL and the alternative texts the payload knows for its media. Every text taken
from the payload passes one :class:`~peptidebook.readers.characters.ControlFilter` per post,
reported once under the post's slug (``control-removed``).
"""

from __future__ import annotations

import codecs
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.parsers import expat

from ..diagnostics import Report
from ..errors import InputError
from ..languages import is_well_formed, write_tag
from ..model import Article, Source
from ..names import site_name
from ._read import Read
from .characters import ControlFilter
from .html import html_to_text, parse_html_fragment

__all__ = ["read_wordpress_json", "read_wxr"]

# --------------------------------------------------------------------------- REST JSON


def read_wordpress_json(path: Path, report: Report) -> list[Read]:
    """The posts of a REST API payload: one post object, or an array of them."""
    try:
        data = json.loads(_read(path).decode("utf-8-sig"), parse_int=_json_int)
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text ({error.reason})") from None
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        # json's decoder recurses once per nested array or object.
        raise InputError(f"{path}: not a WordPress post: JSON nested too deeply") from None
    posts = data if isinstance(data, list) else [data]
    del data
    if not posts:
        raise InputError(f"{path}: not a WordPress post: the array is empty")
    articles = []
    for index, post in enumerate(posts):
        posts[index] = None  # let the raw post go once mapped: never all posts twice in memory
        articles.append(_rest_article(path, post, report))
    return articles


def _json_int(digits: str) -> int | str:
    """A JSON integer; one too long for Python's ``int()`` (over 4,300 digits since 3.11,
    ``sys.get_int_max_str_digits``) stays the text of its digits, since no field peptidebook
    reads is such a number (an ``id`` that long only names the post ``post-<digits>``)."""
    try:
        return int(digits)
    except ValueError:
        return digits


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None


def _rest_article(path: Path, post: object, report: Report) -> Read:
    if not isinstance(post, dict):
        raise InputError(f"{path}: not a WordPress post: expected a JSON object")
    content = _rendered(post.get("content"))
    if content is None and "code" in post and "message" in post:
        # The REST API's error shape: {"code": "rest_post_invalid_id", "message": "…"}.
        raise InputError(
            f"{path}: not a WordPress post: the API answered {post['code']}: {post['message']}"
        )
    if content is None:
        raise InputError(f"{path}: not a WordPress post: it has no content")
    controls = ControlFilter()
    link = _clean(controls, _string(post.get("link")), "the link")
    slug = _slug(_clean(controls, _string(post.get("slug")), "the slug"), link, post.get("id"),
                 path, controls)
    where = slug
    title, no_title = _title(_rendered(post.get("title")), slug, controls)
    embedded = post.get("_embedded")
    embedded = embedded if isinstance(embedded, dict) else {}
    authors = _rest_authors(embedded, controls)
    published = _rest_date(post, "date", report, where)
    blocks = parse_html_fragment(
        content, base_url=link, report=report, where=where,
        media_alt=_rest_media_alt(embedded, controls), controls=controls,
    )
    summary = _summary(_rendered(post.get("excerpt")), controls)
    controls.report(report, where)
    article = Article(
        title=title,
        slug=slug,
        blocks=blocks,
        source=Source("wordpress-rest", str(path), url=link, publisher=site_name(link),
                      retrieved=_retrieved(post)),
        lang=_rest_lang(post),
        authors=authors,
        published=published,
        modified=_rest_date(post, "modified", None, where),
        summary=summary,
    )
    return Read(article, where, no_title=no_title,
                no_author=None if authors else "the post names no author (no _embedded.author)")


def _retrieved(post: Mapping[str, Any]) -> datetime | None:
    """When ``peptidebook fetch`` retrieved the post (its ``"peptidebook"`` record), if it did."""
    record = post.get("peptidebook")
    stamp = record.get("retrieved") if isinstance(record, dict) else None
    if not isinstance(stamp, str):
        return None
    try:
        value = datetime.fromisoformat(stamp)  # Python 3.11 reads a trailing "Z"
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _string(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _clean(controls: ControlFilter, value: str | None, field: str) -> str | None:
    """A one-line field (a slug, a name, a link) without forbidden characters; None if that
    leaves nothing."""
    return (controls(value, field, one_line=True).strip() or None) if value else None


def _rendered(field: object) -> str | None:
    """A REST "rendered" field (``{"rendered": "<p>…</p>"}``); a bare string is accepted too."""
    if isinstance(field, dict):
        field = field.get("rendered")
    return field if isinstance(field, str) else None


def _slug(slug: str | None, link: str | None, post_id: object, path: Path,
          controls: ControlFilter) -> str:
    """The post's slug; else the last segment of its link; else ``post-<id>``; else the file.
    (``slug`` and ``link`` come cleaned; the id and the file name are cleaned here.)"""
    if slug:
        return slug
    try:
        segment = urlsplit(link).path.rstrip("/").rpartition("/")[2] if link else ""
    except ValueError:  # an unbalanced IPv6 bracket: "https://[::1/post"
        segment = ""
    if segment:
        return segment
    if isinstance(post_id, int | str) and str(post_id):
        return _clean(controls, f"post-{post_id}", "the id") or "post"
    return _clean(controls, path.stem, "the file name") or "post"


def _title(rendered: str | None, slug: str, controls: ControlFilter) -> tuple[str, str | None]:
    """The post's title; else its slug, and why."""
    title = html_to_text(rendered, controls=controls, field="the title") if rendered else ""
    if not title:
        return slug, f"the post has no title; using its slug {slug!r}"
    return title, None


def _rest_authors(embedded: Mapping[str, Any], controls: ControlFilter) -> tuple[str, ...]:
    authors = embedded.get("author")
    if not isinstance(authors, list):
        return ()
    names = (
        _clean(controls, _string(a.get("name")), "the author's name")
        for a in authors if isinstance(a, dict)
    )
    return tuple(name for name in names if name)


def _rest_media_alt(embedded: Mapping[str, Any], controls: ControlFilter) -> dict[str, str]:
    """Alt text by image URL, every size included, from ``_embedded["wp:featuredmedia"]``.

    An empty ``alt_text`` means nobody wrote one (not "decorative"), so it is left out.
    """
    media = embedded.get("wp:featuredmedia")
    alts: dict[str, str] = {}
    for item in media if isinstance(media, list) else []:
        if not isinstance(item, dict):
            continue
        alt = _clean(controls, _string(item.get("alt_text")), "the featured media")
        if not alt:
            continue
        for url in _media_urls(item):
            alts[controls(url, "the featured media", one_line=True)] = alt
    return alts


def _media_urls(item: Mapping[str, Any]) -> Iterator[str]:
    if isinstance(item.get("source_url"), str):
        yield item["source_url"]
    details = item.get("media_details")
    sizes = details.get("sizes") if isinstance(details, dict) else None
    for size in sizes.values() if isinstance(sizes, dict) else []:
        if isinstance(size, dict) and isinstance(size.get("source_url"), str):
            yield size["source_url"]


def _rest_date(
    post: Mapping[str, Any], name: str, report: Report | None, where: str
) -> datetime | None:
    """``<name>_gmt`` as an aware UTC datetime; else ``<name>`` (site-local time, taken as UTC
    when it carries no offset: the payload does not say the site's zone)."""
    for key in (f"{name}_gmt", name):
        parsed = _iso_datetime(post.get(key))
        if parsed is not None:
            return parsed
    if report is not None:
        report.info("no-date", where, "the post has no usable publication date")
    return None


def _iso_datetime(value: object) -> datetime | None:
    if not isinstance(value, str) or not value.strip() or value.startswith("0000"):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _language(value: str | None) -> str | None:
    """A language the payload names, as a BCP 47 tag (``en-us`` → ``en-US``, ``pt_BR`` →
    ``pt-BR``); ``None`` when it is not one."""
    return write_tag(value) if value and is_well_formed(value) else None


def _rest_lang(post: Mapping[str, Any]) -> str | None:
    """The post's own language when a plugin says it: Polylang's ``lang`` ("fr"), WPML's
    ``wpml_current_locale`` ("pt_BR", made a BCP 47 tag)."""
    return next((tag for key in ("lang", "wpml_current_locale")
                 if (tag := _language(_string(post.get(key)))) is not None), None)


def _summary(excerpt: str | None, controls: ControlFilter) -> str | None:
    """The excerpt as plain text, without WordPress' "read more" ellipsis."""
    text = html_to_text(excerpt, controls=controls, field="the excerpt") if excerpt else ""
    # (?<!\s): the spaces are matched from their first one only, so a long run of white space
    # is scanned once, not once per start position (linear time, limits.py).
    text = re.sub(r"(?<!\s)\s*\[(?:…|&hellip;|\.\.\.)\]$", "", text)
    return text or None


# --------------------------------------------------------------------------- WXR

_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_DC = "{http://purl.org/dc/elements/1.1/}"
#: WXR 1.0-1.2 namespaces: http://wordpress.org/export/1.2/ (and /excerpt/).
_WP_PREFIX = "{http://wordpress.org/export/"
_PUBLISHED_TYPES = frozenset({"post", "page"})


def read_wxr(path: Path, report: Report) -> list[Read]:
    """The published posts and pages of a WXR export."""
    controls = ControlFilter()  # the file's own: raw controls, and the channel's texts
    root = _parse_xml(path, _read(path), controls)
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise InputError(f"{path}: not a WordPress export (WXR): no <rss><channel>")
    publisher = _clean(controls, _text(channel, "title"), "the site's title") or site_name(
        _clean(controls, _text(channel, "link"), "the site's link")
    )
    # The site-wide <language> (RSS 2.0: "en-us"): only a hint for each post's language (a
    # site may publish in several).
    site_language = _language(_text(channel, "language"))
    authors = _wxr_authors(channel, controls)
    media_alt = _wxr_media_alt(channel, controls)
    controls.report(report, str(path))
    articles = [
        _wxr_article(path, item, publisher, authors, media_alt, report, site_language)
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
            login = _clean(controls, _wp(child, "author_login"), "an author's login")
            name = _clean(controls, _wp(child, "author_display_name"), "an author's name")
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
                alt = _clean(controls, _wp(meta, "meta_value"), "an image's alternative text")
                if alt:
                    alts[controls(url, "an image's address", one_line=True)] = alt
    return alts


def _wxr_article(
    path: Path,
    item: ET.Element,
    publisher: str | None,
    authors: Mapping[str, str],
    media_alt: Mapping[str, str],
    report: Report,
    site_language: str | None = None,
) -> Read:
    controls = ControlFilter()
    link = _clean(controls, _text(item, "link"), "the link")
    slug = _slug(_clean(controls, _wp(item, "post_name"), "the slug"), link,
                 _wp(item, "post_id"), path, controls)
    where = slug
    creator = _clean(controls, _text(item, f"{_DC}creator"), "the author's name")
    published = _wxr_date(item)
    if published is None:
        report.info("no-date", where, "the post has no usable publication date")
    content = _text(item, f"{_CONTENT}encoded") or ""
    title, no_title = _title(_text(item, "title"), slug, controls)
    blocks = parse_html_fragment(
        _autop(content), base_url=link, report=report, where=where, media_alt=media_alt,
        controls=controls,
    )
    summary = _summary(_wxr_excerpt(item), controls)
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
        parsed = _iso_datetime(value)
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
