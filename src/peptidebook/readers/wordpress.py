"""Step 1 - Reading: turn a WordPress REST JSON payload or a WXR export into raw Articles.

* :func:`read_wordpress_json` reads what ``/wp-json/wp/v2/posts/<id>`` (or ``/pages``, or a
  collection, with or without ``?_embed``) returns: one post object or an array of them.
  Field names follow the REST API handbook, "Post" schema
  (https://developer.wordpress.org/rest-api/reference/posts/).
* :func:`read_wxr` reads a WordPress eXtended RSS export (Tools → Export): the published posts
  and pages of its ``<channel>``. WXR is RSS 2.0 plus the ``wp:``, ``content:``, ``dc:`` and
  ``excerpt:`` namespaces; versions 1.0 to 1.2 differ only in the ``wp:`` namespace URI.

Both hand the post body to :func:`peptidebook.readers.html.parse_html_fragment`, with the post's
link as base URL and the alternative texts the payload knows for its media.
"""

from __future__ import annotations

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
from ..model import Article, Source
from .html import html_to_text, parse_html_fragment

__all__ = ["read_wordpress_json", "read_wxr"]

# --------------------------------------------------------------------------- REST JSON


def read_wordpress_json(path: Path, report: Report) -> list[Article]:
    """The posts of a REST API payload: one post object, or an array of them."""
    try:
        data = json.loads(_read(path).decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text ({error.reason})") from None
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    posts = data if isinstance(data, list) else [data]
    if not posts:
        raise InputError(f"{path}: not a WordPress post: the array is empty")
    return [_rest_article(path, post, report) for post in posts]


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None


def _rest_article(path: Path, post: object, report: Report) -> Article:
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
    link = _string(post.get("link"))
    slug = _slug(_string(post.get("slug")), link, post.get("id"), path)
    where = slug
    title = _title(_rendered(post.get("title")), slug, report, where)
    embedded = post.get("_embedded")
    embedded = embedded if isinstance(embedded, dict) else {}
    authors = _rest_authors(embedded)
    published = _rest_date(post, "date", report, where)
    if not authors:
        report.info("no-author", where, "the post names no author (no _embedded.author)")
    blocks = parse_html_fragment(
        content, base_url=link, report=report, where=where, media_alt=_rest_media_alt(embedded)
    )
    return Article(
        title=title,
        slug=slug,
        blocks=blocks,
        source=Source("wordpress-rest", str(path), url=link, publisher=_host(link),
                      retrieved=_retrieved(post)),
        lang=_rest_lang(post),
        authors=authors,
        published=published,
        modified=_rest_date(post, "modified", None, where),
        summary=_summary(_rendered(post.get("excerpt"))),
    )


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


def _rendered(field: object) -> str | None:
    """A REST "rendered" field (``{"rendered": "<p>…</p>"}``); a bare string is accepted too."""
    if isinstance(field, dict):
        field = field.get("rendered")
    return field if isinstance(field, str) else None


def _slug(slug: str | None, link: str | None, post_id: object, path: Path) -> str:
    """The post's slug; else the last segment of its link; else ``post-<id>``; else the file."""
    if slug:
        return slug
    segment = urlsplit(link).path.rstrip("/").rpartition("/")[2] if link else ""
    if segment:
        return segment
    if isinstance(post_id, int | str) and str(post_id):
        return f"post-{post_id}"
    return path.stem


def _title(rendered: str | None, slug: str, report: Report, where: str) -> str:
    title = html_to_text(rendered) if rendered else ""
    if not title:
        report.warning("no-title", where, f"the post has no title; using its slug {slug!r}")
        return slug
    return title


def _rest_authors(embedded: Mapping[str, Any]) -> tuple[str, ...]:
    authors = embedded.get("author")
    if not isinstance(authors, list):
        return ()
    names = (_string(a.get("name")) for a in authors if isinstance(a, dict))
    return tuple(name for name in names if name)


def _rest_media_alt(embedded: Mapping[str, Any]) -> dict[str, str]:
    """Alt text by image URL, every size included, from ``_embedded["wp:featuredmedia"]``.

    An empty ``alt_text`` means nobody wrote one (not "decorative"), so it is left out.
    """
    media = embedded.get("wp:featuredmedia")
    alts: dict[str, str] = {}
    for item in media if isinstance(media, list) else []:
        if not isinstance(item, dict) or not _string(item.get("alt_text")):
            continue
        alt = str(item["alt_text"]).strip()
        for url in _media_urls(item):
            alts[url] = alt
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


def _site_language(value: str | None) -> str | None:
    """The site-wide ``<language>`` of a WXR channel (RSS 2.0: "en-us"), as a BCP 47 tag: only a
    hint for each post's language (a site may publish in several)."""
    if value and re.fullmatch(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*", value):
        parts = value.replace("_", "-").split("-")
        return "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p
                                              for p in parts[1:])])
    return None


def _rest_lang(post: Mapping[str, Any]) -> str | None:
    """The post's own language when a plugin says it: Polylang's ``lang`` ("fr"), WPML's
    ``wpml_current_locale`` ("pt_BR", made a BCP 47 tag)."""
    for key in ("lang", "wpml_current_locale"):
        value = _string(post.get(key))
        if value and re.fullmatch(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*", value):
            return value.replace("_", "-")
    return None


def _host(link: str | None) -> str | None:
    """The site's host name (``trimrx.com``), the best publisher name the payload gives."""
    if not link:
        return None
    host = urlsplit(link).hostname
    return host.removeprefix("www.") if host else None


def _summary(excerpt: str | None) -> str | None:
    """The excerpt as plain text, without WordPress' "read more" ellipsis."""
    text = html_to_text(excerpt) if excerpt else ""
    text = re.sub(r"\s*\[(?:…|&hellip;|\.\.\.)\]$", "", text)
    return text or None


# --------------------------------------------------------------------------- WXR

_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_DC = "{http://purl.org/dc/elements/1.1/}"
#: WXR 1.0-1.2 namespaces: http://wordpress.org/export/1.2/ (and /excerpt/).
_WP_PREFIX = "{http://wordpress.org/export/"
_PUBLISHED_TYPES = frozenset({"post", "page"})


def read_wxr(path: Path, report: Report) -> list[Article]:
    """The published posts and pages of a WXR export."""
    root = _parse_xml(path, _read(path))
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise InputError(f"{path}: not a WordPress export (WXR): no <rss><channel>")
    publisher = _text(channel, "title") or _host(_text(channel, "link"))
    site_language = _site_language(_text(channel, "language"))
    authors = _wxr_authors(channel)
    media_alt = _wxr_media_alt(channel)
    articles = [
        _wxr_article(path, item, publisher, authors, media_alt, report, site_language)
        for item in channel.iter("item")
        if _wp(item, "post_type") in _PUBLISHED_TYPES and _wp(item, "status") == "publish"
    ]
    if not articles:
        raise InputError(f"{path}: the WordPress export holds no published post or page")
    return articles


def _parse_xml(path: Path, data: bytes) -> ET.Element:
    """Parse without any DTD: a DTD is the only way to declare entities, so refusing it rules
    out entity expansion ("billion laughs") and external entities (what defusedxml's
    ``forbid_dtd`` does). Nothing is ever fetched."""
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


def _wxr_authors(channel: ET.Element) -> dict[str, str]:
    """Display names by login (``dc:creator`` holds the login)."""
    names: dict[str, str] = {}
    for child in channel:
        if child.tag.startswith(_WP_PREFIX) and child.tag.endswith("}author"):
            login, name = _wp(child, "author_login"), _wp(child, "author_display_name")
            if login and name:
                names[login] = name
    return names


def _wxr_media_alt(channel: ET.Element) -> dict[str, str]:
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
                alt = _wp(meta, "meta_value")
                if alt:
                    alts[url] = alt
    return alts


def _wxr_article(
    path: Path,
    item: ET.Element,
    publisher: str | None,
    authors: Mapping[str, str],
    media_alt: Mapping[str, str],
    report: Report,
    site_language: str | None = None,
) -> Article:
    link = _text(item, "link")
    slug = _slug(_wp(item, "post_name"), link, _wp(item, "post_id"), path)
    where = slug
    creator = _text(item, f"{_DC}creator")
    if not creator:
        report.info("no-author", where, "the post names no author (no dc:creator)")
    published = _wxr_date(item)
    if published is None:
        report.info("no-date", where, "the post has no usable publication date")
    content = _text(item, f"{_CONTENT}encoded") or ""
    blocks = parse_html_fragment(
        _autop(content), base_url=link, report=report, where=where, media_alt=media_alt
    )
    return Article(
        title=_title(_text(item, "title"), slug, report, where),
        slug=slug,
        blocks=blocks,
        source=Source("wordpress-wxr", str(path), url=link, publisher=publisher,
                      site_language=site_language),
        authors=(authors.get(creator, creator),) if creator else (),
        published=published,
        summary=_summary(_wxr_excerpt(item)),
    )


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
