"""Step 1 - Reading: turn a WordPress eXtended RSS export (Tools → Export) into raw Articles.

The published posts and pages of its ``<channel>``. WXR is RSS 2.0 plus the ``wp:``,
``content:``, ``dc:`` and ``excerpt:`` namespaces; versions 1.0 to 1.2 differ only in the
``wp:`` namespace URI.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from ...diagnostics import Report
from ...errors import InputError
from ...model import Article, Source
from ...names import site_name
from .._read import Read
from ..characters import ControlFilter
from ..html import parse_html_fragment
from ._autop import autop
from ._blocks import BlockSources, has_blocks, render_blocks
from ._lenient import parse_export
from ._post import (
    clean_line,
    iso_datetime,
    language_tag,
    post_slug,
    post_summary,
    post_title,
    read_bytes,
)
from ._shortcodes import Attachment, MediaSources, render_shortcodes

__all__ = ["read_wxr"]

_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_DC = "{http://purl.org/dc/elements/1.1/}"
#: WXR 1.0-1.2 bind ``wp:`` to http://wordpress.org/export/1.N/ and ``excerpt:`` to its
#: ``excerpt/``; exports since WordPress 6.? write https://. Whatever the prefix a file binds
#: them to, their elements are renamed to these two once parsed (see _canonical_names).
_WP = "{wxr}"
_EXCERPT = "{wxr-excerpt}"
_WXR_NAMESPACE = re.compile(r"^\{https?://wordpress\.org/export/\d+\.\d+/(excerpt/)?\}")

#: Post types that are never an article, though WordPress exports them as items: media,
#: menus, revisions, the site editor's templates, styles and patterns (wp_block: read only as
#: what a reusable-block reference stands for), and internal records.
_PUBLISHED_TYPES = frozenset({"post", "page"})
_NOT_ARTICLES = frozenset({
    "attachment", "revision", "nav_menu_item", "custom_css", "customize_changeset",
    "oembed_cache", "user_request", "wp_block", "wp_template", "wp_template_part",
    "wp_global_styles", "wp_navigation", "wp_font_family", "wp_font_face",
})


def read_wxr(path: Path, report: Report) -> list[Read]:
    """The published posts and pages of a WXR export, and the published items with content of
    its other public post types (a ``portfolio``, a ``recipe``): WordPress exports those the
    same way, and a user who exported only them wants them read."""
    controls = ControlFilter()  # the file's own: raw controls, and the channel's texts
    root = parse_export(path, read_bytes(path), controls, report)
    _canonical_names(root)
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
    items = channel.findall("item")
    attachments = _attachments(items, controls)
    media_alt = {a.url: a.alt for a in attachments.values() if a.alt}
    reusable = {post_id: _text(item, f"{_CONTENT}encoded") or ""
                for item in items if _wp(item, "post_type") == "wp_block"
                and (post_id := _wp(item, "post_id")) is not None}
    controls.report(report, str(path))
    read, left_out = [], Counter[str]()
    for item in items:
        kind = _kind(item)
        if kind is None:
            read.append(item)
        else:
            left_out[kind] += 1
    version = _wp(channel, "wxr_version")
    if not read:
        holds = _holds(left_out, channel)
        raise InputError(f"{path}: the WordPress export{f' (WXR {version})' if version else ''} "
                         f"holds no published post or page; it holds {holds}")
    if left_out:
        report.info("left-out", str(path), "left out " + _counted(left_out))
    return [
        _wxr_article(path, item, report, publisher=publisher, authors=authors,
                     media_alt=media_alt, site_language=site_language,
                     media=MediaSources(attachments, _wp(item, "post_id")), reusable=reusable)
        for item in read
    ]


def _canonical_names(root: ET.Element) -> None:
    """Rename the elements of every WXR version's ``wp:`` and ``excerpt:`` namespace, http or
    https, to one name each."""
    for element in root.iter():
        if isinstance(element.tag, str) and (match := _WXR_NAMESPACE.match(element.tag)):
            prefix = _EXCERPT if match.group(1) else _WP
            element.tag = prefix + element.tag[match.end():]


def _kind(item: ET.Element) -> str | None:
    """None for an item read as an article; else what it is, for the left-out count
    ("draft post", "attachment")."""
    post_type = _wp(item, "post_type") or "post"
    status = _wp(item, "status")
    if post_type in _NOT_ARTICLES:
        return post_type
    if status is None:
        return f"{post_type} without status"
    if status != "publish":
        return f"{status} {post_type}"
    if post_type in _PUBLISHED_TYPES:
        return None
    if not _text(item, f"{_CONTENT}encoded"):
        return f"{post_type} without content"
    # WordPress links an item of a post type that is not public as ?post_type=NAME&p=ID
    # (get_post_permalink): a plugin's records (forms, field groups), not an article.
    if "post_type=" in (_text(item, "link") or ""):
        return f"non-public {post_type}"
    return None


def _counted(kinds: Counter[str]) -> str:
    """"12 attachments, 3 nav_menu_items, 2 draft posts": by count, then name."""
    return ", ".join(f"{n} {_plural(kind) if n > 1 else kind}"
                     for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))


def _plural(kind: str) -> str:
    """"draft post" → "draft posts", "category" → "categories", "post without content" →
    "posts without content"; a type name ending in s stays as it is."""
    noun, _, rest = kind.partition(" without ")
    if noun.endswith("y"):
        noun = noun[:-1] + "ies"
    elif not noun.endswith("s"):  # wp_global_styles, custom_css: a name, left as it is
        noun += "s"
    return f"{noun} without {rest}" if rest else noun


def _holds(items: Counter[str], channel: ET.Element) -> str:
    """What an export with no article holds: its items, else its other records."""
    if items:
        return _counted(items)
    records = Counter(
        child.tag.removeprefix(_WP) for child in channel
        if isinstance(child.tag, str) and child.tag.startswith(_WP)
        and child.tag != _WP + "wxr_version" and not child.tag.startswith(_WP + "base_")
    )
    return _counted(records) if records else "nothing"


def _text(element: ET.Element, tag: str) -> str | None:
    child = element.find(tag)
    if child is None:
        return None
    return (child.text or "").strip() or None


def _wp(element: ET.Element, local: str) -> str | None:
    """The text of the ``wp:<local>`` child (the last, as the importer reads a repeated one)."""
    value: str | None = None
    for child in element.iterfind(_WP + local):
        value = (child.text or "").strip() or None
    return value


def _meta(item: ET.Element, key: str) -> str | None:
    """The value of the item's ``wp:postmeta`` named ``key``."""
    for meta in item.iterfind(_WP + "postmeta"):
        if _wp(meta, "meta_key") == key:
            return _wp(meta, "meta_value")
    return None


def _wxr_authors(channel: ET.Element, controls: ControlFilter) -> dict[str, str]:
    """Display names by login (``dc:creator`` holds the login)."""
    names: dict[str, str] = {}
    for child in channel.iterfind(_WP + "author"):
        login = clean_line(controls, _wp(child, "author_login"), "an author's login")
        name = clean_line(controls, _wp(child, "author_display_name"), "an author's name")
        if login and name:
            names[login] = name
    return names


def _attachments(items: list[ET.Element], controls: ControlFilter) -> dict[str, Attachment]:
    """The attachment items by post id: URL, alt text (``_wp_attachment_image_alt``), caption
    (the attachment's excerpt), parent post and menu order, for images and galleries."""
    found: dict[str, Attachment] = {}
    for item in items:
        url = _wp(item, "attachment_url")
        post_id = _wp(item, "post_id")
        if _wp(item, "post_type") != "attachment" or not url or post_id is None:
            continue
        order = _wp(item, "menu_order") or "0"
        found[post_id] = Attachment(
            url=controls(url, "an image's address", one_line=True),
            alt=clean_line(controls, _meta(item, "_wp_attachment_image_alt"),
                           "an image's alternative text"),
            caption=clean_line(controls, _wxr_excerpt(item), "an image's caption"),
            parent=_wp(item, "post_parent"),
            order=int(order) if order.lstrip("-").isdigit() else 0,
        )
    return found


def _wxr_article(
    path: Path,
    item: ET.Element,
    report: Report,
    *,
    publisher: str | None,
    authors: Mapping[str, str],
    media_alt: Mapping[str, str],
    site_language: str | None,
    media: MediaSources,
    reusable: Mapping[str, str],
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
    html = _post_html(content, item, report, where, media=media, reusable=reusable)
    blocks = parse_html_fragment(
        html, base_url=link, report=report, where=where, media_alt=media_alt,
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


def _post_html(content: str, item: ET.Element, report: Report, where: str, *,
               media: MediaSources, reusable: Mapping[str, str]) -> str:
    """The HTML WordPress would show for the post's stored content (``the_content``): blocks
    rendered (``do_blocks``), paragraphs for classic content (``wpautop``), shortcodes."""
    if has_blocks(content):
        content = render_blocks(content, BlockSources(reusable, _meta(item, "footnotes")),
                                report, where)
        return render_shortcodes(content, media, report, where, classic=False)
    return autop(render_shortcodes(content, media, report, where, classic=True))


def _wxr_excerpt(item: ET.Element) -> str | None:
    return _text(item, _EXCERPT + "encoded")


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
