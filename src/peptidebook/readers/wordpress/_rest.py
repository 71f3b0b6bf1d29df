"""Step 1 - Reading: turn a WordPress REST JSON payload into raw Articles.

What ``/wp-json/wp/v2/posts/<id>`` (or ``/pages``, or a collection, with or without
``?_embed``) returns: one post object or an array of them. Field names follow the REST API
handbook, "Post" schema (https://developer.wordpress.org/rest-api/reference/posts/).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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
    string_field,
)

__all__ = ["read_wordpress_json"]


def read_wordpress_json(path: Path, report: Report) -> list[Read]:
    """The posts of a REST API payload: one post object, or an array of them."""
    try:
        data = json.loads(read_bytes(path).decode("utf-8-sig"), parse_int=_json_int)
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
    link = clean_line(controls, string_field(post.get("link")), "the link")
    slug = post_slug(clean_line(controls, string_field(post.get("slug")), "the slug"), link,
                     post.get("id"), path, controls)
    where = slug
    title, no_title = post_title(_rendered(post.get("title")), slug, controls)
    embedded = post.get("_embedded")
    embedded = embedded if isinstance(embedded, dict) else {}
    authors = _rest_authors(embedded, controls)
    published = _rest_date(post, "date", report, where)
    blocks = parse_html_fragment(
        content, base_url=link, report=report, where=where,
        media_alt=_rest_media_alt(embedded, controls), controls=controls,
    )
    summary = post_summary(_rendered(post.get("excerpt")), controls)
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


def _rendered(field: object) -> str | None:
    """A REST "rendered" field (``{"rendered": "<p>…</p>"}``); a bare string is accepted too."""
    if isinstance(field, dict):
        field = field.get("rendered")
    return field if isinstance(field, str) else None


def _rest_authors(embedded: Mapping[str, Any], controls: ControlFilter) -> tuple[str, ...]:
    authors = embedded.get("author")
    if not isinstance(authors, list):
        return ()
    names = (
        clean_line(controls, string_field(a.get("name")), "the author's name")
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
        alt = clean_line(controls, string_field(item.get("alt_text")), "the featured media")
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
        parsed = iso_datetime(post.get(key))
        if parsed is not None:
            return parsed
    if report is not None:
        report.info("no-date", where, "the post has no usable publication date")
    return None


def _rest_lang(post: Mapping[str, Any]) -> str | None:
    """The post's own language when a plugin says it: Polylang's ``lang`` ("fr"), WPML's
    ``wpml_current_locale`` ("pt_BR", made a BCP 47 tag)."""
    return next((tag for key in ("lang", "wpml_current_locale")
                 if (tag := language_tag(string_field(post.get(key)))) is not None), None)

