"""Step 1 - Reading (HTML pages): tell a whole saved page from a bare post fragment, and take
a page's main content out of its navigation, sidebars, comments and footer.

A **fragment** is mapped whole: markup with no ``<html>``/``<head>``/``<body>`` tag, or a body
that is just the post (no ``<nav>``/``<header>``/``<footer>``/``<aside>`` outside an
``<article>``, at most one ``<article>``). A **page** goes through trafilatura
(https://trafilatura.readthedocs.io), which finds the main content and gives it back as HTML
that keeps headings, lists, tables, images with their alt text, links and emphasis; that HTML
is then mapped by :func:`peptidebook.readers.html.parse_html_fragment` like any post body, so
one mapper turns HTML into the model. trafilatura was chosen over readability-lxml by a
measurement on pages neither was written for (see the README, "HTML pages and Markdown").

What was left out is measured, not guessed: the words of the body (outside ``<script>``,
``<style>``, ``<noscript>``, ``<template>``) against the words kept, and, for each kind of
landmark (navigation, header, footer, sidebar, comments, forms), its words that are not among
those kept.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html import escape
from typing import Any

import lxml.etree
import lxml.html

__all__ = ["WHOLE_PAGE_SHARE", "Extraction", "body_markup", "extract_main", "is_fragment",
           "keeps_nearly_all", "parse_document", "words"]

#: The tags that make markup a whole document rather than a fragment.
_DOCUMENT_TAG = re.compile(r"<(?:html|head|body)[\s>/]", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
#: An XML declaration, which lxml refuses in a (decoded) string.
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_WORD = re.compile(r"\w+")

#: Text that is never read: what a browser does not show as the page's text.
_HIDDEN = "ancestor::script or ancestor::style or ancestor::noscript or ancestor::template"

#: The parts of a page around its article, by the landmark (ARIA role or HTML element) or the
#: class/id names that publishing tools give them. Named in ``page-extracted``.
LANDMARKS: tuple[tuple[str, str], ...] = (
    ("navigation", "//nav | //*[@role='navigation']"),
    ("header", "//header[not(ancestor::article)] | //*[@role='banner']"),
    ("footer", "//footer[not(ancestor::article)] | //*[@role='contentinfo']"),
    ("sidebar", ("//aside | //*[@role='complementary']"
                 " | //*[contains(concat(' ', normalize-space(@class), ' '), ' sidebar ')]"
                 " | //*[contains(concat(' ', normalize-space(@class), ' '), ' widget ')]")),
    ("comments", ("//*[@id='comments' or @id='disqus_thread'"
                 " or contains(concat(' ', normalize-space(@class), ' '), ' comments ')"
                 " or contains(concat(' ', normalize-space(@class), ' '), ' comments-area ')"
                 " or contains(concat(' ', normalize-space(@class), ' '), ' comment-list ')"
                 " or contains(concat(' ', normalize-space(@class), ' '), ' commentlist ')]")),
    ("forms", "//form"),
)


#: The landmarks HTML and ARIA name (not the class names of :data:`LANDMARKS`, which a theme
#: may also give its main column: Blogger's posts sit in a ``widget``): a page whose text is
#: all inside them has no article, whatever an extractor falls back on.
_SEMANTIC = ("//nav | //header[not(ancestor::article)] | //footer[not(ancestor::article)]"
             " | //aside | //*[@role='navigation' or @role='banner' or @role='contentinfo'"
             " or @role='complementary']")


@dataclass(frozen=True)
class Extraction:
    """A page's main content as HTML, how many words of the body it keeps, and the words of
    each kind of landmark left out (``("navigation", 120)``)."""

    markup: str
    kept_words: int
    body_words: int
    left_out: tuple[tuple[str, int], ...]


def parse_document(text: str) -> Any | None:
    """The page as an lxml HTML document (libxml2's parser: lenient, as a browser is);
    ``None`` when it holds no element (only comments, such as ``<!-- wp:more -->``)."""
    try:
        return lxml.html.document_fromstring(_XML_DECLARATION.sub("", text))
    except lxml.etree.ParserError:  # "Document is empty"
        return None


def is_fragment(text: str) -> bool:
    """Whether the markup is a bare post fragment (no ``<html>``, ``<head>`` or ``<body>``),
    to be mapped whole (see the module docstring)."""
    return _DOCUMENT_TAG.search(_COMMENT.sub("", text)) is None


#: A whole page whose extraction keeps at least this share of its body's words has nothing
#: around its article worth leaving out (an exported post saved as a document): it is mapped
#: whole, which keeps what extraction loses (figures and their captions, ``lang`` marks).
WHOLE_PAGE_SHARE = 0.95


def keeps_nearly_all(extraction: Extraction) -> bool:
    """Whether an extraction left (nearly) nothing of the page out: no landmark, and at least
    :data:`WHOLE_PAGE_SHARE` of the body's words kept."""
    return not extraction.left_out and (
        extraction.kept_words >= WHOLE_PAGE_SHARE * extraction.body_words)


def body_markup(root: Any) -> str:
    """The markup inside ``<body>``, serialised again."""
    body = root.body
    return escape(body.text or "", quote=False) + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in body)


def words(element: Any) -> list[str]:
    """The words of an element's visible text."""
    text = " ".join(element.xpath(f".//text()[not({_HIDDEN})]"))
    return _WORD.findall(text.lower())


def extract_main(text: str, root: Any, url: str | None) -> Extraction | None:
    """The main content of the page, or ``None`` when there is none: no words outside its
    landmarks (trafilatura would then fall back on the navigation's text), or none that
    trafilatura keeps."""
    body_words = len(words(root.body))
    semantic = _outermost(root.xpath(_SEMANTIC))
    if body_words <= sum(len(words(element)) for element in semantic):
        return None
    # Imported here: trafilatura (with dateparser) takes a tenth of a second to import, which
    # only a page needs.
    import trafilatura  # noqa: PLC0415 (see above)

    markup = trafilatura.extract(
        _XML_DECLARATION.sub("", text), url=url, output_format="html",
        include_formatting=True, include_links=True, include_images=True, include_tables=True,
        include_comments=False, deduplicate=False, with_metadata=False,
    )
    if not markup:
        return None
    extracted = lxml.html.document_fromstring(markup)
    kept = words(extracted.body)
    if not kept:
        return None
    # A landmark's words that the kept text does not hold (as a multiset: a word the article
    # also uses counts as kept, so a left-out figure is a floor, never an overstatement).
    kept_counts = Counter(kept)
    left_out: dict[str, int] = {}
    for kind, element in _landmarks(root):
        if missing := (Counter(words(element)) - kept_counts).total():
            left_out[kind] = left_out.get(kind, 0) + missing
    return Extraction(body_markup(extracted), len(kept), body_words, tuple(left_out.items()))


def _landmarks(root: Any) -> list[tuple[str, Any]]:
    """The landmarks of the page, each named by its first kind, the outermost only (a form in
    a sidebar is counted once, with the sidebar)."""
    found: dict[Any, str] = {}
    for kind, path in LANDMARKS:
        for element in root.xpath(path):
            found.setdefault(element, kind)
    outermost = set(_outermost(list(found)))
    return [(kind, element) for element, kind in found.items() if element in outermost]


def _outermost(elements: list[Any]) -> list[Any]:
    """The elements not inside another of them."""
    given = set(elements)
    return [e for e in elements if not any(a in given for a in e.iterancestors())]
