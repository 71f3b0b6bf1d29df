"""Step 1 - Reading (HTML pages): what a page says about its article — title, authors, date,
language, publisher, address, summary — from JSON-LD (schema.org), Open Graph and
``article:`` properties (https://ogp.me), ``<meta>`` and the markup, each field from the first
place that gives it, in the order :class:`PageMeta`'s fields list."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from .._addresses import is_absolute_http
from ..characters import ControlFilter
from ..wordpress._post import clean_line, iso_datetime, language_tag

__all__ = ["PageMeta", "base_url", "page_meta"]

#: schema.org types whose JSON-LD object describes the article itself (Article and the
#: subtypes sites use for posts: https://schema.org/Article, "More specific Types").
ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "BlogPosting", "AnalysisNewsArticle", "OpinionNewsArticle",
    "ReportageNews", "ReviewNewsArticle", "BackgroundNewsArticle", "ScholarlyArticle",
    "TechArticle", "Report", "LiveBlogPosting", "SocialMediaPosting", "MedicalScholarlyArticle",
})

#: What separates a page title from the site's name: "Post | Site", "Post - Site", "Post — Site".
_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " » ")

#: A browser's "Save page as" mark: ``<!-- saved from url=(0041)https://… -->`` (the number is
#: the address's length).
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)


@dataclass(frozen=True)
class PageMeta:
    """What the page says about its article; each field is ``None`` (or empty) when it does not
    say. The docstring of each ``_field`` function gives the order of the places it looks."""

    title: str | None
    authors: tuple[str, ...]
    published: datetime | None
    lang: str | None
    publisher: str | None
    url: str | None
    summary: str | None
    licence: str | None = None


def page_meta(root: Any, text: str, controls: ControlFilter) -> PageMeta:
    """The metadata of the page parsed as ``root`` (an lxml HTML document) from ``text``."""
    ld = list(_ld_articles(root))
    meta = _Meta(root, controls)
    site = _first(_ld_publisher(ld, controls), meta.property("og:site_name"))
    return PageMeta(
        title=_title(root, ld, meta, site, controls),
        authors=_authors(ld, meta, controls),
        published=_published(root, ld, meta),
        lang=_lang(root, ld, meta),
        publisher=site,
        url=_url(root, ld, meta, text),
        summary=_first(meta.name("description"), meta.property("og:description")),
        licence=_licence(root, ld, meta, controls),
    )


class _Meta:
    """The page's ``<meta>`` values, cleaned to one line."""

    def __init__(self, root: Any, controls: ControlFilter) -> None:
        self._root = root
        self._controls = controls

    def _value(self, attribute: str, key: str) -> str | None:
        for element in self._root.iter("meta"):
            if (element.get(attribute) or "").strip().lower() == key:
                value = clean_line(self._controls, element.get("content"), f"<meta {key}>")
                if value:
                    return value
        return None

    def name(self, key: str) -> str | None:
        return self._value("name", key)

    def property(self, key: str) -> str | None:
        # Open Graph says ``property``; many pages write ``name`` for it.
        return self._value("property", key) or self._value("name", key)

    def http_equiv(self, key: str) -> str | None:
        return self._value("http-equiv", key)


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


# --------------------------------------------------------------------------- JSON-LD


def _ld_articles(root: Any) -> Iterator[dict[str, Any]]:
    """The JSON-LD objects of an article type, in document order (``@graph`` unwrapped).
    A script that is not valid JSON is skipped: it says nothing we can read."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, RecursionError):
            continue
        yield from _objects(data)


def _objects(data: object, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 3:  # an article sits at the top, in a list or in @graph: no deeper
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        kinds = data.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(k, str) and k in ARTICLE_TYPES for k in kinds):
            yield data
        yield from _objects(data.get("@graph"), depth + 1)


def _ld_text(value: object) -> str | None:
    """A JSON-LD value that is text, or an object's ``name``."""
    if isinstance(value, dict):
        value = value.get("name")
    return (value.strip() or None) if isinstance(value, str) else None


def _ld_field(ld: list[dict[str, Any]], key: str, controls: ControlFilter) -> str | None:
    return next((clean_line(controls, text, f"JSON-LD {key}") for obj in ld
                 if (text := _ld_text(obj.get(key)))), None)


def _ld_publisher(ld: list[dict[str, Any]], controls: ControlFilter) -> str | None:
    return _ld_field(ld, "publisher", controls)


# --------------------------------------------------------------------------- fields


def _licence(root: Any, ld: list[dict[str, Any]], meta: _Meta,
             controls: ControlFilter) -> str | None:
    """JSON-LD ``license`` (schema.org CreativeWork), a ``<link rel="license">`` or ``<a
    rel="license">`` address (HTML §4.6.7.10: the main content's licence), ``<meta
    name="dcterms.license">`` or ``dcterms.rights``/``dc.rights``."""
    linked = next((href for element in root.iter("link", "a")
                   if "license" in (element.get("rel") or "").lower().split()
                   and is_absolute_http(href := (element.get("href") or "").strip())), None)
    return _first(_ld_field(ld, "license", controls),
                  clean_line(controls, linked, "rel=license") if linked else None,
                  meta.name("dcterms.license"), meta.name("dcterms.rights"),
                  meta.name("dc.rights"))


def _title(root: Any, ld: list[dict[str, Any]], meta: _Meta, site: str | None,
           controls: ControlFilter) -> str | None:
    """JSON-LD ``headline``, ``og:title``, the first ``<h1>``, ``<title>``; without a
    " | Site" ending when that ending is the site's name."""
    h1 = next((" ".join(e.text_content().split()) for e in root.iter("h1")), None)
    title_element = next((" ".join((e.text or "").split()) for e in root.iter("title")), None)
    for candidate in (_ld_field(ld, "headline", controls), meta.property("og:title"),
                      clean_line(controls, h1, "the heading"),
                      clean_line(controls, title_element, "the title")):
        if candidate:
            return _without_site(candidate, site)
    return None


def _without_site(title: str, site: str | None) -> str:
    if not site:
        return title
    for separator in _SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if found and head.strip() and tail.strip().casefold() == site.casefold():
            return head.strip()
    return title


def _authors(ld: list[dict[str, Any]], meta: _Meta, controls: ControlFilter
             ) -> tuple[str, ...]:
    """JSON-LD ``author`` names; else ``<meta name="author">``; else ``article:author`` when it
    is a name (Facebook asks for a profile address there)."""
    for obj in ld:
        value = obj.get("author")
        people = value if isinstance(value, list) else [value]
        names = [clean_line(controls, _ld_text(p), "JSON-LD author") for p in people]
        if found := tuple(dict.fromkeys(n for n in names if n)):
            return found
    if name := meta.name("author"):
        return (name,)
    author = meta.property("article:author")
    if author and not urlsplit(author).scheme and "/" not in author:
        return (author,)
    return ()


def _published(root: Any, ld: list[dict[str, Any]], meta: _Meta) -> datetime | None:
    """JSON-LD ``datePublished``, ``article:published_time``, the first ``<time datetime>``
    inside the page's ``<article>``."""
    for value in (*(obj.get("datePublished") for obj in ld),
                  meta.property("article:published_time"),
                  *(t.get("datetime") for t in root.xpath("//article//time[@datetime]")[:1])):
        if (parsed := iso_datetime(value)) is not None:
            return parsed
    return None


def _lang(root: Any, ld: list[dict[str, Any]], meta: _Meta) -> str | None:
    """``<html lang>`` (or ``xml:lang``), JSON-LD ``inLanguage``, ``og:locale``, the
    ``content-language`` pragma; the first that is a well-formed language tag."""
    declared = (root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang"),
                *(_ld_text(obj.get("inLanguage")) for obj in ld),
                meta.property("og:locale"), meta.http_equiv("content-language"))
    for value in declared:
        if value and (tag := language_tag(value.split(",")[0].strip())):
            return tag
    return None


def _url(root: Any, ld: list[dict[str, Any]], meta: _Meta, text: str) -> str | None:
    """``<link rel="canonical">``, ``og:url``, JSON-LD ``url``, a saved page's "saved from"
    mark; the first absolute http(s) address."""
    canonical: list[str | None] = [link.get("href") for link in root.iter("link")
                 if "canonical" in (link.get("rel") or "").lower().split()]
    saved = _SAVED_FROM.search(text[:4096])
    for value in (*canonical, meta.property("og:url"), *(_ld_text(o.get("url")) for o in ld),
                  saved[1] if saved else None):
        if value and is_absolute_http(value.strip()):
            return value.strip()
    return None


def base_url(root: Any, url: str | None) -> str | None:
    """What relative links of the page resolve against: its ``<base href>`` (itself resolved
    against the page's address), else the page's address."""
    base = next((b.get("href") for b in root.iter("base") if b.get("href")), None)
    if base is None:
        return url
    try:
        joined = urljoin(url or "", base.strip())
    except ValueError:
        return url
    return joined if is_absolute_http(joined) else url
