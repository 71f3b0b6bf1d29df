"""Step 1 - Reading: turn a WordPress REST JSON payload into raw Articles.

What the REST API returns for posts, in every shape a saved payload comes in:

* ``/wp-json/wp/v2/posts/<id>`` (or ``/pages``, or any post type's route): one post object,
  or an array of them, with or without ``?_embed`` (``_embedded.author[].name``,
  ``_embedded["wp:featuredmedia"][]`` ``source_url`` and ``alt_text``). Field names follow the
  REST API handbook, "Post" schema (https://developer.wordpress.org/rest-api/reference/posts/).
* ``?context=edit``: ``content.raw`` beside ``content.rendered``; a payload that holds only the
  raw block markup is read like a WXR export's content, its notes rendered from
  ``meta.footnotes`` (:mod:`._footnotes`).
* ``?_fields=…`` listings without ``content``: the excerpt is the article (``excerpt-only``).
* The older shapes: WP-API v1 (``/wp-json/posts``) and the WordPress.com API v1.1
  (``/rest/v1.1/sites/<site>/posts``, ``{"found": n, "posts": […]}``), whose ``title``,
  ``content`` and ``excerpt`` are plain strings, ``ID`` and ``URL`` upper-case, ``author`` an
  object with a ``name``; and a WPGraphQL answer (``{"data": {"post": {…}}}``, ``databaseId``,
  ``author.node.name``, ``featuredImage.node``), whose fields are alike.

Whatever is not posts (comments, users, terms, media items, the API's index, an error the API
answered) is refused in one line saying what it is; items of an array that are not posts
beside posts are left out and said so (``left-out``).
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
from ._footnotes import with_footnotes
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
from ._wxr import _autop

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
    posts = _post_list(path, data, report)
    del data
    articles = []
    for index, post in enumerate(posts):
        posts[index] = {}  # let the raw post go once mapped: never all posts twice in memory
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


# ------------------------------------------------------------------------- the payload's shape


def _post_list(path: Path, data: object, report: Report) -> list[dict[str, Any]]:
    """The post objects of the payload; an input error saying what the payload is when it
    holds no post. Items of an array that are not posts, beside posts, are reported."""
    if isinstance(data, dict) and isinstance(data.get("posts"), list):
        data = data["posts"]  # WordPress.com v1.1: {"found": 2, "posts": [...]}
    for _ in range(3):
        # An envelope of one field around the posts: a GraphQL answer (WPGraphQL:
        # {"data": {"posts": {"nodes": [...]}}}), or {"post": {...}} as a client saved it.
        if not (isinstance(data, dict) and len(data) == 1):
            break
        (inner,) = data.values()
        if not isinstance(inner, dict | list):
            break
        data = inner
    items = data if isinstance(data, list) else [data]
    if not items:
        raise InputError(f"{path}: not a WordPress post: the array is empty")
    kinds = [_not_a_post(item) for item in items]
    posts = [item for item, kind in zip(items, kinds, strict=True) if kind is None]
    if not posts:
        one, many = kinds[0] or _NO_CONTENT
        # An array of one kind is said as a whole ("a comments collection"); else its first.
        whole = len(items) > 1 and kinds.count(kinds[0]) == len(kinds)
        raise InputError(f"{path}: not a WordPress post: {many if whole else one}")
    left_out = [kind[0] for kind in kinds if kind is not None]
    if left_out:
        report.warning("left-out", str(path),
                       f"{len(left_out)} item(s) of the array are not posts and were left out "
                       f"(first: {left_out[0]})")
    return posts


#: What a payload holding no post is said to be: (one item, a whole array of them).
Kind = tuple[str, str]
_NO_CONTENT: Kind = ("it has no content", "no item of the array has content")


def _not_a_post(item: object) -> Kind | None:
    """``None`` for a post (any object with content or an excerpt: posts, pages, custom post
    types); else what the item is, told apart by the fields the REST handbook gives each
    schema."""
    if not isinstance(item, dict):
        return ("expected a JSON object", "expected an array of JSON objects")
    if _has_text(item.get("content")) is None and (
            isinstance(item.get("code"), str) or isinstance(item.get("error"), str)):
        # The error shape: {"code": "rest_post_invalid_id", "message": "…", "data": …};
        # WordPress.com's: {"error": "unknown_post", "message": "…"}.
        code, message = item.get("code") or item.get("error"), item.get("message")
        said = f"the API answered {_one_line(code)}: {_one_line(message)}"
        return (said, said)
    kind = item.get("type")
    if kind in {"comment", "pingback", "trackback"} or {"author_name", "post"} <= item.keys():
        return ("a comment, not a post", "a comments collection, not posts")
    if kind == "attachment" or {"media_type", "source_url"} <= item.keys():
        return ("a media item, not a post", "a media library listing, not posts")
    if "taxonomy" in item and "count" in item:
        return ("a term (a category or tag), not a post",
                "a list of terms (categories or tags), not posts")
    if "avatar_urls" in item and "content" not in item:
        return ("a user, not a post", "a list of users, not posts")
    if "routes" in item and ("namespaces" in item or "namespace" in item):
        return ("the API's index (/wp-json/), not a post", "the API's index, not posts")
    if _has_text(item.get("content")) is None and _has_text(item.get("excerpt")) is None:
        if isinstance(item.get("content"), dict) and item["content"].get("protected") is True:
            return ("the post is password-protected: the API does not give its content",
                    "the posts are password-protected: the API does not give their content")
        return _NO_CONTENT
    return None


def _one_line(value: object, limit: int = 200) -> str:
    """A value of the payload, for a one-line message: white space runs made one space, cut."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit] + "…"


def _has_text(field: object) -> str | None:
    """The HTML of a content, excerpt or title field: ``rendered`` (``{"rendered": "<p>…"}``),
    else ``raw`` (``context=edit``), else the field itself when it is a string (the older
    APIs); ``None`` when that is missing or blank."""
    if isinstance(field, dict):
        field = next((v for key in ("rendered", "raw")
                      if isinstance(v := field.get(key), str) and v.strip()), None)
    return field if isinstance(field, str) and field.strip() else None


# ------------------------------------------------------------------------------ one post


def _rest_article(path: Path, post: Mapping[str, Any], report: Report) -> Read:
    controls = ControlFilter()
    link = clean_line(controls, string_field(post.get("link") or post.get("URL")), "the link")
    slug = post_slug(clean_line(controls, string_field(post.get("slug")), "the slug"), link,
                     next((post[k] for k in ("id", "ID", "databaseId") if k in post), None),
                     path, controls)
    where = slug
    title, no_title = post_title(_has_text(post.get("title")), slug, controls)
    embedded = post.get("_embedded")
    embedded = embedded if isinstance(embedded, dict) else {}
    authors = _rest_authors(post, embedded, controls)
    published = _rest_date(post, "date", report, where)
    content, excerpt = _content(post), _has_text(post.get("excerpt"))
    if content is None:
        report.warning("excerpt-only", where,
                       "the payload holds no content for the post (a _fields listing?): "
                       "its excerpt is the article")
        content, excerpt = excerpt or "", None
    blocks = parse_html_fragment(
        content, base_url=link, report=report, where=where,
        media_alt=_rest_media_alt(post, embedded, controls), controls=controls,
    )
    summary = post_summary(excerpt, controls)
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


def _content(post: Mapping[str, Any]) -> str | None:
    """The post's HTML. ``rendered`` is what a visitor sees (shortcodes and dynamic blocks
    rendered by the site), so it comes first; a ``context=edit`` payload that holds only
    ``raw`` has what a WXR export holds, and is read the same way: paragraphs for classic-editor
    text, the notes of the Footnotes block from ``meta.footnotes``."""
    field = post.get("content")
    if isinstance(field, str):
        return field if field.strip() else None
    if not isinstance(field, dict):
        return None
    rendered, raw = field.get("rendered"), field.get("raw")
    if isinstance(rendered, str) and rendered.strip():
        return rendered
    if isinstance(raw, str) and raw.strip():
        meta = post.get("meta")
        return with_footnotes(_autop(raw), meta.get("footnotes") if isinstance(meta, dict)
                              else None)
    return None


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


def _rest_authors(post: Mapping[str, Any], embedded: Mapping[str, Any],
                  controls: ControlFilter) -> tuple[str, ...]:
    """The authors' names: ``_embedded.author[].name`` (``?_embed``); else ``author.name``,
    where the older APIs give the author as an object (in ``wp/v2`` it is a user id)."""
    authors = embedded.get("author")
    if not isinstance(authors, list):
        authors = [_node(post.get("author"))]
    names = (
        clean_line(controls, string_field(a.get("name")), "the author's name")
        for a in authors if isinstance(a, dict)
    )
    return tuple(name for name in names if name)


def _rest_media_alt(post: Mapping[str, Any], embedded: Mapping[str, Any],
                    controls: ControlFilter) -> dict[str, str]:
    """Alt text by image URL, every size included, from the embedded featured media
    (``_embedded["wp:featuredmedia"]``, or a ``featured_image`` object with ``source_url``).

    An empty ``alt_text`` means nobody wrote one (not "decorative"), so it is left out.
    """
    media = embedded.get("wp:featuredmedia")
    items = media if isinstance(media, list) else [post.get("featured_image"),
                                                    _node(post.get("featuredImage"))]
    alts: dict[str, str] = {}
    for item in items:
        if not isinstance(item, dict):
            continue
        alt = clean_line(controls, string_field(item.get("alt_text") or item.get("altText")),
                         "the featured media")
        if not alt:
            continue
        for url in _media_urls(item):
            alts[controls(url, "the featured media", one_line=True)] = alt
    return alts


def _node(field: object) -> object:
    """A GraphQL connection's ``node`` (``{"node": {"name": …}}``, WPGraphQL), else the field."""
    return field["node"] if isinstance(field, dict) and "node" in field else field


def _media_urls(item: Mapping[str, Any]) -> Iterator[str]:
    for key in ("source_url", "sourceUrl"):
        if isinstance(item.get(key), str):
            yield item[key]
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

