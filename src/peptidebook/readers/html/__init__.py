"""Step 1 - Reading: turn an HTML fragment (a WordPress post body) into model blocks.

:func:`parse_html_fragment` parses the fragment as the WHATWG HTML standard says (its fragment
parsing algorithm, in a ``<div>``: :mod:`._tree`), so void elements and mis-nested markup
come out as in a browser, then walks the tree once (:mod:`._mapper`), mapping meaning and
dropping presentation:

* no ``style``/``class``/``itemprop``/``itemscope``/``itemtype`` attribute is ever copied: the
  model has no place for them;
* active content (``<script>``, forms, ``<template>``, event handlers, ``javascript:`` URLs)
  never reaches the model and is reported as ``dropped-unsafe``; ``<style>`` too (as ``info``);
* ``<iframe>``/``<embed>``/``<object>``/``<video>``/``<audio>`` become a link to their source
  (``embed-linked``), an ``<object>`` followed by its fallback content; an image whose source is
  not http(s) becomes its alt text (``fetch-refused``); a ``<picture>`` is its ``<img>``;
* wrappers (``<div>``, ``<section>``, ``<span>`` …) are unwrapped; inline content beside blocks
  becomes its own paragraph;
* the block editor's blocks (WordPress's Gutenberg: accordions, footnotes, covers, embeds,
  buttons, galleries, preformatted text and verse, quotes with their attribution) are read by
  their ``wp-block-…`` class (:mod:`._gutenberg`, :mod:`._footnotes`); a ``<button>``'s text
  is kept, its handlers dropped;
* elements it does not know are kept visibly as :class:`~peptidebook.model.RawBlock` /
  :class:`~peptidebook.model.RawInline` (``raw-kept``): never silently dropped;
* characters XML 1.0 forbids (raw, or decoded from references such as ``&#x1b;``) are removed
  by :class:`~peptidebook.readers.characters.ControlFilter` (``control-removed``);
* the walk follows at most :data:`MAX_DEPTH` levels of element nesting: an element nested
  deeper is replaced by its text (``nesting-flattened``, :mod:`._depth`), so that neither this
  reader nor the stages after it (cleaning, rendering, WeasyPrint's layout) recurse past
  Python's limit; the parser itself opens at most :data:`~._bounds.PARSE_DEPTH` levels and
  reopens a bounded number of formatting elements, so that it takes time linear in the length
  of the markup.

Whitespace is left as found; :mod:`peptidebook.cleaning.whitespace` normalises it.
"""

from __future__ import annotations

from collections.abc import Mapping

from bs4 import BeautifulSoup
from bs4.element import NavigableString

from ...diagnostics import Report
from ...model import Block
from ..characters import ControlFilter, has_forbidden
from ._bounds import ParseLimits
from ._depth import flatten_deep, report_parse_limits
from ._elements import BLOCKS, MAX_DEPTH, PRESENTATION, UNSAFE
from ._footnotes import find_footnotes
from ._mapper import Mapper
from ._tree import parse_fragment

__all__ = ["MAX_DEPTH", "html_to_text", "parse_html_fragment"]


def parse_html_fragment(
    markup: str,
    *,
    base_url: str | None,
    report: Report,
    where: str,
    media_alt: Mapping[str, str] | None = None,
    controls: ControlFilter | None = None,
) -> tuple[Block, ...]:
    """Map an HTML fragment to model blocks.

    ``base_url`` resolves relative links and image sources; ``media_alt`` gives the alternative
    text of images (keyed by absolute URL) whose ``<img>`` has no ``alt`` attribute.
    ``controls`` collects the characters removed for the caller to report with the rest of the
    source; without it, they are reported here, under ``where``.
    """
    own = controls is None
    controls = controls or ControlFilter()
    limits = ParseLimits()
    soup = _parse(markup, controls, "the content", limits)
    report_parse_limits(report, where, limits.skipped, limits.not_reopened)
    flatten_deep(soup, report, where, limits.held_back)
    mapper = Mapper(base_url, report, where, media_alt or {}, find_footnotes(soup))
    blocks = tuple(mapper.blocks(soup.contents))
    if own:
        controls.report(report, where)
    return blocks


def html_to_text(markup: str, *, controls: ControlFilter, field: str) -> str:
    """The visible text of a small piece of HTML (a title, an excerpt), whitespace collapsed.
    Forbidden characters are removed into ``controls`` under ``field`` ("the title")."""
    soup = _parse(markup, controls, field, ParseLimits())
    for tag in soup.find_all(sorted(UNSAFE | PRESENTATION)):
        tag.decompose()
    for tag in soup.find_all(sorted(BLOCKS | {"br"})):
        tag.insert_after(" ")  # words of two blocks (or lines) stay apart; inline runs join
    return " ".join(soup.get_text().split())


def _parse(markup: str, controls: ControlFilter, field: str, limits: ParseLimits) -> BeautifulSoup:
    """The parsed markup, without characters XML forbids: raw ones are removed before parsing
    (the parser would turn a NUL into U+FFFD or drop it), the ones decoded from character
    references (``&#x1b;``) after."""
    soup = parse_fragment(controls(markup, field), limits)
    strings = [
        node for node in soup.descendants if isinstance(node, NavigableString)
        and has_forbidden(node)
    ]
    for node in strings:
        node.replace_with(type(node)(controls(str(node), field)))
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            if isinstance(value, str):
                if has_forbidden(value):
                    tag.attrs[name] = controls(value, field, one_line=True)
            elif any(has_forbidden(part) for part in value):
                cleaned = (controls(part, field, one_line=True) for part in value)
                tag.attrs[name] = type(value)(cleaned)
    return soup
